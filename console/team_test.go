package console

import (
	"errors"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// teamInput is three members at one keyboard: Ana and Ben say the need
// is immediate, Chloé that it can wait; they agree on everything else.
// Ana goes back once, and Ben types labels and IDs, as in a dialog.
func teamInput() string {
	return strings.Join([]string{
		"Ana", "1", "1", "back", "1", "4", "1", "2",
		"Ben", "startup", "none", "vision", "immediate", "fixed_ok",
		"Chloé", "1", "1", "4", "3", "2",
	}, "\n") + "\n"
}

func runTeam(t *testing.T, lang knowledge.Lang, n int, input string) string {
	t.Helper()
	var out strings.Builder
	if err := RunTeam(t.Context(), loadKB(t), lang, n, strings.NewReader(input), &out); err != nil {
		t.Fatalf("RunTeam(%s, %d) = %v\noutput:\n%s", lang, n, err, out.String())
	}
	return out.String()
}

func TestRunTeamGolden(t *testing.T) {
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			golden(t, "team_"+string(lang)+".txt", runTeam(t, lang, 3, teamInput()))
		})
	}
}

func TestRunTeamCard(t *testing.T) {
	kb := loadKB(t)
	en := kb.Text(knowledge.English)
	out := runTeam(t, knowledge.English, 3, teamInput())
	_, card, ok := strings.Cut(out, en.Team().Recommend)
	if !ok {
		t.Fatalf("no team card in the output:\n%s", out)
	}
	now := dialog.Advise(kb, map[knowledge.QuestionID]knowledge.OptionID{
		knowledge.Stage: knowledge.Startup, knowledge.TechLead: knowledge.LeadNone, knowledge.Need: knowledge.NeedVision,
		knowledge.Urgency: knowledge.Immediate, knowledge.Budget: knowledge.FixedOK,
	})
	later := dialog.Advise(kb, map[knowledge.QuestionID]knowledge.OptionID{
		knowledge.Stage: knowledge.Startup, knowledge.TechLead: knowledge.LeadNone, knowledge.Need: knowledge.NeedVision,
		knowledge.Urgency: knowledge.LongTerm, knowledge.Budget: knowledge.FixedOK,
	})
	urgency := en.Questions[knowledge.Urgency]
	inOrder(t, card,
		" — "+en.Outcomes[now.Outcome].Title, // the profile: two of three said immediate
		"Based on the answers of 3 members",
		en.Team().Agreed,
		answered(en, knowledge.Stage, knowledge.Startup),
		en.Team().Differ,
		urgency.Options[knowledge.Immediate].Label+" (2): Ana and Ben — "+en.Team().TeamChoice,
		urgency.Options[knowledge.LongTerm].Label+" (1): Chloé",
		en.Team().Decides,
		`If you settle on “`+urgency.Options[knowledge.Immediate].Label+`”: `+en.Outcomes[now.Outcome].Title,
		`If you settle on “`+urgency.Options[knowledge.LongTerm].Label+`”: `+en.Outcomes[later.Outcome].Title,
		en.Team().Decisive,
	)
	// Unanimous questions are one line, never listed as a split.
	if strings.Contains(card, en.Questions[knowledge.Budget].Options[knowledge.FixedOK].Label+" (3)") {
		t.Errorf("a unanimous question is shown as split:\n%s", card)
	}
}

func TestRunTeamStops(t *testing.T) {
	kb := loadKB(t)
	tests := []struct {
		name, input, want string
	}{
		{"end of input while naming", "Ana\n1\n1\n4\n1\n2\n", kb.Text(knowledge.English).Phrases.Goodbye},
		{"end of input mid-questions", "Ana\n1\n1\n", kb.Text(knowledge.English).Phrases.Goodbye},
		{"cancel", "Ana\n1\ncancel\n", kb.Text(knowledge.English).Phrases.Cancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runTeam(t, knowledge.English, 2, tt.input)
			if !strings.HasSuffix(strings.TrimSpace(out), tt.want) {
				t.Errorf("output ends %q, want %q", tail(out), tt.want)
			}
			if strings.Contains(out, kb.Text(knowledge.English).Team().Recommend) {
				t.Errorf("a team card was printed before everyone answered:\n%s", out)
			}
		})
	}
}

func TestRunTeamSize(t *testing.T) {
	for _, n := range []int{-1, 0, 1, dialog.MaxMembers + 1} {
		if err := RunTeam(t.Context(), loadKB(t), knowledge.English, n, strings.NewReader(""), new(strings.Builder)); !errors.Is(err, ErrTeamSize) {
			t.Errorf("RunTeam(n=%d) = %v, want %v", n, err, ErrTeamSize)
		}
	}
}

func TestRunTeamUnnamed(t *testing.T) {
	out := runTeam(t, knowledge.French, 2, "\n1\n1\n4\n1\n2\n\n1\n1\n4\n3\n2\n")
	if !strings.Contains(out, "Membre 1") || !strings.Contains(out, "Membre 2") {
		t.Errorf("unnamed members are not numbered:\n%s", out)
	}
}
