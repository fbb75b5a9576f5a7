package bot

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Work is bounded in three ways, all by configuration, none by the flood:
//
//   - A lane runs the envelopes of one thread (or one user's commands) in
//     order, one at a time, so a busy thread occupies at most one worker
//     slot and never queues workers behind its own lock.
//   - Each user within a lane, each user, and the replica as a whole may
//     hold only so many envelopes acknowledged and not yet handled. The
//     lane's cap counts each sender apart, so that nobody's flood of a
//     thread sheds its owner's clicks (nor another member's). Over a
//     user's cap the sender is told "one moment" (at most once per
//     busyNoteEvery); over the replica's cap the envelope is not
//     acknowledged at all, so Slack redelivers it later or tells its user
//     the app did not answer. An envelope is acknowledged only once it is
//     queued, so a shutdown drops nothing acknowledged.
//   - Worker slots bound the handlers running at once. A handler gives its
//     slot back while it waits on something other than this replica's CPU
//     (a thread's lock, Slack's Retry-After): see idle.
//
// A lane has a goroutine only while it has work, so goroutines follow the
// queued envelopes, which the replica's cap bounds.

// admission is the queue's answer to an envelope.
type admission int

const (
	admitted admission = iota // queued: acknowledge it
	busy                      // over its lane's or user's cap: acknowledge and tell the sender
	full                      // over the replica's cap: do not acknowledge
)

// job is one envelope's work. run takes its own worker slot.
type job struct {
	user string
	run  func()
}

type lane struct {
	jobs []job
	// users counts each sender's jobs in the lane, the running one included.
	users map[string]int
}

// workQueue holds the envelopes acknowledged and not yet handled.
type workQueue struct {
	mu      sync.Mutex
	lanes   map[string]*lane
	users   map[string]int
	total   int
	max     int
	perLane int
	perUser int
	running sync.WaitGroup // one per lane with work
	drained chan struct{}  // signalled whenever total drops to zero

	// admittedN and finishedN count jobs since the start, for tests and
	// shutdown logs: after a drain they are equal.
	admittedN, finishedN atomic.Int64
}

func newWorkQueue(max, perLane, perUser int) *workQueue {
	return &workQueue{
		lanes: make(map[string]*lane), users: make(map[string]int),
		max: max, perLane: perLane, perUser: perUser,
		drained: make(chan struct{}, 1),
	}
}

// admit queues run on lane for user, unless a cap says otherwise. Bypass
// skips the lane and user caps (the "one moment" note itself).
func (q *workQueue) admit(laneKey, user string, bypass bool, run func()) admission {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.total >= q.max {
		return full
	}
	l := q.lanes[laneKey]
	if !bypass {
		if l != nil && l.users[user] > q.perLane { // the running one is one more
			return busy
		}
		if user != "" && q.users[user] >= q.perUser {
			return busy
		}
	}
	q.total++
	q.admittedN.Add(1)
	if user != "" {
		q.users[user]++
	}
	if l != nil {
		l.jobs = append(l.jobs, job{user: user, run: run})
		l.users[user]++
		return admitted
	}
	l = &lane{jobs: []job{{user: user, run: run}}, users: map[string]int{user: 1}}
	q.lanes[laneKey] = l
	q.running.Go(func() { q.serve(laneKey, l) })
	return admitted
}

// serve runs a lane's jobs in order until it has none.
func (q *workQueue) serve(key string, l *lane) {
	for {
		q.mu.Lock()
		if len(l.jobs) == 0 {
			delete(q.lanes, key)
			q.mu.Unlock()
			return
		}
		j := l.jobs[0]
		l.jobs[0] = job{}
		l.jobs = l.jobs[1:]
		q.mu.Unlock()

		j.run()
		q.finishedN.Add(1)

		q.mu.Lock()
		// The job stays in the lane's counts until it is done.
		if l.users[j.user]--; l.users[j.user] <= 0 {
			delete(l.users, j.user)
		}
		q.total--
		if j.user != "" {
			if q.users[j.user]--; q.users[j.user] <= 0 {
				delete(q.users, j.user)
			}
		}
		if q.total == 0 {
			select {
			case q.drained <- struct{}{}:
			default:
			}
		}
		q.mu.Unlock()
	}
}

// queued is the number of envelopes queued or running.
func (q *workQueue) queued() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.total
}

// wait waits for every lane to finish, at most d; it reports whether they did.
func (q *workQueue) wait(d time.Duration) bool {
	done := make(chan struct{})
	go func() { q.running.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// slots bound the handlers running at once.
type slots chan struct{}

type slotKey struct{}

// slot is one handler's hold on a worker slot, carried in its context.
type slot struct {
	pool slots
	held bool
}

// take waits for a slot and returns a context carrying it, and its release.
func (p slots) take(ctx context.Context) (context.Context, func(), error) {
	s := &slot{pool: p}
	if err := s.acquire(ctx); err != nil {
		return ctx, func() {}, err
	}
	return context.WithValue(ctx, slotKey{}, s), s.release, nil
}

func (s *slot) acquire(ctx context.Context) error {
	select {
	case s.pool <- struct{}{}:
		s.held = true
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *slot) release() {
	if s.held {
		s.held = false
		<-s.pool
	}
}

// idle runs wait — a wait on something other than this replica's CPU: a
// thread's lock, Slack's Retry-After — with the caller's worker slot given
// back, and takes a slot again before returning.
func idle(ctx context.Context, wait func(context.Context) error) error {
	s, _ := ctx.Value(slotKey{}).(*slot)
	if s == nil || !s.held {
		return wait(ctx)
	}
	s.release()
	err := wait(ctx)
	if aerr := s.acquire(ctx); err == nil {
		err = aerr
	}
	return err
}

// sleep waits d, or until ctx is done, without holding a worker slot.
func sleep(ctx context.Context, d time.Duration) error {
	return idle(ctx, func(ctx context.Context) error {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

// busyNotes rate-limits the "one moment" note per user. Its clock is this
// replica's own monotonic one: nothing here is compared across replicas.
type busyNotes struct {
	mu    sync.Mutex
	every time.Duration
	last  map[string]time.Time
}

// maxBusyUsers bounds the users busyNotes remembers; past it, entries older
// than the window are forgotten first.
const maxBusyUsers = 4096

func newBusyNotes(every time.Duration) *busyNotes {
	return &busyNotes{every: every, last: make(map[string]time.Time)}
}

// allow reports whether user should be told "one moment" now (and records
// it), or was told within the window. ok is false when too many users were
// told lately to remember them all: the caller then cannot promise the
// sender hears anything and must leave the envelope unacknowledged.
func (n *busyNotes) allow(user string) (tell, ok bool) {
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	if t, seen := n.last[user]; seen && now.Sub(t) < n.every {
		return false, true
	}
	if len(n.last) >= maxBusyUsers {
		for u, t := range n.last {
			if now.Sub(t) >= n.every {
				delete(n.last, u)
			}
		}
		if len(n.last) >= maxBusyUsers {
			return false, false
		}
	}
	n.last[user] = now
	return true, true
}
