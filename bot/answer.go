package bot

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// blockActions routes a click on one of the bot's buttons or selects.
func (b *Bot) blockActions(ctx context.Context, lg *slog.Logger, ic slack.InteractionCallback) {
	if len(ic.ActionCallback.BlockActions) == 0 {
		return
	}
	a := ic.ActionCallback.BlockActions[0]
	lg = lg.With("team", ic.Team.ID, "channel", ic.Container.ChannelID, "user", ic.User.ID)
	if a.ActionID == actionReadArticle {
		return // a link button: the browser opens it, Slack only informs us
	}
	c := click{
		key:    dialog.Key{Team: ic.Team.ID, Channel: ic.Container.ChannelID, Thread: threadOf(ic.Container.MessageTs, ic.Container.ThreadTs)},
		user:   ic.User.ID,
		msgTS:  ic.Container.MessageTs,
		block:  a.BlockID,
		value:  a.Value,
		picked: a.SelectedOption.Value,
		trig:   ic.TriggerID,
	}
	lg = lg.With("thread_ts", c.key.Thread)
	// Slack gives no delivery ID for clicks; this tuple names one click.
	c.id = "act:" + ic.User.ID + ":" + ic.Container.MessageTs + ":" + a.ActionID + ":" + a.ActionTs
	if strings.HasPrefix(a.ActionID, actionAnswerPrefix) {
		b.answerClick(ctx, lg, c) // the hot path claims only on refusal
		return
	}
	fresh, err := b.claim(ctx, lg, c.id)
	if err != nil {
		b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(err, b.opts.DefaultLang, ""))
		return
	}
	if !fresh {
		return
	}
	switch {
	case a.ActionID == actionOpenCase:
		b.openCaseStudy(ctx, lg, c)
	case a.ActionID == actionShare:
		b.openShare(ctx, lg, c)
	case a.ActionID == actionRestart:
		b.restartClick(ctx, lg, c)
	case a.ActionID == actionChangeAnswer:
		b.changeAnswer(ctx, lg, c)
	case a.ActionID == actionTeamJoin:
		b.teamJoin(ctx, lg, c)
	case a.ActionID == actionTeamReveal:
		b.teamReveal(ctx, lg, c)
	case a.ActionID == actionTeamReopen:
		b.teamReopen(ctx, lg, c)
	default:
		lg.Debug("action ignored", "action_id", a.ActionID)
	}
}

// click is what every button handler needs from a block action.
type click struct {
	id     string // names this click, for deduplication
	key    dialog.Key
	user   string
	msgTS  string // the message holding the button
	block  string // its block_id: carries Asked or CardRev
	value  string
	picked string // a select's chosen value
	trig   string // trigger_id, to open a modal
}

