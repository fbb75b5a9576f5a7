package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
)

// checkCmd validates the configuration, then calls auth.test and pings the
// store, one line each. It fails unless every check passes.
func checkCmd(ctx context.Context, getenv func(string) string, stdout io.Writer) error {
	cfg, err := loadConfig(getenv, need{slack: true})
	if err != nil {
		return err // run prints it: one line naming the variable, exit 2
	}
	fmt.Fprintf(stdout, "config  ok    %s\n", cfg)
	failed := false

	api, _ := slackClients(cfg, slog.New(slog.DiscardHandler))
	actx, cancel := context.WithTimeout(ctx, 10*time.Second)
	auth, err := api.AuthTestContext(actx)
	cancel()
	if err != nil {
		failed = true
		fmt.Fprintf(stdout, "slack   FAIL  auth.test at %s: %s\n", redactSecrets(cfg.APIURL), explainSlack(err))
	} else {
		fmt.Fprintf(stdout, "slack   ok    bot %s in team %s (%s)\n", auth.UserID, auth.Team, auth.TeamID)
	}

	if err == nil {
		failed = checkChannels(ctx, api, cfg.LeadershipChannels, stdout) || failed
	}

	failed = checkStore(ctx, cfg, stdout) || failed
	if failed {
		return errors.New("check failed")
	}
	return nil
}

// checkStore says which store the configuration names and whether it is
// what it claims to be: a master, not a replica or a sentinel; sentinels
// that know the master; a cluster with every shard reachable.
func checkStore(ctx context.Context, cfg Config, stdout io.Writer) (failed bool) {
	if cfg.RedisTopology.Kind == 0 {
		fmt.Fprintf(stdout, "store   ok    in memory (set REDIS_URL so sessions survive a restart)\n")
		return false
	}
	redis.SetLogger(redisLog{slog.New(slog.DiscardHandler)}) // check prints its own lines
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	summary, err := redisstore.Verify(sctx, cfg.redisClient())
	if err != nil {
		fmt.Fprintf(stdout, "store   FAIL  %s: %v\n", cfg.RedisTopology, err)
		return true
	}
	fmt.Fprintf(stdout, "store   ok    %s, key prefix %s\n", summary, cfg.RedisKeyPrefix)
	return false
}

// checkChannels says, per leadership channel, whether a card can be shared
// there: the bot must see it, be a member, and it must not be archived.
func checkChannels(ctx context.Context, api *slack.Client, channels []string, stdout io.Writer) (failed bool) {
	if len(channels) == 0 {
		fmt.Fprintf(stdout, "share   ok    no LEADERSHIP_CHANNELS: the share button explains that sharing is off\n")
		return false
	}
	for _, id := range channels {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		info, err := api.GetConversationInfoContext(cctx, &slack.GetConversationInfoInput{ChannelID: id})
		cancel()
		switch {
		case err != nil:
			failed = true
			fmt.Fprintf(stdout, "share   FAIL  %s: %s (invite the bot, or check the ID)\n", id, explainSlack(err))
		case info.IsArchived:
			failed = true
			fmt.Fprintf(stdout, "share   FAIL  %s (#%s) is archived\n", id, info.Name)
		case !info.IsMember:
			failed = true
			fmt.Fprintf(stdout, "share   FAIL  %s (#%s): the bot is not a member; /invite it there\n", id, info.Name)
		default:
			fmt.Fprintf(stdout, "share   ok    %s (#%s)\n", id, info.Name)
		}
	}
	return failed
}

// explainSlack turns an auth.test failure into advice.
func explainSlack(err error) string {
	switch code := err.Error(); code {
	case "invalid_auth", "not_authed", "token_revoked", "account_inactive":
		return code + ": the bot token is wrong or revoked; copy it again from OAuth & Permissions"
	}
	// The HTTP client's error quotes the request URL, and SLACK_API_URL may
	// carry credentials: print the cause alone.
	var ue *url.Error
	if errors.As(err, &ue) {
		return "Slack is unreachable: " + ue.Err.Error()
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return "Slack is unreachable: " + ne.Error()
	}
	return err.Error()
}

// healthcheckCmd probes the running bot's /healthz: a container health
// check that needs no shell or curl in the image.
func healthcheckCmd(ctx context.Context, getenv func(string) string) error {
	addr := strings.TrimSpace(getenv("HTTP_ADDR"))
	switch strings.ToLower(addr) {
	case "":
		addr = ":8080"
	case "off":
		return usageError("healthcheck: HTTP_ADDR is off, nothing to probe")
	}
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return usageError("healthcheck: HTTP_ADDR: " + err.Error())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /healthz answered %s", resp.Status)
	}
	return nil
}
