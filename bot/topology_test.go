package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/internal/redistopo"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The tests of this file run the bot on a real Redis Cluster and Sentinel
// set: the shared ones CI starts (REDIS_CLUSTER_TEST_ADDRS,
// REDIS_SENTINEL_TEST_ADDRS, REDIS_SENTINEL_TEST_MASTER) or that redistopo
// starts from the redis-server on PATH, and, for the failovers, a set of
// their own on ports 7100-7122 whose masters they kill. Without
// redis-server they fail under CI=true and elsewhere log "NOT RUN" and
// pass: the machine lacks what they test.

// failingCreate is a store whose Create fails as Redis does when it is
// down.
type failingCreate struct{ dialog.Store }

func (failingCreate) Create(context.Context, *dialog.Session) error {
	return fmt.Errorf("create: %w", dialog.ErrUnavailable)
}

// TestBotCreateFailureLeavesNoThread: when the session cannot be stored,
// the root message that opened the thread becomes the apology, so the
// channel keeps no thread that invites answers nobody will read.
func TestBotCreateFailureLeavesNoThread(t *testing.T) {
	fake := newWorkspace(t)
	h := rig{}.start(t, fake, failingCreate{newRedisStore(t)})
	h.ack(fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general}))
	want := phrasesIn(knowledge.English).Unavailable
	deadline := time.Now().Add(5 * time.Second)
	for {
		posts := fake.Messages(general)
		if len(posts) == 1 && posts[0].Updated == 1 && posts[0].Text == want {
			if strings.Contains(string(posts[0].Blocks), "thread") {
				t.Errorf("the withdrawn root still speaks of the thread: %s", posts[0].Blocks)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("channel holds, want the root alone rewritten as %q:\n%s", want, describe(posts))
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.settle()
	if posts := fake.Messages(general); len(posts) != 1 {
		t.Errorf("channel holds %d messages after a failed create, want the withdrawn root only:\n%s", len(posts), describe(posts))
	}
}

// topologyURLs are the URL forms of each topology.
func topologyURLs(env redistopo.Env) map[string]string {
	return map[string]string{
		"cluster":  "redis-cluster://" + strings.Join(env.ClusterAddrs, ","),
		"sentinel": "redis-sentinel://" + strings.Join(env.SentinelAddrs, ",") + "/1?master=" + env.Master,
	}
}

// topologyStores returns a factory of stores on rawURL under one prefix of
// the test's, whose keys are deleted (on every master) when it ends.
func topologyStores(t *testing.T, rawURL string) func() dialog.Store {
	prefix := fmt.Sprintf("test:%s:%d", t.Name(), time.Now().UnixNano())
	t.Cleanup(func() { deleteKeys(t, rawURL, prefix) })
	return func() dialog.Store {
		rdb, err := redisstore.NewClient(redisstore.ClientConfig{URL: rawURL})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rdb.Close() })
		return redisstore.New(rdb, redisstore.Options{Prefix: prefix, TTL: time.Hour})
	}
}

// TestBotTopologies runs two replicas on each topology through concurrent
// dialogs with random duplicate deliveries: five questions and one card
// per thread, as on one server.
func TestBotTopologies(t *testing.T) {
	env, ok := redistopo.ForTest(t)
	if !ok {
		return
	}
	for _, name := range []string{"cluster", "sentinel"} {
		t.Run(name, func(t *testing.T) {
			const sessions = 40
			fake := newWorkspace(t)
			// Dialogs at machine speed; Slack's limits are not the subject.
			fake.SetRateLimits(false)
			channels := raceChannels(fake, "C0TOPO", sessions)
			newStore := topologyStores(t, topologyURLs(env)[name])
			replicas := []*harness{rig{}.start(t, fake, newStore()), rig{}.start(t, fake, newStore())}
			raceAll(t, fake, channels, replicas)
			if t.Failed() {
				return
			}
			for _, ch := range channels {
				posts := fake.Messages(ch)
				if n := len(posts) - 1; n != len(knowledge.Questions)+1 || cardsIn(t, posts) != 1 {
					t.Errorf("%s: %d replies and %d cards, want %d questions and 1 card:\n%s", ch, n, cardsIn(t, posts), len(knowledge.Questions), describe(posts))
				}
			}
		})
	}
}

