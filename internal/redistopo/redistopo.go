// Package redistopo starts real Redis topologies on loopback for tests and
// CI: a 6-node Redis Cluster (three masters, three replicas) and a
// Sentinel set (a master, a replica, three sentinels), from the
// redis-server on PATH, with failure detection short enough that a
// failover takes seconds. Starting is idempotent: nodes that already answer
// are reused, so CI and several test packages share one set.
package redistopo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// MasterName is the name the sentinels monitor the master under.
const MasterName = "ctoadvisor"

// Ports lay out one topology on 127.0.0.1.
type Ports struct {
	Cluster   []int // six nodes
	Master    int   // Sentinel's first master
	Replica   int
	Sentinels []int // three
}

// Shared is the layout CI starts and the test packages share.
var Shared = Ports{
	Cluster:   []int{7000, 7001, 7002, 7003, 7004, 7005},
	Master:    6380,
	Replica:   6381,
	Sentinels: []int{26379, 26380, 26381},
}

// Failover is a layout of its own for the tests that kill masters, so
// they never disturb tests running on Shared at the same time.
var Failover = Ports{
	Cluster:   []int{7100, 7101, 7102, 7103, 7104, 7105},
	Master:    7110,
	Replica:   7111,
	Sentinels: []int{7120, 7121, 7122},
}

// Timing of failure detection: short, so a failover costs a test seconds.
const (
	clusterNodeTimeout = 1000 // ms, cluster-node-timeout
	downAfter          = 1000 // ms, sentinel down-after-milliseconds
	failoverTimeout    = 2000 // ms, sentinel failover-timeout
)

// Env is where a started topology answers.
type Env struct {
	ClusterAddrs  []string
	SentinelAddrs []string
	Master        string
}

// Exports is env as shell export lines, in the variables the tests read.
func (e Env) Exports() string {
	return fmt.Sprintf("export REDIS_CLUSTER_TEST_ADDRS=%s\nexport REDIS_SENTINEL_TEST_ADDRS=%s\nexport REDIS_SENTINEL_TEST_MASTER=%s\n",
		strings.Join(e.ClusterAddrs, ","), strings.Join(e.SentinelAddrs, ","), e.Master)
}

func addr(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }

func addrs(ports []int) []string {
	out := make([]string, len(ports))
	for i, p := range ports {
		out[i] = addr(p)
	}
	return out
}

// Start brings up p's topology under dir, reusing any node that answers,
// and waits until the cluster serves every slot and the sentinels know
// the master, its replica and each other. fresh first shuts down whatever
// answers on p's ports, for a test that needs a topology nobody else
// touched.
func Start(ctx context.Context, dir string, p Ports, fresh bool) (Env, error) {
	env := Env{ClusterAddrs: addrs(p.Cluster), SentinelAddrs: addrs(p.Sentinels), Master: MasterName}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return env, errors.New("redis-server is not on PATH (apt-get install redis-server redis-sentinel redis-tools)")
	}
	all := append(append(append([]int{}, p.Cluster...), p.Master, p.Replica), p.Sentinels...)
	if fresh {
		for _, port := range all {
			shutdown(ctx, port)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return env, err
	}
	lock, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return env, err
	}
	defer lock.Close()
	// Test packages run in parallel and may all start the shared set.
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return env, err
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)

	for _, port := range p.Cluster {
		if err := startNode(ctx, bin, dir, port, fmt.Sprintf("cluster-enabled yes\ncluster-config-file nodes.conf\ncluster-node-timeout %d\n", clusterNodeTimeout), false); err != nil {
			return env, err
		}
	}
	if err := formCluster(ctx, p.Cluster); err != nil {
		return env, err
	}
	if err := startNode(ctx, bin, dir, p.Master, "", false); err != nil {
		return env, err
	}
	if err := startNode(ctx, bin, dir, p.Replica, fmt.Sprintf("replicaof 127.0.0.1 %d\n", p.Master), false); err != nil {
		return env, err
	}
	for _, port := range p.Sentinels {
		conf := fmt.Sprintf("sentinel monitor %[1]s 127.0.0.1 %[2]d 2\nsentinel down-after-milliseconds %[1]s %[3]d\nsentinel failover-timeout %[1]s %[4]d\nsentinel parallel-syncs %[1]s 1\n",
			MasterName, p.Master, downAfter, failoverTimeout)
		if err := startNode(ctx, bin, dir, port, conf, true); err != nil {
			return env, err
		}
	}
	for _, port := range p.Sentinels {
		// A reused sentinel keeps the timing it was started with: set it.
		c := client(port)
		err := c.Do(ctx, "SENTINEL", "SET", MasterName, "down-after-milliseconds", strconv.Itoa(downAfter), "failover-timeout", strconv.Itoa(failoverTimeout)).Err()
		c.Close()
		if err != nil {
			return env, fmt.Errorf("sentinel on port %d: %w", port, err)
		}
	}
	return env, waitSentinels(ctx, p)
}

