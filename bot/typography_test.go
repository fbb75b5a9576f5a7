package bot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// TestGoldenTypography reads every text of every golden payload by the
// house rules the knowledge texts follow, so that what the bot adds around
// them (labels joined to values, separators, mentions, links) does not undo
// them in either language.
func TestGoldenTypography(t *testing.T) {
	files, err := filepath.Glob("testdata/*_[ef][nr].json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found %d golden payloads, want every card, question and modal", len(files))
	}
	for _, f := range files {
		lang := knowledge.English
		if strings.HasSuffix(f, "_fr.json") {
			lang = knowledge.French
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		texts(v, func(s string) {
			for _, line := range strings.Split(ours(s), "\n") {
				if bad := knowledge.Typography(lang, line); len(bad) > 0 {
					t.Errorf("%s: %s in %q", f, bad[0], line)
				}
			}
		})
	}
}

// notOurs blanks what the bot does not word: links and mentions (a URL has
// its own punctuation), and quoted user text with its escapes.
var notOurs = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`<[^<>]*>`), "LINK"},
	{regexp.MustCompile(`«\x{202f}.*?\x{202f}»`), "«\u202fQUOTE\u202f»"},
	{regexp.MustCompile(`“.*?”`), "“QUOTE”"},
}

// ours is s without what the bot does not word.
func ours(s string) string {
	for _, r := range notOurs {
		s = r.re.ReplaceAllString(s, r.with)
	}
	return s
}

// texts calls f with every "text" string in a decoded payload.
func texts(v any, f func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "text" {
				f(s)
				continue
			}
			texts(x, f)
		}
	case []any:
		for _, x := range v {
			texts(x, f)
		}
	}
}