func cardsIn(t *testing.T, posts []fakeslack.Post) int {
	n := 0
	for _, p := range posts {
		for _, b := range blocksOf(t, p) {
			if strings.HasPrefix(b.BlockID, blockCardPrefix) {
				n++
			}
		}
	}
	return n
}

// TestBotFailover kills a master with SIGKILL while two replicas of the
// bot serve concurrent dialogs, once on a Cluster and once on a Sentinel
// set, each of the test's own. Users who are told the advisor is
// unavailable try again, as people do. It counts the dialogs completed,
// the answers lost and the messages posted twice, and times how long after
// the replica's promotion the bot served everyone again; /readyz must say
// 503 during the outage and 200 after.
func TestBotFailover(t *testing.T) {
	env, ok := redistopo.ForFailover(t)
	if !ok {
		return
	}
	urls := topologyURLs(env)
	t.Run("cluster", func(t *testing.T) {
		// The master of slot 0, and the replica that will replace it.
		c := redis.NewClient(&redis.Options{Addr: env.ClusterAddrs[0]})
		defer c.Close()
		slots, err := c.ClusterSlots(t.Context()).Result()
		if err != nil {
			t.Fatal(err)
		}
		var master, replica string
		for _, s := range slots {
			if s.Start == 0 && len(s.Nodes) > 1 {
				master, replica = s.Nodes[0].Addr, s.Nodes[1].Addr
			}
		}
		if master == "" {
			t.Fatalf("no master with a replica serves slot 0: %+v", slots)
		}
		// A Cluster replica announces its promotion itself, as it takes
		// the role.
		failover(t, urls["cluster"], master, replica, nil, func(ctx context.Context) {
			// While the shard is down, check says so.
			if summary, err := redisstore.Verify(ctx, redisstore.ClientConfig{URL: urls["cluster"]}); err == nil {
				t.Errorf("Verify with a shard master killed = %q, want an error", summary)
			} else {
				t.Logf("check during the outage: %v", err)
			}
		})
	})
	t.Run("sentinel", func(t *testing.T) {
		s := redis.NewSentinelClient(&redis.Options{Addr: env.SentinelAddrs[0]})
		defer s.Close()
		a, err := s.GetMasterAddrByName(t.Context(), env.Master).Result()
		if err != nil {
			t.Fatal(err)
		}
		master := a[0] + ":" + a[1]
		replica := fmt.Sprintf("127.0.0.1:%d", redistopo.Failover.Replica)
		if master == replica {
			replica = fmt.Sprintf("127.0.0.1:%d", redistopo.Failover.Master)
		}
		// Sentinel's promotion is done when the sentinels announce the new
		// master (+promoted-slave, +switch-master, about a second after the
		// replica took the role, at their next INFO): no client can learn
		// of it before.
		announced := func(ctx context.Context) bool {
			a, err := s.GetMasterAddrByName(ctx, env.Master).Result()
			return err == nil && a[0]+":"+a[1] == replica
		}
		failover(t, urls["sentinel"], master, replica, announced, func(context.Context) {})
	})
}

// attempts records each user action and whether the bot served it.
type attempts struct {
	mu  sync.Mutex
	all []attempt
}

// attempt is one user action: served (the bot posted what follows),
// refused (the bot said it is unavailable), or neither within patience
// (slow or silent: counted apart, since it says nothing of Redis).
type attempt struct {
	at              time.Time
	served, refused bool
}

func (a *attempts) add(at time.Time, served, refused bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.all = append(a.all, attempt{at, served, refused})
}

func (a *attempts) list() []attempt {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.all)
}

