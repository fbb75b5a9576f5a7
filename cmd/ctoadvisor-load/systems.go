package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/ctoadvisor/ctoadvisor/bot"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// sessionTTL is shorter than serve's 24 h so that a run killed before its
// cleanup leaves nothing behind for long; Redis stores a key the same way
// whatever its TTL.
const sessionTTL = time.Hour

// system is what a run drives, connected to the fake and serving.
type system struct {
	name    string // its title in the report
	logs    *logTally
	metrics *prometheus.Registry // the bot's series; nil for the baseline
	stop    func() error         // shuts it down and waits until it has stopped
}

// startBot runs the bot as serve wires it: slack-go clients on the fake,
// the Redis store on rdb under prefix, metrics in a registry, logs in JSON
// at Info (to nowhere, but formatted: their cost is part of the bot's).
func startBot(ctx context.Context, cfg config, ws *workspace, kb *knowledge.Base, rdb redis.UniversalClient, prefix string) (*system, error) {
	logs := &logTally{}
	lg := slog.New(logs.wrap(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo})))
	api, sockets := ws.clients(lg, cfg.sockets)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix, TTL: sessionTTL})
	reg := prometheus.NewRegistry()
	// A simulated user starts a dialog again as soon as one ends, far past
	// what one person does: the per-user quotas would measure themselves.
	// The bot paces its calls under Slack's rate limits; where the fake
	// has none, pacing would only measure itself.
	unpaced := !cfg.rateLimits && cfg.mode != offsite
	b := bot.New(lg, api, sockets, store, kb, bot.Options{Metrics: bot.NewMetrics(reg), CommandsPerMinute: -1, DialogsPerDay: -1, Unpaced: unpaced})
	sys, err := launch(ctx, botTitle, ws, cfg.sockets, logs, b.Run)
	if err == nil {
		sys.metrics = reg
	}
	return sys, err
}

// startBaseline runs the bare slack-go client, posting blocks, on the same
// kind of wiring.
func startBaseline(ctx context.Context, cfg config, ws *workspace, title string, blocks []slack.Block) (*system, error) {
	logs := &logTally{}
	lg := slog.New(logs.wrap(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo})))
	// The Web API client is the bot's; the Socket Mode client is slack-go's.
	api, _ := ws.clients(lg, cfg.sockets)
	sockets := make([]*socketmode.Client, cfg.sockets)
	for i := range sockets {
		sockets[i] = socketmode.New(api, socketmode.OptionLog(slog.NewLogLogger(lg.Handler(), slog.LevelDebug)), socketmode.OptionReadLimit(1<<20))
	}
	bl := &baseline{lg: lg, api: api, sockets: sockets, blocks: blocks}
	return launch(ctx, title, ws, cfg.sockets, logs, bl.run)
}

// launch starts run and waits until every socket is connected.
func launch(ctx context.Context, name string, ws *workspace, sockets int, logs *logTally, run func(context.Context) error) (*system, error) {
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- run(runCtx) }()
	stop := func() error {
		cancel()
		return <-done
	}
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := ws.fake.WaitConnections(wctx, sockets); err != nil {
		_ = stop()
		return nil, fmt.Errorf("%s did not connect: %w", name, err)
	}
	return &system{name: name, logs: logs, stop: stop}, nil
}

// baseline is the bare slack-go client the bot is measured against: it
// acks every envelope, then posts one constant message per slash command
// or click (in the click's thread) from a goroutine per envelope, as the
// bot does. No store, no claim, no rendering.
type baseline struct {
	lg      *slog.Logger
	api     *slack.Client
	sockets []*socketmode.Client
	blocks  []slack.Block
}

// baselineBlocks is the message the baseline posts by default: a single
// answer button, so the drivers click it as they click the bot's questions.
func baselineBlocks() []slack.Block {
	next := slack.NewButtonBlockElement(answerPrefix+"next", "next",
		slack.NewTextBlockObject(slack.PlainTextType, "Next", false, false))
	return []slack.Block{slack.NewActionBlock("baseline", next)}
}

func (bl *baseline) run(ctx context.Context) error {
	var sockets, readers, posts sync.WaitGroup
	for _, sm := range bl.sockets {
		sockets.Go(func() { _ = sm.RunContext(ctx) })
		readers.Go(func() { bl.read(ctx, sm, &posts) })
	}
	readers.Wait()
	posts.Wait()
	sockets.Wait()
	return nil
}

func (bl *baseline) read(ctx context.Context, sm *socketmode.Client, posts *sync.WaitGroup) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-sm.Events:
			bl.handle(ctx, sm, evt, posts)
		}
	}
}

func (bl *baseline) handle(ctx context.Context, sm *socketmode.Client, evt socketmode.Event, posts *sync.WaitGroup) {
	req := evt.Request
	if req == nil || req.EnvelopeID == "" {
		return // hello, connecting, connected: nothing to ack
	}
	if err := sm.Ack(*req); err != nil {
		bl.lg.Error("ack", "envelope_id", req.EnvelopeID, "err", err)
		return
	}
	channel, thread := replyTarget(evt.Data)
	if channel == "" {
		return
	}
	posts.Go(func() {
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		opts := []slack.MsgOption{slack.MsgOptionText("Next", false), slack.MsgOptionBlocks(bl.blocks...)}
		if thread != "" {
			opts = append(opts, slack.MsgOptionTS(thread))
		}
		if _, _, err := bl.api.PostMessageContext(pctx, channel, opts...); err != nil {
			bl.lg.Error("post", "channel", channel, "err", err)
		}
	})
}

// replyTarget is where the baseline answers an envelope: the channel of a
// slash command, or the thread of the clicked message.
func replyTarget(data any) (channel, thread string) {
	switch d := data.(type) {
	case slack.SlashCommand:
		return d.ChannelID, ""
	case slack.InteractionCallback:
		thread = d.Container.ThreadTs
		if thread == "" {
			thread = d.Container.MessageTs
		}
		return d.Container.ChannelID, thread
	}
	return "", ""
}

// logTally counts the log records at Warn and above and keeps the first
// few, so a run reports the problems the system itself noticed.
type logTally struct {
	mu    sync.Mutex
	warns int
	errs  int
	first []string
}

// keepLogs is how many problem records a report quotes.
const keepLogs = 5

func (t *logTally) wrap(h slog.Handler) slog.Handler { return tallyHandler{h, t} }

func (t *logTally) add(r slog.Record) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if r.Level >= slog.LevelError {
		t.errs++
	} else {
		t.warns++
	}
	if len(t.first) < keepLogs {
		line := r.Level.String() + " " + r.Message
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "err" {
				line += ": " + a.Value.String()
			}
			return true
		})
		t.first = append(t.first, line)
	}
}

func (t *logTally) counts() (warns, errs int, first []string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.warns, t.errs, append([]string(nil), t.first...)
}

type tallyHandler struct {
	slog.Handler
	t *logTally
}

func (h tallyHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn {
		h.t.add(r)
	}
	return h.Handler.Handle(ctx, r)
}

func (h tallyHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return tallyHandler{h.Handler.WithAttrs(as), h.t}
}

func (h tallyHandler) WithGroup(name string) slog.Handler {
	return tallyHandler{h.Handler.WithGroup(name), h.t}
}
