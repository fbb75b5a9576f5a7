package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// dan is invited to the team and never answers.
const dan = "U0DAN"

// teamRig is a team-mode test: a workspace, a store that outlives the
// bot, and the bot of the moment, which a test may restart.
type teamRig struct {
	t     *testing.T
	fake  *fakeslack.Server
	store dialog.Store
	*harness
	stop func()
}

// newTeamRig starts a bot against a fake Slack that echoes the bot's posts
// and edits back, as Slack does.
func newTeamRig(t *testing.T) *teamRig {
	t.Helper()
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	// Three members answer at machine speed in one channel: not a test of
	// Slack's rate limits (TestBotUnderSlackRateLimits is).
	fake.SetRateLimits(false)
	for _, u := range []fakeslack.User{{ID: alice, Name: "alice", Locale: "en-US"}, {ID: bob, Name: "bob", Locale: "en-GB"}, {ID: claire, Name: "claire", Locale: "fr-FR"}, {ID: dan, Name: "dan", Locale: "en-US"}} {
		fake.AddUser(u)
	}
	fake.AddChannel(fakeslack.Channel{ID: general, Name: "general", BotIsMember: true, Members: []string{alice, bob, claire, dan, fakeslack.BotUserID}})
	fake.AddChannel(fakeslack.Channel{ID: lead, Name: "leadership", Private: true, BotIsMember: true, Members: []string{alice, fakeslack.BotUserID}})
	fake.SetEcho(true)
	r := &teamRig{t: t, fake: fake, store: newRedisStore(t)}
	r.boot()
	return r
}

// boot starts a bot on the rig's fake and store, as serve does.
func (r *teamRig) boot() {
	r.t.Helper()
	b, logs := rig{}.newBot(r.t, r.fake, r.store, "xoxb-test-token")
	want := r.fake.Connections() + 1
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.t.Context()))
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	stopped := false
	r.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			r.t.Errorf("Run: %v", err)
		}
		if r.t.Failed() {
			r.t.Logf("bot log:\n%s", logs.String())
		}
	}
	r.t.Cleanup(r.stop)
	wctx, wcancel := context.WithTimeout(r.t.Context(), 5*time.Second)
	defer wcancel()
	if err := r.fake.WaitConnections(wctx, want); err != nil {
		r.t.Fatalf("bot did not connect: %v", err)
	}
	r.harness = &harness{t: r.t, bot: b, fake: r.fake, store: r.store, logs: logs}
}

// restart stops the bot, as a deploy does, and starts a new one.
func (r *teamRig) restart() {
	r.t.Helper()
	r.stop()
	waitUntil(r.t, "the old bot's socket closed", func() bool { return r.fake.Connections() == 0 })
	r.boot()
}

// twice acks an envelope, has Slack deliver it again, and waits for the
// second ack: every delivery of a team test is repeated.
func (r *teamRig) twice(id string) fakeslack.Ack {
	r.t.Helper()
	a := r.ack(id)
	if !r.fake.Resend(id) {
		r.t.Fatalf("Resend(%s) = false", id)
	}
	r.waitAcks(id, 2)
	return a
}

// startTeam runs the slash command as alice and returns the root message
// once the team is stored, as a person would click only once it shows.
func (r *teamRig) startTeam(text string) fakeslack.Post {
	r.t.Helper()
	before := len(r.fake.Messages(general))
	r.ack(r.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: text}))
	root := r.posts(general, before+1)[before]
	r.waitTeamStored(root.TS)
	return root
}

// waitTeamStored waits until the team of root is in the store.
func (r *teamRig) waitTeamStored(root string) {
	r.t.Helper()
	k := dialog.Key{Team: fakeslack.TeamID, Channel: general, Thread: root}
	waitUntil(r.t, "the team stored", func() bool {
		s, err := r.store.Get(r.ctx(), k)
		return err == nil && s.IsTeam()
	})
}

// root waits for the team's root message in general.
func (r *teamRig) root(ts string) fakeslack.Post {
	r.t.Helper()
	p, ok := r.fake.Message(general, ts)
	if !ok {
		r.t.Fatalf("no message %s in general", ts)
	}
	return p
}

