package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// maxReply is the longest typed reply the bot reads; an answer is a number
// or a label, so anything longer is pasted text, refused politely.
const maxReply = 4000

// event handles Events API deliveries: typed replies in a dialog's thread.
func (b *Bot) event(ctx context.Context, lg *slog.Logger, req *socketmode.Request, e slackevents.EventsAPIEvent) {
	if cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent); ok {
		lg = lg.With("event_id", cb.EventID)
	}
	if req != nil && req.RetryAttempt > 0 {
		// A retry may be the only copy that reached us; the claim below,
		// not the retry flag, decides whether it was handled already.
		lg.Debug("redelivery", "retry_attempt", req.RetryAttempt, "retry_reason", req.RetryReason)
	}
	switch ev := e.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		b.message(ctx, lg, e.TeamID, ev)
	default:
		lg.Debug("event ignored", "type", e.InnerEvent.Type)
	}
}

// message reads a reply typed in a thread.
func (b *Bot) message(ctx context.Context, lg *slog.Logger, team string, ev *slackevents.MessageEvent) {
	// Slack echoes the bot's own posts without a subtype: filter by identity.
	if ev.BotID != "" || ev.User == "" || ev.User == b.self.UserID || ev.SubType != "" {
		return
	}
	if ev.ThreadTimeStamp == "" || ev.ThreadTimeStamp == ev.TimeStamp {
		return // not a reply in a thread
	}
	k := dialog.Key{Team: team, Channel: ev.Channel, Thread: ev.ThreadTimeStamp}
	lg = lg.With("team", team, "channel", ev.Channel, "thread_ts", ev.ThreadTimeStamp, "user", ev.User)
	// channel+ts names the message whichever event (message, app_mention)
	// or retry carries it.
	fresh, err := b.claim(ctx, lg, "msg:"+ev.Channel+":"+ev.TimeStamp)
	if err != nil {
		b.whisper(ctx, lg, k.Channel, k.Thread, ev.User, b.userMessage(err, b.opts.DefaultLang, ""))
		return
	}
	if !fresh {
		return
	}
	defer b.locks.lock(k)()
	s, cached, err := b.load(ctx, k)
	if errors.Is(err, dialog.ErrNotFound) {
		return // a thread that is not a dialog, or one long expired
	}
	if err != nil {
		b.storeFailed("get", err)
		lg.Warn("reply not read", "err", err)
		b.whisper(ctx, lg, k.Channel, k.Thread, ev.User, b.userMessage(err, b.opts.DefaultLang, ""))
		return
	}
	if s.IsTeam() {
		return // a team answers in its modal: the thread is for talking
	}
	if len(ev.Text) > maxReply {
		if ev.User == s.Owner {
			b.whisper(ctx, lg, k.Channel, k.Thread, ev.User, escapeMrkdwn(b.kb.Text(s.Lang).Phrases.TooLong))
		}
		return
	}
	text := unescapeSlack(ev.Text)
	reply, perr := dialog.ParseReply(b.kb, s.Current, text)
	if ev.User != s.Owner {
		// Colleagues may talk in the thread; only what reads as an answer
		// gets the note.
		if perr == nil {
			b.whisper(ctx, lg, k.Channel, k.Thread, ev.User, b.userMessage(dialog.ErrNotOwner, s.Lang, s.Owner))
		}
		return
	}
	if perr == nil && reply.Word == "" {
		b.typedAnswer(ctx, lg, k, ev, text)
		return
	}
	if cached {
		// Hints and thread words act on what the thread shows: read it
		// from Redis, not from a copy another replica may have outdated.
		if s, _, err = b.reload(ctx, k); err != nil {
			b.whisper(ctx, lg, k.Channel, k.Thread, ev.User, b.userMessage(err, s.Lang, ""))
			return
		}
		reply, perr = dialog.ParseReply(b.kb, s.Current, text)
	}
	switch {
	case perr != nil:
		b.noMatch(ctx, lg, s, text)
	case reply.Word != "":
		b.word(ctx, lg, s, reply.Word)
	default:
		b.typedAnswer(ctx, lg, k, ev, text)
	}
}

