package dialog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// User is what the advisor keeps about one person across sessions: the
// language they chose, and their latest recommendations. It outlives any
// dialog, so stores keep it for [UserTTL] after its last write, not for a
// dialog's time to live.
type User struct {
	Team string `json:"team"`
	ID   string `json:"id"`
	// Lang is the language the user chose; empty follows their Slack
	// locale.
	Lang knowledge.Lang `json:"lang,omitempty"`
	// Recent are the user's latest recommendations, newest first, at most
	// [MaxRecent].
	Recent []Record `json:"recent,omitempty"`
	// Version counts the record's writes: 0 for a user never saved.
	Version int64 `json:"version"`
	// Token names the stored write this copy was read from, "" for a user
	// never saved: SaveUser compares it, as Save compares a session's
	// (see [Store]).
	Token string `json:"-"`
}

// Record is one recommendation a user received or took part in.
type Record struct {
	Outcome knowledge.OutcomeID `json:"outcome"`
	Case    knowledge.CaseID    `json:"case"`
	Team    bool                `json:"team,omitempty"` // a team's card rather than the user's own dialog
	Channel string              `json:"channel"`
	Thread  string              `json:"thread"`
	At      time.Time           `json:"at"`
}

// MaxRecent is how many recommendations a user's record keeps.
const MaxRecent = 10

// UserTTL is how long a user's record lives after its last write.
const UserTTL = 400 * 24 * time.Hour

// Remember returns u with r as its newest recommendation. A newer card of
// the same thread (an answer changed, a team revealed again) replaces the
// older one rather than listing the thread twice.
func (u User) Remember(r Record) User {
	recent := make([]Record, 0, MaxRecent)
	recent = append(recent, r)
	for _, old := range u.Recent {
		if len(recent) == MaxRecent {
			break
		}
		if old.Channel == r.Channel && old.Thread == r.Thread {
			continue
		}
		recent = append(recent, old)
	}
	u.Recent = recent
	return u
}

// WithLang returns u with the language it chose; "" goes back to the
// Slack locale.
func (u User) WithLang(l knowledge.Lang) User {
	u.Recent = slices.Clone(u.Recent)
	u.Lang = l
	return u
}

// GetUser returns the user's record, or [ErrNotFound].
func (m *MemStore) GetUser(_ context.Context, team, user string) (User, error) {
	k := [2]string{team, user}
	m.mu.Lock()
	e, ok := m.users[k]
	if ok && !m.now().Before(e.expires) {
		delete(m.users, k)
		ok = false
	}
	m.mu.Unlock()
	if !ok {
		return User{}, ErrNotFound
	}
	var u User
	if err := json.Unmarshal(e.data, &u); err != nil {
		return User{}, fmt.Errorf("dialog: decode user %s:%s: %w", team, user, err)
	}
	u.Version, u.Token = e.version, e.token
	return u, nil
}

// SaveUser stores u if the stored token equals u.Token ("" for a user
// never saved), then sets u.Token to the new one and increments
// u.Version; a replay that finds its own new token stored succeeds
// without writing. It returns [ErrConflict] otherwise, u unchanged.
func (m *MemStore) SaveUser(_ context.Context, u *User) error {
	tok := m.tokens()
	c := *u
	c.Version++
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("dialog: encode user %s:%s: %w", u.Team, u.ID, err)
	}
	k := [2]string{u.Team, u.ID}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	e, ok := m.users[k]
	if ok && !now.Before(e.expires) {
		e, ok = memSession{}, false
	}
	switch {
	case ok && e.token == tok:
		u.Version, u.Token = e.version, tok
		return nil
	case e.token != u.Token:
		return ErrConflict
	}
	m.users[k] = memSession{data: data, version: c.Version, token: tok, expires: now.Add(UserTTL)}
	m.wrote()
	u.Version, u.Token = c.Version, tok
	return nil
}
