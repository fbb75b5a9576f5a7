package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The offsite mode is a leadership offsite: a few dozen people run
// /cto-advice in the same channel within seconds of each other, and each
// answers every few seconds, by button mostly, sometimes by typing the
// option's number. Slack's rate limits are on in the fake, as in Slack:
// one chat.postMessage a second per channel with short bursts, 50
// chat.update a minute per workspace, five posts per response_url. What
// is measured is what the people see: how long after a click or a typed
// answer the next question shows, whether any of them is told something
// went wrong, whether anything is posted twice.

// offsiteChannel is the one channel everybody starts in.
const offsiteChannel = "COFFSITE0"

// offsiteKind is what a person did.
type offsiteKind int

const (
	offStart offsiteKind = iota // /cto-advice until the first question shows
	offClick                    // a click until the next question (or the card) shows
	offTyped                    // a typed answer until the next question (or the card) shows
	numOffsiteKinds
)

func (k offsiteKind) String() string {
	return [...]string{"start", "click", "typed"}[k]
}

// offsiteStep is one action and when its outcome showed.
type offsiteStep struct {
	kind       offsiteKind
	sent, seen time.Time // seen is zero when it never showed
}

// person plays one participant.
type person struct {
	i      int
	user   string
	rnd    *rand.Rand
	fake   *fakeslack.Server
	cfg    config
	root   string // the thread's ts, once it shows
	steps  []offsiteStep
	failed string // why the dialog did not complete; "" when it did
}

// offsiteTest runs the offsite and prints its report.
func offsiteTest(ctx context.Context, cfg config, stdout io.Writer) (failed bool, err error) {
	tb, err := openTestbed(ctx, cfg)
	if err != nil {
		return false, err
	}
	defer func() { err = firstError(err, tb.close()) }()

	ws := offsiteWorkspace(cfg.users)
	defer ws.close()
	rdb, err := openRedis(ctx, cfg.redisURL)
	if err != nil {
		return false, err
	}
	defer rdb.Close()
	sys, err := startBot(ctx, cfg, ws, tb.kb, rdb, tb.prefix)
	if err != nil {
		return false, err
	}

	start := time.Now()
	people := make([]*person, cfg.users)
	var wg sync.WaitGroup
	for i := range people {
		p := &person{i: i, user: fmt.Sprintf("ULOAD%05d", i), fake: ws.fake, cfg: cfg,
			rnd: rand.New(rand.NewPCG(uint64(cfg.seed), uint64(i)))}
		people[i] = p
		wg.Go(func() { p.run(ctx, start) })
	}
	wg.Wait()
	end := time.Now()
	// Let the last echoes and edits land before counting what is on screen.
	settle(ws.fake)
	stopErr := sys.stop()
	if err := firstError(ctx.Err(), stopErr); err != nil {
		return false, err
	}
	r := offsiteReport(cfg, ws.fake, people, end.Sub(start), sys, queuedPrefixes(tb.kb))
	r.print(stdout)
	return !r.ok(), nil
}

// offsiteWorkspace is a fake Slack with Slack's rate limits on and one
// channel holding every participant.
func offsiteWorkspace(n int) *workspace {
	w := &workspace{fake: fakeslack.New(), byID: map[string]*member{}}
	w.fake.SetRateLimits(true)
	members := []string{fakeslack.BotUserID}
	for i := range n {
		u := fmt.Sprintf("ULOAD%05d", i)
		locale := "en-US"
		if i%3 == 2 {
			locale = "fr-FR"
		}
		w.fake.AddUser(fakeslack.User{ID: u, Name: fmt.Sprintf("exec%02d", i), Locale: locale})
		members = append(members, u)
	}
	w.fake.AddChannel(fakeslack.Channel{ID: offsiteChannel, Name: "leadership-offsite", BotIsMember: true, Members: members})
	w.obs = &observer{next: &http.Client{Timeout: 10 * time.Second, Transport: keepAlive(n)}, members: w.byID}
	return w
}

// settle waits until the fake has seen nothing new for half a second.
func settle(fake *fakeslack.Server) {
	for {
		select {
		case <-fake.Changed():
		case <-time.After(500 * time.Millisecond):
			return
		}
	}
}

