package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ctoadvisor/ctoadvisor/dialog/redisstore"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Config is the process's configuration, read from the environment (SPEC §3).
type Config struct {
	BotToken            string
	AppToken            string
	APIURL              string
	RedisURL            string
	RedisSentinelMaster string
	RedisSentinelAddrs  []string
	RedisClusterAddrs   []string
	RedisKeyPrefix      string
	// RedisTopology is what the Redis settings connect to; its zero
	// value (Kind 0) means no Redis: the in-memory store.
	RedisTopology      redisstore.Topology
	LeadershipChannels []string
	CaseURL            string
	HTTPAddr           string // "" when HTTP_ADDR=off
	DialogTTL          time.Duration
	DefaultLang        knowledge.Lang
	LogLevel           slog.Level
	LogFormat          string
	Sockets            int
	// Unpaced turns off the bot's pacing under Slack's rate limits
	// (SLACK_PACING=off), for a Slack without them: a test double.
	Unpaced bool
}

// configError names the variable at fault, so main can print one line and
// exit 2.
type configError struct {
	Var     string
	Problem string
}

func (e *configError) Error() string { return e.Var + ": " + e.Problem }

// need says which parts of the configuration a subcommand requires.
type need struct {
	slack bool // tokens must be present
}

// loadConfig reads and validates the configuration. Tokens never appear in
// its errors.
func loadConfig(getenv func(string) string, n need) (Config, error) {
	c := Config{
		BotToken:  strings.TrimSpace(getenv("SLACK_BOT_TOKEN")),
		AppToken:  strings.TrimSpace(getenv("SLACK_APP_TOKEN")),
		APIURL:    orDefault(getenv("SLACK_API_URL"), "https://slack.com/api/"),
		RedisURL:  strings.TrimSpace(getenv("REDIS_URL")),
		CaseURL:   strings.TrimSpace(getenv("CASE_STUDY_URL")),
		LogFormat: strings.ToLower(orDefault(getenv("LOG_FORMAT"), "json")),
	}
	if n.slack || c.BotToken != "" {
		if c.BotToken == "" {
			return c, &configError{"SLACK_BOT_TOKEN", "required: the bot token (xoxb-…) from OAuth & Permissions"}
		}
		if !strings.HasPrefix(c.BotToken, "xoxb-") {
			return c, &configError{"SLACK_BOT_TOKEN", "must start with xoxb- (a bot token, not a user or app token)"}
		}
	}
	if n.slack || c.AppToken != "" {
		if c.AppToken == "" {
			return c, &configError{"SLACK_APP_TOKEN", "required: an app-level token (xapp-…) with connections:write, for Socket Mode"}
		}
		if !strings.HasPrefix(c.AppToken, "xapp-") {
			return c, &configError{"SLACK_APP_TOKEN", "must start with xapp- (an app-level token with connections:write)"}
		}
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return c, &configError{"SLACK_API_URL", "must be an http(s) URL such as https://slack.com/api/"}
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		// slack-go appends method names directly to the base.
		c.APIURL += "/"
	}
	c.RedisSentinelMaster = strings.TrimSpace(getenv("REDIS_SENTINEL_MASTER"))
	c.RedisSentinelAddrs = splitList(getenv("REDIS_SENTINEL_ADDRS"))
	c.RedisClusterAddrs = splitList(getenv("REDIS_CLUSTER_ADDRS"))
	if c.RedisURL != "" || c.RedisSentinelMaster != "" || len(c.RedisSentinelAddrs) > 0 || len(c.RedisClusterAddrs) > 0 {
		// The store's own parser decides, so what passes here is exactly
		// what the store connects to.
		topo, err := c.redisClient().Topology()
		if err != nil {
			var ce *redisstore.ConfigError
			if errors.As(err, &ce) {
				return c, &configError{redisVars[ce.Field], ce.Problem}
			}
			return c, &configError{"REDIS_URL", err.Error()}
		}
		c.RedisTopology = topo
	}
	c.RedisKeyPrefix = orDefault(getenv("REDIS_KEY_PREFIX"), "ctoadvisor")
	if !validPrefix(c.RedisKeyPrefix) {
		return c, &configError{"REDIS_KEY_PREFIX", "must be 1 to 64 letters, digits, and - _ . : (no braces: they would change which Cluster slot a key lands in)"}
	}
	for _, ch := range splitList(getenv("LEADERSHIP_CHANNELS")) {
		if !isChannelID(ch) {
			return c, &configError{"LEADERSHIP_CHANNELS", fmt.Sprintf("%q is not a channel ID (like C0123ABCD); use IDs, not names", ch)}
		}
		c.LeadershipChannels = append(c.LeadershipChannels, ch)
	}
	if c.CaseURL != "" {
		if u, err := url.Parse(c.CaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Fragment != "" {
			return c, &configError{"CASE_STUDY_URL", "must be an http(s) URL without a #fragment (the bot appends #case-N)"}
		}
	}
	switch addr := strings.TrimSpace(getenv("HTTP_ADDR")); strings.ToLower(addr) {
	case "":
		c.HTTPAddr = ":8080"
	case "off":
		c.HTTPAddr = ""
	default:
		c.HTTPAddr = addr
	}
	c.DialogTTL = 24 * time.Hour
	if v := strings.TrimSpace(getenv("DIALOG_TTL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute {
			return c, &configError{"DIALOG_TTL", "must be a duration of at least 1m, such as 24h or 90m"}
		}
		c.DialogTTL = d
	}
	c.DefaultLang = knowledge.English
	if v := strings.TrimSpace(getenv("DEFAULT_LANG")); v != "" {
		l, ok := knowledge.ParseLang(v)
		if !ok || len(v) != 2 {
			return c, &configError{"DEFAULT_LANG", "must be en or fr"}
		}
		c.DefaultLang = l
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("LOG_LEVEL"))); v {
	case "", "info":
		c.LogLevel = slog.LevelInfo
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		return c, &configError{"LOG_LEVEL", "must be debug, info, warn or error"}
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return c, &configError{"LOG_FORMAT", "must be json or text"}
	}
	c.Sockets = 2
	if v := strings.TrimSpace(getenv("SOCKET_CONNECTIONS")); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 1 || k > 10 {
			return c, &configError{"SOCKET_CONNECTIONS", "must be a number from 1 to 10 (Slack allows ten per app)"}
		}
		c.Sockets = k
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("SLACK_PACING"))); v {
	case "", "on":
	case "off":
		c.Unpaced = true
	default:
		return c, &configError{"SLACK_PACING", "must be on or off"}
	}
	return c, nil
}

