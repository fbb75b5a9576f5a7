package bot

import (
	"container/list"
	"sync"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// defaultCacheSize bounds the sessions a replica remembers: enough for
// every dialog in flight in a large workspace, small enough (about 1 KB
// each) that memory does not grow with the sessions Redis stores.
const defaultCacheSize = 2048

// sessionCache remembers the last version of each session this replica
// saved or read, so the next step of a dialog skips a Redis read. It may be
// stale — another replica may have moved the session — which is safe
// because every save is a compare-and-set: a stale entry fails its save
// with dialog.ErrConflict and the step is recomputed from Redis. Refusals
// computed from a cached session are re-checked against Redis too.
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
