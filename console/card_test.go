package console

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

var update = flag.Bool("update", false, "rewrite golden files")

var t0 = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./console -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestCardGolden(t *testing.T) {
	kb := loadKB(t)
	rec := dialog.Score(kb, case1())
	if rec.Case != knowledge.Case1 {
		t.Fatalf("Score(case-1 profile).Case = %s, want %s", rec.Case, knowledge.Case1)
	}
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			golden(t, "card_"+string(lang)+".txt", Card(kb, lang, doneSession(lang, case1()), rec))
		})
	}
}

func TestCaseStudyGolden(t *testing.T) {
	kb := loadKB(t)
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			golden(t, "case_"+string(lang)+".txt", CaseStudy(kb, lang, knowledge.Case1))
		})
	}
}

func TestCaseStudyUnknown(t *testing.T) {
	kb := loadKB(t)
	if got := CaseStudy(kb, knowledge.English, "case-9"); got != "" {
		t.Errorf("CaseStudy(case-9) = %q, want \"\"", got)
	}
}

func TestCardTie(t *testing.T) {
	kb := loadKB(t)
	en := kb.Text(knowledge.English)
	rec := dialog.Recommendation{
		Outcome: knowledge.Hybrid,
		Case:    knowledge.CaseOf[knowledge.Hybrid],
		Tie:     &dialog.Tie{Leader: knowledge.Internal, RunnerUp: knowledge.ExternalThenInternal, Gap: 1},
	}
	got := Card(kb, knowledge.English, doneSession(knowledge.English, case1()), rec)
	tie := en.Outcomes[knowledge.Internal].Title + " and " + en.Outcomes[knowledge.ExternalThenInternal].Title
	for _, want := range []string{en.Outcomes[knowledge.Hybrid].Title, tie, en.Phrases.NoFlip} {
		if !strings.Contains(strings.ReplaceAll(got, "\n", " "), want) {
			t.Errorf("tie card lacks %q; card:\n%s", want, got)
		}
	}
}

// TestCardEveryProfile renders the card for every possible set of answers
// in both languages and checks the layout promises: nothing wider than the
// card, no trailing spaces, and every section present.
func TestCardEveryProfile(t *testing.T) {
	kb := loadKB(t)
	var walk func(i int, a map[knowledge.QuestionID]knowledge.OptionID)
	n := 0
	walk = func(i int, a map[knowledge.QuestionID]knowledge.OptionID) {
		if i == len(knowledge.Questions) {
			n++
			rec := dialog.Score(kb, a)
			for _, lang := range knowledge.Langs {
				p := kb.Text(lang).Phrases
				card := Card(kb, lang, doneSession(lang, a), rec)
				for _, l := range strings.Split(card, "\n") {
					if utf8.RuneCountInString(l) > width {
						t.Fatalf("%s card for %v has a line of %d characters: %q", lang, a, utf8.RuneCountInString(l), l)
					}
					if strings.TrimRight(l, " ") != l {
						t.Fatalf("%s card for %v has trailing spaces: %q", lang, a, l)
					}
				}
				if !strings.HasPrefix(card, p.Recommend+" — ") {
					t.Fatalf("%s card for %v does not start with %q", lang, a, p.Recommend)
				}
				for _, h := range []string{p.Why, p.WhatChanges, p.YourAnswers, p.Comparison, p.NextSteps, p.CaseStudy} {
					if !strings.Contains(card, "\n"+h+"\n") {
						t.Fatalf("%s card for %v lacks the heading %q", lang, a, h)
					}
				}
			}
			return
		}
		q := knowledge.Questions[i]
		for _, o := range q.Options {
			a[q.ID] = o
			walk(i+1, a)
		}
		delete(a, q.ID)
	}
	walk(0, map[knowledge.QuestionID]knowledge.OptionID{})
	if n != 3*4*4*3*2 {
		t.Errorf("walked %d profiles, want %d", n, 3*4*4*3*2)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name string
		s    string
		n    int
		want []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "one two", 10, []string{"one two"}},
		{"exact", "one two", 7, []string{"one two"}},
		{"breaks at spaces", "one two three", 8, []string{"one two", "three"}},
		{"collapses spaces", "  one   two  ", 20, []string{"one two"}},
		{"cuts a long word", "abcdefghij kl", 4, []string{"abcd", "efgh", "ij", "kl"}},
		{"counts runes", "été été", 7, []string{"été été"}},
		{"cuts runes whole", "ééééé", 2, []string{"éé", "éé", "é"}},
		{"keeps a narrow no-break space", "le budget\u202f: variable", 10, []string{"le", "budget\u202f:", "variable"}},
		{"keeps guillemets with their word", "tapez «\u202fétude\u202f» ici", 11, []string{"tapez", "«\u202fétude\u202f»", "ici"}},
		{"keeps a no-break space", "5\u00a0000 euros", 7, []string{"5\u00a0000", "euros"}},
		{"breaks at tabs and newlines", "a\tb\nc", 1, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, wrap(tt.s, tt.n)); diff != "" {
			t.Errorf("%s: wrap(%q, %d) mismatch (-want +got):\n%s", tt.name, tt.s, tt.n, diff)
		}
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		name  string
		items []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"a"}, "a"},
		{"two", []string{"a", "b"}, "a and b"},
		{"three", []string{"a", "b", "c"}, "a, b and c"},
	}
	for _, tt := range tests {
		if got := list(tt.items, "and"); got != tt.want {
			t.Errorf("%s: list(%q) = %q, want %q", tt.name, tt.items, got, tt.want)
		}
	}
}
