package bot

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/dialogtest"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

func TestBotDialogByButtons(t *testing.T) {
	tests := []struct {
		name    string
		answers []knowledge.OptionID
		want    knowledge.CaseID
	}{
		{"start-up in hypergrowth", case1Profile, knowledge.Case1},
		{"large group transformation", case2Profile, knowledge.Case2},
		{"mature scale-up", case3Profile, knowledge.Case3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			root := h.start(alice, general, "")
			if !strings.Contains(root.Text, alice) {
				t.Errorf("root message %q does not name the user", root.Text)
			}
			card := h.runByButtons(alice, general, root, tt.answers)

			_, open, ok := findAction(t, card, func(e element) bool { return e.ActionID == actionOpenCase })
			if !ok || open.Value != string(tt.want) {
				t.Errorf("card's %s button = %q, want %q", actionOpenCase, open.Value, tt.want)
			}
			for _, id := range []string{actionShare, actionRestart, actionChangeAnswer} {
				if _, _, ok := findAction(t, card, func(e element) bool { return e.ActionID == id }); !ok {
					t.Errorf("card has no %s control", id)
				}
			}
			_, link, ok := findAction(t, card, func(e element) bool { return e.URL != "" })
			if !ok || link.URL != caseURL+"#"+string(tt.want) {
				t.Errorf("card's article link = %q, want %q", link.URL, caseURL+"#"+string(tt.want))
			}
			if blocksOf(t, card)[0].Type != "header" {
				t.Errorf("card starts with a %s block, want header", blocksOf(t, card)[0].Type)
			}
			// Every answered question lost its buttons.
			for i, p := range h.thread(general, root.TS)[:len(knowledge.Questions)] {
				if p.Updated == 0 {
					t.Errorf("question %d was never updated after its answer", i+1)
				}
				if _, _, ok := findAction(t, p, func(element) bool { return true }); ok {
					t.Errorf("answered question %d still has buttons", i+1)
				}
			}
			// The card went through the last click's response_url, which
			// returns no ts: the bot learns it from Slack's echo of the post.
			s := h.waitSession(general, root.TS, func(s dialog.Session) bool { return isTS(s.CardMsg) })
			if s.State != dialog.Done || s.CardMsg != card.TS {
				t.Errorf("session state %s, card %s; want done, %s", s.State, s.CardMsg, card.TS)
			}
		})
	}
}

func TestBotDialogByTypedReplies(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	en := h.bot.kb.Text(knowledge.English)

	h.reply(alice, general, root.TS, "1") // stage by number: startup
	h.waitThread(general, root.TS, 2)
	h.reply(alice, general, root.TS, strings.ToUpper(en.Questions[knowledge.TechLead].Options[knowledge.LeadNone].Label)) // by label
	h.waitThread(general, root.TS, 3)
	h.reply(alice, general, root.TS, "what about kubernetes?") // nonsense: hint, same question again
	replies := h.waitThread(general, root.TS, 4)
	hint := replies[3]
	if !strings.Contains(string(hint.Blocks), "kubernetes") {
		t.Errorf("hint does not quote the reply:\n%s", hint.Blocks)
	}
	if _, _, ok := findAction(t, hint, func(e element) bool { return e.Value == "need:scale" }); !ok {
		t.Errorf("hint does not ask the same question again:\n%s", hint.Blocks)
	}
	if s := h.session(general, root.TS); s.Current != knowledge.Need {
		t.Errorf("after nonsense, current question = %s, want need", s.Current)
	}
	h.reply(alice, general, root.TS, "scale") // by option ID
	h.waitThread(general, root.TS, 5)
	h.reply(alice, general, root.TS, "1.")
	h.waitThread(general, root.TS, 6)
	h.reply(alice, general, root.TS, "flexible")
	replies = h.waitThread(general, root.TS, 7)

	_, open, _ := findAction(t, replies[6], func(e element) bool { return e.ActionID == actionOpenCase })
	if open.Value != string(knowledge.Case1) {
		t.Errorf("typed case-1 profile gave %q, want case-1", open.Value)
	}
	s := h.session(general, root.TS)
	want := map[knowledge.QuestionID]knowledge.OptionID{}
	for i, q := range knowledge.Questions {
		want[q.ID] = case1Profile[i]
	}
	for q, o := range want {
		if s.Answers[q] != o {
			t.Errorf("answer to %s = %s, want %s", q, s.Answers[q], o)
		}
	}
	// The typed answers updated the question they answered.
	for _, p := range h.thread(general, root.TS)[:2] {
		if p.Updated == 0 {
			t.Errorf("question %s not updated after a typed answer", p.TS)
		}
	}
}

