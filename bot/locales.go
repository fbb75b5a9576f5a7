package bot

import (
	"sync"
	"time"
)

// A user's Slack locale decides the language of each dialog they start;
// asking users.info (Tier 4, about 100 a minute per workspace) every time
// would spend a third of that budget on thirty people starting at once in
// one meeting. A locale changes rarely, and a stale one only picks the
// language of the next dialog, which `/cto-advice en|fr` overrides.
const (
	localeTTL  = time.Hour
	maxLocales = 4096
)

// localeCache remembers users' locales for a while. Its clock is the
// process's own: nothing here is compared across replicas.
type localeCache struct {
	mu   sync.Mutex
	ttl  time.Duration
	max  int
	seen map[string]localeEntry
}

type localeEntry struct {
	locale string
	at     time.Time
}

func newLocaleCache(ttl time.Duration, max int) *localeCache {
	return &localeCache{ttl: ttl, max: max, seen: make(map[string]localeEntry)}
}

func (c *localeCache) get(user string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.seen[user]
	if !ok || time.Since(e.at) > c.ttl {
		return "", false
	}
	return e.locale, true
}

func (c *localeCache) put(user, locale string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.seen) >= c.max {
		// Expired entries first; if none, any: the cache only saves calls.
		for u, e := range c.seen {
			if time.Since(e.at) > c.ttl || len(c.seen) >= c.max {
				delete(c.seen, u)
			}
		}
	}
	c.seen[user] = localeEntry{locale: locale, at: time.Now()}
}
