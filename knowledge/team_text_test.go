package knowledge

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestTeamText(t *testing.T) {
	kb, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := reflect.ValueOf(kb.Text(English).Team()).Elem()
	for _, l := range Langs {
		tt := kb.Text(l).Team()
		if tt != &kb.Text(l).Phrases.Team {
			t.Errorf("Text(%s).Team() is not the %s phrases' team table", l, l)
		}
		v := reflect.ValueOf(tt).Elem()
		for i := range v.NumField() {
			name, s := v.Type().Field(i).Name, v.Field(i).String()
			if s == "" {
				t.Errorf("%s: TeamText.%s is empty", l, name)
			}
			if want, got := verbs(ref.Field(i).String()), verbs(s); !slices.Equal(want, got) {
				t.Errorf("%s: TeamText.%s has verbs %v, want %v", l, name, got, want)
			}
			if strings.ContainsAny(s, markup+"'") {
				t.Errorf("%s: TeamText.%s = %q holds markup or a straight apostrophe", l, name, s)
			}
			if l == French {
				for _, bad := range []string{" :", " ;", " !", " ?", "« ", " »", "\u00a0:"} {
					if strings.Contains(s, bad) {
						t.Errorf("fr: TeamText.%s = %q: %q wants a narrow no-break space (U+202F)", name, s, bad)
					}
				}
				for _, p := range []string{":", ";", "!", "?", "»"} {
					if i := strings.Index(s, p); i > 0 && !strings.HasSuffix(s[:i], "\u202f") {
						t.Errorf("fr: TeamText.%s = %q: no narrow no-break space before %q", name, s, p)
					}
				}
			}
		}
	}
}
