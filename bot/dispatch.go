package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// viewAckBudget is how long a view submission's verdict may take from the
// moment its envelope is read; Slack gives up at 3 s.
const viewAckBudget = 2 * time.Second

// maxPayload is the largest envelope payload the bot reads; nothing it
// expects from Slack comes close, so anything bigger is garbage or abuse.
const maxPayload = 64 << 10

// actionRoute sends a block action to its handler.
type actionRoute struct {
	id     string
	prefix bool // id is a prefix: answer buttons carry the option ID after it
	// claim makes the route claim the delivery before its handler runs;
	// handlers that run a dialog step leave it to the step.
	claim  bool
	handle func(b *Bot, ctx context.Context, lg *slog.Logger, c click)
}

// actionRoutes is every control the bot renders, by action_id.
var actionRoutes = []actionRoute{
	{id: actionAnswerPrefix, prefix: true, handle: (*Bot).answerClick},
	{id: actionChangeAnswer, handle: (*Bot).changeAnswer},
	{id: actionRestart, handle: (*Bot).restartClick},
	{id: actionShare, claim: true, handle: (*Bot).openShare},
	{id: actionOpenCase, claim: true, handle: (*Bot).openCaseStudy},
	{id: actionOpenComparison, claim: true, handle: (*Bot).openComparison},
	{id: actionTeamJoin, claim: true, handle: (*Bot).teamJoin},
	{id: actionTeamReveal, handle: (*Bot).teamReveal},
	{id: actionTeamReopen, handle: (*Bot).teamReopen},
	{id: actionReadArticle}, // a link button: the browser opens it, Slack only informs us
}

// viewRoutes sends a view submission to its handler, by callback_id. The
// handler returns the verdict the ack carries (nil closes the modal) and
// what to do once it is acknowledged.
var viewRoutes = map[string]func(b *Bot, ctx context.Context, lg *slog.Logger, ic slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)){
	callbackShare:       (*Bot).submitShare,
	callbackTeamAnswers: (*Bot).teamSubmit,
}

// homeRoutes are the Home tab's controls, by action_id: they come from a
// view, with no channel or message, so they skip the click checks of a
// thread and run in the user's own lane.
var homeRoutes = map[string]func(b *Bot, ctx context.Context, lg *slog.Logger, team, user, picked string){
	actionHomeStart: (*Bot).homeStart,
	actionHomeLang:  (*Bot).homeLang,
}

func routeFor(actionID string) (actionRoute, bool) {
	for _, r := range actionRoutes {
		if r.id == actionID || r.prefix && strings.HasPrefix(actionID, r.id) {
			return r, true
		}
	}
	return actionRoute{}, false
}

// work is one envelope made ready for the queue.
type work struct {
	lane string // envelopes of one lane run in order, one at a time
	user string // whose caps it counts against ("" for none)
	// handle runs once the envelope is acknowledged.
	handle func(ctx context.Context, lg *slog.Logger)
	// view, instead of handle, computes the verdict of a view submission,
	// which its ack carries.
	view func(ctx context.Context, lg *slog.Logger) (*slack.ViewSubmissionResponse, func(context.Context))
	// suggest, instead of handle, computes the options a block_suggestion's
	// ack carries (the type-ahead of an external_select).
	suggest func(ctx context.Context, lg *slog.Logger) *slack.OptionsResponse
	// tell reaches the sender when the envelope is not handled.
	tell func(ctx context.Context, lg *slog.Logger, text string)
}

// lateAck reports whether the envelope's ack carries what its handler
// computes, and is sent by the runner.
func (w work) lateAck() bool { return w.view != nil || w.suggest != nil }

