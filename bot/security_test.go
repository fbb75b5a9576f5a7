package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The tests of this file act as an attacker, or a careless neighbour,
// would: each is one finding of SECURITY.md, driven end to end through the
// fake Slack and a real store.

// watchedStore counts the writes a bot makes, and can fail reads or lose a
// save's reply on demand.
type watchedStore struct {
	dialog.Store
	writes   atomic.Int64 // Create, Save, Claim
	getsDown atomic.Bool  // Get answers ErrUnavailable
	loseSave atomic.Int64 // the next n saves land, then answer ErrUnavailable
}

func (w *watchedStore) Get(ctx context.Context, k dialog.Key) (dialog.Session, error) {
	if w.getsDown.Load() {
		return dialog.Session{}, fmt.Errorf("watched: %w", dialog.ErrUnavailable)
	}
	return w.Store.Get(ctx, k)
}

func (w *watchedStore) Create(ctx context.Context, s *dialog.Session) error {
	w.writes.Add(1)
	return w.Store.Create(ctx, s)
}

func (w *watchedStore) Save(ctx context.Context, s *dialog.Session) error {
	w.writes.Add(1)
	sent := *s
	err := w.Store.Save(ctx, s)
	if err == nil && w.loseSave.Add(-1) >= 0 {
		// The write landed; its reply is what got lost (a timeout, a
		// retried command): the caller's copy stays as it sent it.
		*s = sent
		return fmt.Errorf("watched: reply lost: %w", dialog.ErrUnavailable)
	}
	return err
}

func (w *watchedStore) Claim(ctx context.Context, id string, ttl time.Duration) (bool, error) {
	w.writes.Add(1)
	return w.Store.Claim(ctx, id, ttl)
}

func newWatchedHarness(t *testing.T, opts ...func(*Options)) (*harness, *watchedStore) {
	t.Helper()
	fake := newWorkspace(t)
	fake.SetRateLimits(false)
	fake.AddUser(fakeslack.User{ID: claire, Name: "claire", Locale: "fr-FR"})
	fake.AddChannel(fakeslack.Channel{ID: leadOther, Name: "board", Private: true, BotIsMember: true, Members: []string{bob, fakeslack.BotUserID}})
	w := &watchedStore{Store: newRedisStore(t)}
	w.loseSave.Store(-1 << 40)
	r := rig{opts: func(o *Options) {
		o.Channels = []string{lead, leadOther}
		for _, f := range opts {
			f(o)
		}
	}}
	return r.start(t, fake, w), w
}

// TestBotQuietOutsideDialogs: replies in threads that are not dialogs —
// one started by a person, one the bot has never seen — write nothing to
// the store, and during an outage their authors hear nothing.
func TestBotQuietOutsideDialogs(t *testing.T) {
	h, w := newWatchedHarness(t)
	rootTS := nextTS()
	h.ack(h.fake.SendMessage(fakeslack.Message{User: bob, Channel: general, TS: rootTS, Text: "who is in for lunch?"}))

	before := w.writes.Load()
	h.reply(alice, general, rootTS, "me")             // a thread a person started
	h.reply(alice, general, "1600000000.000001", "2") // a thread nobody knows, with an answer-like reply
	w.getsDown.Store(true)                            // and now Redis is down
	h.reply(bob, general, "1600000000.000002", "2")
	h.settle()
	if n := w.writes.Load() - before; n != 0 {
		t.Errorf("replies outside any dialog made %d store writes, want 0", n)
	}
	if got := h.fake.Calls("chat.postEphemeral"); len(got) != 0 {
		t.Errorf("people talking outside any dialog got %d notes, want none: %q", len(got), h.ephemerals(bob))
	}
}

