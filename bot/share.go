package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// shareAckBudget is how long the share checks may take before the view
// submission must be acked with their verdict; Slack gives up at 3 s.
const shareAckBudget = 2 * time.Second

// shareMeta travels in the share modal's private_metadata: the submission
// carries no channel or thread of its own. It names the dialog and the card
// revision only; everything posted is rebuilt from the session, and the
// card's permalink asked of Slack again, because private_metadata comes
// back from the client and could have been forged.
type shareMeta struct {
	Team    string `json:"t"`
	Channel string `json:"c"`
	Thread  string `json:"th"`
	Rev     int    `json:"r"`
}

// parseShareMeta reads private_metadata, refusing anything the bot did not
// write: Slack hands it back verbatim, but it is still outside input.
func parseShareMeta(raw string) (shareMeta, error) {
	var m shareMeta
	if len(raw) > 3000 {
		return m, errors.New("share metadata too long")
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return m, fmt.Errorf("share metadata: %w", err)
	}
	if !isKey(dialog.Key{Team: m.Team, Channel: m.Channel, Thread: m.Thread}) || m.Rev <= 0 {
		return m, errors.New("share metadata incomplete")
	}
	return m, nil
}

// openShare opens the modal that picks a leadership channel and previews
// the post. It lists only the leadership channels the user is a member
// of: a private channel's name is not for everyone.
func (b *Bot) openShare(ctx context.Context, lg *slog.Logger, c click) {
	s, _, err := b.reload(ctx, c.key)
	if err == nil && s.Owner != c.user {
		err = dialog.ErrNotOwner
	}
	if err == nil {
		err = currentCard(s, c.block)
	}
	if err == nil && s.Shared >= s.CardRev {
		err = errShared
	}
	if err != nil {
		b.storeFailed("get", err)
		b.refuse(ctx, lg, c.key, c.user, s, err)
		return
	}
	channels, names := b.shareTargets(ctx, lg, c.user)
	if len(channels) == 0 && len(b.opts.Channels) > 0 {
		b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(errShareNoChannel, s.Lang, ""))
		return
	}
	permalink := b.permalink(ctx, lg, c.key.Channel, c.msgTS)
	raw, _ := json.Marshal(shareMeta{Team: c.key.Team, Channel: c.key.Channel, Thread: c.key.Thread, Rev: s.CardRev})
	_, preview := b.sharedCard(s, c.user, permalink)
	view := shareModal(b.kb.Text(s.Lang), channels, names, preview, string(raw))
	err = b.call(ctx, "views.open", func(ctx context.Context) error {
		_, err := b.api.OpenViewContext(ctx, c.trig, view)
		return err
	})
	if err != nil {
		lg.Warn("share modal not opened", "err", err)
	}
}

// permalink asks Slack for the link to a message the bot posted; "" when
// it cannot say.
func (b *Bot) permalink(ctx context.Context, lg *slog.Logger, channel, ts string) string {
	if !isTS(ts) {
		return "" // never posted, or posted through a response_url and not yet seen
	}
	var link string
	err := b.call(ctx, "chat.getPermalink", func(ctx context.Context) (err error) {
		link, err = b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: channel, Ts: ts})
		return err
	})
	if err != nil || !strings.HasPrefix(link, "https://") {
		lg.Warn("no permalink for the shared card", "err", err)
		return ""
	}
	return link
}

// sharedCard is the card as posted to a leadership channel.
func (b *Bot) sharedCard(s dialog.Session, user, permalink string) (string, []slack.Block) {
	if s.IsTeam() {
		ta := dialog.AdviseTeam(b.kb, s.Team.Members)
		return teamCardMessage(b.kb.Text(s.Lang), s, ta, cardOptions{CaseURL: b.opts.CaseURL, SharedBy: user, Permalink: permalink})
	}
	return cardMessage(b.kb.Text(s.Lang), s, dialog.Advise(b.kb, s.Answers), cardOptions{CaseURL: b.opts.CaseURL, SharedBy: user, Permalink: permalink})
}

