// Package dialogtest holds the [dialog.Store] contract as a test that every
// implementation runs, the way testing/fstest checks an fs.FS: one set of
// expectations, so the in-memory store cannot drift from the Redis one.
//
// It imports dialog, knowledge, go-cmp and the standard library; it is for
// tests only and no production code imports it.
package dialogtest

import (
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Clock moves a store's time forward: a fake clock for an in-memory store,
// FastForward for miniredis, a real wait for a real server.
type Clock interface {
	Advance(d time.Duration)
}

// ShortTTL is the session TTL, and the claim TTL, of the subtests that
// watch something expire. It is short because a real server can only be
// advanced by waiting: the subtests that wait add up to less than 1.5 s.
const ShortTTL = 300 * time.Millisecond

// longTTL is the session TTL of every other subtest, long enough that a
// real server never expires a session while a slow machine runs them.
const longTTL = time.Hour

// Config is what a contract run asks of a new store.
type Config struct {
	// TTL is how long a session lives after its last write.
	TTL time.Duration
	// Tokens must be the store's source of write tokens, in place of
	// [dialog.NewToken]: the contract hands out a token twice to replay a
	// write, as a client that resends a command does.
	Tokens func() string
}

// TestStore checks that the stores newStore returns keep the [dialog.Store]
// contract. newStore must return an empty store, independent of every other
// store it returned, whose sessions expire c.TTL after their last write and
// whose write tokens come from c.Tokens, together with the Clock that moves
// its time. Subtests run in parallel.
func TestStore(t *testing.T, newStore func(t *testing.T, c Config) (dialog.Store, Clock)) {
	t.Helper()
	tests := []struct {
		name string
		ttl  time.Duration
		run  func(t *testing.T, s dialog.Store, c Clock, k *Tokens)
	}{
		{"create and get", longTTL, testCreateGet},
		{"create replaces", longTTL, testCreateReplaces},
		{"get missing", longTTL, testGetMissing},
		{"save increments version", longTTL, testSaveIncrements},
		{"stale save conflicts", longTTL, testStaleSave},
		{"save missing", longTTL, testSaveMissing},
		{"save after expiry", ShortTTL, testSaveAfterExpiry},
		{"racing saves", longTTL, testRacingSaves},
		{"save refreshes ttl", ShortTTL, testSaveRefreshesTTL},
		{"expiry", ShortTTL, testExpiry},
		{"claim once", longTTL, testClaimOnce},
		{"claim expires", longTTL, testClaimExpires},
		{"claim needs positive ttl", longTTL, testClaimTTL},
		{"distinct keys", longTTL, testDistinctKeys},
		{"ping", longTTL, testPing},
		{"team round trip", longTTL, testTeamRoundTrip},
		{"team expiry", ShortTTL, testTeamExpiry},
		{"racing team answers", longTTL, testRacingTeamAnswers},
		{"stale copy after a lost write", longTTL, testLostWrite},
		{"replayed save", longTTL, testReplayedSave},
		{"replayed create", longTTL, testReplayedCreate},
		{"replayed claim", longTTL, testReplayedClaim},
		{"user round trip", longTTL, testUserRoundTrip},
		{"user compare-and-set", longTTL, testUserCAS},
		{"racing user records", longTTL, testRacingUsers},
		{"user outlives sessions", ShortTTL, testUserOutlivesSessions},
		{"replayed user save", longTTL, testReplayedUserSave},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k := &Tokens{}
			s, c := newStore(t, Config{TTL: tt.ttl, Tokens: k.Next})
			tt.run(t, s, c, k)
		})
	}
}

// Tokens is a source of write tokens that can hand one out again, to
// replay a store command with the arguments it was first sent with.
type Tokens struct {
	mu     sync.Mutex
	last   string
	replay string
}

// Next returns the token set by Replay if there is one, else a new one.
func (k *Tokens) Next() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.replay != "" {
		k.last, k.replay = k.replay, ""
		return k.last
	}
	k.last = dialog.NewToken()
	return k.last
}

// Last returns the token Next returned last.
func (k *Tokens) Last() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.last
}

// Replay makes the next call of Next return tok.
func (k *Tokens) Replay(tok string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.replay = tok
}