// TestBotSharePickerPrivacy: the share modal lists only the leadership
// channels the user belongs to, so a private channel's name (#board) is
// not shown to people outside it.
func TestBotSharePickerPrivacy(t *testing.T) {
	h, _ := newWatchedHarness(t)
	_, v := h.openShareModal(alice)
	if raw := string(v.Request); strings.Contains(raw, leadOther) || strings.Contains(raw, "board") {
		t.Errorf("alice's share modal names #board, a private channel she is not in:\n%s", raw)
	}
	if !strings.Contains(string(v.Request), lead) {
		t.Errorf("alice's share modal does not offer %s, her leadership channel", lead)
	}
}

// TestBotShareForgery: private_metadata comes back from the client, so a
// forged permalink in it is ignored (the bot asks Slack for the card's),
// and a card revision is shared once, whatever is replayed and whenever.
func TestBotShareForgery(t *testing.T) {
	h, _ := newWatchedHarness(t)
	card, v := h.openShareModal(alice)
	meta := map[string]any{}
	if err := json.Unmarshal([]byte(viewJSON(t, v)["private_metadata"].(string)), &meta); err != nil {
		t.Fatal(err)
	}
	meta["p"] = "https://evil.example/phish|Open the board deck"
	forged, _ := json.Marshal(meta)
	submit := func(viewID string) map[string]any {
		id := h.fake.SendViewSubmission(fakeslack.ViewSubmission{
			User: alice, ViewID: viewID, CallbackID: callbackShare, PrivateMetadata: string(forged),
			Values: map[string]map[string]string{blockShareChannel: {actionShareChannel: lead}},
		})
		a := h.ack(id)
		var payload map[string]any
		_ = json.Unmarshal(a.Payload, &payload)
		return payload
	}
	if p := submit(v.ID); p != nil {
		t.Fatalf("the share was refused: %v", p)
	}
	posted := h.posts(lead, 1)[0]
	if strings.Contains(string(posted.Blocks), "evil.example") {
		t.Errorf("the forged permalink reached the leadership channel:\n%s", posted.Blocks)
	}
	if link, _ := h.fake.Message(general, card.TS); !strings.Contains(string(posted.Blocks), card.TS[:10]) {
		t.Errorf("the shared card does not link to the card in the thread (%s):\n%s", link.TS, posted.Blocks)
	}

	// Replays: the same submission again, and a submission of another
	// (forged) view of the same revision, as after the claims expired.
	if p := submit(v.ID); p != nil {
		t.Errorf("a repeat of the submission that shared got %v, want the modal closed", p)
	}
	p := submit("V0FORGED1")
	errs, _ := p["errors"].(map[string]any)
	if msg, _ := errs[blockShareChannel].(string); msg != escapeMrkdwn(phrasesIn(knowledge.English).ShareAlready) {
		t.Errorf("a replay of a shared revision got %q, want the already-shared note", msg)
	}
	h.settle()
	if n := len(h.fake.Messages(lead)); n != 1 {
		t.Errorf("%d posts in the leadership channel after replays, want 1", n)
	}
}