// pressTwice clicks a control of message p, delivered twice.
func (r *teamRig) pressTwice(user string, p fakeslack.Post, actionID string) {
	r.t.Helper()
	blockID, e, ok := findAction(r.t, p, func(e element) bool { return e.ActionID == actionID })
	if !ok {
		r.t.Fatalf("message %s has no %s control:\n%s", p.TS, actionID, p.Blocks)
	}
	r.twice(r.fake.SendBlockAction(fakeslack.BlockAction{
		User: user, Channel: p.Channel, MessageTS: p.TS, ThreadTS: p.ThreadTS,
		ActionID: actionID, BlockID: blockID, Value: e.Value,
	}))
}

// answerTeam has user open the answers modal from the root message and
// submit answers; both envelopes are delivered twice. It returns the view
// the bot opened.
func (r *teamRig) answerTeam(user, rootTS string, answers map[knowledge.QuestionID]knowledge.OptionID) fakeslack.View {
	r.t.Helper()
	n := len(r.fake.Views())
	r.pressTwice(user, r.root(rootTS), actionTeamJoin)
	v := r.waitView(n)
	values := map[string]map[string]string{}
	for q, o := range answers {
		values[string(q)] = map[string]string{string(q): string(o)}
	}
	updates := r.root(rootTS).Updated
	a := r.twice(r.fake.SendViewSubmission(fakeslack.ViewSubmission{User: user, ViewID: v.ID, Values: values}))
	if len(a.Payload) > 0 && string(a.Payload) != "null" {
		r.t.Fatalf("%s's answers refused: %s", user, a.Payload)
	}
	waitUntil(r.t, "the root message updated after "+user+"'s answers", func() bool { return r.root(rootTS).Updated > updates })
	return v
}

// initialOptions reads the pre-selected answers of an answers modal.
func initialOptions(t *testing.T, v fakeslack.View) map[string]string {
	t.Helper()
	var view struct {
		Blocks []struct {
			BlockID string `json:"block_id"`
			Element struct {
				InitialOption *struct {
					Value string `json:"value"`
				} `json:"initial_option"`
			} `json:"element"`
		} `json:"blocks"`
		PrivateMetadata string `json:"private_metadata"`
	}
	if err := json.Unmarshal(v.Request, &view); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, b := range view.Blocks {
		if b.Element.InitialOption != nil {
			out[b.BlockID] = b.Element.InitialOption.Value
		}
	}
	return out
}

