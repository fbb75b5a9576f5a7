package bot

import (
	"testing"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// TestGoldenReceivedTeam records, per language, the team's root message
// once three members answered, Claire's answers modal as she opens it a
// second time, and the team card, exactly as the fake Slack received
// them. Refresh with go test ./bot -run Golden -update.
func TestGoldenReceivedTeam(t *testing.T) {
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			r := newTeamRig(t)
			word := map[knowledge.Lang]string{knowledge.English: "team", knowledge.French: "équipe"}[lang]
			root := r.startTeam(word + " <@" + bob + "> <@" + claire + "> <@" + dan + ">")
			r.answerTeam(alice, root.TS, teamProfile(knowledge.Immediate))
			r.answerTeam(bob, root.TS, teamProfile(knowledge.Immediate))
			r.answerTeam(claire, root.TS, teamProfile(knowledge.LongTerm))
			golden(t, "received_team_root_"+string(lang), received(t, string(r.root(root.TS).Blocks)))

			n := len(r.fake.Views())
			r.press(claire, r.root(root.TS), actionTeamJoin)
			golden(t, "received_team_answers_modal_"+string(lang), received(t, string(r.waitView(n).Request)))

			r.press(alice, r.root(root.TS), actionTeamReveal)
			card := r.waitThread(general, root.TS, 1)[0]
			golden(t, "received_team_card_"+string(lang), received(t, string(card.Blocks)))
		})
	}
}
