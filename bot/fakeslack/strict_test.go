package fakeslack_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

// TestEchoAndChangedByDefault: with no setting, the bot's own post comes
// back as a message event and its edit as message_changed, as in Slack.
func TestEchoAndChangedByDefault(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)
	api := newAPI(s, "")
	_, ts, err := api.PostMessage(general, slack.MsgOptionText("before", false), slack.MsgOptionTS("1700000000.000100"))
	if err != nil {
		t.Fatalf("PostMessage() = %v", err)
	}
	evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI)
	me := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
	if me.BotID != fakeslack.BotID || me.SubType != "" || me.TimeStamp != ts {
		t.Errorf("echo bot_id %q subtype %q ts %q, want %q, none, %q", me.BotID, me.SubType, me.TimeStamp, fakeslack.BotID, ts)
	}
	if err := sm.Ack(*evt.Request); err != nil {
		t.Fatal(err)
	}

	if _, _, _, err := api.UpdateMessage(general, ts, slack.MsgOptionText("after", false)); err != nil {
		t.Fatalf("UpdateMessage() = %v", err)
	}
	evt = nextEvent(t, sm, socketmode.EventTypeEventsAPI)
	ch := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
	if ch.Message == nil || ch.PreviousMessage == nil {
		t.Fatalf("message_changed without message or previous_message: %+v", ch)
	}
	got := []string{ch.SubType, ch.Channel, ch.Message.Text, ch.Message.Timestamp, ch.Message.ThreadTimestamp,
		ch.Message.BotID, ch.PreviousMessage.Text, fmt.Sprint(ch.Message.Edited != nil)}
	want := []string{"message_changed", general, "after", ts, "1700000000.000100", fakeslack.BotID, "before", "true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("message_changed subtype, channel, text, ts, thread, bot_id, previous text, edited (-want +got):\n%s", diff)
	}
	if ch.TimeStamp == ts {
		t.Errorf("message_changed ts = the message's ts %s; Slack gives the event a ts of its own", ts)
	}
}

