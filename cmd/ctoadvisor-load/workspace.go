package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/bot"
	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

// workspace is a fake Slack with one user and one channel per session.
// Separate channels let the observer route each post to its session
// without parsing it, and keep the fake's per-channel scans short however
// long the run. (The fake has no rate limiter to avoid: it answers 429
// only when a test scripts it.)
type workspace struct {
	fake    *fakeslack.Server
	members []*member
	byID    map[string]*member // user and channel IDs; read-only once built
	obs     *observer
}

// member is one simulated user: their ID, their channel, the posts the
// system under test made there, and the kind of step they are in.
type member struct {
	index   int
	user    string
	channel string
	posts   chan posted
	read    int          // posts of the channel read so far, by this member's one driver at a time
	phase   atomic.Int32 // a stepKind, read by the Redis round-trip counter
}

// posted is a successful chat.postMessage, seen from the poster's side:
// when its response came back, the fake held the post.
type posted struct{ at time.Time }

// mailbox holds the posts a member has not read yet; a session has one
// action in flight, so the bot posts at most a root and a question.
const mailbox = 16

// newWorkspace makes n members on a fake Slack that echoes the bot's own
// posts and edits, as Slack does. Slack's rate limits are on only with
// rateLimits: paced and saturated runs measure the bot's own cost, and at 1
// post per second per channel and 50 chat.update a minute they would
// measure the limits instead.
func newWorkspace(n int, rateLimits bool) *workspace {
	w := &workspace{fake: fakeslack.New(), byID: make(map[string]*member, 2*n)}
	w.fake.SetRateLimits(rateLimits)
	for i := range n {
		m := &member{
			index:   i,
			user:    fmt.Sprintf("ULOAD%05d", i),
			channel: fmt.Sprintf("CLOAD%05d", i),
			posts:   make(chan posted, mailbox),
		}
		w.fake.AddUser(fakeslack.User{ID: m.user, Name: fmt.Sprintf("load%05d", i), Locale: "en-US"})
		w.fake.AddChannel(fakeslack.Channel{
			ID: m.channel, Name: fmt.Sprintf("load-%05d", i), BotIsMember: true,
			Members: []string{m.user, fakeslack.BotUserID},
		})
		w.members = append(w.members, m)
		w.byID[m.user] = m
		w.byID[m.channel] = m
	}
	w.obs = &observer{next: &http.Client{Timeout: 10 * time.Second, Transport: keepAlive(n)}, members: w.byID}
	return w
}

// keepAlive is serve's transport (http.DefaultTransport) with an idle pool
// as large as the load. slack.com speaks HTTP/2, which multiplexes every
// request on one connection; the fake speaks HTTP/1.1, where the default
// two idle connections per host would make most requests of n concurrent
// handlers open a TCP connection of their own, a cost production does not
// pay and that the first profiles showed at 8% of the CPU.
func keepAlive(n int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = max(t.MaxIdleConns, 2*n)
	t.MaxIdleConnsPerHost = 2 * n
	return t
}

func (w *workspace) close() { w.fake.Close() }

// memberIn returns the member whose user or channel ID appears in s (a
// Redis key, say), or nil.
func (w *workspace) memberIn(s string) *member {
	i := strings.Index(s, "LOAD")
	if i < 1 || i+len("LOAD")+5 > len(s) {
		return nil
	}
	n, err := strconv.Atoi(s[i+len("LOAD") : i+len("LOAD")+5])
	if err != nil || n >= len(w.members) {
		return nil
	}
	return w.members[n]
}

// clients returns the Web API client and the Socket Mode connections
// serve builds (bot.NewSlack), pointed at the fake, with the observer
// under the Web API client.
func (w *workspace) clients(lg *slog.Logger, sockets int) (*slack.Client, []*bot.Socket) {
	return bot.NewSlack(bot.SlackConfig{
		APIURL:   w.fake.URL(),
		BotToken: "xoxb-load-token",
		AppToken: "xapp-load-token",
		Sockets:  sockets,
		HTTP:     w.obs,
		Log:      lg,
	})
}

// observer is the HTTP client under the system's Web API client. It passes
// every request through unchanged and tells a member when a post in their
// channel succeeded, so a driver learns of the next question the moment
// the poster does, without polling the fake.
type observer struct {
	next    *http.Client
	members map[string]*member
	roots   sync.Map     // thread root ts → *member, for posts through a response_url
	lost    atomic.Int64 // posts dropped because a mailbox was full
}

// Do implements slack-go's httpClient.
func (o *observer) Do(req *http.Request) (*http.Response, error) {
	if strings.HasPrefix(req.URL.Path, "/response/") {
		return o.response(req)
	}
	if !strings.HasSuffix(req.URL.Path, "/chat.postMessage") {
		return o.next.Do(req)
	}
	// A root (no thread_ts) is remembered, so a later post in its thread
	// through a response_url, which names no channel, reaches its member.
	root := req.Body != nil && req.GetBody != nil && !formHas(req, "thread_ts")
	resp, err := o.next.Do(req)
	if err != nil {
		return resp, err
	}
	at := time.Now()
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	m := o.members[channelOf(body)]
	if m == nil {
		return resp, nil
	}
	if root {
		var r struct {
			TS string `json:"ts"`
		}
		if json.Unmarshal(body, &r) == nil && r.TS != "" {
			o.roots.Store(r.TS, m)
		}
	}
	o.notify(m, at)
	return resp, nil
}

// response passes a post to a response_url through and, when it put a new
// message in a thread, tells the thread's member.
func (o *observer) response(req *http.Request) (*http.Response, error) {
	var msg struct {
		ThreadTS     string `json:"thread_ts"`
		ResponseType string `json:"response_type"`
		Replace      bool   `json:"replace_original"`
	}
	if req.GetBody != nil {
		if b, err := req.GetBody(); err == nil {
			_ = json.NewDecoder(b).Decode(&msg)
			_ = b.Close()
		}
	}
	resp, err := o.next.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK || msg.Replace || msg.ResponseType != "in_channel" || msg.ThreadTS == "" {
		return resp, err
	}
	if m, ok := o.roots.Load(msg.ThreadTS); ok {
		o.notify(m.(*member), time.Now())
	}
	return resp, nil
}

func (o *observer) notify(m *member, at time.Time) {
	select {
	case m.posts <- posted{at: at}:
	default:
		o.lost.Add(1)
	}
}

// formHas reports whether a form-encoded request sets key.
func formHas(req *http.Request, key string) bool {
	b, err := req.GetBody()
	if err != nil {
		return false
	}
	defer b.Close()
	raw, err := io.ReadAll(b)
	if err != nil {
		return false
	}
	v, err := url.ParseQuery(string(raw))
	return err == nil && v.Has(key)
}

// channelOf reads the top-level "channel" of a Web API response, which
// only a successful post has. It stops as soon as it has it: the fake
// writes it first, before the message and its blocks, which a full decode
// would scan in the poster's own request path (5% of the CPU, measured).
func channelOf(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return ""
		}
		if key == "channel" {
			v, _ := dec.Token()
			channel, _ := v.(string)
			return channel
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}
