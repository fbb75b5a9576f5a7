package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

// env is a fake environment for run.
type env map[string]string

func (e env) get(k string) string { return e[k] }

// lockedBuffer collects a running command's output.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRunConfigErrors(t *testing.T) {
	good := env{"SLACK_BOT_TOKEN": "xoxb-1-secret", "SLACK_APP_TOKEN": "xapp-1-secret", "HTTP_ADDR": "off"}
	with := func(k, v string) env {
		e := env{}
		for kk, vv := range good {
			e[kk] = vv
		}
		e[k] = v
		return e
	}
	tests := []struct {
		name    string
		args    []string
		env     env
		wantVar string
	}{
		{"missing bot token", []string{"serve"}, with("SLACK_BOT_TOKEN", ""), "SLACK_BOT_TOKEN"},
		{"user token as bot token", []string{"serve"}, with("SLACK_BOT_TOKEN", "xoxp-secret-user"), "SLACK_BOT_TOKEN"},
		{"missing app token", nil, with("SLACK_APP_TOKEN", ""), "SLACK_APP_TOKEN"},
		{"bot token as app token", []string{"serve"}, with("SLACK_APP_TOKEN", "xoxb-secret-again"), "SLACK_APP_TOKEN"},
		{"bad api url", []string{"serve"}, with("SLACK_API_URL", "slack.com"), "SLACK_API_URL"},
		{"bad redis url", []string{"serve"}, with("REDIS_URL", "mysql://x:secretpw@db:3306"), "REDIS_URL"},
		{"channel name instead of ID", []string{"serve"}, with("LEADERSHIP_CHANNELS", "C0LEAD,#leadership"), "LEADERSHIP_CHANNELS"},
		{"case url with fragment", []string{"serve"}, with("CASE_STUDY_URL", "https://x.example/a#case-1"), "CASE_STUDY_URL"},
		{"bad ttl", []string{"serve"}, with("DIALOG_TTL", "tomorrow"), "DIALOG_TTL"},
		{"bad language", []string{"serve"}, with("DEFAULT_LANG", "de"), "DEFAULT_LANG"},
		{"bad log level", []string{"serve"}, with("LOG_LEVEL", "loud"), "LOG_LEVEL"},
		{"bad log format", []string{"serve"}, with("LOG_FORMAT", "xml"), "LOG_FORMAT"},
		{"too many sockets", []string{"serve"}, with("SOCKET_CONNECTIONS", "11"), "SOCKET_CONNECTIONS"},
		{"check too", []string{"check"}, with("SLACK_BOT_TOKEN", ""), "SLACK_BOT_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tt.args, tt.env.get, strings.NewReader(""), &stdout, &stderr)
			if code != 2 {
				t.Errorf("run(%v) = %d, want 2; stderr %q", tt.args, code, stderr.String())
			}
			out := stderr.String()
			if lines := strings.Count(strings.TrimSpace(out), "\n"); lines != 0 {
				t.Errorf("stderr has %d lines, want one: %q", lines+1, out)
			}
			if !strings.Contains(out, tt.wantVar) {
				t.Errorf("stderr %q does not name %s", out, tt.wantVar)
			}
			if strings.Contains(out+stdout.String(), "secret") {
				t.Errorf("a secret leaked into the output: %q", out+stdout.String())
			}
		})
	}
}

func TestRunUnknownCommandAndLang(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"dance"}, env{}.get, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("run(dance) = %d, want 2", code)
	}
	stderr.Reset()
	if code := run(t.Context(), []string{"chat", "--lang", "de"}, env{}.get, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("run(chat --lang de) = %d, want 2", code)
	}
	if lines := strings.Count(strings.TrimSpace(stderr.String()), "\n"); lines != 0 || !strings.Contains(stderr.String(), "--lang") {
		t.Errorf("chat --lang de said %q, want one line naming --lang", stderr.String())
	}
}

func TestRunChat(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			in := strings.NewReader("1\n1\n1\n1\n1\n")
			if code := run(t.Context(), []string{"chat", "--lang", lang}, env{}.get, in, &stdout, &stderr); code != 0 {
				t.Fatalf("run(chat) = %d; stderr %q", code, stderr.String())
			}
			// The card's headline is the plan for the article's case 1.
			want := map[string]string{"en": "Fractional CTO now, then a full-time CTO", "fr": "CTO à temps partiel maintenant, puis un CTO à plein temps"}[lang]
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("chat output lacks %q:\n%s", want, stdout.String())
			}
		})
	}
}

// freeAddr returns a loopback address nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// serveEnv is the environment of a bot pointed at fake.
func serveEnv(t *testing.T, fake *fakeslack.Server) env {
	e := env{
		"SLACK_BOT_TOKEN":     "xoxb-canary-bot-token",
		"SLACK_APP_TOKEN":     "xapp-canary-app-token",
		"SLACK_API_URL":       fake.URL(),
		"HTTP_ADDR":           freeAddr(t),
		"LOG_LEVEL":           "debug",
		"SOCKET_CONNECTIONS":  "1",
		"LEADERSHIP_CHANNELS": "C0LEAD",
	}
	if u := os.Getenv("REDIS_URL"); u != "" {
		e["REDIS_URL"] = u
	}
	return e
}

