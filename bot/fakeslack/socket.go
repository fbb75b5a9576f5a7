package fakeslack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Ack is one acknowledgement read from a socket.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage // nil when the client sent none
	At         time.Time
}

// Delivery is one envelope written to a socket; with [Ack.At] it gives the
// ack latency a load run measures.
type Delivery struct {
	EnvelopeID   string
	Type         string
	RetryAttempt int
	At           time.Time
}

// conn is one accepted Socket Mode WebSocket.
type conn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex // gorilla allows one writer at a time
	done chan struct{}
}

func (c *conn) write(frame []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.writeLocked(frame)
}

func (c *conn) writeLocked(frame []byte) error {
	if err := c.ws.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil {
		return err
	}
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

// outgoing is an envelope (or a raw frame) waiting for, or written to, a socket.
type outgoing struct {
	id      string // "" for raw frames without an envelope_id
	typ     string
	attempt int
	frame   []byte
	chain   *chain // events_api only
}

// chain is one Events API event across its redeliveries.
type chain struct {
	payload json.RawMessage
	attempt int
	acked   bool
	armed   bool // a redelivery timer is pending, so a Resend arms no second one
}

// envelope is the frame Slack sends; retry fields exist on events_api only.
type envelope struct {
	EnvelopeID             string          `json:"envelope_id"`
	Type                   string          `json:"type"`
	AcceptsResponsePayload bool            `json:"accepts_response_payload"`
	RetryAttempt           *int            `json:"retry_attempt,omitempty"`
	RetryReason            *string         `json:"retry_reason,omitempty"`
	Payload                json.RawMessage `json:"payload"`
}

var upgrader = websocket.Upgrader{
	// slack-go dials with Origin: https://api.slack.com; the default check
	// would answer 403 and the client would retry forever without a word.
	CheckOrigin: func(*http.Request) bool { return true },
}

// serveLink accepts a Socket Mode connection for a ticket handed out by
// apps.connections.open. Each ticket works once, as Slack's URLs do.
func (s *Server) serveLink(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	used, issued := s.tickets[ticket]
	if issued && !used {
		s.tickets[ticket] = true
	}
	s.mu.Unlock()
	if !issued || used {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the client
	}
	c := &conn{ws: ws, done: make(chan struct{})}
	defer close(c.done)

	// Hold the write lock while registering so an envelope sent concurrently
	// cannot overtake hello or the queued envelopes.
	c.wmu.Lock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.wmu.Unlock()
		_ = ws.Close()
		return
	}
	s.open[c] = struct{}{}
	s.conns = append(s.conns, c)
	n := len(s.conns)
	queued := s.pending
	s.pending = nil
	s.notifyLocked()
	s.wg.Add(1) // the pinger; safe, this handler is counted too
	s.mu.Unlock()

	err = c.writeLocked(helloFrame(n))
	var failed []*outgoing
	for i, e := range queued {
		if err == nil {
			err = c.writeLocked(e.frame)
		}
		if err != nil {
			failed = queued[i:]
			break
		}
		s.delivered(e)
	}
	c.wmu.Unlock()
	go func() {
		defer s.wg.Done()
		s.ping(c)
	}()
	if err != nil {
		s.retire(c)
		_ = ws.Close()
		for _, e := range failed {
			s.deliver(e)
		}
	}
	s.readAcks(c)

	s.retire(c)
	_ = ws.Close()
	s.mu.Lock()
	delete(s.open, c)
	s.mu.Unlock()
}

func helloFrame(n int) []byte {
	b, _ := json.Marshal(map[string]any{
		"type":            "hello",
		"num_connections": n,
		"debug_info": map[string]any{
			"host":                        "fakeslack",
			"build_number":                1,
			"approximate_connection_time": 18060,
		},
		"connection_info": map[string]any{"app_id": AppID},
	})
	return b
}

