package redisstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"
)

// slotCount is the number of hash slots of Redis Cluster.
const slotCount = 16384

// EachMaster calls fn on every master rdb writes to, concurrently: each
// master of a Cluster, or the one server (or Sentinel's current master).
// Whatever spans the keyspace (SCAN, INFO) has to run this way on a
// Cluster: a keyless command reaches one node only.
func EachMaster(ctx context.Context, rdb redis.UniversalClient, fn func(ctx context.Context, c *redis.Client) error) error {
	switch c := rdb.(type) {
	case *redis.ClusterClient:
		return c.ForEachMaster(ctx, fn)
	case *redis.Client:
		return fn(ctx, c)
	}
	return fmt.Errorf("redisstore: unsupported client %T", rdb)
}

// DeletePrefix deletes every key under prefix+":" and says how many went.
// On a Cluster it scans each master and deletes key by key, in pipelines,
// since a multi-key UNLINK across slots fails with CROSSSLOT.
func DeletePrefix(ctx context.Context, rdb redis.UniversalClient, prefix string) (int, error) {
	var (
		mu      sync.Mutex
		deleted int
	)
	err := EachMaster(ctx, rdb, func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, prefix+":*", 1000).Iterator()
		var batch []string
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			cmds, err := c.Pipelined(ctx, func(p redis.Pipeliner) error {
				for _, k := range batch {
					p.Unlink(ctx, k)
				}
				return nil
			})
			n := 0
			for _, cmd := range cmds {
				if ic, ok := cmd.(*redis.IntCmd); ok {
					n += int(ic.Val())
				}
			}
			mu.Lock()
			deleted += n
			mu.Unlock()
			batch = batch[:0]
			return err
		}
		for iter.Next(ctx) {
			batch = append(batch, iter.Val())
			if len(batch) == 500 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := iter.Err(); err != nil {
			return err
		}
		return flush()
	})
	return deleted, err
}

// ping checks that every part of Redis the store writes to answers. On a
// Cluster that is every master, and every slot served: one unserved slot
// range fails the sessions that hash there, so the process is not ready.
func ping(ctx context.Context, rdb redis.UniversalClient) error {
	c, ok := rdb.(*redis.ClusterClient)
	if !ok {
		return rdb.Ping(ctx).Err()
	}
	return c.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error {
		info, err := n.ClusterInfo(ctx).Result()
		if err != nil {
			return fmt.Errorf("master %s: %w", n.Options().Addr, err)
		}
		return clusterHealthy(n.Options().Addr, info)
	})
}

// clusterHealthy reads CLUSTER INFO as one master sees the cluster.
func clusterHealthy(addr, info string) error {
	f := infoFields(info)
	if f["cluster_state"] != "ok" {
		return fmt.Errorf("master %s: cluster_state is %s", addr, f["cluster_state"])
	}
	if ok, _ := strconv.Atoi(f["cluster_slots_ok"]); ok < slotCount {
		return fmt.Errorf("master %s: %d of %d slots served (%s failing, %s suspected)", addr, ok, slotCount, f["cluster_slots_fail"], f["cluster_slots_pfail"])
	}
	return nil
}

// infoFields reads INFO or CLUSTER INFO's name:value lines.
func infoFields(info string) map[string]string {
	out := map[string]string{}
	for line := range strings.SplitSeq(info, "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && !strings.HasPrefix(k, "#") {
			out[k] = v
		}
	}
	return out
}

// Verify connects to what cfg names and checks it is what cfg says: a
// master, not a replica or a sentinel, for a server; sentinels that know
// the master, for Sentinel; every shard reachable and every slot served,
// for a Cluster. It returns a one-line summary, or an error that says
// plainly what is wrong and never quotes a password.
func Verify(ctx context.Context, cfg ClientConfig) (string, error) {
	p, err := cfg.parse()
	if err != nil {
		return "", err
	}
	switch {
	case p.cluster != nil:
		return verifyCluster(ctx, p)
	case p.failover != nil:
		return verifySentinel(ctx, p)
	default:
		return verifyServer(ctx, p)
	}
}

// role is what ROLE says a Redis process is: master, slave or sentinel,
// and for a replica, its master.
func role(ctx context.Context, c *redis.Client) (kind, master string, err error) {
	vals, err := c.Do(ctx, "ROLE").Slice()
	if err != nil {
		return "", "", err
	}
	if len(vals) == 0 {
		return "", "", errors.New("empty ROLE reply")
	}
	kind, _ = vals[0].(string)
	if kind == "slave" && len(vals) >= 3 {
		master = net.JoinHostPort(fmt.Sprint(vals[1]), fmt.Sprint(vals[2]))
	}
	return kind, master, nil
}

func verifyServer(ctx context.Context, p *parsed) (string, error) {
	c := redis.NewClient(p.single)
	defer c.Close()
	addr := p.single.Addr
	kind, master, err := role(ctx, c)
	if err != nil {
		return "", fmt.Errorf("%s does not answer ROLE: %w", addr, err)
	}
	switch kind {
	case "sentinel":
		return "", fmt.Errorf("%s is a Sentinel, not a Redis server: write redis-sentinel://%s?master=<name>", addr, addr)
	case "slave":
		return "", fmt.Errorf("%s is a replica of %s: writes fail there; point the URL at the master, or use Sentinel", addr, master)
	}
	info, err := c.Info(ctx, "cluster").Result()
	if err != nil {
		return "", fmt.Errorf("%s: INFO cluster: %w", addr, err)
	}
	if infoFields(info)["cluster_enabled"] == "1" {
		return "", fmt.Errorf("%s is a Redis Cluster node: write redis-cluster://%s so every shard is used", addr, addr)
	}
	return p.topo.String() + ": a master", nil
}