// servedSince counts the actions sent after t that the bot served.
func (a *attempts) servedSince(t time.Time) int {
	n := 0
	for _, x := range a.list() {
		if x.served && x.at.After(t) {
			n++
		}
	}
	return n
}

// failover runs the scenario on rawURL, killing master; replica is the
// node that must take over, and announced, when set, says when the
// promotion is known to clients. during runs once the master is dead.
func failover(t *testing.T, rawURL, master, replica string, announced func(context.Context) bool, during func(context.Context)) {
	const workers = 16
	fake := newWorkspace(t)
	// Users clicking at machine speed; Slack's limits are not the subject.
	fake.SetRateLimits(false)
	var drivers []*driver
	newStore := topologyStores(t, rawURL)
	check := newStore()
	rec := &attempts{}
	for i := range workers {
		user, ch := fmt.Sprintf("U0FO%03d", i), fmt.Sprintf("C0FO%03d", i)
		fake.AddUser(fakeslack.User{ID: user, Name: strings.ToLower(user), Locale: "en-US"})
		fake.AddChannel(fakeslack.Channel{ID: ch, Name: strings.ToLower(ch), BotIsMember: true, Members: []string{user, fakeslack.BotUserID}})
		drivers = append(drivers, &driver{t: t, fake: fake, user: user, ch: ch, rec: rec, store: check})
	}
	replicas := []*harness{rig{}.start(t, fake, newStore()), rig{}.start(t, fake, newStore())}
	ops := httptest.NewServer(OpsHandler(replicas[0].bot, nil))
	defer ops.Close()

	type probe struct {
		at   time.Time
		code int
	}
	var (
		probesMu sync.Mutex
		probes   []probe
		stopAll  = make(chan struct{})
		pollers  sync.WaitGroup
	)
	pollers.Go(func() {
		for {
			select {
			case <-stopAll:
				return
			case <-time.After(50 * time.Millisecond):
			}
			at := time.Now()
			code := 0
			if resp, err := http.Get(ops.URL + "/readyz"); err == nil {
				code = resp.StatusCode
				resp.Body.Close()
			}
			probesMu.Lock()
			probes = append(probes, probe{at, code})
			probesMu.Unlock()
		}
	})

	stop := make(chan struct{})
	var dialogs sync.WaitGroup
	for _, d := range drivers {
		dialogs.Go(func() { d.run(stop) })
	}
	// Kill once the dialogs are under way.
	waitFor(t, 20*time.Second, "dialogs under way", func() bool { return rec.servedSince(time.Time{}) >= 3*workers })
	proc, err := redistopo.Describe(t.Context(), master)
	if err != nil {
		t.Fatal(err)
	}
	killedAt := time.Now()
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	during(t.Context())
	rc := redis.NewClient(&redis.Options{Addr: replica, MaxRetries: -1})
	defer rc.Close()
	waitFor(t, 30*time.Second, "the replica's promotion", func() bool {
		r, err := rc.Do(t.Context(), "ROLE").Slice()
		return err == nil && len(r) > 0 && r[0] == "master"
	})
	roleAt, promotedAt := time.Now(), time.Now()
	if announced != nil {
		waitFor(t, 30*time.Second, "the promotion's announcement", func() bool { return announced(t.Context()) })
		promotedAt = time.Now()
	}
	// Everyone served again: each driver has had an action served since.
	waitFor(t, 20*time.Second, "the bot serving after the promotion", func() bool { return rec.servedSince(promotedAt.Add(2*time.Second)) >= 2*workers })
	close(stop)
	dialogs.Wait()
	close(stopAll)
	pollers.Wait()
	for _, h := range replicas {
		h.settle()
	}

	var completed, lost, dups int
	for _, d := range drivers {
		completed += d.completed
		lost += d.lost
		dups += d.duplicates()
	}
	all := rec.list()
	var lastRefused, lastUnanswered time.Time
	refused, unanswered := 0, 0
	for _, a := range all {
		switch {
		case a.refused:
			refused++
			if a.at.After(lastRefused) {
				lastRefused = a.at
			}
		case !a.served:
			unanswered++
			if a.at.After(lastUnanswered) {
				lastUnanswered = a.at
			}
		}
	}
	// The bot served again once it refused no more: every action sent
	// after the last refused one was served. With the users whose sessions
	// live on the dead master retrying every 100 ms, the last refusal
	// marks the end of the outage to within that.
	servedAgain := lastRefused
	firstServed := time.Time{}
	for _, a := range all {
		if a.served && a.at.After(lastRefused) && (firstServed.IsZero() || a.at.Before(firstServed)) {
			firstServed = a.at
		}
	}
	var first503, last503 time.Time
	final := 0
	for _, p := range probes {
		if p.code != http.StatusOK && p.at.After(killedAt) {
			if first503.IsZero() {
				first503 = p.at
			}
			last503 = p.at
		}
		final = p.code
	}
	s := func(at time.Time) string {
		if at.IsZero() {
			return "never"
		}
		return fmt.Sprintf("%.2fs", at.Sub(killedAt).Seconds())
	}
	t.Logf("killed %s (pid %d) at 0s; %s took the master role at %s, promoted (announced) at %s; %d actions refused, the last sent at %s (%.2fs beyond the promotion), the next served one sent at %s; %d actions unanswered within %v (machine load: the last sent at %s); /readyz not ready from %s to %s, then %d; dialogs completed %d, answers lost %d, duplicate posts %d",
		master, proc.PID, replica, s(roleAt), s(promotedAt), refused, s(lastRefused), servedAgain.Sub(promotedAt).Seconds(), s(firstServed), unanswered, patience, s(lastUnanswered),
		s(first503), s(last503), final, completed, lost, dups)

	if refused == 0 {
		t.Errorf("no action was refused: the kill of %s did not reach the bot, so nothing was measured", master)
	}
	if beyond := servedAgain.Sub(promotedAt); beyond > 2*time.Second {
		t.Errorf("the bot served again %v after the promotion, want ≤ 2s", beyond)
	}
	if first503.IsZero() || first503.After(promotedAt) {
		t.Errorf("/readyz was first not ready at %s, want during the outage (before the promotion at %s)", s(first503), s(promotedAt))
	}
	if last503.Sub(promotedAt) > 2*time.Second || final != http.StatusOK {
		t.Errorf("/readyz last not ready at %s, finally %d; want 200 within 2s of the promotion at %s", s(last503), final, s(promotedAt))
	}
	if lost != 0 || dups != 0 {
		t.Errorf("answers lost %d, duplicate posts %d; want 0 and 0", lost, dups)
	}
	if completed < workers {
		t.Errorf("%d dialogs completed, want at least one per user (%d)", completed, workers)
	}
}

