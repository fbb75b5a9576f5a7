package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
)

// The bot reads Socket Mode itself rather than through slack-go's
// socketmode.Client, which decodes every envelope into typed values on its
// read goroutine before anyone can ack it. Most of what Slack sends a busy
// bot is its own posts and edits echoed back, each with the Block Kit of the
// message: the Socket reader hands over the envelope's type, envelope_id
// and raw payload, dispatch acks it, and only the envelopes that matter are
// decoded into slack-go's types (envelope.go).
//
// The protocol (https://api.slack.com/apis/socket-mode): apps.connections.open
// with the app-level token returns a single-use WebSocket URL; Slack sends
// hello, then envelopes, each acked with {"envelope_id": …, "payload": …};
// it sends disconnect before it closes a connection (refresh_requested,
// warning, link_disabled) and pings every few seconds. An app may hold up to
// ten connections; Slack spreads envelopes over them.

// maxAckSize is Slack's limit on an ack frame: larger ones are silently
// dropped, so they are refused here instead.
const maxAckSize = 20 << 10

// ackReconnectWait bounds how long an ack waits for a connection while the
// socket reconnects; Slack expects acks within 3 s of delivery.
const ackReconnectWait = time.Second

// envelope is one Socket Mode request as read off the wire: enough to ack
// it and to decide whether its payload is worth decoding.
type envelope struct {
	Type                   string          `json:"type"`
	EnvelopeID             string          `json:"envelope_id"`
	AcceptsResponsePayload bool            `json:"accepts_response_payload"`
	RetryAttempt           int             `json:"retry_attempt"`
	RetryReason            string          `json:"retry_reason"`
	Reason                 string          `json:"reason"`          // disconnect
	NumConnections         int             `json:"num_connections"` // hello
	Payload                json.RawMessage `json:"payload"`

	sock *Socket // acks go back through it
}

// Envelope types Slack sends on a Socket Mode connection.
const (
	envHello      = "hello"
	envDisconnect = "disconnect"
	envEvents     = "events_api"
	envInteract   = "interactive"
	envCommand    = "slash_commands"
)

// SocketOptions tunes a [Socket]. The zero value is Slack's defaults.
type SocketOptions struct {
	// PingTimeout is how long a connection may go without a ping from Slack
	// before it is taken for dead and replaced; 0 means 30 s (Slack pings
	// every few seconds).
	PingTimeout time.Duration
	// ReadLimit bounds one frame; 0 means 1 MiB.
	ReadLimit int64
	// Log receives connection events; nil discards them.
	Log *slog.Logger
}

// Socket is one Socket Mode connection of the app, replaced whenever Slack
// asks or it dies. Create it with [NewSockets]; [Bot.Run] runs it.
type Socket struct {
	api  *slack.Client
	opts SocketOptions
	lg   *slog.Logger

	mu    sync.Mutex // guards conn and ready, and serialises writes (gorilla allows one writer)
	conn  *websocket.Conn
	ready chan struct{} // closed while conn is set

	up atomic.Bool
}

// socketHooks is what a Socket tells its owner.
type socketHooks struct {
	// envelope receives each envelope that has an envelope_id, on the
	// read goroutine: nothing else is read from this connection until it
	// returns.
	envelope func(*envelope)
	// connected and lost report the connection's state; lost is called
	// only after connected.
	connected func()
	lost      func(err error)
	// malformed reports a frame that is not a Socket Mode envelope.
	malformed func(frame []byte, err error)
}

// newSocket returns a Socket that opens its connections with api's
// app-level token.
func newSocket(api *slack.Client, o SocketOptions) *Socket {
	if o.PingTimeout <= 0 {
		o.PingTimeout = 30 * time.Second
	}
	if o.ReadLimit <= 0 {
		o.ReadLimit = 1 << 20
	}
	lg := o.Log
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	return &Socket{api: api, opts: o, lg: lg, ready: make(chan struct{})}
}

// errDisconnect is Slack asking for the connection to be replaced.
var errDisconnect = errors.New("slack asked to reconnect")

