package fakeslack

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Call is one Web API request as the server received it.
type Call struct {
	Method string
	Form   url.Values      // form or query fields
	JSON   json.RawMessage // JSON body, if any
	Token  string
	At     time.Time
	// RateLimited is set when the fake's rate limits refused the call with
	// 429 (scripted faults leave it unset).
	RateLimited bool
}

// Post is a message the bot posted with chat.postMessage, in its current
// state. Messages sent with SendMessage are not Posts.
type Post struct {
	Channel, TS, ThreadTS, Text, User string
	Blocks                            json.RawMessage
	Updated                           int // times chat.update touched it
}

// ResponsePost is one POST to a response_url this server issued.
type ResponsePost struct {
	URL             string
	Body            json.RawMessage
	Text            string
	ResponseType    string
	ReplaceOriginal bool
	ThreadTS        string // an in_channel post's thread
	Channel         string // where the URL's interaction or command happened
	At              time.Time
}

// View is one views.open, views.push or views.update request.
type View struct {
	ID        string
	Request   json.RawMessage // the view JSON the bot sent
	TriggerID string
}

// fault is a scripted answer for the next n calls of a method.
type fault struct {
	status     int
	err        string
	retryAfter time.Duration
	hang       bool
	n          int
}

// origin is the message a response_url may replace or delete.
type origin struct{ channel, ts string }

// modal is a view the bot opened, as Slack stores it.
type modal struct {
	view map[string]any
	hash string
}

// apiRequest is a Web API request with form, query and top-level JSON fields
// merged, since slack-go sends each method one of the three ways.
type apiRequest struct {
	params url.Values
	token  string
	r      *http.Request
}

func (q *apiRequest) has(key string) bool { _, ok := q.params[key]; return ok }

type method struct {
	appToken bool // apps.connections.open wants xapp-, the rest xoxb-
	fn       func(*Server, *apiRequest) map[string]any
}

var methods = map[string]method{
	"apps.connections.open": {appToken: true, fn: (*Server).appsConnectionsOpen},
	"auth.test":             {fn: (*Server).authTest},
	"chat.postMessage":      {fn: (*Server).chatPostMessage},
	"chat.update":           {fn: (*Server).chatUpdate},
	"chat.postEphemeral":    {fn: (*Server).chatPostEphemeral},
	"chat.getPermalink":     {fn: (*Server).chatGetPermalink},
	"views.open":            {fn: (*Server).viewsOpen},
	"views.push":            {fn: (*Server).viewsPush},
	"views.update":          {fn: (*Server).viewsUpdate},
	"conversations.members": {fn: (*Server).conversationsMembers},
	"users.conversations":   {fn: (*Server).usersConversations},
	"conversations.info":    {fn: (*Server).conversationsInfo},
	"conversations.open":    {fn: (*Server).conversationsOpen},
	"users.info":            {fn: (*Server).usersInfo},
}

func ok(fields map[string]any) map[string]any {
	out := map[string]any{"ok": true}
	maps.Copy(out, fields)
	return out
}

func fail(code string) map[string]any { return map[string]any{"ok": false, "error": code} }

// failDetails is an error with the response_metadata.messages Slack adds to
// invalid_arguments and invalid_blocks.
func failDetails(code string, msgs []string) map[string]any {
	out := fail(code)
	out["response_metadata"] = map[string]any{"messages": msgs}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	name := strings.TrimPrefix(r.URL.Path, "/api/")
	q, call := readAPIRequest(r, name)
	call.At = at

	s.mu.Lock()
	f := s.takeFaultLocked(name)
	s.mu.Unlock()
	// Record after the state changed, so a test that waits for a call sees
	// its effects; a hung call is recorded at once, to be waited for.
	record := func() {
		s.mu.Lock()
		s.calls = append(s.calls, call)
		s.notifyLocked()
		s.mu.Unlock()
	}
	if f != nil {
		s.writeFault(w, r, f, record)
		return
	}
	m, found := methods[name]
	var resp map[string]any
	switch {
	case !found:
		resp = fail("unknown_method")
	default:
		if code := checkToken(m.appToken, q); code != "" {
			resp = fail(code)
			break
		}
		s.mu.Lock()
		wait := s.rateLimitLocked(name, q.params.Get("channel"))
		s.mu.Unlock()
		if wait > 0 {
			call.RateLimited = true
			record()
			writeRateLimited(w, wait)
			return
		}
		resp = m.fn(s, q)
	}
	record()
	writeJSON(w, http.StatusOK, resp)
}