// run is one participant's offsite: start within the first -start-within,
// answer each question after 3–8 s of thought, until the card.
func (p *person) run(ctx context.Context, start time.Time) {
	at := start.Add(time.Duration(p.rnd.Int64N(int64(p.cfg.startWithin))))
	if !sleepUntil(ctx, at) {
		return
	}
	sent := time.Now()
	p.fake.SendSlashCommand(fakeslack.SlashCommand{User: p.user, Channel: offsiteChannel})
	root, _, ok := p.await(ctx, p.cfg.startTimeout, func(posts []fakeslack.Post) (fakeslack.Post, bool) {
		for _, m := range posts {
			if m.ThreadTS == "" && strings.Contains(m.Text, "<@"+p.user+">") {
				return m, true
			}
		}
		return fakeslack.Post{}, false
	})
	if !ok {
		p.fail(offStart, sent, "the thread never opened")
		return
	}
	p.root = root.TS
	q, seen, ok := p.await(ctx, p.cfg.startTimeout, p.inThread("ask:1"))
	if !ok {
		p.fail(offStart, sent, "the first question never showed")
		return
	}
	p.steps = append(p.steps, offsiteStep{kind: offStart, sent: sent, seen: seen})

	for n := 1; n <= len(knowledge.Questions); n++ {
		think := p.cfg.thinkMin + time.Duration(p.rnd.Int64N(int64(p.cfg.thinkMax-p.cfg.thinkMin)+1))
		if !sleepUntil(ctx, time.Now().Add(think)) {
			return
		}
		next := "ask:" + strconv.Itoa(n+1)
		if n == len(knowledge.Questions) {
			next = "card:1"
		}
		buttons := answerButtons(q)
		if len(buttons) == 0 {
			p.fail(offClick, time.Now(), "a question without buttons")
			return
		}
		choice := p.rnd.IntN(len(buttons))
		kind := offClick
		sent := time.Now()
		if p.rnd.Float64() < p.cfg.typed {
			kind = offTyped
			p.fake.SendMessage(fakeslack.Message{User: p.user, Channel: offsiteChannel, ThreadTS: p.root, Text: strconv.Itoa(choice + 1)})
		} else {
			b := buttons[choice]
			p.fake.SendBlockAction(fakeslack.BlockAction{User: p.user, Channel: offsiteChannel, MessageTS: q.TS, ThreadTS: p.root,
				ActionID: b.action, BlockID: b.block, Value: b.value})
		}
		nq, seen, ok := p.await(ctx, p.cfg.timeout, p.inThread(next))
		if !ok {
			p.fail(kind, sent, "no "+next+" after a "+kind.String())
			return
		}
		p.steps = append(p.steps, offsiteStep{kind: kind, sent: sent, seen: seen})
		q = nq
	}
}

func (p *person) fail(k offsiteKind, sent time.Time, why string) {
	p.steps = append(p.steps, offsiteStep{kind: k, sent: sent})
	p.failed = why
}

// inThread finds the post of the person's thread with an actions block
// whose block_id is block, or block followed by ":" and more (a card's
// carries its language).
func (p *person) inThread(block string) func([]fakeslack.Post) (fakeslack.Post, bool) {
	return func(posts []fakeslack.Post) (fakeslack.Post, bool) {
		for _, m := range posts {
			if m.ThreadTS != p.root || m.TS == p.root {
				continue
			}
			if slices.ContainsFunc(actionBlocks(m), func(id string) bool { return id == block || strings.HasPrefix(id, block+":") }) {
				return m, true
			}
		}
		return fakeslack.Post{}, false
	}
}

// await watches the channel until find finds a post, and returns when it
// was first seen; ok is false after timeout.
func (p *person) await(ctx context.Context, timeout time.Duration, find func([]fakeslack.Post) (fakeslack.Post, bool)) (fakeslack.Post, time.Time, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		changed := p.fake.Changed() // taken before the look, so no change is missed
		if m, ok := find(p.fake.Messages(offsiteChannel)); ok {
			return m, time.Now(), true
		}
		select {
		case <-changed:
		case <-deadline.C:
			return fakeslack.Post{}, time.Time{}, false
		case <-ctx.Done():
			return fakeslack.Post{}, time.Time{}, false
		}
	}
}

