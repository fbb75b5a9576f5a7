package redisstore_test

import (
	"context"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/dialog/dialogtest"
	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// secret is the password of every URL the tests build, so any error that
// echoes it is caught.
const secret = "s3cret-pw"

// newClient returns a client built as production builds it, closed when
// the test ends.
func newClient(tb testing.TB, rawURL string) redis.UniversalClient {
	tb.Helper()
	rdb, err := redisstore.NewClient(redisstore.ClientConfig{URL: rawURL})
	if err != nil {
		tb.Fatalf("NewClient(%s) = %v", rawURL, err)
	}
	tb.Cleanup(func() { rdb.Close() })
	return rdb
}

// miniClock advances a miniredis server, whose TTLs only move when told.
type miniClock struct{ m *miniredis.Miniredis }

func (c miniClock) Advance(d time.Duration) { c.m.FastForward(d) }

// wallClock advances a real server the only way there is: by waiting.
// dialogtest keeps the total wait of one contract run under 1.5 s.
type wallClock struct{}

func (wallClock) Advance(d time.Duration) { time.Sleep(d) }

func newMiniStore(t *testing.T, c dialogtest.Config) (dialog.Store, dialogtest.Clock) {
	m := miniredis.RunT(t)
	rdb := newClient(t, "redis://"+m.Addr())
	return redisstore.New(rdb, redisstore.Options{TTL: c.TTL, Tokens: c.Tokens}), miniClock{m}
}

// newRealStore returns a store on the server at rawURL under a prefix of
// its own, whose keys are deleted when the test ends.
func newRealStore(tb testing.TB, rawURL string, ttl time.Duration) (*redisstore.Store, redis.UniversalClient, string) {
	return newRealStoreTokens(tb, rawURL, ttl, nil)
}

func newRealStoreTokens(tb testing.TB, rawURL string, ttl time.Duration, tokens func() string) (*redisstore.Store, redis.UniversalClient, string) {
	tb.Helper()
	rdb := newClient(tb, rawURL)
	prefix := "ctoadvisortest-" + rand.Text()
	tb.Cleanup(func() { deleteKeys(tb, rdb, prefix) })
	return redisstore.New(rdb, redisstore.Options{Prefix: prefix, TTL: ttl, Tokens: tokens}), rdb, prefix
}

// deleteKeys removes every key under prefix, on each master of a cluster.
func deleteKeys(tb testing.TB, rdb redis.UniversalClient, prefix string) {
	// t.Context is already cancelled when cleanups run.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	del := func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, prefix+":*", 100).Iterator()
		for iter.Next(ctx) {
			if err := c.Del(ctx, iter.Val()).Err(); err != nil {
				return err
			}
		}
		return iter.Err()
	}
	var err error
	switch c := rdb.(type) {
	case *redis.ClusterClient:
		err = c.ForEachMaster(ctx, del)
	case *redis.Client:
		err = del(ctx, c)
	}
	if err != nil {
		tb.Errorf("delete test keys %s:*: %v", prefix, err)
	}
}

func TestStore(t *testing.T) {
	t.Run("miniredis", func(t *testing.T) {
		t.Parallel()
		dialogtest.TestStore(t, newMiniStore)
	})
	rawURL := os.Getenv("REDIS_URL")
	if rawURL == "" {
		t.Log("REDIS_URL is unset: the contract ran on miniredis only (real TCP through go-redis, no real server)")
		return
	}
	t.Run("REDIS_URL", func(t *testing.T) {
		t.Parallel()
		dialogtest.TestStore(t, func(t *testing.T, c dialogtest.Config) (dialog.Store, dialogtest.Clock) {
			st, _, _ := newRealStoreTokens(t, rawURL, c.TTL, c.Tokens)
			return st, wallClock{}
		})
	})
}

// full is a session as large as a real one gets: every answer given, long
// Slack IDs, both message references.
func full() dialog.Session {
	now := time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)
	return dialog.Session{
		Key:     dialog.Key{Team: "T0123456789AB", Channel: "C0123456789AB", Thread: "1710408413.123456"},
		Owner:   "U0123456789AB",
		Lang:    knowledge.French,
		State:   dialog.Changing,
		Current: knowledge.TechLead,
		Answers: map[knowledge.QuestionID]knowledge.OptionID{
			knowledge.Stage:    knowledge.Enterprise,
			knowledge.TechLead: knowledge.LeadCTOOverloaded,
			knowledge.Need:     knowledge.NeedSpecialist,
			knowledge.Urgency:  knowledge.Immediate,
			knowledge.Budget:   knowledge.Flexible,
		},
		Asked:       12,
		CardRev:     4,
		QuestionMsg: "1710408499.123456",
		CardMsg:     "1710408500.123456",
		Created:     now,
		Updated:     now.Add(time.Hour),
	}
}

