package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// answerPrefix starts the action ID of every answer button: the bot's wire
// contract (bot/ids.go), which messages already in Slack depend on.
const answerPrefix = "answer_"

// stepKind is what a driver's action was.
type stepKind int32

const (
	kindOther  stepKind = iota // not caused by a step (Redis pings, setup calls)
	kindStart                  // /cto-advice until the first question is posted
	kindAnswer                 // a click until the next question, or the card, is posted
	numKinds
)

func (k stepKind) String() string {
	switch k {
	case kindStart:
		return "start"
	case kindAnswer:
		return "answer"
	}
	return "other"
}

// step is one action of a driver and its outcome.
type step struct {
	kind     stepKind
	envelope string
	sent     time.Time // just before the fake built and wrote the envelope
	posted   time.Time // when the reply was posted; zero if none came
}

// question is a posted message with answer buttons.
type question struct {
	ts, thread, block string
	buttons           []button
}

type button struct{ action, value string }

// want is what a driver expects the next post to be.
type want int

const (
	wantQuestion want = iota // a question; thread roots are skipped
	wantCard                 // the card: a post without answer buttons
	wantAny                  // anything (the baseline's last step)
)

// driver plays one member: /cto-advice in their channel, a click on every
// question the system posts, and /cto-advice again after the last answer.
type driver struct {
	fake    *fakeslack.Server
	m       *member
	timeout time.Duration
	// expectCard: the last answer must bring a card. The baseline posts
	// the same message for every click, so it is not held to it.
	expectCard bool
	// startsOnly: every action is a new /cto-advice; the sessions stay
	// stored at their first question (memory mode).
	startsOnly bool
	budget     *atomic.Int64 // actions left for all drivers; nil: unbounded

	question *question // the question on screen; nil between dialogs
	answered int       // in the current dialog
	dialogs  int
	steps    []step
	errs     map[string]int
}

func newDriver(fake *fakeslack.Server, m *member, timeout time.Duration, expectCard bool) *driver {
	return &driver{fake: fake, m: m, timeout: timeout, expectCard: expectCard, errs: map[string]int{}}
}

// run acts at the pace p sets until window is done or the budget is spent.
// A step in flight when the window closes completes (or times out) first.
func (d *driver) run(ctx, window context.Context, p *pacer) {
	for p.wait(window) {
		if d.budget != nil && d.budget.Add(-1) < 0 {
			return
		}
		if ctx.Err() != nil {
			return
		}
		d.act(ctx)
	}
}

func (d *driver) act(ctx context.Context) {
	if d.question == nil || d.startsOnly {
		d.start(ctx)
		return
	}
	d.answer(ctx)
}

func (d *driver) start(ctx context.Context) {
	d.m.phase.Store(int32(kindStart))
	sent := time.Now()
	id := d.fake.SendSlashCommand(fakeslack.SlashCommand{User: d.m.user, Channel: d.m.channel})
	q, at, err := d.await(ctx, wantQuestion)
	d.record(kindStart, id, sent, at, err)
	if err == nil {
		d.question, d.answered = q, 0
	}
}

// dialogLength is the number of answers a dialog takes.
var dialogLength = len(knowledge.Questions)

func (d *driver) answer(ctx context.Context) {
	q := d.question
	// Vary the choices across sessions and dialogs so every outcome and
	// card layout is exercised.
	b := q.buttons[(d.m.index+d.dialogs+d.answered)%len(q.buttons)]
	last := d.answered+1 == dialogLength
	w := wantQuestion
	switch {
	case last && d.expectCard:
		w = wantCard
	case last:
		w = wantAny
	}
	d.m.phase.Store(int32(kindAnswer))
	sent := time.Now()
	id := d.fake.SendBlockAction(fakeslack.BlockAction{
		User: d.m.user, Channel: d.m.channel, MessageTS: q.ts, ThreadTS: q.thread,
		ActionID: b.action, BlockID: q.block, Value: b.value,
	})
	next, at, err := d.await(ctx, w)
	d.record(kindAnswer, id, sent, at, err)
	switch {
	case err != nil:
		d.question = nil // start a new dialog
	case last:
		d.question = nil
		d.dialogs++
	default:
		d.question = next
		d.answered++
	}
}

// Errors a step can end with; each is counted by its text.
var (
	errNoReply      = errors.New("no reply within the timeout")
	errNotQuestion  = errors.New("a post without answer buttons where a question was due")
	errNotCard      = errors.New("a question where the card was due")
	errPostVanished = errors.New("a post noticed that the fake does not hold")
)