func TestEchoOptOut(t *testing.T) {
	s := newServer(t)
	s.SetEcho(false)
	sm := connect(t, s)
	api := newAPI(s, "")
	_, ts, err := api.PostMessage(general, slack.MsgOptionText("card", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := api.UpdateMessage(general, ts, slack.MsgOptionText("edited", false)); err != nil {
		t.Fatal(err)
	}
	// A marker event after both: if an echo had been queued, it would come first.
	s.SendMessage(fakeslack.Message{User: alice, Channel: general, Text: "marker"})
	evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI)
	me := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
	if me.Text != "marker" {
		t.Errorf("first event %q (bot %q, subtype %q), want the marker: echo is off", me.Text, me.BotID, me.SubType)
	}
}

// TestTriggers: a trigger opens one view, within 3 s.
func TestTriggers(t *testing.T) {
	view := slack.ModalViewRequest{Type: slack.VTModal, Title: plain("T")}
	t.Run("single use", func(t *testing.T) {
		s := newServer(t)
		sm := connect(t, s)
		trigger := triggerFor(t, s, sm)
		api := newAPI(s, "")
		if _, err := api.OpenViewContext(t.Context(), trigger, view); err != nil {
			t.Fatalf("first OpenView() = %v", err)
		}
		if _, err := api.OpenViewContext(t.Context(), trigger, view); errText(err) != "exchanged_trigger_id" {
			t.Errorf("second OpenView() = %v, want exchanged_trigger_id", err)
		}
		if _, err := api.PushViewContext(t.Context(), trigger, view); errText(err) != "exchanged_trigger_id" {
			t.Errorf("PushView() with the used trigger = %v, want exchanged_trigger_id", err)
		}
	})
	t.Run("expired", func(t *testing.T) {
		s := newServer(t)
		s.SetTriggerTTL(time.Nanosecond) // expired by the time the bot can use it
		sm := connect(t, s)
		trigger := triggerFor(t, s, sm)
		if _, err := newAPI(s, "").OpenViewContext(t.Context(), trigger, view); errText(err) != "expired_trigger_id" {
			t.Errorf("OpenView(expired) = %v, want expired_trigger_id", err)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		s := newServer(t)
		if _, err := newAPI(s, "").OpenViewContext(t.Context(), "not a trigger", view); errText(err) != "invalid_trigger_id" {
			t.Errorf("OpenView(malformed) = %v, want invalid_trigger_id", err)
		}
	})
}

// TestTooManyWebsockets: Slack keeps at most 10 sockets per app.
func TestTooManyWebsockets(t *testing.T) {
	s := newServer(t)
	for range 10 {
		connect(t, s)
	}
	if err := s.WaitConnections(waitCtx(t), 10); err != nil {
		t.Fatal(err)
	}
	_, _, err := newAPI(s, "xapp-test").StartSocketModeContext(t.Context())
	if errText(err) != "too_many_websockets" {
		t.Errorf("11th apps.connections.open = %v, want too_many_websockets", err)
	}
}

// TestBlockKitStructure: payloads Slack rejects are rejected, with Slack's
// error code; the shapes the bot sends pass.
func TestBlockKitStructure(t *testing.T) {
	s := newServer(t)
	s.SetRateLimits(false) // a post per case in one channel, within a second
	long := strings.Repeat("x", 256)
	options := func(n int) string {
		var o []string
		for i := range n {
			o = append(o, fmt.Sprintf(`{"text":{"type":"plain_text","text":"o%d"},"value":"v%d"}`, i, i))
		}
		return strings.Join(o, ",")
	}
	blocks := func(n int) string {
		var b []string
		for range n {
			b = append(b, `{"type":"divider"}`)
		}
		return "[" + strings.Join(b, ",") + "]"
	}
	for _, tc := range []struct {
		name, blocks string
		ok           bool
	}{
		{"header, button, select, context", `[{"type":"header","text":{"type":"plain_text","text":"H","emoji":true}},
			{"type":"section","text":{"type":"mrkdwn","text":"*s*","verbatim":true}},
			{"type":"actions","block_id":"a","elements":[{"type":"button","action_id":"go","value":"v","text":{"type":"plain_text","text":"Go"}},
			 {"type":"static_select","action_id":"pick","placeholder":{"type":"plain_text","text":"P"},"options":[` + options(100) + `]}]},
			{"type":"context","elements":[{"type":"mrkdwn","text":"c"}]},{"type":"divider"}]`, true},
		{"50 blocks", blocks(50), true},
		{"51 blocks", blocks(51), false},
		{"mrkdwn header", `[{"type":"header","text":{"type":"mrkdwn","text":"*H*"}}]`, false},
		{"unknown block type", `[{"type":"sektion","text":{"type":"mrkdwn","text":"s"}}]`, false},
		{"unknown element type", `[{"type":"actions","elements":[{"type":"buton","action_id":"a","text":{"type":"plain_text","text":"B"}}]}]`, false},
		{"mrkdwn button text", `[{"type":"actions","elements":[{"type":"button","action_id":"a","text":{"type":"mrkdwn","text":"*B*"}}]}]`, false},
		{"mrkdwn option text in a select", `[{"type":"actions","elements":[{"type":"static_select","action_id":"a","options":[{"text":{"type":"mrkdwn","text":"o"},"value":"v"}]}]}]`, false},
		{"101 options", `[{"type":"actions","elements":[{"type":"static_select","action_id":"a","options":[` + options(101) + `]}]}]`, false},
		{"action_id of 256", `[{"type":"actions","elements":[{"type":"button","action_id":"` + long + `","text":{"type":"plain_text","text":"B"}}]}]`, false},
		{"button value of 2001", `[{"type":"actions","elements":[{"type":"button","action_id":"a","value":"` + strings.Repeat("v", 2001) + `","text":{"type":"plain_text","text":"B"}}]}]`, false},
		{"header of 151", `[{"type":"header","text":{"type":"plain_text","text":"` + strings.Repeat("h", 151) + `"}}]`, false},
		{"empty text", `[{"type":"section","text":{"type":"mrkdwn","text":""}}]`, false},
		{"emoji on mrkdwn", `[{"type":"section","text":{"type":"mrkdwn","text":"s","emoji":true}}]`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code := postBlocks(t, s, tc.blocks)
			switch {
			case tc.ok && code != "":
				t.Errorf("chat.postMessage = %s, want ok", code)
			case !tc.ok && code != "invalid_blocks":
				t.Errorf("chat.postMessage = %q, want invalid_blocks", code)
			}
		})
	}
}

// postBlocks posts blocks as given, as slack-go would send them but without
// its encoder, which cannot express most mistakes; it returns the error code,
// "" when ok.
func postBlocks(t *testing.T, s *fakeslack.Server, blocks string) string {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"chat.postMessage", url.Values{
		"token": {"xoxb-test"}, "channel": {general}, "text": {"fallback"}, "blocks": {blocks},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("chat.postMessage answer: %v", err)
	}
	if !r.OK && r.Error == "" {
		return "ok:false without error"
	}
	return r.Error
}

func TestModalStructure(t *testing.T) {
	input := slack.NewInputBlock("b", plain("Label"), nil, slack.NewPlainTextInputBlockElement(plain("p"), "a"))
	for _, tc := range []struct {
		name string
		view slack.ModalViewRequest
		want string // "" for ok
	}{
		{"input with submit", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("T"), Submit: plain("Send"),
			Blocks: slack.Blocks{BlockSet: []slack.Block{input}}}, ""},
		{"input without submit", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("T"),
			Blocks: slack.Blocks{BlockSet: []slack.Block{input}}}, "must provide a submit property when using input blocks"},
		{"mrkdwn title", slack.ModalViewRequest{Type: slack.VTModal,
			Title: slack.NewTextBlockObject(slack.MarkdownType, "*T*", false, false)}, "must be plain_text"},
		{"mrkdwn close", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("T"),
			Close: slack.NewTextBlockObject(slack.MarkdownType, "*C*", false, false)}, "must be plain_text"},
		{"title of 25", slack.ModalViewRequest{Type: slack.VTModal, Title: plain(strings.Repeat("t", 25))}, "must be less than 25 characters"},
		{"101 blocks", slack.ModalViewRequest{Type: slack.VTModal, Title: plain("T"),
			Blocks: slack.Blocks{BlockSet: dividers(101)}}, "no more than 100 items allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			sm := connect(t, s)
			_, err := newAPI(s, "").OpenViewContext(t.Context(), triggerFor(t, s, sm), tc.view)
			var se slack.SlackErrorResponse
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("OpenView() = %v, want ok", err)
			case tc.want == "":
			case !errors.As(err, &se) || se.Err != "invalid_arguments":
				t.Errorf("OpenView() = %v, want invalid_arguments", err)
			case !strings.Contains(strings.Join(se.ResponseMetadata.Messages, "\n"), tc.want):
				t.Errorf("OpenView() messages %q, want one with %q", se.ResponseMetadata.Messages, tc.want)
			}
		})
	}
}

