package bot

import (
	"sync"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// keyLocks serialises the handlers of one session within a replica. A
// dialog's steps are sequential anyway; without this, the next click can
// arrive while the previous step is still recording where it posted the
// question, and one of the two compare-and-sets loses and pays a Redis
// read and a retry. Across replicas the compare-and-set still decides.
type keyLocks struct {
	mu sync.Mutex
	m  map[dialog.Key]*keyLock
}

type keyLock struct {
	sync.Mutex
	refs int
}

func newKeyLocks() *keyLocks { return &keyLocks{m: make(map[dialog.Key]*keyLock)} }

// lock takes k's lock and returns its release. Entries live only while
// someone holds or waits for them, so memory follows the sessions in flight.
func (l *keyLocks) lock(k dialog.Key) (unlock func()) {
	l.mu.Lock()
	kl, ok := l.m[k]
	if !ok {
		kl = &keyLock{}
		l.m[k] = kl
	}
	kl.refs++
	l.mu.Unlock()

	kl.Lock()
	return func() {
		kl.Unlock()
		l.mu.Lock()
		if kl.refs--; kl.refs == 0 {
			delete(l.m, k)
		}
		l.mu.Unlock()
	}
}
