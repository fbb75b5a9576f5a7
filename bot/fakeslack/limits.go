package fakeslack

import (
	"maps"
	"math"
	"time"
)

// Slack's rate limits, as the fake applies them. Slack applies limits "per
// API method per app per workspace" (one workspace and one app here), and
// chat.postMessage also per channel.
//
// Sources (checked against Slack's docs):
//   - Tiers: https://docs.slack.dev/apis/web-api/rate-limits and
//     https://api.slack.com/changelog/2018-03-great-rate-limits —
//     Tier 1 "1+ per minute", Tier 2 "20+ per minute", Tier 3 "50+ per
//     minute … sporadic bursts are welcome", Tier 4 "100+ per minute …
//     generous burst behavior". "Posting messages: 1 per second. Short
//     bursts >1 allowed. If you attempt bursts, there is no guarantee …"
//     and chat.postMessage is in the Special tier: "one message per second
//     per channel, while also maintaining a workspace-wide limit".
//   - Per method, from each method's reference page
//     (https://docs.slack.dev/reference/methods/<method>, "Rate limits"):
//
//     | method                          | tier    | scope     | fake's limit                 |
//     |---------------------------------|---------|-----------|------------------------------|
//     | chat.postMessage                | Special | channel   | 1/s, bursts of 3             |
//     | chat.update                     | Tier 3  | workspace | 50 in any 60 s               |
//     | conversations.info              | Tier 3  | workspace | 50 in any 60 s               |
//     | conversations.open              | Tier 3  | workspace | 50 in any 60 s               |
//     | chat.postEphemeral              | Tier 4  | workspace | 100 in any 60 s              |
//     | chat.getPermalink               | Tier 4  | workspace | 100 in any 60 s              |
//     | users.info                      | Tier 4  | workspace | 100 in any 60 s              |
//     | conversations.members           | Tier 4  | workspace | 100 in any 60 s              |
//     | users.conversations             | Tier 3  | workspace | 50 in any 60 s               |
//     | views.open/push/update/publish  | Tier 4  | workspace | 100 in any 60 s              |
//     | response_url                    | —       | each URL  | 5 uses, then used_url        |
//
//   - response_url: "You can use a response_url up to five times within 30
//     minutes" (https://api.slack.com/interactivity/handling#message_responses).
//
// Slack publishes the floor of each tier ("50+"), not the ceiling, and no
// burst size for chat.postMessage: the fake takes the floor and a burst of
// 3, so a design that fits here fits Slack. The workspace-wide cap of
// chat.postMessage has no published figure and is not modelled.
// apps.connections.open (Tier 1) and auth.test (Special) are left unlimited:
// slack-go calls them once per connection, and reconnect tests would
// otherwise measure the limiter instead of the client.
//
// Over a limit Slack answers HTTP 429 with Retry-After in seconds and
// {"ok":false,"error":"ratelimited"} (docs: "Responding to rate limiting
// conditions").

// Tier names the published rate-limit class of a method.
type Tier string

// Tiers of the methods the fake limits.
const (
	Tier3       Tier = "tier3"
	Tier4       Tier = "tier4"
	TierSpecial Tier = "special"
	TierRespURL Tier = "response_url"
)

// Limit is the rate limit of one method.
type Limit struct {
	Tier       Tier
	PerChannel bool          // one budget per channel instead of per workspace
	N          int           // calls allowed in any Window (sliding window)…
	Window     time.Duration //
	Rate       float64       // …or, when Rate > 0, a token bucket: calls per second…
	Burst      int           // …with up to Burst at once
}

const responseURLUses = 5

