// Package fakeslack is a loopback Slack for end-to-end tests and load runs.
//
// A [Server] serves the Web API under /api/ and a Socket Mode WebSocket under
// /link/, so the unmodified slack-go clients talk to it through
// slack.OptionAPIURL(s.URL()). Tests inject envelopes in the JSON shapes Slack
// sends (slash commands, block actions, view submissions, message events),
// read the acks back, and inspect every Web API call and the messages, views
// and response_url posts it produced. Faults (ok:false errors, 429 with
// Retry-After, 5xx, hung requests, dropped sockets, ack timeouts) are scripted
// per method.
//
// By default the fake is as strict as Slack, so that what passes here passes
// there: the bot's own posts and edits come back as message and
// message_changed events ([Server.SetEcho]); a trigger_id opens one view
// within 3 s ([Server.SetTriggerTTL]); an app gets at most 10 sockets
// ([Server.SetMaxConnections]); Block Kit that Slack refuses is refused; and
// Slack's per-method rate limits answer 429 with Retry-After
// ([Server.SetRateLimits], table and sources in limits.go).
//
// Payloads are written by hand from Slack's documented shapes, not produced
// by slack-go's encoder, and the package must never import the bot package:
// the wire format under test is Slack's, not the bot's idea of it. Only
// gorilla/websocket is imported; the tests drive the server with the real
// slack-go clients.
package fakeslack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// Identity of the workspace and of the bot, as auth.test reports it and as
// every payload carries it.
const (
	TeamID    = "T111"
	BotUserID = "UBOT"
	BotID     = "B111"
	AppID     = "A111"
)

const (
	teamDomain          = "acme"
	botName             = "cto-advice"
	verificationToken   = "fakeslack-verification-token"
	defaultCommand      = "/cto-advice"
	defaultPingInterval = 2 * time.Second
	// A trigger_id expires 3 s after the interaction and can be exchanged
	// once (https://api.slack.com/interactivity/handling; views.open errors
	// expired_trigger_id, exchanged_trigger_id, invalid_trigger_id at
	// https://docs.slack.dev/reference/methods/views.open).
	defaultTriggerTTL = 3 * time.Second
	// Slack allows at most 10 Socket Mode connections per app at once
	// (Socket Mode guide, https://api.slack.com/apis/connections/socket);
	// beyond that it answers too_many_websockets (observed:
	// slackapi/node-slack-sdk#1654; ../shared/reference/slack-protocol.md §1.4, §9).
	maxSocketConnections = 10
	writeTimeout         = 5 * time.Second
	maxRetryAttempt      = 3
)

// ErrClosed is returned by the Wait methods once the server is closed.
var ErrClosed = errors.New("fakeslack: server closed")

// Channel is a conversation the fake knows. Public channels are neither
// Private nor IM. The bot is a member when BotIsMember is set or Members
// lists [BotUserID].
type Channel struct {
	ID, Name                                      string
	Private, IM, Archived, ExtShared, BotIsMember bool
	Members                                       []string
}

// User is a workspace member; Locale looks like "fr-FR".
type User struct {
	ID, Name, Locale string
}

// Server is a fake Slack listening on 127.0.0.1. Its methods are safe for
// concurrent use.
type Server struct {
	addr      string
	srv       *http.Server
	serveDone chan struct{}
	done      chan struct{} // closed by Close: unblocks waits and hung requests
	wg        sync.WaitGroup

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	closed  bool
	seq     int
	lastTS  int64 // microseconds of the last ts handed out

	channels map[string]*Channel
	users    map[string]User

	// Web API
	calls         []Call
	faults        map[string][]*fault
	posts         map[string][]*Post
	humans        map[string]map[string]humanMsg // channel → ts → message sent with SendMessage
	ephemerals    []Post
	respURLs      map[string]origin // response_url path → what it may replace
	responsePosts []ResponsePost
	views         []View
	modals        map[string]*modal
	lastViewID    string
	triggers      map[string]*trigger
	triggerTTL    time.Duration
	tickets       map[string]bool // issued WebSocket tickets; true once used
	echo          bool
	maxConns      int
	rateLimits    bool
	limits        map[string]Limit
	budgets       map[string]*budget
	limited       map[string]int // method → calls refused with 429
	respUses      map[string]int // response_url path → posts taken
	now           func() time.Time

	// Socket Mode
	conns        []*conn // live sockets that receive envelopes, in connection order
	open         map[*conn]struct{}
	rr           int
	pending      []*outgoing
	sent         map[string]*outgoing
	acks         []Ack
	deliveries   []Delivery
	chains       map[string]*chain // envelope ID → event it carries
	timers       map[*redelivery]struct{}
	ackTimeout   time.Duration
	pingInterval time.Duration
}