// dispatch reads an envelope, queues its work and acknowledges it — in
// that order, so that what is acknowledged is queued. The socket's read
// loop never waits for Slack or Redis here.
func (b *Bot) dispatch(ctx context.Context, evt *envelope) {
	defer b.recoverEnvelope(evt)
	start := b.now()

	lg := b.lg.With("envelope_id", truncateRunes(evt.EnvelopeID, maxTokenLen))
	b.metrics.envelopes.WithLabelValues(envelopeLabel(evt.Type)).Inc()
	ack := func(payload any) {
		if b.ack(evt, lg, payload) {
			b.metrics.ackLatency.Observe(b.now().Sub(start).Seconds())
		}
	}

	if len(evt.Payload) > maxPayload {
		lg.Warn("envelope dropped: payload too large", "type", envelopeLabel(evt.Type), "bytes", len(evt.Payload))
		ack(nil)
		return
	}
	w, ok := b.route(lg, evt)
	if !ok {
		ack(nil) // nothing for the bot: acknowledged so Slack stops sending it
		return
	}

	switch b.work.admit(w.lane, w.user, false, b.runner(ctx, lg, evt, start, w)) {
	case admitted:
		if !w.lateAck() {
			ack(nil)
		}
	case busy:
		b.metrics.shed.WithLabelValues("busy").Inc()
		if w.suggest != nil {
			ack(&slack.OptionsResponse{Options: []*slack.OptionBlockObject{}})
			return
		}
		if w.view != nil {
			ack(slack.NewErrorsViewSubmissionResponse(map[string]string{blockShareChannel: b.userMessage(errBusy, b.opts.DefaultLang, "")}))
			return
		}
		tell, ok := b.busy.allow(w.user)
		if !ok {
			b.metrics.shed.WithLabelValues("full").Inc()
			return // cannot promise the sender hears anything: Slack will redeliver or tell them
		}
		if tell {
			if b.work.admit("busy:"+w.user, w.user, true, b.runner(ctx, lg, evt, start, work{
				handle: func(ctx context.Context, lg *slog.Logger) {
					w.tell(ctx, lg, b.userMessage(errBusy, b.opts.DefaultLang, ""))
				},
			})) == full {
				return
			}
			b.metrics.shed.WithLabelValues("told").Inc()
		}
		lg.Info("envelope shed: sender busy", "type", envelopeLabel(evt.Type), "user", w.user, "told", tell)
		ack(nil)
	case full:
		b.metrics.shed.WithLabelValues("full").Inc()
		lg.Debug("envelope left unacknowledged: queue full", "type", envelopeLabel(evt.Type))
	}
}

// runner is the queued work of one envelope: it takes a worker slot, runs
// the handler under a deadline that survives shutdown (so acknowledged
// work finishes), and for a view submission sends the one ack.
func (b *Bot) runner(ctx context.Context, lg *slog.Logger, evt *envelope, received time.Time, w work) func() {
	return func() {
		defer b.recoverEnvelope(evt)
		hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.opts.HandlerTimeout)
		defer cancel()
		pool := b.slots
		if w.lateAck() {
			// A view submission's ack is due within three seconds of its
			// arrival: its own small pool keeps it from queueing behind
			// clicks, and its verdict is computed by a deadline counted from
			// when the envelope was read.
			pool = b.viewSlots
			var vcancel context.CancelFunc
			hctx, vcancel = context.WithDeadline(hctx, received.Add(viewAckBudget))
			defer vcancel()
		}
		hctx, release, err := pool.take(hctx)
		defer release()
		hstart := b.now()
		if err != nil {
			lg.Error("envelope dropped: no worker slot before the deadline", "type", envelopeLabel(evt.Type))
			if w.lateAck() {
				b.ack(evt, lg, nil)
			}
			return
		}
		if w.suggest != nil {
			b.ack(evt, lg, w.suggest(hctx, lg))
		} else if w.view != nil {
			verdict, then := w.view(hctx, lg)
			if verdict != nil {
				b.ack(evt, lg, verdict)
			} else {
				b.ack(evt, lg, nil)
			}
			if then != nil {
				// What follows the ack has the handler's whole budget, not
				// what is left of the verdict's.
				actx, cancel := context.WithTimeout(context.WithoutCancel(hctx), b.opts.HandlerTimeout)
				defer cancel()
				then(actx)
			}
		} else {
			w.handle(hctx, lg)
		}
		b.metrics.handlerLatency.WithLabelValues(envelopeLabel(evt.Type)).Observe(b.now().Sub(hstart).Seconds())
	}
}

