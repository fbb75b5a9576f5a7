package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// command handles /cto-advice [start|en|fr|help].
func (b *Bot) command(ctx context.Context, lg *slog.Logger, cmd slack.SlashCommand) {
	lg = lg.With("team", cmd.TeamID, "channel", cmd.ChannelID, "user", cmd.UserID)
	if cmd.TriggerID == "" || !isSlackID(cmd.UserID) || cmd.ChannelID == "" {
		// Slack always sends these; without a trigger_id the delivery cannot
		// be told apart from its repeats, so it is not safe to act on.
		lg.Warn("envelope dropped: slash command without trigger_id, user or channel")
		return
	}
	// trigger_id is unique per invocation and survives a redelivery.
	fresh, err := b.claim(ctx, lg, "cmd:"+cmd.TriggerID)
	if err != nil {
		b.respond(ctx, lg, cmd.ResponseURL, b.userMessage(err, b.opts.DefaultLang, ""))
		return
	}
	if !fresh {
		return
	}
	if invited, lang, ok, err := parseTeamCommand(cmd.Text); ok {
		if err != nil {
			lg.Info("team command refused", "err", err)
			b.respond(ctx, lg, cmd.ResponseURL, escapeMrkdwn(b.kb.Text(b.lang(ctx, lg, cmd.UserID, lang)).Phrases.Help))
			return
		}
		b.teamCommand(ctx, lg, cmd, invited, lang)
		return
	}
	arg := strings.ToLower(strings.TrimSpace(cmd.Text))
	var explicit knowledge.Lang
	switch arg {
	case "", "start", "démarrer", "demarrer", "commencer":
	case "help", "aide", "?":
		b.respond(ctx, lg, cmd.ResponseURL, escapeMrkdwn(b.kb.Text(b.lang(ctx, lg, cmd.UserID, "")).Phrases.Help))
		return
	default:
		l, ok := knowledge.ParseLang(arg)
		if !ok {
			p := b.kb.Text(b.lang(ctx, lg, cmd.UserID, "")).Phrases
			b.respond(ctx, lg, cmd.ResponseURL, sentence(fmt.Sprintf(escapeMrkdwn(p.UnknownArg), escapeMrkdwn(truncateRunes(arg, 40))), escapeMrkdwn(p.Help)))
			return
		}
		explicit = l
	}
	lang := b.lang(ctx, lg, cmd.UserID, explicit)
	b.start(ctx, lg, cmd, lang)
}

// start opens the thread and asks the first question.
func (b *Bot) start(ctx context.Context, lg *slog.Logger, cmd slack.SlashCommand, lang knowledge.Lang) {
	t := b.kb.Text(lang)
	fallback, blocks := rootMessage(t, cmd.UserID)
	root, err := b.post(ctx, cmd.ChannelID, "", fallback, blocks)
	if err != nil {
		lg.Warn("cannot open the thread", "err", err)
		if strings.HasPrefix(cmd.ChannelID, "D") && slackCode(err) != "not_in_channel" {
			// A direct message between people, which no bot can join.
			err = fmt.Errorf("%w: %w", errCannotPostHere, err)
		}
		b.respond(ctx, lg, cmd.ResponseURL, b.userMessage(err, lang, ""))
		return
	}
	k := dialog.Key{Team: cmd.TeamID, Channel: cmd.ChannelID, Thread: root}
	lg = lg.With("thread_ts", root)
	defer b.locks.lock(k)() // until the first question's reference is stored
	s := dialog.Start(k, cmd.UserID, lang, b.now())
	if err := b.store.Create(ctx, &s); err != nil {
		b.storeFailed("create", err)
		lg.Error("session not created", "err", err)
		b.say(ctx, lg, k.Channel, root, b.userMessage(err, lang, ""))
		return
	}
	b.cache.put(s)
	b.metrics.sessions.WithLabelValues("started").Inc()
	lg.Info("session started", "lang", lang)
	b.ask(ctx, lg, s)
}

// ask posts s's current question in the thread and remembers where.
func (b *Bot) ask(ctx context.Context, lg *slog.Logger, s dialog.Session) {
	fallback, blocks := questionMessage(b.kb.Text(s.Lang), s)
	ts, err := b.post(ctx, s.Key.Channel, s.Key.Thread, fallback, blocks)
	if err != nil {
		// Not retried: a 5xx or a timeout may have posted it after all.
		// The owner would otherwise wait for a question that never comes.
		lg.Error("question not posted", "question", s.Current, "err", err)
		b.whisper(ctx, lg, s.Key.Channel, s.Key.Thread, s.Owner, b.userMessage(fmt.Errorf("%w: %w", errNotPosted, err), s.Lang, ""))
		return
	}
	b.remember(ctx, lg, s.Key, s.Asked, func(s *dialog.Session) { s.QuestionMsg = ts })
}

// say posts a plain note in the thread, visible to everyone in it.
func (b *Bot) say(ctx context.Context, lg *slog.Logger, channel, thread, text string) {
	if _, err := b.post(ctx, channel, thread, text, []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.PlainTextType, text, false, false), nil, nil),
	}); err != nil {
		lg.Error("note not posted", "err", err)
	}
}