// run keeps a connection open until ctx is done, then closes it and
// returns ctx's error. It returns early with Slack's error when the app
// token is refused.
func (s *Socket) run(ctx context.Context, h socketHooks) error {
	attempt := 0
	// dropped counts connections in a row that ended soon after they
	// opened: Slack refreshes a connection after hours, so a run of short
	// ones is a storm (or a peer dropping us), and apps.connections.open is
	// Tier 1. The first such reconnection is immediate, the next ones back off.
	dropped := 0
	for {
		if dropped > 1 {
			wait := backoff(dropped - 2)
			s.lg.Warn("socket: connection ended soon after it opened", "in_a_row", dropped, "retry_in", wait)
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
		}
		conn, err := s.dial(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if fatal := classifyAuth(err); errors.Is(fatal, ErrAuth) {
				return err
			}
			wait := backoff(attempt)
			if rl, ok := errors.AsType[*slack.RateLimitedError](err); ok {
				wait = max(wait, rl.RetryAfter)
			}
			attempt++
			s.lg.Warn("socket: cannot connect", "attempt", attempt, "retry_in", wait, "err", err)
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
			continue
		}
		attempt = 0
		s.mu.Lock()
		s.conn = conn
		close(s.ready)
		s.mu.Unlock()
		s.up.Store(true)
		h.connected()
		opened := time.Now()
		err = s.serve(ctx, conn, h)
		if time.Since(opened) < shortConnection {
			dropped++
		} else {
			dropped = 0
		}
		s.up.Store(false)
		s.mu.Lock()
		s.conn = nil
		s.ready = make(chan struct{})
		s.mu.Unlock()
		_ = conn.Close()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		h.lost(err)
	}
}

// shortConnection is how long a connection must last for its end to count
// as a normal refresh rather than a drop.
const shortConnection = 10 * time.Second

// backoff is the wait before the attempt-th retry to connect: 100 ms
// doubling to a minute, with jitter so that replicas do not retry in step.
func backoff(attempt int) time.Duration {
	d := 100 * time.Millisecond << min(attempt, 10)
	d = min(d, time.Minute)
	return d/2 + rand.N(d/2+1)
}

// dial opens a connection: apps.connections.open, then the WebSocket.
func (s *Socket) dial(ctx context.Context) (*websocket.Conn, error) {
	_, url, err := s.api.StartSocketModeContext(ctx)
	if err != nil {
		return nil, err
	}
	d := websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 10 * time.Second}
	conn, resp, err := d.DialContext(ctx, url, http.Header{"Origin": {"https://api.slack.com"}})
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("socket mode dial: %w", err)
	}
	conn.SetReadLimit(s.opts.ReadLimit)
	return conn, nil
}

// serve reads conn until it fails, Slack asks to reconnect, no ping came
// within PingTimeout, or ctx is done.
func (s *Socket) serve(ctx context.Context, conn *websocket.Conn, h socketHooks) error {
	// A read deadline that each ping pushes back is the dead-connection
	// detector: a silent connection fails the read.
	alive := func() error { return conn.SetReadDeadline(time.Now().Add(s.opts.PingTimeout)) }
	if err := alive(); err != nil {
		return err
	}
	conn.SetPingHandler(func(data string) error {
		if err := alive(); err != nil {
			return err
		}
		// WriteControl may run concurrently with other writes.
		err := conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(10*time.Second))
		if err != nil && !errors.Is(err, websocket.ErrCloseSent) {
			var ne interface{ Timeout() bool }
			if !errors.As(err, &ne) || !ne.Timeout() {
				return err
			}
		}
		return nil
	})
	stop := context.AfterFunc(ctx, func() {
		_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
		_ = conn.Close()
	})
	defer stop()

	for {
		_, frame, err := conn.ReadMessage()
		if err != nil {
			return err
		}
		env := &envelope{sock: s}
		if err := json.Unmarshal(frame, env); err != nil {
			h.malformed(frame, err)
			continue
		}
		switch env.Type {
		case envHello:
			s.lg.Debug("socket: hello", "connections", env.NumConnections)
			continue
		case envDisconnect:
			s.lg.Info("socket: slack asked to reconnect", "reason", env.Reason)
			return fmt.Errorf("%w: %s", errDisconnect, env.Reason)
		}
		if env.EnvelopeID == "" {
			h.malformed(frame, errors.New("no envelope_id"))
			continue
		}
		h.envelope(env)
	}
}

