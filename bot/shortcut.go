package bot

import (
	"context"
	"log/slog"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// callbackShortcut is the global shortcut that starts an assessment.
const callbackShortcut = "cto_advice_shortcut"

// shortcut handles the global shortcut: a new dialog in the user's DM
// with the app, wherever they ran it from.
func (b *Bot) shortcut(ctx context.Context, lg *slog.Logger, ic slack.InteractionCallback) {
	lg = lg.With("user", ic.User.ID)
	// trigger_id is unique per invocation and survives a redelivery. It
	// also opens modals as the app, so the claim, which Redis keys and log
	// lines show, carries its digest, never the ID.
	fresh, err := b.claim(ctx, lg, "shortcut:"+digest(ic.TriggerID))
	if err != nil || !fresh {
		return
	}
	b.startDM(ctx, lg, ic.Team.ID, ic.User.ID)
}

// startDM opens a dialog in user's DM with the app: Slack opens that
// conversation when a message is posted to the user's ID.
func (b *Bot) startDM(ctx context.Context, lg *slog.Logger, team, user string) {
	team = b.self.Install // whatever team the payload named (see identity)
	lang := b.lang(ctx, lg, user, "")
	if ok, err := b.withinQuota(ctx, lg, user); err != nil || !ok {
		if err == nil {
			err = errTooMany
		}
		// No response_url here: the refusal goes to the same DM.
		text := b.userMessage(err, lang, "")
		if _, perr := b.post(ctx, user, "", text, []slack.Block{section(text)}); perr != nil {
			lg.Error("quota note not posted", "err", perr)
		}
		return
	}
	fallback, blocks := rootMessage(b.kb.Text(lang), user)
	var channel, root string
	err := b.call(ctx, "chat.postMessage", func(ctx context.Context) (err error) {
		channel, root, err = b.api.PostMessageContext(ctx, user,
			slack.MsgOptionText(fallback, false),
			slack.MsgOptionBlocks(blocks...),
			slack.MsgOptionDisableLinkUnfurl(),
			slack.MsgOptionDisableMediaUnfurl(),
		)
		return err
	})
	if err != nil {
		lg.Error("cannot open the DM thread", "err", err)
		return
	}
	if !isSlackID(channel) || !isTS(root) {
		lg.Error("cannot open the DM thread: Slack answered malformed IDs")
		return
	}
	// Nobody can click the root before Slack told us where it is: no
	// creation to wait for.
	b.begin(ctx, lg.With("channel", channel), dialog.Key{Team: team, Channel: channel, Thread: root}, user, lang, func() {}, "")
}

// routeShortcut runs the global shortcut in the user's lane.
func (b *Bot) routeShortcut(lg *slog.Logger, ic slack.InteractionCallback) (work, bool) {
	if ic.CallbackID != callbackShortcut || !isSlackID(ic.User.ID) || !isToken(ic.TriggerID) {
		lg.Debug("shortcut ignored", "callback_id", truncateRunes(ic.CallbackID, 40))
		return work{}, false
	}
	return work{
		lane:   "home:" + ic.User.ID,
		user:   ic.User.ID,
		handle: func(ctx context.Context, lg *slog.Logger) { b.shortcut(ctx, lg, ic) },
	}, true
}