// route turns an envelope into work, or reports that there is nothing to
// do. It reads only the payload: no I/O, and every ID it passes on has been
// checked against Slack's character set and length.
func (b *Bot) route(lg *slog.Logger, evt *envelope) (work, bool) {
	v, err := b.decode(evt)
	if err != nil {
		b.metrics.envelopes.WithLabelValues("malformed").Inc()
		lg.Warn("envelope dropped: malformed", "type", envelopeLabel(evt.Type), "err", err)
		return work{}, false
	}
	switch data := v.(type) {
	case slack.SlashCommand:
		return b.routeCommand(lg, data)
	case slack.InteractionCallback:
		switch data.Type {
		case slack.InteractionTypeBlockActions:
			return b.routeAction(lg, data)
		case slack.InteractionTypeViewSubmission:
			return b.routeView(lg, data)
		case slack.InteractionTypeShortcut:
			return b.routeShortcut(lg, data)
		case slack.InteractionTypeBlockSuggestion:
			return b.routeSuggestion(lg, data)
		}
		lg.Debug("interaction ignored", "type", data.Type)
	case slackevents.EventsAPIEvent:
		return b.routeEvent(lg, evt, data)
	default:
		lg.Debug("envelope ignored", "type", envelopeLabel(evt.Type))
	}
	return work{}, false
}

func (b *Bot) routeCommand(lg *slog.Logger, cmd slack.SlashCommand) (work, bool) {
	// cmd.TeamID is not checked: the session is keyed under the
	// installation, whatever team the user comes from (see identity).
	if !isToken(cmd.TriggerID) || !isSlackID(cmd.UserID) || !isSlackID(cmd.ChannelID) {
		// Slack always sends these; without a trigger_id the delivery cannot
		// be told apart from its repeats, so it is not safe to act on.
		lg.Warn("envelope dropped: slash command without trigger_id, or with malformed IDs")
		return work{}, false
	}
	return work{
		lane:   "cmd:" + cmd.UserID,
		user:   cmd.UserID,
		handle: func(ctx context.Context, lg *slog.Logger) { b.command(ctx, lg, cmd) },
		tell: func(ctx context.Context, lg *slog.Logger, text string) {
			b.respond(ctx, lg, cmd.ResponseURL, text)
		},
	}, true
}

func (b *Bot) routeAction(lg *slog.Logger, ic slack.InteractionCallback) (work, bool) {
	if len(ic.ActionCallback.BlockActions) == 0 {
		return work{}, false
	}
	a := ic.ActionCallback.BlockActions[0]
	if h, ok := homeRoutes[a.ActionID]; ok {
		return b.routeHome(lg, ic, a, h)
	}
	r, ok := routeFor(a.ActionID)
	if !ok || len(a.ActionID) > maxActionID {
		lg.Debug("action ignored", "action_id", truncateRunes(a.ActionID, maxActionID))
		return work{}, false
	}
	if r.handle == nil {
		return work{}, false
	}
	if ic.Container.Type == "view" {
		return b.routeViewAction(lg, ic, a, r)
	}
	c := click{
		// ic.Team is the clicking user's org, or null (see identity).
		key:    dialog.Key{Team: b.self.Install, Channel: ic.Container.ChannelID, Thread: threadOf(ic.Container.MessageTs, ic.Container.ThreadTs)},
		user:   ic.User.ID,
		msgTS:  ic.Container.MessageTs,
		block:  a.BlockID,
		value:  a.Value,
		picked: a.SelectedOption.Value,
		trig:   ic.TriggerID,
	}
	if isResponseURL(ic.ResponseURL) {
		c.respURL = ic.ResponseURL
	}
	if !isKey(c.key) || !isSlackID(c.user) || !isTS(c.msgTS) || !isTS(a.ActionTs) ||
		len(c.block) > maxActionID || len(c.value) > maxValueLen || len(c.picked) > maxValueLen ||
		(c.trig != "" && !isToken(c.trig)) {
		lg.Warn("action dropped: malformed IDs", "action_id", a.ActionID)
		return work{}, false
	}
	// Slack gives no delivery ID for clicks; this tuple names one click.
	c.id = "act:" + c.user + ":" + c.msgTS + ":" + a.ActionID + ":" + a.ActionTs
	return work{
		lane: "thread:" + c.key.String(),
		user: c.user,
		handle: func(ctx context.Context, lg *slog.Logger) {
			lg = lg.With("team", c.key.Team, "channel", c.key.Channel, "thread_ts", c.key.Thread, "user", c.user)
			if r.claim {
				fresh, err := b.claim(ctx, lg, c.id)
				if err != nil {
					b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(err, b.opts.DefaultLang, ""))
					return
				}
				if !fresh {
					return
				}
			}
			r.handle(b, ctx, lg, c)
		},
		tell: func(ctx context.Context, lg *slog.Logger, text string) {
			b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, text)
		},
	}, true
}

