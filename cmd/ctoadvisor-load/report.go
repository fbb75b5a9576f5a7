package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

func printHeader(w io.Writer, cfg config) {
	load := fmt.Sprintf("one action per session every %v (open loop)", cfg.interval)
	switch cfg.mode {
	case saturated:
		load = "each session clicks as soon as the next question is posted (closed loop)"
	case memory:
		load = fmt.Sprintf("%d sessions stored through the bot", cfg.stored)
	}
	fmt.Fprintf(w, "ctoadvisor-load -mode %s: %d sessions, %s\n", cfg.mode, cfg.sessions, load)
	if cfg.mode != memory {
		fmt.Fprintf(w, "window %v per system, %d Socket Mode connections each, echoes of posts and edits %s\n", cfg.duration, cfg.sockets, onOff(cfg.echo))
	}
	fmt.Fprintf(w, "machine: %d CPUs (GOMAXPROCS %d), %s, %s %s/%s; %s\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), cpuModel(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		time.Now().UTC().Format(time.RFC3339))
}

// cpuModel is the first "model name" of /proc/cpuinfo, or "unknown CPU".
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for line := range strings.Lines(string(b)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func printResult(w io.Writer, r *result) {
	fmt.Fprintln(w, r.name)
	fmt.Fprintf(w, "  throughput      %.1f answered steps/s (%d in the %v window; %d answers and %d starts sent in all)\n",
		r.stepsPerSecond(), r.answersInWindow, r.window, r.answers, r.starts)
	fmt.Fprintf(w, "  ack latency     %s  (Send* called → ack read by the fake: an upper bound, it includes the fake building and writing the envelope)\n", spread(r.ack))
	fmt.Fprintf(w, "  ack (written)   %s  (the fake's Delivery.At → Ack.At: a lower bound, a delivery is stamped after its write returns)\n", spread(r.ackWritten))
	if r.botAck[1] > 0 {
		fmt.Fprintf(w, "  ack in the bot  p50 ≤ %s  p99 ≤ %s  (its ctoadvisor_ack_seconds histogram: dispatch → Ack queued, bucket bounds)\n",
			ms(seconds(r.botAck[0])), ms(seconds(r.botAck[1])))
	}
	fmt.Fprintf(w, "  step latency    %s  (click sent → next question or card posted)\n", spread(r.stepLat))
	fmt.Fprintf(w, "  start latency   %s  (/cto-advice sent → first question posted)\n", spread(r.startLat))
	if r.missedSlots > 0 {
		fmt.Fprintf(w, "  missed slots    %d (paced actions skipped while a reply was awaited)\n", r.missedSlots)
	}
	if r.cpu.machine > 0 {
		fmt.Fprintf(w, "  CPU             %.2f cores busy in this process, %.2f on the machine (of %d; the rest is Redis, the kernel and other processes); load average %.2f\n",
			r.cpu.self, r.cpu.machine, runtime.NumCPU(), r.load1)
		if sps := r.stepsPerSecond(); sps > 0 {
			fmt.Fprintf(w, "  CPU per step    %.2f ms of this process per answered step (bot, fake Slack and drivers; starts included)\n", r.cpu.self/sps*1000)
		}
	}
	printErrors(w, r)
	if r.redis != nil {
		fmt.Fprintf(w, "  duplicate posts %d (a question or card posted twice in a thread)\n", r.duplicates)
	}
	fmt.Fprintf(w, "  Slack calls     %s per answered step; %s per start (response_url posts included: no Web API tier charges them)\n",
		perStep(r.calls[kindAnswer], r.answers), perStep(r.calls[kindStart], r.starts))
	if r.limited != nil {
		fmt.Fprintf(w, "  rate limited    %s\n", limitedLine(r.limited, r.limitedByTier))
	}
	if r.redis != nil {
		printRedis(w, r)
		fmt.Fprintf(w, "  memory          peak heap %s, RSS %s at the end (the whole process: bot, fake Slack, drivers)\n",
			mib(r.heap), mib(r.rss))
	}
	fmt.Fprintln(w)
}

func printErrors(w io.Writer, r *result) {
	fmt.Fprintf(w, "  errors          %d", r.errorCount())
	var parts []string
	for _, reason := range slices.Sorted(maps.Keys(r.errs)) {
		parts = append(parts, fmt.Sprintf("%d %s", r.errs[reason], reason))
	}
	for _, c := range []struct {
		n    int
		what string
	}{
		{r.unacked, "envelopes never acked"},
		{r.ephemerals, "ephemeral refusals"},
		{int(r.lostPosts), "posts lost by a full mailbox"},
		{r.logErrs, "errors logged"},
	} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(parts, "; "))
	}
	fmt.Fprintln(w)
	if r.logWarns > 0 {
		fmt.Fprintf(w, "  warnings        %d logged by the system (recovered problems; not errors)\n", r.logWarns)
	}
	for _, l := range r.logFirst {
		fmt.Fprintf(w, "                  log: %s\n", l)
	}
}

