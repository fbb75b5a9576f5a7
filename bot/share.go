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
	channels, names, err := b.shareTargets(ctx, lg, c.user)
	if err != nil {
		b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(fmt.Errorf("%w: %w", errShareFailed, err), s.Lang, ""))
		return
	}
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
// configured order, with their names for the share modal's picker. One
// paged users.conversations call (Tier 3) lists the channels the user and
// the bot share, whatever the number of leadership channels, where asking
// conversations.members and conversations.info of each (Tiers 4 and 3)
// would spend a minute's budget on a few dozen channels, and more than the
// three seconds a trigger lasts. A private channel's name is not for
// everyone: only the user's own channels are listed. When Slack cannot say
// in time (the modal's trigger lasts three seconds), it returns the error.
func (b *Bot) shareTargets(ctx context.Context, lg *slog.Logger, user string) ([]string, map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	mine, err := b.userChannels(ctx, user)
	if err != nil {
		lg.Warn("leadership channel membership unknown", "err", err)
		return nil, nil, err
	}
	var channels []string
	names := make(map[string]string)
	for _, id := range b.opts.Channels {
		if name, ok := mine[id]; ok {
			channels = append(channels, id)
			names[id] = name
		}
	}
	return channels, names, nil
}

// userChannelsTTL is how long a user's channel list is reused: the share
// modal's type-ahead asks on every keystroke, and Tier 3 allows 50 calls a
// minute for the whole workspace. Membership is checked again, for the one
// channel picked, when the share is submitted.
const userChannelsTTL = time.Minute

// userChannels is the channels, ID → name, that user is a member of and
// the bot can see (users.conversations with user set), unarchived.
func (b *Bot) userChannels(ctx context.Context, user string) (map[string]string, error) {
	if m, ok := b.channelLists.get(user); ok {
		return m, nil
	}
	out := make(map[string]string)
	params := &slack.GetConversationsForUserParameters{
		UserID: user, Types: []string{"public_channel", "private_channel"}, Limit: 1000, ExcludeArchived: true,
	}
	for {
		var (
			page []slack.Channel
			next string
		)
		err := b.call(ctx, "users.conversations", func(ctx context.Context) (err error) {
			page, next, err = b.api.GetConversationsForUserContext(ctx, params)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, c := range page {
			out[c.ID] = c.Name
		}
		if next == "" {
			break
		}
		params.Cursor = next
	}
	b.channelLists.put(user, out)
	return out, nil
}

// channelLists remembers users' channel lists for userChannelsTTL.
type channelLists struct {
	mu   sync.Mutex
	seen map[string]channelList
}

type channelList struct {
	at       time.Time
	channels map[string]string
}

// maxChannelLists bounds the lists kept; past it the expired ones go.
const maxChannelLists = 1024

func (c *channelLists) get(user string) (map[string]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.seen[user]
	if !ok || time.Since(l.at) > userChannelsTTL {
		return nil, false
	}
	return l.channels, true
}

func (c *channelLists) put(user string, channels map[string]string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = make(map[string]channelList)
	}
	if len(c.seen) >= maxChannelLists {
		for u, l := range c.seen {
			if time.Since(l.at) > userChannelsTTL || len(c.seen) >= maxChannelLists {
				delete(c.seen, u)
			}
		}
	}
	c.seen[user] = channelList{at: time.Now(), channels: channels}
}

// maxPickerOptions is how many options a select menu holds, and an
// external_select's type-ahead returns (Block Kit's limit).
const maxPickerOptions = 100

// routeSuggestion answers the type-ahead of the share modal's picker when
// it lists more leadership channels than a static select holds.
func (b *Bot) routeSuggestion(lg *slog.Logger, ic slack.InteractionCallback) (work, bool) {
	if ic.View.CallbackID != callbackShare || ic.BlockID != blockShareChannel || ic.ActionID != actionShareChannel || !isSlackID(ic.User.ID) {
		lg.Debug("suggestion ignored", "callback_id", truncateRunes(ic.View.CallbackID, maxActionID))
		return work{}, false
	}
	typed := truncateRunes(ic.Value, 80)
	user := ic.User.ID
	return work{
		lane: "suggest:" + user,
		user: user,
		suggest: func(ctx context.Context, lg *slog.Logger) *slack.OptionsResponse {
			channels, names, _ := b.shareTargets(ctx, lg.With("user", user), user)
			return &slack.OptionsResponse{Options: pickerOptions(channels, names, typed)}
		},
	}, true
}

// pickerOptions are the channels whose name or ID contains typed (case
// folded), in the configured order, at most maxPickerOptions.
func pickerOptions(channels []string, names map[string]string, typed string) []*slack.OptionBlockObject {
	typed = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(typed), "#"))
	out := []*slack.OptionBlockObject{}
	for _, id := range channels {
		if len(out) == maxPickerOptions {
			break
		}
		if typed != "" && !strings.Contains(strings.ToLower(names[id]), typed) && !strings.Contains(strings.ToLower(id), typed) {
			continue
		}
		out = append(out, channelOption(id, names[id]))
	}
	return out
}
