package bot

import (
	"sync"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

func TestKeyLocks(t *testing.T) {
	l := newKeyLocks()
	a := dialog.Key{Team: "T", Channel: "C", Thread: "1"}
	b := dialog.Key{Team: "T", Channel: "C", Thread: "2"}

	// One key's holders never overlap; other keys are not held back.
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		holding int
		worst   int
	)
	for range 50 {
		wg.Go(func() {
			defer l.lock(a)()
			mu.Lock()
			holding++
			worst = max(worst, holding)
			mu.Unlock()
			unlockB := l.lock(b) // never blocks on a
			unlockB()
			mu.Lock()
			holding--
			mu.Unlock()
		})
	}
	wg.Wait()
	if worst != 1 {
		t.Errorf("%d holders of one key at once, want 1", worst)
	}
	if n := len(l.m); n != 0 {
		t.Errorf("%d lock entries left after every holder released, want 0", n)
	}
}