func printRedis(w io.Writer, r *result) {
	rc := r.redis
	fmt.Fprintf(w, "  Redis trips     %s per answered step, %s per start (client side, a go-redis hook on the bot's client)\n",
		ratio(rc.trips[kindAnswer], r.answers), ratio(rc.trips[kindStart], r.starts))
	if rc.statsErr != nil {
		fmt.Fprintf(w, "  Redis commands  n/a: %v\n", rc.statsErr)
	} else {
		var total int64
		var parts []string
		for _, name := range slices.Sorted(maps.Keys(rc.commands)) {
			total += rc.commands[name]
			parts = append(parts, fmt.Sprintf("%s %d", name, rc.commands[name]))
		}
		fmt.Fprintf(w, "  Redis commands  %s per answered step, starts included (INFO commandstats, all clients: %d = %s)\n",
			ratio(total, r.answers), total, strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "  Redis memory    %s\n", describeKeys("session", rc.sessions))
	fmt.Fprintf(w, "                  %s\n", describeKeys("claim", rc.claims))
}

func describeKeys(what string, ks keyStats) string {
	if ks.err != nil {
		return fmt.Sprintf("%d %s keys; MEMORY USAGE n/a: %v", ks.count, what, ks.err)
	}
	return fmt.Sprintf("%d B per %s key (mean of %d by MEMORY USAGE, max %d B; %d %s keys stored)",
		ks.mean, what, ks.sampled, ks.max, ks.count, what)
}

// spread formats the p50, p99 and max of a sample.
func spread(d durations) string {
	if len(d) == 0 {
		return "no samples"
	}
	return fmt.Sprintf("p50 %s  p99 %s  max %s  (n=%d)", ms(d.quantile(0.50)), ms(d.quantile(0.99)), ms(d.max()), len(d))
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

func mib(b uint64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}

func ratio(n int64, steps int) string {
	if steps == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(n)/float64(steps))
}

// perStep formats calls per step with a breakdown by method.
func perStep(calls map[string]int, steps int) string {
	if steps == 0 {
		return "n/a"
	}
	total := 0
	var parts []string
	for _, method := range slices.Sorted(maps.Keys(calls)) {
		total += calls[method]
		parts = append(parts, fmt.Sprintf("%s %.2f", method, float64(calls[method])/float64(steps)))
	}
	return fmt.Sprintf("%.2f (%s)", float64(total)/float64(steps), strings.Join(parts, ", "))
}

// target is one line of the performance targets.
type target struct {
	name string
	met  bool
	got  string
}

// targets evaluates the performance targets the mode measures, set for a
// Slack that echoes posts and edits; base is the baseline they are defined
// against (a one-button message), or nil.
func targets(cfg config, bot, base *result) []target {
	var ts []target
	switch cfg.mode {
	case paced:
		ts = append(ts,
			target{"ack p99 ≤ 5 ms", bot.ack.quantile(0.99) <= 5*time.Millisecond, ms(bot.ack.quantile(0.99))},
			target{"step latency p99 ≤ 15 ms", bot.stepLat.quantile(0.99) <= 15*time.Millisecond, ms(bot.stepLat.quantile(0.99))},
			target{"no ack above 50 ms", bot.ack.above(50*time.Millisecond) == 0, "max " + ms(bot.ack.max())},
		)
		if sps := bot.stepsPerSecond(); sps > 0 && bot.cpu.self > 0 {
			per := bot.cpu.self / sps * 1000
			ts = append(ts, target{"CPU per answered step ≤ 1.5 ms", per <= 1.5, fmt.Sprintf("%.2f ms (the whole process)", per)})
		}
	case saturated:
		if base != nil && base.stepsPerSecond() > 0 {
			x := bot.stepsPerSecond() / base.stepsPerSecond()
			ts = append(ts, target{"steps/s ≥ 0.6 × baseline", x >= 0.6,
				fmt.Sprintf("%.2f× (%.1f vs %.1f steps/s)", x, bot.stepsPerSecond(), base.stepsPerSecond())})
		}
		ts = append(ts, target{"ack p99 ≤ 20 ms at saturation", bot.ack.quantile(0.99) <= 20*time.Millisecond, ms(bot.ack.quantile(0.99))})
	}
	if rc := bot.redis; rc != nil && bot.answers > 0 {
		trips := float64(rc.trips[kindAnswer]) / float64(bot.answers)
		// In saturated mode a start's last write (where it posted the first
		// question) can be charged to the first answer, which the user sends
		// the moment the question shows; the totals are exact, so allow that
		// drift of a few trips in ten thousand.
		ts = append(ts, target{"≤ 2 Redis round trips per answered step", trips <= 2.005, fmt.Sprintf("%.3f", trips)})
		if rc.sessions.err == nil && rc.sessions.sampled > 0 {
			ts = append(ts, target{"≤ 1 KB of Redis per session", rc.sessions.max <= 1024,
				fmt.Sprintf("max %d B, mean %d B", rc.sessions.max, rc.sessions.mean)})
		}
	}
	if bot.answers > 0 {
		n := 0
		for _, c := range bot.calls[kindAnswer] {
			n += c
		}
		per := float64(n) / float64(bot.answers)
		web := n - bot.calls[kindAnswer]["response_url"]
		ts = append(ts, target{"exactly 2 Slack calls per answered step", n == 2*bot.answers, fmt.Sprintf("%.2f", per)})
		ts = append(ts, target{"no Web API call for a click", web == 0, fmt.Sprintf("%d", web)})
	}
	return ts
}

func printTargets(w io.Writer, cfg config, bot *result, bases []*result) {
	var base *result
	for i, b := range bases {
		if b.stepsPerSecond() == 0 {
			continue
		}
		if i == 0 {
			base = b
		}
		title, _, _ := strings.Cut(b.name, ":")
		fmt.Fprintf(w, "bot / %-32s %.2f× its answered steps per second\n", title, bot.stepsPerSecond()/b.stepsPerSecond())
	}
	if len(bases) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "targets (%s load, set for echoes on; echoes %s in this run)\n", cfg.mode, onOff(cfg.echo))
	for _, t := range targets(cfg, bot, base) {
		verdict := "missed"
		if t.met {
			verdict = "met"
		}
		fmt.Fprintf(w, "  %-44s %-7s %s\n", t.name, verdict, t.got)
	}
}

// limitedLine lists the calls the fake refused with 429, by tier and method.
func limitedLine(byMethod map[string]int, byTier map[fakeslack.Tier]int) string {
	total := 0
	for _, n := range byMethod {
		total += n
	}
	if total == 0 {
		return "0 calls refused with 429 (Slack's rate limits on)"
	}
	var tiers, methods []string
	for _, t := range slices.Sorted(maps.Keys(byTier)) {
		tiers = append(tiers, fmt.Sprintf("%s %d", t, byTier[t]))
	}
	for _, m := range slices.Sorted(maps.Keys(byMethod)) {
		methods = append(methods, fmt.Sprintf("%s %d", m, byMethod[m]))
	}
	return fmt.Sprintf("%d calls refused with 429: by tier %s; by method %s",
		total, strings.Join(tiers, ", "), strings.Join(methods, ", "))
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}
