package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

// testRedisURL is REDIS_URL when set, else an in-process miniredis (which
// has no INFO commandstats: the report must say n/a, not fail).
func testRedisURL(t *testing.T) string {
	t.Helper()
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return "redis://" + miniredis.RunT(t).Addr()
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRunUsage(t *testing.T) {
	redisURL := map[string]string{"REDIS_URL": "redis://127.0.0.1:1/0"}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantErr  string
	}{
		{"help", []string{"-h"}, redisURL, 0, "Usage: REDIS_URL="},
		{"no REDIS_URL", []string{"-sessions", "1"}, nil, 2, "REDIS_URL is not set"},
		{"bad mode", []string{"-mode", "fast"}, redisURL, 2, `-mode "fast"`},
		{"no sessions", []string{"-sessions", "0"}, redisURL, 2, "-sessions 0"},
		{"too many sessions", []string{"-sessions", "100000"}, redisURL, 2, "-sessions 100000"},
		{"zero duration", []string{"-duration", "0s"}, redisURL, 2, "-duration 0s"},
		{"too many sockets", []string{"-sockets", "11"}, redisURL, 2, "-sockets 11"},
		{"fewer stored than sessions", []string{"-mode", "memory", "-sessions", "10", "-stored", "5"}, redisURL, 2, "-stored 5"},
		{"stray argument", []string{"paced"}, redisURL, 2, `unexpected argument "paced"`},
		{"unknown flag", []string{"-rate", "5"}, redisURL, 2, "-rate"},
		{"redis down", []string{"-sessions", "1", "-duration", "1s"}, redisURL, 1, "does not answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tt.args, env(tt.env), &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tt.args, stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestRun(t *testing.T) {
	redisURL := testRedisURL(t)
	tests := []struct {
		name string
		args []string
		want []string // lines or fragments the report must hold
	}{
		{
			name: "paced",
			args: []string{"-mode", "paced", "-sessions", "4", "-duration", "1s", "-interval", "50ms", "-baseline-question"},
			want: []string{
				"errors          0\n",
				"duplicate posts 0 ",
				// A click is answered through its response_url: the answered
				// question replaced, the next question posted in the thread.
				"Slack calls     2.00 (response_url 2.00) per answered step",
				"exactly 2 Slack calls per answered step      met",
				"no Web API call for a click                  met",
				"baseline: bare slack-go",
				"baseline with the bot's question: ",
				"bot / baseline  ",
				"bot / baseline with the bot's question ",
			},
		},
		{
			name: "saturated without baseline",
			args: []string{"-mode", "saturated", "-sessions", "3", "-duration", "1s", "-baseline=false"},
			want: []string{
				"errors          0\n",
				"duplicate posts 0 ",
				"exactly 2 Slack calls per answered step      met",
			},
		},
		{
			name: "memory",
			args: []string{"-mode", "memory", "-sessions", "3", "-stored", "12"},
			want: []string{
				fmt.Sprintf("%-22s %12d %12d %12d", "session keys in Redis", 3, 6, 12),
				"bot heap in use",
				"errors          0\n",
			},
		},
		{
			// Four people in one channel under Slack's limits, answering
			// fast: every dialog completes, half the answers typed.
			name: "offsite",
			args: []string{"-mode", "offsite", "-users", "4", "-start-within", "500ms", "-think-min", "10ms", "-think-max", "100ms", "-typed", "0.5", "-seed", "7"},
			want: []string{
				"dialogs         4 of 4 reached the card",
				"notes to people 0 ",
				"duplicate posts 0\n",
				"rate limited    0 calls refused with 429",
				"every dialog completes                   met",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tt.args, env(map[string]string{"REDIS_URL": redisURL}), &stdout, &stderr)
			if code != 0 {
				t.Fatalf("run(%q) = %d, want 0; stderr:\n%s\nstdout:\n%s", tt.args, code, stderr.String(), stdout.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("run(%q) report lacks %q:\n%s", tt.args, w, stdout.String())
				}
			}
			if keys := runKeys(t, redisURL); len(keys) > 0 {
				t.Errorf("run(%q) left %d keys behind, such as %q", tt.args, len(keys), keys[0])
			}
		})
	}
}

// runKeys lists the keys this process's runs created.
func runKeys(t *testing.T, rawURL string) []string {
	t.Helper()
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		t.Fatalf("redis.ParseURL(%q) = %v", rawURL, err)
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	keys, err := rdb.Keys(t.Context(), fmt.Sprintf("ctoadvisor-load:%d:*", os.Getpid())).Result()
	if err != nil {
		t.Fatalf("KEYS: %v", err)
	}
	return keys
}

func TestQuantile(t *testing.T) {
	ms := func(ns ...int) durations {
		var d durations
		for _, n := range ns {
			d = append(d, time.Duration(n)*time.Millisecond)
		}
		return d
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name string
		d    durations
		q    float64
		want time.Duration
	}{
		{"empty", nil, 0.5, 0},
		{"one", ms(7), 0.99, 7 * time.Millisecond},
		{"median of four", ms(1, 2, 3, 4), 0.5, 2 * time.Millisecond},
		{"p99 of a hundred", ms(hundred...), 0.99, 99 * time.Millisecond},
		{"p50 of a hundred", ms(hundred...), 0.5, 50 * time.Millisecond},
		{"p100", ms(1, 2, 3), 1, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.quantile(tt.q); got != tt.want {
				t.Errorf("quantile(%v, %v) = %v, want %v", tt.d, tt.q, got, tt.want)
			}
		})
	}
}