func dividers(n int) []slack.Block {
	out := make([]slack.Block, n)
	for i := range out {
		out[i] = slack.NewDividerBlock()
	}
	return out
}

// TestRateLimits: over a limit the fake answers as Slack does, and counts it.
func TestRateLimits(t *testing.T) {
	t.Run("chat.postMessage per channel", func(t *testing.T) {
		s := newServer(t)
		s.AddChannel(fakeslack.Channel{ID: "C999", Name: "other", BotIsMember: true})
		// A rate slow enough that no token comes back during the test.
		s.SetLimit("chat.postMessage", fakeslack.Limit{Tier: fakeslack.TierSpecial, PerChannel: true, Rate: 0.001, Burst: 3})
		api := newAPI(s, "")
		for i := range 3 {
			if _, _, err := api.PostMessage(general, slack.MsgOptionText("burst", false)); err != nil {
				t.Fatalf("post %d of the burst = %v", i+1, err)
			}
		}
		_, _, err := api.PostMessage(general, slack.MsgOptionText("one too many", false))
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || rl.RetryAfter < 900*time.Second {
			t.Errorf("4th post = %v, want a RateLimitedError with Retry-After ≥ 900 s (1000 s to the next token)", err)
		}
		if _, _, err := api.PostMessage("C999", slack.MsgOptionText("another channel", false)); err != nil {
			t.Errorf("post in another channel = %v, want ok: the budget is per channel", err)
		}
		if got := len(s.Messages(general)); got != 3 {
			t.Errorf("%d messages in %s, want 3: a refused post posts nothing", got, general)
		}
		if got := s.RateLimited()["chat.postMessage"]; got != 1 {
			t.Errorf("RateLimited()[chat.postMessage] = %d, want 1", got)
		}
	})
	t.Run("wire", func(t *testing.T) {
		s := newServer(t)
		s.SetLimit("users.info", fakeslack.Limit{Tier: fakeslack.Tier4, N: 1, Window: time.Hour})
		post := func() *http.Response {
			resp, err := http.PostForm(s.URL()+"users.info", url.Values{"token": {"xoxb-test"}, "user": {alice}})
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}
		post().Body.Close()
		resp := post()
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "3600" {
			t.Errorf("status %d, Retry-After %q, want 429 and 3600", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if diff := jsonDiff(t, `{"ok":false,"error":"ratelimited"}`, body); diff != "" {
			t.Errorf("body (-want +got):\n%s", diff)
		}
		if got := s.RateLimitedByTier()[fakeslack.Tier4]; got != 1 {
			t.Errorf("RateLimitedByTier()[tier4] = %d, want 1", got)
		}
		if calls := s.Calls("users.info"); len(calls) != 2 || !calls[1].RateLimited {
			t.Errorf("users.info calls %+v, want 2, the second RateLimited", calls)
		}
	})
	t.Run("documented tiers", func(t *testing.T) {
		limits := newServer(t).Limits()
		for method, want := range map[string]fakeslack.Limit{
			"chat.update":           {Tier: fakeslack.Tier3, N: 50, Window: time.Minute},
			"users.info":            {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"conversations.members": {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"views.open":            {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"views.push":            {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"views.publish":         {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"chat.postEphemeral":    {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"chat.getPermalink":     {Tier: fakeslack.Tier4, N: 100, Window: time.Minute},
			"chat.postMessage":      {Tier: fakeslack.TierSpecial, PerChannel: true, Rate: 1, Burst: 3},
		} {
			if diff := cmp.Diff(want, limits[method]); diff != "" {
				t.Errorf("%s limit (-want +got):\n%s", method, diff)
			}
		}
	})
	t.Run("chat.update Tier 3 at its documented 50", func(t *testing.T) {
		s := newServer(t)
		api := newAPI(s, "")
		_, ts, err := api.PostMessage(general, slack.MsgOptionText("m", false))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 50 {
			if _, _, _, err := api.UpdateMessage(general, ts, slack.MsgOptionText(fmt.Sprint(i), false)); err != nil {
				t.Fatalf("update %d = %v, want ok within 50 a minute", i+1, err)
			}
		}
		var rl *slack.RateLimitedError
		if _, _, _, err := api.UpdateMessage(general, ts, slack.MsgOptionText("51", false)); !errors.As(err, &rl) {
			t.Errorf("51st update in a minute = %v, want a RateLimitedError", err)
		}
	})
	t.Run("response_url takes 5 posts", func(t *testing.T) {
		s := newServer(t)
		sm := connect(t, s)
		s.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general})
		evt := nextEvent(t, sm, socketmode.EventTypeSlashCommand)
		_ = sm.Ack(*evt.Request)
		url := evt.Data.(slack.SlashCommand).ResponseURL
		api := newAPI(s, "")
		for i := range 5 {
			if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral), slack.MsgOptionText("r", false)); err != nil {
				t.Fatalf("response_url post %d = %v", i+1, err)
			}
		}
		if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral), slack.MsgOptionText("r", false)); errText(err) != "used_url" {
			t.Errorf("6th response_url post = %v, want used_url", err)
		}
		if got := s.RateLimited()["response_url"]; got != 1 {
			t.Errorf("RateLimited()[response_url] = %d, want 1", got)
		}
	})
	t.Run("off", func(t *testing.T) {
		s := newServer(t)
		s.SetRateLimits(false)
		api := newAPI(s, "")
		for i := range 10 {
			if _, _, err := api.PostMessage(general, slack.MsgOptionText("m", false)); err != nil {
				t.Fatalf("post %d with limits off = %v", i+1, err)
			}
		}
	})
}