// TestStoreLayout pins what is written where, since other replicas, ops
// scripts and Cluster hash slots depend on it.
func TestStoreLayout(t *testing.T) {
	m := miniredis.RunT(t)
	st := redisstore.New(newClient(t, "redis://"+m.Addr()), redisstore.Options{})
	s := full()
	const key = "ctoadvisor:{T0123456789AB:C0123456789AB:1710408413.123456}:session"

	if err := st.Create(t.Context(), &s); err != nil {
		t.Fatalf("Create(%s) = %v", s.Key, err)
	}
	if got := m.HGet(key, "v"); got != "1" {
		t.Errorf("after Create, HGET %s v = %q, want %q", key, got, "1")
	}
	created := m.HGet(key, "t")
	if created == "" || created != s.Token {
		t.Errorf("after Create, HGET %s t = %q, want the session's token %q", key, created, s.Token)
	}
	if got, want := m.TTL(key), 24*time.Hour; got != want {
		t.Errorf("after Create, TTL(%s) = %v, want the default %v", key, got, want)
	}
	m.FastForward(time.Hour)
	if err := st.Save(t.Context(), &s); err != nil {
		t.Fatalf("Save(%s) = %v", s.Key, err)
	}
	if got := m.HGet(key, "v"); got != "2" {
		t.Errorf("after Save, HGET %s v = %q, want %q", key, got, "2")
	}
	if got := m.HGet(key, "t"); got == created || got != s.Token {
		t.Errorf("after Save, HGET %s t = %q, want a new token, the session's %q", key, got, s.Token)
	}
	if strings.Contains(m.HGet(key, "d"), s.Token) {
		t.Errorf("the token is in the session JSON too: %s", m.HGet(key, "d"))
	}
	if got, want := m.TTL(key), 24*time.Hour; got != want {
		t.Errorf("after Save, TTL(%s) = %v, want %v (refreshed)", key, got, want)
	}
	if !strings.Contains(m.HGet(key, "d"), `"version":2`) {
		t.Errorf("HGET %s d = %s, want the session JSON at version 2", key, m.HGet(key, "d"))
	}

	if _, err := st.Claim(t.Context(), "Ev0123", 90*time.Second); err != nil {
		t.Fatalf("Claim(%q) = %v", "Ev0123", err)
	}
	const claim = "ctoadvisor:claim:Ev0123"
	if got, want := m.TTL(claim), 90*time.Second; got != want {
		t.Errorf("TTL(%s) = %v, want %v", claim, got, want)
	}
	if got, _ := m.Get(claim); len(got) < 20 {
		t.Errorf("GET %s = %q, want the claiming call's token", claim, got)
	}

	_, err := st.Get(t.Context(), dialog.Key{Team: "T1", Channel: "C1", Thread: "missing"})
	if errors.Is(err, redis.Nil) || !errors.Is(err, dialog.ErrNotFound) {
		t.Errorf("Get(missing) = %v, want %v and never redis.Nil", err, dialog.ErrNotFound)
	}
}

// TestStoreMemory holds a session to at most 1 KB of Redis memory. Only a
// real server can say what it uses; on miniredis the test bounds what is
// stored instead.
func TestStoreMemory(t *testing.T) {
	const limit = 1024
	s := full()
	if rawURL := os.Getenv("REDIS_URL"); rawURL != "" {
		st, rdb, prefix := newRealStore(t, rawURL, time.Hour)
		if err := st.Create(t.Context(), &s); err != nil {
			t.Fatalf("Create(%s) = %v", s.Key, err)
		}
		if err := st.Save(t.Context(), &s); err != nil {
			t.Fatalf("Save(%s) = %v", s.Key, err)
		}
		key := prefix + ":{" + s.Key.String() + "}:session"
		used, err := rdb.MemoryUsage(t.Context(), key).Result()
		if err != nil {
			t.Fatalf("MEMORY USAGE %s: %v", key, err)
		}
		t.Logf("MEMORY USAGE of one session: %d B", used)
		if used > limit {
			t.Errorf("MEMORY USAGE %s = %d B, want ≤ %d", key, used, limit)
		}
		return
	}

	m := miniredis.RunT(t)
	st := redisstore.New(newClient(t, "redis://"+m.Addr()), redisstore.Options{})
	if err := st.Save(t.Context(), &s); !errors.Is(err, dialog.ErrNotFound) {
		t.Fatalf("Save(%s) before Create = %v, want %v", s.Key, err, dialog.ErrNotFound)
	}
	if err := st.Create(t.Context(), &s); err != nil {
		t.Fatalf("Create(%s) = %v", s.Key, err)
	}
	key := "ctoadvisor:{" + s.Key.String() + "}:session"
	stored := len(key) + len(m.HGet(key, "v")) + len(m.HGet(key, "t")) + len(m.HGet(key, "d"))
	// Redis 7.0 spends about 280 B on such a hash with a TTL beyond its
	// bytes (measured: this session's 543 B took 824 B), so 700 B of data
	// stays under the limit.
	const dataLimit = 700
	t.Logf("REDIS_URL is unset: MEMORY USAGE needs a real server; one session stores %d B of key and data", stored)
	if stored > dataLimit {
		t.Errorf("stored key and data = %d B, want ≤ %d so the session fits in %d B of Redis memory", stored, dataLimit, limit)
	}
}

