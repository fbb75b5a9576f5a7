package dialog

import "errors"

// Sentinel errors. Adapters translate their own failures into these at the
// boundary, so nothing above the store sees a driver's error type.
var (
	ErrNotFound    = errors.New("dialog: session not found")
	ErrConflict    = errors.New("dialog: session changed concurrently")
	ErrUnavailable = errors.New("dialog: store unavailable")
	ErrNotOwner    = errors.New("dialog: not the session's owner")
	ErrAnswered    = errors.New("dialog: question already answered")
	ErrFinished    = errors.New("dialog: session is over")
	ErrNoMatch     = errors.New("dialog: reply matches no option")
	ErrInvalid     = errors.New("dialog: unknown question or option")
	ErrAtStart     = errors.New("dialog: already at the first question")
	ErrRevealed    = errors.New("dialog: the team has revealed its answers")
	ErrNotInvited  = errors.New("dialog: not invited to this team")
	ErrTeamFull    = errors.New("dialog: the team is full")
	ErrNoAnswers   = errors.New("dialog: nobody in the team has answered")
)
