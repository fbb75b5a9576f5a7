package redisstore

import (
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"
)

// shape is what a test cares about in go-redis's options.
type shape struct {
	Addrs      []string
	MasterName string
	Cluster    bool
	DB         int
	Username   string
	Password   string
	TLS        bool
	ServerName string
	PoolSize   int
}

func shapeOf(p *parsed) shape {
	var s shape
	var tls *tls.Config
	switch {
	case p.single != nil:
		o := p.single
		s = shape{Addrs: []string{o.Addr}, DB: o.DB, Username: o.Username, Password: o.Password, PoolSize: o.PoolSize}
		tls = o.TLSConfig
	case p.failover != nil:
		o := p.failover
		s = shape{Addrs: o.SentinelAddrs, MasterName: o.MasterName, DB: o.DB, Username: o.Username, Password: o.Password, PoolSize: o.PoolSize}
		tls = o.TLSConfig
	case p.cluster != nil:
		o := p.cluster
		s = shape{Addrs: o.Addrs, Cluster: true, Username: o.Username, Password: o.Password, PoolSize: o.PoolSize}
		tls = o.TLSConfig
	}
	if tls != nil {
		s.TLS, s.ServerName = true, tls.ServerName
	}
	return s
}

// timeouts is what every client gets whatever the URL says.
type timeouts struct {
	Dial, Read, Write, Pool time.Duration
	Retries                 int
	ContextTimeout          bool
}

func timeoutsOf(p *parsed) timeouts {
	switch {
	case p.single != nil:
		o := p.single
		return timeouts{o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.PoolTimeout, o.MaxRetries, o.ContextTimeoutEnabled}
	case p.failover != nil:
		o := p.failover
		return timeouts{o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.PoolTimeout, o.MaxRetries, o.ContextTimeoutEnabled}
	default:
		o := p.cluster
		return timeouts{o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.PoolTimeout, o.MaxRetries, o.ContextTimeoutEnabled}
	}
}