func verifySentinel(ctx context.Context, p *parsed) (string, error) {
	o := p.failover
	var problems []string
	var masterAddr string
	for _, addr := range o.SentinelAddrs {
		s := redis.NewClient(&redis.Options{Addr: addr, Username: o.SentinelUsername, Password: o.SentinelPassword,
			DialTimeout: dialTimeout, DialerRetries: dialerRetries, ReadTimeout: ioTimeout, WriteTimeout: ioTimeout, MaxRetries: -1})
		kind, _, err := role(ctx, s)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("sentinel %s does not answer: %v", addr, err))
		case kind != "sentinel":
			problems = append(problems, fmt.Sprintf("%s is a Redis %s, not a sentinel", addr, kind))
		default:
			sc := redis.NewSentinelClient(&redis.Options{Addr: addr, Username: o.SentinelUsername, Password: o.SentinelPassword,
				DialTimeout: dialTimeout, DialerRetries: dialerRetries, ReadTimeout: ioTimeout, WriteTimeout: ioTimeout, MaxRetries: -1})
			a, err := sc.GetMasterAddrByName(ctx, o.MasterName).Result()
			sc.Close()
			if err != nil || len(a) != 2 {
				problems = append(problems, fmt.Sprintf("sentinel %s does not monitor a master named %q", addr, o.MasterName))
				break
			}
			masterAddr = net.JoinHostPort(a[0], a[1])
		}
		s.Close()
	}
	if masterAddr != "" {
		c := redis.NewFailoverClient(o)
		kind, _, err := role(ctx, c)
		c.Close()
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("master %q at %s does not answer: %v", o.MasterName, masterAddr, err))
		case kind != "master":
			problems = append(problems, fmt.Sprintf("master %q at %s says it is a %s", o.MasterName, masterAddr, kind))
		}
	}
	if len(problems) > 0 {
		return "", errors.New(strings.Join(problems, "; "))
	}
	return fmt.Sprintf("%s: master at %s, sentinels answering: %d", p.topo, masterAddr, len(o.SentinelAddrs)), nil
}

func verifyCluster(ctx context.Context, p *parsed) (string, error) {
	// Each seed must be a cluster node: a plain server given as a seed
	// would make every command fail with "cluster support disabled".
	for _, addr := range p.cluster.Addrs {
		c := redis.NewClient(&redis.Options{Addr: addr, Username: p.cluster.Username, Password: p.cluster.Password, TLSConfig: p.cluster.TLSConfig,
			DialTimeout: dialTimeout, DialerRetries: dialerRetries, ReadTimeout: ioTimeout, WriteTimeout: ioTimeout, MaxRetries: -1})
		kind, _, err := role(ctx, c)
		var info string
		if err == nil {
			info, err = c.Info(ctx, "cluster").Result()
		}
		c.Close()
		switch {
		case err != nil:
			return "", fmt.Errorf("cluster node %s does not answer: %w", addr, err)
		case kind == "sentinel":
			return "", fmt.Errorf("%s is a Sentinel, not a Cluster node", addr)
		case infoFields(info)["cluster_enabled"] != "1":
			return "", fmt.Errorf("%s is not a Cluster node (cluster_enabled:0): write redis://%s", addr, addr)
		}
	}
	c := redis.NewClusterClient(p.cluster)
	defer c.Close()
	slots, err := c.ClusterSlots(ctx).Result()
	if err != nil {
		return "", fmt.Errorf("CLUSTER SLOTS: %w", err)
	}
	served := 0
	var masters []string
	for _, s := range slots {
		served += s.End - s.Start + 1
		if len(s.Nodes) > 0 && !slices.Contains(masters, s.Nodes[0].Addr) {
			masters = append(masters, s.Nodes[0].Addr)
		}
	}
	if served < slotCount {
		return "", fmt.Errorf("%d of %d slots have a master: sessions that hash to the others fail", served, slotCount)
	}
	var mu sync.Mutex
	var problems []string
	err = c.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error {
		kind, _, err := role(ctx, n)
		var problem string
		switch {
		case err != nil:
			problem = fmt.Sprintf("shard master %s does not answer: %v", n.Options().Addr, err)
		case kind != "master":
			problem = fmt.Sprintf("shard master %s says it is a %s", n.Options().Addr, kind)
		default:
			info, err := n.ClusterInfo(ctx).Result()
			if err != nil {
				problem = fmt.Sprintf("shard master %s: CLUSTER INFO: %v", n.Options().Addr, err)
			} else if err := clusterHealthy(n.Options().Addr, info); err != nil {
				problem = err.Error()
			}
		}
		if problem != "" {
			mu.Lock()
			problems = append(problems, problem)
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return "", errors.New(strings.Join(problems, "; "))
	}
	slices.Sort(masters)
	return fmt.Sprintf("%s: %d shards (masters %s), all %d slots served", p.topo, len(masters), strings.Join(masters, ","), slotCount), nil
}