func TestBotThreadWords(t *testing.T) {
	t.Run("back", func(t *testing.T) {
		h := newHarness(t)
		root := h.start(alice, general, "")
		q1 := h.waitThread(general, root.TS, 1)[0]
		h.answer(alice, q1, knowledge.Stage, knowledge.Scaleup)
		h.waitThread(general, root.TS, 2)
		h.reply(alice, general, root.TS, "back")
		replies := h.waitThread(general, root.TS, 3)
		if _, _, ok := findAction(t, replies[2], func(e element) bool { return e.Value == "stage:startup" }); !ok {
			t.Errorf("after back, the last message is not the first question:\n%s", replies[2].Blocks)
		}
		s := h.session(general, root.TS)
		if s.Current != knowledge.Stage || s.Answers[knowledge.Stage] != knowledge.Scaleup {
			t.Errorf("after back: current %s, stage answer %s; want stage, scaleup kept", s.Current, s.Answers[knowledge.Stage])
		}
		h.reply(alice, general, root.TS, "retour") // already at the first question
		h.waitEphemeral(alice, phrasesIn(knowledge.English).NothingBack)
	})
	t.Run("restart", func(t *testing.T) {
		h := newHarness(t)
		root := h.start(alice, general, "")
		h.answer(alice, h.waitThread(general, root.TS, 1)[0], knowledge.Stage, knowledge.Enterprise)
		h.waitThread(general, root.TS, 2)
		h.reply(alice, general, root.TS, "recommencer")
		h.waitSession(general, root.TS, func(s dialog.Session) bool {
			return len(s.Answers) == 0 && s.Current == knowledge.Stage && s.QuestionMsg != ""
		})
		last := h.thread(general, root.TS)
		if _, _, ok := findAction(t, last[len(last)-1], func(e element) bool { return e.Value == "stage:startup" }); !ok {
			t.Errorf("after restart, the last message is not the first question")
		}
	})
	t.Run("cancel", func(t *testing.T) {
		h := newHarness(t)
		root := h.start(alice, general, "")
		q1 := h.waitThread(general, root.TS, 1)[0]
		h.reply(alice, general, root.TS, "cancel")
		h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.State == dialog.Cancelled })
		h.waitThread(general, root.TS, 2) // the note
		h.click(alice, q1, blocksOf(t, q1)[len(blocksOf(t, q1))-1].BlockID, actionAnswerPrefix+"startup", "stage:startup", "")
		h.settle()
		if got := h.fake.Messages(general); len(got) != 3 {
			t.Errorf("a click after cancel posted something: %d messages", len(got))
		}
	})
	t.Run("help", func(t *testing.T) {
		h := newHarness(t)
		root := h.start(alice, general, "")
		h.reply(alice, general, root.TS, "aide")
		h.waitEphemeral(alice, "back")
	})
}

func TestBotOwnerOnly(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	q1 := h.waitThread(general, root.TS, 1)[0]

	h.answer(bob, q1, knowledge.Stage, knowledge.Startup)
	h.waitEphemeral(bob, "/cto-advice")
	h.reply(bob, general, root.TS, "2")                            // reads as an answer: a note
	h.reply(bob, general, root.TS, "nice, let's see what it says") // chatter: left alone
	h.settle()
	if n := len(h.ephemerals(bob)); n != 2 {
		t.Errorf("bob got %d notes, want 2 (click and typed answer, not chatter): %q", n, h.ephemerals(bob))
	}
	s := h.session(general, root.TS)
	if len(s.Answers) != 0 || s.Current != knowledge.Stage {
		t.Errorf("another user changed the session: %+v", s)
	}
	if got := len(h.thread(general, root.TS)); got != 1 {
		t.Errorf("thread has %d replies after bob's attempts, want 1", got)
	}
}

func TestBotStaleClick(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	q1 := h.waitThread(general, root.TS, 1)[0]
	blockID, e, _ := findAction(t, q1, func(e element) bool { return e.Value == "stage:startup" })
	h.click(alice, q1, blockID, e.ActionID, e.Value, "")
	q2 := h.waitThread(general, root.TS, 2)[1]
	before := h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.QuestionMsg == q2.TS })

	// The same question clicked again, from the message as it was.
	h.click(alice, q1, blockID, e.ActionID, "stage:enterprise", "")
	h.waitEphemeral(alice, phrasesIn(knowledge.English).Stale)
	h.settle()
	after := h.session(general, root.TS)
	if after.Version != before.Version || after.Answers[knowledge.Stage] != knowledge.Startup {
		t.Errorf("a stale click changed the session: %+v -> %+v", before, after)
	}
	if got := len(h.thread(general, root.TS)); got != 2 {
		t.Errorf("a stale click posted: thread has %d replies, want 2", got)
	}
}

