package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// maxReply is the longest typed reply the bot reads; an answer is a number
// or a label, so anything longer is pasted text, refused politely.
const maxReply = 4000

// reading is what a typed reply turned out to be, decided by the step's
// transition against the session it sees.
type reading int

const (
	readAnswer   reading = iota // names an option of the open question
	readWord                    // back, restart or cancel
	readHelp                    // help
	readHint                    // names nothing: a hint and the question again
	readNotOwner                // reads as an answer, from someone other than the owner
	readTooLong                 // too long to read
)

// message reads a reply typed in a thread. A thread that is not a dialog
// costs one read (none when another replica's session is cached here) and
// writes nothing: the delivery is claimed only once the session is found,
// and only when the reply asks for an action.
func (b *Bot) message(ctx context.Context, lg *slog.Logger, k dialog.Key, ev *slackevents.MessageEvent) {
	lg = lg.With("team", k.Team, "channel", k.Channel, "thread_ts", k.Thread, "user", ev.User)
	text := unescapeSlack(ev.Text)
	now := b.now()
	var (
		read   reading
		word   dialog.Word
		option knowledge.OptionID
	)
	// channel+ts names the message whichever event (message, app_mention)
	// or retry carries it.
	t := turn{key: k, delivery: "msg:" + ev.Channel + ":" + ev.TimeStamp, claim: true}
	before, after, err := b.step(ctx, lg, t, func(s dialog.Session) (dialog.Session, error) {
		if s.IsTeam() {
			return s, errQuiet // a team answers in its modal: the thread is for talking
		}
		owner := ev.User == s.Owner
		if len(ev.Text) > maxReply {
			if !owner {
				return s, errQuiet
			}
			read = readTooLong
			return s, errNoWrite
		}
		reply, perr := dialog.ParseReply(b.kb, s.Current, text)
		if !owner {
			// Colleagues may talk in the thread; only what reads as an
			// answer gets the note.
			if perr != nil {
				return s, errQuiet
			}
			read = readNotOwner
			return s, errNoWrite
		}
		open := s.State == dialog.Active || s.State == dialog.Changing
		switch {
		case perr != nil && !open:
			return s, errQuiet // chatter on a finished dialog is left alone
		case perr != nil:
			read = readHint
			return s, errNoWrite
		case reply.Word == dialog.WordHelp:
			read = readHelp
			return s, errNoWrite
		case reply.Word == dialog.WordBack:
			read, word = readWord, reply.Word
			return s.Back(now)
		case reply.Word == dialog.WordRestart:
			read, word = readWord, reply.Word
			return s.Restart(now), nil
		case reply.Word == dialog.WordCancel:
			read, word = readWord, reply.Word
			return s.Cancel(now)
		case reply.Word != "":
			return s, errQuiet
		}
		read, option = readAnswer, reply.Option
		return s.Answer(s.Current, reply.Option, 0, now)
	})
	switch {
	case errors.Is(err, errQuiet), errors.Is(err, errRepeat), errors.Is(err, dialog.ErrNotFound):
		return // not a dialog, or nothing to say
	case errors.Is(err, dialog.ErrUnavailable) && before.Owner == "":
		// The store cannot say whether this thread is a dialog: most
		// threads are not, and their people must not hear about our outage.
		lg.Warn("reply not read: store unavailable", "err", err)
		return
	case errors.Is(err, errNoWrite):
		b.readOnly(ctx, lg, before, ev.User, read, text)
		return
	case err != nil:
		b.refused(ctx, lg, turn{key: k, user: ev.User}, before, err)
		return
	}
	switch read {
	case readAnswer:
		lg = lg.With("question", before.Current)
		b.advance(ctx, lg, before, after, before.QuestionMsg, before.Current, option, "")
	case readWord:
		b.moved(ctx, lg, before, after, word)
	}
}

// readOnly answers a reply that changed nothing.
func (b *Bot) readOnly(ctx context.Context, lg *slog.Logger, s dialog.Session, user string, read reading, text string) {
	k, p := s.Key, b.kb.Text(s.Lang).Phrases
	switch read {
	case readTooLong:
		b.whisper(ctx, lg, k.Channel, k.Thread, user, escapeMrkdwn(p.TooLong))
	case readNotOwner:
		b.whisper(ctx, lg, k.Channel, k.Thread, user, b.userMessage(dialog.ErrNotOwner, s.Lang, s.Owner))
	case readHelp:
		b.whisper(ctx, lg, k.Channel, k.Thread, user, escapeMrkdwn(p.Help))
		if s.State == dialog.Active || s.State == dialog.Changing {
			b.show(ctx, lg, s)
		}
	case readHint:
		b.noMatch(ctx, lg, s, text)
	}
}

// noMatch answers a reply that names no option with a hint and the same
// question again.
func (b *Bot) noMatch(ctx context.Context, lg *slog.Logger, s dialog.Session, text string) {
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

// moved shows the effect of a thread word: back, restart or cancel.
func (b *Bot) moved(ctx context.Context, lg *slog.Logger, before, after dialog.Session, w dialog.Word) {
	k, t := after.Key, b.kb.Text(after.Lang)
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
	if !isTS(before.QuestionMsg) || (before.State != dialog.Active && before.State != dialog.Changing) {
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