func client(port int) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr(port), DialTimeout: 500 * time.Millisecond, DialerRetries: 1, ReadTimeout: 2 * time.Second, MaxRetries: -1})
}

func answers(ctx context.Context, port int) bool {
	c := client(port)
	defer c.Close()
	return c.Ping(ctx).Err() == nil
}

func shutdown(ctx context.Context, port int) {
	c := client(port)
	defer c.Close()
	if c.Ping(ctx).Err() != nil {
		return
	}
	_ = c.Do(ctx, "SHUTDOWN", "NOSAVE").Err()
	waitFor(ctx, 5*time.Second, func() bool { return !answers(ctx, port) })
}

// startNode starts a redis-server (or a sentinel) on port unless one
// answers there already.
func startNode(ctx context.Context, bin, dir string, port int, extra string, sentinel bool) error {
	if answers(ctx, port) {
		return nil
	}
	nd := filepath.Join(dir, strconv.Itoa(port))
	if err := os.MkdirAll(nd, 0o755); err != nil {
		return err
	}
	conf := filepath.Join(nd, "redis.conf")
	base := fmt.Sprintf("port %d\nbind 127.0.0.1\ndaemonize yes\ndir %s\npidfile %s\nlogfile %s\n",
		port, nd, filepath.Join(nd, "redis.pid"), filepath.Join(nd, "redis.log"))
	if !sentinel {
		base += "save \"\"\nappendonly no\n"
	}
	if _, err := os.Stat(conf); err != nil || !sentinel {
		// A sentinel rewrites its file with what it learnt (the current
		// master, the other sentinels): keep that on a restart.
		if err := os.WriteFile(conf, []byte(base+extra), 0o644); err != nil {
			return err
		}
	}
	args := []string{conf}
	if sentinel {
		args = append(args, "--sentinel")
	}
	if out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("redis-server %s: %v: %s", conf, err, out)
	}
	if !waitFor(ctx, 10*time.Second, func() bool { return answers(ctx, port) }) {
		log, _ := os.ReadFile(filepath.Join(nd, "redis.log"))
		return fmt.Errorf("redis on port %d did not start:\n%s", port, tail(string(log), 2000))
	}
	return nil
}

// formCluster makes the six nodes one cluster of three masters with a
// replica each, unless they already are one.
func formCluster(ctx context.Context, ports []int) error {
	if clusterReady(ctx, ports) {
		return nil
	}
	c := client(ports[0])
	info, err := c.ClusterInfo(ctx).Result()
	c.Close()
	if err != nil {
		return err
	}
	if !strings.Contains(info, "cluster_known_nodes:1\r") && !strings.Contains(info, "cluster_known_nodes:1\n") {
		// Half-formed or broken (a node left dead by a killed run):
		// these are our ports, so start over.
		for _, port := range ports {
			n := client(port)
			_ = n.FlushAll(ctx).Err()
			_ = n.ClusterResetHard(ctx).Err()
			n.Close()
		}
	}
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		return errors.New("redis-cli is not on PATH (apt-get install redis-tools)")
	}
	args := append([]string{"--cluster", "create"}, addrs(ports)...)
	args = append(args, "--cluster-replicas", "1", "--cluster-yes")
	if out, err := exec.CommandContext(ctx, cli, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("redis-cli --cluster create: %v: %s", err, tail(string(out), 2000))
	}
	if !waitFor(ctx, 30*time.Second, func() bool { return clusterReady(ctx, ports) }) {
		return errors.New("the cluster did not reach cluster_state:ok with three synced replicas in 30 s")
	}
	return nil
}

