package bot

import (
	"container/list"
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// A dialog step has one owner, [Bot.step]: it takes the thread's lock,
// loads the session (from this replica's cache or the store), runs the
// pure transition, saves with a compare-and-set, retries on conflict,
// claims the delivery when the session alone cannot recognise a repeat, and
// records the delivery on the version it made. Handlers decide what a
// delivery means and what to show afterwards; none of them touches the
// lock, the cache or the store's Save directly.

// turn is one delivery acting on one dialog.
type turn struct {
	key dialog.Key
	// user is who acts. When set, only the session's owner may change it;
	// "" is the bot's own bookkeeping (where a message was posted).
	user string
	// delivery names the Slack delivery (a click, a message) so that a
	// repeat of it is recognised: the version it made carries it in
	// Session.Delivery. "" for bookkeeping, which keeps the name there.
	delivery string
	// claim marks deliveries whose repeat the session cannot recognise on
	// its own (a typed "2" retried after the next question was asked would
	// answer that one too): the delivery is claimed in the store before it
	// acts, and only once the thread is known to be a dialog, so chatter in
	// other threads writes nothing.
	claim bool
	// asking is what the question reference (Session.QuestionMsg) becomes
	// when this step opens a new question: "" until its post records
	// where it is, or postedSomewhere for a click whose response_url will
	// post it (respond.go), saved with the step so that no other delivery
	// posts it again meanwhile.
	asking string
}

// errRepeat reports a delivery already handled: do nothing, say nothing.
var errRepeat = errors.New("bot: delivery already handled")

// errNoWrite is returned by a transition that acts without saving (a hint,
// help, a note to a colleague): step claims the delivery if the turn asks
// for it and hands the session back unchanged.
var errNoWrite = errors.New("bot: nothing to save")

// errQuiet is returned by a transition that finds nothing to do (chatter
// in the thread): step neither claims nor saves.
var errQuiet = errors.New("bot: nothing to do")

// maxConflictRetries bounds how often a transition is recomputed when
// another delivery (a double click, a second replica) saved first. Each
// conflict means another writer's save landed, so the loop always makes
// progress; the bound only has to outlast the most writers one session can
// have at once: every member of a team submitting together, on several
// replicas, plus a refusal re-read from the store.
const maxConflictRetries = dialog.MaxMembers + 4

// step applies fn to t's session as one step of its dialog. before is the
// session fn was last given (also on refusal, so the caller can name the
// owner or re-show the open question); after is what was saved.
//
// fn is pure and may run several times. It returns errNoWrite or errQuiet
// to leave the session as it is, or a dialog error to refuse. A refusal computed from a
// cached copy is recomputed from the store before it is reported, and a
// refusal of a repeated delivery comes back as errRepeat.
//
// A stale cached copy cannot do harm: its save fails with ErrConflict and
// the step is recomputed from the store. A save that fails with the store
// unavailable may still have landed (the reply was lost, or a retry ran it
// twice); step reads the session back and reports success when the stored
// version is the one this delivery made.
func (b *Bot) step(ctx context.Context, lg *slog.Logger, t turn, fn func(dialog.Session) (dialog.Session, error)) (before, after dialog.Session, err error) {
	unlock, err := b.locks.lock(ctx, t.key)
	if err != nil {
		return before, before, err
	}
	defer unlock()

	before, cached, err := b.load(ctx, t.key)
	claimed := false
	for range maxConflictRetries {
		if err != nil {
			b.storeFailed("get", err)
			return before, before, err
		}
		if t.delivery != "" && before.Delivery == t.delivery {
			b.duplicate(lg, t.delivery)
			return before, before, errRepeat
		}
		if t.user != "" && before.Owner != t.user {
			err = dialog.ErrNotOwner // owners never change: a cached copy is enough
		} else {
			after, err = fn(before)
		}
		if errors.Is(err, errQuiet) {
			return before, before, err
		}
		if err != nil && cached {
			// What a delivery is refused, or shown, comes from what the
			// thread shows: read it from the store, not from a copy another
			// replica may have outdated.
			before, cached, err = b.reload(ctx, t.key)
			continue
		}
		if t.claim && !claimed {
			fresh, cerr := b.claim(ctx, lg, t.delivery)
			if cerr != nil {
				return before, before, cerr
			}
			if !fresh {
				return before, before, errRepeat
			}
			claimed = true
		}
		if errors.Is(err, errNoWrite) {
			return before, before, err
		}
		if err != nil {
			if b.repeated(ctx, lg, t, claimed, err) {
				return before, before, errRepeat
			}
			return before, before, err
		}
		if after.Asked != before.Asked {
			// A new question is open: the old message reference would point
			// at the one just answered. The post of the new one sets it.
			after.QuestionMsg = t.asking
		}
		if t.delivery != "" {
			after.Delivery = t.delivery
		}
		err = b.store.Save(ctx, &after)
		switch {
		case err == nil:
			b.cache.put(after)
			return before, after, nil
		case errors.Is(err, dialog.ErrConflict):
			before, cached, err = b.reload(ctx, t.key)
		case errors.Is(err, dialog.ErrUnavailable) && t.delivery != "":
			if landed, ok := b.landed(ctx, t.key, before, t.delivery); ok {
				lg.Info("save confirmed after a store error", "err", err)
				return before, landed, nil
			}
			b.cache.drop(t.key)
			b.storeFailed("save", err)
			return before, before, err
		default:
			b.cache.drop(t.key)
			b.storeFailed("save", err)
			return before, before, err
		}
	}
	if err == nil {
		err = dialog.ErrConflict
	}
	return before, before, err
}

// landed reads the session back after a save whose reply was lost, and
// returns it when the stored version is the one delivery made on top of
// before.
func (b *Bot) landed(ctx context.Context, k dialog.Key, before dialog.Session, delivery string) (dialog.Session, bool) {
	cur, err := b.store.Get(ctx, k)
	if err != nil || cur.Delivery != delivery || cur.Version != before.Version+1 {
		return dialog.Session{}, false
	}
	b.cache.put(cur)
	return cur, true
}

// repeated reports whether a refused delivery is a repeat: one already
// claimed by an earlier copy. Answers are claimed only here, on the rare
// refusal path; on success the compare-and-set alone makes them
// exactly-once, and Session.Delivery recognises the repeat.
func (b *Bot) repeated(ctx context.Context, lg *slog.Logger, t turn, claimed bool, err error) bool {
	if claimed || t.delivery == "" {
		return false
	}
	if !errors.Is(err, dialog.ErrAnswered) && !errors.Is(err, dialog.ErrFinished) && !errors.Is(err, dialog.ErrNotOwner) && !errors.Is(err, errCardStale) {
		return false
	}
	fresh, cerr := b.claim(ctx, lg, t.delivery)
	return cerr == nil && !fresh
}

// creations tracks the sessions this replica is creating, by channel,
// from before their root message is posted until they are stored.
type creations struct {
	mu sync.Mutex
	m  map[string]*creation // team:channel
}

type creation struct {
	n    int
	done chan struct{}
}

// begin marks a creation in team's channel, and returns its end, which
// may be called more than once.
func (c *creations) begin(team, channel string) (end func()) {
	key := team + ":" + channel
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]*creation)
	}
	cr, ok := c.m[key]
	if !ok {
		cr = &creation{done: make(chan struct{})}
		c.m[key] = cr
	}
	cr.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			if cr.n--; cr.n == 0 {
				close(cr.done)
				delete(c.m, key)
			}
		})
	}
}

