package bot

import (
	"strings"
	"unicode/utf8"
)

// mrkdwnEscaper neutralises Slack's three control characters. One pass
// matters: replacing "&" after "<" would turn "&lt;" into "&amp;lt;".
var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeMrkdwn makes s safe to place in mrkdwn (and in a message's fallback
// text, which Slack parses the same way): no "<!channel>", "<@U…>", "<#C…>"
// or "<https://x|y>" typed by a user, or carried by knowledge text, can
// become live.
func escapeMrkdwn(s string) string { return mrkdwnEscaper.Replace(s) }

// truncateRunes shortens s to at most n runes, the last being "…" when s was
// cut, so the reader sees that something is missing. It cuts between runes,
// never inside one; invalid bytes count as one rune each and are kept as
// they are.
func truncateRunes(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, kept := 0, 0
	for kept < n-1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		kept++
	}
	return s[:i] + "…"
}

// clipMrkdwn is truncateRunes for text already escaped: it also drops an
// entity the cut left half written ("&am…"), which Slack would show raw.
func clipMrkdwn(s string, n int) string {
	t := truncateRunes(s, n)
	if t == s {
		return s
	}
	body := strings.TrimSuffix(t, "…")
	if amp := strings.LastIndexByte(body, '&'); amp >= 0 && !strings.Contains(body[amp:], ";") {
		body = body[:amp]
	}
	return body + "…"
}
