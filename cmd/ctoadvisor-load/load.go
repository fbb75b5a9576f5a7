package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// sampleKeys is how many keys of a kind MEMORY USAGE measures.
const sampleKeys = 200

// loadTest measures the bot, then the baseline, under the mode's load and
// prints the report. failed reports the bot's errors or duplicate posts.
func loadTest(ctx context.Context, cfg config, stdout io.Writer) (failed bool, err error) {
	tb, err := openTestbed(ctx, cfg)
	if err != nil {
		return false, err
	}
	defer func() { err = firstError(err, tb.close()) }()
	kb, admin, prefix := tb.kb, tb.admin, tb.prefix

	bot, err := measureBot(ctx, cfg, kb, admin, prefix)
	if err != nil {
		return false, err
	}
	var bases []*result
	if cfg.baseline {
		runtime.GC() // leave the bot's garbage behind
		base, err := measureBaseline(ctx, cfg, baselineTitle, baselineBlocks(), baselineProfile(cfg.cpuProfile, ""))
		if err != nil {
			return false, err
		}
		bases = append(bases, base)
	}
	if cfg.baseline && cfg.sameBlocks && bot.question != nil {
		runtime.GC()
		base, err := measureBaseline(ctx, cfg, sameTitle, bot.question, baselineProfile(cfg.cpuProfile, "-question"))
		if err != nil {
			return false, err
		}
		bases = append(bases, base)
	}
	printHeader(stdout, cfg)
	printResult(stdout, bot)
	for _, b := range bases {
		printResult(stdout, b)
	}
	printTargets(stdout, cfg, bot, bases)
	// The exit status judges the bot. A baseline is slack-go's bare client, a
	// yardstick: its errors are printed above (now and then it leaves one
	// envelope of a short run unacknowledged), but they say nothing about
	// the bot, and a run must not fail on them.
	failed = bot.errorCount() > 0 || bot.duplicates > 0
	return failed, nil
}

// Titles of the systems in the report.
const (
	botTitle      = "bot: bot.New on bot.NewSlack, redisstore on REDIS_URL, as serve wires it"
	baselineTitle = "baseline: bare slack-go Socket Mode client, ack + one chat.postMessage (a one-button message) per envelope, no Redis, no rendering"
	sameTitle     = "baseline with the bot's question: the same bare client posting the bot's first question, encoded once, per envelope"
)

// measureBot drives the bot for the window and gathers its costs.
func measureBot(ctx context.Context, cfg config, kb *knowledge.Base, admin redis.UniversalClient, prefix string) (*result, error) {
	ws := newWorkspace(cfg.sessions, cfg.rateLimits)
	ws.fake.SetEcho(cfg.echo)
	defer ws.close()
	rdb, err := openRedis(ctx, cfg.redisURL)
	if err != nil {
		return nil, err
	}
	defer rdb.Close()
	trips := &tripCounter{ws: ws}
	rdb.AddHook(trips)
	sys, err := startBot(ctx, cfg, ws, kb, rdb, prefix)
	if err != nil {
		return nil, err
	}

	before, statsErr := commandStats(ctx, admin)
	stopProfile, err := startCPUProfile(cfg.cpuProfile)
	if err != nil {
		_ = sys.stop()
		return nil, err
	}
	heap := startHeapSampler(10 * time.Millisecond)
	cpu0 := readCPU()
	drivers, start, end, missed := drive(ctx, ws, cfg, plan{expectCard: true})
	cpu, load1 := readCPU().since(cpu0), loadAverage()
	profErr := stopProfile()
	stopErr := sys.stop()
	peak := heap.finish()
	_, rss := self()
	if err := firstError(ctx.Err(), profErr, stopErr); err != nil {
		return nil, err
	}

	r := collect(sys.name, ws, drivers, start, end, missed, sys)
	posts := ws.fake.Calls("chat.postMessage")
	r.duplicates = duplicates(posts)
	if cfg.rateLimits {
		r.limited, r.limitedByTier = ws.fake.RateLimited(), ws.fake.RateLimitedByTier()
	}
	for _, m := range ws.members {
		if r.question = firstQuestion(ws.fake.Messages(m.channel)); r.question != nil {
			break
		}
	}
	r.heap, r.rss, r.load1, r.cpu = peak, rss, load1, cpu
	rc := &redisCost{statsErr: statsErr}
	for k := range rc.trips {
		rc.trips[k] = trips.trips[k].Load()
	}
	if statsErr == nil {
		after, err := commandStats(ctx, admin)
		rc.commands, rc.statsErr = statsDelta(before, after), err
	}
	rc.sessions = keyMemory(ctx, admin, prefix+":{*}:session", sampleKeys)
	rc.claims = keyMemory(ctx, admin, prefix+":claim:*", sampleKeys)
	r.redis = rc
	return r, nil
}

