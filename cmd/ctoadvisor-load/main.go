// Command ctoadvisor-load measures the CTO Advisor bot as a whole — Socket
// Mode, handlers, Redis and Web API calls — on one machine.
//
// It starts the loopback fake Slack (bot/fakeslack), runs the bot in the
// same process, wired as `ctoadvisor serve` wires it, on the real Redis at
// REDIS_URL, and drives N concurrent sessions through whole dialogs by
// button clicks: /cto-advice, one click per posted question, and
// /cto-advice again once the card arrives. It prints ack and step latencies,
// steps per second, errors, duplicate posts, Redis round trips, commands
// and bytes, Web API calls per answered step, and memory.
//
// In the same run, a bare slack-go Socket Mode client that acks each
// envelope and posts one small message (no Redis, no rendering) is driven
// the same way, with the same N and mode, and the bot's steps per second
// are reported as a ratio of that baseline's: the ratio survives a noisy
// machine, absolute figures do not. With -baseline-question a second bare
// client posts the bot's own question instead, so that Slack's side of a
// post (here the fake, in the same process) costs the same for both and
// the ratio isolates the bot's own work.
//
// Usage:
//
//	REDIS_URL=redis://127.0.0.1:6379/15 go run ./cmd/ctoadvisor-load -sessions 200 -mode paced -duration 30s
//	REDIS_URL=redis://127.0.0.1:6379/15 go run ./cmd/ctoadvisor-load -sessions 200 -mode saturated -duration 30s
//	REDIS_URL=redis://127.0.0.1:6379/15 go run ./cmd/ctoadvisor-load -mode memory -stored 10000
//	REDIS_URL=redis://127.0.0.1:6379/15 go run ./cmd/ctoadvisor-load -mode offsite -users 30
//
// Modes:
//   - paced: open loop; each session acts once per -interval (1 s), so
//     200 sessions offer about 200 envelopes per second.
//   - saturated: closed loop; each session clicks as soon as the bot has
//     posted the next question.
//   - memory: stores -stored sessions through the bot (one /cto-advice each)
//     and compares the bot's heap and the process RSS before and after.
//   - offsite: -users people run /cto-advice in one channel within
//     -start-within and answer every -think-min to -think-max, by button
//     or (-typed of the time) by typing, with Slack's rate limits on in the
//     fake; it reports what they wait for, what they are told, and the
//     calls Slack refused, by tier, method and step (offsite.go).
//
// The tool writes under a unique key prefix and deletes its keys at the
// end. Exit status: 0 when the run saw no error and no duplicate post, 1
// otherwise, 2 for bad flags or a missing REDIS_URL. Timings never change
// the status: they belong in BENCHMARKS.md, not in CI.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// mode is how the sessions are driven.
type mode string

const (
	paced     mode = "paced"
	saturated mode = "saturated"
	memory    mode = "memory"
	offsite   mode = "offsite"
)

// config is the run the flags ask for.
type config struct {
	mode       mode
	sessions   int
	duration   time.Duration
	interval   time.Duration // paced: one action per session per interval
	stored     int           // memory: sessions to store
	timeout    time.Duration // a step not answered within it is an error
	sockets    int
	baseline   bool
	sameBlocks bool // also a baseline posting the bot's own question
	cpuProfile string
	memProfile string
	redisURL   string
	rateLimits bool // Slack's rate limits in the fake
	echo       bool // Slack's echoes of the system's own posts and edits

	// offsite mode
	users        int
	startWithin  time.Duration
	thinkMin     time.Duration
	thinkMax     time.Duration
	typed        float64
	seed         int64
	startTimeout time.Duration
}

// maxSessions keeps user and channel IDs to five digits (ULOAD00001).
const maxSessions = 99999

// memProfileRate is the heap sampling rate of the memory mode: fine enough
// to attribute a few hundred kilobytes to the bot or to the fake.
const memProfileRate = 4096

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "ctoadvisor-load:", err)
		return 2
	}
	if cfg.mode == memory {
		// Set before the run allocates anything, as runtime documents.
		runtime.MemProfileRate = memProfileRate
	}
	var failed bool
	switch cfg.mode {
	case memory:
		failed, err = memoryCheck(ctx, cfg, stdout)
	case offsite:
		failed, err = offsiteTest(ctx, cfg, stdout)
	default:
		failed, err = loadTest(ctx, cfg, stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "ctoadvisor-load:", err)
		return 1
	}
	if failed {
		fmt.Fprintln(stderr, "ctoadvisor-load: the run saw errors or duplicate posts")
		return 1
	}
	return 0
}

const usageHead = `Usage: REDIS_URL=redis://127.0.0.1:6379/15 ctoadvisor-load [flags]

Drives the CTO Advisor bot, wired as serve wires it, through whole dialogs
against the loopback fake Slack and the Redis at REDIS_URL (required), then
a bare slack-go client the same way, and prints latencies, throughput and
costs per step. Exit status: 0 clean, 1 errors or duplicate posts, 2 usage.

Flags:
`