// sample is a session with every field set, so a store that drops or
// mangles one fails the round trip.
func sample(thread string) dialog.Session {
	created := time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)
	return dialog.Session{
		Key:     dialog.Key{Team: "T0001", Channel: "C0001", Thread: thread},
		Owner:   "U0001",
		Lang:    knowledge.French,
		State:   dialog.Changing,
		Current: knowledge.Urgency,
		Answers: map[knowledge.QuestionID]knowledge.OptionID{
			knowledge.Stage:    knowledge.Scaleup,
			knowledge.TechLead: knowledge.LeadCTOOverloaded,
			knowledge.Need:     knowledge.NeedSpecialist,
			knowledge.Urgency:  knowledge.Months,
			knowledge.Budget:   knowledge.FixedOK,
		},
		Asked:       6,
		CardRev:     2,
		QuestionMsg: "1710408413.000200",
		CardMsg:     "1710408500.000300",
		Created:     created,
		Updated:     created.Add(90 * time.Second),
	}
}

// mustCreate creates a copy of s and returns it with its new version.
func mustCreate(t *testing.T, st dialog.Store, s dialog.Session) dialog.Session {
	t.Helper()
	if err := st.Create(t.Context(), &s); err != nil {
		t.Fatalf("Create(%s) = %v", s.Key, err)
	}
	return s
}

func mustGet(t *testing.T, st dialog.Store, k dialog.Key) dialog.Session {
	t.Helper()
	got, err := st.Get(t.Context(), k)
	if err != nil {
		t.Fatalf("Get(%s) = %v, want a session", k, err)
	}
	return got
}

// wantStored fails unless the store holds exactly want at want.Key.
func wantStored(t *testing.T, st dialog.Store, want dialog.Session) {
	t.Helper()
	got := mustGet(t, st, want.Key)
	// cmp compares times with Time.Equal, so a monotonic reading or a
	// different *Location that decoding produced does not count.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get(%s) mismatch (-want +got):\n%s", want.Key, diff)
	}
}

func wantGone(t *testing.T, st dialog.Store, k dialog.Key) {
	t.Helper()
	if got, err := st.Get(t.Context(), k); !errors.Is(err, dialog.ErrNotFound) {
		t.Errorf("Get(%s) = %+v, %v, want %v", k, got, err, dialog.ErrNotFound)
	}
}

func testCreateGet(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	in := sample("1710408400.000100")
	in.Version = 7 // Create must ignore it
	in.Created = time.Now()
	in.Updated = in.Created.Add(time.Millisecond)
	if err := st.Create(t.Context(), &in); err != nil {
		t.Fatalf("Create(%s) = %v", in.Key, err)
	}
	if in.Version != 1 {
		t.Errorf("after Create, Version = %d, want 1", in.Version)
	}
	want := in
	want.Answers = maps.Clone(in.Answers)
	// Changing the caller's map must not reach the store.
	in.Answers[knowledge.Budget] = knowledge.Flexible
	wantStored(t, st, want)

	// Nor may changing a session Get returned.
	got := mustGet(t, st, want.Key)
	got.Answers[knowledge.Stage] = knowledge.Startup
	wantStored(t, st, want)
}

func testCreateReplaces(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	old := mustCreate(t, st, sample("1"))
	if err := st.Save(t.Context(), &old); err != nil {
		t.Fatalf("Save(%s) = %v", old.Key, err)
	}
	fresh := sample("1")
	fresh.Owner = "U0002"
	fresh.State = dialog.Active
	fresh.Current = knowledge.Stage
	fresh.Answers = nil
	fresh = mustCreate(t, st, fresh)
	if fresh.Version != 1 {
		t.Errorf("Create over version %d: Version = %d, want 1", old.Version, fresh.Version)
	}
	wantStored(t, st, fresh)
}

func testGetMissing(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	wantGone(t, st, dialog.Key{Team: "T0001", Channel: "C0001", Thread: "never"})
}

func testSaveIncrements(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	s := mustCreate(t, st, sample("1"))
	for want := int64(2); want <= 4; want++ {
		s.Asked++
		s.Answers[knowledge.Budget] = knowledge.Flexible
		if err := st.Save(t.Context(), &s); err != nil {
			t.Fatalf("Save(%s) at version %d = %v", s.Key, want-1, err)
		}
		if s.Version != want {
			t.Errorf("after Save, Version = %d, want %d", s.Version, want)
		}
		wantStored(t, st, s)
	}
}