// startServe runs "ctoadvisor serve" in the background until the test ends.
func startServe(t *testing.T, e env) (stderr *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve"}, e.get, strings.NewReader(""), io.Discard, stderr) }()
	var once sync.Once
	code := 0
	stop = func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { stop() })
	return stderr, stop
}

// get fetches an ops endpoint.
func get(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitFor polls cond until it holds or five seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeEndToEnd(t *testing.T) {
	// A user of this run only: on a shared REDIS_URL, the per-user daily
	// quota of dialogs would otherwise count every earlier run's.
	alice := "U0ALICE" + rand.Text()[:8]
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	fake.AddUser(fakeslack.User{ID: alice, Name: "alice", Locale: "en-US"})
	fake.AddChannel(fakeslack.Channel{ID: "C0GENERAL", Name: "general", BotIsMember: true, Members: []string{alice}})
	e := serveEnv(t, fake)
	stderr, stop := startServe(t, e)

	waitFor(t, "a socket connection", func() bool { return fake.Connections() == 1 })
	waitFor(t, "/readyz 200", func() bool { code, _ := get(t, e["HTTP_ADDR"], "/readyz"); return code == 200 })
	if code, _ := get(t, e["HTTP_ADDR"], "/healthz"); code != 200 {
		t.Errorf("/healthz = %d, want 200", code)
	}

	// A whole dialog by typed replies, through the real serve wiring.
	id := fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: "C0GENERAL"})
	if _, err := fake.WaitAck(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first question", func() bool { return len(fake.Messages("C0GENERAL")) == 2 })
	root := fake.Messages("C0GENERAL")[0].TS
	for i, answer := range []string{"1", "1", "1", "1", "canary answer text", "1"} {
		want := len(fake.Messages("C0GENERAL")) + 1
		fake.SendMessage(fakeslack.Message{User: alice, Channel: "C0GENERAL", ThreadTS: root, Text: answer})
		waitFor(t, fmt.Sprintf("reply %d", i+1), func() bool { return len(fake.Messages("C0GENERAL")) >= want })
	}
	msgs := fake.Messages("C0GENERAL")
	card := msgs[len(msgs)-1]
	if !strings.Contains(string(card.Blocks), `"open_case_study"`) {
		t.Fatalf("the dialog did not end with a card:\n%s", card.Blocks)
	}

	// Slack also sends an event for each of the bot's own posts and edits:
	// wait until the bot took them all, so the count below is final.
	// A post through a response_url (the first question goes through the
	// command's) is echoed like any other.
	events := 6 + len(answered(fake.Calls("chat.postMessage"))) + len(answered(fake.Calls("chat.update"))) + len(fake.ResponsePosts())
	waitFor(t, "every event acked", func() bool { return ackedEvents(fake) == events })
	_, metrics := get(t, e["HTTP_ADDR"], "/metrics")
	for _, want := range []string{
		`ctoadvisor_sessions_total{event="started"} 1`,
		`ctoadvisor_sessions_total{event="completed"} 1`,
		`ctoadvisor_outcomes_total{outcome="external_then_internal"} 1`,
		`ctoadvisor_envelopes_total{type="slash_commands"} 1`,
		fmt.Sprintf(`ctoadvisor_envelopes_total{type="events_api"} %d`, events),
		`ctoadvisor_ack_seconds_count`,
		`ctoadvisor_handler_seconds_bucket{type="events_api"`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	if code := stop(); code != 0 {
		t.Errorf("serve exited %d after cancellation, want 0; stderr:\n%s", code, stderr.String())
	}
	logs := stderr.String()
	for _, canary := range []string{"canary-bot-token", "canary-app-token", "canary answer text"} {
		if strings.Contains(logs, canary) {
			t.Errorf("the log contains %q", canary)
		}
	}
	if !strings.Contains(logs, `"msg":"session completed"`) {
		t.Errorf("the log has no session completed record:\n%s", logs)
	}
}

func TestServeInvalidAuth(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	e := serveEnv(t, fake)
	e["SLACK_BOT_TOKEN"] = "xoxb-" // the fake refuses it like Slack does
	fake.FailNext("auth.test", "invalid_auth", 1)
	var stderr bytes.Buffer
	code := run(t.Context(), []string{"serve"}, e.get, strings.NewReader(""), io.Discard, &stderr)
	if code != 1 {
		t.Errorf("serve with a refused token = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "SLACK_BOT_TOKEN") || !strings.Contains(stderr.String(), "invalid_auth") {
		t.Errorf("stderr %q does not explain the refused token", stderr.String())
	}
}

func TestCheck(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	fake.AddChannel(fakeslack.Channel{ID: "C0LEAD", Name: "leadership", BotIsMember: true})
	fake.AddChannel(fakeslack.Channel{ID: "C0BOARD", Name: "board"})
	e := serveEnv(t, fake)
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Errorf("check = %d, want 0; output:\n%s%s", code, stdout.String(), stderr.String())
	}
	if got := strings.Count(stdout.String(), " ok "); got != 4 {
		t.Errorf("check printed %d ok lines, want 4 (config, slack, share, store):\n%s", got, stdout.String())
	}

	e["LEADERSHIP_CHANNELS"] = "C0LEAD,C0BOARD"
	stdout.Reset()
	if code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("check with the bot outside a leadership channel = %d, want 1", code)
	}
	if !strings.Contains(stdout.String(), "share   FAIL  C0BOARD (#board): the bot is not a member") {
		t.Errorf("check does not say the bot must be invited to #board:\n%s", stdout.String())
	}

	e["REDIS_URL"] = "redis://:hunter2@" + freeAddr(t) + "/0" // nothing listens there
	fake.FailNext("auth.test", "invalid_auth", 1)
	stdout.Reset()
	if code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("check with bad Slack and Redis = %d, want 1", code)
	}
	out := stdout.String()
	if !strings.Contains(out, "slack   FAIL") || !strings.Contains(out, "store   FAIL") {
		t.Errorf("check output does not report both failures:\n%s", out)
	}
	if strings.Contains(out, "hunter2") || strings.Contains(out, "canary") {
		t.Errorf("check printed a secret:\n%s", out)
	}
}