func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("ctoadvisor-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageHead)
		fs.PrintDefaults()
	}
	var c config
	m := fs.String("mode", string(paced), "paced (open loop: one action per session per -interval), saturated (closed loop: click as soon as the next question is posted), memory (store -stored sessions, compare memory) or offsite (-users people in one channel under Slack's rate limits)")
	fs.IntVar(&c.users, "users", 30, "offsite mode: people starting a dialog in the one channel")
	fs.DurationVar(&c.startWithin, "start-within", 10*time.Second, "offsite mode: everybody runs /cto-advice within this")
	fs.DurationVar(&c.thinkMin, "think-min", 3*time.Second, "offsite mode: shortest time a person takes to answer a question once it shows")
	fs.DurationVar(&c.thinkMax, "think-max", 8*time.Second, "offsite mode: longest time a person takes to answer")
	fs.Float64Var(&c.typed, "typed", 0.2, "offsite mode: share of answers typed in the thread (the option's number) instead of clicked")
	fs.Int64Var(&c.seed, "seed", 1, "offsite mode: seed of who starts when, thinks how long, types or clicks what")
	fs.DurationVar(&c.startTimeout, "start-timeout", 3*time.Minute, "offsite mode: a first question not shown within this is an error")
	fs.IntVar(&c.sessions, "sessions", 200, "concurrent sessions, each with its own user and channel")
	fs.DurationVar(&c.duration, "duration", 30*time.Second, "length of the measured window, for the bot and again for the baseline")
	fs.DurationVar(&c.interval, "interval", time.Second, "paced mode: time between two actions of one session")
	fs.IntVar(&c.stored, "stored", 10000, "memory mode: sessions to store through the bot")
	fs.DurationVar(&c.timeout, "timeout", 10*time.Second, "a step with no reply within this is an error")
	fs.IntVar(&c.sockets, "sockets", 2, "Socket Mode connections of the bot and of the baseline (serve's default is 2)")
	fs.BoolVar(&c.baseline, "baseline", true, "also drive the bare slack-go baseline (paced and saturated modes)")
	fs.BoolVar(&c.sameBlocks, "baseline-question", false, "also drive a second baseline that posts the bot's own first question (encoded once) instead of a one-button message, so Slack's side of each post costs the same and the ratio isolates the bot's own work")
	fs.BoolVar(&c.rateLimits, "slack-rate-limits", false, "apply Slack's rate limits in the fake (429 + Retry-After) and report the refused calls by method and tier")
	fs.BoolVar(&c.echo, "echo", true, "the fake echoes every post and edit back as Slack does (message events with bot_id, message_changed), to the bot and the baselines alike; -echo=false measures a quieter Slack than the real one")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the bot's measured window to this file, and the baseline's to this file + \".baseline\"")
	fs.StringVar(&c.memProfile, "memprofile", "", "memory mode: write the heap profile, taken once every session is stored, to this file")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.mode = mode(*m)
	c.redisURL = getenv("REDIS_URL")
	return c, c.validate(fs.Args())
}

func (c config) validate(rest []string) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q (see -h)", rest[0])
	case c.mode != paced && c.mode != saturated && c.mode != memory && c.mode != offsite:
		return fmt.Errorf("-mode %q: want paced, saturated, memory or offsite", c.mode)
	case c.mode == offsite && (c.users < 1 || c.users > maxSessions):
		return fmt.Errorf("-users %d: want 1 to %d", c.users, maxSessions)
	case c.mode == offsite && (c.startWithin <= 0 || c.thinkMin < 0 || c.thinkMax < c.thinkMin || c.typed < 0 || c.typed > 1 || c.startTimeout <= 0):
		return errors.New("offsite mode: want -start-within > 0, 0 ≤ -think-min ≤ -think-max, 0 ≤ -typed ≤ 1, -start-timeout > 0")
	case c.sessions < 1 || c.sessions > maxSessions:
		return fmt.Errorf("-sessions %d: want 1 to %d", c.sessions, maxSessions)
	case c.duration <= 0:
		return fmt.Errorf("-duration %v: want a positive duration", c.duration)
	case c.interval <= 0:
		return fmt.Errorf("-interval %v: want a positive duration", c.interval)
	case c.timeout <= 0:
		return fmt.Errorf("-timeout %v: want a positive duration", c.timeout)
	case c.sockets < 1 || c.sockets > 10:
		return fmt.Errorf("-sockets %d: want 1 to 10, as Slack allows", c.sockets)
	case c.mode == memory && c.stored < c.sessions:
		return fmt.Errorf("-stored %d: want at least -sessions (%d)", c.stored, c.sessions)
	case c.redisURL == "":
		return errors.New("REDIS_URL is not set: the load tool measures the bot on a real Redis (for example REDIS_URL=redis://127.0.0.1:6379/15)")
	}
	return nil
}