func testStaleSave(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	first := mustCreate(t, st, sample("1"))
	second := first
	second.Answers = maps.Clone(first.Answers)

	first.Owner = "U-first"
	if err := st.Save(t.Context(), &first); err != nil {
		t.Fatalf("Save(%s) = %v", first.Key, err)
	}
	second.Owner = "U-second"
	if err := st.Save(t.Context(), &second); !errors.Is(err, dialog.ErrConflict) {
		t.Fatalf("Save(%s) with stale version 1 = %v, want %v", second.Key, err, dialog.ErrConflict)
	}
	if second.Version != 1 {
		t.Errorf("after a failed Save, Version = %d, want 1 (unchanged)", second.Version)
	}
	wantStored(t, st, first)
}

func testSaveMissing(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	s := sample("never-created")
	s.Version = 1
	if err := st.Save(t.Context(), &s); !errors.Is(err, dialog.ErrNotFound) {
		t.Errorf("Save(%s) of a session never created = %v, want %v", s.Key, err, dialog.ErrNotFound)
	}
	wantGone(t, st, s.Key)
}

func testSaveAfterExpiry(t *testing.T, st dialog.Store, c Clock, _ *Tokens) {
	s := mustCreate(t, st, sample("1"))
	c.Advance(ShortTTL + ShortTTL/10)
	if err := st.Save(t.Context(), &s); !errors.Is(err, dialog.ErrNotFound) {
		t.Errorf("Save(%s) after the TTL = %v, want %v", s.Key, err, dialog.ErrNotFound)
	}
	if s.Version != 1 {
		t.Errorf("after a failed Save, Version = %d, want 1 (unchanged)", s.Version)
	}
	// Save must not resurrect it either.
	wantGone(t, st, s.Key)
}

func testRacingSaves(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	const n = 50
	base := mustCreate(t, st, sample("1"))
	sessions := make([]dialog.Session, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		sessions[i] = base
		sessions[i].Answers = maps.Clone(base.Answers)
		sessions[i].Owner = fmt.Sprintf("U%03d", i)
		wg.Go(func() { errs[i] = st.Save(t.Context(), &sessions[i]) })
	}
	wg.Wait()

	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("Saves %d and %d both won version %d", winner, i, base.Version)
		case err == nil:
			winner = i
		case !errors.Is(err, dialog.ErrConflict):
			t.Errorf("racing Save %d = %v, want nil or %v", i, err, dialog.ErrConflict)
		}
	}
	if winner < 0 {
		t.Fatalf("none of %d racing Saves won", n)
	}
	wantStored(t, st, sessions[winner])
}

func testSaveRefreshesTTL(t *testing.T, st dialog.Store, c Clock, _ *Tokens) {
	s := mustCreate(t, st, sample("1"))
	c.Advance(ShortTTL * 6 / 10)
	if err := st.Save(t.Context(), &s); err != nil {
		t.Fatalf("Save(%s) within the TTL = %v", s.Key, err)
	}
	// 1.2 TTL after Create, 0.6 TTL after Save: only a refreshed TTL keeps it.
	c.Advance(ShortTTL * 6 / 10)
	wantStored(t, st, s)
}

func testExpiry(t *testing.T, st dialog.Store, c Clock, _ *Tokens) {
	s := mustCreate(t, st, sample("1"))
	c.Advance(ShortTTL * 6 / 10)
	// Reading is not activity: this Get must not extend the TTL.
	wantStored(t, st, s)
	c.Advance(ShortTTL * 6 / 10)
	wantGone(t, st, s.Key)
}

func testClaimOnce(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	claims := []struct {
		id   string
		want bool
	}{
		{"Ev0001", true},
		{"Ev0001", false},
		{"Ev0002", true},
		{"Ev0001", false},
		{"Ev0002", false},
	}
	for _, c := range claims {
		got, err := st.Claim(t.Context(), c.id, time.Minute)
		if err != nil || got != c.want {
			t.Errorf("Claim(%q, 1m) = %v, %v, want %v, nil", c.id, got, err, c.want)
		}
	}
}

