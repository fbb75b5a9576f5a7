package redisstore

import (
	"errors"
	"fmt"
	"net"
	"net/url"
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

// ConfigError is a ClientConfig that cannot be used. Field names the
// ClientConfig field at fault, so a caller can name its own setting.
type ConfigError struct {
	Field   string // "URL", "SentinelMaster", "SentinelAddrs" or "ClusterAddrs"
	Problem string // never quotes a password
}

func (e *ConfigError) Error() string { return "redisstore: " + e.Field + ": " + e.Problem }

func bad(field, format string, args ...any) error {
	return &ConfigError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// Kind is a Redis topology.
type Kind int

const (
	Server   Kind = iota + 1 // one server (or a proxy that acts as one)
	Sentinel                 // a master and its replicas, watched by sentinels
	Cluster                  // Redis Cluster
)

func (k Kind) String() string {
	switch k {
	case Server:
		return "redis"
	case Sentinel:
		return "sentinel"
	case Cluster:
		return "cluster"
	}
	return "unknown"
}

// Topology is what a ClientConfig asks for, without credentials: what
// the process logs at start and what check verifies.
type Topology struct {
	Kind   Kind
	Addrs  []string // the server, the sentinels, or the cluster nodes to start from
	Master string   // Sentinel's master name
	DB     int
	TLS    bool
}

func (t Topology) String() string {
	var b strings.Builder
	switch t.Kind {
	case Server:
		fmt.Fprintf(&b, "redis server %s db %d", strings.Join(t.Addrs, ","), t.DB)
	case Sentinel:
		fmt.Fprintf(&b, "redis sentinel master %q via %s db %d", t.Master, strings.Join(t.Addrs, ","), t.DB)
	case Cluster:
		fmt.Fprintf(&b, "redis cluster via %s", strings.Join(t.Addrs, ","))
	default:
		return "memory"
	}
	if t.TLS {
		b.WriteString(" tls")
	}
	return b.String()
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

// clusterRefresh bounds how long a Cluster client routes a slot to a
// master that is gone. go-redis reloads the slot map on MOVED, but a dead
// master sends no MOVED, so without this the client keeps dialling it for
// go-redis's default 60 s after its replica took over. One CLUSTER SLOTS a
// second per process, only while commands flow, is the price.
const clusterRefresh = time.Second

// parsed is a ClientConfig read into go-redis's options: exactly one of
// single, failover and cluster is set.
type parsed struct {
	topo     Topology
	single   *redis.Options
	failover *redis.FailoverOptions
	cluster  *redis.ClusterOptions
}

// Topology checks cfg and says what it connects to.
func (cfg ClientConfig) Topology() (Topology, error) {
	p, err := cfg.parse()
	if err != nil {
		return Topology{}, err
	}
	return p.topo, nil
}

// NewClient returns a go-redis client for cfg: a single-server client, a
// Sentinel failover client, or a Cluster client. It does not connect; the
// first command does. The caller closes it.
func NewClient(cfg ClientConfig) (redis.UniversalClient, error) {
	p, err := cfg.parse()
	if err != nil {
		return nil, err
	}
	switch {
	case p.cluster != nil:
		return redis.NewClusterClient(p.cluster), nil
	case p.failover != nil:
		return redis.NewFailoverClient(p.failover), nil
	default:
		return redis.NewClient(p.single), nil
	}
}

// parse reads cfg with go-redis's own URL parsers (ParseURL,
// ParseClusterURL, ParseFailoverURL), so their query parameters work in
// every form. What go-redis has no form for (a comma-separated node list,
// default ports, IPv6 nodes, nodes given apart from the URL) is rewritten
// into its form first. Errors never quote a password.
func (cfg ClientConfig) parse() (*parsed, error) {
	if len(cfg.SentinelAddrs) > 0 && cfg.SentinelMaster == "" {
		return nil, bad("SentinelMaster", "required with SentinelAddrs: the name the sentinels monitor the master under")
	}
	if cfg.SentinelMaster != "" && len(cfg.SentinelAddrs) == 0 {
		return nil, bad("SentinelAddrs", "required with SentinelMaster: host[:port] of the sentinels")
	}
	if cfg.SentinelMaster != "" && len(cfg.ClusterAddrs) > 0 {
		return nil, bad("ClusterAddrs", "given with SentinelMaster: Redis is either Sentinel or Cluster, not both")
	}
	var (
		kind     = Server
		nodes    []string
		master   = cfg.SentinelMaster
		nodesArg = ""
	)
	switch {
	case cfg.SentinelMaster != "":
		kind, nodesArg = Sentinel, "SentinelAddrs"
		addrs, err := hostList(cfg.SentinelAddrs, "26379")
		if err != nil {
			return nil, bad(nodesArg, "%v", err)
		}
		nodes = addrs
	case len(cfg.ClusterAddrs) > 0:
		kind, nodesArg = Cluster, "ClusterAddrs"
		addrs, err := hostList(cfg.ClusterAddrs, "6379")
		if err != nil {
			return nil, bad(nodesArg, "%v", err)
		}
		nodes = addrs
	}

	u := &url.URL{Scheme: "redis"}
	if cfg.URL != "" {
		var err error
		if u, err = parseURL(cfg.URL); err != nil {
			return nil, err
		}
		switch u.Scheme {
		case "redis", "rediss":
			if nodes != nil && u.Host != "" {
				return nil, bad("URL", "%s names a host, and %s names the nodes: leave the host out (%s://[:password]@[/db])", redacted(u), nodesArg, u.Scheme)
			}
			if nodes == nil && u.Host == "" {
				return nil, bad("URL", "%s names no host", redacted(u))
			}
		case "redis-sentinel", "redis-cluster":
			if nodes != nil {
				return nil, bad("URL", "%s names the nodes, and %s too: set one", redacted(u), nodesArg)
			}
			if u.Host == "" {
				return nil, bad("URL", "%s names no host", redacted(u))
			}
			kind = Cluster
			defaultPort := "6379"
			if u.Scheme == "redis-sentinel" {
				kind, defaultPort = Sentinel, "26379"
				q := u.Query()
				master = q.Get("master")
				q.Del("master")
				if master == "" {
					return nil, bad("URL", "%s: no ?master=<name> for Sentinel", redacted(u))
				}
				u.RawQuery = q.Encode()
			}
			addrs, err := hostList(strings.Split(u.Host, ","), defaultPort)
			if err != nil {
				return nil, bad("URL", "%v", err)
			}
			nodes = addrs
			u.Scheme = "redis"
		default:
			return nil, bad("URL", "scheme %q is not redis, rediss, redis-sentinel or redis-cluster", u.Scheme)
		}
	} else if nodes == nil {
		return nil, bad("URL", "no Redis address: set a URL, SentinelMaster with SentinelAddrs, or ClusterAddrs")
	}

	db := 0
	if p := strings.Trim(u.Path, "/"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, bad("URL", "%s: the path must be a database number, such as /0", redacted(u))
		}
		db = n
	}
	out := &parsed{topo: Topology{Kind: kind, Master: master, DB: db, TLS: u.Scheme == "rediss"}}
	switch kind {
	case Server:
		o, err := redis.ParseURL(u.String())
		if err != nil {
			return nil, bad("URL", "%s: %v", redacted(u), goErr(err))
		}
		o.DialTimeout, o.DialerRetries, o.ReadTimeout, o.WriteTimeout = dialTimeout, dialerRetries, ioTimeout, ioTimeout
		o.PoolTimeout, o.MaxRetries, o.ContextTimeoutEnabled = poolTimeout, maxRetries, true
		out.single, out.topo.Addrs = o, []string{o.Addr}
	case Cluster:
		if db != 0 {
			return nil, bad("URL", "%s: Redis Cluster has only database 0", redacted(u))
		}
		o, err := redis.ParseClusterURL(goURL(u, nodes, nil).String())
		if err != nil {
			return nil, bad("URL", "%s: %v", redacted(u), goErr(err))
		}
		o.DialTimeout, o.DialerRetries, o.ReadTimeout, o.WriteTimeout = dialTimeout, dialerRetries, ioTimeout, ioTimeout
		o.PoolTimeout, o.MaxRetries, o.ContextTimeoutEnabled = poolTimeout, maxRetries, true
		o.ClusterStateReloadInterval = clusterRefresh
		// Every command goes to its slot's master: a replica may lag, and
		// a dialog read behind its own write would go backwards.
		o.ReadOnly, o.RouteByLatency, o.RouteRandomly = false, false, false
		if o.TLSConfig != nil {
			// Each node has its own name; an empty ServerName makes
			// crypto/tls check every node against the address it dialled.
			o.TLSConfig.ServerName = ""
		}
		out.cluster, out.topo.Addrs = o, nodes
	case Sentinel:
		// go-redis reads the userinfo as the sentinels' credentials; ours
		// are the master's, as in the redis:// form, so they travel as its
		// username and password parameters, and the sentinels are reached
		// without.
		extra := url.Values{"master_name": {master}}
		if u.User != nil {
			if name := u.User.Username(); name != "" {
				extra.Set("username", name)
			}
			if pw, ok := u.User.Password(); ok {
				extra.Set("password", pw)
			}
		}
		g := goURL(u, nodes, extra)
		g.User = nil
		o, err := redis.ParseFailoverURL(g.String())
		if err != nil {
			return nil, bad("URL", "%s: %v", redacted(u), goErr(err))
		}
		o.DialTimeout, o.DialerRetries, o.ReadTimeout, o.WriteTimeout = dialTimeout, dialerRetries, ioTimeout, ioTimeout
		o.PoolTimeout, o.MaxRetries, o.ContextTimeoutEnabled = poolTimeout, maxRetries, true
		o.ReplicaOnly, o.RouteByLatency, o.RouteRandomly = false, false, false
		if o.TLSConfig != nil {
			o.TLSConfig.ServerName = ""
		}
		out.failover, out.topo.Addrs = o, nodes
	}
	return out, nil
}

// goURL is u in the form go-redis's Cluster and Sentinel parsers read: the
// first node as the host, the others as addr parameters.
func goURL(u *url.URL, nodes []string, extra url.Values) *url.URL {
	g := *u
	g.Host = nodes[0]
	q := u.Query()
	for _, n := range nodes[1:] {
		q.Add("addr", n)
	}
	for k, vs := range extra {
		q[k] = vs
	}
	g.RawQuery = q.Encode()
	return &g
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
			return nil, bad("URL", "malformed Redis URL (check its userinfo, host, port and %%-escapes)")
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, bad("URL", "malformed Redis URL: %v", err)
	}
	if u.Opaque != "" {
		// scheme:rest without the slashes: Redacted would print rest,
		// password and all.
		return nil, bad("URL", "malformed Redis URL: no // after the scheme (write redis://host:port)")
	}
	if u.Scheme == "" {
		return nil, bad("URL", "no scheme: write redis://host:6379/0 (or rediss://, redis-sentinel://, redis-cluster://)")
	}
	if isNodes {
		u.Host = nodes
	}
	return u, nil
}

// hostList checks each host[:port] and adds defaultPort where none is given.
func hostList(hosts []string, defaultPort string) ([]string, error) {
	addrs := make([]string, 0, len(hosts))
	for _, h := range hosts {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, errors.New("empty Redis node address")
		}
		host, port, err := net.SplitHostPort(h)
		if err != nil {
			// No port: take the whole entry as the host, brackets and all
			// for an IPv6 literal.
			host, port = strings.Trim(h, "[]"), defaultPort
		}
		if n, err := strconv.Atoi(port); !hostName(host) || err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("Redis node address %q is not host[:port]", h)
		}
		addrs = append(addrs, net.JoinHostPort(host, port))
	}
	return addrs, nil
}

// redacted names u in an error: scheme and host only, since a
// password can sit in the userinfo, in a query parameter (go-redis reads
// password=) or anywhere a typo puts it.
func redacted(u *url.URL) string {
	return u.Scheme + "://" + u.Host
}

// hostName accepts DNS names and IPv4 and IPv6 literals (with a zone).
func hostName(h string) bool {
	if h == "" {
		return false
	}
	for _, r := range h {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune(".-_:%", r)) {
			return false
		}
	}
	return true
}

// goErr is a go-redis parser's error without the URL that url.Parse puts
// in its errors.
func goErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
