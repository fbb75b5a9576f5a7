package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// saveUserScript is the users' compare-and-set on the write token, like
// saveScript, except that a missing key holds the token "", so the first
// save creates it. ARGV is the token the caller read, the new token, the
// new version, the new JSON and the TTL in ms.
var saveUserScript = redis.NewScript(`
local t = redis.call('HGET', KEYS[1], 't') or ''
if t == ARGV[2] then return 1 end
if t ~= ARGV[1] then return 3 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 't', ARGV[2], 'd', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`)

// GetUser returns the user's record, or [dialog.ErrNotFound].
func (s *Store) GetUser(ctx context.Context, team, user string) (dialog.User, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.userKey(team, user)
	vals, err := s.rdb.HMGet(ctx, key, "v", "d", "t").Result()
	if err != nil {
		return dialog.User{}, unavailable("get user", key, err)
	}
	v, vok := vals[0].(string)
	d, dok := vals[1].(string)
	if !vok || !dok {
		return dialog.User{}, dialog.ErrNotFound
	}
	version, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return dialog.User{}, fmt.Errorf("redisstore: get user %s: bad version %q", key, v)
	}
	var u dialog.User
	if err := json.Unmarshal([]byte(d), &u); err != nil {
		return dialog.User{}, fmt.Errorf("redisstore: get user %s: decode: %w", key, err)
	}
	u.Version = version
	u.Token, _ = vals[2].(string)
	return u, nil
}

// SaveUser stores u if Redis still holds u.Token ("" when none is
// stored), for [dialog.UserTTL], and sets u.Token to the new token and
// increments u.Version; [dialog.ErrConflict] otherwise, u unchanged.
func (s *Store) SaveUser(ctx context.Context, u *dialog.User) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.userKey(u.Team, u.ID)
	tok := s.tokens()
	c := *u
	c.Version++
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("redisstore: save user %s: encode: %w", key, err)
	}
	res, err := saveUserScript.Run(ctx, s.rdb, []string{key},
		u.Token, tok, strconv.FormatInt(c.Version, 10), string(data), millis(dialog.UserTTL)).Int()
	if err != nil {
		return unavailable("save user", key, err)
	}
	switch res {
	case saved:
		u.Version, u.Token = c.Version, tok
		return nil
	case conflict:
		return dialog.ErrConflict
	default:
		return fmt.Errorf("redisstore: save user %s: %w: script returned %d", key, dialog.ErrUnavailable, res)
	}
}

// userKey keeps a user's record in the slot of its own hash tag, like a
// session's.
func (s *Store) userKey(team, user string) string {
	return s.prefix + ":{" + team + ":" + user + "}:user"
}
