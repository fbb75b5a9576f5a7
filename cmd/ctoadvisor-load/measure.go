package main

import (
	"encoding/json"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

// result is what one system did under one load.
type result struct {
	name     string
	window   time.Duration
	sessions int

	starts, answers   int // sent
	answersInWindow   int // answered, the reply posted before the window closed
	ack, ackWritten   durations
	stepLat, startLat durations
	missedSlots       int // paced: slots skipped while a reply was awaited

	errs       map[string]int // by reason
	unacked    int
	ephemerals int // refusals the bot whispered: a step it did not take
	duplicates int
	lostPosts  int64
	logWarns   int
	logErrs    int
	logFirst   []string

	botAck [2]float64 // the bot's own ack histogram: bucket bounds of p50 and p99, seconds
	load1  float64    // 1-minute load average as the window closed
	cpu    cpuShare   // cores busy during the window

	question []slack.Block // the bot's first question, for the second baseline

	calls         [numKinds]map[string]int // Web API calls by step kind and method
	limited       map[string]int           // calls the fake refused with 429, by method
	limitedByTier map[fakeslack.Tier]int   // the same by rate-limit tier
	redis         *redisCost               // nil for the baseline
	heap          uint64                   // peak of the heap's objects
	rss           uint64                   // resident memory, bytes
}

// stepsPerSecond is the answered steps completed in the window, per second.
func (r *result) stepsPerSecond() float64 {
	return float64(r.answersInWindow) / r.window.Seconds()
}

// errorCount is every failure the run saw. The system's warnings are
// reported beside it, not in it: at Warn it logs what it recovered from.
func (r *result) errorCount() int {
	n := r.unacked + r.ephemerals + int(r.lostPosts) + r.logErrs
	for _, c := range r.errs {
		n += c
	}
	return n
}

// collect turns the drivers' records and the fake's into a result.
func collect(name string, ws *workspace, drivers []*driver, start, end time.Time, missed int, sys *system) *result {
	r := &result{name: name, window: end.Sub(start), sessions: len(drivers), missedSlots: missed, errs: map[string]int{}}
	acks := map[string]time.Time{}
	for _, a := range ws.fake.Acks() {
		if _, seen := acks[a.EnvelopeID]; !seen {
			acks[a.EnvelopeID] = a.At
		}
	}
	written := map[string]time.Time{}
	for _, d := range ws.fake.Deliveries() {
		if _, seen := written[d.EnvelopeID]; !seen {
			written[d.EnvelopeID] = d.At
		}
	}
	for _, d := range drivers {
		for reason, n := range d.errs {
			r.errs[reason] += n
		}
		for _, s := range d.steps {
			r.addStep(s, acks, written, end)
		}
	}
	calls := ws.fake.Calls("")
	// A post to a response_url costs Slack a call too, charged to no Web
	// API tier: counted with the calls, under "response_url".
	for _, p := range ws.fake.ResponsePosts() {
		calls = append(calls, fakeslack.Call{Method: "response_url", Form: url.Values{"channel": {p.Channel}}, At: p.At})
	}
	r.calls = apiCost(calls, ws, drivers)
	r.ephemerals = len(ws.fake.Calls("chat.postEphemeral"))
	r.lostPosts = ws.obs.lost.Load()
	r.logWarns, r.logErrs, r.logFirst = sys.logs.counts()
	if sys.metrics != nil {
		r.botAck = histogramBounds(sys.metrics, "ctoadvisor_ack_seconds", 0.50, 0.99)
	}
	for _, l := range []*durations{&r.ack, &r.ackWritten, &r.stepLat, &r.startLat} {
		l.sort()
	}
	return r
}

func (r *result) addStep(s step, acks, written map[string]time.Time, end time.Time) {
	switch s.kind {
	case kindStart:
		r.starts++
	case kindAnswer:
		r.answers++
	}
	if at, ok := acks[s.envelope]; ok {
		r.ack = append(r.ack, at.Sub(s.sent))
		// The fake stamps a delivery once its write has returned and it
		// holds its lock again, which a quick ack can beat: clamp at 0.
		r.ackWritten = append(r.ackWritten, max(0, at.Sub(written[s.envelope])))
	} else {
		r.unacked++
	}
	if s.posted.IsZero() {
		return
	}
	switch s.kind {
	case kindStart:
		r.startLat = append(r.startLat, s.posted.Sub(s.sent))
	case kindAnswer:
		r.stepLat = append(r.stepLat, s.posted.Sub(s.sent))
		if !s.posted.After(end) {
			r.answersInWindow++
		}
	}
}

// durations is a sample of latencies, sorted before it is read.
type durations []time.Duration

func (d durations) sort() { slices.Sort(d) }

// quantile returns the q-quantile by the nearest-rank method; 0 if empty.
func (d durations) quantile(q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(q*float64(len(d))+0.999999999) - 1
	return d[min(max(i, 0), len(d)-1)]
}

func (d durations) max() time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[len(d)-1]
}

// above counts the latencies over limit.
func (d durations) above(limit time.Duration) int {
	i := sort.Search(len(d), func(i int) bool { return d[i] > limit })
	return len(d) - i
}

