package bot

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// maxRateLimitRetries bounds how often one Web API call is sent again
// after Slack answered 429. The wait happens here, not in slack-go, so that
// it gives the worker slot back (see idle).
const maxRateLimitRetries = 3

// call runs one Web API call of method within its rate-limit budget
// (pace.go), waiting out Slack's Retry-After on a 429 without holding a
// worker slot, and counts its failure.
func (b *Bot) call(ctx context.Context, method string, f func(context.Context) error) error {
	return b.callIn(ctx, method, "", prioContinue, f)
}

// callIn is call for a method whose budget is per channel (posts).
func (b *Bot) callIn(ctx context.Context, method, channel string, prio int, f func(context.Context) error) error {
	var err error
	for attempt := 0; ; attempt++ {
		if b.pace != nil && (attempt > 0 || !isPrepaid(ctx)) {
			if err = b.pace.wait(ctx, method, channel, prio); err != nil {
				break
			}
		}
		err = f(ctx)
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || attempt == maxRateLimitRetries {
			break
		}
		b.metrics.rateLimited.WithLabelValues(method).Inc()
		if serr := sleep(ctx, max(rl.RetryAfter, 100*time.Millisecond)); serr != nil {
			break
		}
	}
	b.metrics.slackError(method, err)
	return err
}

// post sends a message, in a thread when thread is set. Mentions and links
// in it are only those the renderer built: parse and link_names stay off.
// A thread's root waits behind the posts that continue dialogs already on
// screen in its channel (pace.go).
func (b *Bot) post(ctx context.Context, channel, thread, fallback string, blocks []slack.Block) (string, error) {
	opts := []slack.MsgOption{
		slack.MsgOptionText(fallback, false),
		slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	prio := prioContinue
	if thread == "" {
		prio = prioOpen
	}
	var ts string
	err := b.callIn(ctx, "chat.postMessage", channel, prio, func(ctx context.Context) (err error) {
		_, ts, err = b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

// update replaces a message the bot posted.
func (b *Bot) update(ctx context.Context, channel, ts, fallback string, blocks []slack.Block) error {
	return b.call(ctx, "chat.update", func(ctx context.Context) error {
		_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts,
			slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
}

// whisper tells one user something only they see, in the thread.
func (b *Bot) whisper(ctx context.Context, lg *slog.Logger, channel, thread, user, text string) {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	err := b.call(ctx, "chat.postEphemeral", func(ctx context.Context) error {
		_, err := b.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
	if err != nil {
		lg.Error("ephemeral note lost", "channel", channel, "user", user, "err", err)
	}
}

// respond answers through a response_url, which works even where the bot
// cannot post (channels it is not in, DMs between people).
func (b *Bot) respond(ctx context.Context, lg *slog.Logger, responseURL, text string) {
	if responseURL == "" {
		return
	}
	err := b.call(ctx, "response_url", func(ctx context.Context) error {
		_, _, err := b.api.PostMessageContext(ctx, "",
			slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeEphemeral),
			slack.MsgOptionText(text, false))
		return err
	})
	if err != nil {
		// The URL lets anyone post as the app for half an hour: the log
		// names only what went wrong, never where.
		lg.Error("response_url reply lost", "err", redactURLs(err))
	}
}

// lang picks the dialog's language: an explicit choice, else the user's
// Slack locale, else the configured default.
func (b *Bot) lang(ctx context.Context, lg *slog.Logger, user string, explicit knowledge.Lang) knowledge.Lang {
	if explicit != "" {
		return explicit
	}
	// The language chosen on the Home tab beats the Slack locale.
	if pref, err := b.store.GetUser(ctx, b.self.Install, user); err == nil && pref.Lang != "" {
		return pref.Lang
	}
	if locale, ok := b.locales.get(user); ok {
		return langOr(locale, b.opts.DefaultLang)
	}
	var u *slack.User
	err := b.call(ctx, "users.info", func(ctx context.Context) (err error) {
		u, err = b.api.GetUserInfoContext(ctx, user)
		return err
	})
	if err != nil {
		lg.Warn("user locale unknown", "user", user, "err", redactURLs(err))
		return b.opts.DefaultLang
	}
	b.locales.put(user, u.Locale)
	return langOr(u.Locale, b.opts.DefaultLang)
}

// langOr is the language of a Slack locale ("fr-FR"), or def.
func langOr(locale string, def knowledge.Lang) knowledge.Lang {
	if l, ok := knowledge.ParseLang(locale); ok {
		return l
	}
	return def
}

// langOf is the language to answer a user in when no session says it.
func (b *Bot) langOf(s dialog.Session) knowledge.Lang {
	if s.Lang != "" {
		return s.Lang
	}
	return b.opts.DefaultLang
}

// slackCode is the Slack error code of err, or "".
func slackCode(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	return ""
}

// channelMention formats a channel ID as a Slack channel link.
func channelMention(channel string) string {
	if !isSlackID(channel) {
		return ""
	}
	return "<#" + channel + ">"
}

// threadOf is the thread a message belongs to: its thread_ts, or its own
// ts when it is the thread's root.
func threadOf(ts, threadTS string) string {
	if threadTS != "" {
		return threadTS
	}
	return ts
}

// sentence joins notes, each already ending in punctuation.
func sentence(parts ...string) string { return strings.Join(parts, " ") }

// urlPattern finds URLs in an error's text: a response_url, or a Web API
// URL carrying credentials.
var urlPattern = regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"']+`)

// redactURLs is err's text with every URL replaced, for a log line: Go's
// HTTP errors quote the URL they failed on.
func redactURLs(err error) string {
	if err == nil {
		return ""
	}
	return urlPattern.ReplaceAllString(err.Error(), "<url>")
}
