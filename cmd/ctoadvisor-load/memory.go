package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"
)

// memoryCheck stores cfg.stored sessions through the bot (one /cto-advice
// each, left at its first question) and reads memory after the first
// cfg.sessions, after half of them and after all of them.
//
// The fake Slack lives in the same process and keeps every envelope, call
// and post, so the process's heap and RSS grow with the run whatever the
// bot does. The heap profile separates the two: each sampled allocation
// still in use is charged to the first frame of its stack that belongs to
// the fake, to the drivers, or to the bot's side (bot, dialog, knowledge,
// redisstore, slack-go, go-redis, prometheus).
func memoryCheck(ctx context.Context, cfg config, stdout io.Writer) (failed bool, err error) {
	tb, err := openTestbed(ctx, cfg)
	if err != nil {
		return false, err
	}
	defer func() { err = firstError(err, tb.close()) }()
	kb, admin, prefix := tb.kb, tb.admin, tb.prefix

	ws := newWorkspace(cfg.sessions, cfg.rateLimits)
	defer ws.close()
	rdb, err := openRedis(ctx, cfg.redisURL)
	if err != nil {
		return false, err
	}
	defer rdb.Close()
	sys, err := startBot(ctx, cfg, ws, kb, rdb, prefix)
	if err != nil {
		return false, err
	}
	stopped := false
	defer func() {
		if !stopped {
			_ = sys.stop()
		}
	}()

	// Three points: after the warm-up, at half and at all of the sessions.
	// Any bounded cache is full by the second, so growth between the last
	// two is growth with stored sessions.
	pattern := prefix + ":{*}:session"
	var (
		drivers    []*driver
		snaps      []snapshot
		start, end time.Time
		done       int
	)
	for _, n := range []int{cfg.sessions, max(cfg.sessions, cfg.stored/2), cfg.stored} {
		if n > done {
			ds, s, e, _ := drive(ctx, ws, cfg, plan{startsOnly: true, actions: n - done})
			if done == 0 {
				start = s
			}
			drivers, end, done = append(drivers, ds...), e, n
		}
		snap := takeSnapshot()
		snap.keys = keyMemory(ctx, admin, pattern, 0).count
		snaps = append(snaps, snap)
	}
	stored := keyMemory(ctx, admin, pattern, sampleKeys)
	if err := writeHeapProfile(cfg.memProfile); err != nil {
		return false, err
	}
	stopped = true
	if err := firstError(ctx.Err(), sys.stop()); err != nil {
		return false, err
	}

	r := collect(sys.name, ws, drivers, start, end, 0, sys)
	printHeader(stdout, cfg)
	printMemory(stdout, snaps, stored)
	fmt.Fprintf(stdout, "  start latency   %s\n", spread(r.startLat))
	printErrors(stdout, r)
	return r.errorCount() > 0, nil
}

// writeHeapProfile writes the heap profile to path, if one is given.
func writeHeapProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		_ = f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	return f.Close()
}

// site is where an allocation was made.
type site int

const (
	siteBot    site = iota // bot, dialog, knowledge, redisstore, slack-go, go-redis, prometheus
	siteFake               // bot/fakeslack: Slack's side
	siteDriver             // this command's drivers and bookkeeping
	siteOther              // the runtime and the standard library alone (net/http buffers, goroutines…)
	numSites
)

// snapshot is the memory after a full collection.
type snapshot struct {
	heap  uint64 // heap objects in use
	rss   uint64
	sites [numSites]int64 // in-use heap by allocation site, from the profile
	keys  int             // session keys in Redis
}

func takeSnapshot() snapshot {
	runtime.GC()         // publishes the heap profile of everything freed so far
	debug.FreeOSMemory() // collects again and returns free pages, so RSS means live memory
	s := snapshot{heap: heapNow(), sites: heapBySite(runtime.MemProfileRate)}
	_, s.rss = self()
	return s
}

