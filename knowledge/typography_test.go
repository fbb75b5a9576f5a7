package knowledge

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

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
			for _, p := range Typography(l, s) {
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
			got := Typography(tt.lang, tt.in)
			if len(got) != tt.bad {
				t.Errorf("Typography(%s, %q) = %s, want %d problems", tt.lang, tt.in, cmp.Diff([]string{}, got), tt.bad)
			}
		})
	}
}
