package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// shareAckBudget is how long the share checks may take before the view
// submission must be acked with their verdict; Slack gives up at 3 s.
const shareAckBudget = 2 * time.Second

// shareMeta travels in the share modal's private_metadata: the submission
// carries no channel or thread of its own. The permalink rides along so the
// post is exactly the preview.
type shareMeta struct {
	Team      string `json:"t"`
	Channel   string `json:"c"`
	Thread    string `json:"th"`
	Rev       int    `json:"r"`
	Permalink string `json:"p,omitempty"`
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
	if !isSlackID(m.Team) || !isSlackID(m.Channel) || m.Thread == "" || m.Rev <= 0 {
		return m, errors.New("share metadata incomplete")
	}
	if m.Permalink != "" && !strings.HasPrefix(m.Permalink, "https://") {
		return m, errors.New("share metadata: permalink is not an https URL")
	}
	return m, nil
}

// openShare opens the modal that picks a leadership channel and previews
// the post.
func (b *Bot) openShare(ctx context.Context, lg *slog.Logger, c click) {
	s, err := b.store.Get(ctx, c.key)
	if err == nil && s.Owner != c.user {
		err = dialog.ErrNotOwner
	}
	if err == nil {
		err = currentCard(s, c.block)
	}
	if err != nil {
		b.storeFailed("get", err)
		b.refuse(ctx, lg, c.key, c.user, s, err)
		return
	}
	permalink, err := b.api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: c.key.Channel, Ts: c.msgTS})
	b.metrics.slackError("chat.getPermalink", err)
	if err != nil {
		lg.Warn("no permalink for the shared card", "err", err)
		permalink = ""
	}
	meta := shareMeta{Team: c.key.Team, Channel: c.key.Channel, Thread: c.key.Thread, Rev: s.CardRev, Permalink: permalink}
	raw, _ := json.Marshal(meta)
	_, preview := b.sharedCard(s, c.user, permalink)
	view := shareModal(b.kb.Text(s.Lang), b.opts.Channels, b.channelNames(ctx, lg), preview, string(raw))
	_, err = b.api.OpenViewContext(ctx, c.trig, view)
	b.metrics.slackError("views.open", err)
	if err != nil {
		lg.Warn("share modal not opened", "err", err)
	}
}

// sharedCard is the card as posted to a leadership channel.
func (b *Bot) sharedCard(s dialog.Session, user, permalink string) (string, []slack.Block) {
	if s.IsTeam() {
		ta := dialog.AdviseTeam(b.kb, s.Team.Members)
		return teamCardMessage(b.kb.Text(s.Lang), s, ta, cardOptions{CaseURL: b.opts.CaseURL, SharedBy: user, Permalink: permalink})
	}
	rec := dialog.Score(b.kb, s.Answers)
	return cardMessage(b.kb.Text(s.Lang), s, rec, cardOptions{CaseURL: b.opts.CaseURL, SharedBy: user, Permalink: permalink})
}

