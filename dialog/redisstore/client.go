package redisstore

import (
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// ClientConfig says where Redis is. URL alone covers every topology (see
// the package doc); the other fields let a deployment list Sentinel or
// Cluster nodes separately, with URL then holding only the credentials,
// database and TLS.
type ClientConfig struct {
	URL            string
	SentinelMaster string
	SentinelAddrs  []string
	ClusterAddrs   []string
}

// The timeouts every client gets, whatever the URL says: a Slack handler
// has three seconds in all, so a dead Redis must fail fast rather than
// wait out go-redis's 5 s defaults. One go-redis retry absorbs a dropped
// pooled connection; a hand-written retry loop on top would only stack
// waits.
const (
	dialTimeout   = 500 * time.Millisecond
	ioTimeout     = 500 * time.Millisecond
	poolTimeout   = time.Second
	maxRetries    = 1
	dialerRetries = 2
)

// NewClient returns a go-redis client for cfg: a single-server client, a
// Sentinel failover client, or a Cluster client. It does not connect; the
// first command does. The caller closes it.
func NewClient(cfg ClientConfig) (redis.UniversalClient, error) {
	o, err := cfg.options()
	if err != nil {
		return nil, err
	}
	return redis.NewUniversalClient(o), nil
}

// options turns cfg into go-redis options; errors never quote a password.
func (cfg ClientConfig) options() (*redis.UniversalOptions, error) {
	if len(cfg.SentinelAddrs) > 0 && cfg.SentinelMaster == "" {
		return nil, errors.New("redisstore: SentinelAddrs given without SentinelMaster")
	}
	if cfg.SentinelMaster != "" && len(cfg.ClusterAddrs) > 0 {
		return nil, errors.New("redisstore: both SentinelMaster and ClusterAddrs given: Redis is one or the other")
	}
	nodes := cfg.SentinelMaster != "" || len(cfg.ClusterAddrs) > 0

	o := &redis.UniversalOptions{}
	if cfg.URL != "" {
		u, err := parseURL(cfg.URL)
		if err != nil {
			return nil, err
		}
		switch u.Scheme {
		case "redis", "rediss":
			if nodes && u.Host != "" {
				return nil, fmt.Errorf("redisstore: Redis URL %s names a host, and SentinelMaster or ClusterAddrs name the nodes: leave the host out (%s://[:password]@[/db])", u.Redacted(), u.Scheme)
			}
			if o, err = serverOptions(u); err != nil {
				return nil, err
			}
		case "redis-sentinel", "redis-cluster":
			if nodes {
				return nil, fmt.Errorf("redisstore: Redis URL %s names the nodes, and SentinelMaster or ClusterAddrs too: set one", u.Redacted())
			}
			if o, err = nodesOptions(u); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("redisstore: Redis URL scheme %q is not redis, rediss, redis-sentinel or redis-cluster", u.Scheme)
		}
	} else if !nodes {
		return nil, errors.New("redisstore: no Redis address: set a URL, SentinelMaster with SentinelAddrs, or ClusterAddrs")
	}

	switch {
	case cfg.SentinelMaster != "":
		addrs, err := hostList(cfg.SentinelAddrs, "26379")
		if err != nil {
			return nil, err
		}
		o.Addrs, o.MasterName = addrs, cfg.SentinelMaster
	case len(cfg.ClusterAddrs) > 0:
		addrs, err := hostList(cfg.ClusterAddrs, "6379")
		if err != nil {
			return nil, err
		}
		o.Addrs, o.IsClusterMode = addrs, true
	}
	if len(o.Addrs) > 1 || o.MasterName != "" || o.IsClusterMode {
		if o.TLSConfig != nil {
			// Each node has its own name; an empty ServerName makes
			// crypto/tls check every node against the address it dialled.
			o.TLSConfig.ServerName = ""
		}
	}

	o.ContextTimeoutEnabled = true
	o.DialTimeout = dialTimeout
	o.DialerRetries = dialerRetries
	o.ReadTimeout = ioTimeout
	o.WriteTimeout = ioTimeout
	o.PoolTimeout = poolTimeout
	o.MaxRetries = maxRetries
	return o, nil
}

// parseURL parses raw without ever quoting it: url.Parse's errors contain
// the whole URL, password included.
func parseURL(raw string) (*url.URL, error) {
	// url.Parse rejects a node list such as s1:26380,s2 (it wants digits
	// after the last colon), so a Sentinel or Cluster URL is parsed with a
	// stand-in host and gets its list back afterwards.
	scheme, rest, _ := strings.Cut(raw, "://")
	var nodes string
	isNodes := scheme == "redis-sentinel" || scheme == "redis-cluster"
	if isNodes {
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		start := strings.LastIndex(rest[:end], "@") + 1
		nodes = rest[start:end]
		raw = scheme + "://" + rest[:start] + "nodes" + rest[end:]
	}
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(rest, "@") {
			// Even the detail can hold part of the password (a bad
			// %-escape), so say only where to look.
			return nil, errors.New("redisstore: malformed Redis URL (check its userinfo, host, port and %-escapes)")
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("redisstore: malformed Redis URL: %w", err)
	}
	if isNodes {
		u.Host = nodes
	}
	return u, nil
}

// serverOptions reads a redis:// or rediss:// URL with go-redis's own
// parser, so its query parameters (pool_size, client_name…) keep working.
func serverOptions(u *url.URL) (*redis.UniversalOptions, error) {
	so, err := redis.ParseURL(u.String())
	if err != nil {
		return nil, fmt.Errorf("redisstore: Redis URL %s: %w", u.Redacted(), err)
	}
	return &redis.UniversalOptions{
		Addrs:           []string{so.Addr},
		Username:        so.Username,
		Password:        so.Password,
		DB:              so.DB,
		TLSConfig:       so.TLSConfig,
		Protocol:        so.Protocol,
		ClientName:      so.ClientName,
		PoolFIFO:        so.PoolFIFO,
		PoolSize:        so.PoolSize,
		MinIdleConns:    so.MinIdleConns,
		MaxIdleConns:    so.MaxIdleConns,
		MaxActiveConns:  so.MaxActiveConns,
		ConnMaxIdleTime: so.ConnMaxIdleTime,
		ConnMaxLifetime: so.ConnMaxLifetime,
	}, nil
}

// nodesOptions reads a redis-sentinel:// or redis-cluster:// URL, whose
// host is a comma-separated list of nodes.
func nodesOptions(u *url.URL) (*redis.UniversalOptions, error) {
	o := &redis.UniversalOptions{}
	if u.User != nil {
		o.Username = u.User.Username()
		o.Password, _ = u.User.Password()
	}
	q := u.Query()
	db := strings.Trim(u.Path, "/")
	defaultPort := "6379"
	if u.Scheme == "redis-sentinel" {
		defaultPort = "26379"
		o.MasterName = q.Get("master")
		q.Del("master")
		if o.MasterName == "" {
			return nil, fmt.Errorf("redisstore: Redis URL %s: no ?master=<name> for Sentinel", u.Redacted())
		}
		if db != "" {
			n, err := strconv.Atoi(db)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("redisstore: Redis URL %s: database %q is not a number", u.Redacted(), db)
			}
			o.DB = n
		}
	} else {
		o.IsClusterMode = true
		if db != "" && db != "0" {
			return nil, fmt.Errorf("redisstore: Redis URL %s: Cluster has only database 0", u.Redacted())
		}
	}
	if len(q) > 0 {
		return nil, fmt.Errorf("redisstore: Redis URL %s: unknown parameters %s", u.Redacted(), strings.Join(slices.Sorted(maps.Keys(q)), ", "))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("redisstore: Redis URL %s names no host", u.Redacted())
	}
	addrs, err := hostList(strings.Split(u.Host, ","), defaultPort)
	if err != nil {
		return nil, err
	}
	o.Addrs = addrs
	return o, nil
}

// hostList checks each host[:port] and adds defaultPort where none is given.
func hostList(hosts []string, defaultPort string) ([]string, error) {
	addrs := make([]string, 0, len(hosts))
	for _, h := range hosts {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, errors.New("redisstore: empty Redis node address")
		}
		host, port, err := net.SplitHostPort(h)
		if err != nil {
			// No port: take the whole entry as the host, brackets and all
			// for an IPv6 literal.
			host, port = strings.Trim(h, "[]"), defaultPort
		}
		if n, err := strconv.Atoi(port); host == "" || strings.ContainsAny(host, "[]/@ ") || err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("redisstore: Redis node address %q is not host[:port]", h)
		}
		addrs = append(addrs, net.JoinHostPort(host, port))
	}
	return addrs, nil
}
