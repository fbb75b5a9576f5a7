package bot

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestEscapeMrkdwn(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "empty", in: "", want: ""},
		{name: "plain", in: "Start-up, 5 devs", want: "Start-up, 5 devs"},
		{name: "channel mention", in: "<!channel> look", want: "&lt;!channel&gt; look"},
		{name: "here and everyone", in: "<!here|here> <!everyone>", want: "&lt;!here|here&gt; &lt;!everyone&gt;"},
		{name: "user mention", in: "ping <@U123ABC>", want: "ping &lt;@U123ABC&gt;"},
		{name: "channel link", in: "<#C123|general>", want: "&lt;#C123|general&gt;"},
		{name: "subteam", in: "<!subteam^S123>", want: "&lt;!subteam^S123&gt;"},
		{name: "fake link", in: "<https://evil.example|Click>", want: "&lt;https://evil.example|Click&gt;"},
		{name: "ampersand", in: "R&D", want: "R&amp;D"},
		{name: "already an entity", in: "&lt;", want: "&amp;lt;"},
		{name: "french quotes kept", in: "« Cœur » — été", want: "« Cœur » — été"},
		{name: "emphasis kept", in: "*bold* _it_ ~s~", want: "*bold* _it_ ~s~"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeMrkdwn(tt.in); got != tt.want {
				t.Errorf("escapeMrkdwn(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{name: "short", in: "abc", n: 5, want: "abc"},
		{name: "exact", in: "abcde", n: 5, want: "abcde"},
		{name: "cut", in: "abcdef", n: 5, want: "abcd…"},
		{name: "multibyte exact", in: "été", n: 3, want: "été"},
		{name: "multibyte cut", in: "ééééé", n: 3, want: "éé…"},
		{name: "emoji not split", in: "👉👉👉", n: 2, want: "👉…"},
		{name: "one rune budget", in: "abc", n: 1, want: "…"},
		{name: "zero budget", in: "abc", n: 0, want: ""},
		{name: "negative budget", in: "abc", n: -1, want: ""},
		{name: "invalid bytes kept", in: "a\xffb\xfec", n: 3, want: "a\xff…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncateRunes(tt.in, tt.n); got != tt.want {
				t.Errorf("truncateRunes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestClipMrkdwn(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{name: "fits", in: "R&amp;D", n: 10, want: "R&amp;D"},
		{name: "cut inside entity", in: "R&amp;D team", n: 5, want: "R…"},
		{name: "cut after entity", in: "R&amp;D team", n: 8, want: "R&amp;D…"},
		{name: "cut on ampersand", in: "ab&lt;cd", n: 3, want: "ab…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clipMrkdwn(tt.in, tt.n); got != tt.want {
				t.Errorf("clipMrkdwn(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

// unescapeMrkdwn is the inverse of escapeMrkdwn, for the round-trip check.
var unescapeMrkdwn = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace

// FuzzEscape holds escapeMrkdwn to SPEC §7: whatever a user types, nothing
// in the output can open a mention or a link, and nothing is lost.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "<!channel>", "<@U123>", "&amp;", "a\xffb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := escapeMrkdwn(s)
		if strings.ContainsAny(got, "<>") {
			t.Fatalf("escapeMrkdwn(%q) = %q, contains < or >", s, got)
		}
		for i := 0; i < len(got); i++ {
			if got[i] != '&' {
				continue
			}
			if rest := got[i:]; !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
				t.Fatalf("escapeMrkdwn(%q) = %q, has a bare & at %d", s, got, i)
			}
		}
		if back := unescapeMrkdwn(got); back != s {
			t.Fatalf("unescape(escapeMrkdwn(%q)) = %q, want the input", s, back)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("escapeMrkdwn(%q) = %q, not valid UTF-8", s, got)
		}
	})
}

// FuzzTruncateRunes checks truncateRunes's promises: the budget holds, the
// result is a prefix of the input, and valid UTF-8 stays valid.
func FuzzTruncateRunes(f *testing.F) {
	f.Add("été 👉 <!channel>", 5)
	f.Add("abc", 0)
	f.Add("a\xffb", 2)
	f.Fuzz(func(t *testing.T, s string, n int) {
		n %= 200
		got := truncateRunes(s, n)
		if c := utf8.RuneCountInString(got); c > max(n, 0) {
			t.Fatalf("truncateRunes(%q, %d) = %q, %d runes", s, n, got, c)
		}
		if got != s && n > 0 && !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
			t.Fatalf("truncateRunes(%q, %d) = %q, not a prefix of the input", s, n, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("truncateRunes(%q, %d) = %q, not valid UTF-8", s, n, got)
		}
	})
}

func TestEscapeEcho(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"*bold* _it_ ~gone~ `code`", "∗bold∗ ˍitˍ ∼gone∼ ˋcodeˋ"},
		{"<!channel> & <@U1>", "&lt;!channel&gt; &amp; &lt;@U1&gt;"},
		{"pay \u202eKCOL\u202c now", "pay KCOL now"}, // right-to-left override and pop
		{"a\u2066b\u2069c\u200fd\u200be", "abcde"},   // isolates, RLM, zero-width space
		{"> quoted", "&gt; quoted"},
		{"café ✓", "café ✓"},
		{"1\x00<!channel>", "1&lt;!channel&gt;"},         // NUL
		{"a\x1b[31mb\x7f\u0085c\rd", "a[31mbcd"},         // escape, DEL, C1 next line, carriage return
		{"line one\n\tline two", "line one\n\tline two"}, // layout kept
	} {
		if got := escapeEcho(tc.in); got != tc.want {
			t.Errorf("escapeEcho(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscapeLinkURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a?b=c&d=e", "https://example.com/a?b=c&amp;d=e"},
		{"https://example.com/x|Click here", "https://example.com/x%7CClick here"},
		{"https://example.com/<x>", "https://example.com/&lt;x&gt;"},
	} {
		if got := escapeLinkURL(tc.in); got != tc.want {
			t.Errorf("escapeLinkURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzEcho checks that a quoted reply can neither format nor reorder the
// sentence around it, nor open a mention or a link.
func FuzzEcho(f *testing.F) {
	for _, s := range []string{"*x*", "_y_", "~z~", "`c`", "\u202egnp.exe", "<!here>", "a|b", "", "1\x00<!channel>", "\x1b\x7f\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := escapeEcho(s)
		if strings.ContainsAny(out, "*_~`<>") {
			t.Errorf("escapeEcho(%q) = %q keeps a mrkdwn control character", s, out)
		}
		for _, r := range out {
			if unicode.Is(unicode.Cf, r) {
				t.Errorf("escapeEcho(%q) = %q keeps the format character %U", s, out, r)
			}
			if unicode.IsControl(r) && r != '\t' && r != '\n' {
				t.Errorf("escapeEcho(%q) = %q keeps the control character %U", s, out, r)
			}
		}
	})
}
