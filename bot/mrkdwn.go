package bot

import (
	"strings"
	"unicode"
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

// echoReplacer swaps mrkdwn's emphasis characters for look-alikes that
// Slack does not parse: Slack has no escape for them, and a reply quoted
// back must read as typed, not as "*bold*" or "~struck~" formatting the
// user's words into something they did not say.
var echoReplacer = strings.NewReplacer("*", "∗", "_", "ˍ", "~", "∼", "`", "ˋ")

// escapeEcho makes user text safe to quote back in mrkdwn: escaped like
// any user text, emphasis characters neutralised, and invisible format
// characters dropped — right-to-left overrides and isolates would let a
// reply rearrange the sentence it is quoted in — and so are control
// characters other than tab and newline: a NUL or a backspace has no
// place in a sentence, and clients render them each their own way.
func escapeEcho(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && r != '\t' && r != '\n' {
			return -1
		}
		return r
	}, s)
	return escapeMrkdwn(echoReplacer.Replace(s))
}

// escapeLinkURL makes url safe inside Slack's <url|text> link syntax:
// escaped like any text, and a "|" percent-encoded, which would otherwise
// end the URL and turn its rest into the link's label.
func escapeLinkURL(url string) string {
	return escapeMrkdwn(strings.ReplaceAll(url, "|", "%7C"))
}
