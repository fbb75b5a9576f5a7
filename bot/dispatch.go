package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// maxPayload is the largest envelope payload the bot reads; nothing it
// expects from Slack comes close, so anything bigger is garbage or abuse.
const maxPayload = 64 << 10

// dispatch acknowledges an envelope and hands it to its handler on a new
// goroutine, so the socket's read loop never waits for Slack or Redis.
func (b *Bot) dispatch(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	defer b.recoverEnvelope(evt)
	start := b.now()

	if evt.Type == socketmode.EventTypeErrorBadMessage {
		b.dropBadMessage(ctx, sm, evt)
		return
	}
	req := evt.Request
	if req == nil || req.EnvelopeID == "" {
		return // hello, connecting, connected: nothing to ack
	}
	lg := b.lg.With("envelope_id", req.EnvelopeID)
	b.metrics.envelopes.WithLabelValues(string(evt.Type)).Inc()

	// A view submission's ack carries its validation, so its handler acks.
	lateAck := isViewSubmission(evt)
	if !lateAck {
		if err := sm.Ack(*req); err != nil {
			lg.Error("ack", "err", err)
			return // Slack redelivers; the claim makes the retry idempotent
		}
		b.metrics.ackLatency.Observe(b.now().Sub(start).Seconds())
	}

	if len(req.Payload) > maxPayload {
		lg.Warn("envelope dropped: payload too large", "type", evt.Type, "bytes", len(req.Payload))
		if lateAck {
			b.ack(sm, req, lg, nil)
		}
		return
	}

	b.inflight.Add(1)
	go func() {
		defer b.inflight.Done()
		defer b.recoverEnvelope(evt)
		if !lateAck {
			// Bounding the handlers at work keeps the socket goroutines, and
			// so the acks, from queueing behind hundreds of runnable handlers.
			// A view submission skips the queue: its ack is still due.
			b.slots <- struct{}{}
			defer func() { <-b.slots }()
		}
		hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.opts.HandlerTimeout)
		defer cancel()
		hstart := b.now()
		b.handle(hctx, lg, sm, evt)
		b.metrics.handlerLatency.WithLabelValues(string(evt.Type)).Observe(b.now().Sub(hstart).Seconds())
	}()
}

// handle routes one acknowledged envelope to the handler for its kind.
func (b *Bot) handle(ctx context.Context, lg *slog.Logger, sm *socketmode.Client, evt socketmode.Event) {
	switch data := evt.Data.(type) {
	case slack.SlashCommand:
		b.command(ctx, lg, data)
	case slack.InteractionCallback:
		switch data.Type {
		case slack.InteractionTypeBlockActions:
			b.blockActions(ctx, lg, data)
		case slack.InteractionTypeViewSubmission:
			b.viewSubmission(ctx, lg, sm, evt.Request, data)
		default:
			lg.Debug("interaction ignored", "type", data.Type)
		}
	case slackevents.EventsAPIEvent:
		b.event(ctx, lg, evt.Request, data)
	default:
		lg.Debug("envelope ignored", "type", evt.Type)
	}
}

// ack sends a late acknowledgement (view submissions), logging a failure.
func (b *Bot) ack(sm *socketmode.Client, req *socketmode.Request, lg *slog.Logger, payload any) {
	start := b.now()
	var err error
	if payload == nil {
		err = sm.Ack(*req)
	} else {
		err = sm.Ack(*req, payload)
	}
	if err != nil {
		lg.Error("ack", "err", err)
		return
	}
	b.metrics.ackLatency.Observe(b.now().Sub(start).Seconds())
}

func isViewSubmission(evt socketmode.Event) bool {
	ic, ok := evt.Data.(slack.InteractionCallback)
	return ok && ic.Type == slack.InteractionTypeViewSubmission
}

// dropBadMessage acks an envelope slack-go could not decode, so Slack does
// not redeliver it forever, and logs it once.
func (b *Bot) dropBadMessage(ctx context.Context, sm *socketmode.Client, evt socketmode.Event) {
	bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var head struct {
		EnvelopeID string `json:"envelope_id"`
		Type       string `json:"type"`
	}
	_ = json.Unmarshal(bad.Message, &head) // a frame that is not even JSON has nothing to ack
	b.metrics.envelopes.WithLabelValues("malformed").Inc()
	b.lg.Warn("envelope dropped: malformed", "envelope_id", head.EnvelopeID, "type", head.Type, "err", bad.Cause)
	if head.EnvelopeID == "" {
		return
	}
	actx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := sm.AckCtx(actx, head.EnvelopeID, nil); err != nil {
		b.lg.Error("ack", "envelope_id", head.EnvelopeID, "err", err)
	}
}

// recoverEnvelope keeps one bad envelope from taking the process down.
func (b *Bot) recoverEnvelope(evt socketmode.Event) {
	if r := recover(); r != nil {
		id := ""
		if evt.Request != nil {
			id = evt.Request.EnvelopeID
		}
		b.metrics.panics.Inc()
		b.lg.Error("envelope dropped: panic", "envelope_id", id, "type", evt.Type, "err", fmt.Sprint(r), "stack", string(debug.Stack()))
	}
}
