package redisstore_test

import (
	"context"
	"crypto/rand"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/dialogtest"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/internal/redistopo"
)

// The tests of this file run on a real Redis Cluster and Sentinel set:
// the ones CI starts (REDIS_CLUSTER_TEST_ADDRS, REDIS_SENTINEL_TEST_ADDRS,
// REDIS_SENTINEL_TEST_MASTER), else ones redistopo starts from the
// redis-server on PATH. With neither they fail under CI=true, and
// elsewhere log "NOT RUN" and pass: the machine lacks what they test.

// topologyURLs are the URL forms of each topology the store must work on.
func topologyURLs(env redistopo.Env) map[string]string {
	return map[string]string{
		"cluster":  "redis-cluster://" + strings.Join(env.ClusterAddrs, ","),
		"sentinel": "redis-sentinel://" + strings.Join(env.SentinelAddrs, ",") + "/2?master=" + env.Master,
	}
}

func TestStoreTopologies(t *testing.T) {
	env, ok := redistopo.ForTest(t)
	if !ok {
		return
	}
	for name, rawURL := range topologyURLs(env) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dialogtest.TestStore(t, func(t *testing.T, c dialogtest.Config) (dialog.Store, dialogtest.Clock) {
				st, _, _ := newRealStoreTokens(t, rawURL, c.TTL, c.Tokens)
				return st, wallClock{}
			})
		})
	}
}

// TestDeletePrefixCluster writes sessions that hash to every master and
// deletes them all: no CROSSSLOT, nothing left behind.
func TestDeletePrefixCluster(t *testing.T) {
	env, ok := redistopo.ForTest(t)
	if !ok {
		return
	}
	rdb := newClient(t, topologyURLs(env)["cluster"])
	prefix := "ctoadvisortest-" + rand.Text()
	st := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	const n = 200
	for i := range n {
		s := full()
		s.Key.Thread = s.Key.Thread + "-" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		if err := st.Create(t.Context(), &s); err != nil {
			t.Fatalf("Create(%s) = %v", s.Key, err)
		}
		if _, err := st.Claim(t.Context(), s.Key.String(), time.Minute); err != nil {
			t.Fatalf("Claim(%s) = %v", s.Key, err)
		}
	}
	deleted, err := redisstore.DeletePrefix(t.Context(), rdb, prefix)
	if err != nil || deleted != 2*n {
		t.Fatalf("DeletePrefix(%s) = %d, %v; want %d, nil", prefix, deleted, err, 2*n)
	}
	var left atomic.Int64
	err = redisstore.EachMaster(t.Context(), rdb, func(ctx context.Context, c *redis.Client) error {
		keys, err := c.Keys(ctx, prefix+":*").Result()
		left.Add(int64(len(keys)))
		return err
	})
	if err != nil || left.Load() != 0 {
		t.Errorf("after DeletePrefix, %d keys under %s remain (%v)", left.Load(), prefix, err)
	}
}

// TestVerify runs what check runs against each topology, well and badly
// configured.
func TestVerify(t *testing.T) {
	env, ok := redistopo.ForTest(t)
	if !ok {
		return
	}
	urls := topologyURLs(env)
	replica := func() string {
		// Whichever node is a replica now: failovers move the roles.
		for _, a := range []string{"127.0.0.1:6380", "127.0.0.1:6381"} {
			if _, err := redisstore.Verify(t.Context(), redisstore.ClientConfig{URL: "redis://" + a}); err != nil && strings.Contains(err.Error(), "replica") {
				return a
			}
		}
		t.Fatal("neither 6380 nor 6381 is a replica")
		return ""
	}()
	tests := []struct {
		name    string
		cfg     redisstore.ClientConfig
		want    string // a fragment of the summary, or of the error
		wantErr bool
	}{
		{"cluster", redisstore.ClientConfig{URL: urls["cluster"]}, "all 16384 slots served", false},
		{"cluster from one seed", redisstore.ClientConfig{ClusterAddrs: env.ClusterAddrs[:1]}, "3 shards", false},
		{"sentinel", redisstore.ClientConfig{URL: urls["sentinel"]}, "sentinels answering: 3", false},
		{"sentinel fields", redisstore.ClientConfig{SentinelMaster: env.Master, SentinelAddrs: env.SentinelAddrs}, "master at", false},
		{"replica", redisstore.ClientConfig{URL: "redis://" + replica}, "is a replica of", true},
		{"sentinel port as a server", redisstore.ClientConfig{URL: "redis://" + env.SentinelAddrs[0]}, "is a Sentinel, not a Redis server", true},
		{"cluster node as a server", redisstore.ClientConfig{URL: "redis://" + env.ClusterAddrs[0]}, "is a Redis Cluster node", true},
		{"server as a sentinel", redisstore.ClientConfig{URL: "redis-sentinel://" + replica + "?master=" + env.Master}, "not a sentinel", true},
		{"wrong master name", redisstore.ClientConfig{URL: "redis-sentinel://" + env.SentinelAddrs[0] + "?master=nope"}, `does not monitor a master named "nope"`, true},
		{"server as a cluster", redisstore.ClientConfig{URL: "redis-cluster://" + replica}, "is not a Cluster node", true},
		{"unreachable shard", redisstore.ClientConfig{URL: "redis-cluster://" + env.ClusterAddrs[0] + ",127.0.0.1:7199"}, "127.0.0.1:7199 does not answer", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			got, err := redisstore.Verify(ctx, tt.cfg)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Verify(%+v) = %q, %v; want an error containing %q", tt.cfg, got, err, tt.want)
				}
				return
			}
			if err != nil || !strings.Contains(got, tt.want) {
				t.Errorf("Verify(%+v) = %q, %v; want a summary containing %q", tt.cfg, got, err, tt.want)
			}
		})
	}
}
