package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strconv"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// A click is answered through its own response_url, not the Web API.
//
// Every interaction payload carries a response_url that takes five posts
// within thirty minutes and is charged against no Web API tier
// (https://api.slack.com/interactivity/handling#message_responses). One
// click spends two of them: replace_original turns the answered question
// into its answer, without buttons; a second post, response_type in_channel
// with thread_ts, puts the next question (or the card) in the thread
// (https://api.slack.com/interactivity/handling#publishing_in_thread). The
// thread looks exactly as when chat.update and chat.postMessage did it, but
// a leadership offsite of thirty people answering every few seconds in one
// channel no longer queues behind chat.postMessage's one post a second per
// channel, or chat.update's fifty a minute per workspace.
//
// A response_url post returns no ts (slackapi/bolt-js#1755,
// slackapi/python-slack-sdk#1256). The session records postedSomewhere
// instead, so no other delivery posts the question again; the bot learns the
// ts from Slack's echo of its own message (learnEcho), which it needs only
// to edit the question after a typed answer and to link the card. When
// Slack refuses a response_url post (used up, expired), the Web API does
// the work.

// postedSomewhere marks a question or card posted through a response_url
// whose ts is not known yet. It is not a ts (isTS), so nothing edits it.
const postedSomewhere = "posted"

// maxResponseURL bounds the response_url the bot accepts from a payload.
const maxResponseURL = 512

// isResponseURL reports whether s can be a response_url: an absolute
// http(s) URL of sensible length. Slack's are https://hooks.slack.com/….
func isResponseURL(s string) bool {
	if s == "" || len(s) > maxResponseURL {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// replaceVia replaces the clicked message through its response_url. It
// reports whether Slack took it.
func (b *Bot) replaceVia(ctx context.Context, lg *slog.Logger, responseURL, fallback string, blocks []slack.Block) bool {
	return b.sendVia(ctx, lg, "replace", slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeInChannel),
		slack.MsgOptionReplaceOriginal(responseURL),
		slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...))
}

// postVia posts a new message in thread through a click's response_url.
// It reports whether Slack took it.
func (b *Bot) postVia(ctx context.Context, lg *slog.Logger, responseURL, thread, fallback string, blocks []slack.Block) bool {
	return b.sendVia(ctx, lg, "post", slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeInChannel),
		slack.MsgOptionTS(thread),
		slack.MsgOptionText(fallback, false), slack.MsgOptionBlocks(blocks...))
}

func (b *Bot) sendVia(ctx context.Context, lg *slog.Logger, what string, opts ...slack.MsgOption) bool {
	err := b.call(ctx, "response_url", func(ctx context.Context) error {
		_, _, err := b.api.PostMessageContext(ctx, "", opts...)
		return err
	})
	if err != nil {
		// The URL lets anyone post as the app for half an hour: the log
		// names only what went wrong, never where.
		lg.Warn("response_url "+what+" refused; the Web API does it", "err", redactURLs(err))
		b.metrics.responseURL.WithLabelValues("fallback").Inc()
		return false
	}
	b.metrics.responseURL.WithLabelValues("ok").Inc()
	return true
}

// learn records where a message was posted, when set says the session
// still needs it (returns true); nothing is saved otherwise.
func (b *Bot) learn(ctx context.Context, lg *slog.Logger, k dialog.Key, set func(*dialog.Session) bool) {
	_, _, err := b.step(ctx, lg, turn{key: k}, func(s dialog.Session) (dialog.Session, error) {
		if !set(&s) {
			return s, errNoWrite
		}
		return s, nil
	})
	if err != nil && !errors.Is(err, errNoWrite) && !errors.Is(err, dialog.ErrNotFound) {
		lg.Warn("message reference not saved", "err", err)
	}
}

// echoed is what the bot reads from Slack's echo of its own post in a
// thread: which question or card it shows.
type echoed struct {
	asked   int // the question's Asked, from its "ask:N" block
	cardRev int // the card's CardRev, from its "card:N" block
}

// echoOf reads a bot post's blocks; ok is false for a post that is neither
// a question nor a card (the root, notes, hints that carry no buttons).
func echoOf(ev *slackevents.MessageEvent) (echoed, bool) {
	for _, bl := range ev.Blocks.BlockSet {
		a, isActions := bl.(*slack.ActionBlock)
		if !isActions {
			continue
		}
		if n, ok := blockSeq(a.BlockID, blockAskPrefix); ok {
			return echoed{asked: n}, true
		}
		if n, ok := blockSeq(a.BlockID, blockCardPrefix); ok {
			return echoed{cardRev: n}, true
		}
	}
	return echoed{}, false
}

// routeEcho turns Slack's echo of the bot's own post into work when it
// may tell the ts of a question or card posted through a response_url.
// Only a post without a subtype, in a thread, with a question's or card's
// actions block qualifies; everything else of the bot's is ignored as
// before, at no cost.
func (b *Bot) routeEcho(ev *slackevents.MessageEvent) (work, bool) {
	if ev.SubType != "" || ev.ThreadTimeStamp == "" || ev.ThreadTimeStamp == ev.TimeStamp {
		return work{}, false
	}
	e, ok := echoOf(ev)
	k := dialog.Key{Team: b.self.Install, Channel: ev.Channel, Thread: ev.ThreadTimeStamp}
	if !ok || !isKey(k) || !isTS(ev.TimeStamp) {
		return work{}, false
	}
	ts := ev.TimeStamp
	return work{
		lane: "thread:" + k.String(),
		handle: func(ctx context.Context, lg *slog.Logger) {
			lg = lg.With("channel", k.Channel, "thread_ts", k.Thread, "ts", ts)
			b.learn(ctx, lg, k, func(s *dialog.Session) bool {
				switch {
				// Within a replica the echo runs after the click that
				// posted (one lane per thread), so it finds postedSomewhere.
				// A post whose ts chat.postMessage returned is recorded
				// already, or about to be: nothing to write. An echo that
				// reaches another replica before the mark is saved is lost;
				// the question then keeps its buttons after a typed answer,
				// and a click on them is refused as stale.
				case e.asked > 0 && s.Asked == e.asked && s.QuestionMsg == postedSomewhere:
					s.QuestionMsg = ts
				case e.cardRev > 0 && s.CardRev == e.cardRev && s.CardMsg == postedSomewhere:
					s.CardMsg = ts
				default:
					return false
				}
				lg.Debug("message reference learned from its echo", "asked", strconv.Itoa(e.asked), "card_rev", strconv.Itoa(e.cardRev))
				return true
			})
		},
		tell: func(context.Context, *slog.Logger, string) {},
	}, true
}