func waitFor(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// driver is one user running whole dialogs, one after another, in a
// channel of their own, and trying again when told the advisor is
// unavailable.
type driver struct {
	t         *testing.T
	fake      *fakeslack.Server
	user, ch  string
	rec       *attempts
	store     dialog.Store // reads the outcome as another replica would
	roots     []string     // of completed dialogs
	completed int
	lost      int
}

// How long a user waits for an answer before taking it as refused, and
// pauses between tries.
const (
	patience = 5 * time.Second
	retry    = 100 * time.Millisecond
)

func (d *driver) run(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		root, ok := d.start()
		if !ok {
			return
		}
		chosen := map[knowledge.QuestionID]knowledge.OptionID{}
		for i, q := range knowledge.Questions {
			o := q.Options[rand.IntN(len(q.Options))]
			if !d.answer(root, i, q.ID, o) {
				return
			}
			chosen[q.ID] = o
		}
		d.completed++
		d.roots = append(d.roots, root)
		// Read back once the store answers: during the outage a read
		// fails, which loses nothing.
		var (
			s   dialog.Session
			err error
		)
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(retry) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			s, err = d.store.Get(ctx, dialog.Key{Team: fakeslack.TeamID, Channel: d.ch, Thread: root})
			cancel()
			if !errors.Is(err, dialog.ErrUnavailable) {
				break
			}
		}
		for q, o := range chosen {
			if err != nil || s.Answers[q] != o {
				d.lost++
			}
		}
		if err != nil {
			d.t.Errorf("%s %s: the completed session cannot be read: %v", d.ch, root, err)
		}
	}
}