// New starts a server on 127.0.0.1 with a free port. It panics if it cannot
// listen, like httptest.NewServer: there is no test to run without it.
func New() *Server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("fakeslack: listen: %v", err))
	}
	s := &Server{
		addr:         ln.Addr().String(),
		serveDone:    make(chan struct{}),
		done:         make(chan struct{}),
		changed:      make(chan struct{}),
		channels:     map[string]*Channel{},
		users:        map[string]User{},
		faults:       map[string][]*fault{},
		posts:        map[string][]*Post{},
		humans:       map[string]map[string]humanMsg{},
		respURLs:     map[string]origin{},
		modals:       map[string]*modal{},
		triggers:     map[string]*trigger{},
		triggerTTL:   defaultTriggerTTL,
		echo:         true,
		maxConns:     maxSocketConnections,
		rateLimits:   true,
		limits:       maps.Clone(defaultLimits),
		budgets:      map[string]*budget{},
		limited:      map[string]int{},
		respUses:     map[string]int{},
		now:          time.Now,
		tickets:      map[string]bool{},
		open:         map[*conn]struct{}{},
		sent:         map[string]*outgoing{},
		chains:       map[string]*chain{},
		timers:       map[*redelivery]struct{}{},
		pingInterval: defaultPingInterval,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/link/", s.serveLink)
	mux.HandleFunc("/response/", s.serveResponseURL)
	s.srv = &http.Server{
		Handler:           s.track(mux),
		ReadHeaderTimeout: 10 * time.Second,
		// Hung requests and abrupt client hangups are part of the tests; their
		// log lines would only be noise.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() {
		defer close(s.serveDone)
		_ = s.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s
}

// URL returns the Web API base, with the trailing slash slack-go needs:
// "http://127.0.0.1:P/api/".
func (s *Server) URL() string { return "http://" + s.addr + "/api/" }

// Close closes every socket and the HTTP server, and returns once no
// goroutine of the server is left.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	for rt := range s.timers {
		if rt.t.Stop() {
			s.wg.Done() // the timer's func will never run to do it
		}
	}
	s.timers = nil
	open := make([]*conn, 0, len(s.open))
	for c := range s.open {
		open = append(open, c)
	}
	s.conns = nil
	s.notifyLocked()
	s.mu.Unlock()

	close(s.done)
	for _, c := range open {
		_ = c.ws.Close()
	}
	_ = s.srv.Close()
	<-s.serveDone
	s.wg.Wait()
}

// track counts every handler in s.wg so Close can wait for them, including
// WebSocket handlers that outlive the hijack.
func (s *Server) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			http.Error(w, "fakeslack closed", http.StatusServiceUnavailable)
			return
		}
		// Close sets closed under s.mu before it waits, so no Add races Wait.
		s.wg.Add(1)
		s.mu.Unlock()
		defer s.wg.Done()
		h.ServeHTTP(w, r)
	})
}

// AddChannel adds c, or replaces the channel with the same ID.
func (s *Server) AddChannel(c Channel) {
	c.Members = slices.Clone(c.Members)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[c.ID] = &c
}

// AddUser adds u, or replaces the user with the same ID.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// SetEcho turns off (or back on) the events Slack sends about the bot's own
// messages, which are on by default as in Slack for an app subscribed to
// message.channels: every chat.postMessage comes back as a message event
// (bot_id, app_id, bot_profile, user UBOT, no subtype), and every
// chat.update as a message_changed event.
func (s *Server) SetEcho(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echo = on
}

// SetTriggerTTL makes trigger IDs expire d after they were issued instead of
// Slack's 3 s; d <= 0 never expires them. Each trigger still works once.
func (s *Server) SetTriggerTTL(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.triggerTTL = d
}

