package bot

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// startLatency runs /cto-advice as user in channel and returns how long the
// first question took to appear.
func (h *harness) startLatency(user, channel string) time.Duration {
	h.t.Helper()
	before := len(h.fake.Messages(channel))
	sent := time.Now()
	h.fake.SendSlashCommand(fakeslack.SlashCommand{User: user, Channel: channel})
	h.posts(channel, before+2)
	return time.Since(sent)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestBotFloodedThreadDoesNotDelayOthers is one user flooding her own
// thread — 30 replies in 5 s, far over her channel's one post a second —
// while another user starts a dialog in another channel. Her replies queue
// behind one another in her thread's lane, the worker waiting out her
// Retry-After gives its slot back, and past her thread's cap she is asked
// for a moment instead of being queued. BENCHMARKS.md quotes the figures.
func TestBotFloodedThreadDoesNotDelayOthers(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.CommandsPerMinute, o.DialogsPerDay = -1, -1 })
	// Bob starts each dialog in a channel of its own, so that Slack's limit
	// of one post a second per channel never applies to his.
	others := make(chan string, 10)
	for i := range cap(others) {
		id := fmt.Sprintf("C0OTHER%d", i)
		h.fake.AddChannel(fakeslack.Channel{ID: id, Name: strings.ToLower(id), BotIsMember: true, Members: []string{bob, fakeslack.BotUserID}})
		others <- id
	}
	root := h.start(alice, general, "")

	var baseline []time.Duration
	for range 5 {
		baseline = append(baseline, h.startLatency(bob, <-others))
	}

	// Slack's own limits from now on: in her channel, one post a second,
	// and every post beyond that answered 429 with Retry-After.
	h.fake.SetRateLimits(true)
	goroutines := runtime.NumGoroutine()
	flooded := make(chan struct{})
	go func() {
		defer close(flooded)
		for i := range 30 {
			h.fake.SendMessage(fakeslack.Message{User: alice, Channel: general, ThreadTS: root.TS, Text: fmt.Sprintf("what about option %d?", i+7)})
			time.Sleep(5 * time.Second / 30) // her typing pace, not a wait for the bot
		}
	}()
	var during []time.Duration
	peak := goroutines
	for range 5 {
		time.Sleep(time.Second) // spread over her flood: a pace, not a wait for the bot
		during = append(during, h.startLatency(bob, <-others))
		peak = max(peak, runtime.NumGoroutine())
	}
	<-flooded
	peak = max(peak, runtime.NumGoroutine())
	// Her channel is over Slack's one post a second: the bot holds her
	// posts back (pace.go), or Slack refused some.
	outran := h.bot.pace != nil && h.bot.pace.delay("chat.postMessage", general, prioContinue) > 0 ||
		h.fake.RateLimited()["chat.postMessage"] > 0

	t.Logf("/cto-advice in another channel, first question after: baseline %v (median %v), during the flood %v (median %v)",
		baseline, median(baseline), during, median(during))
	t.Logf("goroutines: %d before the flood, %d at most during it", goroutines, peak)
	// 200 ms is the product's bound; the test allows for a loaded 2-core
	// machine and the race detector, and still fails by seconds if one
	// thread's 429s hold the other user up again (21.8 s before).
	if d := median(during) - median(baseline); d > time.Second {
		t.Errorf("the flood delayed another user's /cto-advice by %v (median), want well under 1 s", d)
	}
	if d := peak - goroutines; d > 60 {
		t.Errorf("the flood added %d goroutines: work is not bounded per thread", d)
	}
	if !outran {
		t.Error("her posts were neither held back nor refused: the flood did not flood")
	}
	h.waitEphemeral(alice, h.bot.kb.Text(knowledge.English).Phrases.Busy)
	if n := len(h.ephemeralsContaining(alice, "One moment")); n > 2 {
		t.Errorf("alice was told %d times to wait within 5 s, want it rate-limited", n)
	}
}

// ephemeralsContaining returns the notes to user that contain s.
func (h *harness) ephemeralsContaining(user, s string) []string {
	var out []string
	for _, e := range h.ephemerals(user) {
		if strings.Contains(e, s) {
			out = append(out, e)
		}
	}
	return out
}

// A bystander floods the owner's thread with replies that read as answers
// while Slack throttles his notes: his envelopes wait in her thread's
// lane, and past his cap he is told "one moment", but her own click is
// queued and answered.
func TestBotBystanderFloodDoesNotShedOwner(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	q1 := h.waitThread(general, root.TS, 1)[0]
	h.settle()
	want := string(knowledge.Stage) + ":" + string(knowledge.Startup)
	blockID, e, _ := findAction(t, q1, func(e element) bool { return e.Value == want })
	h.fake.RateLimitNext("chat.postEphemeral", time.Second, 1)
	for range 10 {
		h.fake.SendMessage(fakeslack.Message{User: bob, Channel: general, ThreadTS: root.TS, Text: "2"})
	}
	id := h.fake.SendBlockAction(fakeslack.BlockAction{User: alice, Channel: general, MessageTS: q1.TS, ThreadTS: root.TS, ActionID: e.ActionID, BlockID: blockID, Value: e.Value})
	h.ack(id)
	// Her click waits its turn behind his queued replies, the first of
	// them held a second by Slack: wait for her answer, not for quiet.
	waitUntil(t, "the owner's click answered", func() bool { return len(h.thread(general, root.TS)) >= 2 || len(h.ephemerals(alice)) > 0 })
	t.Logf("alice's notes: %q; bob's notes: %d", h.ephemerals(alice), len(h.ephemerals(bob)))
	if got := len(h.thread(general, root.TS)); got < 2 {
		t.Errorf("the owner's click was shed because a bystander filled her thread's queue: thread has %d replies, want 2; alice was told %q", got, h.ephemerals(alice))
	}
}