// ping sends WebSocket ping control frames: slack-go reconnects when none
// arrives within its ping interval (30 s by default).
func (s *Server) ping(c *conn) {
	for {
		s.mu.Lock()
		d := s.pingInterval
		s.mu.Unlock()
		if d > 0 {
			// WriteControl may run concurrently with the other writers.
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeTimeout)); err != nil {
				return
			}
		} else {
			d = 100 * time.Millisecond // pinging is off: look again soon
		}
		t := time.NewTimer(d)
		select {
		case <-c.done:
			t.Stop()
			return
		case <-s.done:
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// readAcks records every frame that names an envelope until the socket fails.
func (s *Server) readAcks(c *conn) {
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var a struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &a) != nil || a.EnvelopeID == "" {
			continue
		}
		if string(a.Payload) == "null" {
			a.Payload = nil
		}
		s.mu.Lock()
		s.acks = append(s.acks, Ack{EnvelopeID: a.EnvelopeID, Payload: a.Payload, At: time.Now()})
		if ch := s.chains[a.EnvelopeID]; ch != nil {
			ch.acked = true
		}
		s.notifyLocked()
		s.mu.Unlock()
	}
}

// retire stops sending envelopes to c.
func (s *Server) retire(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := slices.Index(s.conns, c); i >= 0 {
		s.conns = slices.Delete(s.conns, i, i+1)
		s.notifyLocked()
	}
}

// deliver writes e to the next live socket in turn, so envelopes spread over
// replicas as Slack spreads them, or queues it until a socket connects.
func (s *Server) deliver(e *outgoing) {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return
		}
		if len(s.conns) == 0 {
			s.pending = append(s.pending, e)
			s.mu.Unlock()
			return
		}
		s.rr = (s.rr + 1) % len(s.conns)
		c := s.conns[s.rr]
		s.mu.Unlock()
		if err := c.write(e.frame); err != nil {
			s.retire(c)
			_ = c.ws.Close()
			continue
		}
		s.delivered(e)
		return
	}
}

// delivered records e and, for an events_api envelope, arms its redelivery.
func (s *Server) delivered(e *outgoing) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deliveries = append(s.deliveries, Delivery{EnvelopeID: e.id, Type: e.typ, RetryAttempt: e.attempt, At: time.Now()})
	s.notifyLocked()
	ch := e.chain
	if s.closed || ch == nil || ch.armed || s.ackTimeout <= 0 || ch.attempt >= maxRetryAttempt {
		return
	}
	ch.armed = true
	s.wg.Add(1)
	rt := &redelivery{}
	// The func may start before AfterFunc returns; it touches rt only under
	// s.mu, which is held here until rt.t is set.
	rt.t = time.AfterFunc(s.ackTimeout, func() {
		defer s.wg.Done()
		s.redeliver(ch, rt)
	})
	s.timers[rt] = struct{}{}
}

// redelivery is an armed ack timeout.
type redelivery struct{ t *time.Timer }

// redeliver resends an unacked event as Slack does: same event, new
// envelope_id, retry_attempt+1, retry_reason "timeout".
func (s *Server) redeliver(ch *chain, rt *redelivery) {
	s.mu.Lock()
	delete(s.timers, rt)
	ch.armed = false
	if s.closed || ch.acked {
		s.mu.Unlock()
		return
	}
	ch.attempt++
	e := s.eventEnvelopeLocked(ch)
	s.mu.Unlock()
	s.deliver(e)
}

func (s *Server) newEnvelopeLocked(typ string, acceptsResponse bool, payload any) *outgoing {
	p, err := json.Marshal(payload)
	if err != nil {
		panic(fmt.Sprintf("fakeslack: marshal %s payload: %v", typ, err)) // payloads are built here from plain values
	}
	e := &outgoing{id: newUUID(), typ: typ}
	e.frame, _ = json.Marshal(envelope{EnvelopeID: e.id, Type: typ, AcceptsResponsePayload: acceptsResponse, Payload: p})
	s.sent[e.id] = e
	return e
}

