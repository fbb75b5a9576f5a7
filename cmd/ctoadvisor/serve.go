package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/bot"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// serveCmd runs the Slack bot until ctx is done (SIGTERM, Ctrl-C).
func serveCmd(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	if len(args) > 0 {
		return usageError(fmt.Sprintf("serve takes no arguments, got %q", args[0]))
	}
	cfg, err := loadConfig(getenv, need{slack: true})
	if err != nil {
		return err
	}
	lg := newLogger(stderr, cfg)
	slog.SetDefault(lg) // for third-party code that logs through the default
	kb, err := knowledge.Load()
	if err != nil {
		return fmt.Errorf("knowledge: %w", err)
	}
	store, closeStore, err := openStore(cfg, lg)
	if err != nil {
		return err
	}
	defer closeStore.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	api, sockets := slackClients(cfg, lg)
	b := bot.New(lg, api, sockets, store, kb, bot.Options{
		Channels:    cfg.LeadershipChannels,
		CaseURL:     cfg.CaseURL,
		DefaultLang: cfg.DefaultLang,
		Metrics:     bot.NewMetrics(reg),
		Unpaced:     cfg.Unpaced,
	})

	stopOps, err := startOps(cfg.HTTPAddr, bot.OpsHandler(b, reg), lg)
	if err != nil {
		return err
	}
	defer stopOps()

	lg.Info("serving", "config", cfg)
	if err := b.Run(ctx); err != nil {
		if errors.Is(err, bot.ErrAuth) {
			return fmt.Errorf("slack refused the tokens (%w): check SLACK_BOT_TOKEN and SLACK_APP_TOKEN", err)
		}
		return err
	}
	lg.Info("stopped")
	return nil
}

// slackClients builds the Web API client and the Socket Mode connections
// from the configuration.
func slackClients(cfg Config, lg *slog.Logger) (*slack.Client, []*bot.Socket) {
	return bot.NewSlack(bot.SlackConfig{
		APIURL:   cfg.APIURL,
		BotToken: cfg.BotToken,
		AppToken: cfg.AppToken,
		Sockets:  cfg.Sockets,
		Log:      lg,
	})
}

// startOps serves /healthz, /readyz and /metrics on addr ("" disables).
func startOps(addr string, h http.Handler, lg *slog.Logger) (stop func(), err error) {
	if addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, &configError{"HTTP_ADDR", fmt.Sprintf("cannot listen on %s: %v", addr, err)}
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			lg.Error("ops server stopped", "err", err)
		}
	}()
	lg.Info("ops listening", "addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}