// defaultLimits is the table above.
var defaultLimits = map[string]Limit{
	"chat.postMessage":      {Tier: TierSpecial, PerChannel: true, Rate: 1, Burst: 3},
	"chat.update":           {Tier: Tier3, N: 50, Window: time.Minute},
	"conversations.info":    {Tier: Tier3, N: 50, Window: time.Minute},
	"conversations.open":    {Tier: Tier3, N: 50, Window: time.Minute},
	"chat.postEphemeral":    {Tier: Tier4, N: 100, Window: time.Minute},
	"chat.getPermalink":     {Tier: Tier4, N: 100, Window: time.Minute},
	"users.info":            {Tier: Tier4, N: 100, Window: time.Minute},
	"conversations.members": {Tier: Tier4, N: 100, Window: time.Minute},
	"users.conversations":   {Tier: Tier3, N: 50, Window: time.Minute},
	"views.open":            {Tier: Tier4, N: 100, Window: time.Minute},
	"views.push":            {Tier: Tier4, N: 100, Window: time.Minute},
	"views.update":          {Tier: Tier4, N: 100, Window: time.Minute},
	"views.publish":         {Tier: Tier4, N: 100, Window: time.Minute},
}

// budget is the state of one limit key: call times for a window, or a
// token bucket.
type budget struct {
	calls  []time.Time
	tokens float64
	at     time.Time
}

// takeLocked spends one call of l on key, or returns how long to wait.
func (s *Server) takeLocked(key string, l Limit) (ok bool, retryAfter time.Duration) {
	now := s.now()
	b := s.budgets[key]
	if b == nil {
		b = &budget{tokens: float64(l.Burst), at: now}
		s.budgets[key] = b
	}
	if l.Rate > 0 {
		b.tokens = math.Min(float64(l.Burst), b.tokens+now.Sub(b.at).Seconds()*l.Rate)
		b.at = now
		if b.tokens >= 1 {
			b.tokens--
			return true, 0
		}
		return false, time.Duration((1 - b.tokens) / l.Rate * float64(time.Second))
	}
	cut := 0
	for cut < len(b.calls) && now.Sub(b.calls[cut]) >= l.Window {
		cut++
	}
	b.calls = b.calls[cut:]
	if len(b.calls) < l.N {
		b.calls = append(b.calls, now)
		return true, 0
	}
	if len(b.calls) == 0 { // N <= 0: nothing is allowed
		return false, l.Window
	}
	return false, b.calls[0].Add(l.Window).Sub(now)
}

// rateLimitLocked applies method's limit to a call in channel, and counts a
// refusal. It reports the Retry-After to answer, or 0 to go ahead.
func (s *Server) rateLimitLocked(method, channel string) time.Duration {
	l, limited := s.limits[method]
	if !s.rateLimits || !limited {
		return 0
	}
	key := method
	if l.PerChannel {
		key += "\x00" + channel
	}
	ok, wait := s.takeLocked(key, l)
	if ok {
		return 0
	}
	s.limited[method]++
	return max(wait, time.Nanosecond)
}

// retryAfterSeconds rounds a wait up to whole seconds, at least 1, as
// Slack's Retry-After is.
func retryAfterSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

// SetRateLimits turns Slack's rate limits on (the default) or off, for unit
// tests that drive more calls than Slack would take and are not about it.
func (s *Server) SetRateLimits(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits = on
}

// RateLimits reports whether Slack's rate limits are on.
func (s *Server) RateLimits() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rateLimits
}

// SetLimit replaces the rate limit of method, so a test can reach it with
// few calls.
func (s *Server) SetLimit(method string, l Limit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits[method] = l
	for k := range s.budgets {
		if k == method || len(k) > len(method) && k[:len(method)+1] == method+"\x00" {
			delete(s.budgets, k)
		}
	}
}

// Limits returns the rate limit of every limited method.
func (s *Server) Limits() map[string]Limit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.limits)
}

// RateLimited returns how many calls of each method were refused with 429
// by the rate limits ("response_url" for response_url posts refused after
// their fifth use). Scripted faults are not counted.
func (s *Server) RateLimited() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.limited)
}

// RateLimitedByTier sums [Server.RateLimited] by tier.
func (s *Server) RateLimitedByTier() map[Tier]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[Tier]int{}
	for m, n := range s.limited {
		t := TierRespURL
		if l, ok := s.limits[m]; ok {
			t = l.Tier
		}
		out[t] += n
	}
	return out
}