// blockSeq reads the counter a block_id carries after prefix.
func blockSeq(blockID, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(blockID, prefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0
}

// parseAnswerValue reads a button value "<question_id>:<option_id>".
func parseAnswerValue(v string) (knowledge.QuestionID, knowledge.OptionID, bool) {
	q, o, ok := strings.Cut(v, ":")
	if !ok {
		return "", "", false
	}
	question, found := knowledge.Lookup(knowledge.QuestionID(q))
	if !found || !question.Has(knowledge.OptionID(o)) {
		return "", "", false
	}
	return question.ID, knowledge.OptionID(o), true
}

// answerClick records the option a button names.
func (b *Bot) answerClick(ctx context.Context, lg *slog.Logger, c click) {
	q, o, ok := parseAnswerValue(c.value)
	asked, okSeq := blockSeq(c.block, blockAskPrefix)
	if !ok || !okSeq {
		lg.Warn("action dropped: malformed answer button", "block_id", truncateRunes(c.block, 40))
		return
	}
	lg = lg.With("question", q)
	defer b.locks.lock(c.key)()
	now := b.now()
	before, after, err := b.transact(ctx, c.key, c.user, func(s dialog.Session) (dialog.Session, error) {
		next, err := s.Answer(q, o, asked, now)
		next.Delivery = c.id
		return next, err
	})
	if err != nil {
		if !b.repeated(ctx, lg, before, c.id, err) {
			b.refuse(ctx, lg, c.key, c.user, before, err)
			if errors.Is(err, dialog.ErrAnswered) && b.unposted(before) {
				b.ask(ctx, lg, before)
			}
		}
		return
	}
	b.advance(ctx, lg, before, after, c.msgTS, q, o)
}

// repostAfter is how long an open question may stay without a message
// before the bot concludes it was never posted (a replica died between
// saving the answer and posting what follows) rather than being posted.
const repostAfter = 5 * time.Second

// unposted reports whether s has an open question that no message shows.
func (b *Bot) unposted(s dialog.Session) bool {
	return (s.State == dialog.Active || s.State == dialog.Changing) &&
		s.QuestionMsg == "" && b.now().Sub(s.Updated) > repostAfter
}

// refuse tells a user, privately, why their action changed nothing.
func (b *Bot) refuse(ctx context.Context, lg *slog.Logger, k dialog.Key, user string, s dialog.Session, err error) {
	switch {
	case errors.Is(err, dialog.ErrNotFound):
		b.metrics.sessions.WithLabelValues("expired").Inc()
	case errors.Is(err, dialog.ErrAnswered), errors.Is(err, dialog.ErrFinished), errors.Is(err, dialog.ErrAtStart),
		errors.Is(err, dialog.ErrNotOwner), errors.Is(err, errCardStale):
	default:
		lg.Warn("action failed", "err", err)
	}
	b.whisper(ctx, lg, k.Channel, k.Thread, user, b.userMessage(err, b.langOf(s), s.Owner))
}

// advance shows the effect of an answer: the question it answered loses
// its buttons, then the next question, the card, or the card updated in
// place follows.
func (b *Bot) advance(ctx context.Context, lg *slog.Logger, before, after dialog.Session, answeredTS string, q knowledge.QuestionID, o knowledge.OptionID) {
	t := b.kb.Text(after.Lang)
	if answeredTS != "" {
		fallback, blocks := answeredMessage(t, q, o, knowledge.QuestionIndex(q)+1)
		if err := b.update(ctx, after.Key.Channel, answeredTS, fallback, blocks); err != nil {
			lg.Warn("answered question not updated", "err", err)
		}
	}
	switch after.State {
	case dialog.Active, dialog.Changing:
		b.ask(ctx, lg, after)
	case dialog.Done:
		b.showCard(ctx, lg, before, after)
	}
}

// showCard posts the recommendation, or updates the card in place when an
// answer of a finished session was changed.
func (b *Bot) showCard(ctx context.Context, lg *slog.Logger, before, after dialog.Session) {
	rec := dialog.Score(b.kb, after.Answers)
	lg = lg.With("outcome", rec.Outcome)
	fallback, blocks := cardMessage(b.kb.Text(after.Lang), after, rec, cardOptions{CaseURL: b.opts.CaseURL, Interactive: true})
	if before.State == dialog.Changing && after.CardMsg != "" {
		if err := b.update(ctx, after.Key.Channel, after.CardMsg, fallback, blocks); err == nil {
			lg.Info("card updated")
			return
		}
		lg.Warn("card not updated in place; posting it again")
	}
	if before.State == dialog.Active {
		// Counted at the transition: the session is complete even if Slack
		// then refuses the card.
		b.metrics.sessions.WithLabelValues("completed").Inc()
		b.metrics.outcomes.WithLabelValues(string(rec.Outcome)).Inc()
		lg.Info("session completed")
	}
	ts, err := b.post(ctx, after.Key.Channel, after.Key.Thread, fallback, blocks)
	if err != nil {
		lg.Error("card not posted", "err", err)
		return
	}
	b.remember(ctx, lg, after.Key, after.Asked, func(s *dialog.Session) { s.CardMsg = ts })
}
