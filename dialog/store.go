package dialog

import (
	"context"
	"time"
)

// Store keeps sessions between deliveries. Implementations must make Save a
// compare-and-set on [Session.Version] and refresh the session's time to
// live on every write, so an active dialog never expires under its owner.
//
// Errors are the package sentinels: [ErrNotFound], [ErrConflict] and
// [ErrUnavailable] (wrapping the cause).
type Store interface {
	// Get returns the session at k, or ErrNotFound (never created, or expired).
	Get(ctx context.Context, k Key) (Session, error)
	// Create stores a new session with Version 1 and sets s.Version to 1.
	// It replaces any session at the same key: a thread holds one dialog.
	Create(ctx context.Context, s *Session) error
	// Save stores s if the stored version still equals s.Version, and then
	// increments s.Version. Otherwise it returns ErrConflict (the version
	// moved) or ErrNotFound (the session expired meanwhile).
	Save(ctx context.Context, s *Session) error
	// Claim records that a delivery with this id is being handled. It
	// returns true the first time and false for every repeat within ttl.
	Claim(ctx context.Context, id string, ttl time.Duration) (bool, error)
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error
}