// TestBotTeam runs the team flow end to end: three members answer, two
// agreeing and one split on urgency; the bot restarts half way; every
// envelope is delivered twice; Slack echoes the bot's own posts and edits
// and rate-limits it once on each method the flow leans on.
func TestBotTeam(t *testing.T) {
	r := newTeamRig(t)
	en := r.bot.kb.Text(knowledge.English)
	u := en.Team()
	now, later := teamProfile(knowledge.Immediate), teamProfile(knowledge.LongTerm)

	r.fake.RateLimitNext("chat.postMessage", time.Second, 1)
	r.twice(r.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general,
		Text: fmt.Sprintf("team <@%s|bob> <@%s> <@%s>", bob, claire, dan)}))
	root := r.posts(general, 1)[0]
	r.waitTeamStored(root.TS)
	if !strings.Contains(root.Text, alice) {
		t.Errorf("root message %q does not name the organiser", root.Text)
	}

	r.answerTeam(alice, root.TS, now)
	r.fake.RateLimitNext("chat.update", time.Second, 1)
	r.answerTeam(claire, root.TS, teamProfile(knowledge.Months))

	// A deploy half way: the team lives in the store, not in the bot.
	r.restart()

	r.answerTeam(bob, root.TS, now)
	// Claire answers again: her own answers come pre-selected, nobody
	// else's, and she changes her mind on urgency.
	v := r.answerTeam(claire, root.TS, later)
	if got, want := initialOptions(t, v), teamProfile(knowledge.Months); fmt.Sprint(got) != fmt.Sprint(stringMap(want)) {
		t.Errorf("Claire's second modal pre-selects %v, want her own answers %v", got, stringMap(want))
	}
	status := readable(t, r.root(root.TS).Blocks)
	for _, who := range []string{alice, bob, claire} {
		if !strings.Contains(status, "<@"+who+">") {
			t.Errorf("the root message does not list %s:\n%s", who, status)
		}
	}
	if !strings.Contains(status, fmt.Sprintf("Waiting for: <@%s>", dan)) {
		t.Errorf("the root message does not say Dan has not answered:\n%s", status)
	}

	// Before the reveal, no Slack call shows anyone's answers, and a modal
	// shows only its own user's.
	r.settle()
	checkNoAnswersShown(t, r.fake.Calls(""), en, map[string]map[string]string{
		alice: stringMap(now), bob: stringMap(now), claire: stringMap(teamProfile(knowledge.Months)),
	})

	// Only the organiser reveals.
	r.pressTwice(bob, r.root(root.TS), actionTeamReveal)
	r.waitEphemeral(bob, fmt.Sprintf(u.NotOrganiser, "<@"+alice+">"))
	if n := len(r.thread(general, root.TS)); n != 0 {
		t.Fatalf("a member's reveal posted %d messages", n)
	}

	r.fake.RateLimitNext("chat.postMessage", time.Second, 1)
	r.pressTwice(alice, r.root(root.TS), actionTeamReveal)
	card := r.waitThread(general, root.TS, 1)[0]
	text := readable(t, card.Blocks)
	urgency := en.Questions[knowledge.Urgency]
	immediate, longTerm := urgency.Options[knowledge.Immediate].Label, urgency.Options[knowledge.LongTerm].Label
	for _, want := range []string{
		en.Team().Recommend + ": " + en.Outcomes[dialog.Advise(r.bot.kb, now).Outcome].Title,
		fmt.Sprintf("• %s (2): <@%s> and <@%s> — _%s_", immediate, alice, bob, en.Team().TeamChoice),
		fmt.Sprintf("• %s (1): <@%s>", longTerm, claire),
		fmt.Sprintf("• If you settle on “%s”: *%s*", immediate, en.Outcomes[dialog.Advise(r.bot.kb, now).Outcome].Title),
		fmt.Sprintf("• If you settle on “%s”: *%s*", longTerm, en.Outcomes[dialog.Advise(r.bot.kb, later).Outcome].Title),
		en.Team().Decisive,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("team card lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, en.Questions[knowledge.Budget].Options[knowledge.FixedOK].Label+" (3)") {
		t.Errorf("a unanimous question is listed as split:\n%s", text)
	}
	for _, id := range []string{actionOpenCase, actionShare} {
		if _, _, ok := findAction(t, card, func(e element) bool { return e.ActionID == id }); !ok {
			t.Errorf("team card has no %s control", id)
		}
	}

	// A late member gets the note; answers no longer change.
	r.pressTwice(dan, r.root(root.TS), actionTeamJoin)
	r.waitEphemeral(dan, fmt.Sprintf(u.AlreadyRevealed, "<@"+alice+">"))

	r.settle()
	if n := len(r.thread(general, root.TS)); n != 1 {
		t.Errorf("the thread has %d messages after duplicated deliveries, want the card alone:\n%s", n, describe(r.thread(general, root.TS)))
	}
	if n := len(r.fake.Messages(general)); n != 2 {
		t.Errorf("general has %d messages, want the root and the card", n)
	}
	if n := len(r.ephemerals(bob)); n != 1 {
		t.Errorf("bob got %d notes for one refused reveal delivered twice, want 1", n)
	}
	s := r.session(general, root.TS)
	if s.State != dialog.Done || len(s.Team.Members) != 3 || s.Answers[knowledge.Urgency] != knowledge.Immediate || s.CardMsg != card.TS {
		t.Errorf("stored team: state %s, %d members, profile %v, card %s", s.State, len(s.Team.Members), s.Answers, s.CardMsg)
	}
	if s.Mine(claire)[knowledge.Urgency] != knowledge.LongTerm {
		t.Errorf("Claire's second answers were not kept: %v", s.Mine(claire))
	}
}

// stringMap is answers as the strings Slack carries.
func stringMap(a map[knowledge.QuestionID]knowledge.OptionID) map[string]string {
	out := make(map[string]string, len(a))
	for q, o := range a {
		out[string(q)] = string(o)
	}
	return out
}

