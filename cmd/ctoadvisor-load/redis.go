package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
)

// openRedis returns a client built as serve builds it (redisstore.NewClient:
// its fixed timeouts and pool), after checking that Redis answers.
func openRedis(ctx context.Context, url string) (redis.UniversalClient, error) {
	rdb, err := redisstore.NewClient(redisstore.ClientConfig{URL: url})
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("redis at REDIS_URL does not answer: %w", err)
	}
	return rdb, nil
}

// keyPrefix is unique to one run, so runs and tests sharing a Redis never
// see each other's keys, and cleanup deletes exactly this run's.
func keyPrefix() string {
	return fmt.Sprintf("ctoadvisor-load:%d:%d", os.Getpid(), time.Now().UnixNano())
}

// tripCounter is a go-redis hook on the bot's client that counts round
// trips (one per command, one per pipeline), each charged to the kind of
// step its session is in. A session is recognised by the user or channel
// ID in the key; a /cto-advice claim is keyed by trigger ID instead, and
// always belongs to a start. The charge is exact while a session's next
// step waits for the bot to finish (paced mode); in saturated mode work
// that trails a post can land on the next step, the totals stay exact.
type tripCounter struct {
	ws    *workspace
	trips [numKinds]atomic.Int64
}

func (c *tripCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *tripCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.trips[c.kindOf(cmd.Args())].Add(1)
		return next(ctx, cmd)
	}
}

func (c *tripCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 {
			c.trips[c.kindOf(cmds[0].Args())].Add(1)
		}
		return next(ctx, cmds)
	}
}

func (c *tripCounter) kindOf(args []any) stepKind {
	key := keyArg(args)
	if strings.Contains(key, ":claim:cmd:") {
		return kindStart
	}
	if m := c.ws.memberIn(key); m != nil {
		return stepKind(m.phase.Load())
	}
	return kindOther
}

// keyArg is the first key a command names, or "".
func keyArg(args []any) string {
	if len(args) < 2 {
		return ""
	}
	i := 1
	if name, _ := args[0].(string); strings.EqualFold(name, "evalsha") || strings.EqualFold(name, "eval") {
		i = 3 // EVALSHA sha numkeys key…
	}
	if i >= len(args) {
		return ""
	}
	key, _ := args[i].(string)
	return key
}

// commandStats reads INFO commandstats: calls per command since Redis
// started, counted by the server for every client (commands run inside a
// script count too), summed over every master of a Cluster.
func commandStats(ctx context.Context, rdb redis.UniversalClient) (map[string]int64, error) {
	var mu sync.Mutex
	out := map[string]int64{}
	err := redisstore.EachMaster(ctx, rdb, func(ctx context.Context, c *redis.Client) error {
		info, err := c.Info(ctx, "commandstats").Result()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for name, n := range parseCommandStats(info) {
			out[name] += n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("INFO commandstats: %w", err)
	}
	return out, nil
}

// parseCommandStats reads lines like
// "cmdstat_hmget:calls=2419,usec=2556,usec_per_call=1.06,...".
func parseCommandStats(info string) map[string]int64 {
	out := map[string]int64{}
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		name, fields, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "cmdstat_"), ":")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		for f := range strings.SplitSeq(fields, ",") {
			if v, ok := strings.CutPrefix(f, "calls="); ok {
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					out[name] = n
				}
			}
		}
	}
	return out
}

// statsDelta is after minus before, without the INFO calls that took them.
func statsDelta(before, after map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for name, n := range after {
		if d := n - before[name]; d > 0 && name != "info" {
			out[name] = d
		}
	}
	return out
}

// keyStats describes the keys matching a pattern.
type keyStats struct {
	count     int
	sampled   int
	mean, max int64 // MEMORY USAGE bytes over the sample
	err       error // MEMORY USAGE unsupported, say
}

// keyMemory counts the keys matching pattern, on every master of a
// Cluster, and measures MEMORY USAGE (all nested values: SAMPLES 0) on the
// first limit of them.
func keyMemory(ctx context.Context, rdb redis.UniversalClient, pattern string, limit int) keyStats {
	var (
		mu    sync.Mutex
		ks    keyStats
		total int64
	)
	err := redisstore.EachMaster(ctx, rdb, func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, pattern, 1000).Iterator()
		for iter.Next(ctx) {
			mu.Lock()
			ks.count++
			sample := ks.sampled < limit && ks.err == nil
			if sample {
				ks.sampled++ // reserved before the call, so limit holds across masters
			}
			mu.Unlock()
			if !sample {
				continue
			}
			n, err := c.MemoryUsage(ctx, iter.Val(), 0).Result()
			mu.Lock()
			if err != nil {
				ks.sampled--
				if ks.err == nil {
					ks.err = fmt.Errorf("MEMORY USAGE: %w", err)
				}
			} else {
				total += n
				ks.max = max(ks.max, n)
			}
			mu.Unlock()
		}
		if err := iter.Err(); err != nil {
			return fmt.Errorf("SCAN %s: %w", pattern, err)
		}
		return nil
	})
	if err != nil && ks.err == nil {
		ks.err = err
	}
	if ks.sampled > 0 {
		ks.mean = total / int64(ks.sampled)
	}
	return ks
}

// deleteKeys removes every key under prefix, on every master of a Cluster.
func deleteKeys(ctx context.Context, rdb redis.UniversalClient, prefix string) (int, error) {
	return redisstore.DeletePrefix(ctx, rdb, prefix)
}
