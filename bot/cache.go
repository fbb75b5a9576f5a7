package bot

import (
	"sync"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// defaultCacheSize bounds the sessions a replica remembers: enough for
// every dialog in flight in a large workspace, small enough (about 1 KB
// each) that memory does not grow with the sessions Redis stores.
const defaultCacheSize = 2048

// sessionCache remembers the last version of each session this replica
// saved, so the next step of a dialog skips a Redis read. It may be stale —
// another replica may have moved the session — which is safe because every
// save is a compare-and-set: a stale entry fails its save with
// dialog.ErrConflict and the step is recomputed from Redis. Refusals
// computed from a cached session are re-checked against Redis too.
type sessionCache struct {
	mu    sync.Mutex
	max   int
	items map[dialog.Key]dialog.Session
}

func newSessionCache(max int) *sessionCache {
	return &sessionCache{max: max, items: make(map[dialog.Key]dialog.Session)}
}

func (c *sessionCache) get(k dialog.Key) (dialog.Session, bool) {
	if c.max <= 0 {
		return dialog.Session{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.items[k]
	return s, ok
}

// put remembers s. Sessions are values whose maps are copied on write by
// every transition, so sharing one between goroutines is safe.
func (c *sessionCache) put(s dialog.Session) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[s.Key]; !ok && len(c.items) >= c.max {
		// Evict an arbitrary entry: map order is random enough, and a miss
		// costs only the Redis read the cache would have saved.
		for k := range c.items {
			delete(c.items, k)
			break
		}
	}
	c.items[s.Key] = s
}

func (c *sessionCache) drop(k dialog.Key) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, k)
}
