package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// Options configure a [Store]. The zero value is usable.
type Options struct {
	// Prefix starts every key, so several bots, or tests, can share one
	// Redis. Default "ctoadvisor".
	Prefix string
	// TTL is how long a session lives after its last write. Default 24h.
	TTL time.Duration
	// Timeout bounds each call whatever the caller's context says, so a
	// blackholed Redis cannot hold a handler past Slack's patience; it
	// takes effect on clients with ContextTimeoutEnabled, as [NewClient]
	// builds them. Default 750ms: a user hears "try again" within 1.5 s
	// even when a handler needs a store call and then a Slack call, while
	// a healthy Redis on the same network answers in a millisecond.
	Timeout time.Duration
}

// Store is a [dialog.Store] on Redis. It is safe for concurrent use, and by
// several processes sharing one Redis.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	ttl     time.Duration
	timeout time.Duration
}

var _ dialog.Store = (*Store)(nil)

// New returns a Store on rdb. The caller keeps ownership of rdb and closes
// it after the last call.
func New(rdb redis.UniversalClient, opts Options) *Store {
	s := &Store{rdb: rdb, prefix: opts.Prefix, ttl: opts.TTL, timeout: opts.Timeout}
	if s.prefix == "" {
		s.prefix = "ctoadvisor"
	}
	if s.ttl <= 0 {
		s.ttl = 24 * time.Hour
	}
	if s.timeout <= 0 {
		s.timeout = 750 * time.Millisecond
	}
	return s
}

// Results of the save script. Zero is not one of them: a nil or malformed
// reply must not read as success.
const (
	saved    = 1
	notFound = 2
	conflict = 3
)

// saveScript is the compare-and-set. KEYS[1] is the session key; ARGV is
// the expected version, the new version, the new JSON and the TTL in ms.
// Versions are compared as the strings Go wrote, which avoids Lua's
// float numbers altogether.
var saveScript = redis.NewScript(`
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return 2 end
if v ~= ARGV[1] then return 3 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`)

// createScript replaces whatever is at KEYS[1] with version 1 of the
// session (ARGV[1]) for ARGV[2] ms. DEL first, so no field of an older
// layout survives a Create.
var createScript = redis.NewScript(`
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', '1', 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`)

// Get returns the session at k, or [dialog.ErrNotFound].
func (s *Store) Get(ctx context.Context, k dialog.Key) (dialog.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.sessionKey(k)
	vals, err := s.rdb.HMGet(ctx, key, "v", "d").Result()
	if err != nil {
		return dialog.Session{}, unavailable("get", key, err)
	}
	v, vok := vals[0].(string)
	d, dok := vals[1].(string)
	if !vok || !dok {
		return dialog.Session{}, dialog.ErrNotFound
	}
	version, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return dialog.Session{}, fmt.Errorf("redisstore: get %s: bad version %q", key, v)
	}
	var sess dialog.Session
	if err := json.Unmarshal([]byte(d), &sess); err != nil {
		return dialog.Session{}, fmt.Errorf("redisstore: get %s: decode: %w", key, err)
	}
	sess.Version = version
	return sess, nil
}

// Create stores s at version 1, replacing any session at s.Key, and sets
// s.Version to 1.
func (s *Store) Create(ctx context.Context, sess *dialog.Session) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.sessionKey(sess.Key)
	data, err := encodeAt(sess, 1)
	if err != nil {
		return fmt.Errorf("redisstore: create %s: %w", key, err)
	}
	if err := createScript.Run(ctx, s.rdb, []string{key}, data, millis(s.ttl)).Err(); err != nil {
		return unavailable("create", key, err)
	}
	sess.Version = 1
	return nil
}

// Save stores sess if Redis still holds sess.Version, refreshes its TTL and
// increments sess.Version. It returns [dialog.ErrNotFound] if the session
// expired and [dialog.ErrConflict] if another write came first; sess is
// unchanged on error.
func (s *Store) Save(ctx context.Context, sess *dialog.Session) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.sessionKey(sess.Key)
	next := sess.Version + 1
	data, err := encodeAt(sess, next)
	if err != nil {
		return fmt.Errorf("redisstore: save %s: %w", key, err)
	}
	res, err := saveScript.Run(ctx, s.rdb, []string{key},
		strconv.FormatInt(sess.Version, 10), strconv.FormatInt(next, 10), data, millis(s.ttl)).Int()
	if err != nil {
		return unavailable("save", key, err)
	}
	switch res {
	case saved:
		sess.Version = next
		return nil
	case notFound:
		return dialog.ErrNotFound
	case conflict:
		return dialog.ErrConflict
	default:
		return fmt.Errorf("redisstore: save %s: %w: script returned %d", key, dialog.ErrUnavailable, res)
	}
}

// Claim sets <prefix>:claim:<id> unless it exists, for ttl: true means this
// caller is the first to see id within ttl.
func (s *Store) Claim(ctx context.Context, id string, ttl time.Duration) (bool, error) {
	key := s.prefix + ":claim:" + id
	if ttl <= 0 {
		return false, fmt.Errorf("redisstore: claim %s: ttl %v is not positive", key, ttl)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	cmd := redis.NewBoolCmd(ctx, "set", key, "1", "px", millis(ttl), "nx")
	if err := s.rdb.Process(ctx, cmd); err != nil {
		return false, unavailable("claim", key, err)
	}
	return cmd.Val(), nil
}

// Ping reports whether Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redisstore: ping: %w: %w", dialog.ErrUnavailable, err)
	}
	return nil
}

func (s *Store) sessionKey(k dialog.Key) string {
	return s.prefix + ":{" + k.String() + "}:session"
}

// unavailable wraps a failure of Redis itself. redis.Nil never gets here:
// each caller reads a missing key as a value, not as an error.
func unavailable(op, key string, err error) error {
	return fmt.Errorf("redisstore: %s %s: %w: %w", op, key, dialog.ErrUnavailable, err)
}

// millis is d in the whole milliseconds PX and PEXPIRE take, rounded up so
// a positive duration never becomes 0, which would expire the key at once.
func millis(d time.Duration) int64 {
	return (d + time.Millisecond - 1).Milliseconds()
}

// encodeAt encodes sess as stored at version v, leaving sess unchanged.
func encodeAt(sess *dialog.Session, v int64) (string, error) {
	c := *sess
	c.Version = v
	data, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode session: %w", err)
	}
	return string(data), nil
}
