package knowledge

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

const (
	nnbsp = '\u202f' // narrow no-break space: before : ; ! ? and inside « » in French
	nbsp  = '\u00a0'
)

// typography returns what is wrong with s as a text in l: French wants a
// narrow no-break space before high punctuation and inside guillemets, and
// curly apostrophes; English wants no space before punctuation and curly
// apostrophes and quotes. Times ("12:30"), numbers ("5\u202f000") and URLs
// ("https://") are not punctuation, and format verbs are letters like any
// other, so "%s\u202f: %s" passes.
func typography(l Lang, s string) []string {
	var bad []string
	rs := []rune(s)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	digits := func(i int) bool { return unicode.IsDigit(at(i-1)) && unicode.IsDigit(at(i+1)) }
	url := func(i int) bool { return rs[i] == ':' && at(i+1) == '/' && at(i+2) == '/' }
	for i, r := range rs {
		prev, next := at(i-1), at(i+1)
		switch {
		case r == '\'':
			bad = append(bad, fmt.Sprintf("straight apostrophe at %d, want ’", i))
		case r == '"':
			bad = append(bad, fmt.Sprintf("straight quote at %d", i))
		}
		if l == French {
			switch {
			case strings.ContainsRune(":;!?", r) && !digits(i) && !url(i):
				switch prev {
				case nnbsp:
				case ' ', nbsp:
					bad = append(bad, fmt.Sprintf("%U before %q at %d, want U+202F", prev, r, i))
				default:
					bad = append(bad, fmt.Sprintf("no space before %q at %d, want U+202F", r, i))
				}
			case r == '«' && next != nnbsp:
				bad = append(bad, fmt.Sprintf("« at %d not followed by U+202F", i))
			case r == '»' && prev != nnbsp:
				bad = append(bad, fmt.Sprintf("» at %d not preceded by U+202F", i))
			case r == '“' || r == '”':
				bad = append(bad, fmt.Sprintf("%q at %d, want « »", r, i))
			case r == nnbsp && (unicode.IsSpace(prev) || unicode.IsSpace(next)):
				bad = append(bad, fmt.Sprintf("U+202F at %d next to another space", i))
			case r == nnbsp && !strings.ContainsRune(":;!?»", next) && prev != '«' && !digits(i):
				bad = append(bad, fmt.Sprintf("U+202F at %d before %q, which takes no space", i, next))
			}
			continue
		}
		switch {
		case strings.ContainsRune(":;!?", r) && unicode.IsSpace(prev):
			bad = append(bad, fmt.Sprintf("%U before %q at %d, want none", prev, r, i))
		case r == '«' || r == '»':
			bad = append(bad, fmt.Sprintf("%q at %d, want “ ”", r, i))
		case r == nnbsp && !digits(i):
			bad = append(bad, fmt.Sprintf("U+202F at %d", i))
		}
	}
	return bad
}

// TestTypography walks every string of every language's text: questions,
// options, outcomes, case studies, criteria, models, factors, conclusion
// and phrases, the team card's included.
func TestTypography(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs {
		n := 0
		check := func(path, s string) {
			n++
			for _, p := range typography(l, s) {
				t.Errorf("%s: %s: %s in %q", l, path, p, excerpt(s))
			}
		}
		walkStrings(reflect.ValueOf(b.Text(l)).Elem(), "", check, func(string) {})
		if n < 200 {
			t.Errorf("%s: walked %d strings, want every one of the text", l, n)
		}
	}
}

// excerpt keeps a failure message to the start of a long text.
func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	return string([]rune(s)[:80]) + "…"
}

func TestTypographyRules(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		in   string
		bad  int // how many problems typography must find
	}{
		{"fr: narrow space before colon", French, "Budget\u202f: variable", 0},
		{"fr: ascii space before colon", French, "Budget : variable", 1},
		{"fr: no-break space before question mark", French, "Où en êtes-vous\u00a0?", 1},
		{"fr: no space before exclamation", French, "À bientôt!", 1},
		{"fr: semicolon", French, "aide\u202f; Ctrl-D", 0},
		{"fr: guillemets", French, "«\u202fétude\u202f»", 0},
		{"fr: guillemets with plain spaces", French, "« étude »", 2},
		{"fr: straight apostrophe", French, "l'étude", 1},
		{"fr: curly apostrophe", French, "l’étude", 0},
		{"fr: english quotes", French, "un “cœur” stratégique", 2},
		{"fr: time", French, "à 12:30", 0},
		{"fr: url", French, "https://example.com/cto", 0},
		{"fr: format verbs", French, "%s\u202f: %s", 0},
		{"fr: thousands", French, "5\u202f000 euros", 0},
		{"fr: stray narrow space", French, "CTO\u202finterne", 1},
		{"fr: doubled space", French, "Budget \u202f: variable", 1},
		{"en: plain", English, "Budget: variable", 0},
		{"en: space before colon", English, "Budget : variable", 1},
		{"en: narrow space before question mark", English, "Ready\u202f?", 2},
		{"en: straight apostrophe", English, "didn't", 1},
		{"en: straight quotes", English, `"%s"`, 2},
		{"en: curly quotes", English, "“%s”", 0},
		{"en: guillemets", English, "«\u202fcase\u202f»", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := typography(tt.lang, tt.in)
			if len(got) != tt.bad {
				t.Errorf("typography(%s, %q) = %s, want %d problems", tt.lang, tt.in, cmp.Diff([]string{}, got), tt.bad)
			}
		})
	}
}
