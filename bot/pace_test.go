package bot

import (
	"context"
	"testing"
	"time"
)

// A bucket spends its burst at once, then one call per 1/rate, and serves
// a dialog's next post before a waiting thread root, whatever came first.
func TestBucketPacesByPriority(t *testing.T) {
	k := newBucket(20, 2) // a token every 50 ms
	now := time.Now
	ctx := t.Context()
	for i := range 2 {
		if !k.take(now()) {
			t.Fatalf("call %d of the burst waited", i+1)
		}
	}
	if k.take(now()) {
		t.Fatal("a third call within the burst's instant did not wait")
	}

	order := make(chan int, 3)
	queued := func(n int) {
		t.Helper()
		deadline := time.After(time.Second)
		for {
			k.mu.Lock()
			l := len(k.queue)
			k.mu.Unlock()
			if l == n {
				return
			}
			select {
			case <-deadline:
				t.Fatalf("%d calls queued, want %d", l, n)
			case <-time.After(time.Millisecond):
			}
		}
	}
	start := time.Now()
	go func() { _ = k.wait(ctx, prioOpen, now); order <- prioOpen }()
	queued(1)
	go func() { _ = k.wait(ctx, prioOpen, now); order <- prioOpen }()
	queued(2)
	go func() { _ = k.wait(ctx, prioContinue, now); order <- prioContinue }()
	if first := <-order; first != prioContinue {
		t.Errorf("first served: priority %d, want the dialog's post (%d) ahead of the roots", first, prioContinue)
	}
	<-order
	<-order
	// Three tokens after an empty bucket: at least 2.5 token periods.
	if d := time.Since(start); d < 125*time.Millisecond {
		t.Errorf("three calls past the burst took %v, want at least 125ms at 20/s", d)
	}
}

// A call whose context ends leaves the queue, and the next is served.
func TestBucketCancelledWaiterLeaves(t *testing.T) {
	k := newBucket(10, 1)
	k.take(time.Now())
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- k.wait(ctx, prioOpen, time.Now) }()
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a cancelled wait returned nil")
	}
	if err := k.wait(t.Context(), prioOpen, time.Now); err != nil {
		t.Fatalf("the next wait: %v", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.queue) != 0 {
		t.Errorf("%d calls left queued", len(k.queue))
	}
}

// delay estimates the wait of a new root behind what is queued.
func TestPacerDelay(t *testing.T) {
	p := newPacer(time.Now)
	for range 3 { // the channel's burst
		if err := p.wait(t.Context(), "chat.postMessage", "C1", prioOpen); err != nil {
			t.Fatal(err)
		}
	}
	if d := p.delay("chat.postMessage", "C1", prioOpen); d < 900*time.Millisecond || d > time.Second {
		t.Errorf("delay after the burst = %v, want about 1s", d)
	}
	if d := p.delay("chat.postMessage", "C2", prioOpen); d != 0 {
		t.Errorf("another channel's delay = %v, want 0", d)
	}
	if d := p.delay("response_url", "", prioOpen); d != 0 {
		t.Errorf("response_url delay = %v, want 0 (not paced)", d)
	}
}