// checkNoAnswersShown holds every Slack call made before a reveal to the
// team's privacy: no message or note carries an answer's label, and every
// modal pre-selects the answers of the member it was opened for, who is
// the only one whose answers match it.
func checkNoAnswersShown(t *testing.T, calls []fakeslack.Call, tx *knowledge.Text, answers map[string]map[string]string) {
	t.Helper()
	for _, c := range calls {
		body := c.Form.Encode() + string(c.JSON)
		switch c.Method {
		case "views.open", "views.push", "views.update":
			v := fakeslack.View{Request: json.RawMessage(c.Form.Get("view"))}
			if len(c.JSON) > 0 {
				var top struct {
					View json.RawMessage `json:"view"`
				}
				_ = json.Unmarshal(c.JSON, &top)
				v.Request = top.View
			}
			got := initialOptions(t, v)
			if len(got) == 0 {
				continue
			}
			owners := 0
			for _, a := range answers {
				if fmt.Sprint(a) == fmt.Sprint(got) {
					owners++
				}
			}
			if owners == 0 {
				t.Errorf("%s pre-selects %v, which are no member's own answers", c.Method, got)
			}
			var meta struct {
				PrivateMetadata string `json:"private_metadata"`
			}
			_ = json.Unmarshal(v.Request, &meta)
			for _, a := range answers {
				for _, o := range a {
					if strings.Contains(meta.PrivateMetadata, o) {
						t.Errorf("modal metadata %q carries an answer", meta.PrivateMetadata)
					}
				}
			}
		default:
			for _, q := range knowledge.Questions {
				for _, o := range q.Options {
					label := tx.Questions[q.ID].Options[o].Label
					if strings.Contains(body, url.QueryEscape(label)) || strings.Contains(body, label) {
						t.Errorf("%s before the reveal shows the answer %q: %.300s", c.Method, label, body)
					}
				}
			}
		}
	}
}

// revealedTeam runs a team of three (alice organises; bob and claire
// split on urgency) to its card, and returns the root and the card.
func (r *teamRig) revealedTeam(text string) (root, card fakeslack.Post) {
	r.t.Helper()
	root = r.startTeam(text)
	r.answerTeam(alice, root.TS, teamProfile(knowledge.Immediate))
	r.answerTeam(bob, root.TS, teamProfile(knowledge.Immediate))
	r.answerTeam(claire, root.TS, teamProfile(knowledge.LongTerm))
	r.press(alice, r.root(root.TS), actionTeamReveal)
	card = r.waitThread(general, root.TS, 1)[0]
	return root, card
}

func TestBotTeamShare(t *testing.T) {
	r := newTeamRig(t)
	_, card := r.revealedTeam("team")

	r.press(bob, card, actionShare)
	r.waitEphemeral(bob, fmt.Sprintf(r.bot.kb.Text(knowledge.English).Phrases.NotOwner, "<@"+alice+">"))

	n := len(r.fake.Views())
	r.press(alice, card, actionShare)
	v := r.waitView(n)
	if payload := r.submitShare(alice, v, lead); payload != nil {
		t.Fatalf("the organiser's share was refused: %v", payload)
	}
	posted := r.posts(lead, 1)[0]
	text := readable(t, posted.Blocks)
	if !strings.Contains(text, r.bot.kb.Text(knowledge.English).Team().Recommend) {
		t.Errorf("the shared card is not the team card:\n%s", text)
	}
	for _, who := range []string{bob, claire} {
		if strings.Contains(text, "<@"+who+">") {
			t.Errorf("the shared team card names %s, who answered privately:\n%s", who, text)
		}
	}

	var meta struct {
		EventType    string `json:"event_type"`
		EventPayload struct {
			Outcome string `json:"outcome"`
			Case    string `json:"case"`
			Plan    struct {
				Now   string `json:"now"`
				Later string `json:"later"`
			} `json:"plan"`
			Answers map[string]string `json:"answers"`
			Team    struct {
				Members int `json:"members"`
				Split   []struct {
					Question   string         `json:"question"`
					TeamAnswer string         `json:"team_answer"`
					Votes      map[string]int `json:"votes"`
					Decides    bool           `json:"decides"`
				} `json:"split"`
			} `json:"team"`
		} `json:"event_payload"`
	}
	// The share is the one post in the leadership channel; the fake lists
	// the message a moment before the call that made it.
	raw := ""
	waitUntil(t, "the share's chat.postMessage recorded", func() bool {
		for _, c := range r.fake.Calls("chat.postMessage") {
			if c.Form.Get("channel") == lead {
				raw = c.Form.Get("metadata")
			}
		}
		return raw != ""
	})
	if err := json.Unmarshal([]byte(raw), &meta); err != nil {
		t.Fatalf("shared card metadata %q: %v", raw, err)
	}
	p := meta.EventPayload
	want := dialog.Advise(r.bot.kb, teamProfile(knowledge.Immediate))
	if meta.EventType != "cto_recommendation" || p.Outcome != string(want.Outcome) || p.Case != string(want.Case) ||
		p.Plan.Now != string(want.Plan.Now) || p.Plan.Later != string(want.Plan.Later) {
		t.Errorf("metadata = %+v, want a cto_recommendation with the outcome, case and plan of %+v", meta, want)
	}
	if fmt.Sprint(p.Answers) != fmt.Sprint(stringMap(teamProfile(knowledge.Immediate))) {
		t.Errorf("metadata answers = %v, want the team profile", p.Answers)
	}
	if p.Team.Members != 3 || len(p.Team.Split) != 1 || p.Team.Split[0].Question != "urgency" ||
		p.Team.Split[0].Votes["immediate"] != 2 || p.Team.Split[0].Votes["long_term"] != 1 || !p.Team.Split[0].Decides {
		t.Errorf("metadata team = %+v, want 3 members split 2–1 on urgency, deciding", p.Team)
	}
	for _, who := range []string{alice, bob, claire} {
		if strings.Contains(raw, who) {
			t.Errorf("metadata names %s: %s", who, raw)
		}
	}
}