func TestHealthcheck(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	e := serveEnv(t, fake)
	startServe(t, e)
	waitFor(t, "/healthz", func() bool { code, _ := get(t, e["HTTP_ADDR"], "/healthz"); return code == 200 })
	var stderr bytes.Buffer
	if code := run(t.Context(), []string{"healthcheck"}, e.get, strings.NewReader(""), io.Discard, &stderr); code != 0 {
		t.Errorf("healthcheck = %d, want 0: %s", code, stderr.String())
	}
	if code := run(t.Context(), []string{"healthcheck"}, env{"HTTP_ADDR": freeAddr(t)}.get, strings.NewReader(""), io.Discard, &stderr); code != 1 {
		t.Errorf("healthcheck with nothing listening = %d, want 1", code)
	}
}

func TestServeReadyzFollowsTheStore(t *testing.T) {
	mr := miniredis.RunT(t)
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	e := serveEnv(t, fake)
	e["REDIS_URL"] = "redis://" + mr.Addr() + "/0"
	startServe(t, e)

	ready := func() (int, string) { return get(t, e["HTTP_ADDR"], "/readyz") }
	waitFor(t, "/readyz 200", func() bool { code, _ := ready(); return code == 200 })
	mr.Close()
	waitFor(t, "/readyz 503 with Redis down", func() bool { code, _ := ready(); return code == 503 })
	if _, body := ready(); !strings.Contains(body, "store") {
		t.Errorf("/readyz body %q does not say the store is the problem", body)
	}
	if code, _ := get(t, e["HTTP_ADDR"], "/healthz"); code != 200 {
		t.Errorf("/healthz = %d while Redis is down, want 200: the process still runs", code)
	}
	if err := mr.Restart(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "/readyz 200 again", func() bool { code, _ := ready(); return code == 200 })
}

// answered drops the calls the fake refused with 429: they changed nothing.
func answered(calls []fakeslack.Call) []fakeslack.Call {
	return slices.DeleteFunc(calls, func(c fakeslack.Call) bool { return c.RateLimited })
}

// ackedEvents counts the events_api envelopes the bot acknowledged.
func ackedEvents(fake *fakeslack.Server) int {
	acked := map[string]bool{}
	for _, a := range fake.Acks() {
		acked[a.EnvelopeID] = true
	}
	n := 0
	for _, d := range fake.Deliveries() {
		if d.Type == "events_api" && acked[d.EnvelopeID] {
			n++
		}
	}
	return n
}

func TestRunChatTeam(t *testing.T) {
	var stdout, stderr bytes.Buffer
	in := strings.NewReader("Ana\n1\n1\n4\n1\n2\nBen\n1\n1\n4\n3\n2\n")
	if code := run(t.Context(), []string{"chat", "--team", "2"}, env{}.get, in, &stdout, &stderr); code != 0 {
		t.Fatalf("run(chat --team 2) = %d; stderr %q", code, stderr.String())
	}
	for _, want := range []string{"Team recommendation", "Where you differ", "What the disagreement decides", "Ana", "Ben"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("chat --team output lacks %q:\n%s", want, stdout.String())
		}
	}
	for _, n := range []string{"1", "21", "x"} {
		stderr.Reset()
		if code := run(t.Context(), []string{"chat", "--team", n}, env{}.get, strings.NewReader(""), &stdout, &stderr); code != 2 {
			t.Errorf("run(chat --team %s) = %d, want 2", n, code)
		}
		if !strings.Contains(stderr.String(), "--team") && !strings.Contains(stderr.String(), "team") {
			t.Errorf("chat --team %s said %q, want a line naming --team", n, stderr.String())
		}
	}
}
