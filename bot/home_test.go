package bot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

func TestHomeGolden(t *testing.T) {
	kb := testKB(t)
	u := dialog.User{Team: "T0ACME", ID: testOwner}
	u = u.Remember(dialog.Record{Outcome: knowledge.ExternalThenInternal, Case: knowledge.Case1, Channel: "C0TEAM", Thread: "1700000000.000100", At: testNow.Add(-48 * time.Hour)})
	u = u.Remember(dialog.Record{Outcome: knowledge.Internal, Case: knowledge.Case3, Team: true, Channel: "C0TEAM", Thread: "1700000000.000200", At: testNow})
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			golden(t, "home_"+string(lang), homeView(kb.Text(lang), u.WithLang(lang), "https://acme.slack.com/"))
		})
	}
	empty := homeView(kb.Text(knowledge.English), dialog.User{}, "")
	if !strings.Contains(string(encode(t, empty)), kb.Text(knowledge.English).Phrases.Home.None) {
		t.Errorf("an empty home does not say there is no recommendation yet")
	}
}

// published waits for the n-th Home tab published for user and returns
// it as readable text.
func (r *teamRig) published(user string, n int) string {
	r.t.Helper()
	var views []string
	waitUntil(r.t, "the home tab published", func() bool {
		views = nil
		for _, c := range r.fake.Calls("views.publish") {
			var req struct {
				UserID string          `json:"user_id"`
				View   json.RawMessage `json:"view"`
			}
			if json.Unmarshal(c.JSON, &req) == nil && req.UserID == user {
				views = append(views, string(req.View))
			}
		}
		return len(views) >= n
	})
	return readable(r.t, []byte(views[n-1]))
}

// homeAction clicks a control of user's Home tab.
func (r *teamRig) homeAction(user, actionID, selected string) {
	r.t.Helper()
	r.twice(r.fake.SendBlockAction(fakeslack.BlockAction{User: user, ViewID: "VHOME" + user, ActionID: actionID, BlockID: actionID, Selected: selected}))
}

func TestBotHome(t *testing.T) {
	r := newTeamRig(t)
	en := r.bot.kb.Text(knowledge.English)
	root := r.start(alice, general, "")
	r.runByButtons(alice, general, root, case1Profile)
	r.settle()
	_, _ = r.revealedTeam("team")
	r.settle()

	r.twice(r.fake.SendAppHomeOpened(alice))
	home := r.published(alice, 1)
	team := dialog.Decide(r.bot.kb, teamProfile(knowledge.Immediate))
	solo := dialog.Decide(r.bot.kb, profileOf(case1Profile))
	teamLine := "• *" + en.Outcomes[team].Title + "* (" + en.Phrases.Home.TeamMark + ")"
	soloLine := "• *" + en.Outcomes[solo].Title + "* ·"
	ti, si := strings.Index(home, teamLine), strings.Index(home, soloLine)
	if ti < 0 || si < 0 || ti > si {
		t.Errorf("alice's home does not list the team card, then her own (%d, %d):\n%s", ti, si, home)
	}
	if n := strings.Count(home, "|"+en.Phrases.Home.OpenThread+">"); n != 2 {
		t.Errorf("alice's home links %d threads, want 2:\n%s", n, home)
	}
	r.twice(r.fake.SendAppHomeOpened(bob))
	if home := r.published(bob, 1); !strings.Contains(home, teamLine) || strings.Contains(home, soloLine) {
		t.Errorf("bob's home should list the team card alone:\n%s", home)
	}

	// French on the Home tab beats alice's English Slack locale.
	r.homeAction(alice, actionHomeLang, "fr")
	fr := r.bot.kb.Text(knowledge.French)
	if home := r.published(alice, 2); !strings.Contains(home, fr.Phrases.Home.Recent) {
		t.Errorf("after choosing French, the home tab is not in French:\n%s", home)
	}
	french := r.start(alice, general, "")
	if !strings.Contains(french.Text, "a demandé") {
		t.Errorf("after choosing French, /cto-advice started in English: %q", french.Text)
	}
	r.homeAction(alice, actionHomeLang, langAuto)
	if home := r.published(alice, 3); !strings.Contains(home, en.Phrases.Home.Recent) {
		t.Errorf("back to the Slack language, the home tab is not in English:\n%s", home)
	}
	if u, err := r.store.GetUser(r.ctx(), fakeslack.TeamID, alice); err != nil || u.Lang != "" {
		t.Errorf("stored user = %+v, %v; want no language", u, err)
	}
}