func TestBotShareMetadata(t *testing.T) {
	h := newHarness(t)
	_, v := h.openShareModal(alice)
	if payload := h.submitShare(alice, v, lead); payload != nil {
		t.Fatalf("share refused: %v", payload)
	}
	h.posts(lead, 1)
	var meta struct {
		EventType    string `json:"event_type"`
		EventPayload struct {
			Outcome string            `json:"outcome"`
			Case    string            `json:"case"`
			Answers map[string]string `json:"answers"`
			Team    any               `json:"team"`
		} `json:"event_payload"`
	}
	// The share is the one post in the leadership channel; the fake lists
	// the message a moment before the call that made it.
	raw := ""
	waitUntil(t, "the share's chat.postMessage recorded", func() bool {
		for _, c := range h.fake.Calls("chat.postMessage") {
			if c.Form.Get("channel") == lead {
				raw = c.Form.Get("metadata")
			}
		}
		return raw != ""
	})
	if err := json.Unmarshal([]byte(raw), &meta); err != nil {
		t.Fatalf("metadata %q: %v", raw, err)
	}
	want := map[string]string{}
	for i, q := range knowledge.Questions {
		want[string(q.ID)] = string(case1Profile[i])
	}
	if meta.EventType != "cto_recommendation" || meta.EventPayload.Case != string(knowledge.Case1) ||
		fmt.Sprint(meta.EventPayload.Answers) != fmt.Sprint(want) || meta.EventPayload.Team != nil {
		t.Errorf("metadata = %+v, want case-1 with the answers %v and no team", meta, want)
	}
}

func TestBotTeamReopen(t *testing.T) {
	r := newTeamRig(t)
	root, card := r.revealedTeam("team")

	r.press(bob, r.root(root.TS), actionTeamReopen)
	r.waitEphemeral(bob, fmt.Sprintf(r.bot.kb.Text(knowledge.English).Team().NotOrganiser, "<@"+alice+">"))

	r.press(alice, r.root(root.TS), actionTeamReopen)
	r.waitSession(general, root.TS, func(s dialog.Session) bool { return s.State == dialog.Active })
	// The old card's controls are stale now.
	r.press(alice, card, actionShare)
	r.waitEphemeral(alice, r.bot.kb.Text(knowledge.English).Phrases.CardStale)

	// Claire comes round; the next reveal finds the team unanimous.
	r.answerTeam(claire, root.TS, teamProfile(knowledge.Immediate))
	r.press(alice, r.root(root.TS), actionTeamReveal)
	second := r.waitThread(general, root.TS, 3)[2]
	text := readable(t, second.Blocks)
	if !strings.Contains(text, r.bot.kb.Text(knowledge.English).Team().NoSplit) {
		t.Errorf("after the team agreed, the card still shows a split:\n%s", text)
	}
}