// Changed returns a channel closed at the server's next change of state
// (a call, a post, an ack), so a driver can wait for what it looks for
// without polling.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wait blocks until ready, called with s.mu held, reports true.
func (s *Server) wait(ctx context.Context, ready func() bool) error {
	for {
		s.mu.Lock()
		if ready() {
			s.mu.Unlock()
			return nil
		}
		ch, closed := s.changed, s.closed
		s.mu.Unlock()
		if closed {
			return ErrClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *Server) nextLocked() int {
	s.seq++
	return s.seq
}

// newTSLocked returns a message timestamp "<unix>.<6 digits>" that is unique
// and increasing, as Slack's are within a channel.
func (s *Server) newTSLocked() string {
	now := time.Now().UnixMicro()
	if now <= s.lastTS {
		now = s.lastTS + 1
	}
	s.lastTS = now
	return formatTS(now)
}

func formatTS(micros int64) string {
	return fmt.Sprintf("%d.%06d", micros/1_000_000, micros%1_000_000)
}

// SetMaxConnections changes how many Socket Mode connections may be open at
// once (10, as in Slack, by default).
func (s *Server) SetMaxConnections(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxConns = n
}

// trigger is an issued trigger_id.
type trigger struct {
	at   time.Time
	used bool
}

// triggerPattern is the shape Slack documents for trigger IDs
// ("132456.7890123.abcdef", views.open invalid_trigger_id).
var triggerPattern = regexp.MustCompile(`^\d+\.\d+\.[0-9A-Za-z]+$`)

func (s *Server) newTriggerLocked() string {
	id := fmt.Sprintf("%d.%d.%s", s.nextLocked(), time.Now().Unix(), randomHex(8))
	s.triggers[id] = &trigger{at: s.now()}
	return id
}

// useTriggerLocked exchanges id for a view, as views.open and views.push
// do, and returns Slack's error when it cannot: a trigger works once, and
// only within its lifetime.
func (s *Server) useTriggerLocked(id string) string {
	t, ok := s.triggers[id]
	switch {
	case !triggerPattern.MatchString(id):
		return "invalid_trigger_id"
	case !ok:
		return "expired_trigger_id" // well formed, but not one Slack handed out
	case t.used:
		return "exchanged_trigger_id"
	case s.triggerTTL > 0 && s.now().Sub(t.at) > s.triggerTTL:
		return "expired_trigger_id"
	}
	t.used = true
	return ""
}

func (s *Server) newViewIDLocked() string {
	return fmt.Sprintf("V%08d", s.nextLocked())
}

func (s *Server) newEventIDLocked() string {
	return fmt.Sprintf("Ev%08d", s.nextLocked())
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// newUUID returns a random version 4 UUID, the shape of Slack's envelope IDs.
func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func botIsMember(c *Channel) bool {
	return c.BotIsMember || slices.Contains(c.Members, BotUserID)
}

// botCanSee reports whether the bot may read c at all: Slack hides private
// channels and DMs it is not part of behind channel_not_found.
func botCanSee(c *Channel) bool {
	return (!c.Private && !c.IM) || botIsMember(c)
}

// channelType is the events API channel_type of a conversation.
func (s *Server) channelTypeLocked(id string) string {
	if c, ok := s.channels[id]; ok {
		switch {
		case c.IM:
			return "im"
		case c.Private:
			return "group"
		}
		return "channel"
	}
	switch {
	case strings.HasPrefix(id, "D"):
		return "im"
	case strings.HasPrefix(id, "G"):
		return "group"
	}
	return "channel"
}

func (s *Server) channelNameLocked(id string) string {
	c, ok := s.channels[id]
	switch {
	case ok && c.IM, !ok && strings.HasPrefix(id, "D"):
		return "directmessage"
	case ok && c.Name != "":
		return c.Name
	case !ok && strings.HasPrefix(id, "G"):
		return "privategroup"
	}
	return strings.ToLower(id)
}

func (s *Server) userNameLocked(id string) string {
	if u, ok := s.users[id]; ok && u.Name != "" {
		return u.Name
	}
	return strings.ToLower(id)
}

// imForLocked returns the bot's DM with user, opening it if needed, as
// chat.postMessage to a user ID and conversations.open do.
func (s *Server) imForLocked(user string) (c *Channel, existed bool) {
	for _, c := range s.channels {
		if c.IM && botIsMember(c) && slices.Contains(c.Members, user) {
			return c, true
		}
	}
	c = &Channel{ID: "D" + user, IM: true, BotIsMember: true, Members: []string{user, BotUserID}}
	s.channels[c.ID] = c
	return c, false
}
