package bot

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
)

// The flood's size. Every go test runs a small one; BENCHMARKS.md's
// figures come from the one the product promises:
//
//	go test ./bot -run TestBotFloodBounded -flood 20000 -flood-for 10s -v
var (
	floodN   = flag.Int("flood", 2000, "envelopes TestBotFloodBounded sends")
	floodFor = flag.Duration("flood-for", time.Second, "how long TestBotFloodBounded takes to send them")
	// The small flood meets a small bound — one handler, 50 ms a Redis
	// call, eight queued — so that even a slow machine (the race detector
	// on two busy cores) delivers faster than the bot drains; the measured
	// run uses the product's defaults (0).
	floodQueue    = flag.Int("flood-queue", 8, "MaxQueued in TestBotFloodBounded (0: the default)")
	floodHandlers = flag.Int("flood-handlers", 1, "MaxHandlers in TestBotFloodBounded (0: the default)")
	floodStop     = flag.Float64("flood-stop", 0.5, "when TestBotFloodBounded shuts the bot down, as a fraction of -flood-for")
)

// slowProxy forwards TCP connections to target, holding every chunk Redis
// sends back for delay: a Redis 50 ms slower, as a congested network or an
// overloaded server makes it. Order is kept; throughput is not limited.
func slowProxy(t *testing.T, target string, delay time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			mu.Lock()
			conns = append(conns, client, server)
			mu.Unlock()
			wg.Go(func() { _, _ = io.Copy(server, client); server.Close() })
			wg.Go(func() { delayCopy(client, server, delay); client.Close() })
		}
	})
	return ln.Addr().String()
}

// delayCopy copies src to dst, each chunk delay after it was read.
func delayCopy(dst io.Writer, src io.Reader, delay time.Duration) {
	type chunk struct {
		at   time.Time
		data []byte
	}
	chunks := make(chan chunk, 1024)
	var wg sync.WaitGroup
	wg.Go(func() {
		for c := range chunks {
			time.Sleep(time.Until(c.at)) // the delay is the point of this proxy
			if _, err := dst.Write(c.data); err != nil {
				for range chunks {
				}
				return
			}
		}
	})
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			chunks <- chunk{at: time.Now().Add(delay), data: append([]byte(nil), buf[:n]...)}
		}
		if err != nil {
			break
		}
	}
	close(chunks)
	wg.Wait()
}

// slowRedis returns a store whose every reply comes 50 ms late: on the
// Redis at REDIS_URL when set, else on a miniredis.
func slowRedis(t *testing.T) dialog.Store {
	t.Helper()
	prefix := fmt.Sprintf("test:%s:%d", t.Name(), time.Now().UnixNano())
	target, db := "", ""
	if u := os.Getenv("REDIS_URL"); u != "" {
		pu, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		target, db = pu.Host, pu.Path
		t.Cleanup(func() { deleteKeys(t, u, prefix) })
	} else {
		target = miniredis.RunT(t).Addr()
	}
	rdb, err := redisstore.NewClient(redisstore.ClientConfig{URL: "redis://" + slowProxy(t, target, 50*time.Millisecond) + db})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	return redisstore.New(rdb, redisstore.Options{Prefix: prefix, TTL: time.Hour})
}