func (s *Server) eventEnvelopeLocked(ch *chain) *outgoing {
	reason := ""
	if ch.attempt > 0 {
		reason = "timeout"
	}
	attempt := ch.attempt
	e := &outgoing{id: newUUID(), typ: "events_api", attempt: attempt, chain: ch}
	e.frame, _ = json.Marshal(envelope{
		EnvelopeID: e.id, Type: "events_api",
		RetryAttempt: &attempt, RetryReason: &reason,
		Payload: ch.payload,
	})
	s.sent[e.id] = e
	s.chains[e.id] = ch
	return e
}

// Connections returns the number of live sockets that receive envelopes.
// Sockets sent a disconnect or dropped no longer count.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// WaitConnections waits until at least n sockets are live.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	var have int
	err := s.wait(ctx, func() bool {
		have = len(s.conns)
		return have >= n
	})
	if err != nil {
		return fmt.Errorf("fakeslack: wait for %d connections, have %d: %w", n, have, err)
	}
	return nil
}

// SetAckTimeout makes the server resend an events_api envelope that was not
// acked within d, up to 3 times. 0, the default, turns redelivery off.
func (s *Server) SetAckTimeout(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ackTimeout = d
}

// SetPingInterval sets how often sockets get a WebSocket ping (2 s by
// default). d <= 0 stops pinging, so a client's dead-connection watchdog can
// be tested.
func (s *Server) SetPingInterval(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pingInterval = d
}

// SendRaw writes frame as is to the next socket, or queues it: for malformed
// envelopes and fuzzing.
func (s *Server) SendRaw(frame []byte) {
	s.deliver(&outgoing{frame: slices.Clone(frame)})
}

// Resend writes an envelope sent earlier again, with the same envelope_id,
// as Slack may do. It reports false for an unknown envelope ID.
func (s *Server) Resend(envelopeID string) bool {
	s.mu.Lock()
	e, ok := s.sent[envelopeID]
	s.mu.Unlock()
	if ok {
		s.deliver(e)
	}
	return ok
}

// SendDisconnect sends {"type":"disconnect","reason":reason} to every live
// socket and stops sending envelopes to them; slack-go then closes the socket
// and reconnects with a new apps.connections.open.
func (s *Server) SendDisconnect(reason string) {
	frame, _ := json.Marshal(map[string]any{
		"type": "disconnect", "reason": reason,
		"debug_info": map[string]any{"host": "fakeslack"},
	})
	s.mu.Lock()
	conns := s.conns
	s.conns = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.write(frame)
	}
}

// SendDisconnectOne sends a disconnect to the oldest live socket only, as
// Slack refreshes one connection at a time, and stops sending envelopes
// to it; the others keep receiving. It reports false when no socket is live.
func (s *Server) SendDisconnectOne(reason string) bool {
	frame, _ := json.Marshal(map[string]any{
		"type": "disconnect", "reason": reason,
		"debug_info": map[string]any{"host": "fakeslack"},
	})
	s.mu.Lock()
	if len(s.conns) == 0 {
		s.mu.Unlock()
		return false
	}
	c := s.conns[0]
	s.conns = slices.Delete(s.conns, 0, 1)
	s.notifyLocked()
	s.mu.Unlock()
	_ = c.write(frame)
	return true
}

// DropConnections closes every socket abruptly, without a close frame.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := make([]*conn, 0, len(s.open))
	for c := range s.open {
		conns = append(conns, c)
	}
	s.conns = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
}

// Acks returns every ack received, in order.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.acks)
}

// WaitAck waits for the first ack of envelopeID.
func (s *Server) WaitAck(ctx context.Context, envelopeID string) (Ack, error) {
	var ack Ack
	err := s.wait(ctx, func() bool {
		i := slices.IndexFunc(s.acks, func(a Ack) bool { return a.EnvelopeID == envelopeID })
		if i >= 0 {
			ack = s.acks[i]
		}
		return i >= 0
	})
	if err != nil {
		return Ack{}, fmt.Errorf("fakeslack: wait for ack of %s: %w", envelopeID, err)
	}
	return ack, nil
}

// Deliveries returns every envelope written to a socket, in order.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deliveries)
}
