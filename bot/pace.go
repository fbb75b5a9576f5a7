package bot

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Slack answers a call over its rate limit with 429 and Retry-After
// (https://docs.slack.dev/apis/web-api/rate-limits). Waiting out a 429 is
// the slow way to learn a limit: the call was refused, the wait is at
// least a second, and every other call of that budget was refused too
// meanwhile. So the bot paces itself below the published floors and keeps
// the 429 retry for what the pacing could not foresee (another replica,
// another app on the same token).
//
//   - chat.postMessage: about one a second per channel, with short bursts
//     ("Special" tier). Posts that continue a dialog already on screen (the
//     next question, a hint, the card) go before posts that open a thread,
//     so that thirty people starting at once in one channel do not hold up
//     the ones already answering.
//   - Tier 3 (chat.update, conversations.info): 50+ a minute per workspace;
//     paced at 40 a minute, bursts of 10, which never exceeds 50 in any
//     minute.
//   - Tier 4 (chat.postEphemeral, chat.getPermalink, users.info,
//     conversations.members, views.*): 100+ a minute; paced at 80, bursts
//     of 20.
//
// A response_url is not a Web API method and is not paced: it takes five
// posts in thirty minutes (https://api.slack.com/interactivity/handling),
// which is why a click is answered through its own.
//
// The budgets are this replica's: replicas sharing a workspace share
// Slack's limits, and meet the 429 retry when together they exceed them.

// Priorities of a post in its channel's queue.
const (
	prioOpen     = 0 // opens a thread (a dialog's root message)
	prioContinue = 1 // continues a dialog already on screen
)

// bucket is a token bucket whose waiters are served by priority, then in
// order of arrival.
type bucket struct {
	rate  float64 // tokens per second
	burst float64

	mu     sync.Mutex
	tokens float64
	at     time.Time
	queue  []*pacedCall // by priority (highest first), then arrival
	seq    uint64
}

type pacedCall struct {
	prio int
	seq  uint64
	wake chan struct{}
}

func newBucket(perSecond float64, burst int) *bucket {
	return &bucket{rate: perSecond, burst: float64(burst), tokens: float64(burst)}
}

// refillLocked adds the tokens earned since the last look.
func (k *bucket) refillLocked(now time.Time) {
	if !k.at.IsZero() {
		k.tokens = min(k.burst, k.tokens+now.Sub(k.at).Seconds()*k.rate)
	}
	k.at = now
}

// take spends a token if one is free and nobody waits: the path of every
// call that is within its budget, which must not give its worker slot up.
func (k *bucket) take(now time.Time) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refillLocked(now)
	if len(k.queue) == 0 && k.tokens >= 1 {
		k.tokens--
		return true
	}
	return false
}

// wait blocks until a token is spent for the caller, in its turn.
func (k *bucket) wait(ctx context.Context, prio int, now func() time.Time) error {
	k.mu.Lock()
	k.seq++
	me := &pacedCall{prio: prio, seq: k.seq, wake: make(chan struct{}, 1)}
	i, _ := slices.BinarySearchFunc(k.queue, me, func(a, b *pacedCall) int {
		if a.prio != b.prio {
			return b.prio - a.prio
		}
		return int(a.seq - b.seq)
	})
	k.queue = slices.Insert(k.queue, i, me)
	for {
		k.refillLocked(now())
		var d time.Duration
		if k.queue[0] == me {
			if k.tokens >= 1 {
				k.tokens--
				k.leaveLocked(me)
				k.mu.Unlock()
				return nil
			}
			d = time.Duration((1 - k.tokens) / k.rate * float64(time.Second))
		}
		k.mu.Unlock()
		var (
			t     *time.Timer
			timer <-chan time.Time
		)
		if d > 0 {
			t = time.NewTimer(d)
			timer = t.C
		}
		select {
		case <-me.wake:
		case <-timer:
		case <-ctx.Done():
		}
		if t != nil {
			t.Stop()
		}
		k.mu.Lock()
		if ctx.Err() != nil {
			k.leaveLocked(me)
			k.mu.Unlock()
			return ctx.Err()
		}
	}
}

