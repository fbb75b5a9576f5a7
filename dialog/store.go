package dialog

import (
	"context"
	"crypto/rand"
	"time"
)

// Store keeps sessions between deliveries.
//
// # Writes that cannot go back in time
//
// Every stored version of a session carries a write token: a random value
// the store draws for each Create and Save and hands back in
// [Session.Token]. Save is a compare-and-set on that token, not on
// [Session.Version] alone. A counter can repeat: when Redis loses its last
// writes (a failover to a replica that had not received them, an AOF
// crash) and another replica then advances the session again, the version
// numbers come back, and a copy cached before the loss would match them.
// A token never comes back, so such a copy fails with ErrConflict and its
// owner recomputes from what the store now holds. Version still counts
// the writes, for people and logs; nothing decides on it alone, and no
// decision compares clocks.
//
// # Retried commands recognise themselves
//
// A store client may send one command twice: go-redis resends a command
// whose reply is late even when Redis ran it. Each call therefore sends
// its new token with the command, and a store that finds that very token
// already stored knows the command already ran and reports success
// without writing again: a Save whose stored token is the new one, a
// Claim whose key holds the call's own token, a Create whose session still
// holds the token it wrote. So a stalled write is done exactly once and
// its caller hears that it succeeded.
//
// Idempotence is per call, not per delivery: calling Save or Claim again
// after an error draws a new token, and finds the first attempt's effect
// as a conflict or a repeat. After [ErrUnavailable] a write may or may not
// have landed; a caller that must know reads the session back and looks
// for its own [Session.Delivery].
//
// Every write also refreshes the session's time to live, so an active
// dialog never expires under its owner. Errors are the package sentinels:
// [ErrNotFound], [ErrConflict] and [ErrUnavailable] (wrapping the cause).
type Store interface {
	// Get returns the session at k with its Version and Token, or
	// ErrNotFound (never created, or expired).
	Get(ctx context.Context, k Key) (Session, error)
	// Create stores s as a new session at Version 1 under a new token, and
	// sets s.Version and s.Token. It replaces any session at the same key:
	// a thread holds one dialog.
	Create(ctx context.Context, s *Session) error
	// Save stores s as the next version if the stored token still equals
	// s.Token, and then sets s.Token to the new version's token and
	// increments s.Version. Otherwise it returns ErrConflict (another
	// write came first, or the copy predates a lost write) or ErrNotFound
	// (the session expired meanwhile), and leaves s unchanged.
	Save(ctx context.Context, s *Session) error
	// Claim records that a delivery with this id is being handled, for
	// ttl. It returns true for the first call with id within ttl, and
	// false for every other call, even a caller's own second call. A
	// retried command of the first call still returns true.
	Claim(ctx context.Context, id string, ttl time.Duration) (bool, error)
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error

	// GetUser returns what is kept about user in team across sessions, or
	// ErrNotFound.
	GetUser(ctx context.Context, team, user string) (User, error)
	// SaveUser stores u if the stored write token still equals u.Token
	// ("": nothing stored yet), refreshes its time to live to [UserTTL],
	// sets u.Token to the new token and increments u.Version. Otherwise it
	// returns ErrConflict. Like Save, a resent command recognises itself.
	SaveUser(ctx context.Context, u *User) error
}

// NewToken returns a write token: 128 random bits as 26 letters and
// digits, unique across processes without coordination. Stores draw one
// per write; tests that replay a write pass their own source instead.
func NewToken() string { return rand.Text() }