// measureBaseline drives the bare client, posting blocks, the same way on
// a fresh fake.
func measureBaseline(ctx context.Context, cfg config, title string, blocks []slack.Block, profile string) (*result, error) {
	ws := newWorkspace(cfg.sessions, cfg.rateLimits)
	ws.fake.SetEcho(cfg.echo)
	defer ws.close()
	sys, err := startBaseline(ctx, cfg, ws, title, blocks)
	if err != nil {
		return nil, err
	}
	stopProfile, err := startCPUProfile(profile)
	if err != nil {
		_ = sys.stop()
		return nil, err
	}
	cpu0 := readCPU()
	drivers, start, end, missed := drive(ctx, ws, cfg, plan{})
	cpu, load1 := readCPU().since(cpu0), loadAverage()
	if err := firstError(ctx.Err(), stopProfile(), sys.stop()); err != nil {
		return nil, err
	}
	r := collect(sys.name, ws, drivers, start, end, missed, sys)
	r.load1, r.cpu = load1, cpu
	return r, nil
}

// redisCost is what the bot asked of Redis during the window.
type redisCost struct {
	trips    [numKinds]int64  // client-side round trips by step kind
	commands map[string]int64 // server-wide INFO commandstats delta
	statsErr error            // INFO commandstats unavailable
	sessions keyStats
	claims   keyStats
}

// baselineProfile is where a baseline's CPU profile goes: beside the
// bot's, so the two can be compared with pprof -diff_base.
func baselineProfile(path, suffix string) string {
	if path == "" {
		return ""
	}
	return path + ".baseline" + suffix
}

func startCPUProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// testbed is what every mode sets up first: the knowledge, the tool's own
// Redis client (INFO, SCAN, MEMORY USAGE and cleanup never pass through the
// bot's client, whose round trips are counted) and a key prefix whose keys
// are deleted at the end.
type testbed struct {
	kb     *knowledge.Base
	admin  redis.UniversalClient
	prefix string
}

func openTestbed(ctx context.Context, cfg config) (*testbed, error) {
	kb, err := knowledge.Load()
	if err != nil {
		return nil, fmt.Errorf("knowledge: %w", err)
	}
	admin, err := openRedis(ctx, cfg.redisURL)
	if err != nil {
		return nil, err
	}
	return &testbed{kb: kb, admin: admin, prefix: keyPrefix()}, nil
}

// close deletes the run's keys, then closes the client.
func (tb *testbed) close() error {
	err := cleanup(tb.admin, tb.prefix)
	return firstError(err, tb.admin.Close())
}

// cleanup deletes the run's keys, even after the run was interrupted.
func cleanup(admin redis.UniversalClient, prefix string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := deleteKeys(ctx, admin, prefix); err != nil {
		return fmt.Errorf("cleanup of %s:*: %w", prefix, err)
	}
	return nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// firstQuestion returns the blocks of the first question among posts, as
// slack-go decodes them, or nil.
// It reads what a channel shows, whether the question came through
// chat.postMessage or a response_url: an answered one shows its answer
// instead, so the question is one still open.
func firstQuestion(posts []fakeslack.Post) []slack.Block {
	for _, p := range posts {
		if questionIn(p) == nil {
			continue
		}
		var blocks slack.Blocks
		if json.Unmarshal(p.Blocks, &blocks) == nil {
			return blocks.BlockSet
		}
	}
	return nil
}