func TestParseCommandStats(t *testing.T) {
	info := "# Commandstats\r\n" +
		"cmdstat_hmget:calls=2419,usec=2556,usec_per_call=1.06,rejected_calls=0,failed_calls=0\r\n" +
		"cmdstat_memory|usage:calls=9,usec=17,usec_per_call=1.89,rejected_calls=0,failed_calls=0\r\n" +
		"cmdstat_evalsha:calls=3,usec=546,usec_per_call=182.00,rejected_calls=0,failed_calls=1\r\n"
	want := map[string]int64{"hmget": 2419, "memory|usage": 9, "evalsha": 3}
	if diff := cmp.Diff(want, parseCommandStats(info)); diff != "" {
		t.Errorf("parseCommandStats (-want +got):\n%s", diff)
	}
	delta := statsDelta(map[string]int64{"hmget": 2400, "info": 5}, map[string]int64{"hmget": 2419, "info": 7, "set": 3})
	if diff := cmp.Diff(map[string]int64{"hmget": 19, "set": 3}, delta); diff != "" {
		t.Errorf("statsDelta (-want +got):\n%s", diff)
	}
}

func TestDuplicates(t *testing.T) {
	post := func(channel, thread, blockID string) fakeslack.Call {
		blocks := fmt.Sprintf(`[{"type":"section","block_id":"x"},{"type":"actions","block_id":%q,"elements":[]}]`, blockID)
		return fakeslack.Call{Method: "chat.postMessage", Form: url.Values{
			"channel": {channel}, "thread_ts": {thread}, "blocks": {blocks},
		}}
	}
	root := fakeslack.Call{Method: "chat.postMessage", Form: url.Values{"channel": {"C1"}, "blocks": {`[{"type":"section"}]`}}}
	tests := []struct {
		name  string
		posts []fakeslack.Call
		want  int
	}{
		{"a dialog", []fakeslack.Call{root, post("C1", "1.1", "ask:1"), post("C1", "1.1", "ask:2"), post("C1", "1.1", "card:1")}, 0},
		{"a question twice", []fakeslack.Call{post("C1", "1.1", "ask:1"), post("C1", "1.1", "ask:2"), post("C1", "1.1", "ask:2")}, 1},
		{"a card twice", []fakeslack.Call{post("C1", "1.1", "card:1"), post("C1", "1.1", "card:1")}, 1},
		{"same ID in other threads", []fakeslack.Call{post("C1", "1.1", "ask:1"), post("C1", "2.2", "ask:1"), post("C2", "1.1", "ask:1")}, 0},
		{"roots are not counted", []fakeslack.Call{root, root}, 0},
		{"a post refused with 429 then retried", []fakeslack.Call{limited(post("C1", "1.1", "ask:1")), post("C1", "1.1", "ask:1")}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := duplicates(tt.posts); got != tt.want {
				t.Errorf("duplicates(%d posts) = %d, want %d", len(tt.posts), got, tt.want)
			}
		})
	}
}

func limited(c fakeslack.Call) fakeslack.Call {
	c.RateLimited = true
	return c
}

