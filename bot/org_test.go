package bot

import (
	"fmt"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// In a Slack Connect channel, across an Enterprise Grid, or for an
// org-deployed app, what a payload says of the team is not the
// installation's; the owner's clicks and typed replies still reach the
// session, keyed under the installation (SPEC §6, slackapi/bolt-js#935).
func TestOwnerFromAnotherOrg(t *testing.T) {
	for _, tc := range []struct {
		name             string
		team, enterprise string // on the command, the clicks and the replies
		replyTeam        string // on the typed reply's event
	}{
		{name: "slack connect", team: "T0OTHERORG", replyTeam: "T0OTHERORG"},
		{name: "enterprise grid", team: "T0SISTER", enterprise: "E0GRID", replyTeam: "T0SISTER"},
		{name: "null team", team: fakeslack.NullTeam, enterprise: "E0GRID", replyTeam: fakeslack.NullTeam},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Team: tc.team, Enterprise: tc.enterprise}))
			root := h.posts(general, 2)[0]
			q1 := h.waitThread(general, root.TS, 1)[0]

			// A click that names another team, or none.
			blockID, e, _ := findAction(t, q1, func(e element) bool { return e.Value == "stage:startup" })
			h.ack(h.fake.SendBlockAction(fakeslack.BlockAction{
				User: alice, Channel: general, MessageTS: q1.TS, ActionID: e.ActionID, BlockID: blockID, Value: e.Value,
				Team: tc.team, Enterprise: tc.enterprise,
			}))
			h.waitThread(general, root.TS, 2)

			// A typed reply whose event comes from the other org.
			h.ack(h.fake.SendMessage(fakeslack.Message{User: alice, Channel: general, ThreadTS: root.TS, Text: "3", Team: tc.replyTeam, Enterprise: tc.enterprise}))
			h.waitThread(general, root.TS, 3)
			s := h.waitSession(general, root.TS, func(s dialog.Session) bool { return len(s.Answers) == 2 && s.QuestionMsg != "" })
			h.settle()
			s = h.session(general, root.TS)
			if s.Key.Team != fakeslack.TeamID {
				t.Errorf("session keyed under team %q, want the installation's %q", s.Key.Team, fakeslack.TeamID)
			}
			if s.Answers[knowledge.Stage] != knowledge.Startup || s.Current != knowledge.Need {
				t.Errorf("answers %v, current %s; want stage=startup, tech_lead answered, need next", s.Answers, s.Current)
			}

			// A colleague from the other org is not the owner, whatever
			// team either of them carries.
			h.ack(h.fake.SendMessage(fakeslack.Message{User: bob, Channel: general, ThreadTS: root.TS, Text: "1", Team: tc.replyTeam, Enterprise: tc.enterprise}))
			h.waitEphemeral(bob, "<@"+alice+">")
			if got := h.session(general, root.TS); got.Version != s.Version {
				t.Errorf("a colleague's reply changed the session: version %d → %d", s.Version, got.Version)
			}
		})
	}
}

// The typed reply of bolt-js#935, as Slack sends it: the outer team_id
// is the connected org's, the event's team the writer's, and only
// authorizations[0] names the installation.
func TestSlackConnectEnvelopeAsSlackSendsIt(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	h.waitThread(general, root.TS, 1)
	frame := fmt.Sprintf(`{"envelope_id":"a3b0c5de-0000-4000-8000-000000000935","type":"events_api","accepts_response_payload":false,"retry_attempt":0,"retry_reason":"",
 "payload":{"token":"x","team_id":"T0CONNECTED","enterprise_id":"E0ORG","api_app_id":"A111","type":"event_callback",
  "event_id":"Ev0935CONNECT","event_time":1622099033,"is_ext_shared_channel":true,
  "event_context":"2-message-T0CONNECTED-A111-%[1]s",
  "authorizations":[{"enterprise_id":null,"team_id":%[3]q,"user_id":"UBOT","is_bot":true,"is_enterprise_install":false}],
  "event":{"type":"message","text":"1","user":%[4]q,"ts":"1622099033.001500","thread_ts":%[2]q,"parent_user_id":"UBOT",
   "team":"T0CONNECTED","user_team":"T0CONNECTED","source_team":"T0CONNECTED",
   "channel":%[1]q,"channel_type":"channel","event_ts":"1622099033.001500"}}}`,
		general, root.TS, fakeslack.TeamID, alice)
	h.fake.SendRaw([]byte(frame))
	h.ack("a3b0c5de-0000-4000-8000-000000000935")
	s := h.waitSession(general, root.TS, func(s dialog.Session) bool { return len(s.Answers) == 1 })
	if s.Answers[knowledge.Stage] != knowledge.Startup {
		t.Errorf("answers %v, want stage=startup", s.Answers)
	}
}

// "Also send to #channel" and a reply with a file are answers like any
// reply; Slack's bookkeeping subtypes, the bot's own edits included, are
// not (SPEC §5).
func TestReplySubtypes(t *testing.T) {
	for _, tc := range []struct {
		subtype string
		text    string
		files   []string
		read    bool
	}{
		{subtype: "", text: "1", read: true},
		{subtype: "thread_broadcast", text: "1", read: true},
		{subtype: "file_share", text: "1", files: []string{"org-chart.pdf"}, read: true},
		{subtype: "file_share", text: "", files: []string{"org-chart.pdf"}},
		{subtype: "message_changed", text: "1"},
		{subtype: "message_deleted", text: "1"},
		{subtype: "me_message", text: "1"},
		{subtype: "channel_join", text: "1"},
	} {
		t.Run(tc.subtype+"/"+tc.text, func(t *testing.T) {
			h := newHarness(t)
			root := h.start(alice, general, "")
			h.waitThread(general, root.TS, 1)
			h.settle()
			before := h.session(general, root.TS)
			h.ack(h.fake.SendMessage(fakeslack.Message{User: alice, Channel: general, ThreadTS: root.TS, Text: tc.text, SubType: tc.subtype, Files: tc.files}))
			if tc.read {
				s := h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.Current == knowledge.TechLead })
				if s.Answers[knowledge.Stage] != knowledge.Startup {
					t.Errorf("answers %v, want stage=startup", s.Answers)
				}
				h.waitThread(general, root.TS, 2)
				return
			}
			h.settle()
			if s := h.session(general, root.TS); s.Version != before.Version {
				t.Errorf("a %s event changed the session: version %d → %d", tc.subtype, before.Version, s.Version)
			}
			if n := len(h.thread(general, root.TS)); n != 1 {
				t.Errorf("a %s event made the bot post: %d replies", tc.subtype, n)
			}
			if e := h.ephemerals(alice); len(e) > 0 {
				t.Errorf("a %s event made the bot whisper: %q", tc.subtype, e)
			}
		})
	}
}