func (d *driver) replies(root string) []fakeslack.Post {
	var out []fakeslack.Post
	for _, p := range d.fake.Messages(d.ch) {
		if p.ThreadTS == root && p.TS != root {
			out = append(out, p)
		}
	}
	return out
}

func (d *driver) roots0() map[string]bool {
	out := map[string]bool{}
	for _, p := range d.fake.Messages(d.ch) {
		if p.ThreadTS == "" || p.ThreadTS == p.TS {
			out[p.TS] = true
		}
	}
	return out
}

func (d *driver) unavailable() int {
	n := 0
	for _, c := range d.fake.Calls("chat.postEphemeral") {
		if c.Form.Get("user") == d.user && c.Form.Get("text") == phrasesIn(knowledge.English).Unavailable {
			n++
		}
	}
	return n
}

// start runs /cto-advice until a dialog opens with its first question.
func (d *driver) start() (string, bool) {
	refusal := phrasesIn(knowledge.English).Unavailable
	for range 100 {
		known := d.roots0()
		at := time.Now()
		d.fake.SendSlashCommand(fakeslack.SlashCommand{User: d.user, Channel: d.ch})
		root, served, refused := "", false, false
		deadline := at.Add(patience)
	wait:
		for time.Now().Before(deadline) {
			for _, p := range d.fake.Messages(d.ch) {
				if known[p.TS] || (p.ThreadTS != "" && p.ThreadTS != p.TS) {
					continue
				}
				if p.Text == refusal {
					refused = true
					break wait // the root withdrawn: the session was not created
				}
				if len(d.replies(p.TS)) > 0 {
					root, served = p.TS, true
					break wait
				}
			}
			time.Sleep(5 * time.Millisecond)
		}
		d.rec.add(at, served, refused)
		if served {
			return root, true
		}
		time.Sleep(retry)
	}
	d.t.Errorf("%s: no dialog opened in 100 tries", d.ch)
	return "", false
}

// answer clicks option o of question i until the bot posts what follows.
func (d *driver) answer(root string, i int, q knowledge.QuestionID, o knowledge.OptionID) bool {
	for range 100 {
		replies := d.replies(root)
		if len(replies) > i+1 {
			return true // an earlier try went through after all
		}
		p := replies[i]
		blockID := ""
		for _, b := range blocksOf(d.t, p) {
			if strings.HasPrefix(b.BlockID, blockAskPrefix) {
				blockID = b.BlockID
			}
		}
		refusals := d.unavailable()
		at := time.Now()
		d.fake.SendBlockAction(fakeslack.BlockAction{User: d.user, Channel: d.ch, MessageTS: p.TS,
			ActionID: actionAnswerPrefix + string(o), BlockID: blockID, Value: string(q) + ":" + string(o)})
		served, refused := false, false
		for deadline := at.Add(patience); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if len(d.replies(root)) > i+1 {
				served = true
				break
			}
			if d.unavailable() > refusals {
				refused = true
				break
			}
		}
		d.rec.add(at, served, refused)
		if served {
			return true
		}
		time.Sleep(retry)
	}
	d.t.Errorf("%s %s: question %d never answered in 100 tries", d.ch, root, i+1)
	return false
}

// duplicates counts the replies beyond five questions and a card in the
// completed dialogs.
func (d *driver) duplicates() int {
	n := 0
	for _, root := range d.roots {
		n += len(d.replies(root)) - (len(knowledge.Questions) + 1)
	}
	return n
}
