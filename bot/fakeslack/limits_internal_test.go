package fakeslack

import (
	"testing"
	"time"
)

// TestBudgetsRefill: a window frees a call when its oldest call is a window
// old, and a bucket gains a token per 1/Rate; Retry-After says when.
func TestBudgetsRefill(t *testing.T) {
	s := New()
	defer s.Close()
	clock := time.Unix(1_700_000_000, 0)
	s.now = func() time.Time { return clock }
	s.mu.Lock()
	defer s.mu.Unlock()

	for i := range 50 {
		if wait := s.rateLimitLocked("chat.update", "C1"); wait != 0 {
			t.Fatalf("chat.update %d refused (wait %v), want 50 a minute", i+1, wait)
		}
		clock = clock.Add(time.Second)
	}
	// 50 s in: the first call leaves the window at 60 s.
	if wait := s.rateLimitLocked("chat.update", "C1"); wait != 10*time.Second {
		t.Errorf("51st chat.update wait = %v, want 10s", wait)
	}
	clock = clock.Add(10 * time.Second)
	if wait := s.rateLimitLocked("chat.update", "C1"); wait != 0 {
		t.Errorf("chat.update after the oldest call left the window: wait %v, want 0", wait)
	}

	for i := range 3 {
		if wait := s.rateLimitLocked("chat.postMessage", "C1"); wait != 0 {
			t.Fatalf("post %d of the burst refused", i+1)
		}
	}
	if wait := s.rateLimitLocked("chat.postMessage", "C1"); wait != time.Second {
		t.Errorf("4th post wait = %v, want 1s", wait)
	}
	clock = clock.Add(time.Second)
	if wait := s.rateLimitLocked("chat.postMessage", "C1"); wait != 0 {
		t.Errorf("post a second later: wait %v, want 0", wait)
	}
	if wait := s.rateLimitLocked("chat.postMessage", "C1"); wait == 0 {
		t.Errorf("a second post in that second went through: 1 per second")
	}
	if got := s.limited; got["chat.update"] != 1 || got["chat.postMessage"] != 2 {
		t.Errorf("refusals %v, want chat.update 1, chat.postMessage 2", got)
	}
	if got := retryAfterSeconds(1500 * time.Millisecond); got != 2 {
		t.Errorf("Retry-After for 1.5 s = %d, want 2 (rounded up)", got)
	}
}
