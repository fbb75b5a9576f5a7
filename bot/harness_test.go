package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Users and channels of the fake workspace.
const (
	alice     = "U0ALICE"  // English locale, owner of most sessions
	bob       = "U0BOB"    // English locale, a colleague in #general
	claire    = "U0CLAIRE" // French locale
	general   = "C0GENERAL"
	secret    = "C0SECRET" // exists, the bot is not a member
	lead      = "C0LEAD"   // leadership channel, alice is a member
	leadOther = "C0BOARD"  // leadership channel, alice is not a member
	archived  = "C0OLD"    // leadership channel, archived
	external  = "C0SHARED" // leadership channel shared with another org
	unlisted  = "C0RANDOM" // alice is a member, but it is not a leadership channel
	caseURL   = "https://example.com/cto-interne-vs-externe"
)

// harness is a bot wired to a fake Slack and a real Redis.
type harness struct {
	t     *testing.T
	bot   *Bot
	fake  *fakeslack.Server
	store dialog.Store
	logs  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newRedisStore is the session store the end-to-end tests use: the server
// at REDIS_URL when set, else an in-process miniredis; real TCP either way.
func newRedisStore(t *testing.T) dialog.Store {
	t.Helper()
	return sharedRedis(t)()
}

// newHarness starts a bot against a fresh fake Slack.
func newHarness(t *testing.T, opts ...func(*Options)) *harness {
	t.Helper()
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	// These tests click through dialogs at machine speed, seven posts a
	// second in one channel, and are about what the bot says, not about
	// Slack's rate limits; TestBotUnderSlackRateLimits keeps them on.
	fake.SetRateLimits(false)
	fake.AddUser(fakeslack.User{ID: alice, Name: "alice", Locale: "en-US"})
	fake.AddUser(fakeslack.User{ID: bob, Name: "bob", Locale: "en-GB"})
	fake.AddUser(fakeslack.User{ID: claire, Name: "claire", Locale: "fr-FR"})
	fake.AddChannel(fakeslack.Channel{ID: general, Name: "general", BotIsMember: true, Members: []string{alice, bob, claire, fakeslack.BotUserID}})
	fake.AddChannel(fakeslack.Channel{ID: secret, Name: "secret", Members: []string{alice}})
	fake.AddChannel(fakeslack.Channel{ID: lead, Name: "leadership", Private: true, BotIsMember: true, Members: []string{alice, fakeslack.BotUserID}})
	fake.AddChannel(fakeslack.Channel{ID: leadOther, Name: "board", Private: true, BotIsMember: true, Members: []string{bob, fakeslack.BotUserID}})
	fake.AddChannel(fakeslack.Channel{ID: archived, Name: "old-leadership", Archived: true, BotIsMember: true, Members: []string{alice, fakeslack.BotUserID}})
	fake.AddChannel(fakeslack.Channel{ID: external, Name: "partners", ExtShared: true, BotIsMember: true, Members: []string{alice, fakeslack.BotUserID}})
	fake.AddChannel(fakeslack.Channel{ID: unlisted, Name: "random", BotIsMember: true, Members: []string{alice, fakeslack.BotUserID}})

	r := rig{opts: func(o *Options) {
		o.Channels = []string{lead, leadOther, archived, external}
		for _, f := range opts {
			f(o)
		}
	}}
	return r.start(t, fake, newRedisStore(t))
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(h.t.Context(), 5*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

// ack waits for the bot to acknowledge an envelope.
func (h *harness) ack(id string) fakeslack.Ack {
	h.t.Helper()
	a, err := h.fake.WaitAck(h.ctx(), id)
	if err != nil {
		h.t.Fatalf("no ack for envelope %s: %v", id, err)
	}
	return a
}

// posts waits until the channel holds n messages and returns them.
func (h *harness) posts(channel string, n int) []fakeslack.Post {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := h.fake.Messages(channel)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("channel %s has %d messages, want %d:\n%s", channel, len(got), n, describe(got))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until nothing new has reached the fake for a moment, so a
// test can assert that something did not happen.
func (h *harness) settle() {
	h.t.Helper()
	last := -1
	for {
		n := len(h.fake.Calls("")) + len(h.fake.ResponsePosts())
		if n == last {
			return
		}
		last = n
		time.Sleep(100 * time.Millisecond)
	}
}

// ephemerals returns the ephemeral notes sent to user.
func (h *harness) ephemerals(user string) []string {
	var out []string
	for _, c := range h.fake.Calls("chat.postEphemeral") {
		if c.Form.Get("user") == user {
			out = append(out, c.Form.Get("text"))
		}
	}
	return out
}

// waitEphemeral waits for an ephemeral note to user containing want.
func (h *harness) waitEphemeral(user, want string) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		for _, e := range h.ephemerals(user) {
			if strings.Contains(e, want) {
				return
			}
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("no ephemeral note to %s containing %q; got %q", user, want, h.ephemerals(user))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// start runs /cto-advice and returns the thread's root message.
func (h *harness) start(user, channel, text string) fakeslack.Post {
	h.t.Helper()
	before := len(h.fake.Messages(channel))
	h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: user, Channel: channel, Text: text}))
	posts := h.posts(channel, before+2)
	return posts[before]
}

// thread returns the messages of a thread, the root excluded.
func (h *harness) thread(channel, root string) []fakeslack.Post {
	var out []fakeslack.Post
	for _, p := range h.fake.Messages(channel) {
		if p.ThreadTS == root && p.TS != root {
			out = append(out, p)
		}
	}
	return out
}

// waitThread waits until the thread holds n replies.
func (h *harness) waitThread(channel, root string, n int) []fakeslack.Post {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := h.thread(channel, root)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("thread %s has %d replies, want %d:\n%s\nbot log:\n%s", root, len(got), n, describe(got), h.logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// session reads the stored session of a thread.
func (h *harness) session(channel, root string) dialog.Session {
	h.t.Helper()
	s, err := h.store.Get(h.ctx(), dialog.Key{Team: fakeslack.TeamID, Channel: channel, Thread: root})
	if err != nil {
		h.t.Fatalf("session %s: %v", root, err)
	}
	return s
}

// waitSession waits until the thread's session satisfies ok.
func (h *harness) waitSession(channel, root string, ok func(dialog.Session) bool) dialog.Session {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := h.session(channel, root)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("session %s never reached the expected state; last: %+v\nbot log:\n%s", root, s, h.logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// element is the part of a Block Kit element the tests read.
type element struct {
	Type     string `json:"type"`
	ActionID string `json:"action_id"`
	Value    string `json:"value"`
	URL      string `json:"url"`
	Options  []struct {
		Value string `json:"value"`
	} `json:"options"`
}

type block struct {
	Type     string    `json:"type"`
	BlockID  string    `json:"block_id"`
	Elements []element `json:"elements"`
	Text     *struct {
		Text string `json:"text"`
	} `json:"text"`
}

func blocksOf(t *testing.T, p fakeslack.Post) []block {
	t.Helper()
	var bs []block
	if len(p.Blocks) == 0 {
		return nil
	}
	if err := json.Unmarshal(p.Blocks, &bs); err != nil {
		t.Fatalf("blocks of %s: %v", p.TS, err)
	}
	return bs
}

// button finds an interactive element by action ID (or prefix) and value.
func findAction(t *testing.T, p fakeslack.Post, match func(element) bool) (string, element, bool) {
	t.Helper()
	for _, b := range blocksOf(t, p) {
		for _, e := range b.Elements {
			if e.ActionID != "" && match(e) {
				return b.BlockID, e, true
			}
		}
	}
	return "", element{}, false
}

// answer clicks the button of option o on question message p.
func (h *harness) answer(user string, p fakeslack.Post, q knowledge.QuestionID, o knowledge.OptionID) string {
	h.t.Helper()
	want := string(q) + ":" + string(o)
	blockID, e, ok := findAction(h.t, p, func(e element) bool { return e.Value == want })
	if !ok {
		h.t.Fatalf("message %s has no button %s:\n%s", p.TS, want, p.Blocks)
	}
	return h.click(user, p, blockID, e.ActionID, e.Value, "")
}

// click sends a block action from message p and waits for its ack.
func (h *harness) click(user string, p fakeslack.Post, blockID, actionID, value, selected string) string {
	h.t.Helper()
	id := h.fake.SendBlockAction(fakeslack.BlockAction{
		User: user, Channel: p.Channel, MessageTS: p.TS, ThreadTS: p.ThreadTS,
		ActionID: actionID, BlockID: blockID, Value: value, Selected: selected,
	})
	h.ack(id)
	return id
}

// press clicks the button with actionID on message p, as user.
func (h *harness) press(user string, p fakeslack.Post, actionID string) {
	h.t.Helper()
	blockID, e, ok := findAction(h.t, p, func(e element) bool { return e.ActionID == actionID })
	if !ok {
		h.t.Fatalf("message %s has no %s control:\n%s", p.TS, actionID, p.Blocks)
	}
	h.click(user, p, blockID, e.ActionID, e.Value, "")
}

// reply types text in the thread as user and waits for the ack.
func (h *harness) reply(user, channel, root, text string) {
	h.t.Helper()
	h.ack(h.fake.SendMessage(fakeslack.Message{User: user, Channel: channel, ThreadTS: root, Text: text}))
}

func describe(posts []fakeslack.Post) string {
	var b strings.Builder
	for _, p := range posts {
		fmt.Fprintf(&b, "  %s (thread %s): %.120s\n", p.TS, p.ThreadTS, p.Text)
	}
	return b.String()
}

// The other seed profiles of SPEC §4 (case1Profile is in blocks_test.go).
var (
	case2Profile = []knowledge.OptionID{knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Immediate, knowledge.Flexible}
	case3Profile = []knowledge.OptionID{knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.Months, knowledge.FixedOK}
)

// runByButtons answers every question by clicking and returns the card.
func (h *harness) runByButtons(user, channel string, root fakeslack.Post, answers []knowledge.OptionID) fakeslack.Post {
	h.t.Helper()
	for i, q := range knowledge.Questions {
		replies := h.waitThread(channel, root.TS, i+1)
		h.answer(user, replies[i], q.ID, answers[i])
	}
	replies := h.waitThread(channel, root.TS, len(knowledge.Questions)+1)
	return replies[len(knowledge.Questions)]
}
