package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// maxConflictRetries bounds how often a transition is recomputed when
// another delivery (a double click, a second replica) saved first.
const maxConflictRetries = 3

// transact applies fn to the session at k and saves the result with a
// compare-and-set. When user is set, only the session's owner may change
// it. before is the session fn saw (also on ErrNotOwner, so the caller can
// name the owner).
//
// The session comes from the replica's cache when it has one, so a step
// costs one Redis round trip, the save. A stale copy cannot do harm: its
// save fails with ErrConflict and the step is recomputed from Redis, and a
// refusal computed from a cached copy is checked against Redis before it
// is reported.
func (b *Bot) transact(ctx context.Context, k dialog.Key, user string, fn func(dialog.Session) (dialog.Session, error)) (before, after dialog.Session, err error) {
	before, cached, err := b.load(ctx, k)
	for range maxConflictRetries {
		if err != nil {
			b.storeFailed("get", err)
			return before, before, err
		}
		if user != "" && before.Owner != user {
			return before, before, dialog.ErrNotOwner // owners never change: a cached copy is enough
		}
		after, err = fn(before)
		if err != nil {
			if cached {
				before, cached, err = b.reload(ctx, k)
				continue
			}
			return before, before, err
		}
		if after.Asked != before.Asked {
			// A new question is open: the old message reference would point
			// at the one just answered. The post of the new one sets it.
			after.QuestionMsg = ""
		}
		err = b.store.Save(ctx, &after)
		switch {
		case err == nil:
			b.cache.put(after)
			return before, after, nil
		case errors.Is(err, dialog.ErrConflict):
			before, cached, err = b.reload(ctx, k)
		default:
			b.cache.drop(k)
			b.storeFailed("save", err)
			return before, before, err
		}
	}
	return before, before, dialog.ErrConflict
}

// load returns the session at k, from the cache when it is there.
func (b *Bot) load(ctx context.Context, k dialog.Key) (s dialog.Session, cached bool, err error) {
	if s, ok := b.cache.get(k); ok {
		return s, true, nil
	}
	return b.reload(ctx, k)
}

// reload reads the session from the store and refreshes the cache.
func (b *Bot) reload(ctx context.Context, k dialog.Key) (dialog.Session, bool, error) {
	s, err := b.store.Get(ctx, k)
	if err != nil {
		b.cache.drop(k)
		return s, false, err
	}
	b.cache.put(s)
	return s, false, nil
}

// remember records where a message was posted; the session may have moved
// on meanwhile, so the reference is written onto the latest version.
func (b *Bot) remember(ctx context.Context, lg *slog.Logger, k dialog.Key, asked int, set func(*dialog.Session)) {
	_, _, err := b.transact(ctx, k, "", func(s dialog.Session) (dialog.Session, error) {
		if s.Asked != asked {
			return s, dialog.ErrAnswered // a later step owns the references now
		}
		set(&s)
		return s, nil
	})
	if err != nil && !errors.Is(err, dialog.ErrAnswered) {
		lg.Warn("message reference not saved", "err", err)
	}
}

// claim reports whether this delivery is new. When the store cannot say,
// it returns the error and the caller tells the user to try again rather
// than do the work: every handler needs the store next, and a second wait
// on a dead or blackholed store would keep the user waiting past 1.5 s.
func (b *Bot) claim(ctx context.Context, lg *slog.Logger, id string) (bool, error) {
	ok, err := b.store.Claim(ctx, id, b.opts.ClaimTTL)
	if err != nil {
		b.storeFailed("claim", err)
		lg.Warn("delivery claim failed", "err", err)
		return false, err
	}
	if !ok {
		b.metrics.duplicates.Inc()
		lg.Info("duplicate delivery skipped", "claim", id)
	}
	return ok, nil
}

// repeated reports whether a refused action is a repeat of an earlier
// delivery: the one that made the session's current version, or one
// already refused. Answer clicks are claimed only here, on the rare refusal
// path; on success the compare-and-set alone makes them exactly-once.
func (b *Bot) repeated(ctx context.Context, lg *slog.Logger, s dialog.Session, id string, err error) bool {
	if !errors.Is(err, dialog.ErrAnswered) && !errors.Is(err, dialog.ErrFinished) && !errors.Is(err, dialog.ErrNotOwner) {
		return false
	}
	if s.Delivery == id {
		b.metrics.duplicates.Inc()
		lg.Info("duplicate delivery skipped", "claim", id)
		return true
	}
	fresh, cerr := b.claim(ctx, lg, id)
	return cerr == nil && !fresh
}

func (b *Bot) storeFailed(op string, err error) {
	if errors.Is(err, dialog.ErrUnavailable) {
		b.metrics.storeErrors.WithLabelValues(op).Inc()
	}
}

// post sends a message, in a thread when thread is set. Mentions and links
// in it are only those the renderer built: parse and link_names stay off.
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
	_, ts, err := b.api.PostMessageContext(ctx, channel, opts...)
	b.metrics.slackError("chat.postMessage", err)
	return ts, err
}

// update replaces a message the bot posted.
func (b *Bot) update(ctx context.Context, channel, ts, fallback string, blocks []slack.Block) error {
	_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts,
		slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...))
	b.metrics.slackError("chat.update", err)
	return err
}

// whisper tells one user something only they see, in the thread.
func (b *Bot) whisper(ctx context.Context, lg *slog.Logger, channel, thread, user, text string) {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	_, err := b.api.PostEphemeralContext(ctx, channel, user, opts...)
	b.metrics.slackError("chat.postEphemeral", err)
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
	_, _, err := b.api.PostMessageContext(ctx, "",
		slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeEphemeral),
		slack.MsgOptionText(text, false))
	b.metrics.slackError("response_url", err)
	if err != nil {
		lg.Error("response_url reply lost", "err", err)
	}
}

// lang picks the dialog's language: an explicit choice, else the user's
// Slack locale, else the configured default.
func (b *Bot) lang(ctx context.Context, lg *slog.Logger, user string, explicit knowledge.Lang) knowledge.Lang {
	if explicit != "" {
		return explicit
	}
	u, err := b.api.GetUserInfoContext(ctx, user)
	b.metrics.slackError("users.info", err)
	if err != nil {
		lg.Warn("user locale unknown", "user", user, "err", err)
		return b.opts.DefaultLang
	}
	if l, ok := knowledge.ParseLang(u.Locale); ok {
		return l
	}
	return b.opts.DefaultLang
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

// isSlackID reports whether s looks like a Slack user, channel or team ID.
func isSlackID(s string) bool {
	if len(s) < 2 || len(s) > 32 {
		return false
	}
	for _, c := range s {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
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