// TestBotInputCaps: forged IDs and values are refused before they reach a
// log, a claim or a Redis key, and one user cannot start dialogs without
// bound.
func TestBotInputCaps(t *testing.T) {
	t.Run("forged IDs", func(t *testing.T) {
		h, w := newWatchedHarness(t)
		root := h.start(alice, general, "")
		q1 := h.waitThread(general, root.TS, 1)[0]
		h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.QuestionMsg == q1.TS })
		before := w.writes.Load()
		huge := strings.Repeat("A", 60<<10)
		for _, a := range []fakeslack.BlockAction{
			{ActionID: actionAnswerPrefix + huge, Value: "stage:startup"},
			{ActionID: actionAnswerPrefix + "startup", BlockID: "ask:1", Value: "stage:" + strings.Repeat("x", 500)},
			{ActionID: actionRestart, BlockID: "card:1", Channel: "C0GENERAL:1600000000.000001"},
			{ActionID: actionRestart, BlockID: "card:1", User: "U0ALICE}{x"},
		} {
			a.Channel = cmpOr(a.Channel, general)
			a.User = cmpOr(a.User, alice)
			a.MessageTS = q1.TS
			h.ack(h.fake.SendBlockAction(a))
		}
		h.settle()
		if n := w.writes.Load() - before; n != 0 {
			t.Errorf("forged actions made %d store writes, want 0", n)
		}
		if s := h.session(general, root.TS); len(s.Answers) != 0 || strings.Contains(s.Delivery, "xxxx") {
			t.Errorf("a forged action changed the session: %+v", s)
		}
		if strings.Contains(h.logs.String(), strings.Repeat("A", 1000)) {
			t.Error("a 60 KB action_id reached the log")
		}
	})
	t.Run("dialogs per user", func(t *testing.T) {
		h, _ := newWatchedHarness(t, func(o *Options) { o.CommandsPerMinute = 3 })
		for range 5 {
			h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general}))
		}
		h.settle()
		roots := 0
		for _, p := range h.fake.Messages(general) {
			if p.ThreadTS == "" || p.ThreadTS == p.TS {
				roots++
			}
		}
		if roots != 3 {
			t.Errorf("5 /cto-advice in a minute opened %d dialogs, want 3", roots)
		}
		told := 0
		for _, r := range h.fake.ResponsePosts() {
			if strings.Contains(string(r.Body), "many advice sessions") {
				told++
			}
		}
		if told != 2 {
			t.Errorf("%d of the 2 refused commands were told why", told)
		}
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestBotLostSaveReply: the store ran a save but its reply was lost (a
// timeout, a retried command). The step reads the session back, sees its
// own delivery, and the dialog moves on: the next question is posted and
// the user never hears "try again" then "already answered".
func TestBotLostSaveReply(t *testing.T) {
	h, w := newWatchedHarness(t)
	root := h.start(alice, general, "")
	q1 := h.waitThread(general, root.TS, 1)[0]
	h.waitSession(general, root.TS, func(s dialog.Session) bool { return s.QuestionMsg == q1.TS })
	w.loseSave.Store(1)
	h.answer(alice, q1, knowledge.Stage, knowledge.Startup)
	q2 := h.waitThread(general, root.TS, 2)[1]
	if _, _, ok := findAction(t, q2, func(e element) bool { return strings.HasPrefix(e.Value, string(knowledge.TechLead)+":") }); !ok {
		t.Errorf("after a save whose reply was lost, the next question is not the second one:\n%s", q2.Blocks)
	}
	h.settle()
	if notes := h.ephemerals(alice); len(notes) != 0 {
		t.Errorf("alice was told %q after a save that landed", notes)
	}
}

// TestBotReplicaClockSkew: two replicas, one clock 10 s ahead, share the
// dialogs and see duplicate deliveries. No question is posted twice: no
// delivery decision compares one replica's clock with another's.
func TestBotReplicaClockSkew(t *testing.T) {
	const sessions = 20
	fake := newWorkspace(t)
	fake.SetRateLimits(false)
	channels := raceChannels(fake, "C0SKEW", sessions)
	newStore := sharedRedis(t)
	ahead := func(o *Options) { o.Now = func() time.Time { return time.Now().Add(10 * time.Second) } }
	replicas := []*harness{rig{}.start(t, fake, newStore()), rig{opts: ahead}.start(t, fake, newStore())}
	raceAll(t, fake, channels, replicas)
	for _, ch := range channels {
		if n := len(fake.Messages(ch)) - 1; n != len(knowledge.Questions)+1 {
			t.Errorf("%s: %d replies, want %d questions and a card, each once:\n%s", ch, n, len(knowledge.Questions), describe(fake.Messages(ch)))
		}
	}
}

// TestBotSecretsNotLogged: a response_url lets anyone post as the app for
// half an hour, and a trigger_id opens modals: neither reaches the log,
// even when the reply through the response_url fails.
func TestBotSecretsNotLogged(t *testing.T) {
	h, _ := newWatchedHarness(t)
	h.fake.StatusNext("response_url", 500, 1)
	id := h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "nonsense"})
	h.ack(id)
	h.start(alice, general, "")
	h.settle()
	logs := h.logs.String()
	if !strings.Contains(logs, "response_url reply lost") {
		t.Fatal("the failed response_url reply was not logged: the test did not test")
	}
	for _, secret := range []string{"/response/", h.fake.URL()[:len(h.fake.URL())-len("/api/")]} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
	// The fake's trigger IDs look like Slack's: "12.1795983205.2ecd404dd270373e".
	if trig := regexp.MustCompile(`[0-9]+\.[0-9]{10}\.[0-9a-f]{16}`).FindString(logs); trig != "" {
		t.Errorf("the log contains the trigger_id %s", trig)
	}
}