// leaveLocked takes c out of the queue and tells the new head to look.
func (k *bucket) leaveLocked(c *pacedCall) {
	k.queue = slices.DeleteFunc(k.queue, func(x *pacedCall) bool { return x == c })
	if len(k.queue) > 0 {
		select {
		case k.queue[0].wake <- struct{}{}:
		default:
		}
	}
}

// idleLocked reports whether the bucket is full and unused, so forgetting
// it changes nothing.
func (k *bucket) idleLocked(now time.Time) bool {
	k.refillLocked(now)
	return len(k.queue) == 0 && k.tokens >= k.burst
}

// pacer holds the bot's budgets: one per channel for posts, one per tier.
type pacer struct {
	now   func() time.Time
	tier3 *bucket
	tier4 *bucket

	postRate  float64
	postBurst int
	mu        sync.Mutex
	channels  map[string]*bucket
}

// maxPacedChannels bounds the per-channel buckets kept; past it the idle
// ones, which a fresh bucket would equal, are forgotten.
const maxPacedChannels = 1024

// newPacer paces on now, the wall clock in production: budgets are
// Slack's, in real seconds, whatever clock the dialog is told.
func newPacer(now func() time.Time) *pacer {
	return &pacer{
		now:       now,
		tier3:     newBucket(40.0/60, 10),
		tier4:     newBucket(80.0/60, 20),
		postRate:  1,
		postBurst: 3,
		channels:  make(map[string]*bucket),
	}
}

// budget is the bucket a call of method (in channel, for posts) spends
// from, or nil for a call Slack does not limit tightly.
func (p *pacer) budget(method, channel string) *bucket {
	switch method {
	case "chat.postMessage":
		return p.channel(channel)
	case "chat.update", "conversations.info", "users.conversations":
		return p.tier3
	case "chat.postEphemeral", "chat.getPermalink", "users.info", "conversations.members",
		"views.open", "views.push", "views.update":
		return p.tier4
	}
	return nil
}

func (p *pacer) channel(id string) *bucket {
	p.mu.Lock()
	defer p.mu.Unlock()
	if k, ok := p.channels[id]; ok {
		return k
	}
	if len(p.channels) >= maxPacedChannels {
		now := p.now()
		for c, k := range p.channels {
			k.mu.Lock()
			idle := k.idleLocked(now)
			k.mu.Unlock()
			if idle {
				delete(p.channels, c)
			}
		}
	}
	k := newBucket(p.postRate, p.postBurst)
	p.channels[id] = k
	return k
}

// delay estimates how long a call of method in channel, at prio, would wait
// for its turn now: the calls queued ahead of it, less the tokens on hand,
// at the budget's rate.
func (p *pacer) delay(method, channel string, prio int) time.Duration {
	k := p.budget(method, channel)
	if k == nil {
		return 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refillLocked(p.now())
	ahead := 0
	for _, c := range k.queue {
		if c.prio >= prio {
			ahead++
		}
	}
	short := float64(ahead+1) - k.tokens
	if short <= 0 {
		return 0
	}
	return time.Duration(short / k.rate * float64(time.Second))
}

type prepaidKey struct{}

// prepaid marks a context whose next call has waited its turn already
// (a start waits before it marks the thread as being created).
func prepaid(ctx context.Context) context.Context { return context.WithValue(ctx, prepaidKey{}, true) }

func isPrepaid(ctx context.Context) bool { v, _ := ctx.Value(prepaidKey{}).(bool); return v }

// wait spends one call of method from its budget, waiting its turn
// without holding a worker slot.
func (p *pacer) wait(ctx context.Context, method, channel string, prio int) error {
	k := p.budget(method, channel)
	if k == nil || k.take(p.now()) {
		return nil
	}
	return idle(ctx, func(ctx context.Context) error { return k.wait(ctx, prio, p.now) })
}