// rssBytes is this process's resident memory now.
func rssBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestBotFloodBounded floods the bot with thread replies while Redis
// answers 50 ms late, then shuts it down in the middle, as a SIGTERM does.
// Work queued is bounded by MaxQueued, not by the flood: goroutines stay
// flat, memory too, the envelopes past the bound are left unacknowledged
// for Slack to redeliver, those over a sender's cap are acknowledged with
// a "one moment" to the sender, and every envelope acknowledged is handled
// before Run returns.
func TestBotFloodBounded(t *testing.T) {
	const bystanders = 200
	fake := newWorkspace(t)
	fake.SetRateLimits(false) // the bot's bounds under test, not Slack's
	for i := range bystanders {
		fake.AddUser(fakeslack.User{ID: fmt.Sprintf("U0BY%03d", i), Name: fmt.Sprintf("by%03d", i), Locale: "en-US"})
	}
	b, logs := rig{opts: func(o *Options) {
		o.MaxQueued, o.MaxHandlers = *floodQueue, *floodHandlers
		o.DrainTimeout = 10 * time.Second
	}}.newBot(t, fake, slowRedis(t), "xoxb-test-token")
	maxQueued := b.opts.MaxQueued
	ctx, stop := context.WithCancel(context.WithoutCancel(t.Context()))
	defer stop()
	want := fake.Connections() + 1
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	wctx, wcancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer wcancel()
	if err := fake.WaitConnections(wctx, want); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("bot log (tail):\n%s", tail(logs.String(), 40))
		}
	}()

	baseGoroutines, baseRSS := runtime.NumGoroutine(), rssBytes()
	var (
		mu   sync.Mutex
		sent []string
	)
	// People replying in threads that are not dialogs: each costs the bot
	// a Redis read, 50 ms late, before it knows to stay quiet.
	sender := make(chan struct{})
	go func() {
		defer close(sender)
		start := time.Now()
		for i := range *floodN {
			if ctx.Err() != nil {
				return
			}
			id := fake.SendMessage(fakeslack.Message{
				User: fmt.Sprintf("U0BY%03d", i%bystanders), Channel: general,
				ThreadTS: fmt.Sprintf("1600000000.%06d", i%5000), Text: "sounds good",
			})
			mu.Lock()
			sent = append(sent, id)
			mu.Unlock()
			// The flood's pace: n envelopes spread over the duration.
			if ahead := time.Duration(i+1) * *floodFor / time.Duration(*floodN); ahead > time.Since(start) {
				time.Sleep(ahead - time.Since(start))
			}
		}
	}()

	// Sample while the flood runs; shut down half way through it.
	peakGoroutines, peakRSS := baseGoroutines, baseRSS
	sample := time.NewTicker(10 * time.Millisecond)
	defer sample.Stop()
	halfway := time.After(time.Duration(float64(*floodFor) * *floodStop))
	var stopped time.Time
	for stopped.IsZero() {
		select {
		case <-sample.C:
			peakGoroutines = max(peakGoroutines, runtime.NumGoroutine())
			peakRSS = max(peakRSS, rssBytes())
		case <-halfway:
			stopped = time.Now()
			stop()
		}
	}
	var runErr error
	for waiting := true; waiting; {
		select {
		case <-sample.C:
			peakGoroutines = max(peakGoroutines, runtime.NumGoroutine())
			peakRSS = max(peakRSS, rssBytes())
		case runErr = <-done:
			waiting = false
		}
	}
	drained := time.Since(stopped)
	<-sender
	if runErr != nil {
		t.Fatalf("Run: %v", runErr)
	}

	mu.Lock()
	flood := map[string]bool{}
	for _, id := range sent {
		flood[id] = true
	}
	mu.Unlock()
	acked := 0
	for _, a := range fake.Acks() {
		if flood[a.EnvelopeID] {
			acked++
		}
	}
	admitted, finished := b.work.admittedN.Load(), b.work.finishedN.Load()
	shedBusy := counter(t, b.metrics.shed.WithLabelValues("busy"))
	shedFull := counter(t, b.metrics.shed.WithLabelValues("full"))
	told := counter(t, b.metrics.shed.WithLabelValues("told"))

	t.Logf("flood: %d envelopes sent in %v (the shutdown at %.0f%% of it); acknowledged %d = %d queued + %d over a sender's cap (%d 'one moment' notes); %d left unacknowledged for Slack to redeliver",
		len(flood), *floodFor, 100**floodStop, acked, admitted-told, shedBusy, told, shedFull)
	t.Logf("shutdown: Run returned %v after the cancel, %d of %d queued jobs handled", drained.Round(time.Millisecond), finished, admitted)
	t.Logf("bounds: MaxQueued %d, MaxHandlers %d", maxQueued, b.opts.MaxHandlers)
	t.Logf("goroutines: %d before, %d at most (MaxQueued %d); RSS: %.1f MB before, %.1f MB at most (race detector: %v)",
		baseGoroutines, peakGoroutines, maxQueued, float64(baseRSS)/(1<<20), float64(peakRSS)/(1<<20), raceEnabled)

	if finished != admitted {
		t.Errorf("%d jobs queued (so acknowledged) but only %d handled when Run returned: the shutdown dropped acknowledged work", admitted, finished)
	}
	if int64(acked) != admitted-told+shedBusy {
		t.Errorf("%d flood envelopes acknowledged, want the %d queued plus the %d shed with a note to their sender", acked, admitted-told, shedBusy)
	}
	if shedBusy > 0 && told == 0 {
		t.Error("envelopes were shed over a sender's cap, and nobody was told")
	}
	if got := len(fake.Calls("chat.postEphemeral")); int64(got) != told {
		t.Errorf("%d 'one moment' notes queued, %d reached Slack: a note was dropped", told, got)
	}
	if shedFull == 0 {
		t.Error("no envelope met the replica's cap: the flood did not test the bound")
	}
	if grew := peakGoroutines - baseGoroutines; grew > maxQueued+100 {
		t.Errorf("goroutines grew by %d under the flood, want at most about MaxQueued (%d)", grew, maxQueued)
	}
	if drained > 10*time.Second {
		t.Errorf("shutdown took %v, want within the 10 s drain budget", drained)
	}
	if !raceEnabled && peakRSS > 150<<20 {
		t.Errorf("RSS peaked at %.0f MB, want under 150 MB", float64(peakRSS)/(1<<20))
	}
	if errors.Is(ctx.Err(), context.Canceled) && len(flood) == *floodN {
		t.Log("the sender finished before the shutdown: the shutdown came late")
	}
}

// counter reads a Prometheus counter's value.
func counter(t *testing.T, c prometheus.Counter) int64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	return int64(m.GetCounter().GetValue())
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