func testClaimExpires(t *testing.T, st dialog.Store, c Clock, _ *Tokens) {
	const id = "Ev0001"
	if got, err := st.Claim(t.Context(), id, ShortTTL); err != nil || !got {
		t.Fatalf("first Claim(%q, %v) = %v, %v, want true, nil", id, ShortTTL, got, err)
	}
	if got, err := st.Claim(t.Context(), id, ShortTTL); err != nil || got {
		t.Fatalf("repeat Claim(%q, %v) = %v, %v, want false, nil", id, ShortTTL, got, err)
	}
	c.Advance(ShortTTL + ShortTTL/10)
	if got, err := st.Claim(t.Context(), id, ShortTTL); err != nil || !got {
		t.Errorf("Claim(%q, %v) after its ttl = %v, %v, want true, nil", id, ShortTTL, got, err)
	}
}

func testClaimTTL(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	for _, ttl := range []time.Duration{0, -time.Second} {
		if got, err := st.Claim(t.Context(), "Ev0001", ttl); err == nil {
			t.Errorf("Claim(%q, %v) = %v, nil, want an error", "Ev0001", ttl, got)
		}
	}
	// A rejected claim must not have recorded anything.
	if got, err := st.Claim(t.Context(), "Ev0001", time.Minute); err != nil || !got {
		t.Errorf("Claim(%q, 1m) = %v, %v, want true, nil", "Ev0001", got, err)
	}
}

func testDistinctKeys(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	a := sample("1710408400.000100")
	b := sample("1710408400.000200") // same team and channel, other thread
	b.Owner = "U0002"
	c := sample("1710408400.000100")
	c.Key.Team = "T0002" // same channel and thread, other team
	c.Owner = "U0003"
	a, b, c = mustCreate(t, st, a), mustCreate(t, st, b), mustCreate(t, st, c)

	a.Asked++
	if err := st.Save(t.Context(), &a); err != nil {
		t.Fatalf("Save(%s) = %v", a.Key, err)
	}
	wantStored(t, st, a)
	wantStored(t, st, b)
	wantStored(t, st, c)

	// b is still at version 1: a's Save moved only a's version.
	b.Asked++
	if err := st.Save(t.Context(), &b); err != nil {
		t.Errorf("Save(%s) at version 1 = %v", b.Key, err)
	}
	wantGone(t, st, dialog.Key{Team: "T0001", Channel: "C0001", Thread: "1710408400.000300"})
}

func testPing(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	if err := st.Ping(t.Context()); err != nil {
		t.Errorf("Ping() = %v, want nil", err)
	}
}

// sampleTeam is a team session with two members' answers and an
// invitation list, so a store that drops any of it fails the round trip.
func sampleTeam(t *testing.T, thread string) dialog.Session {
	t.Helper()
	created := time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)
	s, err := dialog.StartTeam(dialog.Key{Team: "T0001", Channel: "C0001", Thread: thread}, "U0001", knowledge.French, []string{"U0002", "U0003"}, created)
	if err != nil {
		t.Fatalf("StartTeam() = %v", err)
	}
	for i, u := range []string{"U0002", "U0001"} {
		a := sample(thread).Answers
		if i == 1 {
			a[knowledge.Urgency] = knowledge.LongTerm
		}
		if s, err = s.TeamAnswer(u, a, created.Add(time.Duration(i+1)*time.Minute)); err != nil {
			t.Fatalf("TeamAnswer(%s) = %v", u, err)
		}
	}
	return s
}

func testTeamRoundTrip(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	s := mustCreate(t, st, sampleTeam(t, "1710408400.000100"))
	wantStored(t, st, s)
	revealed, err := s.Reveal("U0001", s.Updated.Add(time.Minute))
	if err != nil {
		t.Fatalf("Reveal() = %v", err)
	}
	revealed.CardMsg = "1710408500.000300"
	if err := st.Save(t.Context(), &revealed); err != nil {
		t.Fatalf("Save(%s) = %v", revealed.Key, err)
	}
	wantStored(t, st, revealed)

	// A session Get returned shares nothing with the store.
	got := mustGet(t, st, s.Key)
	got.Team.Members[0].Answers[knowledge.Budget] = knowledge.Flexible
	got.Team.Invited[0] = "U9999"
	wantStored(t, st, revealed)
}

func testTeamExpiry(t *testing.T, st dialog.Store, c Clock, _ *Tokens) {
	s := mustCreate(t, st, sampleTeam(t, "1"))
	c.Advance(ShortTTL * 6 / 10)
	next, err := s.TeamAnswer("U0003", sample("1").Answers, s.Updated)
	if err != nil {
		t.Fatalf("TeamAnswer() = %v", err)
	}
	if err := st.Save(t.Context(), &next); err != nil {
		t.Fatalf("Save(%s) within the TTL = %v", next.Key, err)
	}
	c.Advance(ShortTTL * 6 / 10)
	wantStored(t, st, next)
	c.Advance(ShortTTL / 2)
	wantGone(t, st, next.Key)
}

