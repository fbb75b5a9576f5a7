package bot

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

func TestSessionCache(t *testing.T) {
	key := func(i int) dialog.Key { return dialog.Key{Team: "T", Channel: "C", Thread: strconv.Itoa(i)} }
	c := newSessionCache(3)
	for i := range 3 {
		c.put(dialog.Session{Key: key(i), Version: int64(i)})
	}
	c.get(key(0))                                   // 0 is now the most recent
	c.put(dialog.Session{Key: key(3), Version: 3})  // evicts 1, the least recent
	c.put(dialog.Session{Key: key(2), Version: 20}) // an update, not an insert
	for i, want := range map[int]bool{0: true, 1: false, 2: true, 3: true} {
		if _, ok := c.get(key(i)); ok != want {
			t.Errorf("get(%d) present = %v, want %v", i, ok, want)
		}
	}
	if s, _ := c.get(key(2)); s.Version != 20 {
		t.Errorf("get(2).Version = %d, want the updated 20", s.Version)
	}
	c.drop(key(2))
	if _, ok := c.get(key(2)); ok {
		t.Error("get(2) after drop found it")
	}
	if n := c.order.Len(); n != len(c.items) || n != 2 {
		t.Errorf("list holds %d, map %d; want 2 and 2", n, len(c.items))
	}

	off := newSessionCache(-1)
	off.put(dialog.Session{Key: key(0)})
	if _, ok := off.get(key(0)); ok {
		t.Error("a disabled cache returned a session")
	}
}

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
			unlock, err := l.lock(t.Context(), a)
			if err != nil {
				t.Error(err)
				return
			}
			defer unlock()
			mu.Lock()
			holding++
			worst = max(worst, holding)
			mu.Unlock()
			unlockB, err := l.lock(t.Context(), b) // never blocks on a
			if err != nil {
				t.Error(err)
				return
			}
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

	// A wait gives up with its context, and leaves no entry behind.
	unlock, _ := l.lock(t.Context(), a)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := l.lock(ctx, a); err == nil {
		t.Error("lock on a held key with a cancelled context succeeded")
	}
	unlock()
	if n := len(l.m); n != 0 {
		t.Errorf("%d lock entries left after a cancelled wait, want 0", n)
	}
}
