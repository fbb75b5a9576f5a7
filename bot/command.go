package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// command handles /cto-advice [start|en|fr|help].
func (b *Bot) command(ctx context.Context, lg *slog.Logger, cmd slack.SlashCommand) {
	lg = lg.With("team", b.self.Install, "channel", cmd.ChannelID, "user", cmd.UserID)
	// trigger_id is unique per invocation and survives a redelivery (the
	// route checked it is there). It also opens modals as the app for a
	// few seconds, so the claim, which Redis keys and log lines show,
	// carries its digest, never the ID.
	fresh, err := b.claim(ctx, lg, "cmd:"+digest(cmd.TriggerID))
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
	if ok, err := b.withinQuota(ctx, lg, cmd.UserID); err != nil || !ok {
		if err == nil {
			err = errTooMany
		}
		b.respond(ctx, lg, cmd.ResponseURL, b.userMessage(err, lang, ""))
		return
	}
	b.start(ctx, lg, cmd, lang)
}

// withinQuota reports whether user may start another dialog: at most
// CommandsPerMinute a minute, and DialogsPerDay a day (a session lives a
// day after its last step, so this bounds the dialogs one user keeps open).
// Quotas are counted across replicas in the store: each use takes one of n
// claims that expire after the window, on the store's one clock.
func (b *Bot) withinQuota(ctx context.Context, lg *slog.Logger, user string) (bool, error) {
	for _, q := range []struct {
		name   string
		n      int
		window time.Duration
	}{{"minute", b.opts.CommandsPerMinute, time.Minute}, {"day", b.opts.DialogsPerDay, 24 * time.Hour}} {
		if q.n < 0 {
			continue
		}
		ok, err := b.quota(ctx, q.name, user, q.n, q.window)
		if err != nil {
			b.storeFailed("claim", err)
			return false, err
		}
		if !ok {
			lg.Info("quota reached", "user", user, "quota", q.name)
			return false, nil
		}
	}
	return true, nil
}

// quota takes the first free one of n claims for user; false means all n
// are taken within window.
func (b *Bot) quota(ctx context.Context, name, user string, n int, window time.Duration) (bool, error) {
	for i := range n {
		fresh, err := b.store.Claim(ctx, "quota:"+name+":"+user+":"+strconv.Itoa(i), window)
		if err != nil || fresh {
			return fresh, err
		}
	}
	return false, nil
}

// start opens the thread and asks the first question.
func (b *Bot) start(ctx context.Context, lg *slog.Logger, cmd slack.SlashCommand, lang knowledge.Lang) {
	t := b.kb.Text(lang)
	fallback, blocks := rootMessage(t, cmd.UserID)
	ctx, cancel := b.openingTime(ctx, lg, cmd, t)
	defer cancel()
	// The root's turn in the channel's post budget is waited for before the
	// thread is marked as being created: clicks in that channel that find
	// no session wait for creations, and must not wait for the queue.
	pctx := ctx
	if b.pace != nil {
		if err := b.pace.wait(ctx, "chat.postMessage", cmd.ChannelID, prioOpen); err == nil {
			pctx = prepaid(ctx)
		}
	}
	created := b.creating.begin(b.self.Install, cmd.ChannelID)
	defer created()
	root, err := b.post(pctx, cmd.ChannelID, "", fallback, blocks)
	if err != nil {
		lg.Warn("cannot open the thread", "err", err)
		if strings.HasPrefix(cmd.ChannelID, "D") && slackCode(err) != "not_in_channel" {
			// A direct message between people, which no bot can join.
			err = fmt.Errorf("%w: %w", errCannotPostHere, err)
		}
		// The handler's own time may be what ran out, waiting for the
		// channel's post budget: the user still hears why.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		b.respond(rctx, lg, cmd.ResponseURL, b.userMessage(err, lang, ""))
		return
	}
	// The first question goes through the command's response_url, in the
	// thread: of a start's two posts only the root is charged to the
	// channel's budget of about one a second (respond.go).
	via := ""
	if isResponseURL(cmd.ResponseURL) {
		via = cmd.ResponseURL
	}
	b.begin(ctx, lg, dialog.Key{Team: b.self.Install, Channel: cmd.ChannelID, Thread: root}, cmd.UserID, lang, created, via)
}