func sleepUntil(ctx context.Context, t time.Time) bool {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// offsiteButton is an answer button as a person clicks it.
type offsiteButton struct{ block, action, value string }

func answerButtons(m fakeslack.Post) []offsiteButton {
	var blocks []wireBlock
	if json.Unmarshal(m.Blocks, &blocks) != nil {
		return nil
	}
	var out []offsiteButton
	for _, b := range blocks {
		for _, e := range b.Elements {
			if strings.HasPrefix(e.ActionID, answerPrefix) {
				out = append(out, offsiteButton{block: b.BlockID, action: e.ActionID, value: e.Value})
			}
		}
	}
	return out
}

// actionBlocks is the block_ids of a post's actions blocks.
func actionBlocks(m fakeslack.Post) []string {
	var blocks []wireBlock
	if json.Unmarshal(m.Blocks, &blocks) != nil {
		return nil
	}
	var ids []string
	for _, b := range blocks {
		if b.Type == "actions" {
			ids = append(ids, b.BlockID)
		}
	}
	return ids
}

// offsiteResult is what the report says.
type offsiteResult struct {
	cfg        config
	wall       time.Duration
	completed  int
	failures   map[string]int
	notes      map[string]int // ephemeral notes and response_url replies the people got
	queued     int            // of which "your thread opens in about N seconds"
	duplicates []string
	latency    [numOffsiteKinds][]time.Duration
	calls      map[string]int // Web API calls by method, response_url posts included
	limited    map[string]map[offsiteKind]int
	tiers      map[string]fakeslack.Tier
	warns      int
	errs       int
	firstLogs  []string
}

// queuedPrefixes is how the note "your thread opens in about N seconds"
// begins, in each language.
func queuedPrefixes(kb *knowledge.Base) []string {
	var out []string
	for _, l := range knowledge.Langs {
		q := kb.Text(l).Phrases.Queued
		if i := strings.Index(q, "%"); i > 0 {
			out = append(out, q[:i])
		}
	}
	return out
}

func offsiteReport(cfg config, fake *fakeslack.Server, people []*person, wall time.Duration, sys *system, queued []string) *offsiteResult {
	r := &offsiteResult{cfg: cfg, wall: wall, failures: map[string]int{}, notes: map[string]int{},
		calls: map[string]int{}, limited: map[string]map[offsiteKind]int{}, tiers: map[string]fakeslack.Tier{}}
	byThread := map[string]*person{}
	for _, p := range people {
		if p.failed == "" {
			r.completed++
		} else {
			r.failures[p.failed]++
		}
		for _, s := range p.steps {
			if !s.seen.IsZero() {
				r.latency[s.kind] = append(r.latency[s.kind], s.seen.Sub(s.sent))
			}
		}
		if p.root != "" {
			byThread[p.root] = p
		}
	}
	for _, e := range fake.Ephemerals() {
		r.notes[e.Text]++
	}
	for _, rp := range fake.ResponsePosts() {
		r.calls["response_url"]++
		if rp.ReplaceOriginal || rp.ResponseType == "in_channel" {
			continue
		}
		// An ephemeral reply to a command or a click: a wait announced is
		// not an error, anything else is.
		if slices.ContainsFunc(queued, func(p string) bool { return strings.HasPrefix(rp.Text, p) }) {
			r.queued++
			continue
		}
		r.notes[rp.Text]++
	}
	r.duplicates = offsiteDuplicates(fake.Messages(offsiteChannel))
	limits := fake.Limits()
	for _, c := range fake.Calls("") {
		r.calls[c.Method]++
		if !c.RateLimited {
			continue
		}
		if r.limited[c.Method] == nil {
			r.limited[c.Method] = map[offsiteKind]int{}
		}
		r.limited[c.Method][stepAt(byThread, fake, c)]++
		r.tiers[c.Method] = limits[c.Method].Tier
	}
	if n := fake.RateLimited()["response_url"]; n > 0 {
		r.limited["response_url"] = map[offsiteKind]int{offClick: n}
		r.tiers["response_url"] = fakeslack.TierRespURL
	}
	r.warns, r.errs, r.firstLogs = sys.logs.counts()
	return r
}

// stepAt is the step the person whose thread a refused call belongs to
// was in when it was made; calls outside any thread belong to starts.
func stepAt(byThread map[string]*person, fake *fakeslack.Server, c fakeslack.Call) offsiteKind {
	thread := c.Form.Get("thread_ts")
	if thread == "" && c.Form.Get("ts") != "" {
		if m, ok := fake.Message(offsiteChannel, c.Form.Get("ts")); ok {
			thread = m.ThreadTS
		}
	}
	p := byThread[thread]
	if p == nil {
		return offStart
	}
	for _, s := range p.steps {
		end := s.seen
		if end.IsZero() {
			end = s.sent.Add(p.cfg.timeout)
		}
		if !c.At.Before(s.sent) && !c.At.After(end) {
			return s.kind
		}
	}
	return offStart
}

// offsiteDuplicates lists what shows twice: a thread's root, or one asking
// of a question (its ask:N block) or one card revision, in one thread.
func offsiteDuplicates(posts []fakeslack.Post) []string {
	seen := map[string]int{}
	for _, m := range posts {
		if m.ThreadTS == "" {
			seen["root "+m.Text]++
			continue
		}
		for _, id := range actionBlocks(m) {
			if strings.HasPrefix(id, "ask:") || strings.HasPrefix(id, "card:") {
				seen[m.ThreadTS+" "+id]++
			}
		}
	}
	var dups []string
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		if seen[k] > 1 {
			dups = append(dups, fmt.Sprintf("%s ×%d", k, seen[k]))
		}
	}
	return dups
}