// viewSubmission handles the share modal's submit. Its ack carries the
// verdict: errors keep the modal open with the reason; a plain ack closes
// it, then the card is posted.
func (b *Bot) viewSubmission(ctx context.Context, lg *slog.Logger, sm *socketmode.Client, req *socketmode.Request, ic slack.InteractionCallback) {
	if ic.View.CallbackID == callbackTeamAnswers {
		b.teamSubmit(ctx, lg, sm, req, ic)
		return
	}
	if ic.View.CallbackID != callbackShare {
		b.ack(sm, req, lg, nil)
		return
	}
	lg = lg.With("user", ic.User.ID)
	meta, err := parseShareMeta(ic.View.PrivateMetadata)
	if err != nil {
		lg.Warn("share dropped: bad metadata", "err", err)
		b.ack(sm, req, lg, nil)
		return
	}
	k := dialog.Key{Team: meta.Team, Channel: meta.Channel, Thread: meta.Thread}
	lg = lg.With("team", k.Team, "channel", k.Channel, "thread_ts", k.Thread)
	target := ""
	if ic.View.State != nil { // Slack always sends it; a forged envelope may not
		target = ic.View.State.Values[blockShareChannel][actionShareChannel].SelectedOption.Value
	}

	// The verdict rides on the ack, which Slack waits three seconds for: a
	// slow or rate-limited check answers "try again" in time instead.
	vctx, cancel := context.WithTimeout(ctx, shareAckBudget)
	s, err := b.authorizeShare(vctx, lg, k, ic.User.ID, target, meta.Rev)
	cancel()
	if err != nil {
		b.metrics.shares.WithLabelValues("refused").Inc()
		lg.Info("share refused", "target", target, "reason", err)
		b.ack(sm, req, lg, slack.NewErrorsViewSubmissionResponse(map[string]string{blockShareChannel: b.userMessage(err, b.langOf(s), s.Owner)}))
		return
	}
	// One view submits once; the claim absorbs a redelivered submission.
	fresh, err := b.claim(ctx, lg, "share:"+ic.View.ID+":"+strconv.Itoa(meta.Rev)+":"+target)
	if err != nil {
		err = fmt.Errorf("%w: %w", errShareFailed, err)
		b.ack(sm, req, lg, slack.NewErrorsViewSubmissionResponse(map[string]string{blockShareChannel: b.userMessage(err, s.Lang, "")}))
		return
	}
	if !fresh {
		b.ack(sm, req, lg, nil)
		return
	}
	b.ack(sm, req, lg, nil)

	fallback, blocks := b.sharedCard(s, ic.User.ID, meta.Permalink)
	ts, err := b.postShared(ctx, target, fallback, blocks, recommendationMetadata(b.kb, s))
	if err != nil {
		b.metrics.shares.WithLabelValues("failed").Inc()
		lg.Error("share not posted", "target", target, "err", err)
		b.whisper(ctx, lg, k.Channel, k.Thread, ic.User.ID, b.userMessage(fmt.Errorf("%w: %w", errShareFailed, err), s.Lang, ""))
		return
	}
	b.metrics.shares.WithLabelValues("posted").Inc()
	rec := dialog.Score(b.kb, s.Answers)
	lg.Info("card shared", "outcome", rec.Outcome, "target", target, "ts", ts, "at", b.now().UTC().Format(time.RFC3339))
	b.whisper(ctx, lg, k.Channel, k.Thread, ic.User.ID, fmt.Sprintf(escapeMrkdwn(b.kb.Text(s.Lang).Phrases.Shared), channelMention(target)))
}

// authorizeShare runs every check a share must pass, at submit time so a
// change since the modal opened counts. It returns why the share is
// refused, for [Bot.userMessage] to word, or nil.
func (b *Bot) authorizeShare(ctx context.Context, lg *slog.Logger, k dialog.Key, user, target string, rev int) (dialog.Session, error) {
	s, err := b.store.Get(ctx, k)
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
	if len(b.opts.Channels) == 0 {
		return s, errShareOff
	}
	if !slices.Contains(b.opts.Channels, target) {
		return s, errShareNotAllowed
	}
	info, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: target})
	b.metrics.slackError("conversations.info", err)
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
		members, next, err := b.api.GetUsersInConversationContext(ctx, params)
		b.metrics.slackError("conversations.members", err)
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

// channelNames names the leadership channels for the share modal's select.
// The lookups run together under a short deadline, because the trigger
// that opens the modal expires after three seconds; a channel that does not
// answer in time shows its ID.
func (b *Bot) channelNames(ctx context.Context, lg *slog.Logger) map[string]string {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var mu sync.Mutex
	names := make(map[string]string, len(b.opts.Channels))
	var wg sync.WaitGroup
	for _, id := range b.opts.Channels {
		wg.Go(func() {
			info, err := b.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: id})
			b.metrics.slackError("conversations.info", err)
			if err != nil {
				lg.Debug("channel name unknown", "target", id, "err", err)
				return
			}
			mu.Lock()
			names[id] = info.Name
			mu.Unlock()
		})
	}
	wg.Wait()
	return names
}
