package console

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// TestTranscriptTypography reads everything the terminal prints, for every
// profile and in both languages, by the house rules the knowledge texts
// follow: what the console adds around them (separators, labels joined to
// values) must not undo them, and no line may start with punctuation that
// belongs to the end of the previous one.
func TestTranscriptTypography(t *testing.T) {
	kb := loadKB(t)
	var profiles [][]int
	var walk func(prefix []int)
	walk = func(prefix []int) {
		if len(prefix) == len(knowledge.Questions) {
			profiles = append(profiles, prefix)
			return
		}
		for o := range knowledge.Questions[len(prefix)].Options {
			walk(append(prefix[:len(prefix):len(prefix)], o+1))
		}
	}
	walk(nil)
	for _, lang := range knowledge.Langs {
		for i, p := range profiles {
			var in strings.Builder
			if i == 0 { // the hints and words once: every profile prints them the same
				in.WriteString("banana\nhelp\nback\n")
			}
			for _, o := range p {
				in.WriteString(strconv.Itoa(o) + "\n")
			}
			in.WriteString("xyz\ncase\n")
			out := run(t, kb, lang, in.String())
			for n, l := range strings.Split(out, "\n") {
				l = strings.TrimPrefix(l, prompt)
				if s := strings.TrimSpace(l); s != "" && strings.ContainsRune(":;!?»", []rune(s)[0]) {
					t.Fatalf("%s profile %v: line %d starts with punctuation: %q", lang, p, n+1, l)
				}
				if bad := knowledge.Typography(lang, l); len(bad) > 0 {
					t.Fatalf("%s profile %v: line %d: %s in %q", lang, p, n+1, bad[0], l)
				}
			}
		}
	}
	if len(profiles) != 3*4*4*3*2 {
		t.Errorf("walked %d profiles, want %d", len(profiles), 3*4*4*3*2)
	}
}