func TestLimitedLine(t *testing.T) {
	got := limitedLine(map[string]int{"chat.update": 3, "users.info": 1, "response_url": 2},
		map[fakeslack.Tier]int{fakeslack.Tier3: 3, fakeslack.Tier4: 1, fakeslack.TierRespURL: 2})
	want := "6 calls refused with 429: by tier response_url 2, tier3 3, tier4 1; by method chat.update 3, response_url 2, users.info 1"
	if got != want {
		t.Errorf("limitedLine() = %q, want %q", got, want)
	}
	if got := limitedLine(map[string]int{}, map[fakeslack.Tier]int{}); !strings.HasPrefix(got, "0 calls") {
		t.Errorf("limitedLine(none) = %q, want it to say 0 calls", got)
	}
}

func TestKindOf(t *testing.T) {
	ws := &workspace{members: []*member{{index: 0}, {index: 1}}}
	ws.members[1].phase.Store(int32(kindAnswer))
	c := &tripCounter{ws: ws}
	tests := []struct {
		name string
		args []any
		want stepKind
	}{
		{"session get", []any{"hmget", "p:{T111:CLOAD00001:1.2}:session", "v", "d"}, kindAnswer},
		{"save script", []any{"evalsha", "abc", 1, "p:{T111:CLOAD00001:1.2}:session", "1", "2"}, kindAnswer},
		{"click claim", []any{"set", "p:claim:act:ULOAD00001:1.2:answer_x:3.4", "1", "px", 1, "nx"}, kindAnswer},
		{"command claim", []any{"set", "p:claim:cmd:12.34.ab", "1", "px", 1, "nx"}, kindStart},
		{"idle session", []any{"hmget", "p:{T111:CLOAD00000:1.2}:session"}, kindOther},
		{"unknown member", []any{"hmget", "p:{T111:CLOAD00007:1.2}:session"}, kindOther},
		{"ping", []any{"ping"}, kindOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.kindOf(tt.args); got != tt.want {
				t.Errorf("kindOf(%q) = %v, want %v", tt.args, got, tt.want)
			}
		})
	}
}

func TestSiteOfFunc(t *testing.T) {
	tests := []struct {
		fn     string
		want   site
		wantOK bool
	}{
		{"github.com/ctoadvisor/ctoadvisor/bot/fakeslack.(*Server).serveAPI", siteFake, true},
		{"github.com/ctoadvisor/ctoadvisor/bot.(*Bot).post", siteBot, true},
		{"github.com/ctoadvisor/ctoadvisor/dialog/redisstore.(*Store).Get", siteBot, true},
		{"github.com/slack-go/slack/socketmode.(*Client).parseEvent", siteBot, true},
		{"github.com/redis/go-redis/v9/internal/pool.NewConn", siteBot, true},
		{"main.(*driver).await", siteDriver, true},
		{"encoding/json.Unmarshal", 0, false},
		{"github.com/gorilla/websocket.(*Conn).ReadMessage", 0, false},
	}
	for _, tt := range tests {
		got, ok := siteOfFunc(tt.fn)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("siteOfFunc(%q) = %v, %v; want %v, %v", tt.fn, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestPacer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		p := &pacer{every: time.Second, next: start}
		ctx := context.Background()
		if !p.wait(ctx) || time.Since(start) != 0 {
			t.Fatalf("first wait returned after %v, want at once", time.Since(start))
		}
		time.Sleep(2500 * time.Millisecond) // a reply that took 2.5 periods
		if !p.wait(ctx) {
			t.Fatal("wait() = false with a live context")
		}
		// The slot at 1 s is skipped; the one at 2 s is taken late, at once.
		if got := time.Since(start); got != 2500*time.Millisecond || p.missed != 1 {
			t.Errorf("after a slow reply, wait returned at %v with %d missed; want 2.5s and 1", got, p.missed)
		}
		if !p.wait(ctx) || time.Since(start) != 3*time.Second {
			t.Errorf("next wait returned at %v, want 3s", time.Since(start))
		}
		done, cancel := context.WithCancel(ctx)
		cancel()
		if p.wait(done) {
			t.Error("wait() = true with a cancelled context")
		}
	})
}

func TestChannelOf(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"fake's order", `{"channel":"CLOAD00001","message":{"blocks":[{"type":"actions"}],"ts":"1.2"},"ok":true,"ts":"1.2"}`, "CLOAD00001"},
		{"Slack's order", `{"ok":true,"ts":"1.2","message":{"text":"x","ts":"1.2"},"channel":"C9"}`, "C9"},
		{"error", `{"ok":false,"error":"not_in_channel"}`, ""},
		{"not JSON", `<html>502</html>`, ""},
		{"truncated", `{"message":{"blocks":[`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := channelOf([]byte(tt.body)); got != tt.want {
				t.Errorf("channelOf(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}
