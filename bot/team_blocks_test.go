package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The team of the golden files: Ana and Ben need a CTO right away, Chloé
// sees no deadline; they agree on everything else. Dan is invited and has
// not answered.
const (
	testAna   = "U0ANA"
	testBen   = "U0BEN"
	testChloe = "U0CHLOE"
	testDan   = "U0DAN"
)

func teamProfile(urgency knowledge.OptionID) map[knowledge.QuestionID]knowledge.OptionID {
	return map[knowledge.QuestionID]knowledge.OptionID{
		knowledge.Stage: knowledge.Startup, knowledge.TechLead: knowledge.LeadNone, knowledge.Need: knowledge.NeedVision,
		knowledge.Urgency: urgency, knowledge.Budget: knowledge.FixedOK,
	}
}

// goldenTeam is the team after three answers, and after the reveal.
func goldenTeam(t *testing.T, lang knowledge.Lang) (open, revealed dialog.Session) {
	t.Helper()
	s, err := dialog.StartTeam(testKey, testAna, lang, []string{testBen, testChloe, testDan}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		user    string
		urgency knowledge.OptionID
	}{{testAna, knowledge.Immediate}, {testBen, knowledge.Immediate}, {testChloe, knowledge.LongTerm}} {
		if s, err = s.TeamAnswer(m.user, teamProfile(m.urgency), testNow); err != nil {
			t.Fatalf("TeamAnswer(%s) = %v", m.user, err)
		}
	}
	revealed, err = s.Reveal(testAna, testNow)
	if err != nil {
		t.Fatalf("Reveal() = %v", err)
	}
	return s, revealed
}

func TestTeamBlocksGolden(t *testing.T) {
	kb := testKB(t)
	for _, lang := range knowledge.Langs {
		tx := kb.Text(lang)
		open, revealed := goldenTeam(t, lang)
		fresh, _ := dialog.StartTeam(testKey, testAna, lang, nil, testNow)
		ta := dialog.AdviseTeam(kb, revealed.Team.Members)
		_, shared := teamCardMessage(tx, revealed, ta, cardOptions{CaseURL: testCaseURL, SharedBy: testAna, Permalink: testPermalink})
		tests := []struct {
			name string
			v    any
		}{
			{"team_root", msg(teamRootMessage(tx, open))},
			{"team_root_new", msg(teamRootMessage(tx, fresh))},
			{"team_root_revealed", msg(teamRootMessage(tx, revealed))},
			{"team_answers_modal", teamAnswersModal(tx, open, testChloe, testMetadata)},
			{"team_card", msg(teamCardMessage(tx, revealed, ta, cardOptions{CaseURL: testCaseURL, Interactive: true}))},
			{"team_card_shared", msg(teamCardMessage(tx, revealed, ta, cardOptions{CaseURL: testCaseURL, SharedBy: testAna, Permalink: testPermalink}))},
			{"team_share_modal", shareModal(tx, []string{"C0LEAD"}, map[string]string{"C0LEAD": "leadership"}, shared, testMetadata)},
		}
		for _, tt := range tests {
			name := tt.name + "_" + string(lang)
			t.Run(name, func(t *testing.T) { golden(t, name, tt.v) })
		}
	}
}