// ack acknowledges an envelope, with payload when not nil, on the current
// connection (Slack takes an ack on any of the app's connections).
func (s *Socket) ack(envelopeID string, payload any) error {
	frame, err := json.Marshal(struct {
		EnvelopeID string `json:"envelope_id"`
		Payload    any    `json:"payload,omitempty"`
	}{envelopeID, payload})
	if err != nil {
		return fmt.Errorf("ack: %w", err)
	}
	if len(frame) >= maxAckSize {
		return fmt.Errorf("ack of %d bytes: Slack drops acks of %d bytes or more", len(frame), maxAckSize)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		// Between two connections (a refresh takes a few milliseconds) the
		// ack waits for the next one rather than being lost.
		ready := s.ready
		s.mu.Unlock()
		t := time.NewTimer(ackReconnectWait)
		select {
		case <-ready:
		case <-t.C:
		}
		t.Stop()
		s.mu.Lock()
		if s.conn == nil {
			return errors.New("ack: socket not connected")
		}
	}
	if err := s.conn.SetWriteDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return err
	}
	return s.conn.WriteMessage(websocket.TextMessage, frame)
}

// Up reports whether the socket holds an open connection.
func (s *Socket) Up() bool { return s.up.Load() }

// ack acknowledges e on the socket it came from.
func (e *envelope) ack(payload any) error { return e.sock.ack(e.EnvelopeID, payload) }

// SlackConfig is how the bot reaches Slack.
type SlackConfig struct {
	// APIURL is the Web API's base URL; "" means slack.com's.
	APIURL string
	// BotToken (xoxb-) calls the Web API; AppToken (xapp-) opens the
	// Socket Mode connections.
	BotToken, AppToken string
	// Sockets is how many Socket Mode connections to hold (Slack allows
	// ten per app); 0 means 1.
	Sockets int
	// HTTP carries the Web API calls; nil means a client with a 10 s
	// deadline per request (slack-go's default has none).
	HTTP doer
	// Socket tunes each connection.
	Socket SocketOptions
	// Log receives slack-go's debug lines and the sockets' events; nil
	// discards them.
	Log *slog.Logger
}

// NewSlack returns the Web API client and the Socket Mode connections a
// [Bot] serves on. Nothing is retried on top of slack-go: the bot waits
// out a 429's Retry-After itself, without holding a worker slot, and
// retrying a 5xx or a timeout on chat.postMessage could post twice.
func NewSlack(c SlackConfig) (*slack.Client, []*Socket) {
	lg := c.Log
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	var hc doer = &http.Client{Timeout: 10 * time.Second}
	if c.HTTP != nil {
		hc = c.HTTP
	}
	opts := []slack.Option{
		slack.OptionAppLevelToken(c.AppToken),
		slack.OptionHTTPClient(leanPosts{hc}),
		slack.OptionLog(slog.NewLogLogger(lg.Handler(), slog.LevelDebug)),
	}
	if c.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(c.APIURL))
	}
	api := slack.New(c.BotToken, opts...)
	so := c.Socket
	if so.Log == nil {
		so.Log = lg
	}
	sockets := make([]*Socket, max(c.Sockets, 1))
	for i := range sockets {
		sockets[i] = newSocket(api, so)
	}
	return api, sockets
}

// doer is the HTTP client slack-go calls the Web API through.
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

// leanPosts is the HTTP client under slack-go. chat.postMessage and
// chat.update answer with the whole message posted, every block of it, and
// slack-go decodes it into Block Kit values the bot never reads: leanPosts
// keeps only the fields slack-go returns from those calls (ok, error, ts,
// channel, …) before it sees the body. Status and headers pass untouched,
// so slack-go's handling of a 429 (Retry-After) and of errors is its own.
type leanPosts struct{ next doer }

func (l leanPosts) Do(req *http.Request) (*http.Response, error) {
	resp, err := l.next.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK || !isPostOrUpdate(req.URL.Path) {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var r struct {
		OK       bool            `json:"ok"`
		Error    string          `json:"error,omitempty"`
		Warning  string          `json:"warning,omitempty"`
		Channel  string          `json:"channel,omitempty"`
		TS       string          `json:"ts,omitempty"`
		Text     string          `json:"text,omitempty"`
		Metadata json.RawMessage `json:"response_metadata,omitempty"`
	}
	if json.Unmarshal(body, &r) == nil {
		body, _ = json.Marshal(r)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

func isPostOrUpdate(path string) bool {
	return strings.HasSuffix(path, "/chat.postMessage") || strings.HasSuffix(path, "/chat.update")
}
