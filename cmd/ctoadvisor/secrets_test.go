package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

// lookupEnv is a fake process environment in which a variable can be set to
// the empty string, as `REDIS_URL= ctoadvisor serve` does.
type lookupEnv map[string]string

func (e lookupEnv) lookup(k string) (string, bool) { v, ok := e[k]; return v, ok }

func TestDotenvYieldsToTheRealEnvironmentEvenWhenEmpty(t *testing.T) {
	dotenv := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(dotenv, []byte("REDIS_URL=redis://redis.internal:6379/0\nCASE_STUDY_URL=https://example.com/article\nLOG_LEVEL=debug\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		real lookupEnv
		key  string
		want string
	}{
		{"unset: .env applies", lookupEnv{}, "REDIS_URL", "redis://redis.internal:6379/0"},
		{"set: the environment wins", lookupEnv{"REDIS_URL": "redis://other:6379/1"}, "REDIS_URL", "redis://other:6379/1"},
		{"set empty: the environment wins", lookupEnv{"REDIS_URL": ""}, "REDIS_URL", ""},
		{"set empty turns off the link", lookupEnv{"CASE_STUDY_URL": ""}, "CASE_STUDY_URL", ""},
		{"in neither", lookupEnv{}, "DIALOG_TTL", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := envWithDotenv(dotenv, tt.real.lookup)(tt.key); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, got, tt.want)
			}
		})
	}

	// Through loadConfig, as serve reads it: REDIS_URL= means memory.
	cfg, err := loadConfig(envWithDotenv(dotenv, lookupEnv{"REDIS_URL": ""}.lookup), need{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.RedisURL != "" || cfg.LogLevel.String() != "DEBUG" {
		t.Errorf("REDIS_URL=%q LOG_LEVEL=%s, want the empty override and .env's debug", cfg.RedisURL, cfg.LogLevel)
	}

	if got := envWithDotenv(filepath.Join(t.TempDir(), "absent"), lookupEnv{"X": "1"}.lookup)("X"); got != "1" {
		t.Errorf("without a .env, X = %q, want 1", got)
	}
}

func TestRedactSecrets(t *testing.T) {
	tests := []struct {
		raw     string
		want    string
		secrets []string
	}{
		{"", "", nil},
		{"https://slack.com/api/", "https://slack.com/api/", nil},
		{"https://example.com/article?lang=fr", "https://example.com/article?lang=fr", nil},
		{"redis://:hunter2@redis:6379/0", "redis://:xxxxx@redis:6379/0", []string{"hunter2"}},
		{"redis://bot:hunter2@redis:6379/0", "redis://bot:xxxxx@redis:6379/0", []string{"hunter2"}},
		{"rediss://hunter2only@redis:6380/0", "rediss://xxxxx@redis:6380/0", []string{"hunter2only"}},
		{"https://proxyuser:proxypass@proxy.internal/slack/api/", "https://proxyuser:xxxxx@proxy.internal/slack/api/", []string{"proxypass"}},
		{"https://cdn.example.com/a?access_token=s3cr3t&lang=en", "https://cdn.example.com/a?access_token=xxxxx&lang=en", []string{"s3cr3t"}},
		{"https://cdn.example.com/a?X-Amz-Signature=abc&sig=def", "https://cdn.example.com/a?X-Amz-Signature=xxxxx&sig=xxxxx", []string{"abc", "def"}},
		{"https://cdn.example.com/a?k=AKIAIOSFODNN7EXAMPLE123", "https://cdn.example.com/a?k=xxxxx", []string{"AKIAIOSFODNN7EXAMPLE123"}},
		{"https://proxy.internal/xoxb-123-456-abc/api/", "https://proxy.internal/xxxxx/api/", []string{"xoxb-123-456-abc"}},
		{"redis-sentinel://:pw9@s1:26379,s2:26379/0?master=mymaster&sentinel_password=spw9", "redis-sentinel://:xxxxx@s1:26379,s2:26379/0?master=mymaster&sentinel_password=xxxxx", []string{"pw9", "spw9"}},
		{"https://exa mple.com/%zz?token=t0ken", "(unparseable)", []string{"t0ken"}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got := redactSecrets(tt.raw)
			if got != tt.want {
				t.Errorf("redactSecrets(%q) = %q, want %q", tt.raw, got, tt.want)
			}
			for _, s := range tt.secrets {
				if strings.Contains(got, s) {
					t.Errorf("redactSecrets(%q) = %q still holds %q", tt.raw, got, s)
				}
			}
		})
	}
}

// secretURLs puts credentials into every configured URL the bot prints.
func secretURLs(e env, fake *fakeslack.Server) {
	e["SLACK_API_URL"] = strings.Replace(fake.URL(), "http://", "http://apiuser:canary-api-pass@", 1)
	e["CASE_STUDY_URL"] = "https://caseuser:canary-case-pass@example.com/article?access_token=canary-case-token"
}

func assertNoCanary(t *testing.T, what, out string) {
	t.Helper()
	for _, canary := range []string{"canary-api-pass", "canary-case-pass", "canary-case-token", "canary-redis-pass", "canary-bot-token", "canary-app-token"} {
		if strings.Contains(out, canary) {
			t.Errorf("%s contains %q:\n%s", what, canary, out)
		}
	}
}

func TestCheckPrintsNoURLCredentials(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	fake.AddChannel(fakeslack.Channel{ID: "C0LEAD", Name: "leadership", BotIsMember: true})
	e := serveEnv(t, fake)
	secretURLs(e, fake)
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("check = %d, want 0; output:\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "apiuser:xxxxx@127.0.0.1") {
		t.Errorf("check does not show where it connects, credentials redacted:\n%s", stdout.String())
	}
	assertNoCanary(t, "check's output", stdout.String()+stderr.String())

	// Slack unreachable: the HTTP client's error quotes the URL it tried.
	e["SLACK_API_URL"] = "http://apiuser:canary-api-pass@" + freeAddr(t) + "/api/"
	e["REDIS_URL"] = "redis://bot:canary-redis-pass@" + freeAddr(t) + "/0?dial_timeout=1s"
	stdout.Reset()
	stderr.Reset()
	if code := run(t.Context(), []string{"check"}, e.get, strings.NewReader(""), &stdout, &stderr); code != 1 {
		t.Errorf("check with Slack and Redis down = %d, want 1", code)
	}
	if !strings.Contains(stdout.String(), "Slack is unreachable") || !strings.Contains(stdout.String(), "store   FAIL") {
		t.Errorf("check does not report both failures:\n%s", stdout.String())
	}
	assertNoCanary(t, "check's output", stdout.String()+stderr.String())
}

func TestServeLogsNoURLCredentials(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	e := serveEnv(t, fake) // LOG_LEVEL=debug: slack-go's own lines too
	secretURLs(e, fake)
	stderr, stop := startServe(t, e)
	waitFor(t, "a socket connection", func() bool { return fake.Connections() == 1 })
	waitFor(t, "the startup line", func() bool { return strings.Contains(stderr.String(), `"msg":"serving"`) })
	if code := stop(); code != 0 {
		t.Errorf("serve exited %d, want 0", code)
	}
	logs := stderr.String()
	if !strings.Contains(logs, "apiuser:xxxxx@127.0.0.1") || !strings.Contains(logs, "access_token=xxxxx") {
		t.Errorf("the startup line does not show the redacted URLs:\n%s", logs)
	}
	assertNoCanary(t, "serve's log", logs)
}