// TestTeamBlocksPrivacy holds the surfaces shown before the reveal to
// what they may say: the root message names who answered, never what; the
// modal holds its user's answers and nobody else's.
func TestTeamBlocksPrivacy(t *testing.T) {
	kb := testKB(t)
	tx := kb.Text(knowledge.English)
	open, _ := goldenTeam(t, knowledge.English)
	_, root := teamRootMessage(tx, open)
	rootJSON := string(encode(t, root))
	for _, q := range knowledge.Questions {
		for _, o := range q.Options {
			if label := tx.Questions[q.ID].Options[o].Label; strings.Contains(rootJSON, label) {
				t.Errorf("the root message shows the answer %q", label)
			}
		}
	}
	for _, u := range []string{testAna, testBen, testChloe, testDan} {
		if !strings.Contains(rootJSON, "<@"+u+">") {
			t.Errorf("the root message does not name %s", u)
		}
	}

	// Chloé's modal pre-selects long term; the others said immediate.
	view := teamAnswersModal(tx, open, testChloe, testMetadata)
	raw, err := json.Marshal(view)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Blocks []struct {
			BlockID string `json:"block_id"`
			Element struct {
				ActionID      string `json:"action_id"`
				InitialOption *struct {
					Value string `json:"value"`
				} `json:"initial_option"`
				Options []struct {
					Value string `json:"value"`
				} `json:"options"`
			} `json:"element"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	want := teamProfile(knowledge.LongTerm)
	inputs := 0
	for _, b := range v.Blocks {
		if b.BlockID == "" {
			continue
		}
		inputs++
		q, _ := knowledge.Lookup(knowledge.QuestionID(b.BlockID))
		if b.Element.ActionID != b.BlockID || len(b.Element.Options) != len(q.Options) {
			t.Errorf("input %s: action_id %s and %d options, want the question ID and %d", b.BlockID, b.Element.ActionID, len(b.Element.Options), len(q.Options))
		}
		if b.Element.InitialOption == nil || b.Element.InitialOption.Value != string(want[q.ID]) {
			t.Errorf("input %s pre-selects %+v, want Chloé's %s", b.BlockID, b.Element.InitialOption, want[q.ID])
		}
	}
	if inputs != len(knowledge.Questions) {
		t.Errorf("the modal has %d inputs, want %d", inputs, len(knowledge.Questions))
	}
	if fresh := teamAnswersModal(tx, open, testDan, testMetadata); strings.Contains(string(encode(t, fresh)), "initial_option") {
		t.Error("Dan, who has not answered, gets pre-selected answers")
	}
}

func TestParseTeamCommand(t *testing.T) {
	tests := []struct {
		text    string
		invited []string
		lang    knowledge.Lang
		ok      bool
		bad     bool
	}{
		{"", nil, "", false, false},
		{"start", nil, "", false, false},
		{"teams", nil, "", false, false},
		{"team", nil, "", true, false},
		{"TEAM", nil, "", true, false},
		{"équipe", nil, knowledge.French, true, false},
		{"Equipe <@U0BEN>", []string{"U0BEN"}, knowledge.French, true, false},
		{"team <@U0BEN> <@U0CHLOE|chloe>  <@W0DAN>", []string{"U0BEN", "U0CHLOE", "W0DAN"}, "", true, false},
		{"team @ben", nil, "", true, true},
		{"team <#C0GENERAL>", nil, "", true, true},
		{"team <!channel>", nil, "", true, true},
		{"team <@U0BEN", nil, "", true, true},
		{"team <@u0ben>", nil, "", true, true},
		{"team <@>", nil, "", true, true},
	}
	for _, tt := range tests {
		invited, lang, ok, err := parseTeamCommand(tt.text)
		if ok != tt.ok || (err != nil) != tt.bad || lang != tt.lang || (!tt.bad && strings.Join(invited, ",") != strings.Join(tt.invited, ",")) {
			t.Errorf("parseTeamCommand(%q) = %v, %q, %v, %v; want %v, %q, %v, error %v", tt.text, invited, lang, ok, err, tt.invited, tt.lang, tt.ok, tt.bad)
		}
	}
}

func FuzzParseTeamCommand(f *testing.F) {
	for _, s := range []string{"team", "équipe <@U1|a> <@W2>", "team <@U0BEN", "team <@U1|<@U2>>", "team \x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		invited, _, ok, err := parseTeamCommand(text)
		if !ok || err != nil {
			return
		}
		for _, id := range invited {
			if !isSlackID(id) || !strings.Contains(text, "<@"+id) {
				t.Errorf("parseTeamCommand(%q) invited %q, which the text does not mention", text, id)
			}
		}
	})
}