func TestBotFrench(t *testing.T) {
	fr := func(t *testing.T, h *harness, root fakeslack.Post) {
		t.Helper()
		q1 := h.waitThread(general, root.TS, 1)[0]
		prompt := h.bot.kb.Text(knowledge.French).Questions[knowledge.Stage].Prompt
		if !strings.Contains(string(q1.Blocks), prompt) {
			t.Errorf("first question is not in French:\n%s", q1.Blocks)
		}
		if s := h.session(general, root.TS); s.Lang != knowledge.French {
			t.Errorf("session language %s, want fr", s.Lang)
		}
	}
	t.Run("argument", func(t *testing.T) {
		h := newHarness(t)
		fr(t, h, h.start(alice, general, "fr"))
	})
	t.Run("locale", func(t *testing.T) {
		h := newHarness(t)
		fr(t, h, h.start(claire, general, ""))
	})
	t.Run("start keeps the locale", func(t *testing.T) {
		h := newHarness(t)
		fr(t, h, h.start(claire, general, "start"))
	})
	t.Run("argument beats locale", func(t *testing.T) {
		h := newHarness(t)
		root := h.start(claire, general, "en")
		if s := h.session(general, root.TS); s.Lang != knowledge.English {
			t.Errorf("session language %s, want en", s.Lang)
		}
	})
	t.Run("default", func(t *testing.T) {
		h := newHarness(t, func(o *Options) { o.DefaultLang = knowledge.French })
		h.fake.AddUser(fakeslack.User{ID: "U0NOLOCALE", Name: "dieter", Locale: "de-DE"}) // a locale the advisor does not speak
		root := h.start("U0NOLOCALE", general, "")
		if s := h.session(general, root.TS); s.Lang != knowledge.French {
			t.Errorf("session language %s, want the default fr", s.Lang)
		}
	})
}

func TestBotHelpAndUnknownArgument(t *testing.T) {
	h := newHarness(t)
	h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "help"}))
	h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "<!channel> please"}))
	posts, err := h.fake.WaitResponsePosts(h.ctx(), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		if p.ResponseType != "ephemeral" && p.ResponseType != "" {
			t.Errorf("help answered %q, want ephemeral", p.ResponseType)
		}
		if !strings.Contains(p.Text, "/cto-advice fr") {
			t.Errorf("help text %q lacks the commands", p.Text)
		}
	}
	if strings.Contains(posts[1].Text, "<!channel>") {
		t.Errorf("unknown argument echoed unescaped: %q", posts[1].Text)
	}
	if got := h.fake.Messages(general); len(got) != 0 {
		t.Errorf("help posted %d channel messages, want none", len(got))
	}
}

func TestBotNotInChannel(t *testing.T) {
	h := newHarness(t)
	h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: secret}))
	posts, err := h.fake.WaitResponsePosts(h.ctx(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(posts[0].Text, "/invite <@"+fakeslack.BotUserID+">") {
		t.Errorf("response_url reply %q does not say how to invite the bot", posts[0].Text)
	}
}

func TestBotIgnoresBotsAndSubtypes(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	h.waitThread(general, root.TS, 1)
	h.reply(fakeslack.BotUserID, general, root.TS, "1")
	h.ack(h.fake.SendMessage(fakeslack.Message{User: alice, Channel: general, ThreadTS: root.TS, Text: "1", BotID: "B999"}))
	h.ack(h.fake.SendMessage(fakeslack.Message{User: alice, Channel: general, ThreadTS: root.TS, Text: "1", SubType: "message_changed"}))
	h.ack(h.fake.SendMessage(fakeslack.Message{User: alice, Channel: general, Text: "1"})) // not in a thread
	h.settle()
	if s := h.session(general, root.TS); len(s.Answers) != 0 {
		t.Errorf("a bot message or an edit answered a question: %v", s.Answers)
	}
}

func TestBotChangeAnswer(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	card := h.runByButtons(alice, general, root, case1Profile)
	h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.CardMsg == card.TS })
	blockID, sel, ok := findAction(t, card, func(e element) bool { return e.ActionID == actionChangeAnswer })
	if !ok {
		t.Fatal("card has no change_answer select")
	}
	var values []string
	for _, o := range sel.Options {
		values = append(values, o.Value)
	}
	for _, q := range knowledge.Questions {
		if !slices.Contains(values, string(q.ID)) {
			t.Errorf("change_answer lacks %s: %v", q.ID, values)
		}
	}
	h.click(alice, card, blockID, actionChangeAnswer, "", string(knowledge.Budget))
	replies := h.waitThread(general, root.TS, 7)
	h.answer(alice, replies[6], knowledge.Budget, knowledge.FixedOK)

	s := h.waitSession(general, root.TS, func(s dialog.Session) bool {
		return s.State == dialog.Done && s.Answers[knowledge.Budget] == knowledge.FixedOK
	})
	h.settle()
	if got := len(h.thread(general, root.TS)); got != 7 {
		t.Errorf("thread has %d replies after a change, want 7 (the card is updated in place)", got)
	}
	updated, _ := h.fake.Message(general, card.TS)
	if updated.Updated == 0 || s.CardMsg != card.TS {
		t.Errorf("card %s not updated in place (updates %d, card now %s)", card.TS, updated.Updated, s.CardMsg)
	}
	// The old card's controls are stale now.
	h.click(alice, card, blockID, actionRestart, "", "")
	h.waitEphemeral(alice, phrasesIn(knowledge.English).CardStale)
}

