package bot

import (
	"strconv"
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