// writeRateLimited answers as Slack does over a rate limit: HTTP 429,
// Retry-After in whole seconds, and {"ok":false,"error":"ratelimited"}.
func writeRateLimited(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(wait)))
	writeJSON(w, http.StatusTooManyRequests, fail("ratelimited"))
}

func readAPIRequest(r *http.Request, name string) (*apiRequest, Call) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	form := r.URL.Query()
	params := r.URL.Query()
	var raw json.RawMessage
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ct == "application/json" && len(bytes.TrimSpace(body)) > 0:
		raw = body
		var top map[string]json.RawMessage
		if json.Unmarshal(body, &top) == nil {
			for k, v := range top {
				var str string
				if json.Unmarshal(v, &str) == nil {
					params.Set(k, str)
				} else {
					params.Set(k, string(v))
				}
			}
		}
	case r.Method == http.MethodPost && len(body) > 0:
		vals, _ := url.ParseQuery(string(body))
		for k, v := range vals {
			form[k] = append(form[k], v...)
			params[k] = append(params[k], v...)
		}
	}
	token := ""
	if h, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		token = strings.TrimSpace(h)
	}
	if token == "" {
		token = params.Get("token")
	}
	return &apiRequest{params: params, token: token, r: r},
		Call{Method: name, Form: form, JSON: raw, Token: token}
}

// checkToken returns the error Slack gives for a missing or wrong token.
func checkToken(appToken bool, q *apiRequest) string {
	if appToken {
		// Slack wants the app-level token in the header only.
		h := strings.TrimPrefix(q.r.Header.Get("Authorization"), "Bearer ")
		switch {
		case strings.TrimSpace(h) == "":
			return "not_authed"
		case !strings.HasPrefix(h, "xapp-"):
			return "invalid_auth"
		}
		return ""
	}
	switch {
	case q.token == "":
		return "not_authed"
	case strings.HasPrefix(q.token, "xapp-"):
		return "not_allowed_token_type"
	case !strings.HasPrefix(q.token, "xoxb-"):
		return "invalid_auth"
	}
	return ""
}

func (s *Server) takeFaultLocked(name string) *fault {
	fs := s.faults[name]
	if len(fs) == 0 {
		return nil
	}
	f := fs[0]
	f.n--
	if f.n <= 0 {
		s.faults[name] = fs[1:]
	}
	return f
}

func (s *Server) writeFault(w http.ResponseWriter, r *http.Request, f *fault, record func()) {
	switch {
	case f.hang:
		record()
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		http.Error(w, "hung", http.StatusGatewayTimeout)
		return
	case f.status == http.StatusTooManyRequests:
		record()
		writeRateLimited(w, f.retryAfter)
	case f.status != 0:
		record()
		// Slack answers 5xx with an HTML page that slack-go does not parse.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, "<html><body>fakeslack: scripted status</body></html>")
	default:
		record()
		writeJSON(w, http.StatusOK, fail(f.err))
	}
}

func (s *Server) addFault(name string, f *fault) {
	if f.n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[name] = append(s.faults[name], f)
}

// FailNext makes the next n calls of method answer 200
// {"ok":false,"error":slackError}. Faults of one method are consumed in the
// order they were scripted. method "response_url" scripts the response_url
// endpoint.
func (s *Server) FailNext(method, slackError string, n int) {
	s.addFault(method, &fault{err: slackError, n: n})
}

// RateLimitNext makes the next n calls of method answer HTTP 429 with
// Retry-After in whole seconds (at least 1) and {"ok":false,"error":"ratelimited"}.
func (s *Server) RateLimitNext(method string, retryAfter time.Duration, n int) {
	s.addFault(method, &fault{status: http.StatusTooManyRequests, retryAfter: retryAfter, n: n})
}