func TestBotCaseStudyModal(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	card := h.runByButtons(alice, general, root, case2Profile)
	h.press(bob, card, actionOpenCase) // anyone may read it
	view := h.waitView(0)
	title := h.bot.kb.Text(knowledge.English).Cases[knowledge.Case2].Title
	if !strings.Contains(string(view.Request), title) {
		t.Errorf("case study modal lacks %q:\n%s", title, view.Request)
	}
}

// TestBotComparisonModal: the comparison opens for anyone, in the language
// of the card clicked, whatever the clicker's own.
func TestBotComparisonModal(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "fr")
	card := h.runByButtons(alice, general, root, case2Profile)
	h.press(bob, card, actionOpenComparison)
	view := h.waitView(0)
	fr := h.bot.kb.Text(knowledge.French)
	for _, want := range []string{fr.Phrases.Factors, fr.Criteria[knowledge.Cost].Name, fr.Phrases.CompareTitle} {
		if !strings.Contains(string(view.Request), want) {
			t.Errorf("comparison modal lacks %q:\n%s", want, view.Request)
		}
	}
}

func TestBotRestartFromCard(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	card := h.runByButtons(alice, general, root, case3Profile)
	h.press(alice, card, actionRestart)
	s := h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.State == dialog.Active && s.QuestionMsg != "" })
	if len(s.Answers) != 0 || s.Current != knowledge.Stage {
		t.Errorf("restart left %+v", s)
	}
}

// waitView waits for the (i+1)th view the bot opened.
func (h *harness) waitView(i int) fakeslack.View {
	h.t.Helper()
	ctx := h.ctx()
	for {
		if v := h.fake.Views(); len(v) > i {
			return v[i]
		}
		select {
		case <-ctx.Done():
			h.t.Fatalf("no view %d opened; bot log:\n%s", i, h.logs.String())
		default:
		}
		h.settle()
	}
}

// viewJSON decodes a view request the bot sent.
func viewJSON(t *testing.T, v fakeslack.View) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(v.Request, &m); err != nil {
		t.Fatalf("view %s: %v", v.ID, err)
	}
	return m
}

func TestBotDirectMessageBetweenPeople(t *testing.T) {
	h := newHarness(t)
	// A DM between two people: the bot is not part of it and cannot post.
	h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: "D0ALICEBOB"}))
	posts, err := h.fake.WaitResponsePosts(h.ctx(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if posts[0].Text != phrasesIn(knowledge.English).CannotPostHere {
		t.Errorf("response_url reply = %q, want the can't-post-here note", posts[0].Text)
	}
}

func TestBotExpiredSession(t *testing.T) {
	clock := dialogtest.NewFakeClock(time.Now())
	store := dialog.NewMemStore(time.Hour, clock.Now)
	fake := newWorkspace(t)
	h := rig{}.start(t, fake, store)
	root := h.start(alice, general, "")
	q1 := h.waitThread(general, root.TS, 1)[0]
	h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.QuestionMsg == q1.TS })

	clock.Advance(2 * time.Hour) // past DIALOG_TTL with no activity
	h.answer(alice, q1, knowledge.Stage, knowledge.Startup)
	h.waitEphemeral(alice, phrasesIn(knowledge.English).Expired)
	h.reply(alice, general, root.TS, "1") // a typed answer in an expired thread is left alone
	h.settle()
	if got := len(h.thread(general, root.TS)); got != 1 {
		t.Errorf("an expired session posted: thread has %d replies, want 1", got)
	}
}
