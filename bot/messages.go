package bot

import (
	"errors"
	"fmt"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Refusals the bot itself decides, beside dialog's sentinels. Each has its
// sentence in [knowledge.Phrases], chosen by [Bot.userMessage].
var (
	errCardStale       = errors.New("bot: card superseded")
	errNotPosted       = errors.New("bot: message not posted")
	errCannotPostHere  = errors.New("bot: cannot post in this conversation")
	errShareOff        = errors.New("bot: no leadership channels configured")
	errShareNotAllowed = errors.New("bot: not a leadership channel")
	errShareNotMember  = errors.New("bot: user not in the channel")
	errShareArchived   = errors.New("bot: channel archived")
	errShareExternal   = errors.New("bot: channel shared with another organisation")
	errShareBotOut     = errors.New("bot: bot not in the channel")
	errShareStale      = errors.New("bot: card changed since the share window opened")
	errShareFailed     = errors.New("bot: share failed")
	errShared          = errors.New("bot: card revision already shared")
	errShareNoChannel  = errors.New("bot: user in no leadership channel")
	errBusy            = errors.New("bot: too much queued for this user")
	errTooMany         = errors.New("bot: per-user quota reached")
)

// userMessage turns err into the one sentence a user sees, in lang, as
// mrkdwn ready to post. owner is the session's owner, named when someone
// else acts on it. Anything it does not recognise reads "temporarily
// unavailable": internal details never reach Slack.
//
// It is the only place an error becomes text, so every refusal is worded
// once per language and escaped the same way.
func (b *Bot) userMessage(err error, lang knowledge.Lang, owner string) string {
	p := &b.kb.Text(lang).Phrases
	text := escapeMrkdwn
	// A team's refusals name its organiser: as a mention, or by role where
	// a mention cannot render (owner is empty, as in a modal's errors).
	tt := &p.Team
	organiser := escapeMrkdwn(tt.Organiser)
	if owner != "" {
		organiser = mention(owner)
	}
	switch {
	case errors.Is(err, errNotOrganiser):
		return fmt.Sprintf(text(tt.NotOrganiser), organiser)
	case errors.Is(err, dialog.ErrRevealed):
		return fmt.Sprintf(text(tt.AlreadyRevealed), organiser)
	case errors.Is(err, dialog.ErrNotInvited):
		return fmt.Sprintf(text(tt.NotInvited), organiser)
	case errors.Is(err, dialog.ErrTeamFull):
		return text(tt.Full)
	case errors.Is(err, dialog.ErrNoAnswers):
		return text(tt.NoAnswers)
	case errors.Is(err, dialog.ErrNotOwner) && owner != "":
		return fmt.Sprintf(text(p.NotOwner), mention(owner))
	case errors.Is(err, dialog.ErrAnswered):
		return text(p.Stale)
	case errors.Is(err, dialog.ErrFinished):
		return text(p.Finished)
	case errors.Is(err, dialog.ErrNotFound):
		return text(p.Expired)
	case errors.Is(err, dialog.ErrAtStart):
		return text(p.NothingBack)
	case errors.Is(err, errCardStale):
		return text(p.CardStale)
	case errors.Is(err, errShareOff):
		return text(p.ShareOff)
	case errors.Is(err, errShareNotAllowed):
		return text(p.ShareNotAllowed)
	case errors.Is(err, errShareNotMember):
		return text(p.ShareNotMember)
	case errors.Is(err, errShareArchived):
		return text(p.ShareArchived)
	case errors.Is(err, errShareExternal):
		return text(p.ShareExternal)
	case errors.Is(err, errShareBotOut):
		return text(p.ShareBotOut)
	case errors.Is(err, errShareStale):
		return text(p.ShareStale)
	case errors.Is(err, errShareFailed):
		return text(p.ShareFailed)
	case errors.Is(err, errShared):
		return text(p.ShareAlready)
	case errors.Is(err, errShareNoChannel):
		return text(p.ShareNoChannel)
	case errors.Is(err, errBusy):
		return text(p.Busy)
	case errors.Is(err, errTooMany):
		return text(p.TooMany)
	case errors.Is(err, errNotPosted):
		return text(p.PostFailed)
	case errors.Is(err, errCannotPostHere):
		return text(p.CannotPostHere)
	}
	switch slackCode(err) {
	case "not_in_channel":
		return fmt.Sprintf(text(p.NotInChannel), mention(b.self.UserID))
	case "channel_not_found", "is_archived", "restricted_action", "cannot_dm_bot":
		return text(p.CannotPostHere)
	}
	return text(p.Unavailable)
}