// testRacingTeamAnswers has members submit at once, each retrying on a
// conflict as the bot does: every member's answers must be kept, none
// overwritten by a save computed from an older version.
func testRacingTeamAnswers(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	const n = dialog.MaxMembers
	base, err := dialog.StartTeam(dialog.Key{Team: "T0001", Channel: "C0001", Thread: "1"}, "U0001", knowledge.English, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	base = mustCreate(t, st, base)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			user := fmt.Sprintf("U%04d", i+100)
			for {
				s, err := st.Get(t.Context(), base.Key)
				if err != nil {
					errs[i] = err
					return
				}
				if s, err = s.TeamAnswer(user, sample("1").Answers, time.Now()); err != nil {
					errs[i] = err
					return
				}
				if err = st.Save(t.Context(), &s); !errors.Is(err, dialog.ErrConflict) {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("member %d: %v", i, err)
		}
	}
	got := mustGet(t, st, base.Key)
	if len(got.Answered()) != n {
		t.Errorf("after %d racing members, the store holds %d: %v", n, len(got.Answered()), got.Answered())
	}
}

// testLostWrite is the counter's blind spot. Replica A writes version 3
// and keeps it cached. The store then loses that write (a failover to a
// replica that had not received it), and replica B advances the session
// again by another history to the same version number; B recreating the
// session stands for that here. A's copy carries the right version and
// must still be refused: it was made from a write the store no longer has.
func testLostWrite(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	a := mustCreate(t, st, sample("1"))
	for range 2 {
		if err := st.Save(t.Context(), &a); err != nil {
			t.Fatalf("A: Save(%s) = %v", a.Key, err)
		}
	}

	b := sample("1")
	b.Answers[knowledge.TechLead] = knowledge.LeadNone
	b = mustCreate(t, st, b)
	for range 2 {
		if err := st.Save(t.Context(), &b); err != nil {
			t.Fatalf("B: Save(%s) = %v", b.Key, err)
		}
	}
	if a.Version != b.Version {
		t.Fatalf("A at version %d, B at %d: the test needs them equal", a.Version, b.Version)
	}

	a.Answers = maps.Clone(a.Answers)
	a.Answers[knowledge.Budget] = knowledge.Flexible
	stale := a
	if err := st.Save(t.Context(), &a); !errors.Is(err, dialog.ErrConflict) {
		t.Fatalf("A's cached copy at version %d, from a lost write: Save = %v, want %v", stale.Version, err, dialog.ErrConflict)
	}
	if a.Version != stale.Version || a.Token != stale.Token {
		t.Errorf("after a failed Save, Version %d Token %q, want %d %q (unchanged)", a.Version, a.Token, stale.Version, stale.Token)
	}
	wantStored(t, st, b)
}

// testReplayedSave sends one Save twice with the same arguments, as a
// client does that resends a command whose reply was late although the
// store ran it: the second must succeed as the same write, and change
// nothing.
func testReplayedSave(t *testing.T, st dialog.Store, _ Clock, k *Tokens) {
	base := mustCreate(t, st, sample("1"))
	change := func(s dialog.Session) dialog.Session {
		s.Answers = maps.Clone(s.Answers)
		s.Answers[knowledge.Budget] = knowledge.Flexible
		s.Asked++
		return s
	}
	first := change(base)
	if err := st.Save(t.Context(), &first); err != nil {
		t.Fatalf("Save(%s) = %v", first.Key, err)
	}

	k.Replay(first.Token)
	again := change(base)
	if err := st.Save(t.Context(), &again); err != nil {
		t.Fatalf("replayed Save(%s) = %v, want nil: the store ran this very write", again.Key, err)
	}
	if again.Version != first.Version || again.Token != first.Token {
		t.Errorf("replayed Save: Version %d Token %q, want %d %q (the first run's)", again.Version, again.Token, first.Version, first.Token)
	}
	wantStored(t, st, first)

	// The write chain goes on from it, once.
	next := first
	next.Owner = "U-next"
	if err := st.Save(t.Context(), &next); err != nil {
		t.Fatalf("Save(%s) after the replay = %v", next.Key, err)
	}
	if next.Version != base.Version+2 {
		t.Errorf("two writes and a replay: Version %d, want %d", next.Version, base.Version+2)
	}
	// A replay that arrives after a later write is a stale write.
	k.Replay(first.Token)
	late := change(base)
	if err := st.Save(t.Context(), &late); !errors.Is(err, dialog.ErrConflict) {
		t.Errorf("Save replayed after a later write = %v, want %v", err, dialog.ErrConflict)
	}
	wantStored(t, st, next)
}

// testReplayedCreate resends a Create, as a client does whose reply was
// late: it is the same write, and a session that holds its token is left
// as it is. (A Create cannot be resent after a Save: nobody can act on a
// session before its Create has returned.)
func testReplayedCreate(t *testing.T, st dialog.Store, _ Clock, k *Tokens) {
	s := mustCreate(t, st, sample("1"))
	k.Replay(s.Token)
	again := sample("1")
	again.Owner = "U-again" // were it written, the round trip would show it
	if err := st.Create(t.Context(), &again); err != nil {
		t.Fatalf("replayed Create(%s) = %v", again.Key, err)
	}
	if again.Token != s.Token || again.Version != 1 {
		t.Errorf("replayed Create: Version %d Token %q, want 1 %q", again.Version, again.Token, s.Token)
	}
	wantStored(t, st, s)

	// A new Create, with a token of its own, replaces the session.
	fresh := mustCreate(t, st, again)
	if fresh.Token == s.Token {
		t.Errorf("two Creates wrote the same token %q", s.Token)
	}
	wantStored(t, st, fresh)
}

// testReplayedClaim resends a Claim: the call that holds the claim is told
// so again, and every other call is still refused.
func testReplayedClaim(t *testing.T, st dialog.Store, _ Clock, k *Tokens) {
	const id = "Ev0001"
	if got, err := st.Claim(t.Context(), id, time.Minute); err != nil || !got {
		t.Fatalf("Claim(%q) = %v, %v, want true, nil", id, got, err)
	}
	first := k.Last()
	k.Replay(first)
	if got, err := st.Claim(t.Context(), id, time.Minute); err != nil || !got {
		t.Errorf("replayed Claim(%q) = %v, %v, want true, nil: it is the same call", id, got, err)
	}
	for i := range 2 {
		if got, err := st.Claim(t.Context(), id, time.Minute); err != nil || got {
			t.Errorf("Claim(%q) #%d by another call = %v, %v, want false, nil", id, i+2, got, err)
		}
	}
	k.Replay(first)
	if got, err := st.Claim(t.Context(), id, time.Minute); err != nil || !got {
		t.Errorf("Claim(%q) replayed after repeats = %v, %v, want true, nil", id, got, err)
	}
}

func testUserRoundTrip(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	if got, err := st.GetUser(t.Context(), "T0001", "U0001"); !errors.Is(err, dialog.ErrNotFound) {
		t.Fatalf("GetUser() of a new user = %+v, %v, want %v", got, err, dialog.ErrNotFound)
	}
	at := time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)
	u := dialog.User{Team: "T0001", ID: "U0001", Lang: knowledge.French}
	u = u.Remember(dialog.Record{Outcome: knowledge.Internal, Case: knowledge.Case3, Team: true, Channel: "C0001", Thread: "1", At: at})
	if err := st.SaveUser(t.Context(), &u); err != nil || u.Version != 1 {
		t.Fatalf("first SaveUser() = %v, version %d; want nil, 1", err, u.Version)
	}
	got, err := st.GetUser(t.Context(), "T0001", "U0001")
	if err != nil {
		t.Fatalf("GetUser() = %v", err)
	}
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("GetUser() mismatch (-want +got):\n%s", diff)
	}
	if other, err := st.GetUser(t.Context(), "T0002", "U0001"); !errors.Is(err, dialog.ErrNotFound) {
		t.Errorf("GetUser() in another team = %+v, %v, want %v", other, err, dialog.ErrNotFound)
	}
}

