package bot

import (
	"context"
	"errors"
	"log/slog"
	"slices"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// currentCard checks that a click came from the session's latest card.
func currentCard(s dialog.Session, block string) error {
	rev, ok := blockSeq(block, blockCardPrefix)
	if !ok || rev != s.CardRev || (s.State != dialog.Done && s.State != dialog.Changing) {
		return errCardStale
	}
	return nil
}

// openCaseStudy shows the case study a card links to, to anyone: reading
// changes nothing.
func (b *Bot) openCaseStudy(ctx context.Context, lg *slog.Logger, c click) {
	id := knowledge.CaseID(c.value)
	if !slices.Contains(knowledge.Cases, id) {
		lg.Warn("action dropped: unknown case study", "value", truncateRunes(c.value, 20))
		return
	}
	lang, ok := blockLang(c.block)
	if !ok {
		lang = b.opts.DefaultLang
		if s, err := b.peek(ctx, c.key); err == nil && !c.inView { // a card from before block_ids said it
			lang = s.Lang
		}
	}
	err := b.openModal(ctx, c, caseStudyModal(b.kb.Text(lang), id, b.opts.CaseURL))
	if err != nil {
		lg.Warn("case study not opened", "err", err)
	}
}

// openComparison shows the article's comparison, decision factors and
// conclusion, to anyone, in the language of the card clicked.
func (b *Bot) openComparison(ctx context.Context, lg *slog.Logger, c click) {
	lang, ok := knowledge.ParseLang(c.value)
	if !ok {
		lang = b.opts.DefaultLang
	}
	if err := b.openModal(ctx, c, comparisonModal(b.kb.Text(lang))); err != nil {
		lg.Warn("comparison not opened", "err", err)
	}
}

// restartClick starts the questions over from the card's restart button.
func (b *Bot) restartClick(ctx context.Context, lg *slog.Logger, c click) {
	now := b.now()
	t := turn{key: c.key, user: c.user, delivery: c.id, claim: true}
	before, after, err := b.step(ctx, lg, t, func(s dialog.Session) (dialog.Session, error) {
		if err := currentCard(s, c.block); err != nil {
			return s, err
		}
		if s.IsTeam() {
			return s, errCardStale // a team card has no restart: the organiser reopens
		}
		return s.Restart(now), nil
	})
	if err != nil {
		b.refused(ctx, lg, t, before, err)
		return
	}
	b.retire(ctx, lg, before)
	b.say(ctx, lg, c.key.Channel, c.key.Thread, b.kb.Text(after.Lang).Phrases.Restarted)
	b.ask(ctx, lg, after)
}

// changeAnswer asks one question of a finished dialog again; the card is
// updated in place once it is answered.
func (b *Bot) changeAnswer(ctx context.Context, lg *slog.Logger, c click) {
	q := knowledge.QuestionID(c.picked)
	now := b.now()
	t := turn{key: c.key, user: c.user, delivery: c.id, claim: true}
	before, after, err := b.step(ctx, lg, t, func(s dialog.Session) (dialog.Session, error) {
		if err := currentCard(s, c.block); err != nil {
			return s, err
		}
		if !isTS(s.CardMsg) {
			// Posted through a response_url and its echo not seen yet: the
			// select is on the card, so the click says where it is.
			s.CardMsg = c.msgTS
		}
		return s.Change(q, now)
	})
	if err != nil {
		if errors.Is(err, dialog.ErrInvalid) {
			lg.Warn("action dropped: unknown question", "value", truncateRunes(c.picked, 20))
			return
		}
		b.refused(ctx, lg, t, before, err)
		return
	}
	b.retire(ctx, lg, before)
	b.ask(ctx, lg, after)
}

// openModal opens view for a click: views.open from a message, views.push
// from inside a modal (the card previewed in the share modal), where
// views.open works only "by chance" (slackapi/bolt-js#1827).
func (b *Bot) openModal(ctx context.Context, c click, view slack.ModalViewRequest) error {
	if c.inView {
		return b.call(ctx, "views.push", func(ctx context.Context) error {
			_, err := b.api.PushViewContext(ctx, c.trig, view)
			return err
		})
	}
	return b.call(ctx, "views.open", func(ctx context.Context) error {
		_, err := b.api.OpenViewContext(ctx, c.trig, view)
		return err
	})
}