// trigger_id opens modals as the app: a redelivered global shortcut logs
// its claim, which carries a digest, never the ID.
func TestBotShortcutTriggerIDNotLogged(t *testing.T) {
	h := newHarness(t)
	id := h.fake.SendShortcut(fakeslack.Shortcut{User: bob, CallbackID: callbackShortcut})
	h.ack(id)
	h.posts("D"+bob, 2)
	h.fake.Resend(id)
	waitUntil(t, "second ack", func() bool {
		n := 0
		for _, a := range h.fake.Acks() {
			if a.EnvelopeID == id {
				n++
			}
		}
		return n >= 2
	})
	h.settle()
	logged := false
	for _, line := range strings.Split(h.logs.String(), "\n") {
		if !strings.Contains(line, "shortcut:") || !strings.Contains(line, "claim") {
			continue
		}
		logged = true
		if trig := regexp.MustCompile(`[0-9]+\.[0-9]{10}\.[0-9a-f]{16}`).FindString(line); trig != "" {
			t.Errorf("a log line carries the raw trigger_id %s: %s", trig, line)
		}
	}
	if !logged {
		t.Fatal("the redelivered shortcut's claim was not logged: the test did not test")
	}
}

// The per-user caps (5 a minute) hold for every way to start a dialog:
// `/cto-advice team`, the Home tab's start button and the global shortcut,
// each sent one at a time, as a user (or a script) would, so the lane cap
// is not what stops them.
func TestBotQuotaCoversEveryStart(t *testing.T) {
	const n = 12
	t.Run("team_command", func(t *testing.T) {
		h := newHarness(t)
		for i := range n {
			h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "team <@U0BOB> <@U0CLAIRE>"}))
			h.settle()
			if len(h.fake.Messages(general)) <= i {
				break
			}
		}
		h.settle()
		if got := len(h.fake.Messages(general)); got > 5 {
			t.Errorf("%d `/cto-advice team` by one user in a burst posted %d root messages (each pinging bob and claire); the per-user cap is 5 a minute", n, got)
		}
	})
	// A dialog in the DM is its root and its first question, posted in
	// the root's thread; the refusal is one more note in the DM.
	dialogs := func(h *harness, user string) (n int) {
		for _, p := range h.fake.Messages("D" + user) {
			if p.ThreadTS != "" && p.ThreadTS != p.TS {
				n++
			}
		}
		return n
	}
	for name, send := range map[string]func(h *harness) string{
		"home_start": func(h *harness) string {
			return h.fake.SendBlockAction(fakeslack.BlockAction{User: bob, ViewID: "VHOME" + bob, ActionID: actionHomeStart, BlockID: blockHomeStart})
		},
		"shortcut": func(h *harness) string {
			return h.fake.SendShortcut(fakeslack.Shortcut{User: bob, CallbackID: callbackShortcut})
		},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			for i := range n {
				h.ack(send(h))
				h.settle()
				if dialogs(h, bob) <= i {
					break
				}
			}
			h.settle()
			if got := dialogs(h, bob); got > 5 {
				t.Errorf("%d starts by one user opened %d dialogs; the per-user cap is 5 a minute", n, got)
			}
			if got := len(h.fake.Messages("D" + bob)); got != 2*5+1 {
				t.Errorf("the DM has %d messages, want 5 dialogs and one refusal", got)
			}
		})
	}
}