func TestClientOptions(t *testing.T) {
	const pw = "s3cret"
	tests := []struct {
		name    string
		cfg     ClientConfig
		want    shape
		wantErr string // a fragment of the error; "" means success
	}{
		{
			name: "redis",
			cfg:  ClientConfig{URL: "redis://:" + pw + "@cache.internal:6380/2"},
			want: shape{Addrs: []string{"cache.internal:6380"}, DB: 2, Password: pw},
		},
		{
			name: "redis defaults",
			cfg:  ClientConfig{URL: "redis://localhost"},
			want: shape{Addrs: []string{"localhost:6379"}},
		},
		{
			name: "redis query option",
			cfg:  ClientConfig{URL: "redis://localhost?pool_size=7"},
			want: shape{Addrs: []string{"localhost:6379"}, PoolSize: 7},
		},
		{
			name: "rediss",
			cfg:  ClientConfig{URL: "rediss://app:" + pw + "@cache.example.com"},
			want: shape{Addrs: []string{"cache.example.com:6379"}, Username: "app", Password: pw, TLS: true, ServerName: "cache.example.com"},
		},
		{
			name: "sentinel URL",
			cfg:  ClientConfig{URL: "redis-sentinel://:" + pw + "@s1:26380,s2/3?master=mymaster"},
			want: shape{Addrs: []string{"s1:26380", "s2:26379"}, MasterName: "mymaster", DB: 3, Password: pw},
		},
		{
			name: "cluster URL",
			cfg:  ClientConfig{URL: "redis-cluster://:" + pw + "@n1:7000,n2:7001"},
			want: shape{Addrs: []string{"n1:7000", "n2:7001"}, Cluster: true, Password: pw},
		},
		{
			name: "sentinel URL with IPv6 nodes and a pool size",
			cfg:  ClientConfig{URL: "redis-sentinel://app:" + pw + "@[::1]:26380,[fe80::1]/2?master=m&pool_size=9"},
			want: shape{Addrs: []string{"[::1]:26380", "[fe80::1]:26379"}, MasterName: "m", DB: 2, Username: "app", Password: pw, PoolSize: 9},
		},
		{
			name: "cluster URL whose last node has no port",
			cfg:  ClientConfig{URL: "redis-cluster://n1:7000,n2?pool_size=4"},
			want: shape{Addrs: []string{"n1:7000", "n2:6379"}, Cluster: true, PoolSize: 4},
		},
		{
			name: "cluster fields with TLS URL",
			cfg:  ClientConfig{URL: "rediss://:" + pw + "@", ClusterAddrs: []string{"n1:7000", "n2"}},
			want: shape{Addrs: []string{"n1:7000", "n2:6379"}, Cluster: true, Password: pw, TLS: true},
		},
		{
			name: "redis IPv6",
			cfg:  ClientConfig{URL: "redis://[::1]/3"},
			want: shape{Addrs: []string{"[::1]:6379"}, DB: 3},
		},
		{
			name: "cluster URL with one seed",
			cfg:  ClientConfig{URL: "redis-cluster://n1"},
			want: shape{Addrs: []string{"n1:6379"}, Cluster: true},
		},
		{
			name: "cluster URL with IPv6 nodes",
			cfg:  ClientConfig{URL: "redis-cluster://[::1]:7000,[::1]"},
			want: shape{Addrs: []string{"[::1]:7000", "[::1]:6379"}, Cluster: true},
		},
		{
			name: "sentinel fields with TLS URL",
			cfg:  ClientConfig{URL: "rediss://:" + pw + "@/1", SentinelMaster: "mymaster", SentinelAddrs: []string{"s1", "10.0.0.2:26380"}},
			want: shape{Addrs: []string{"s1:26379", "10.0.0.2:26380"}, MasterName: "mymaster", DB: 1, Password: pw, TLS: true},
		},
		{
			name: "cluster fields",
			cfg:  ClientConfig{ClusterAddrs: []string{"n1:7000", "[::1]:7001"}},
			want: shape{Addrs: []string{"n1:7000", "[::1]:7001"}, Cluster: true},
		},
		{name: "bad scheme", cfg: ClientConfig{URL: "http://:" + pw + "@cache:6379"}, wantErr: `scheme "http"`},
		{name: "no scheme", cfg: ClientConfig{URL: "cache:6379"}, wantErr: "scheme"},
		{name: "nothing", cfg: ClientConfig{}, wantErr: "no Redis address"},
		{name: "bad escape in password", cfg: ClientConfig{URL: "redis://:" + pw + "%zz@cache"}, wantErr: "malformed"},
		{name: "bad port", cfg: ClientConfig{URL: "redis://cache:port"}, wantErr: "invalid port"},
		{name: "bad database", cfg: ClientConfig{URL: "redis://:" + pw + "@cache/x"}, wantErr: "database number"},
		{name: "unknown redis option", cfg: ClientConfig{URL: "redis://:" + pw + "@cache?bogus=1"}, wantErr: "bogus"},
		{name: "sentinel without master", cfg: ClientConfig{URL: "redis-sentinel://:" + pw + "@s1"}, wantErr: "master"},
		{name: "sentinel bad database", cfg: ClientConfig{URL: "redis-sentinel://:" + pw + "@s1/x?master=m"}, wantErr: "database number"},
		{name: "sentinel unknown parameter", cfg: ClientConfig{URL: "redis-sentinel://s1?master=m&tls=1"}, wantErr: "tls"},
		{name: "cluster database", cfg: ClientConfig{URL: "redis-cluster://n1/1"}, wantErr: "database 0"},
		{name: "cluster bad node", cfg: ClientConfig{URL: "redis-cluster://n1:7000,,n2"}, wantErr: "empty"},
		{name: "cluster no nodes", cfg: ClientConfig{URL: "redis-cluster://:" + pw + "@"}, wantErr: "no host"},
		{name: "cluster bad port", cfg: ClientConfig{ClusterAddrs: []string{"n1:99999"}}, wantErr: "n1:99999"},
		{name: "URL host and nodes", cfg: ClientConfig{URL: "redis://:" + pw + "@cache", ClusterAddrs: []string{"n1"}}, wantErr: "leave the host out"},
		{name: "node URL and nodes", cfg: ClientConfig{URL: "redis-cluster://n1", ClusterAddrs: []string{"n2"}}, wantErr: "set one"},
		{name: "sentinel addrs without master", cfg: ClientConfig{SentinelAddrs: []string{"s1"}}, wantErr: "SentinelMaster"},
		{name: "sentinel and cluster", cfg: ClientConfig{SentinelMaster: "m", SentinelAddrs: []string{"s1"}, ClusterAddrs: []string{"n1"}}, wantErr: "not both"},
		{name: "sentinel master without addrs", cfg: ClientConfig{SentinelMaster: "m"}, wantErr: "SentinelAddrs: required"},
		{name: "cluster fields with a database", cfg: ClientConfig{URL: "redis://:" + pw + "@/1", ClusterAddrs: []string{"n1"}}, wantErr: "only database 0"},
		{name: "host-less URL alone", cfg: ClientConfig{URL: "redis://:" + pw + "@/1"}, wantErr: "names no host"},
		{name: "cluster URL unknown parameter", cfg: ClientConfig{URL: "redis-cluster://n1?bogus=1"}, wantErr: "bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := tt.cfg.parse()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("options(%+v) = %v, want an error containing %q", tt.cfg, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), pw) {
					t.Errorf("options(%+v) error %q contains the password", tt.cfg, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("options(%+v) = %v", tt.cfg, err)
			}
			if diff := cmp.Diff(tt.want, shapeOf(o)); diff != "" {
				t.Errorf("options(%+v) mismatch (-want +got):\n%s", tt.cfg, diff)
			}
			// Every client fails fast, whatever the URL asked for.
			want := timeouts{500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond, time.Second, 1, true}
			if got := timeoutsOf(o); got != want {
				t.Errorf("options(%+v) timeouts = %+v, want %+v", tt.cfg, got, want)
			}
			if o.cluster != nil && o.cluster.ClusterStateReloadInterval != time.Second {
				t.Errorf("options(%+v).ClusterStateReloadInterval = %v, want 1s", tt.cfg, o.cluster.ClusterStateReloadInterval)
			}
		})
	}
}