// submitShare handles the share modal's submit. It returns the verdict
// the ack carries — errors keep the modal open with the reason, nil closes
// it — and the post to make once the modal is closed.
//
// The revision is marked shared in the session, by a dialog step, before
// the ack: a replay of the submission, now or in a month, finds it marked.
func (b *Bot) submitShare(ctx context.Context, lg *slog.Logger, ic slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	meta, err := parseShareMeta(ic.View.PrivateMetadata)
	if err != nil || !isToken(ic.View.ID) {
		lg.Warn("share dropped: bad metadata", "err", err)
		return nil, nil
	}
	k := dialog.Key{Team: meta.Team, Channel: meta.Channel, Thread: meta.Thread}
	lg = lg.With("team", k.Team, "channel", k.Channel, "thread_ts", k.Thread)
	target := ""
	if ic.View.State != nil { // Slack always sends it; a forged envelope may not
		target = ic.View.State.Values[blockShareChannel][actionShareChannel].SelectedOption.Value
	}
	refuse := func(s dialog.Session, err error) (*slack.ViewSubmissionResponse, func(context.Context)) {
		b.metrics.shares.WithLabelValues("refused").Inc()
		lg.Info("share refused", "target", truncateRunes(target, maxIDLen), "reason", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockShareChannel: b.userMessage(err, b.langOf(s), s.Owner)}), nil
	}

	// The verdict rides on the ack, which Slack waits three seconds for: a
	// slow or rate-limited check answers "try again" in time instead.
	vctx, cancel := context.WithTimeout(ctx, shareAckBudget)
	defer cancel()
	delivery := "share:" + ic.View.ID
	s, err := b.authorizeShare(vctx, lg, k, ic.User.ID, target, meta.Rev)
	if s.Delivery == delivery {
		return nil, nil // a repeat of the submission that shared it: close the modal
	}
	if err != nil {
		return refuse(s, err)
	}
	before, after, err := b.step(vctx, lg, turn{key: k, user: ic.User.ID, delivery: delivery}, func(s dialog.Session) (dialog.Session, error) {
		if s.State != dialog.Done || s.CardRev != meta.Rev {
			return s, errShareStale
		}
		if s.Shared >= meta.Rev {
			return s, errShared
		}
		s.Shared = meta.Rev
		return s, nil
	})
	switch {
	case errors.Is(err, errRepeat):
		return nil, nil // this submission was handled: close the modal
	case errors.Is(err, errShared), errors.Is(err, errShareStale), errors.Is(err, dialog.ErrNotOwner):
		return refuse(before, err)
	case err != nil:
		lg.Warn("share not recorded", "err", err)
		return refuse(before, fmt.Errorf("%w: %w", errShareFailed, err))
	}
	return nil, func(ctx context.Context) { b.postShare(ctx, lg, after, ic.User.ID, target) }
}

// postShare posts the card to target once the modal is closed. If Slack
// refuses it, the revision is marked unshared again so the owner can retry.
func (b *Bot) postShare(ctx context.Context, lg *slog.Logger, s dialog.Session, user, target string) {
	k := s.Key
	fallback, blocks := b.sharedCard(s, user, b.permalink(ctx, lg, k.Channel, s.CardMsg))
	ts, err := b.postShared(ctx, target, fallback, blocks, recommendationMetadata(b.kb, s))
	if err != nil {
		b.metrics.shares.WithLabelValues("failed").Inc()
		lg.Error("share not posted", "target", target, "err", err)
		rev := s.CardRev
		if _, _, uerr := b.step(ctx, lg, turn{key: k}, func(s dialog.Session) (dialog.Session, error) {
			if s.Shared != rev {
				return s, errNoWrite
			}
			s.Shared = rev - 1
			return s, nil
		}); uerr != nil && !errors.Is(uerr, errNoWrite) {
			lg.Warn("share not unmarked", "err", uerr)
		}
		b.whisper(ctx, lg, k.Channel, k.Thread, user, b.userMessage(fmt.Errorf("%w: %w", errShareFailed, err), s.Lang, ""))
		return
	}
	b.metrics.shares.WithLabelValues("posted").Inc()
	lg.Info("card shared", "outcome", dialog.Decide(b.kb, s.Answers), "target", target, "ts", ts)
	b.whisper(ctx, lg, k.Channel, k.Thread, user, fmt.Sprintf(escapeMrkdwn(b.kb.Text(s.Lang).Phrases.Shared), channelMention(target)))
}

