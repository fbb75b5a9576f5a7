package redisstore_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The ports the servers these tests start may take. Other runs of these
// tests on the same machine take them too, so each server takes the first
// free one, and waits for one when all are busy.
const (
	firstPort = 6390
	lastPort  = 6399
)

// startRedis runs a redis-server of its own, without persistence, in a
// temporary directory, until the test ends, and returns its port. Only a
// real server replicates and fails over; without redis-server on PATH the
// test fails in CI and is skipped, saying so, elsewhere.
func startRedis(t *testing.T, args ...string) int {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("redis-server is not on PATH: this test needs a real server to fail over (%v)", err)
		}
		t.Skipf("redis-server is not on PATH, so this failover test did not run (in CI, with CI=true, it fails instead): %v", err)
	}
	var port int
	waitUntil(t, fmt.Sprintf("a free port in %d–%d", firstPort, lastPort), func() bool {
		for p := firstPort; p <= lastPort; p++ {
			if tryRedis(t, bin, p, args) {
				port = p
				return true
			}
		}
		return false
	})
	return port
}

// tryRedis starts redis-server on port and reports whether it is serving
// there; false when the port is taken, by a server it may have raced with.
func tryRedis(t *testing.T, bin string, port int, args []string) bool {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	if c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond); err == nil {
		c.Close()
		return false
	}
	dir := t.TempDir()
	cmd := exec.Command(bin, append([]string{
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--save", "", "--appendonly", "no", "--logfile", dir + "/redis.log",
	}, args...)...)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-server on %d: %v", port, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}

	// Serving means answering as this process: another run's server may
	// have bound the port first, and then this one exits.
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		default:
		}
		if info, err := c.Info(context.Background(), "server").Result(); err == nil {
			if !strings.Contains(info, "process_id:"+strconv.Itoa(cmd.Process.Pid)+"\r\n") {
				stop()
				return false
			}
			t.Cleanup(stop)
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	log, _ := os.ReadFile(dir + "/redis.log")
	t.Fatalf("redis-server on %d did not answer within 10 s:\n%s", port, log)
	return false
}

// waitUntil polls cond until it holds, for at most a minute.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// replication returns a field of INFO replication, such as role.
func replication(ctx context.Context, c redis.UniversalClient, field string) string {
	info, err := c.Info(ctx, "replication").Result()
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return v
		}
	}
	return ""
}

