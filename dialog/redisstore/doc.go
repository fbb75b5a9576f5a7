// Package redisstore is the [dialog.Store] on Redis, through go-redis: the
// store that lets a bot restart, or run as several replicas, without losing
// a dialog. It is the only package besides cmd that imports go-redis, and
// it translates every go-redis error into a dialog sentinel at its
// boundary, so nothing above it ever sees redis.Nil.
//
// # Data
//
// One key per session, a hash with the version, the write token and the
// session's JSON:
//
//	<prefix>:{<team>:<channel>:<thread>}:session  →  v=<version>  t=<token>  d=<Session JSON>
//
// The braces are a Cluster hash tag: every key a session could ever need
// lands in one slot, so a script over them runs in Cluster too. Each write
// sets the key's TTL to the inactivity TTL; Redis deletes what nobody
// touched. A fully answered session takes about 0.9 KB of Redis memory
// (888 B by MEMORY USAGE on Redis 7.0, token included). Delivery claims
// are plain keys, <prefix>:claim:<id> → <token of the claiming call>, of
// about 120 bytes (measured with a 40-byte key), that expire on their own.
//
// Every operation is one round trip (a script's first run on a server
// costs one more, to load it). Save is a Lua script that compares the
// stored write token with the caller's, writes under a new token, and
// refreshes the TTL atomically, so two replicas racing on one version
// advance it once, and a copy read before a failover lost the last writes
// cannot overwrite what was written after it. Create, Save and Claim send
// their new token with the command, so a command go-redis resends after a
// late reply finds its own token and succeeds without writing twice (see
// [dialog.Store]).
//
// # Connecting
//
// [NewClient] builds the client from a URL, in one of four forms:
//
//	redis://[[user]:password@]host[:port][/db]        one server (port 6379)
//	rediss://[[user]:password@]host[:port][/db]       one server over TLS
//	redis-sentinel://[[user]:password@]host1:26379,host2:26379[/db]?master=mymaster
//	redis-cluster://[[user]:password@]host1:7000,host2:7001
//
// A node without a port gets 26379 (Sentinel) or 6379; IPv6 nodes are
// written in brackets. In the Sentinel form the credentials are the
// master's; sentinels are reached without a password. Every form goes
// through go-redis's own parser (ParseURL, ParseClusterURL,
// ParseFailoverURL), so its query parameters (pool_size, client_name…)
// work in all of them. Alternatively a host-less redis://[:password]@[/db]
// or rediss:// URL sets the credentials, database and TLS while
// [ClientConfig.SentinelAddrs] or [ClientConfig.ClusterAddrs] name the
// nodes. A Cluster has database 0 only: any other is refused, not ignored.
//
// Timeouts are fixed whatever the URL says (500 ms per dial, read and
// write, one go-redis retry), and [Options.Timeout] bounds each call, so a
// stopped or unreachable Redis fails a call within a second, as
// [dialog.ErrUnavailable], instead of holding a Slack handler.
//
// # Failover
//
// A Sentinel client asks the sentinels for the master on every new
// connection, so it follows a promotion as soon as they announce it. A
// Cluster client reloads its slot map every second while commands flow
// (go-redis's default is a minute, and a dead master sends no MOVED to
// hurry it), so it stops dialling a dead master within a second of its
// replica's promotion. [Store.Ping] asks every Cluster master for CLUSTER
// INFO and fails unless each sees cluster_state:ok with all 16384 slots
// served; [Verify] checks that a configuration names what it says.
package redisstore
