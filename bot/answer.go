package bot

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

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
	// respURL is the click's response_url: what follows the click is shown
	// through it (respond.go).
	respURL string
	// inView is set for a click inside a modal (the card previewed in the
	// share modal): no channel or thread, and a modal opens with views.push.
	inView bool
}

// blockSeq reads the counter a block_id carries after prefix.
func blockSeq(blockID, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(blockID, prefix)
	if !ok {
		return 0, false
	}
	rest, _, _ = strings.Cut(rest, ":") // a card's block_id goes on with its language
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0
}

// blockLang is the language a card's block_id carries after its revision
// ("card:3:fr"), so that its case study opens in the card's language
// wherever the card is: in its thread, shared to a leadership channel, or
// previewed in the share modal, none of which need the session to say it.
// Cards posted before it was added carry none.
func blockLang(blockID string) (knowledge.Lang, bool) {
	rest, ok := strings.CutPrefix(blockID, blockCardPrefix)
	if !ok {
		return "", false
	}
	_, lang, ok := strings.Cut(rest, ":")
	if !ok {
		return "", false
	}
	return knowledge.ParseLang(lang)
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
	now := b.now()
	t := turn{key: c.key, user: c.user, delivery: c.id}
	if c.respURL != "" {
		t.asking = postedSomewhere
	}
	before, after, err := b.step(ctx, lg, t, func(s dialog.Session) (dialog.Session, error) {
		return s.Answer(q, o, asked, now)
	})
	if err != nil {
		b.refused(ctx, lg, t, before, err)
		return
	}
	b.advance(ctx, lg, before, after, c.msgTS, q, o, c.respURL)
}

// refused answers a step that changed nothing: a repeat gets silence, and
// anything else a private note. A click or reply on an answered question
// also brings the open question back when no message shows it: a replica
// died between saving the answer and posting what follows, or a save whose
// reply was lost told the user to try again although it had landed.
func (b *Bot) refused(ctx context.Context, lg *slog.Logger, t turn, before dialog.Session, err error) {
	if errors.Is(err, errRepeat) {
		return
	}
	b.refuse(ctx, lg, t.key, t.user, before, err)
	if errors.Is(err, dialog.ErrAnswered) && unposted(before) {
		b.ask(ctx, lg, before)
	}
}

// unposted reports whether s has an open question that no message shows.
// No clock is read: whether the replica that saved it is still posting is
// settled by ask's claim, on the store's one clock.
func unposted(s dialog.Session) bool {
	return (s.State == dialog.Active || s.State == dialog.Changing) && s.QuestionMsg == ""
}

// refuse tells a user, privately, why their action changed nothing.
func (b *Bot) refuse(ctx context.Context, lg *slog.Logger, k dialog.Key, user string, s dialog.Session, err error) {
	switch {
	case errors.Is(err, dialog.ErrNotFound):
		b.metrics.sessions.WithLabelValues("expired").Inc()
	case errors.Is(err, dialog.ErrAnswered), errors.Is(err, dialog.ErrFinished), errors.Is(err, dialog.ErrAtStart),
		errors.Is(err, dialog.ErrNotOwner), errors.Is(err, errCardStale), errors.Is(err, errShared):
	default:
		lg.Warn("action failed", "err", err)
	}
	b.whisper(ctx, lg, k.Channel, k.Thread, user, b.userMessage(err, b.langOf(s), s.Owner))
}

// advance shows the effect of an answer: the question it answered loses
// its buttons, then the next question, the card, or the card updated in
// place follows. A click's all of it goes through the click's
// response_url (via), which no Web API budget is charged for; a typed
// answer, which has none, through the Web API.
func (b *Bot) advance(ctx context.Context, lg *slog.Logger, before, after dialog.Session, answeredTS string, q knowledge.QuestionID, o knowledge.OptionID, via string) {
	t := b.kb.Text(after.Lang)
	fallback, blocks := answeredMessage(t, q, o, knowledge.QuestionIndex(q)+1)
	switch {
	case via != "" && b.replaceVia(ctx, lg, via, fallback, blocks):
	case isTS(answeredTS):
		if err := b.update(ctx, after.Key.Channel, answeredTS, fallback, blocks); err != nil {
			lg.Warn("answered question not updated", "err", err)
		}
	}
	switch after.State {
	case dialog.Active, dialog.Changing:
		b.askVia(ctx, lg, after, via)
	case dialog.Done:
		b.showCard(ctx, lg, before, after, via)
	}
}

// showCard posts the recommendation, or updates the card in place when an
// answer of a finished session was changed.
func (b *Bot) showCard(ctx context.Context, lg *slog.Logger, before, after dialog.Session, via string) {
	adv := dialog.Advise(b.kb, after.Answers)
	lg = lg.With("outcome", adv.Outcome)
	fallback, blocks := cardMessage(b.kb.Text(after.Lang), after, adv, cardOptions{CaseURL: b.opts.CaseURL, Interactive: true})
	if before.State == dialog.Changing && isTS(after.CardMsg) {
		if err := b.update(ctx, after.Key.Channel, after.CardMsg, fallback, blocks); err == nil {
			lg.Info("card updated")
			b.recordCard(ctx, lg, []string{after.Owner}, after, adv.Outcome)
			return
		}
		lg.Warn("card not updated in place; posting it again")
	}
	if before.State == dialog.Active {
		// Counted at the transition: the session is complete even if Slack
		// then refuses the card.
		b.metrics.sessions.WithLabelValues("completed").Inc()
		b.metrics.outcomes.WithLabelValues(string(adv.Outcome)).Inc()
		lg.Info("session completed")
	}
	if via != "" && b.postVia(ctx, lg, via, after.Key.Thread, fallback, blocks) {
		rev := after.CardRev
		b.learn(ctx, lg, after.Key, func(s *dialog.Session) bool {
			if s.CardRev != rev {
				return false
			}
			s.CardMsg = postedSomewhere
			return true
		})
		b.recordCard(ctx, lg, []string{after.Owner}, after, adv.Outcome)
		return
	}
	ts, err := b.post(ctx, after.Key.Channel, after.Key.Thread, fallback, blocks)
	if err != nil {
		lg.Error("card not posted", "err", err)
		return
	}
	b.remember(ctx, lg, after.Key, after.Asked, func(s *dialog.Session) { s.CardMsg = ts })
	b.recordCard(ctx, lg, []string{after.Owner}, after, adv.Outcome)
}