// TestFailoverLostWriteCannotComeBack promotes a replica that has not
// received the last write, as a failover does, and checks that the copy a
// bot replica cached from that lost write cannot overwrite the session
// once another bot replica has advanced it again to the same version.
func TestFailoverLostWriteCannotComeBack(t *testing.T) {
	t.Parallel()
	masterPort := startRedis(t, "--repl-diskless-sync-delay", "0")
	replicaPort := startRedis(t, "--repl-diskless-sync-delay", "0", "--replicaof", "127.0.0.1", strconv.Itoa(masterPort))
	ctx := t.Context()
	oldMaster := newClient(t, fmt.Sprintf("redis://127.0.0.1:%d", masterPort))
	newMaster := newClient(t, fmt.Sprintf("redis://127.0.0.1:%d", replicaPort))
	waitUntil(t, "the replica's link to the master", func() bool {
		return replication(ctx, newMaster, "master_link_status") == "up"
	})
	opts := redisstore.Options{Prefix: "ctoadvisortest-" + rand.Text(), TTL: time.Hour}
	key := opts.Prefix + ":{" + full().Key.String() + "}:session"

	// Bot replica A, on the master, starts the dialog; the replica has it.
	a := redisstore.New(oldMaster, opts)
	s := full()
	s.State, s.Current, s.Answers = dialog.Active, knowledge.TechLead, map[knowledge.QuestionID]knowledge.OptionID{knowledge.Stage: knowledge.Scaleup}
	if err := a.Create(ctx, &s); err != nil {
		t.Fatalf("A: Create = %v", err)
	}
	if err := a.Save(ctx, &s); err != nil {
		t.Fatalf("A: Save = %v", err)
	}
	if n, err := oldMaster.Do(ctx, "WAIT", 1, 5000).Int(); err != nil || n != 1 {
		t.Fatalf("WAIT 1 replica = %d, %v: version 2 did not reach the replica", n, err)
	}

	// The failover: the replica is promoted before A's next write reaches it.
	if err := newMaster.Do(ctx, "REPLICAOF", "NO", "ONE").Err(); err != nil {
		t.Fatalf("REPLICAOF NO ONE: %v", err)
	}
	waitUntil(t, "the replica's promotion", func() bool { return replication(ctx, newMaster, "role") == "master" })

	// A records the user's answer on the old master, which acknowledges
	// it; the user sees it confirmed; A keeps the session cached.
	confirmed := s
	confirmed.Answers = map[knowledge.QuestionID]knowledge.OptionID{knowledge.Stage: knowledge.Scaleup, knowledge.TechLead: knowledge.LeadITOps}
	confirmed.Current = knowledge.Need
	if err := a.Save(ctx, &confirmed); err != nil {
		t.Fatalf("A: Save of the confirmed answer = %v", err)
	}
	if confirmed.Version != 3 {
		t.Fatalf("A's cached copy is at version %d, want 3", confirmed.Version)
	}

	// The old master rejoins as a replica of the new one, as Sentinel
	// makes it, and drops the write no replica had: it is lost.
	if err := oldMaster.Do(ctx, "REPLICAOF", "127.0.0.1", strconv.Itoa(replicaPort)).Err(); err != nil {
		t.Fatalf("REPLICAOF on the old master: %v", err)
	}
	waitUntil(t, "the old master to resynchronise from the new one", func() bool {
		return replication(ctx, oldMaster, "master_link_status") == "up" && oldMaster.HGet(ctx, key, "v").Val() == "2"
	})
	if v := newMaster.HGet(ctx, key, "v").Val(); v != "2" {
		t.Fatalf("the new master holds version %q, want 2: the write was not lost, the test proves nothing", v)
	}

	// Bot replica B, on the new master, advances the session again, by
	// another answer, to version 3.
	b := redisstore.New(newMaster, opts)
	current, err := b.Get(ctx, s.Key)
	if err != nil {
		t.Fatalf("B: Get = %v", err)
	}
	current.Answers[knowledge.TechLead] = knowledge.LeadCTOOK
	current.Current = knowledge.Need
	if err := b.Save(ctx, &current); err != nil {
		t.Fatalf("B: Save = %v", err)
	}
	if current.Version != confirmed.Version {
		t.Fatalf("B is at version %d, A's cached copy at %d: the test needs them equal", current.Version, confirmed.Version)
	}

	// A, now reaching the new master, builds the next step on its cached
	// copy: same version number, a write the store no longer has.
	a = redisstore.New(newClient(t, fmt.Sprintf("redis://127.0.0.1:%d", replicaPort)), opts)
	stale := confirmed
	stale.Answers = map[knowledge.QuestionID]knowledge.OptionID{knowledge.Stage: knowledge.Scaleup, knowledge.TechLead: knowledge.LeadITOps, knowledge.Need: knowledge.NeedSpecialist}
	if err := a.Save(ctx, &stale); !errors.Is(err, dialog.ErrConflict) {
		t.Fatalf("A's save from the lost write's copy = %v, want %v", err, dialog.ErrConflict)
	}
	got, err := b.Get(ctx, s.Key)
	if err != nil {
		t.Fatalf("Get = %v", err)
	}
	if got.Version != 3 || got.Token != current.Token || got.Answers[knowledge.TechLead] != knowledge.LeadCTOOK || got.Answers[knowledge.Need] != "" {
		t.Errorf("after A's refused save the store holds version %d answers %v, want B's version 3 %v", got.Version, got.Answers, current.Answers)
	}
}

// stallProxy forwards TCP to a Redis server and can hold the next reply
// back, as a Redis that runs a command and answers late does.
type stallProxy struct {
	ln       net.Listener
	upstream string
	stall    atomic.Int64 // the next reply's delay in ns; 0 for none
	wg       sync.WaitGroup

	mu    sync.Mutex
	conns []net.Conn
}

func newStallProxy(t *testing.T, upstream string) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{ln: ln, upstream: upstream}
	p.wg.Go(p.accept)
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *stallProxy) Addr() string { return p.ln.Addr().String() }

// StallNextReply delays the next reply the server sends, on any
// connection, by d.
func (p *stallProxy) StallNextReply(d time.Duration) { p.stall.Store(int64(d)) }