// clusterReady: every node sees all six, every slot served, and each of
// the three replicas has synced, so a failover can promote any of them.
func clusterReady(ctx context.Context, ports []int) bool {
	replicas := 0
	for _, port := range ports {
		c := client(port)
		info, err := c.ClusterInfo(ctx).Result()
		var repl string
		if err == nil {
			repl, err = c.Info(ctx, "replication").Result()
		}
		c.Close()
		if err != nil || !strings.Contains(info, "cluster_state:ok") || !strings.Contains(info, "cluster_slots_ok:16384") ||
			!strings.Contains(info, fmt.Sprintf("cluster_known_nodes:%d", len(ports))) {
			return false
		}
		if strings.Contains(repl, "role:slave") {
			if !strings.Contains(repl, "master_link_status:up") {
				return false
			}
			replicas++
		}
	}
	return replicas == len(ports)/2
}

// waitSentinels waits until every sentinel knows the master, a synced
// replica and the two other sentinels: only then can they agree on a
// failover.
func waitSentinels(ctx context.Context, p Ports) error {
	ok := waitFor(ctx, 30*time.Second, func() bool {
		for _, port := range p.Sentinels {
			s := redis.NewSentinelClient(&redis.Options{Addr: addr(port), DialTimeout: 500 * time.Millisecond, DialerRetries: 1, MaxRetries: -1})
			master, err := s.Master(ctx, MasterName).Result()
			var replicas, sentinels []map[string]string
			if err == nil {
				replicas, err = s.Replicas(ctx, MasterName).Result()
			}
			if err == nil {
				sentinels, err = s.Sentinels(ctx, MasterName).Result()
			}
			s.Close()
			if err != nil || master["flags"] != "master" || len(sentinels) < len(p.Sentinels)-1 {
				return false
			}
			synced := false
			for _, r := range replicas {
				if r["flags"] == "slave" && r["master-link-status"] == "ok" {
					synced = true
				}
			}
			if !synced {
				return false
			}
		}
		return true
	})
	if !ok {
		return errors.New("the sentinels did not all see the master, a synced replica and each other in 30 s")
	}
	return nil
}

// Process is a running redis-server as INFO server describes it.
type Process struct {
	Addr       string
	PID        int
	Executable string
	ConfigFile string
}

// Describe reads the process behind addr from INFO server.
func Describe(ctx context.Context, addr string) (Process, error) {
	c := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: 500 * time.Millisecond, DialerRetries: 1, MaxRetries: -1})
	defer c.Close()
	info, err := c.Info(ctx, "server").Result()
	if err != nil {
		return Process{}, err
	}
	pr := Process{Addr: addr}
	for line := range strings.SplitSeq(info, "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), ":")
		switch k {
		case "process_id":
			pr.PID, _ = strconv.Atoi(v)
		case "executable":
			pr.Executable = v
		case "config_file":
			pr.ConfigFile = v
		}
	}
	if pr.PID == 0 {
		return pr, fmt.Errorf("INFO server of %s has no process_id", addr)
	}
	return pr, nil
}

// Kill sends SIGKILL to the process: no goodbye to its peers or clients,
// as when its host dies.
func (pr Process) Kill() error { return syscall.Kill(pr.PID, syscall.SIGKILL) }

// Restart starts the killed process again from its configuration file,
// with extra arguments (--replicaof host port, say).
func (pr Process) Restart(ctx context.Context, extra ...string) error {
	out, err := exec.CommandContext(ctx, pr.Executable, append([]string{pr.ConfigFile}, extra...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("restart %s: %v: %s", pr.Addr, err, out)
	}
	return nil
}

// Stop shuts down every process of p's topology.
func Stop(ctx context.Context, p Ports) {
	for _, port := range append(append(append([]int{}, p.Sentinels...), p.Cluster...), p.Master, p.Replica) {
		shutdown(ctx, port)
	}
}

func waitFor(ctx context.Context, d time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if ok() {
			return true
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