// StatusNext makes the next n calls of method answer HTTP code, such as 500.
func (s *Server) StatusNext(method string, code int, n int) {
	s.addFault(method, &fault{status: code, n: n})
}

// HangNext makes the next n calls of method never answer, until the client
// gives up or the server closes, so client timeouts can be tested.
func (s *Server) HangNext(method string, n int) {
	s.addFault(method, &fault{hang: true, n: n})
}

// Calls returns the calls of method, or every call for "", in order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(method)
}

func (s *Server) callsLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits until at least n calls of method (every method for "")
// were answered, and returns them all.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	var calls []Call
	err := s.wait(ctx, func() bool {
		calls = s.callsLocked(method)
		return len(calls) >= n
	})
	if err != nil {
		return calls, fmt.Errorf("fakeslack: wait for %d %q calls, have %d: %w", n, method, len(calls), err)
	}
	return calls, nil
}

// Messages returns the bot's posts in channel, in their current state and
// post order.
func (s *Server) Messages(channel string) []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Post, 0, len(s.posts[channel]))
	for _, p := range s.posts[channel] {
		out = append(out, *p)
	}
	return out
}

// Message returns the bot's post at ts in channel.
func (s *Server) Message(channel, ts string) (Post, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.postLocked(channel, ts); p != nil {
		return *p, true
	}
	return Post{}, false
}

// Ephemerals returns every chat.postEphemeral, in order; User is the user
// who sees it.
func (s *Server) Ephemerals() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ephemerals)
}

// ResponsePosts returns every post to a response_url, in order.
func (s *Server) ResponsePosts() []ResponsePost {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.responsePosts)
}

// WaitResponsePosts waits until at least n response_url posts arrived.
func (s *Server) WaitResponsePosts(ctx context.Context, n int) ([]ResponsePost, error) {
	var posts []ResponsePost
	err := s.wait(ctx, func() bool {
		posts = slices.Clone(s.responsePosts)
		return len(posts) >= n
	})
	if err != nil {
		return posts, fmt.Errorf("fakeslack: wait for %d response_url posts, have %d: %w", n, len(posts), err)
	}
	return posts, nil
}

// Views returns every views.open, views.push and views.update received, in order.
func (s *Server) Views() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.views)
}

func (s *Server) postLocked(channel, ts string) *Post {
	for _, p := range s.posts[channel] {
		if p.TS == ts {
			return p
		}
	}
	return nil
}

// authorLocked returns who wrote the message at ts.
func (s *Server) authorLocked(channel, ts string) (string, bool) {
	if p := s.postLocked(channel, ts); p != nil {
		return p.User, true
	}
	if m, found := s.humans[channel][ts]; found {
		return m.user, true
	}
	return "", false
}

// messageJSONLocked renders a stored message as Slack embeds it in payloads.
func (s *Server) messageJSONLocked(channel, ts string) (map[string]any, bool) {
	if p := s.postLocked(channel, ts); p != nil {
		return postJSON(p), true
	}
	if m, found := s.humans[channel][ts]; found {
		out := map[string]any{"type": "message", "user": m.user, "text": m.text, "ts": ts, "team": TeamID,
			"blocks": []any{richText(m.text)}}
		if m.threadTS != "" {
			out["thread_ts"] = m.threadTS
		}
		return out, true
	}
	return nil, false
}

func postJSON(p *Post) map[string]any {
	out := map[string]any{"type": "message", "text": p.Text, "user": p.User, "ts": p.TS, "team": TeamID}
	if p.User == BotUserID {
		out["bot_id"] = BotID
		out["app_id"] = AppID
		out["bot_profile"] = botProfileJSON()
	}
	if p.ThreadTS != "" {
		out["thread_ts"] = p.ThreadTS
	}
	if len(p.Blocks) > 0 {
		var blocks []any
		if json.Unmarshal(p.Blocks, &blocks) == nil {
			out["blocks"] = blocks
		}
	}
	return out
}

func (s *Server) newResponseURLLocked(o origin) string {
	path := fmt.Sprintf("/response/%d", s.nextLocked())
	s.respURLs[path] = o
	return "http://" + s.addr + path
}