func testUserCAS(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	first := dialog.User{Team: "T0001", ID: "U0001", Lang: knowledge.English}
	second := dialog.User{Team: "T0001", ID: "U0001", Lang: knowledge.French}
	if err := st.SaveUser(t.Context(), &first); err != nil {
		t.Fatalf("SaveUser() = %v", err)
	}
	if err := st.SaveUser(t.Context(), &second); !errors.Is(err, dialog.ErrConflict) || second.Version != 0 {
		t.Errorf("a second first save = %v, version %d; want %v, 0", err, second.Version, dialog.ErrConflict)
	}
	stale := first
	first.Lang = knowledge.French
	if err := st.SaveUser(t.Context(), &first); err != nil || first.Version != 2 {
		t.Fatalf("SaveUser() at version 1 = %v, version %d", err, first.Version)
	}
	if err := st.SaveUser(t.Context(), &stale); !errors.Is(err, dialog.ErrConflict) {
		t.Errorf("a stale SaveUser() = %v, want %v", err, dialog.ErrConflict)
	}
	if got, _ := st.GetUser(t.Context(), "T0001", "U0001"); got.Lang != knowledge.French || got.Version != 2 {
		t.Errorf("stored user = %+v, want French at version 2", got)
	}
}

// testRacingUsers records recommendations from several sessions at once,
// each retrying on a conflict: none may be lost.
func testRacingUsers(t *testing.T, st dialog.Store, _ Clock, _ *Tokens) {
	const n = dialog.MaxRecent
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r := dialog.Record{Outcome: knowledge.Internal, Case: knowledge.Case3, Channel: "C0001", Thread: fmt.Sprint(i), At: time.Now()}
			for {
				u, err := st.GetUser(t.Context(), "T0001", "U0001")
				if errors.Is(err, dialog.ErrNotFound) {
					u, err = dialog.User{Team: "T0001", ID: "U0001"}, nil
				}
				if err != nil {
					errs[i] = err
					return
				}
				u = u.Remember(r)
				if err = st.SaveUser(t.Context(), &u); !errors.Is(err, dialog.ErrConflict) {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("record %d: %v", i, err)
		}
	}
	if u, err := st.GetUser(t.Context(), "T0001", "U0001"); err != nil || len(u.Recent) != n {
		t.Errorf("after %d racing records the user holds %d (%v)", n, len(u.Recent), err)
	}
}

