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
		b.respond(ctx, lg, cmd.ResponseURL, userMessage(err, b.opts.DefaultLang))
		return
	}
	if !fresh {
		return
	}
	arg := strings.ToLower(strings.TrimSpace(cmd.Text))
	var explicit knowledge.Lang
	switch arg {
	case "", "start", "démarrer", "demarrer", "commencer":
	case "help", "aide", "?":
		b.respond(ctx, lg, cmd.ResponseURL, note(b.lang(ctx, lg, cmd.UserID, "")).Help)
		return
	default:
		l, ok := knowledge.ParseLang(arg)
		if !ok {
			n := note(b.lang(ctx, lg, cmd.UserID, ""))
			b.respond(ctx, lg, cmd.ResponseURL, sentence(fmt.Sprintf(n.UnknownArg, escapeMrkdwn(truncateRunes(arg, 40))), n.Help))
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
		b.respond(ctx, lg, cmd.ResponseURL, b.cannotPost(lang, cmd.ChannelID, err))
		return
	}
	k := dialog.Key{Team: cmd.TeamID, Channel: cmd.ChannelID, Thread: root}
	lg = lg.With("thread_ts", root)
	defer b.locks.lock(k)() // until the first question's reference is stored
	s := dialog.Start(k, cmd.UserID, lang, b.now())
	if err := b.store.Create(ctx, &s); err != nil {
		b.storeFailed("create", err)
		lg.Error("session not created", "err", err)
		b.say(ctx, lg, k.Channel, root, userMessage(err, lang))
		return
	}
	b.cache.put(s)
	b.metrics.sessions.WithLabelValues("started").Inc()
	lg.Info("session started", "lang", lang)
	b.ask(ctx, lg, s)
}

// cannotPost explains why the bot could not open a thread, and how to fix it.
func (b *Bot) cannotPost(lang knowledge.Lang, channel string, err error) string {
	n := note(lang)
	switch slackCode(err) {
	case "not_in_channel":
		return fmt.Sprintf(n.NotInChannel, mention(b.self.UserID))
	case "channel_not_found", "is_archived", "restricted_action", "cannot_dm_bot":
		return n.CannotPostHere
	}
	if strings.HasPrefix(channel, "D") {
		return n.CannotPostHere
	}
	return n.Unavailable
}

// ask posts s's current question in the thread and remembers where.
func (b *Bot) ask(ctx context.Context, lg *slog.Logger, s dialog.Session) {
	fallback, blocks := questionMessage(b.kb.Text(s.Lang), s)
	ts, err := b.post(ctx, s.Key.Channel, s.Key.Thread, fallback, blocks)
	if err != nil {
		// Not retried: a 5xx or a timeout may have posted it after all.
		// The owner would otherwise wait for a question that never comes.
		lg.Error("question not posted", "question", s.Current, "err", err)
		b.whisper(ctx, lg, s.Key.Channel, s.Key.Thread, s.Owner, note(s.Lang).PostFailed)
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
