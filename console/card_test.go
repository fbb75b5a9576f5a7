package console

import (
	"flag"
	"fmt"
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

// goldenProfiles are the cards kept as golden files: the article's three
// cases and one card for each other outcome, so a change of wording shows
// in review wherever it lands.
var goldenProfiles = map[string]string{
	"card":              "11111", // case 1
	"card_case2":        "32211", // case 2
	"card_case3":        "23322", // case 3
	"card_internal":     "24432", // a CTO with room to lead
	"card_hire":         "11432", // no CTO, vision, no deadline, salary affordable
	"card_close_budget": "11431", // the same with a variable budget: a close call
}

func TestCardGolden(t *testing.T) {
	kb := loadKB(t)
	if a := dialog.Advise(kb, case1()); a.Case != knowledge.Case1 {
		t.Fatalf("Advise(case-1 profile).Case = %s, want %s", a.Case, knowledge.Case1)
	}
	for name, code := range goldenProfiles {
		for _, lang := range knowledge.Langs {
			t.Run(name+"_"+string(lang), func(t *testing.T) {
				golden(t, name+"_"+string(lang)+".txt", Card(kb, lang, dialog.Advise(kb, profileOf(t, code))))
			})
		}
	}
}

func TestComparisonGolden(t *testing.T) {
	kb := loadKB(t)
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			golden(t, "comparison_"+string(lang)+".txt", Comparison(kb, lang))
		})
	}
}

// profileOf reads a profile code such as "11111" back into answers.
func profileOf(t *testing.T, code string) map[knowledge.QuestionID]knowledge.OptionID {
	t.Helper()
	for _, p := range dialog.Profiles() {
		if dialog.ProfileCode(p) == code {
			return p
		}
	}
	t.Fatalf("no profile %s", code)
	return nil
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

// TestCardEveryProfile renders the card for every possible set of answers
// in both languages and checks the layout promises: nothing wider than the
// card, no trailing spaces, and every section present.
func TestCardEveryProfile(t *testing.T) {
	kb := loadKB(t)
	longest := map[knowledge.Lang]int{}
	for _, answers := range dialog.Profiles() {
		a := dialog.Advise(kb, answers)
		for _, lang := range knowledge.Langs {
			tx := kb.Text(lang)
			p := tx.Phrases
			code := dialog.ProfileCode(answers)
			card := Card(kb, lang, a)
			for _, l := range strings.Split(card, "\n") {
				if utf8.RuneCountInString(l) > width {
					t.Fatalf("%s card for %s has a line of %d characters: %q", lang, code, utf8.RuneCountInString(l), l)
				}
				if strings.TrimRight(l, " ") != l {
					t.Fatalf("%s card for %s has trailing spaces: %q", lang, code, l)
				}
			}
			if !strings.HasPrefix(card, tx.Outcomes[a.Outcome].Title+"\n") {
				t.Fatalf("%s card for %s does not start with the plan %q", lang, code, tx.Outcomes[a.Outcome].Title)
			}
			headings := []string{p.Why, p.WhatChanges, p.NextSteps}
			if a.Missions != "" {
				headings = append(headings, fmt.Sprintf(p.MissionsIn, caseNumber(a.Missions)))
			} else if strings.Contains(card, strings.Split(p.MissionsIn, "%d")[0]) {
				t.Fatalf("%s card for %s lists missions, want none", lang, code)
			}
			for _, h := range headings {
				if !strings.Contains(card, "\n"+h+"\n") {
					t.Fatalf("%s card for %s lacks the heading %q", lang, code, h)
				}
			}
			// SPEC §5: the card reads in under a minute.
			n := dialog.WordCount(card)
			longest[lang] = max(longest[lang], n)
			if n > maxWords {
				t.Errorf("%s card for %s has %d words, over %d", lang, code, n, maxWords)
			}
		}
	}
	t.Logf("longest terminal card: %d words in English, %d in French", longest[knowledge.English], longest[knowledge.French])
}

// maxWords is SPEC §5's limit on a card.
const maxWords = 250

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
