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
	// Tokens is the source of write tokens. Default [dialog.NewToken];
	// the store contract passes its own to replay a write.
	Tokens func() string
}

// Store is a [dialog.Store] on Redis. It is safe for concurrent use, and by
// several processes sharing one Redis.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	ttl     time.Duration
	timeout time.Duration
	tokens  func() string
}

var _ dialog.Store = (*Store)(nil)

// New returns a Store on rdb. The caller keeps ownership of rdb and closes
// it after the last call.
func New(rdb redis.UniversalClient, opts Options) *Store {
	s := &Store{rdb: rdb, prefix: opts.Prefix, ttl: opts.TTL, timeout: opts.Timeout, tokens: opts.Tokens}
	if s.tokens == nil {
		s.tokens = dialog.NewToken
	}
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

// saveScript is the compare-and-set on the write token. KEYS[1] is the
// session key; ARGV is the token the caller read, the new token, the
// expected version, the new version, the new JSON and the TTL in ms.
//
// The new token already stored means this very command ran before (a
// client resent it after a late reply): success, nothing written. A
// session written before tokens existed has none and is compared on its
// version, as the strings Go wrote, which avoids Lua's float numbers.
var saveScript = redis.NewScript(`
local cur = redis.call('HMGET', KEYS[1], 'v', 't')
if not cur[1] then return 2 end
local t = cur[2] or ''
if t == ARGV[2] then return 1 end
if t ~= ARGV[1] or (t == '' and cur[1] ~= ARGV[3]) then return 3 end
redis.call('HSET', KEYS[1], 'v', ARGV[4], 't', ARGV[2], 'd', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
`)

// createScript replaces whatever is at KEYS[1] with version 1 of the
// session (ARGV[2]) under token ARGV[1] for ARGV[3] ms. DEL first, so no
// field of an older layout survives a Create. A session that still holds
// ARGV[1] was made by this very command, resent: it is left alone.
var createScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], 't') == ARGV[1] then return 1 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', '1', 't', ARGV[1], 'd', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`)

// claimScript sets KEYS[1] to the call's token ARGV[1] for ARGV[2] ms
// unless it exists: 1 when this call holds the claim (also when it is
// resent after it ran), 0 when another call does.
var claimScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then return 1 end
if cur then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`)

// Get returns the session at k, or [dialog.ErrNotFound].
func (s *Store) Get(ctx context.Context, k dialog.Key) (dialog.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.sessionKey(k)
	vals, err := s.rdb.HMGet(ctx, key, "v", "d", "t").Result()
	if err != nil {
		return dialog.Session{}, unavailable("get", key, err)
	}
	v, vok := vals[0].(string)
	d, dok := vals[1].(string)
	token, _ := vals[2].(string) // none on a session written before tokens
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
	sess.Version, sess.Token = version, token
	return sess, nil
}

// Create stores s at version 1 under a new token, replacing any session at
// s.Key, and sets s.Version and s.Token.
func (s *Store) Create(ctx context.Context, sess *dialog.Session) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.sessionKey(sess.Key)
	data, err := encodeAt(sess, 1)
	if err != nil {
		return fmt.Errorf("redisstore: create %s: %w", key, err)
	}
	tok := s.tokens()
	if err := createScript.Run(ctx, s.rdb, []string{key}, tok, data, millis(s.ttl)).Err(); err != nil {
		return unavailable("create", key, err)
	}
	sess.Version, sess.Token = 1, tok
	return nil
}

// Save stores sess if Redis still holds sess.Token, refreshes its TTL, and
// sets sess.Token to the new token and increments sess.Version. It returns
// [dialog.ErrNotFound] if the session expired and [dialog.ErrConflict] if
// another write came first or sess predates a lost write; sess is
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
	tok := s.tokens()
	res, err := saveScript.Run(ctx, s.rdb, []string{key}, sess.Token, tok,
		strconv.FormatInt(sess.Version, 10), strconv.FormatInt(next, 10), data, millis(s.ttl)).Int()
	if err != nil {
		return unavailable("save", key, err)
	}
	switch res {
	case saved:
		sess.Version, sess.Token = next, tok
		return nil
	case notFound:
		return dialog.ErrNotFound
	case conflict:
		return dialog.ErrConflict
	default:
		return fmt.Errorf("redisstore: save %s: %w: script returned %d", key, dialog.ErrUnavailable, res)
	}
}

// Claim sets <prefix>:claim:<id> to this call's token unless it exists,
// for ttl: true means this call is the first to see id within ttl (or is
// a resent command of that first call).
func (s *Store) Claim(ctx context.Context, id string, ttl time.Duration) (bool, error) {
	key := s.prefix + ":claim:" + id
	if ttl <= 0 {
		return false, fmt.Errorf("redisstore: claim %s: ttl %v is not positive", key, ttl)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	res, err := claimScript.Run(ctx, s.rdb, []string{key}, s.tokens(), millis(ttl)).Int()
	if err != nil {
		return false, unavailable("claim", key, err)
	}
	return res == 1, nil
}

// Ping reports whether Redis answers: on a Cluster, every master, with
// every slot served.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := ping(ctx, s.rdb); err != nil {
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