// routeViewAction routes a click inside a modal: only the card previewed
// in the share modal has live controls there, the case study and the
// comparison, and each opens on top (views.push). Nothing in a modal
// changes a session.
func (b *Bot) routeViewAction(lg *slog.Logger, ic slack.InteractionCallback, a *slack.BlockAction, r actionRoute) (work, bool) {
	if r.id != actionOpenCase && r.id != actionOpenComparison {
		lg.Debug("action in a modal ignored", "action_id", truncateRunes(a.ActionID, maxActionID))
		return work{}, false
	}
	c := click{user: ic.User.ID, block: a.BlockID, value: a.Value, trig: ic.TriggerID, inView: true}
	view := ic.Container.ViewID
	if !isSlackID(c.user) || !isToken(view) || !isTS(a.ActionTs) || !isToken(c.trig) ||
		len(c.block) > maxActionID || len(c.value) > maxValueLen {
		lg.Warn("action dropped: malformed IDs", "action_id", a.ActionID)
		return work{}, false
	}
	c.id = "act:" + c.user + ":" + view + ":" + a.ActionID + ":" + a.ActionTs
	return work{
		lane: "view:" + c.user,
		user: c.user,
		handle: func(ctx context.Context, lg *slog.Logger) {
			lg = lg.With("user", c.user, "view_id", view)
			if fresh, err := b.claim(ctx, lg, c.id); err != nil || !fresh {
				return
			}
			r.handle(b, ctx, lg, c)
		},
		tell: func(context.Context, *slog.Logger, string) {},
	}, true
}

func (b *Bot) routeView(lg *slog.Logger, ic slack.InteractionCallback) (work, bool) {
	h, ok := viewRoutes[ic.View.CallbackID]
	if !ok || !isSlackID(ic.User.ID) {
		return work{}, false
	}
	return work{
		lane: "view:" + ic.User.ID,
		user: ic.User.ID,
		view: func(ctx context.Context, lg *slog.Logger) (*slack.ViewSubmissionResponse, func(context.Context)) {
			return h(b, ctx, lg.With("user", ic.User.ID), ic)
		},
	}, true
}