// blackhole is a TCP server that accepts connections and never answers,
// like a Redis whose host stopped responding.
func blackhole(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
		wg    sync.WaitGroup
	)
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return // the listener closed
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	})
	t.Cleanup(func() {
		ln.Close()
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// stopped returns the address of a Redis that ran and then went away.
func stopped(t *testing.T) string {
	m := miniredis.RunT(t)
	addr := m.Addr()
	m.Close()
	return addr
}

// TestStoreUnavailable checks the fault bound: with Redis stopped or
// blackholed, every call fails with ErrUnavailable within a second, and
// the error does not echo the password. 1.5 s leaves room for a loaded
// machine; this bounds a fault, it does not time a fast path.
func TestStoreUnavailable(t *testing.T) {
	const bound = 1500 * time.Millisecond
	servers := []struct {
		name string
		addr func(t *testing.T) string
	}{
		{"stopped", stopped},
		{"blackhole", blackhole},
	}
	ops := []struct {
		name string
		call func(ctx context.Context, st *redisstore.Store) error
	}{
		{"Get", func(ctx context.Context, st *redisstore.Store) error {
			_, err := st.Get(ctx, full().Key)
			return err
		}},
		{"Create", func(ctx context.Context, st *redisstore.Store) error {
			s := full()
			return st.Create(ctx, &s)
		}},
		{"Save", func(ctx context.Context, st *redisstore.Store) error {
			s := full()
			s.Version = 1
			return st.Save(ctx, &s)
		}},
		{"Claim", func(ctx context.Context, st *redisstore.Store) error {
			_, err := st.Claim(ctx, "Ev0123", time.Minute)
			return err
		}},
		{"Ping", func(ctx context.Context, st *redisstore.Store) error {
			return st.Ping(ctx)
		}},
	}
	for _, srv := range servers {
		for _, op := range ops {
			t.Run(srv.name+"/"+op.name, func(t *testing.T) {
				t.Parallel()
				st := redisstore.New(newClient(t, "redis://:"+secret+"@"+srv.addr(t)), redisstore.Options{})
				start := time.Now()
				err := op.call(t.Context(), st)
				took := time.Since(start)
				if !errors.Is(err, dialog.ErrUnavailable) {
					t.Errorf("%s on a %s Redis = %v, want %v", op.name, srv.name, err, dialog.ErrUnavailable)
				}
				if took > bound {
					t.Errorf("%s on a %s Redis took %v, want < %v", op.name, srv.name, took, bound)
				}
				if err != nil && strings.Contains(err.Error(), secret) {
					t.Errorf("%s error %q contains the URL's password", op.name, err)
				}
			})
		}
	}
}

// TestStoreCallerDeadline checks that a caller's shorter deadline wins over
// the client's timeouts.
func TestStoreCallerDeadline(t *testing.T) {
	st := redisstore.New(newClient(t, "redis://"+blackhole(t)), redisstore.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := st.Get(ctx, full().Key)
	if took := time.Since(start); took > 400*time.Millisecond {
		t.Errorf("Get with a 100ms deadline on a blackholed Redis took %v, want < 400ms", took)
	}
	if !errors.Is(err, dialog.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get with a 100ms deadline on a blackholed Redis = %v, want %v wrapping %v", err, dialog.ErrUnavailable, context.DeadlineExceeded)
	}
}

// benchStore is a store on REDIS_URL when set, else on miniredis.
func benchStore(b *testing.B) *redisstore.Store {
	if rawURL := os.Getenv("REDIS_URL"); rawURL != "" {
		st, _, _ := newRealStore(b, rawURL, time.Hour)
		return st
	}
	m := miniredis.RunT(b)
	return redisstore.New(newClient(b, "redis://"+m.Addr()), redisstore.Options{})
}

func BenchmarkSave(b *testing.B) {
	st := benchStore(b)
	s := full()
	if err := st.Create(b.Context(), &s); err != nil {
		b.Fatalf("Create(%s) = %v", s.Key, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Save(b.Context(), &s); err != nil {
			b.Fatalf("Save(%s) = %v", s.Key, err)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	st := benchStore(b)
	s := full()
	if err := st.Create(b.Context(), &s); err != nil {
		b.Fatalf("Create(%s) = %v", s.Key, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Get(b.Context(), s.Key); err != nil {
			b.Fatalf("Get(%s) = %v", s.Key, err)
		}
	}
}