func testUserOutlivesSessions(t *testing.T, st dialog.Store, c Clock, _ *Tokens) {
	s := mustCreate(t, st, sample("1"))
	u := dialog.User{Team: "T0001", ID: "U0001", Lang: knowledge.French}
	if err := st.SaveUser(t.Context(), &u); err != nil {
		t.Fatalf("SaveUser() = %v", err)
	}
	c.Advance(ShortTTL + ShortTTL/10)
	wantGone(t, st, s.Key)
	if got, err := st.GetUser(t.Context(), "T0001", "U0001"); err != nil || got.Lang != knowledge.French {
		t.Errorf("GetUser() after the sessions' TTL = %+v, %v; want the user kept", got, err)
	}
}

// testReplayedUserSave resends a SaveUser with the token it was first
// sent with, as a client does after a late reply: it succeeds without
// undoing the write that followed it.
func testReplayedUserSave(t *testing.T, st dialog.Store, _ Clock, k *Tokens) {
	u := dialog.User{Team: "T0001", ID: "U0001", Lang: knowledge.English}
	first := u
	if err := st.SaveUser(t.Context(), &first); err != nil {
		t.Fatalf("SaveUser() = %v", err)
	}
	tok := k.Last()
	next := first.WithLang(knowledge.French)
	if err := st.SaveUser(t.Context(), &next); err != nil {
		t.Fatalf("second SaveUser() = %v", err)
	}
	k.Replay(tok)
	replay := u
	if err := st.SaveUser(t.Context(), &replay); err == nil {
		t.Errorf("a replayed first save after a later write = nil, want %v (its token is no longer the stored one)", dialog.ErrConflict)
	}
	got, err := st.GetUser(t.Context(), "T0001", "U0001")
	if err != nil || got.Lang != knowledge.French || got.Token != next.Token {
		t.Errorf("after the replay, the user is %+v, %v; want the second write kept", got, err)
	}

	// A replay of the latest write is recognised as done.
	k.Replay(next.Token)
	again := first.WithLang(knowledge.French)
	if err := st.SaveUser(t.Context(), &again); err != nil || again.Token != next.Token {
		t.Errorf("replaying the latest save = %v, token %q; want nil and %q", err, again.Token, next.Token)
	}
}