func (b *Bot) routeEvent(lg *slog.Logger, req *envelope, e slackevents.EventsAPIEvent) (work, bool) {
	if cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent); ok {
		lg = lg.With("event_id", cb.EventID)
	}
	if home, ok := e.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent); ok {
		return b.routeHomeOpened(lg, e, home)
	}
	ev, ok := e.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok {
		lg.Debug("event ignored", "type", e.InnerEvent.Type)
		return work{}, false
	}
	if ev.BotID != "" && ev.BotID == b.self.BotID {
		return b.routeEcho(ev)
	}
	// Slack echoes the bot's own posts without a subtype: filter by identity.
	if ev.BotID != "" || ev.User == "" || ev.User == b.self.UserID || !readableSubtype(ev) {
		return work{}, false
	}
	if ev.ThreadTimeStamp == "" || ev.ThreadTimeStamp == ev.TimeStamp {
		return work{}, false // not a reply in a thread
	}
	if parent := parentUser(ev); parent != "" && parent != b.self.UserID {
		// Every dialog's thread starts with the bot's own post: a thread
		// someone else started is not ours, and costs no store call.
		return work{}, false
	}
	if !b.forUs(e) {
		lg.Warn("event dropped: delivered for another installation")
		return work{}, false
	}
	// The outer team_id is where the message was written: another org's in
	// a Slack Connect channel (see identity).
	k := dialog.Key{Team: b.self.Install, Channel: ev.Channel, Thread: ev.ThreadTimeStamp}
	if !isKey(k) || !isSlackID(ev.User) || !isTS(ev.TimeStamp) {
		lg.Warn("event dropped: malformed IDs")
		return work{}, false
	}
	if req != nil && req.RetryAttempt > 0 {
		// A retry may be the only copy that reached us; the claim, not the
		// retry flag, decides whether it was handled already.
		lg.Debug("redelivery", "retry_attempt", req.RetryAttempt, "retry_reason", req.RetryReason)
	}
	return work{
		lane:   "thread:" + k.String(),
		user:   ev.User,
		handle: func(ctx context.Context, lg *slog.Logger) { b.message(ctx, lg, k, ev) },
		tell: func(ctx context.Context, lg *slog.Logger, text string) {
			b.whisper(ctx, lg, k.Channel, k.Thread, ev.User, text)
		},
	}, true
}

// readableSubtype reports whether a message event is a reply someone typed:
// no subtype, "also send to channel" (thread_broadcast) or a reply with a
// file attached and some text (file_share), whose text is read like any
// reply. Every other subtype is Slack's bookkeeping (message_changed after
// each edit, joins, deletions) and is ignored.
// https://docs.slack.dev/reference/events/message/thread_broadcast,
// https://docs.slack.dev/reference/events/message/file_share
func readableSubtype(ev *slackevents.MessageEvent) bool {
	switch ev.SubType {
	case "", "thread_broadcast":
		return true
	case "file_share":
		return strings.TrimSpace(ev.Text) != "" // a file alone says nothing to answer
	}
	return false
}

// parentUser is who started the thread a reply is in, when the event
// says: parent_user_id, or for a broadcast reply the nested root's author.
func parentUser(ev *slackevents.MessageEvent) string {
	if ev.Message != nil && ev.Message.ParentUserId != "" {
		return ev.Message.ParentUserId
	}
	if ev.Root != nil {
		return ev.Root.User
	}
	return ""
}

// forUs reports whether an event was delivered for this installation.
// authorizations[0] names the installation an event is delivered for; it
// is the one auth.test named unless another token of the app shares the
// socket, whose events are not ours to key (slackapi/bolt-python#1107).
func (b *Bot) forUs(e slackevents.EventsAPIEvent) bool {
	cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || len(cb.Authorizations) == 0 {
		return true
	}
	a := cb.Authorizations[0]
	return a.TeamID == b.self.Install || a.TeamID == "" && a.EnterpriseID == b.self.Install
}

// ack sends an acknowledgement, logging a failure; it reports success.
func (b *Bot) ack(evt *envelope, lg *slog.Logger, payload any) bool {
	if err := evt.ack(payload); err != nil {
		lg.Error("ack", "err", err)
		return false
	}
	return true
}

// envelopeLabel is an envelope type as a metric label: Slack's types, or
// "other" for anything a sender made up.
func envelopeLabel(t string) string {
	switch t {
	case envEvents, envInteract, envCommand:
		return t
	}
	return "other"
}

// recoverEnvelope keeps one bad envelope from taking the process down.
func (b *Bot) recoverEnvelope(evt *envelope) {
	if r := recover(); r != nil {
		b.metrics.panics.Inc()
		b.lg.Error("envelope dropped: panic", "envelope_id", truncateRunes(evt.EnvelopeID, maxTokenLen), "type", envelopeLabel(evt.Type), "err", fmt.Sprint(r), "stack", string(debug.Stack()))
	}
}
