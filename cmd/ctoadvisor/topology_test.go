package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/internal/redistopo"
)

// TestRedisConfig checks that the Redis settings mean what they say: each
// documented form is accepted and reported as what it is, each
// contradiction exits 2 naming the variable.
func TestRedisConfig(t *testing.T) {
	base := env{"SLACK_BOT_TOKEN": "xoxb-1-secret", "SLACK_APP_TOKEN": "xapp-1-secret", "HTTP_ADDR": "off"}
	tests := []struct {
		name      string
		env       env
		wantStore string // Config.store(), when valid
		wantVar   string // the variable named, when not
	}{
		{"nothing", env{}, "memory", ""},
		{"server", env{"REDIS_URL": "redis://:pw@cache:6380/2"}, "redis server cache:6380 db 2 prefix ctoadvisor", ""},
		{"server IPv6, default port", env{"REDIS_URL": "redis://[::1]"}, "redis server [::1]:6379 db 0 prefix ctoadvisor", ""},
		{"cluster URL, last node without port", env{"REDIS_URL": "redis-cluster://n1:7000,n2"}, "redis cluster via n1:7000,n2:6379 prefix ctoadvisor", ""},
		{"cluster nodes only", env{"REDIS_CLUSTER_ADDRS": "[::1]:7000, [::1]", "REDIS_KEY_PREFIX": "prod"}, "redis cluster via [::1]:7000,[::1]:6379 prefix prod", ""},
		{"sentinel nodes and a credentials URL", env{"REDIS_URL": "rediss://:pw@/3", "REDIS_SENTINEL_MASTER": "m", "REDIS_SENTINEL_ADDRS": "s1,s2:26380"}, `redis sentinel master "m" via s1:26379,s2:26380 db 3 tls prefix ctoadvisor`, ""},
		{"sentinel addrs without master", env{"REDIS_SENTINEL_ADDRS": "s1"}, "", "REDIS_SENTINEL_MASTER"},
		{"sentinel master without addrs", env{"REDIS_SENTINEL_MASTER": "m"}, "", "REDIS_SENTINEL_ADDRS"},
		{"sentinel and cluster", env{"REDIS_SENTINEL_MASTER": "m", "REDIS_SENTINEL_ADDRS": "s1", "REDIS_CLUSTER_ADDRS": "n1"}, "", "REDIS_CLUSTER_ADDRS"},
		{"cluster with a database", env{"REDIS_URL": "redis://:pw@/1", "REDIS_CLUSTER_ADDRS": "n1"}, "", "REDIS_URL"},
		{"cluster URL with a database", env{"REDIS_URL": "redis-cluster://n1/2"}, "", "REDIS_URL"},
		{"URL host and cluster nodes", env{"REDIS_URL": "redis://cache", "REDIS_CLUSTER_ADDRS": "n1"}, "", "REDIS_URL"},
		{"bad cluster node", env{"REDIS_CLUSTER_ADDRS": "n1:99999"}, "", "REDIS_CLUSTER_ADDRS"},
		{"sentinel URL without master", env{"REDIS_URL": "redis-sentinel://s1"}, "", "REDIS_URL"},
		{"prefix with a brace", env{"REDIS_URL": "redis://cache", "REDIS_KEY_PREFIX": "a{b}"}, "", "REDIS_KEY_PREFIX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env{}
			for k, v := range base {
				e[k] = v
			}
			for k, v := range tt.env {
				e[k] = v
			}
			cfg, err := loadConfig(e.get, need{})
			if tt.wantVar != "" {
				ce, ok := err.(*configError)
				if !ok || ce.Var != tt.wantVar {
					t.Fatalf("loadConfig(%v) = %v, want an error naming %s", tt.env, err, tt.wantVar)
				}
				if strings.Contains(ce.Error(), "pw") {
					t.Errorf("error %q quotes the password", ce)
				}
				var stdout, stderr bytes.Buffer
				if code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), tt.wantVar) {
					t.Errorf("check = %d, stderr %q; want 2 naming %s", code, stderr.String(), tt.wantVar)
				}
				return
			}
			if err != nil {
				t.Fatalf("loadConfig(%v) = %v", tt.env, err)
			}
			if got := cfg.store(); got != tt.wantStore {
				t.Errorf("store = %q, want %q", got, tt.wantStore)
			}
			if !strings.Contains(cfg.String(), tt.wantStore) || strings.Contains(cfg.String(), ":pw@") {
				t.Errorf("String() = %q, want the store %q and no password", cfg.String(), tt.wantStore)
			}
		})
	}
}

// TestCheckTopology runs check against a real Cluster and Sentinel set,
// configured right and wrong.
func TestCheckTopology(t *testing.T) {
	topo, ok := redistopo.ForTest(t)
	if !ok {
		return
	}
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	fake.AddChannel(fakeslack.Channel{ID: "C0LEAD", Name: "leadership", BotIsMember: true})
	tests := []struct {
		name string
		vars env
		code int
		line string
	}{
		{"cluster", env{"REDIS_CLUSTER_ADDRS": topo.ClusterAddrs[0]}, 0, "store   ok    redis cluster via 127.0.0.1:7000: 3 shards"},
		{"sentinel", env{"REDIS_SENTINEL_MASTER": topo.Master, "REDIS_SENTINEL_ADDRS": strings.Join(topo.SentinelAddrs, ",")}, 0, "store   ok    redis sentinel master"},
		{"sentinel port as redis://", env{"REDIS_URL": "redis://" + topo.SentinelAddrs[0]}, 1, "is a Sentinel, not a Redis server"},
		{"unreachable shard", env{"REDIS_URL": "redis-cluster://" + topo.ClusterAddrs[0] + ",127.0.0.1:7199"}, 1, "cluster node 127.0.0.1:7199 does not answer"},
		{"cluster node as redis://", env{"REDIS_URL": "redis://" + topo.ClusterAddrs[0]}, 1, "is a Redis Cluster node"},
	}
	// Whichever of 6380 and 6381 is the replica now.
	for _, a := range []string{"127.0.0.1:6380", "127.0.0.1:6381"} {
		tests = append(tests, struct {
			name string
			vars env
			code int
			line string
		}{"replica " + a, env{"REDIS_URL": "redis://" + a}, -1, "is a replica of"})
	}
	replicas := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := serveEnv(t, fake)
			delete(e, "REDIS_URL")
			for k, v := range tt.vars {
				e[k] = v
			}
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr)
			if tt.code == -1 { // one of the two is the master
				if code == 1 && strings.Contains(stdout.String(), tt.line) {
					replicas++
				}
				return
			}
			if code != tt.code || !strings.Contains(stdout.String(), tt.line) {
				t.Errorf("check = %d, want %d with a line containing %q:\n%s%s", code, tt.code, tt.line, stdout.String(), stderr.String())
			}
		})
	}
	if replicas != 1 {
		t.Errorf("check failed %d of 6380 and 6381 as a replica, want exactly 1", replicas)
	}
}