// wait waits for the creations in k's channel, if any, without holding a
// worker slot, and reports whether there were some.
func (c *creations) wait(ctx context.Context, k dialog.Key) bool {
	c.mu.Lock()
	cr, ok := c.m[k.Team+":"+k.Channel]
	c.mu.Unlock()
	if !ok {
		return false
	}
	return idle(ctx, func(ctx context.Context) error {
		select {
		case <-cr.done:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}) == nil
}

// startSession stores a new dialog, the first step of a thread, and runs
// then (posting the first question) under the thread's lock: a reply typed
// the moment the question shows waits until its reference is stored, so it
// can mark that question answered.
func (b *Bot) startSession(ctx context.Context, s *dialog.Session, then func(context.Context)) error {
	unlock, err := b.locks.lock(ctx, s.Key)
	if err != nil {
		return err
	}
	defer unlock()
	if err := b.store.Create(ctx, s); err != nil {
		b.storeFailed("create", err)
		return err
	}
	b.cache.put(*s)
	then(holding(ctx, s.Key))
	return nil
}

// remember records where a message was posted for the asking (Asked) it
// shows; the session may have moved on meanwhile, so the reference is
// written onto the latest version, and dropped if a later asking owns the
// references now.
func (b *Bot) remember(ctx context.Context, lg *slog.Logger, k dialog.Key, asked int, set func(*dialog.Session)) {
	_, _, err := b.step(ctx, lg, turn{key: k}, func(s dialog.Session) (dialog.Session, error) {
		if s.Asked != asked {
			return s, errNoWrite
		}
		set(&s)
		return s, nil
	})
	if err != nil && !errors.Is(err, errNoWrite) {
		lg.Warn("message reference not saved", "err", err)
	}
}

// peek returns the session at k for reading only (its language, whether a
// thread is a dialog at all): a cached copy will do.
func (b *Bot) peek(ctx context.Context, k dialog.Key) (dialog.Session, error) {
	s, _, err := b.load(ctx, k)
	return s, err
}

// load returns the session at k, from the cache when it is there.
func (b *Bot) load(ctx context.Context, k dialog.Key) (s dialog.Session, cached bool, err error) {
	if s, ok := b.cache.get(k); ok {
		return s, true, nil
	}
	return b.reload(ctx, k)
}

// reload reads the session from the store and refreshes the cache. A
// session this replica is creating in the same channel right now is waited
// for: its thread's root message is posted before the session is stored
// (the root's timestamp names the thread), so a click on the root can
// arrive first.
func (b *Bot) reload(ctx context.Context, k dialog.Key) (dialog.Session, bool, error) {
	s, err := b.store.Get(ctx, k)
	if errors.Is(err, dialog.ErrNotFound) && b.creating.wait(ctx, k) {
		s, err = b.store.Get(ctx, k)
	}
	if err != nil {
		b.cache.drop(k)
		return s, false, err
	}
	b.cache.put(s)
	return s, false, nil
}

// claim reports whether this delivery is new. When the store cannot say,
// it returns the error and the caller tells the user to try again rather
// than do the work: every handler needs the store next, and a second wait
// on a dead or blackholed store would keep the user waiting past 1.5 s.
func (b *Bot) claim(ctx context.Context, lg *slog.Logger, id string) (bool, error) {
	ok, err := b.store.Claim(ctx, id, b.opts.ClaimTTL)
	if err != nil {
		b.storeFailed("claim", err)
		lg.Warn("delivery claim failed", "err", err)
		return false, err
	}
	if !ok {
		b.duplicate(lg, id)
	}
	return ok, nil
}

func (b *Bot) duplicate(lg *slog.Logger, id string) {
	b.metrics.duplicates.Inc()
	lg.Info("duplicate delivery skipped", "claim", id)
}

func (b *Bot) storeFailed(op string, err error) {
	if errors.Is(err, dialog.ErrUnavailable) {
		b.metrics.storeErrors.WithLabelValues(op).Inc()
	}
}

// keyLocks serialises the steps of one session within a replica. A
// dialog's steps are sequential anyway; without this, the next click can
// arrive while the previous step is still recording where it posted the
// question, and one of the two compare-and-sets loses and pays a Redis
// read and a retry. Across replicas the compare-and-set still decides.
type keyLocks struct {
	mu sync.Mutex
	m  map[dialog.Key]*keyLock
}

// keyLock is a one-slot channel rather than a mutex so that a wait for it
// can give up with its context and hand back the worker slot it holds.
type keyLock struct {
	ch   chan struct{}
	refs int
}

func newKeyLocks() *keyLocks { return &keyLocks{m: make(map[dialog.Key]*keyLock)} }

// heldKey marks a context whose caller holds a thread's lock already, so
// that a step it runs does not wait for itself.
type heldKey struct{}

func holding(ctx context.Context, k dialog.Key) context.Context {
	return context.WithValue(ctx, heldKey{}, k)
}

// lock takes k's lock and returns its release. While it waits, the
// caller's worker slot is free for other threads' work. Entries live only
// while someone holds or waits for them, so memory follows the sessions in
// flight.
func (l *keyLocks) lock(ctx context.Context, k dialog.Key) (unlock func(), err error) {
	if held, ok := ctx.Value(heldKey{}).(dialog.Key); ok && held == k {
		return func() {}, nil
	}
	l.mu.Lock()
	kl, ok := l.m[k]
	if !ok {
		kl = &keyLock{ch: make(chan struct{}, 1)}
		l.m[k] = kl
	}
	kl.refs++
	l.mu.Unlock()

	release := func() {
		l.mu.Lock()
		if kl.refs--; kl.refs == 0 {
			delete(l.m, k)
		}
		l.mu.Unlock()
	}
	select {
	case kl.ch <- struct{}{}:
	default:
		err = idle(ctx, func(ctx context.Context) error {
			select {
			case kl.ch <- struct{}{}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if err != nil {
			release()
			return nil, err
		}
	}
	return func() { <-kl.ch; release() }, nil
}

// defaultCacheSize bounds the sessions a replica remembers: enough for
// every dialog in flight in a large workspace, small enough (about 1 KB
// each) that memory does not grow with the sessions Redis stores.
const defaultCacheSize = 2048

// sessionCache remembers the last version of each session this replica
// saved or read, so the next step of a dialog skips a Redis read. It may be
// stale — another replica may have moved the session — which step makes
// safe (see there).
//
// The least recently used entry goes first, so finished dialogs make room
// and the ones in flight stay.
type sessionCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of dialog.Session, most recent at the front
	items map[dialog.Key]*list.Element
}

func newSessionCache(max int) *sessionCache {
	return &sessionCache{max: max, order: list.New(), items: make(map[dialog.Key]*list.Element)}
}

func (c *sessionCache) get(k dialog.Key) (dialog.Session, bool) {
	if c.max <= 0 {
		return dialog.Session{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		return dialog.Session{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(dialog.Session), true
}

// put remembers s. Sessions are values whose maps every transition copies
// before writing, so sharing one between goroutines is safe.
func (c *sessionCache) put(s dialog.Session) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[s.Key]; ok {
		e.Value = s
		c.order.MoveToFront(e)
		return
	}
	if c.order.Len() >= c.max {
		oldest := c.order.Back()
		delete(c.items, oldest.Value.(dialog.Session).Key)
		c.order.Remove(oldest)
	}
	c.items[s.Key] = c.order.PushFront(s)
}

func (c *sessionCache) drop(k dialog.Key) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.Remove(e)
		delete(c.items, k)
	}
}