// redisVars names the variable behind each field of the store's client
// configuration.
var redisVars = map[string]string{
	"URL":            "REDIS_URL",
	"SentinelMaster": "REDIS_SENTINEL_MASTER",
	"SentinelAddrs":  "REDIS_SENTINEL_ADDRS",
	"ClusterAddrs":   "REDIS_CLUSTER_ADDRS",
}

// redisClient is the store's client configuration.
func (c Config) redisClient() redisstore.ClientConfig {
	return redisstore.ClientConfig{
		URL:            c.RedisURL,
		SentinelMaster: c.RedisSentinelMaster,
		SentinelAddrs:  c.RedisSentinelAddrs,
		ClusterAddrs:   c.RedisClusterAddrs,
	}
}

// store says which store the process uses, without secrets.
func (c Config) store() string {
	if c.RedisTopology.Kind == 0 {
		return "memory"
	}
	return c.RedisTopology.String() + " prefix " + c.RedisKeyPrefix
}

func validPrefix(p string) bool {
	if len(p) > 64 {
		return false
	}
	for _, r := range p {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_.:", r)) {
			return false
		}
	}
	return p != ""
}

// String shows the configuration with secrets redacted.
func (c Config) String() string {
	return fmt.Sprintf("api=%s store=(%s) channels=%v case_url=%s http=%q ttl=%s lang=%s sockets=%d",
		redactSecrets(c.APIURL), c.store(), c.LeadershipChannels, redactSecrets(c.CaseURL), c.HTTPAddr, c.DialogTTL, c.DefaultLang, c.Sockets)
}

// LogValue keeps tokens and Redis passwords out of structured logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("api_url", redactSecrets(c.APIURL)),
		slog.String("store", c.store()),
		slog.Any("leadership_channels", c.LeadershipChannels),
		slog.String("case_url", redactSecrets(c.CaseURL)),
		slog.String("http_addr", c.HTTPAddr),
		slog.Duration("dialog_ttl", c.DialogTTL),
		slog.String("default_lang", string(c.DefaultLang)),
		slog.Int("sockets", c.Sockets),
	)
}

// redacted stands in for a secret in printed URLs.
const redacted = "xxxxx"

// redactSecrets prints a configured URL without what could be a credential:
// the user info (a lone name too: redis://secret@host authenticates with it),
// query values under a secret-sounding name or shaped like a token, and
// token-shaped path segments and fragments. Host, port, path and plain
// query values stay, so the line still says where the bot connects.
func redactSecrets(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		// The error would quote the raw URL; print nothing of it.
		return "(unparseable)"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), redacted)
		} else {
			u.User = url.User(redacted)
		}
	}
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			u.RawQuery = redacted
		} else {
			for k, vs := range q {
				for i, v := range vs {
					if secretName(k) || tokenShaped(v) {
						vs[i] = redacted
					}
				}
			}
			u.RawQuery = q.Encode()
		}
	}
	if segs := strings.Split(u.Path, "/"); slices.ContainsFunc(segs, tokenShaped) {
		for i, seg := range segs {
			if tokenShaped(seg) {
				segs[i] = redacted
			}
		}
		u.Path, u.RawPath = strings.Join(segs, "/"), ""
	}
	if tokenShaped(u.Fragment) {
		u.Fragment, u.RawFragment = redacted, ""
	}
	return u.String()
}

// secretName reports a query parameter that names a credential.
func secretName(k string) bool {
	k = strings.ToLower(k)
	for _, w := range []string{"token", "key", "secret", "pass", "pwd", "auth", "sig", "cred", "session", "code", "jwt", "bearer"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// tokenShaped reports a value that looks like a credential whatever its
// name: a Slack token, or a long run of letters and digits with no spaces
// (API keys, hex digests, base64), which no plain setting needs.
func tokenShaped(v string) bool {
	for _, p := range []string{"xox", "xapp-"} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	if len(v) < 20 {
		return false
	}
	digits, letters := 0, 0
	for _, r := range v {
		switch {
		case '0' <= r && r <= '9':
			digits++
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			letters++
		case strings.ContainsRune("-_.+/=~", r):
		default:
			return false
		}
	}
	return digits > 0 && letters > 0
}

func orDefault(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// isChannelID accepts public (C…) and private (G…) channel IDs.
func isChannelID(s string) bool {
	if len(s) < 2 || (s[0] != 'C' && s[0] != 'G') {
		return false
	}
	for _, r := range s {
		if !('A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}