func TestBotTeamWhoMayAnswer(t *testing.T) {
	t.Run("invited only", func(t *testing.T) {
		r := newTeamRig(t)
		root := r.startTeam("team <@" + bob + ">")
		r.press(claire, root, actionTeamJoin)
		r.waitEphemeral(claire, fmt.Sprintf(r.bot.kb.Text(knowledge.English).Team().NotInvited, "<@"+alice+">"))
		r.settle()
		if n := len(r.fake.Views()); n != 0 {
			t.Errorf("an uninvited member got %d modals", n)
		}
	})
	t.Run("open to the channel", func(t *testing.T) {
		r := newTeamRig(t)
		root := r.startTeam("team")
		r.answerTeam(dan, root.TS, teamProfile(knowledge.Months))
		if got := r.session(general, root.TS).Answered(); len(got) != 1 || got[0] != dan {
			t.Errorf("answered = %v, want dan", got)
		}
	})
	t.Run("too many", func(t *testing.T) {
		r := newTeamRig(t)
		var b strings.Builder
		b.WriteString("team")
		for i := range dialog.MaxMembers {
			fmt.Fprintf(&b, " <@U%04d>", i)
		}
		r.ack(r.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: b.String()}))
		posts, err := r.fake.WaitResponsePosts(r.ctx(), 1)
		if err != nil || !strings.Contains(posts[0].Text, "at most 20") {
			t.Errorf("response = %+v, %v; want the team size limit", posts, err)
		}
		if n := len(r.fake.Messages(general)); n != 0 {
			t.Errorf("a team of 21 posted %d messages", n)
		}
	})
	t.Run("french", func(t *testing.T) {
		r := newTeamRig(t)
		root := r.startTeam("équipe")
		if !strings.Contains(readable(t, root.Blocks), r.bot.kb.Text(knowledge.French).Team().Join) {
			t.Errorf("/cto-advice équipe did not start in French:\n%s", root.Blocks)
		}
	})
}

// TestBotTeamThreadIsForTalking checks that what members type in the
// team's thread is left alone: they answer in the modal.
func TestBotTeamThreadIsForTalking(t *testing.T) {
	r := newTeamRig(t)
	root := r.startTeam("team")
	for _, text := range []string{"1", "back", "cancel", "I think we need someone now"} {
		r.reply(alice, general, root.TS, text)
	}
	r.settle()
	if n := len(r.thread(general, root.TS)); n != 0 || len(r.ephemerals(alice)) != 0 {
		t.Errorf("the bot answered talk in the team thread: %d messages, notes %q", n, r.ephemerals(alice))
	}
	if s := r.session(general, root.TS); s.State != dialog.Active || !s.IsTeam() {
		t.Errorf("talk changed the team: %+v", s)
	}
}

// TestBotTeamCardControls checks that the team card's controls are the
// dialog card's: the case study and the comparison open for anyone.
func TestBotTeamCardControls(t *testing.T) {
	r := newTeamRig(t)
	_, card := r.revealedTeam("team")
	for _, id := range []string{actionOpenCase, actionOpenComparison} {
		n := len(r.fake.Views())
		r.press(bob, card, id)
		r.waitView(n)
	}
}

// TestBotTeamReplicas has members submit at once to two replicas sharing
// one store: the compare-and-set keeps every member's answers.
func TestBotTeamReplicas(t *testing.T) {
	const members = 6
	r := newTeamRig(t)
	rig{}.start(t, r.fake, r.store) // a second replica: the fake spreads envelopes over both
	r.fake.SetRateLimits(false)     // the test is about racing writes, not Slack's limits
	var users []string
	for i := range members {
		u := fmt.Sprintf("U0M%02d", i)
		r.fake.AddUser(fakeslack.User{ID: u, Name: strings.ToLower(u), Locale: "en-US"})
		users = append(users, u)
	}
	root := r.startTeam("team")
	// Every member opens the modal, then all submit at once.
	views := make([]fakeslack.View, members)
	for i, u := range users {
		n := len(r.fake.Views())
		r.press(u, r.root(root.TS), actionTeamJoin)
		views[i] = r.waitView(n)
	}
	values := map[string]map[string]string{}
	for q, o := range teamProfile(knowledge.Months) {
		values[string(q)] = map[string]string{string(q): string(o)}
	}
	ids := make([]string, members)
	for i, u := range users {
		ids[i] = r.fake.SendViewSubmission(fakeslack.ViewSubmission{User: u, ViewID: views[i].ID, Values: values})
	}
	for _, id := range ids {
		if a := r.ack(id); len(a.Payload) > 0 && string(a.Payload) != "null" {
			t.Errorf("a submission was refused: %s", a.Payload)
		}
	}
	s := r.session(general, root.TS)
	if got := s.Answered(); len(got) != members {
		t.Errorf("after %d simultaneous submissions on two replicas, %d members are stored: %v", members, len(got), got)
	}
	waitUntil(t, "the root message lists every member", func() bool {
		text := readable(t, r.root(root.TS).Blocks)
		return strings.Contains(text, fmt.Sprintf("(%d)", members))
	})
}

