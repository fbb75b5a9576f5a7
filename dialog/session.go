// Package dialog is the advisor's state machine: sessions, the transitions
// a user can make (answer, back, restart, cancel, change an answer), the
// parser for typed replies, the scoring that turns answers into a
// recommendation, and the session [Store] contract.
//
// Transitions are pure functions of a [Session]; the store is the only
// place with I/O. dialog imports the standard library and knowledge only:
// no Slack, no Redis (see deps_test.go).
package dialog

import (
	"time"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Key identifies a session: one dialog per Slack thread (or terminal).
type Key struct {
	Team    string `json:"team"`
	Channel string `json:"channel"`
	Thread  string `json:"thread"`
}

// String is the key as stores write it: team:channel:thread.
func (k Key) String() string { return k.Team + ":" + k.Channel + ":" + k.Thread }

// State is where a session stands.
type State string

const (
	Active    State = "active"    // asking the questions in order
	Done      State = "done"      // the card is shown
	Changing  State = "changing"  // the card is shown and one answer is being asked again
	Cancelled State = "cancelled" // the owner stopped
	Expired   State = "expired"   // reported for a session the store no longer has
)

// Session is one dialog. It is a value: transitions return a new Session.
type Session struct {
	Key     Key                                         `json:"key"`
	Owner   string                                      `json:"owner"`
	Lang    knowledge.Lang                              `json:"lang"`
	State   State                                       `json:"state"`
	Current knowledge.QuestionID                        `json:"current,omitempty"`
	Answers map[knowledge.QuestionID]knowledge.OptionID `json:"answers,omitempty"`
	// Asked counts the questions put so far. A button carries the count it
	// was posted with, so a click on an old question is recognised as stale
	// even when the same question is being asked again.
	Asked int `json:"asked"`
	// CardRev counts the recommendations computed; card buttons carry it so
	// a click on a card since recomputed is stale.
	CardRev int `json:"card_rev,omitempty"`
	// Shared is the last CardRev posted to a leadership channel: each
	// revision is shared once, for as long as the session lives.
	Shared int `json:"shared,omitempty"`
	// Version counts the session's writes: 1 at Create, one more per Save.
	Version int64 `json:"version"`
	// Token names the stored write this copy was read from or made by; the
	// store sets it and Save compares it (see [Store]). It is not part of
	// the session's data: the store keeps it beside the JSON.
	Token string `json:"-"`
	// QuestionMsg and CardMsg are the adapter's references to what it posted
	// (Slack message timestamps), so it can edit them later.
	QuestionMsg string `json:"question_msg,omitempty"`
	CardMsg     string `json:"card_msg,omitempty"`
	// Delivery names the adapter's delivery (a click, a message) that made
	// this version, so a repeat of it is recognised without another lookup.
	Delivery string `json:"delivery,omitempty"`
	// Team is set on a team session (see [StartTeam]) and nil on a dialog.
	Team    *Team     `json:"team,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}