// apiCost charges every Web API call to the step that caused it: the last
// step its session sent before the call reached the fake. A call names its
// session by channel (chat.*) or by user (users.info). Calls of no session
// (auth.test, apps.connections.open) are charged to kindOther.
func apiCost(calls []fakeslack.Call, ws *workspace, drivers []*driver) [numKinds]map[string]int {
	var out [numKinds]map[string]int
	for k := range out {
		out[k] = map[string]int{}
	}
	for _, c := range calls {
		k := kindOther
		m := ws.byID[c.Form.Get("channel")]
		if m == nil {
			m = ws.byID[c.Form.Get("user")]
		}
		if m != nil {
			steps := drivers[m.index].steps
			// steps are in sending order, one at a time per driver
			i := sort.Search(len(steps), func(i int) bool { return steps[i].sent.After(c.At) })
			if i > 0 {
				k = steps[i-1].kind
			}
		}
		out[k][c.Method]++
	}
	return out
}

// duplicates counts questions and cards posted more than once in a
// thread. Each carries its actions block ID (ask:<asked>, card:<rev>),
// which the bot never reuses within a thread, so a repeated ID is the
// same message posted twice.
func duplicates(posts []fakeslack.Call) int {
	seen := map[string]bool{}
	dups := 0
	for _, c := range posts {
		thread := c.Form.Get("thread_ts")
		if thread == "" || c.RateLimited { // a refused call posted nothing
			continue
		}
		var blocks []wireBlock
		if json.Unmarshal([]byte(c.Form.Get("blocks")), &blocks) != nil {
			continue
		}
		for _, b := range blocks {
			if b.Type != "actions" || b.BlockID == "" {
				continue
			}
			key := c.Form.Get("channel") + "/" + thread + "/" + b.BlockID
			if seen[key] {
				dups++
			}
			seen[key] = true
		}
	}
	return dups
}

// heapSampler records the peak of the heap's objects (live and not yet
// swept), read through runtime/metrics, which does not stop the world.
type heapSampler struct {
	peak atomic.Uint64
	stop chan struct{}
	done chan struct{}
}

const heapObjects = "/memory/classes/heap/objects:bytes"

func startHeapSampler(every time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			h.sample()
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) sample() {
	h.peak.Store(max(h.peak.Load(), heapNow()))
}

// finish stops sampling and returns the peak.
func (h *heapSampler) finish() uint64 {
	close(h.stop)
	<-h.done
	h.sample()
	return h.peak.Load()
}

func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// self reads this process's CPU time and resident memory from the
// Prometheus process collector, the one serve exports on /metrics.
var self = func() func() (cpuSeconds float64, rss uint64) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return func() (cpuSeconds float64, rss uint64) {
		mfs, _ := reg.Gather()
		for _, mf := range mfs {
			if len(mf.GetMetric()) == 0 {
				continue
			}
			switch m := mf.GetMetric()[0]; mf.GetName() {
			case "process_cpu_seconds_total":
				cpuSeconds = m.GetCounter().GetValue()
			case "process_resident_memory_bytes":
				rss = uint64(m.GetGauge().GetValue())
			}
		}
		return cpuSeconds, rss
	}
}()

// histogramBounds returns, for each quantile, the upper bound of the first
// bucket of the named histogram that holds it; 0 when there is none.
func histogramBounds(reg *prometheus.Registry, name string, qs ...float64) [2]float64 {
	var out [2]float64
	mfs, err := reg.Gather()
	if err != nil {
		return out
	}
	for _, mf := range mfs {
		if mf.GetName() != name || len(mf.GetMetric()) == 0 {
			continue
		}
		h := mf.GetMetric()[0].GetHistogram()
		for i, q := range qs[:min(len(qs), len(out))] {
			rank := q * float64(h.GetSampleCount())
			for _, b := range h.GetBucket() {
				if float64(b.GetCumulativeCount()) >= rank {
					out[i] = b.GetUpperBound()
					break
				}
			}
		}
	}
	return out
}

// loadAverage is the 1-minute load average from /proc/loadavg, or 0.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _, _ := strings.Cut(string(b), " ")
	l, _ := strconv.ParseFloat(f, 64)
	return l
}

// cpuTimes are cumulative CPU times: the machine's busy and total clock
// ticks over all cores, and this process's own CPU seconds at a moment.
type cpuTimes struct {
	busy, total uint64
	self        float64
	at          time.Time
}

// readCPU reads /proc/stat (zeros where there is none) and this process's
// CPU time.
func readCPU() cpuTimes {
	c := cpuTimes{at: time.Now()}
	c.self, _ = self()
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		fields := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal …
		for i, f := range fields[1:] {
			n, _ := strconv.ParseUint(f, 10, 64)
			c.total += n
			if i != 3 && i != 4 { // idle and iowait
				c.busy += n
			}
		}
	}
	return c
}

// cpuShare is how many cores were busy between two readings: in all, and
// in this process.
type cpuShare struct{ machine, self float64 }

func (c cpuTimes) since(before cpuTimes) cpuShare {
	var share cpuShare
	if total := float64(c.total - before.total); total > 0 {
		share.machine = float64(c.busy-before.busy) / total * float64(runtime.NumCPU())
	}
	if wall := c.at.Sub(before.at).Seconds(); wall > 0 {
		share.self = (c.self - before.self) / wall
	}
	return share
}