// TestBotTeamAndShortcutCountAgainstQuotas checks that a team, the global
// shortcut and the Home tab's button start dialogs under the same
// per-user quota as /cto-advice.
func TestBotTeamAndShortcutCountAgainstQuotas(t *testing.T) {
	r := newTeamRig(t)
	r.stop()
	waitUntil(t, "the old bot's socket closed", func() bool { return r.fake.Connections() == 0 })
	r.harness = rig{opts: func(o *Options) { o.CommandsPerMinute = 2 }}.start(t, r.fake, r.store)
	tooMany := r.bot.kb.Text(knowledge.English).Phrases.TooMany

	r.startTeam("team")
	r.twice(r.fake.SendShortcut(fakeslack.Shortcut{User: alice, CallbackID: callbackShortcut}))
	r.posts("D"+alice, 2)
	r.ack(r.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "team"}))
	posts, err := r.fake.WaitResponsePosts(r.ctx(), 1)
	if err != nil || !strings.Contains(posts[0].Text, strings.Split(tooMany, ".")[0]) {
		t.Errorf("a third start within a minute: %+v, %v; want the quota note", posts, err)
	}
	r.homeAction(alice, actionHomeStart, "")
	dm := r.posts("D"+alice, 3)
	if !strings.Contains(dm[2].Text, strings.Split(tooMany, ".")[0]) {
		t.Errorf("a fourth start from the Home tab posted %q, want the quota note", dm[2].Text)
	}
	r.settle()
	if n := len(r.fake.Messages(general)); n != 1 {
		t.Errorf("general has %d messages, want the one team allowed", n)
	}
}

// Every ID read from a payload is capped before it reaches Redis: a
// member's forged 48 KB view.hash, made of the characters keys and claims
// are built with, never reaches the stored session.
func TestBotTeamViewHashUnbounded(t *testing.T) {
	r := newTeamRig(t)
	root := r.startTeam("team")
	meta, _ := json.Marshal(teamMeta{Team: fakeslack.TeamID, Channel: general, Thread: root.TS})
	values := map[string]any{}
	for q, o := range teamProfile(knowledge.Months) {
		values[string(q)] = map[string]any{string(q): map[string]any{"type": "static_select", "selected_option": map[string]any{"value": string(o), "text": map[string]any{"type": "plain_text", "text": "x"}}}}
	}
	hash := strings.Repeat("h:{}", 12<<10)
	payload, _ := json.Marshal(map[string]any{
		"type": "view_submission", "team": map[string]any{"id": fakeslack.TeamID}, "user": map[string]any{"id": dan},
		"trigger_id": "1.2.3", "view": map[string]any{"id": "V0DAN", "hash": hash, "callback_id": callbackTeamAnswers,
			"private_metadata": string(meta), "state": map[string]any{"values": values}},
	})
	frame, _ := json.Marshal(map[string]any{"envelope_id": "env-hash-1", "type": "interactive", "accepts_response_payload": true, "payload": json.RawMessage(payload)})
	r.fake.SendRaw(frame)
	r.ack("env-hash-1")
	s := r.waitSession(general, root.TS, func(s dialog.Session) bool { return len(s.Answered()) == 1 })
	if len(s.Delivery) > 1024 {
		t.Errorf("a forged view hash of %d bytes reached the stored session (Delivery is %d bytes)", len(hash), len(s.Delivery))
	}
}

// A member whose first submission's ack was lost submits the same modal
// again with changed answers: the change is saved, not taken for a repeat.
func TestBotTeamResubmitChangedAnswers(t *testing.T) {
	r := newTeamRig(t)
	root := r.startTeam("team <@" + claire + ">")
	v := r.answerTeam(claire, root.TS, teamProfile(knowledge.Months))
	values := map[string]map[string]string{}
	for q, o := range teamProfile(knowledge.Immediate) {
		values[string(q)] = map[string]string{string(q): string(o)}
	}
	if a := r.ack(r.fake.SendViewSubmission(fakeslack.ViewSubmission{User: claire, ViewID: v.ID, Values: values})); len(a.Payload) > 0 && string(a.Payload) != "null" {
		t.Fatalf("changed answers refused: %s", a.Payload)
	}
	r.waitSession(general, root.TS, func(s dialog.Session) bool {
		return s.Mine(claire)[knowledge.Urgency] == knowledge.Immediate
	})
}