// profileOf is answers in question order as a map.
func profileOf(options []knowledge.OptionID) map[knowledge.QuestionID]knowledge.OptionID {
	m := map[knowledge.QuestionID]knowledge.OptionID{}
	for i, q := range knowledge.Questions {
		m[q.ID] = options[i]
	}
	return m
}

func TestBotShortcutStartsADM(t *testing.T) {
	for _, via := range []string{"shortcut", "home button"} {
		t.Run(via, func(t *testing.T) {
			r := newTeamRig(t)
			if via == "shortcut" {
				r.twice(r.fake.SendShortcut(fakeslack.Shortcut{User: bob, CallbackID: callbackShortcut}))
			} else {
				r.homeAction(bob, actionHomeStart, "")
			}
			dm := "D" + bob
			posts := r.posts(dm, 2)
			root, q1 := posts[0], posts[1]
			if q1.ThreadTS != root.TS || !strings.Contains(root.Text, bob) {
				t.Fatalf("the DM holds %q and %q, want a root naming bob and the first question in its thread", root.Text, q1.Text)
			}
			// The dialog goes on in the DM like anywhere else.
			r.waitUntilQuestionStored(dm, root.TS, q1.TS)
			r.answer(bob, q1, knowledge.Stage, knowledge.Startup)
			r.waitThread(dm, root.TS, 2)
			r.settle()
			if n := len(r.fake.Messages(dm)); n != 3 {
				t.Errorf("the DM has %d messages after one answer delivered twice, want 3:\n%s", n, describe(r.fake.Messages(dm)))
			}
		})
	}
}

func (r *teamRig) waitUntilQuestionStored(channel, root, q string) {
	r.t.Helper()
	r.waitSession(channel, root, func(s dialog.Session) bool { return s.QuestionMsg == q })
}

// TestManifestMatchesBot holds the Slack app manifest to what the bot
// handles: the shortcut's callback ID, the Home tab and its event, and the
// escaped mentions team mode parses.
func TestManifestMatchesBot(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "slack-app-manifest.yml"))
	if err != nil {
		t.Fatal(err)
	}
	m := string(raw)
	for _, want := range []string{
		"callback_id: " + callbackShortcut,
		"home_tab_enabled: true",
		"- app_home_opened",
		"should_escape: true",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("slack-app-manifest.yml lacks %q", want)
		}
	}
}

func TestThreadLink(t *testing.T) {
	tests := []struct{ workspace, channel, thread, want string }{
		{"https://acme.slack.com/", "C0TEAM", "1700000000.000100", "https://acme.slack.com/archives/C0TEAM/p1700000000000100"},
		{"https://acme.slack.com", "D0BOB", "1700000000.000100", "https://acme.slack.com/archives/D0BOB/p1700000000000100"},
		{"", "C0TEAM", "1700000000.000100", ""},
		{"http://acme.slack.com/", "C0TEAM", "1700000000.000100", ""},
		{"https://acme.slack.com/", "C0TEAM>", "1700000000.000100", ""},
		{"https://acme.slack.com/", "C0TEAM", "17000000000001", ""},
		{"https://acme.slack.com/", "C0TEAM", "1700000000.0001|x", ""},
	}
	for _, tt := range tests {
		if got := threadLink(tt.workspace, tt.channel, tt.thread); got != tt.want {
			t.Errorf("threadLink(%q, %q, %q) = %q, want %q", tt.workspace, tt.channel, tt.thread, got, tt.want)
		}
	}
}