// heapBySite sums the in-use heap of the memory profile by site, scaling
// each record up for the sampling as pprof does.
func heapBySite(rate int) [numSites]int64 {
	var out [numSites]int64
	var recs []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, true)
	for {
		recs = make([]runtime.MemProfileRecord, n+64)
		var ok bool
		if n, ok = runtime.MemProfile(recs, true); ok {
			recs = recs[:n]
			break
		}
	}
	for _, r := range recs {
		out[siteOf(r.Stack())] += scaledInUse(r, rate)
	}
	return out
}

// scaledInUse estimates the bytes a sampled record stands for: an
// allocation of size s is sampled with probability 1-exp(-s/rate).
func scaledInUse(r runtime.MemProfileRecord, rate int) int64 {
	bytes, objects := r.InUseBytes(), r.InUseObjects()
	if objects == 0 || rate <= 1 {
		return bytes
	}
	avg := float64(bytes) / float64(objects)
	return int64(float64(bytes) / (1 - math.Exp(-avg/float64(rate))))
}

// siteOf charges a stack to the innermost frame that names a site.
func siteOf(stack []uintptr) site {
	frames := runtime.CallersFrames(stack)
	for {
		f, more := frames.Next()
		if s, ok := siteOfFunc(f.Function); ok {
			return s
		}
		if !more {
			return siteOther
		}
	}
}

func siteOfFunc(fn string) (site, bool) {
	switch {
	case strings.HasPrefix(fn, "github.com/ctoadvisor/ctoadvisor/bot/fakeslack."):
		return siteFake, true
	case strings.HasPrefix(fn, "main."):
		return siteDriver, true
	case strings.HasPrefix(fn, "github.com/ctoadvisor/ctoadvisor/"),
		strings.HasPrefix(fn, "github.com/slack-go/"),
		strings.HasPrefix(fn, "github.com/redis/"),
		strings.HasPrefix(fn, "github.com/prometheus/"):
		return siteBot, true
	}
	return 0, false
}

// botGrowthLimit is the bot-side heap growth per stored session under
// which memory counts as flat: 100 bytes each would already be a leak
// worth finding.
const botGrowthLimit = 100

func printMemory(w io.Writer, snaps []snapshot, stored keyStats) {
	first, mid, last := snaps[0], snaps[len(snaps)-2], snaps[len(snaps)-1]
	more := max(last.keys-mid.keys, 1)
	fmt.Fprintf(w, "memory as sessions are stored (each after a full GC)\n")
	fmt.Fprintf(w, "  %-22s %12s %12s %12s %18s\n", "", "warm-up", "half", "all", "last half, per 1,000")
	fmt.Fprintf(w, "  %-22s %12d %12d %12d\n", "session keys in Redis", first.keys, mid.keys, last.keys)
	row := func(name string, v func(snapshot) int64) {
		per := float64(v(last)-v(mid)) / float64(more) * 1000
		fmt.Fprintf(w, "  %-22s %12s %12s %12s %+14.1f KiB\n", name, kib(v(first)), kib(v(mid)), kib(v(last)), per/1024)
	}
	row("bot heap in use", func(s snapshot) int64 { return s.sites[siteBot] })
	row("fake Slack heap", func(s snapshot) int64 { return s.sites[siteFake] })
	row("drivers heap", func(s snapshot) int64 { return s.sites[siteDriver] })
	row("runtime/stdlib heap", func(s snapshot) int64 { return s.sites[siteOther] })
	row("process heap", func(s snapshot) int64 { return int64(s.heap) })
	row("process RSS", func(s snapshot) int64 { return int64(s.rss) })
	fmt.Fprintf(w, "  Redis memory    %s\n", describeKeys("session", stored))
	growth := last.sites[siteBot] - mid.sites[siteBot]
	verdict := "missed"
	if growth <= int64(more)*botGrowthLimit {
		verdict = "met"
	}
	fmt.Fprintf(w, "target: the bot's memory does not grow with stored sessions: %s (bot heap %+.1f KiB over the last %d sessions; limit %d B each)\n",
		verdict, float64(growth)/1024, more, botGrowthLimit)
}

func kib(b int64) string { return fmt.Sprintf("%.0f KiB", float64(b)/1024) }