func (r *offsiteResult) ok() bool {
	return r.completed == r.cfg.users && len(r.notes) == 0 && len(r.duplicates) == 0
}

// Targets of the offsite (what a person waits for, at the 99th percentile).
const (
	clickTarget = 2 * time.Second
	typedTarget = 5 * time.Second
)

func (r *offsiteResult) print(w io.Writer) {
	c := r.cfg
	fmt.Fprintf(w, "offsite: %d people in one channel, /cto-advice within %v, an answer every %v–%v (%.0f%% typed), Slack's rate limits on in the fake, seed %d\n",
		c.users, c.startWithin, c.thinkMin, c.thinkMax, 100*c.typed, c.seed)
	fmt.Fprintf(w, "  wall time       %v\n", r.wall.Round(100*time.Millisecond))
	fmt.Fprintf(w, "  dialogs         %d of %d reached the card\n", r.completed, c.users)
	for _, why := range slices.Sorted(maps.Keys(r.failures)) {
		fmt.Fprintf(w, "    not completed: %s ×%d\n", why, r.failures[why])
	}
	notes := 0
	for _, n := range r.notes {
		notes += n
	}
	fmt.Fprintf(w, "  told to wait    %d (\"your thread opens in about N seconds\")\n", r.queued)
	fmt.Fprintf(w, "  notes to people %d (ephemeral notes or error replies; want 0)\n", notes)
	for _, t := range slices.Sorted(maps.Keys(r.notes)) {
		fmt.Fprintf(w, "    %q ×%d\n", truncate(t, 100), r.notes[t])
	}
	fmt.Fprintf(w, "  duplicate posts %d\n", len(r.duplicates))
	for _, d := range r.duplicates {
		fmt.Fprintf(w, "    %s\n", d)
	}
	fmt.Fprintln(w, "  latency, from the action to the next question (or card) showing in the thread:")
	for k := range numOffsiteKinds {
		fmt.Fprintf(w, "    %-6s %s\n", k, percentiles(r.latency[k]))
	}
	var methods []string
	for _, m := range slices.Sorted(maps.Keys(r.calls)) {
		methods = append(methods, fmt.Sprintf("%s %d", m, r.calls[m]))
	}
	steps := len(r.latency[offClick]) + len(r.latency[offTyped])
	fmt.Fprintf(w, "  Slack calls     %s (for %d starts and %d answers)\n", strings.Join(methods, ", "), len(r.latency[offStart]), steps)
	if len(r.limited) == 0 {
		fmt.Fprintln(w, "  rate limited    0 calls refused with 429")
	} else {
		fmt.Fprintln(w, "  rate limited    calls refused with 429, by tier, method and the step they served:")
		for _, m := range slices.Sorted(maps.Keys(r.limited)) {
			var by []string
			for k := range numOffsiteKinds {
				if n := r.limited[m][k]; n > 0 {
					by = append(by, fmt.Sprintf("%s %d", k, n))
				}
			}
			fmt.Fprintf(w, "    %-12s %-22s %s\n", r.tiers[m], m, strings.Join(by, ", "))
		}
	}
	fmt.Fprintf(w, "  bot log         %d warnings, %d errors\n", r.warns, r.errs)
	for _, l := range r.firstLogs {
		fmt.Fprintf(w, "    %s\n", l)
	}
	fmt.Fprintln(w, "targets:")
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	fmt.Fprintf(w, "  %-40s %-7s %d/%d\n", "every dialog completes", verdict(r.completed == c.users), r.completed, c.users)
	fmt.Fprintf(w, "  %-40s %-7s %d\n", "no person sees an error", verdict(notes == 0), notes)
	fmt.Fprintf(w, "  %-40s %-7s %d\n", "no duplicate post", verdict(len(r.duplicates) == 0), len(r.duplicates))
	cp, tp := pct(r.latency[offClick], 0.99), pct(r.latency[offTyped], 0.99)
	fmt.Fprintf(w, "  %-40s %-7s %v\n", "click → next question p99 ≤ 2 s", verdict(cp <= clickTarget), cp.Round(time.Millisecond))
	fmt.Fprintf(w, "  %-40s %-7s %v\n", "typed → next question p99 ≤ 5 s", verdict(tp <= typedTarget), tp.Round(time.Millisecond))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// pct is the q-quantile of ds (nearest rank), 0 for none.
func pct(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(q*float64(len(s))+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	r := func(q float64) time.Duration { return pct(ds, q).Round(time.Millisecond) }
	return fmt.Sprintf("n=%-4d p50 %-8v p95 %-8v p99 %-8v max %v", len(ds), r(0.5), r(0.95), r(0.99), r(1))
}
