package dialog_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/dialogtest"
)

func TestMemStore(t *testing.T) {
	dialogtest.TestStore(t, func(t *testing.T, c dialogtest.Config) (dialog.Store, dialogtest.Clock) {
		clock := dialogtest.NewFakeClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		m := dialog.NewMemStore(c.TTL, clock.Now)
		m.SetTokenSource(c.Tokens)
		return m, clock
	})
}

// TestMemStoreSweeps checks that expired entries nobody reads again do not
// pile up: writes alone must eventually drop them.
func TestMemStoreSweeps(t *testing.T) {
	const ttl = time.Minute
	clock := dialogtest.NewFakeClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	m := dialog.NewMemStore(ttl, clock.Now)
	write := func(i int) {
		s := dialog.Session{Key: dialog.Key{Team: "T1", Channel: "C1", Thread: fmt.Sprint(i)}}
		if err := m.Create(t.Context(), &s); err != nil {
			t.Fatalf("Create(%s) = %v", s.Key, err)
		}
		if _, err := m.Claim(t.Context(), fmt.Sprint("Ev", i), ttl); err != nil {
			t.Fatalf("Claim(%q) = %v", fmt.Sprint("Ev", i), err)
		}
	}
	// Each round writes 100 sessions and 100 claims, then lets them all
	// expire; at most one round's worth, plus what the sweep threshold lets
	// through, may be held at any time.
	const (
		perRound = 100
		rounds   = 50
		bound    = 4 * 2 * perRound
	)
	for r := range rounds {
		for i := range perRound {
			write(r*perRound + i)
		}
		if got := m.Len(); got > bound {
			t.Fatalf("after round %d, Len() = %d, want ≤ %d", r, got, bound)
		}
		clock.Advance(ttl)
	}
}

// TestMemStoreNilClock checks that a nil now means the wall clock.
func TestMemStoreNilClock(t *testing.T) {
	m := dialog.NewMemStore(time.Hour, nil)
	s := dialog.Session{Key: dialog.Key{Team: "T1", Channel: "C1", Thread: "1"}}
	if err := m.Create(t.Context(), &s); err != nil {
		t.Fatalf("Create(%s) = %v", s.Key, err)
	}
	if _, err := m.Get(t.Context(), s.Key); err != nil {
		t.Errorf("Get(%s) = %v, want the session", s.Key, err)
	}
}