// authorizeShare runs every check a share must pass, at submit time so a
// change since the modal opened counts. It returns why the share is
// refused, for [Bot.userMessage] to word, or nil.
func (b *Bot) authorizeShare(ctx context.Context, lg *slog.Logger, k dialog.Key, user, target string, rev int) (dialog.Session, error) {
	s, _, err := b.reload(ctx, k)
	if err != nil {
		b.storeFailed("get", err)
		return s, err
	}
	if s.Owner != user {
		return s, dialog.ErrNotOwner
	}
	if s.State != dialog.Done || s.CardRev != rev {
		return s, errShareStale
	}
	if s.Shared >= rev {
		return s, errShared
	}
	if len(b.opts.Channels) == 0 {
		return s, errShareOff
	}
	if !slices.Contains(b.opts.Channels, target) {
		return s, errShareNotAllowed
	}
	info, err := b.conversationInfo(ctx, target)
	if err != nil {
		lg.Warn("share target not checked", "target", target, "err", err)
		return s, fmt.Errorf("%w: %w", errShareFailed, err)
	}
	switch {
	case info.IsArchived:
		return s, errShareArchived
	case info.IsExtShared || info.IsPendingExtShared:
		return s, errShareExternal
	case info.IsIM || info.IsMpIM:
		return s, errShareNotAllowed
	case !info.IsMember:
		return s, errShareBotOut
	}
	member, err := b.isMember(ctx, target, user)
	if err != nil {
		lg.Warn("share membership not checked", "target", target, "err", err)
		return s, fmt.Errorf("%w: %w", errShareFailed, err)
	}
	if !member {
		return s, errShareNotMember
	}
	return s, nil
}

// isMember pages through conversations.members looking for user.
func (b *Bot) isMember(ctx context.Context, channel, user string) (bool, error) {
	params := &slack.GetUsersInConversationParameters{ChannelID: channel, Limit: 200}
	for {
		var (
			members []string
			next    string
		)
		err := b.call(ctx, "conversations.members", func(ctx context.Context) (err error) {
			members, next, err = b.api.GetUsersInConversationContext(ctx, params)
			return err
		})
		if err != nil {
			return false, err
		}
		if slices.Contains(members, user) {
			return true, nil
		}
		if next == "" {
			return false, nil
		}
		params.Cursor = next
	}
}

func (b *Bot) conversationInfo(ctx context.Context, channel string) (*slack.Channel, error) {
	var info *slack.Channel
	err := b.call(ctx, "conversations.info", func(ctx context.Context) (err error) {
		info, err = b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: channel})
		return err
	})
	return info, err
}

// shareTargets are the leadership channels user is a member of, in the
// configured order, with their names for the share modal's select. The
// lookups run together under a short deadline, because the trigger that
// opens the modal expires after three seconds; a channel whose membership
// cannot be confirmed in time is left out, and one whose name is unknown
// shows its ID.
func (b *Bot) shareTargets(ctx context.Context, lg *slog.Logger, user string) ([]string, map[string]string) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var mu sync.Mutex
	names := make(map[string]string, len(b.opts.Channels))
	member := make(map[string]bool, len(b.opts.Channels))
	var wg sync.WaitGroup
	for _, id := range b.opts.Channels {
		wg.Go(func() {
			ok, err := b.isMember(ctx, id, user)
			if err != nil {
				lg.Debug("leadership channel membership unknown", "target", id, "err", err)
				return
			}
			if !ok {
				return
			}
			info, err := b.conversationInfo(ctx, id)
			mu.Lock()
			defer mu.Unlock()
			member[id] = true
			if err == nil {
				names[id] = info.Name
			}
		})
	}
	wg.Wait()
	var channels []string
	for _, id := range b.opts.Channels {
		if member[id] {
			channels = append(channels, id)
		}
	}
	return channels, names
}