// serveResponseURL takes the JSON slack-go posts to a response_url. Like
// Slack it needs no token; replace_original and delete_original act on the
// message a block action came from.
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	s.mu.Lock()
	o, issued := s.respURLs[r.URL.Path]
	f := s.takeFaultLocked("response_url")
	s.mu.Unlock()
	if f != nil {
		s.writeFault(w, r, f, func() {})
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !issued {
		writeJSON(w, http.StatusOK, fail("expired_url"))
		return
	}
	// A response_url takes 5 posts (in its 30 minutes); Slack does not
	// document the error after that, so the fake answers used_url.
	s.mu.Lock()
	over := s.rateLimits && s.respUses[r.URL.Path] >= responseURLUses
	if over {
		s.limited["response_url"]++
	} else {
		s.respUses[r.URL.Path]++
	}
	s.mu.Unlock()
	if over {
		writeJSON(w, http.StatusOK, fail("used_url"))
		return
	}
	var msg struct {
		Text            string          `json:"text"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
		DeleteOriginal  bool            `json:"delete_original"`
		ThreadTS        string          `json:"thread_ts"`
		Blocks          json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(body, &msg); err != nil {
		writeJSON(w, http.StatusOK, fail("invalid_payload"))
		return
	}
	blocks := msg.Blocks
	if len(blocks) == 0 || string(blocks) == "null" {
		blocks = nil
	} else {
		// A response_url post is a message like any other: Slack refuses
		// the same malformed blocks it refuses in chat.postMessage.
		var bs []any
		if err := json.Unmarshal(blocks, &bs); err != nil {
			writeJSON(w, http.StatusOK, fail("invalid_blocks_format"))
			return
		}
		if msgs := validateBlocks(bs, maxMessageBlocks, "/blocks"); len(msgs) > 0 {
			writeJSON(w, http.StatusOK, failDetails("invalid_blocks", msgs))
			return
		}
	}
	s.mu.Lock()
	s.responsePosts = append(s.responsePosts, ResponsePost{
		URL: "http://" + s.addr + r.URL.Path, Body: body, Text: msg.Text,
		ResponseType: msg.ResponseType, ReplaceOriginal: msg.ReplaceOriginal,
		ThreadTS: msg.ThreadTS, Channel: o.channel, At: time.Now(),
	})
	var echo *outgoing
	p := s.postLocked(o.channel, o.ts)
	switch {
	case p != nil && msg.DeleteOriginal:
		s.posts[o.channel] = slices.DeleteFunc(s.posts[o.channel], func(x *Post) bool { return x == p })
	case p != nil && msg.ReplaceOriginal:
		// Slack edits the message in place, as chat.update does, and says
		// so with a message_changed event.
		prev, c := *p, *p
		c.Text = msg.Text
		c.Blocks = blocks
		c.Updated++
		*p = c
		if s.echo {
			echo = s.changedLocked(&prev, &c)
		}
	case !msg.ReplaceOriginal && !msg.DeleteOriginal && msg.ResponseType == "in_channel" && o.channel != "":
		// A new message from the app, in the thread when thread_ts is set
		// (https://api.slack.com/interactivity/handling#publishing_in_thread).
		// Slack returns no ts for it (slackapi/bolt-js#1755).
		np := &Post{Channel: o.channel, TS: s.newTSLocked(), ThreadTS: msg.ThreadTS, Text: msg.Text, User: BotUserID, Blocks: blocks}
		s.posts[o.channel] = append(s.posts[o.channel], np)
		if s.echo {
			echo = s.echoLocked(np)
		}
	}
	if echo != nil {
		s.wg.Add(1) // this handler is counted, so Close is not waiting yet
		go func() {
			defer s.wg.Done()
			s.deliver(echo)
		}()
	}
	s.notifyLocked()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, ok(nil))
}

func (s *Server) appsConnectionsOpen(*apiRequest) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxConns > 0 && len(s.open) >= s.maxConns {
		return fail("too_many_websockets")
	}
	ticket := strconv.Itoa(s.nextLocked())
	s.tickets[ticket] = false
	return ok(map[string]any{"url": "ws://" + s.addr + "/link/?ticket=" + ticket + "&app_id=" + AppID})
}

func (s *Server) authTest(*apiRequest) map[string]any {
	return ok(map[string]any{
		"url": "https://" + teamDomain + ".slack.com/", "team": "Acme", "user": botName,
		"team_id": TeamID, "user_id": BotUserID, "bot_id": BotID, "is_enterprise_install": false,
	})
}

// writableLocked resolves a channel the bot posts to, with Slack's errors: a
// user ID means the bot's DM with that user.
func (s *Server) writableLocked(id string) (*Channel, string) {
	if strings.HasPrefix(id, "U") || strings.HasPrefix(id, "W") {
		c, _ := s.imForLocked(id)
		return c, ""
	}
	c, found := s.channels[id]
	switch {
	case !found || !botCanSee(c):
		return nil, "channel_not_found"
	case !botIsMember(c):
		return nil, "not_in_channel"
	case c.Archived:
		return nil, "is_archived"
	}
	return c, ""
}

// readBlocks parses the blocks field and checks it against Block Kit limits.
func readBlocks(q *apiRequest, maxBlocks int) (json.RawMessage, map[string]any) {
	if !q.has("blocks") {
		return nil, nil
	}
	raw := q.params.Get("blocks")
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var blocks []any
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return nil, fail("invalid_blocks_format")
	}
	if msgs := validateBlocks(blocks, maxBlocks, "/blocks"); len(msgs) > 0 {
		return nil, failDetails("invalid_blocks", msgs)
	}
	return json.RawMessage(raw), nil
}

func (s *Server) chatPostMessage(q *apiRequest) map[string]any {
	blocks, bad := readBlocks(q, maxMessageBlocks)
	if bad != nil {
		return bad
	}
	text := q.params.Get("text")
	if text == "" && blocks == nil && q.params.Get("attachments") == "" {
		return fail("no_text")
	}
	if utf8.RuneCountInString(text) > 40000 {
		return fail("msg_too_long")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, code := s.writableLocked(q.params.Get("channel"))
	if code != "" {
		return fail(code)
	}
	p := &Post{Channel: c.ID, TS: s.newTSLocked(), ThreadTS: q.params.Get("thread_ts"), Text: text, User: BotUserID, Blocks: blocks}
	s.posts[c.ID] = append(s.posts[c.ID], p)
	if s.echo {
		e := s.echoLocked(p)
		s.wg.Add(1) // this handler is counted, so Close is not waiting yet
		go func() {
			defer s.wg.Done()
			s.deliver(e)
		}()
	}
	s.notifyLocked()
	return ok(map[string]any{"channel": c.ID, "ts": p.TS, "message": postJSON(p)})
}

func (s *Server) chatUpdate(q *apiRequest) map[string]any {
	blocks, bad := readBlocks(q, maxMessageBlocks)
	if bad != nil {
		return bad
	}
	ch, ts := q.params.Get("channel"), q.params.Get("ts")
	s.mu.Lock()
	defer s.mu.Unlock()
	c, found := s.channels[ch]
	if !found || !botCanSee(c) {
		return fail("channel_not_found")
	}
	p := s.postLocked(ch, ts)
	_, human := s.humans[ch][ts]
	switch {
	case p == nil && human:
		return fail("cant_update_message") // a bot edits only its own messages
	case p == nil:
		return fail("message_not_found")
	case c.Archived:
		return fail("is_archived")
	}
	u := *p
	if q.has("text") {
		u.Text = q.params.Get("text")
	}
	if q.has("blocks") {
		u.Blocks = blocks
	}
	u.Updated++
	prev := *p
	*p = u
	if s.echo {
		e := s.changedLocked(&prev, &u)
		s.wg.Add(1) // this handler is counted, so Close is not waiting yet
		go func() {
			defer s.wg.Done()
			s.deliver(e)
		}()
	}
	s.notifyLocked()
	return ok(map[string]any{"channel": ch, "ts": ts, "text": u.Text, "message": postJSON(&u)})
}

func (s *Server) chatPostEphemeral(q *apiRequest) map[string]any {
	blocks, bad := readBlocks(q, maxMessageBlocks)
	if bad != nil {
		return bad
	}
	user := q.params.Get("user")
	s.mu.Lock()
	defer s.mu.Unlock()
	c, code := s.writableLocked(q.params.Get("channel"))
	if code != "" {
		return fail(code)
	}
	if len(c.Members) > 0 && !slices.Contains(c.Members, user) {
		return fail("user_not_in_channel")
	}
	p := Post{Channel: c.ID, TS: s.newTSLocked(), ThreadTS: q.params.Get("thread_ts"), Text: q.params.Get("text"), User: user, Blocks: blocks}
	s.ephemerals = append(s.ephemerals, p)
	s.notifyLocked()
	return ok(map[string]any{"message_ts": p.TS})
}

func (s *Server) chatGetPermalink(q *apiRequest) map[string]any {
	ch, ts := q.params.Get("channel"), q.params.Get("message_ts")
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.channels[ch]; !found {
		return fail("channel_not_found")
	}
	var thread string
	if p := s.postLocked(ch, ts); p != nil {
		thread = p.ThreadTS
	} else if m, found := s.humans[ch][ts]; found {
		thread = m.threadTS
	} else {
		return fail("message_not_found")
	}
	link := "https://" + teamDomain + ".slack.com/archives/" + ch + "/p" + strings.Replace(ts, ".", "", 1)
	if thread != "" && thread != ts {
		link += "?thread_ts=" + thread + "&cid=" + ch
	}
	return ok(map[string]any{"channel": ch, "permalink": link})
}

func (s *Server) viewsOpen(q *apiRequest) map[string]any   { return s.openView(q, "views.open") }
func (s *Server) viewsPush(q *apiRequest) map[string]any   { return s.openView(q, "views.push") }
func (s *Server) viewsUpdate(q *apiRequest) map[string]any { return s.updateView(q) }

// readView parses and checks the view field as Slack does for modals.
func readView(q *apiRequest) (map[string]any, json.RawMessage, map[string]any) {
	raw := q.params.Get("view")
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil || v == nil {
		return nil, nil, failDetails("invalid_arguments", []string{"[ERROR] missing required field: view"})
	}
	if msgs := validateModal(v); len(msgs) > 0 {
		return nil, nil, failDetails("invalid_arguments", msgs)
	}
	return v, json.RawMessage(raw), nil
}

func (s *Server) openView(q *apiRequest, name string) map[string]any {
	trigger := q.params.Get("trigger_id")
	v, raw, bad := readView(q)
	if bad != nil {
		return bad
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if code := s.useTriggerLocked(trigger); code != "" {
		return fail(code)
	}
	id := s.newViewIDLocked()
	root := id
	if name == "views.push" && s.lastViewID != "" {
		root = s.lastViewID
	}
	m := &modal{hash: fmt.Sprintf("%d.%s", time.Now().Unix(), randomHex(4))}
	m.view = storedView(v, id, root, m.hash)
	s.modals[id] = m
	s.lastViewID = id
	s.views = append(s.views, View{ID: id, Request: raw, TriggerID: trigger})
	s.notifyLocked()
	return ok(map[string]any{"view": maps.Clone(m.view)})
}

func (s *Server) updateView(q *apiRequest) map[string]any {
	v, raw, bad := readView(q)
	if bad != nil {
		return bad
	}
	id, ext, hash := q.params.Get("view_id"), q.params.Get("external_id"), q.params.Get("hash")
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.modals[id]
	if m == nil && ext != "" {
		for vid, x := range s.modals {
			if x.view["external_id"] == ext {
				id, m = vid, x
			}
		}
	}
	switch {
	case m == nil:
		return fail("not_found")
	case hash != "" && hash != m.hash:
		return fail("hash_conflict")
	}
	root, _ := m.view["root_view_id"].(string)
	m.hash = fmt.Sprintf("%d.%s", time.Now().Unix(), randomHex(4))
	m.view = storedView(v, id, root, m.hash)
	s.views = append(s.views, View{ID: id, Request: raw, TriggerID: q.params.Get("trigger_id")})
	s.notifyLocked()
	return ok(map[string]any{"view": maps.Clone(m.view)})
}

// storedView is the view as Slack returns it: the request plus the fields
// Slack fills in, so it decodes into slack.View.
func storedView(req map[string]any, id, root, hash string) map[string]any {
	v := map[string]any{
		"id": id, "team_id": TeamID, "type": "modal", "title": nil, "close": nil, "submit": nil,
		"private_metadata": "", "callback_id": "", "external_id": "",
		"clear_on_close": false, "notify_on_close": false,
		"state": map[string]any{"values": map[string]any{}}, "hash": hash,
		"root_view_id": root, "previous_view_id": nil,
		"app_id": AppID, "bot_id": BotID, "app_installed_team_id": TeamID,
	}
	for k, x := range req {
		if x != nil {
			v[k] = x
		}
	}
	if _, isList := v["blocks"].([]any); !isList {
		v["blocks"] = []any{} // slack-go sends null when a view has no blocks
	}
	return v
}

// viewJSONLocked returns a copy of a stored view, or a bare modal for an ID
// the bot never opened.
func (s *Server) viewJSONLocked(id string) map[string]any {
	if m := s.modals[id]; m != nil {
		return maps.Clone(m.view)
	}
	return storedView(map[string]any{"title": plainText("Fake")}, id, id, fmt.Sprintf("%d.fake", time.Now().Unix()))
}

func (s *Server) readableLocked(id string) (*Channel, bool) {
	c, found := s.channels[id]
	if !found || !botCanSee(c) {
		return nil, false
	}
	return c, true
}

func (s *Server) conversationsMembers(q *apiRequest) map[string]any {
	limit := 100
	if l, err := strconv.Atoi(q.params.Get("limit")); err == nil && l > 0 {
		limit = l
	}
	offset := 0
	if cur := q.params.Get("cursor"); cur != "" {
		n, err := decodeCursor(cur)
		if err != nil {
			return fail("invalid_cursor")
		}
		offset = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, found := s.readableLocked(q.params.Get("channel"))
	if !found {
		return fail("channel_not_found")
	}
	members := c.Members
	if offset > len(members) {
		return fail("invalid_cursor")
	}
	end := min(offset+limit, len(members))
	next := ""
	if end < len(members) {
		next = base64.StdEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(end)))
	}
	return ok(map[string]any{
		"members":           append([]string{}, members[offset:end]...),
		"response_metadata": map[string]any{"next_cursor": next},
	})
}

// decodeCursor reads the opaque cursor conversations.members hands out.
func decodeCursor(cur string) (int, error) {
	b, err := base64.StdEncoding.DecodeString(cur)
	if err != nil {
		return 0, err
	}
	rest, found := strings.CutPrefix(string(b), "offset:")
	n, err := strconv.Atoi(rest)
	if !found || err != nil || n < 0 {
		return 0, fmt.Errorf("bad cursor %q", cur)
	}
	return n, nil
}

func channelJSON(c *Channel, numMembers bool) map[string]any {
	out := map[string]any{
		"id": c.ID, "created": 1449252889,
		"is_channel": !c.IM, "is_group": false, "is_im": c.IM, "is_mpim": false,
		"is_private": c.Private || c.IM, "is_archived": c.Archived, "is_member": botIsMember(c),
		"is_ext_shared": c.ExtShared, "is_shared": c.ExtShared, "is_org_shared": false,
		"context_team_id": TeamID,
	}
	if c.IM {
		for _, m := range c.Members {
			if m != BotUserID {
				out["user"] = m
			}
		}
		out["is_open"] = true
	} else {
		out["name"] = c.Name
		out["name_normalized"] = c.Name
		out["creator"] = "U000"
		out["topic"] = map[string]any{"value": "", "creator": "", "last_set": 0}
		out["purpose"] = map[string]any{"value": "", "creator": "", "last_set": 0}
	}
	if numMembers {
		out["num_members"] = len(c.Members)
	}
	return out
}

func (s *Server) conversationsInfo(q *apiRequest) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, found := s.readableLocked(q.params.Get("channel"))
	if !found {
		return fail("channel_not_found")
	}
	return ok(map[string]any{"channel": channelJSON(c, q.params.Get("include_num_members") == "true")})
}

func (s *Server) conversationsOpen(q *apiRequest) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id := q.params.Get("channel"); id != "" {
		c, found := s.readableLocked(id)
		if !found {
			return fail("channel_not_found")
		}
		return ok(map[string]any{"channel": channelJSON(c, false), "no_op": true, "already_open": true})
	}
	users := strings.Split(q.params.Get("users"), ",")
	if len(users) != 1 || users[0] == "" {
		return fail("not_implemented") // group DMs are not faked
	}
	if _, known := s.users[users[0]]; !known {
		return fail("user_not_found")
	}
	c, existed := s.imForLocked(users[0])
	return ok(map[string]any{"channel": channelJSON(c, false), "no_op": existed, "already_open": existed})
}

func (s *Server) usersInfo(q *apiRequest) map[string]any {
	id := q.params.Get("user")
	s.mu.Lock()
	defer s.mu.Unlock()
	u, found := s.users[id]
	if !found && id != BotUserID {
		return fail("user_not_found")
	}
	name := u.Name
	if id == BotUserID {
		name = botName
	}
	if name == "" {
		name = strings.ToLower(id)
	}
	user := map[string]any{
		"id": id, "team_id": TeamID, "name": name, "deleted": false, "real_name": name,
		"tz": "Europe/Paris", "tz_label": "Central European Time", "tz_offset": 3600,
		"is_bot": id == BotUserID, "is_admin": false, "updated": 1700000000,
		"profile": map[string]any{"display_name": name, "real_name": name, "team": TeamID},
	}
	if id == BotUserID {
		user["profile"].(map[string]any)["bot_id"] = BotID
	}
	if q.params.Get("include_locale") == "true" {
		locale := u.Locale
		if locale == "" {
			locale = "en-US"
		}
		user["locale"] = locale
	}
	return ok(map[string]any{"user": user})
}

// usersConversations lists the channels a user is a member of that the
// bot can see, as users.conversations does for a bot token with user set
// (https://docs.slack.dev/reference/methods/users.conversations): types
// public_channel and private_channel, exclude_archived, and cursor paging
// by limit (at most 1000), in channel ID order.
func (s *Server) usersConversations(q *apiRequest) map[string]any {
	limit := 100
	if l, err := strconv.Atoi(q.params.Get("limit")); err == nil && l > 0 {
		limit = min(l, 1000)
	}
	offset := 0
	if cur := q.params.Get("cursor"); cur != "" {
		n, err := decodeCursor(cur)
		if err != nil {
			return fail("invalid_cursor")
		}
		offset = n
	}
	types := q.params.Get("types")
	if types == "" {
		types = "public_channel"
	}
	want := func(c *Channel) bool {
		switch {
		case c.IM:
			return strings.Contains(types, "im")
		case c.Private:
			return strings.Contains(types, "private_channel")
		}
		return strings.Contains(types, "public_channel")
	}
	user := q.params.Get("user")
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, known := s.users[user]; user != "" && !known {
		return fail("user_not_found")
	}
	var list []*Channel
	for _, id := range slices.Sorted(maps.Keys(s.channels)) {
		c := s.channels[id]
		if !botCanSee(c) || !want(c) || (c.Archived && q.params.Get("exclude_archived") == "true") {
			continue
		}
		if user != "" && !slices.Contains(c.Members, user) {
			continue
		}
		if c.Private && !botIsMember(c) {
			continue // a private channel shows only where the caller is a member too
		}
		list = append(list, c)
	}
	if offset > len(list) {
		return fail("invalid_cursor")
	}
	end := min(offset+limit, len(list))
	next := ""
	if end < len(list) {
		next = base64.StdEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(end)))
	}
	out := make([]any, 0, end-offset)
	for _, c := range list[offset:end] {
		out = append(out, channelJSON(c, false))
	}
	return ok(map[string]any{"channels": out, "response_metadata": map[string]any{"next_cursor": next}})
}