// await waits for the next post in the member's channel that settles w.
func (d *driver) await(ctx context.Context, w want) (*question, time.Time, error) {
	timer := time.NewTimer(d.timeout)
	defer timer.Stop()
	for {
		var p posted
		select {
		case <-ctx.Done():
			return nil, time.Time{}, ctx.Err()
		case <-timer.C:
			return nil, time.Time{}, errNoReply
		case p = <-d.m.posts:
		}
		// One post per notice, in order: a session has one action in
		// flight, and the system posts its replies one after the other.
		msgs := d.fake.Messages(d.m.channel)
		if d.m.read >= len(msgs) {
			return nil, time.Time{}, errPostVanished
		}
		msg := msgs[d.m.read]
		d.m.read++
		q := questionIn(msg)
		switch {
		case w == wantAny:
			return q, p.at, nil
		case w == wantCard && q != nil:
			return nil, p.at, errNotCard
		case w == wantCard:
			return nil, p.at, nil
		case q != nil:
			return q, p.at, nil
		case msg.ThreadTS == "":
			continue // the thread's root; the question follows in the thread
		default:
			return nil, p.at, errNotQuestion
		}
	}
}

func (d *driver) record(k stepKind, envelope string, sent, at time.Time, err error) {
	s := step{kind: k, envelope: envelope, sent: sent}
	if err == nil {
		s.posted = at
	} else if !errors.Is(err, context.Canceled) {
		d.errs[k.String()+": "+err.Error()]++
	}
	d.steps = append(d.steps, s)
}

// wireBlock is the part of a Block Kit block the drivers read.
type wireBlock struct {
	Type     string `json:"type"`
	BlockID  string `json:"block_id"`
	Elements []struct {
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
	} `json:"elements"`
}

// questionIn returns the answer buttons of a post, or nil when it has none.
func questionIn(p fakeslack.Post) *question {
	var blocks []wireBlock
	if len(p.Blocks) == 0 || json.Unmarshal(p.Blocks, &blocks) != nil {
		return nil
	}
	for _, b := range blocks {
		if b.Type != "actions" {
			continue
		}
		q := &question{ts: p.TS, thread: p.ThreadTS, block: b.BlockID}
		for _, e := range b.Elements {
			if strings.HasPrefix(e.ActionID, answerPrefix) {
				q.buttons = append(q.buttons, button{action: e.ActionID, value: e.Value})
			}
		}
		if len(q.buttons) > 0 {
			return q
		}
	}
	return nil
}

// pacer spaces a driver's actions. With a zero period it never waits
// (closed loop); otherwise it holds a fixed schedule (open loop): a slot
// that passed while a reply was awaited is taken late, at once, and any
// slot after it that passed too is skipped and counted.
type pacer struct {
	every  time.Duration
	next   time.Time
	missed int
}

func newPacer(cfg config, i, n int, start time.Time) *pacer {
	if cfg.mode != paced {
		return &pacer{}
	}
	// Spread the sessions evenly over one period, as real users would be.
	offset := time.Duration(int64(cfg.interval) * int64(i) / int64(n))
	return &pacer{every: cfg.interval, next: start.Add(offset)}
}

// wait blocks until the next slot and reports whether ctx still allows it.
func (p *pacer) wait(ctx context.Context) bool {
	if ctx.Err() != nil {
		return false
	}
	if p.every == 0 {
		return true
	}
	now := time.Now()
	for !p.next.Add(p.every).After(now) {
		p.next = p.next.Add(p.every)
		p.missed++
	}
	t := time.NewTimer(p.next.Sub(now))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		p.next = p.next.Add(p.every)
		return true
	}
}

// plan says what the drivers do in one drive.
type plan struct {
	expectCard bool // the last answer of a dialog must bring the card
	startsOnly bool // every action is a /cto-advice
	actions    int  // actions for all drivers together; 0: until the window closes
}

// drive runs one driver per member, for cfg.duration or until p.actions
// are spent. ctx aborts the run; the window only stops new actions, so
// every step is seen to its end.
func drive(ctx context.Context, ws *workspace, cfg config, p plan) (drivers []*driver, start, end time.Time, missed int) {
	start = time.Now()
	var (
		window context.Context
		cancel context.CancelFunc
		budget *atomic.Int64
	)
	if p.actions > 0 {
		budget = new(atomic.Int64)
		budget.Store(int64(p.actions))
		window, cancel = context.WithCancel(ctx)
	} else {
		window, cancel = context.WithDeadline(ctx, start.Add(cfg.duration))
	}
	defer cancel()
	pacers := make([]*pacer, len(ws.members))
	var wg sync.WaitGroup
	for i, m := range ws.members {
		d := newDriver(ws.fake, m, cfg.timeout, p.expectCard)
		d.startsOnly, d.budget = p.startsOnly, budget
		drivers = append(drivers, d)
		pacers[i] = newPacer(cfg, i, len(ws.members), start)
		wg.Go(func() { d.run(ctx, window, pacers[i]) })
	}
	wg.Wait()
	end = time.Now()
	if p.actions == 0 {
		end = start.Add(cfg.duration)
	}
	for _, pc := range pacers {
		missed += pc.missed
	}
	return drivers, start, end, missed
}