// begin stores a new dialog under the root message just posted at k and
// asks the first question, through via when it is a response_url; created
// ends the wait of clicks on the root.
func (b *Bot) begin(ctx context.Context, lg *slog.Logger, k dialog.Key, owner string, lang knowledge.Lang, created func(), via string) {
	lg = lg.With("thread_ts", k.Thread)
	s := dialog.Start(k, owner, lang, b.now())
	if via != "" {
		s.QuestionMsg = postedSomewhere
	}
	err := b.startSession(ctx, &s, func(ctx context.Context) {
		created()
		b.metrics.sessions.WithLabelValues("started").Inc()
		lg.Info("session started", "lang", lang)
		b.askVia(ctx, lg, s, via)
	})
	if err != nil {
		lg.Error("session not created", "err", err)
		// The root invites everyone into a dialog that does not exist:
		// it becomes the apology instead, so no thread is left behind.
		text := b.userMessage(err, lang, "")
		if err := b.update(ctx, k.Channel, k.Thread, text, []slack.Block{
			slack.NewSectionBlock(slack.NewTextBlockObject(slack.PlainTextType, text, false, false), nil, nil),
		}); err != nil {
			lg.Error("root message not withdrawn", "err", err)
			b.say(ctx, lg, k.Channel, k.Thread, text)
		}
	}
}

// ask posts s's current question in the thread, once per asking, and
// remembers where. The asking is claimed in the store first, so that a
// delivery which finds the question unposted (see refused) and the one
// about to post it never both do; the claim lasts as long as a handler may,
// so a question whose poster died is posted by the next click.
func (b *Bot) ask(ctx context.Context, lg *slog.Logger, s dialog.Session) {
	b.askVia(ctx, lg, s, "")
}

// askVia is ask, posting through a click's response_url when via is one
// (see respond.go) and through chat.postMessage otherwise.
func (b *Bot) askVia(ctx context.Context, lg *slog.Logger, s dialog.Session, via string) {
	fresh, err := b.store.Claim(ctx, "ask:"+s.Key.String()+":"+strconv.Itoa(s.Asked), b.opts.HandlerTimeout)
	if err != nil {
		// Better the question twice than not at all.
		lg.Warn("question claim failed; posting anyway", "err", err)
	} else if !fresh {
		lg.Info("question already posted by another delivery", "asked", s.Asked)
		return
	}
	if via != "" {
		fallback, blocks := questionMessage(b.kb.Text(s.Lang), s)
		if b.postVia(ctx, lg, via, s.Key.Thread, fallback, blocks) {
			return // the step marked it postedSomewhere; its echo tells the ts
		}
	}
	b.show(ctx, lg, s)
}

// show posts s's current question, whether or not it was shown before
// (help asks to see it again), and remembers where.
func (b *Bot) show(ctx context.Context, lg *slog.Logger, s dialog.Session) {
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

// Opening a thread may wait for the channel's post budget (pace.go) longer
// than a handler's deadline: thirty people starting within seconds in one
// channel need thirty roots at about one a second, behind the dialogs
// already under way. The start then gets up to maxOpeningWait, without a
// worker slot, and the user is told how long it will be when that is more
// than queuedNote.
const (
	maxOpeningWait = 3 * time.Minute
	queuedNote     = 5 * time.Second
)

// openingTime returns the context a start posts its root under.
func (b *Bot) openingTime(ctx context.Context, lg *slog.Logger, cmd slack.SlashCommand, t *knowledge.Text) (context.Context, context.CancelFunc) {
	if b.pace == nil {
		return ctx, func() {}
	}
	wait := b.pace.delay("chat.postMessage", cmd.ChannelID, prioOpen)
	if wait > queuedNote {
		lg.Info("thread opening queued behind the channel's post budget", "wait", wait.Round(time.Second))
		b.respond(ctx, lg, cmd.ResponseURL, fmt.Sprintf(escapeMrkdwn(t.Phrases.Queued), int(wait.Round(time.Second)/time.Second)))
	}
	return context.WithTimeout(context.WithoutCancel(ctx), maxOpeningWait+b.opts.HandlerTimeout)
}