// typedAnswer records the option a typed reply names. The reply is read
// against the session the transaction sees, so it always answers the
// question open at that moment, even if the first copy read was stale.
func (b *Bot) typedAnswer(ctx context.Context, lg *slog.Logger, k dialog.Key, ev *slackevents.MessageEvent, text string) {
	now := b.now()
	var option knowledge.OptionID
	before, after, err := b.transact(ctx, k, ev.User, func(s dialog.Session) (dialog.Session, error) {
		r, err := dialog.ParseReply(b.kb, s.Current, text)
		if err != nil || r.Word != "" {
			return s, dialog.ErrAnswered // the question it answered has moved on
		}
		option = r.Option
		next, err := s.Answer(s.Current, r.Option, 0, now)
		next.Delivery = "msg:" + ev.Channel + ":" + ev.TimeStamp
		return next, err
	})
	if err != nil {
		b.refuse(ctx, lg, k, ev.User, before, err)
		return
	}
	lg = lg.With("question", before.Current)
	b.advance(ctx, lg, before, after, before.QuestionMsg, before.Current, option)
}

// noMatch answers a reply that names no option with a hint and the same
// question again. On a finished dialog, chatter is left alone.
func (b *Bot) noMatch(ctx context.Context, lg *slog.Logger, s dialog.Session, text string) {
	if s.State != dialog.Active && s.State != dialog.Changing {
		return
	}
	t := b.kb.Text(s.Lang)
	hintText, hint := noMatchMessage(t, s.Current, text)
	qText, question := questionMessage(t, s)
	ts, err := b.post(ctx, s.Key.Channel, s.Key.Thread, hintText+"\n"+qText, append(hint, question...))
	if err != nil {
		lg.Error("hint not posted", "err", err)
		return
	}
	b.remember(ctx, lg, s.Key, s.Asked, func(s *dialog.Session) { s.QuestionMsg = ts })
}

// word applies a thread word: back, restart, cancel or help.
func (b *Bot) word(ctx context.Context, lg *slog.Logger, s dialog.Session, w dialog.Word) {
	k, user, t := s.Key, s.Owner, b.kb.Text(s.Lang)
	now := b.now()
	var op func(dialog.Session) (dialog.Session, error)
	switch w {
	case dialog.WordHelp:
		b.whisper(ctx, lg, k.Channel, k.Thread, user, escapeMrkdwn(t.Phrases.Help))
		if s.State == dialog.Active || s.State == dialog.Changing {
			b.ask(ctx, lg, s)
		}
		return
	case dialog.WordBack:
		op = func(s dialog.Session) (dialog.Session, error) { return s.Back(now) }
	case dialog.WordRestart:
		op = func(s dialog.Session) (dialog.Session, error) { return s.Restart(now), nil }
	case dialog.WordCancel:
		op = func(s dialog.Session) (dialog.Session, error) { return s.Cancel(now) }
	default:
		return
	}
	before, after, err := b.transact(ctx, k, user, op)
	if err != nil {
		b.refuse(ctx, lg, k, user, before, err)
		return
	}
	lg.Info("thread word", "word", string(w), "state", string(after.State))
	b.retire(ctx, lg, before)
	switch w {
	case dialog.WordRestart:
		b.say(ctx, lg, k.Channel, k.Thread, t.Phrases.Restarted)
	case dialog.WordCancel:
		b.metrics.sessions.WithLabelValues("cancelled").Inc()
		b.say(ctx, lg, k.Channel, k.Thread, t.Phrases.Cancelled)
		return
	}
	if after.State == dialog.Active || after.State == dialog.Changing {
		b.ask(ctx, lg, after)
	}
}

// retire takes the buttons off the question that was open before a thread
// word moved the dialog, so nobody clicks a question no longer asked.
func (b *Bot) retire(ctx context.Context, lg *slog.Logger, before dialog.Session) {
	if before.QuestionMsg == "" || (before.State != dialog.Active && before.State != dialog.Changing) {
		return
	}
	t := b.kb.Text(before.Lang)
	q := before.Current
	qt := t.Questions[q]
	text := fmt.Sprintf(t.Phrases.Progress, before.Position(), len(t.Questions)) + " · " + qt.Prompt
	blocks := []slack.Block{slack.NewContextBlock("", slack.NewTextBlockObject(slack.PlainTextType, text, false, false))}
	if err := b.update(ctx, before.Key.Channel, before.QuestionMsg, text, blocks); err != nil {
		lg.Warn("old question not retired", "err", err)
	}
}

// unescapeSlack undoes the three entities Slack puts in message text, so
// a typed label reads as typed.
func unescapeSlack(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}
