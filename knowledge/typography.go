package knowledge

import (
	"fmt"
	"strings"
	"unicode"
)

const (
	nnbsp = '\u202f' // narrow no-break space: before : ; ! ? and inside « » in French
	nbsp  = '\u00a0'
)

// Typography returns what is wrong with s as a text in l: French wants a
// narrow no-break space before high punctuation and inside guillemets, and
// curly apostrophes; English wants no space before punctuation and curly
// apostrophes and quotes. Times ("12:30"), numbers ("5\u202f000") and URLs
// ("https://") are not punctuation, and format verbs are letters like any
// other, so "%s\u202f: %s" passes.
func Typography(l Lang, s string) []string {
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