func (p *stallProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		u, err := net.Dial("tcp", p.upstream)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, u)
		p.mu.Unlock()
		p.wg.Go(func() {
			_, _ = io.Copy(u, c)
			u.Close()
		})
		p.wg.Go(func() {
			buf := make([]byte, 32<<10)
			for {
				n, err := u.Read(buf)
				if n > 0 {
					if d := p.stall.Swap(0); d > 0 {
						time.Sleep(time.Duration(d)) // the fault itself: a late reply
					}
					if _, werr := c.Write(buf[:n]); werr != nil {
						break
					}
				}
				if err != nil {
					break
				}
			}
			c.Close()
		})
	}
}

// evalCalls is how many script calls (EVALSHA) the server has run.
func evalCalls(t *testing.T, c *redis.Client) int {
	t.Helper()
	info, err := c.Info(t.Context(), "commandstats").Result()
	if err != nil {
		t.Fatalf("INFO commandstats: %v", err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if rest, ok := strings.CutPrefix(line, "cmdstat_evalsha:calls="); ok {
			n, _ := strconv.Atoi(strings.SplitN(rest, ",", 2)[0])
			return n
		}
	}
	return 0
}

// TestStallLosesNoWrite stalls Redis's reply to a write for 0.6 s. The
// production client gives up reading after 0.5 s and sends the command
// again, which Redis runs a second time after the first: the store must
// recognise its own write, so the caller hears success and the write
// lands once.
func TestStallLosesNoWrite(t *testing.T) {
	t.Parallel()
	const stall = 600 * time.Millisecond
	port := startRedis(t)
	direct := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port)})
	t.Cleanup(func() { direct.Close() })
	proxy := newStallProxy(t, fmt.Sprintf("127.0.0.1:%d", port))
	st := redisstore.New(newClient(t, "redis://"+proxy.Addr()), redisstore.Options{Prefix: "ctoadvisortest-" + rand.Text(), TTL: time.Hour})
	ctx := t.Context()

	// Each operation runs once unstalled first, so its script is loaded
	// and the stalled call is one EVALSHA, resent.
	s := full()
	if err := st.Create(ctx, &s); err != nil {
		t.Fatalf("Create = %v", err)
	}
	if err := st.Save(ctx, &s); err != nil {
		t.Fatalf("Save = %v", err)
	}
	if _, err := st.Claim(ctx, "Ev-warm", time.Minute); err != nil {
		t.Fatalf("Claim = %v", err)
	}

	stalled := func(what string, op func() error) {
		t.Helper()
		before := evalCalls(t, direct)
		proxy.StallNextReply(stall)
		start := time.Now()
		err := op()
		took := time.Since(start)
		if err != nil {
			t.Errorf("%s with its reply %v late = %v, want success: Redis ran it", what, stall, err)
		}
		if runs := evalCalls(t, direct) - before; runs != 2 {
			t.Errorf("%s ran %d times on Redis, want 2 (sent, then resent after the read timeout): the stall did not hit it as intended", what, runs)
		}
		t.Logf("%s: answered in %v with its first reply %v late", what, took.Round(time.Millisecond), stall)
	}

	saved := s
	saved.Answers = map[knowledge.QuestionID]knowledge.OptionID{knowledge.Stage: knowledge.Startup}
	stalled("Save", func() error { return st.Save(ctx, &saved) })
	if saved.Version != s.Version+1 {
		t.Errorf("after the stalled Save, Version = %d, want %d", saved.Version, s.Version+1)
	}
	got, err := st.Get(ctx, s.Key)
	if err != nil || got.Version != s.Version+1 || got.Token != saved.Token || got.Answers[knowledge.Stage] != knowledge.Startup || got.Answers[knowledge.Budget] != "" {
		t.Errorf("after the stalled Save, Get = version %d answers %v, %v; want version %d with the saved answers", got.Version, got.Answers, err, s.Version+1)
	}

	var claimed bool
	stalled("Claim", func() (err error) { claimed, err = st.Claim(ctx, "Ev-stalled", time.Minute); return err })
	if !claimed {
		t.Errorf("the stalled Claim reported the delivery as already claimed: its own resent command")
	}
	if again, err := st.Claim(ctx, "Ev-stalled", time.Minute); err != nil || again {
		t.Errorf("a second delivery of the claimed id: Claim = %v, %v, want false, nil", again, err)
	}

	fresh := full()
	fresh.Key.Thread = "1710408413.999999"
	stalled("Create", func() error { return st.Create(ctx, &fresh) })
	if got, err := st.Get(ctx, fresh.Key); err != nil || got.Version != 1 || got.Token != fresh.Token {
		t.Errorf("after the stalled Create, Get = version %d token %q, %v; want 1 %q", got.Version, got.Token, err, fresh.Token)
	}
}