// TestNewClientKinds checks that each topology gets its go-redis client.
// Nothing connects: go-redis dials on the first command.
func TestNewClientKinds(t *testing.T) {
	tests := []struct {
		name    string
		cfg     ClientConfig
		cluster bool
	}{
		{"single", ClientConfig{URL: "redis://127.0.0.1:1"}, false},
		{"sentinel", ClientConfig{URL: "redis-sentinel://127.0.0.1:1?master=m"}, false},
		{"cluster", ClientConfig{URL: "redis-cluster://127.0.0.1:1,127.0.0.1:2"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, err := NewClient(tt.cfg)
			if err != nil {
				t.Fatalf("NewClient(%+v) = %v", tt.cfg, err)
			}
			defer rdb.Close()
			_, isCluster := rdb.(*redis.ClusterClient)
			_, isClient := rdb.(*redis.Client)
			if isCluster != tt.cluster || isClient == tt.cluster {
				t.Errorf("NewClient(%+v) = %T, want cluster %v", tt.cfg, rdb, tt.cluster)
			}
		})
	}
	if _, err := NewClient(ClientConfig{URL: "ftp://x"}); err == nil {
		t.Errorf("NewClient(%q) = nil error, want one", "ftp://x")
	}
}

// FuzzClientConfig feeds the parser URLs with a password in them: it never
// panics, never quotes the password in an error, and what it accepts has
// a kind and at least one address.
func FuzzClientConfig(f *testing.F) {
	for _, seed := range []struct{ head, rest string }{
		{"redis://", "cache:6380/2"},
		{"rediss://app", "cache.example.com"},
		{"redis-sentinel://", "s1:26380,s2/3?master=mymaster"},
		{"redis-sentinel://", "[::1]:26380,[fe80::1]/2?master=m&pool_size=9"},
		{"redis-cluster://", "n1:7000,n2?pool_size=4"},
		{"redis-cluster://", "n1/1"},
		{"redis://", "cache?bogus=1"},
		{"http://", "cache:6379"},
		{"redis://", "%zz"},
	} {
		f.Add(seed.head, "s3cret-pw", seed.rest)
	}
	f.Fuzz(func(t *testing.T, head, pw, rest string) {
		// A password of hex digits alone could appear in an escaped byte
		// of the host that an error rightly quotes.
		if len(pw) < 6 || strings.Contains(head+rest, pw) || strings.ContainsAny(pw, "@/?#") || !strings.ContainsAny(pw, "ghijklmnopqrstuvwyzGHIJKLMNOPQRSTUVWYZ") {
			return
		}
		cfg := ClientConfig{URL: head + ":" + pw + "@" + rest}
		p, err := cfg.parse()
		if err != nil {
			if strings.Contains(err.Error(), pw) {
				t.Fatalf("parse(%q) error %q quotes the password", cfg.URL, err)
			}
			return
		}
		if p.topo.Kind == 0 || len(p.topo.Addrs) == 0 || strings.Contains(p.topo.String(), pw) {
			t.Fatalf("parse(%q) = %+v: no kind or address, or the password in its description", cfg.URL, p.topo)
		}
	})
}
