package dialog

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// MemStore is a [Store] in process memory: the store of `ctoadvisor chat`
// and of a bot run without REDIS_URL, and the reference implementation the
// store contract (package dialogtest) is written against. Sessions die with
// the process.
//
// It keeps sessions JSON-encoded rather than as values: a Session holds a
// map, and a stored copy that shared it with a caller would change under
// the store's feet, which Redis could never do. Encoding also makes MemStore
// reject exactly what the Redis store rejects.
//
// There is no background goroutine. Expired entries are dropped when they
// are touched, and writes sweep the whole store once the number of writes
// since the last sweep reaches the number of entries it left, so memory
// stays within about twice the live set at an amortised constant cost per
// write.
type MemStore struct {
	ttl    time.Duration
	now    func() time.Time
	tokens func() string

	mu       sync.Mutex
	sessions map[Key]memSession
	users    map[[2]string]memSession // {team, user} → the User as JSON
	claims   map[string]memClaim      // by claim id
	writes   int                      // since the last sweep
	swept    int                      // entries left by the last sweep
}

type memSession struct {
	data    []byte // the Session as JSON, Version included
	version int64
	token   string
	expires time.Time
}

type memClaim struct {
	token   string // of the call that made it
	expires time.Time
}

// minSweep keeps a small store from sweeping on every write.
const minSweep = 64

// NewMemStore returns an empty MemStore whose sessions expire ttl after
// their last Create or Save. now is the clock (nil means time.Now); tests
// pass a fake one to move past a TTL without waiting.
func NewMemStore(ttl time.Duration, now func() time.Time) *MemStore {
	if now == nil {
		now = time.Now
	}
	return &MemStore{
		ttl:      ttl,
		now:      now,
		tokens:   NewToken,
		sessions: make(map[Key]memSession),
		users:    make(map[[2]string]memSession),
		claims:   make(map[string]memClaim),
	}
}

// SetTokenSource replaces [NewToken] as the source of write tokens. The
// store contract uses it to replay a write, as a client resending a
// command would; nil restores NewToken. Call it before the store is used.
func (m *MemStore) SetTokenSource(next func() string) {
	if next == nil {
		next = NewToken
	}
	m.tokens = next
}

// Get returns the session at k, or [ErrNotFound].
func (m *MemStore) Get(_ context.Context, k Key) (Session, error) {
	m.mu.Lock()
	e, ok := m.live(k)
	m.mu.Unlock()
	if !ok {
		return Session{}, ErrNotFound
	}
	var s Session
	if err := json.Unmarshal(e.data, &s); err != nil {
		return Session{}, fmt.Errorf("dialog: decode session %s: %w", k, err)
	}
	s.Version, s.Token = e.version, e.token
	return s, nil
}

// Create stores s with Version 1 under a new token, replacing any session
// at s.Key, unless the session there still holds that very token (a
// replayed Create, which must not undo what followed it).
func (m *MemStore) Create(_ context.Context, s *Session) error {
	tok := m.tokens()
	data, err := encodeAt(s, 1)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.live(s.Key); !ok || e.token != tok {
		m.sessions[s.Key] = memSession{data: data, version: 1, token: tok, expires: m.now().Add(m.ttl)}
		m.wrote()
	}
	s.Version, s.Token = 1, tok
	return nil
}

// Save stores s if the stored token equals s.Token, then sets s.Token to
// the new one and increments s.Version. A replay that finds its own new
// token stored succeeds without writing. It returns [ErrNotFound] if the
// session is gone and [ErrConflict] if another write came first; s is
// unchanged on error.
func (m *MemStore) Save(_ context.Context, s *Session) error {
	tok := m.tokens()
	next := s.Version + 1
	data, err := encodeAt(s, next)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.live(s.Key)
	switch {
	case !ok:
		return ErrNotFound
	case e.token == tok:
		s.Version, s.Token = e.version, tok
		return nil
	case e.token != s.Token:
		return ErrConflict
	}
	m.sessions[s.Key] = memSession{data: data, version: next, token: tok, expires: m.now().Add(m.ttl)}
	m.wrote()
	s.Version, s.Token = next, tok
	return nil
}

// Claim reports true the first time it sees id within ttl, and for a
// replay of that call.
func (m *MemStore) Claim(_ context.Context, id string, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, fmt.Errorf("dialog: claim %s: ttl %v is not positive", id, ttl)
	}
	tok := m.tokens()
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if c, ok := m.claims[id]; ok && now.Before(c.expires) {
		return c.token == tok, nil
	}
	m.claims[id] = memClaim{token: tok, expires: now.Add(ttl)}
	m.wrote()
	return true, nil
}

// Ping always succeeds: memory does not go away.
func (m *MemStore) Ping(context.Context) error { return nil }

// live returns the unexpired entry at k, dropping an expired one. m.mu is held.
func (m *MemStore) live(k Key) (memSession, bool) {
	e, ok := m.sessions[k]
	if !ok {
		return memSession{}, false
	}
	if !m.now().Before(e.expires) {
		delete(m.sessions, k)
		return memSession{}, false
	}
	return e, true
}

// wrote counts a write and sweeps when enough have accumulated. m.mu is held.
func (m *MemStore) wrote() {
	m.writes++
	if m.writes < max(m.swept, minSweep) {
		return
	}
	now := m.now()
	for k, e := range m.sessions {
		if !now.Before(e.expires) {
			delete(m.sessions, k)
		}
	}
	for id, c := range m.claims {
		if !now.Before(c.expires) {
			delete(m.claims, id)
		}
	}
	for k, e := range m.users {
		if !now.Before(e.expires) {
			delete(m.users, k)
		}
	}
	m.writes = 0
	m.swept = len(m.sessions) + len(m.claims) + len(m.users)
}

// encodeAt encodes s as it will be stored at version v, without changing s,
// so a failed write leaves the caller's session as it was.
func encodeAt(s *Session, v int64) ([]byte, error) {
	c := *s
	c.Version = v
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("dialog: encode session %s: %w", s.Key, err)
	}
	return data, nil
}

// Len reports how many sessions and claims the store holds, counting
// expired ones not yet swept: what it costs in memory, not what is live.
func (m *MemStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sessions) + len(m.claims) + len(m.users)
}
