package redistopo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SharedDir is where the Shared topology keeps its files, the same for
// every process, so CI and test packages find one set.
func SharedDir() string { return filepath.Join(os.TempDir(), "ctoadvisor-redis-topology") }

// ForTest returns the shared topology for a test: the one CI exported
// (REDIS_CLUSTER_TEST_ADDRS, REDIS_SENTINEL_TEST_ADDRS,
// REDIS_SENTINEL_TEST_MASTER), else one it starts itself from the
// redis-server on PATH. When neither is possible it fails the test under
// CI=true, and otherwise logs in capitals what did not run and returns
// false: a machine with only Go still runs everything else, and says so.
func ForTest(tb testing.TB) (Env, bool) {
	tb.Helper()
	cluster, sentinels, master := os.Getenv("REDIS_CLUSTER_TEST_ADDRS"), os.Getenv("REDIS_SENTINEL_TEST_ADDRS"), os.Getenv("REDIS_SENTINEL_TEST_MASTER")
	if cluster != "" && sentinels != "" && master != "" {
		return Env{ClusterAddrs: strings.Split(cluster, ","), SentinelAddrs: strings.Split(sentinels, ","), Master: master}, true
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	env, err := Start(ctx, SharedDir(), Shared, false)
	if err == nil {
		return env, true
	}
	Unavailable(tb, err)
	return Env{}, false
}

// ForFailover starts a topology of its own on the Failover ports, fresh,
// and stops it when the test ends. Same rule as ForTest when it cannot.
func ForFailover(tb testing.TB) (Env, bool) {
	tb.Helper()
	// Another checkout's tests on this machine may be killing masters on
	// the same ports: one at a time, for the whole test.
	lock, err := os.OpenFile(filepath.Join(os.TempDir(), "ctoadvisor-redis-failover.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		Unavailable(tb, err)
		return Env{}, false
	}
	tb.Cleanup(func() { lock.Close() })
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			Unavailable(tb, errors.New("another test held the failover topology for 5 minutes"))
			return Env{}, false
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		Stop(ctx, Failover)
	})
	env, err := Start(ctx, tb.TempDir(), Failover, true)
	if err == nil {
		return env, true
	}
	Unavailable(tb, err)
	return Env{}, false
}

// Unavailable reports a topology that could not be had: a failure in CI,
// a loud note elsewhere.
func Unavailable(tb testing.TB, err error) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("CI=true and no Redis Cluster/Sentinel topology: %v", err)
	}
	tb.Logf("NOT RUN on Redis Cluster or Sentinel (this test passes without testing them): %v", err)
}
