package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
)

// openStore returns the session store the configuration names: Redis when
// REDIS_URL (or Sentinel/Cluster addresses) is set, memory otherwise.
func openStore(cfg Config, lg *slog.Logger) (dialog.Store, io.Closer, error) {
	if cfg.RedisTopology.Kind == 0 {
		lg.Warn("REDIS_URL is not set: sessions are kept in memory and die with the process")
		return dialog.NewMemStore(cfg.DialogTTL, nil), io.NopCloser(nil), nil
	}
	redis.SetLogger(redisLog{lg})
	rdb, err := redisstore.NewClient(cfg.redisClient())
	if err != nil {
		return nil, nil, &configError{"REDIS_URL", fmt.Sprint(err)}
	}
	lg.Info("session store", "kind", cfg.RedisTopology.Kind.String(), "topology", cfg.RedisTopology.String(), "prefix", cfg.RedisKeyPrefix)
	return redisstore.New(rdb, redisstore.Options{Prefix: cfg.RedisKeyPrefix, TTL: cfg.DialogTTL}), rdb, nil
}

// redisLog routes go-redis's internal messages (pool dial failures and the
// like) into the process's structured log instead of its own stderr logger.
type redisLog struct{ lg *slog.Logger }

func (r redisLog) Printf(ctx context.Context, format string, v ...any) {
	r.lg.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
