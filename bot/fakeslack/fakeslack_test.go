package fakeslack_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
	"go.uber.org/goleak"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	general  = "C111"
	outside  = "C222"
	secret   = "G333"
	aliceDM  = "D444"
	archived = "C555"
	alice    = "U222"
	bob      = "U333"
)

// newServer starts a fake with a few conversations and users.
func newServer(t *testing.T) *fakeslack.Server {
	t.Helper()
	s := fakeslack.New()
	t.Cleanup(s.Close)
	s.AddChannel(fakeslack.Channel{ID: general, Name: "general", BotIsMember: true,
		Members: []string{alice, bob, "U004", "U005", fakeslack.BotUserID}})
	s.AddChannel(fakeslack.Channel{ID: outside, Name: "random"})
	s.AddChannel(fakeslack.Channel{ID: secret, Name: "board", Private: true, Members: []string{alice}})
	s.AddChannel(fakeslack.Channel{ID: aliceDM, IM: true, Members: []string{alice, bob}})
	s.AddChannel(fakeslack.Channel{ID: archived, Name: "old", Archived: true, BotIsMember: true})
	s.AddUser(fakeslack.User{ID: alice, Name: "alice", Locale: "fr-FR"})
	s.AddUser(fakeslack.User{ID: bob, Name: "bob", Locale: "en-US"})
	return s
}

func newAPI(s *fakeslack.Server, appToken string) *slack.Client {
	return slack.New("xoxb-test",
		slack.OptionAPIURL(s.URL()),
		slack.OptionAppLevelToken(appToken),
		slack.OptionHTTPClient(&http.Client{Timeout: 5 * time.Second}))
}

// connect runs a real socketmode client against s until the test ends.
func connect(t *testing.T, s *fakeslack.Server, opts ...socketmode.Option) *socketmode.Client {
	t.Helper()
	sm := socketmode.New(newAPI(s, "xapp-test"), opts...)
	done := make(chan error, 1)
	go func() { done <- sm.RunContext(t.Context()) }()
	t.Cleanup(func() {
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("RunContext() = %v, want %v", err, context.Canceled)
		}
	})
	return sm
}

func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// nextEvent returns the next event of type typ, skipping lifecycle events.
func nextEvent(t *testing.T, sm *socketmode.Client, typ socketmode.EventType) socketmode.Event {
	t.Helper()
	ctx := waitCtx(t)
	for {
		select {
		case evt := <-sm.Events:
			if evt.Type == typ {
				return evt
			}
		case <-ctx.Done():
			t.Fatalf("no %s event: %v", typ, ctx.Err())
		}
	}
}

func jsonDiff(t *testing.T, want string, got []byte) string {
	t.Helper()
	var w, g any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON %s: %v", want, err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return "got invalid JSON " + string(got)
	}
	return cmp.Diff(w, g)
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// questionBlocks is a bot message with a button and a select.
func questionBlocks() []slack.Block {
	return []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*Stage?*", false, false), nil, nil),
		slack.NewActionBlock("b_actions", slack.NewButtonBlockElement("cto_more", "more", plain("More"))),
		slack.NewActionBlock("b_sel", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick"), "pick",
			slack.NewOptionBlockObject("a", plain("Option A"), nil),
			slack.NewOptionBlockObject("b", plain("Option B"), nil))),
	}
}

func TestSlashCommand(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)

	id := s.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "fr"})
	evt := nextEvent(t, sm, socketmode.EventTypeSlashCommand)
	cmd := evt.Data.(slack.SlashCommand)
	want := slack.SlashCommand{
		Token: cmd.Token, TeamID: fakeslack.TeamID, TeamDomain: "acme", ChannelID: general, ChannelName: "general",
		UserID: alice, UserName: "alice", Command: "/cto-advice", Text: "fr",
		ResponseURL: cmd.ResponseURL, TriggerID: cmd.TriggerID, APIAppID: fakeslack.AppID,
	}
	if diff := cmp.Diff(want, cmd); diff != "" {
		t.Errorf("slash command (-want +got):\n%s", diff)
	}
	if evt.Request.EnvelopeID != id || !evt.Request.AcceptsResponsePayload {
		t.Errorf("request = %+v, want envelope %s accepting a response payload", evt.Request, id)
	}
	if !strings.HasPrefix(cmd.ResponseURL, "http://127.0.0.1:") || cmd.TriggerID == "" {
		t.Errorf("response_url %q, trigger_id %q: want a local URL and a trigger", cmd.ResponseURL, cmd.TriggerID)
	}

	if err := sm.Ack(*evt.Request, map[string]any{"text": "On it"}); err != nil {
		t.Fatalf("Ack() = %v", err)
	}
	ack, err := s.WaitAck(waitCtx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := jsonDiff(t, `{"text":"On it"}`, ack.Payload); diff != "" {
		t.Errorf("ack payload (-want +got):\n%s", diff)
	}

	api := newAPI(s, "")
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(cmd.ResponseURL, slack.ResponseTypeEphemeral),
		slack.MsgOptionText("Bonjour", false)); err != nil {
		t.Fatalf("PostMessage(response_url) = %v", err)
	}
	posts, err := s.WaitResponsePosts(waitCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if p := posts[0]; p.URL != cmd.ResponseURL || p.Text != "Bonjour" || p.ResponseType != "ephemeral" || p.ReplaceOriginal {
		t.Errorf("response post = %+v, want ephemeral %q to %s", p, "Bonjour", cmd.ResponseURL)
	}
}

func TestBlockAction(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)
	api := newAPI(s, "")
	_, root, err := api.PostMessage(general, slack.MsgOptionText("root", false))
	if err != nil {
		t.Fatalf("PostMessage(root) = %v", err)
	}
	_, q, err := api.PostMessage(general, slack.MsgOptionTS(root), slack.MsgOptionText("Stage?", false),
		slack.MsgOptionBlocks(questionBlocks()...))
	if err != nil {
		t.Fatalf("PostMessage(question) = %v", err)
	}
	modal, err := api.OpenView(triggerFor(t, s, sm), slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Share"), CallbackID: "share",
		Blocks: slack.Blocks{BlockSet: questionBlocks()},
	})
	if err != nil {
		t.Fatalf("OpenView() = %v", err)
	}

	tests := []struct {
		name                            string
		action                          fakeslack.BlockAction
		blockID, value, selected, ctype string
	}{
		{name: "button", action: fakeslack.BlockAction{User: alice, Channel: general, MessageTS: q, ActionID: "cto_more", Value: "more"},
			blockID: "b_actions", value: "more", ctype: "message"},
		{name: "select", action: fakeslack.BlockAction{User: alice, Channel: general, MessageTS: q, ActionID: "pick", Selected: "b"},
			blockID: "b_sel", selected: "b", ctype: "message"},
		{name: "explicit block", action: fakeslack.BlockAction{User: alice, Channel: general, MessageTS: q, ActionID: "cto_more", BlockID: "other", Value: "x"},
			blockID: "other", value: "x", ctype: "message"},
		{name: "unknown message", action: fakeslack.BlockAction{User: alice, Channel: general, MessageTS: "1.000001", ActionID: "restart", Value: "r"},
			blockID: "fakeslack_block", value: "r", ctype: "message"},
		{name: "in modal", action: fakeslack.BlockAction{User: alice, ViewID: modal.ID, ActionID: "pick", Selected: "a"},
			blockID: "b_sel", selected: "a", ctype: "view"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := s.SendBlockAction(tt.action)
			evt := nextEvent(t, sm, socketmode.EventTypeInteractive)
			ic := evt.Data.(slack.InteractionCallback)
			if evt.Request.EnvelopeID != id || evt.Request.AcceptsResponsePayload {
				t.Errorf("request = %+v, want envelope %s not accepting a payload", evt.Request, id)
			}
			if ic.Type != slack.InteractionTypeBlockActions || len(ic.ActionCallback.BlockActions) != 1 {
				t.Fatalf("callback type %q with %d block actions, want one block action", ic.Type, len(ic.ActionCallback.BlockActions))
			}
			a := ic.ActionCallback.BlockActions[0]
			got := []string{a.ActionID, a.BlockID, a.Value, a.SelectedOption.Value, ic.Container.Type}
			want := []string{tt.action.ActionID, tt.blockID, tt.value, tt.selected, tt.ctype}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("action, block, value, selected, container (-want +got):\n%s", diff)
			}
			if ic.TriggerID == "" || ic.User.ID != alice {
				t.Errorf("trigger %q, user %q: want a trigger and %s", ic.TriggerID, ic.User.ID, alice)
			}
		})
	}

	t.Run("stored message", func(t *testing.T) {
		// No Channel: the fake finds the post by its ts.
		s.SendBlockAction(fakeslack.BlockAction{User: alice, MessageTS: q, ActionID: "cto_more", Value: "more"})
		ic := nextEvent(t, sm, socketmode.EventTypeInteractive).Data.(slack.InteractionCallback)
		got := []string{ic.Channel.ID, ic.Container.ChannelID, ic.Container.MessageTs, ic.Container.ThreadTs,
			ic.Message.Timestamp, ic.Message.ThreadTimestamp, ic.Message.BotID}
		want := []string{general, general, q, root, q, root, fakeslack.BotID}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("channel, container, message (-want +got):\n%s", diff)
		}
		if n := len(ic.Message.Blocks.BlockSet); n != 3 {
			t.Errorf("message has %d blocks, want 3", n)
		}

		if _, _, err := api.PostMessage("", slack.MsgOptionReplaceOriginal(ic.ResponseURL), slack.MsgOptionText("answered", false)); err != nil {
			t.Fatalf("PostMessage(replace_original) = %v", err)
		}
		if p, _ := s.Message(general, q); p.Text != "answered" || p.Blocks != nil {
			t.Errorf("Message(%s, %s) = %+v, want text %q and no blocks", general, q, p, "answered")
		}
	})
}

// triggerFor runs a slash command and returns its fresh trigger_id.
func triggerFor(t *testing.T, s *fakeslack.Server, sm *socketmode.Client) string {
	t.Helper()
	s.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general})
	evt := nextEvent(t, sm, socketmode.EventTypeSlashCommand)
	if err := sm.Ack(*evt.Request); err != nil {
		t.Fatalf("Ack() = %v", err)
	}
	return evt.Data.(slack.SlashCommand).TriggerID
}

func TestViewSubmission(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)
	api := newAPI(s, "")
	trigger := triggerFor(t, s, sm)
	view := slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Share the card"), Submit: plain("Share"),
		CallbackID: "share_modal", PrivateMetadata: `{"channel":"C111"}`,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("b_chan", plain("Channel"), nil, slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, nil, "a_chan",
				slack.NewOptionBlockObject(outside, plain("#random"), nil))),
			slack.NewInputBlock("b_note", plain("Note"), nil, slack.NewPlainTextInputBlockElement(nil, "a_note")),
		}},
	}
	resp, err := api.OpenView(trigger, view)
	if err != nil {
		t.Fatalf("OpenView() = %v", err)
	}
	if resp.View.ID == "" || resp.View.CallbackID != "share_modal" || resp.View.State == nil {
		t.Errorf("OpenView() view = %+v, want an ID, the callback and a state", resp.View)
	}
	views := s.Views()
	if len(views) != 1 || views[0].ID != resp.View.ID || views[0].TriggerID != trigger {
		t.Fatalf("Views() = %+v, want one view %s opened with %s", views, resp.View.ID, trigger)
	}
	if diff := jsonDiff(t, `"share_modal"`, mustField(t, views[0].Request, "callback_id")); diff != "" {
		t.Errorf("view request callback_id (-want +got):\n%s", diff)
	}

	id := s.SendViewSubmission(fakeslack.ViewSubmission{User: alice, Values: map[string]map[string]string{"b_chan": {"a_chan": outside}}})
	evt := nextEvent(t, sm, socketmode.EventTypeInteractive)
	ic := evt.Data.(slack.InteractionCallback)
	if ic.Type != slack.InteractionTypeViewSubmission || !evt.Request.AcceptsResponsePayload {
		t.Fatalf("callback %q accepting payload %v, want a view_submission that accepts one", ic.Type, evt.Request.AcceptsResponsePayload)
	}
	values := ic.View.State.Values
	got := []string{ic.View.ID, ic.View.CallbackID, ic.View.PrivateMetadata,
		values["b_chan"]["a_chan"].SelectedOption.Value, values["b_chan"]["a_chan"].SelectedOption.Text.Text,
		string(values["b_note"]["a_note"].Type), values["b_note"]["a_note"].Value}
	want := []string{resp.View.ID, "share_modal", `{"channel":"C111"}`, outside, "#random", "plain_text_input", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("view id, callback, metadata, selected, text input (-want +got):\n%s", diff)
	}

	if err := sm.Ack(*evt.Request, slack.NewErrorsViewSubmissionResponse(map[string]string{"b_chan": "Not a member"})); err != nil {
		t.Fatalf("Ack() = %v", err)
	}
	ack, err := s.WaitAck(waitCtx(t), id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := jsonDiff(t, `{"response_action":"errors","errors":{"b_chan":"Not a member"}}`, ack.Payload); diff != "" {
		t.Errorf("ack payload (-want +got):\n%s", diff)
	}

	view.Title = plain("Shared")
	updated, err := api.UpdateView(view, "", resp.View.Hash, resp.View.ID)
	if err != nil || updated.View.ID != resp.View.ID || updated.View.Title.Text != "Shared" {
		t.Fatalf("UpdateView() = %+v, %v, want view %s titled Shared", updated, err, resp.View.ID)
	}
	if _, err := api.UpdateView(view, "", resp.View.Hash, resp.View.ID); errText(err) != "hash_conflict" {
		t.Errorf("UpdateView(stale hash) = %v, want hash_conflict", err)
	}
	view.Title = plain(strings.Repeat("x", 25))
	if _, err := api.UpdateView(view, "", "", resp.View.ID); errText(err) != "invalid_arguments" {
		t.Errorf("UpdateView(25-char title) = %v, want invalid_arguments", err)
	}
	if n := len(s.Views()); n != 2 {
		t.Errorf("Views() has %d views, want 2 (open, update)", n)
	}
}

func mustField(t *testing.T, raw json.RawMessage, key string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return m[key]
}

func TestMessageEvent(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)
	tests := []struct {
		name        string
		msg         fakeslack.Message
		channelType string
		reason      string
	}{
		{name: "thread reply", msg: fakeslack.Message{User: alice, Channel: general, ThreadTS: "1700000000.000100", Text: "2"},
			channelType: "channel"},
		{name: "dm", msg: fakeslack.Message{User: alice, Channel: aliceDM, Text: "hi"}, channelType: "im"},
		{name: "private", msg: fakeslack.Message{User: alice, Channel: secret, Text: "hi"}, channelType: "group"},
		{name: "retry", msg: fakeslack.Message{User: alice, Channel: general, Text: "again", EventID: "Ev42", RetryAttempt: 2},
			channelType: "channel", reason: "timeout"},
		{name: "other bot", msg: fakeslack.Message{Channel: general, Text: "beep", BotID: "B999", SubType: "bot_message"},
			channelType: "channel"},
		{name: "own bot", msg: fakeslack.Message{Channel: general, Text: "card", BotID: fakeslack.BotID}, channelType: "channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := s.SendMessage(tt.msg)
			evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI)
			ev := evt.Data.(slackevents.EventsAPIEvent)
			cb := ev.Data.(*slackevents.EventsAPICallbackEvent)
			me, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
			if !ok {
				t.Fatalf("inner event = %T, want *slackevents.MessageEvent", ev.InnerEvent.Data)
			}
			if evt.Request.EnvelopeID != id || evt.Request.RetryAttempt != tt.msg.RetryAttempt || evt.Request.RetryReason != tt.reason {
				t.Errorf("request = %+v, want envelope %s, retry %d %q", evt.Request, id, tt.msg.RetryAttempt, tt.reason)
			}
			wantUser := tt.msg.User
			if tt.msg.BotID == fakeslack.BotID {
				wantUser = fakeslack.BotUserID
			}
			got := []string{ev.Type, ev.TeamID, me.Channel, me.ChannelType, me.User, me.Text, me.ThreadTimeStamp, me.BotID, me.SubType}
			want := []string{slackevents.CallbackEvent, fakeslack.TeamID, tt.msg.Channel, tt.channelType, wantUser, tt.msg.Text,
				tt.msg.ThreadTS, tt.msg.BotID, tt.msg.SubType}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("type, team, channel, channel type, user, text, thread, bot, subtype (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(cb.EventID, "Ev") || (tt.msg.EventID != "" && cb.EventID != tt.msg.EventID) {
				t.Errorf("event_id = %q, want %q or a fresh Ev…", cb.EventID, tt.msg.EventID)
			}
			if me.TimeStamp == "" || me.TimeStamp != me.EventTimeStamp {
				t.Errorf("ts %q, event_ts %q: want equal and set", me.TimeStamp, me.EventTimeStamp)
			}
		})
	}
}

func TestWebAPI(t *testing.T) {
	s := newServer(t)
	api := newAPI(s, "")
	ctx := t.Context()

	t.Run("auth.test", func(t *testing.T) {
		r, err := api.AuthTestContext(ctx)
		if err != nil {
			t.Fatalf("AuthTest() = %v", err)
		}
		if got, want := []string{r.TeamID, r.UserID, r.BotID}, []string{fakeslack.TeamID, fakeslack.BotUserID, fakeslack.BotID}; !cmp.Equal(got, want) {
			t.Errorf("AuthTest() team, user, bot = %v, want %v", got, want)
		}
	})

	t.Run("post, thread and permalink", func(t *testing.T) {
		ch, root, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("root", false))
		if err != nil || ch != general {
			t.Fatalf("PostMessage(root) = %q, %v", ch, err)
		}
		_, reply, err := api.PostMessageContext(ctx, general, slack.MsgOptionTS(root), slack.MsgOptionText("q1", false),
			slack.MsgOptionBlocks(questionBlocks()...))
		if err != nil {
			t.Fatalf("PostMessage(reply) = %v", err)
		}
		if !(reply > root) || len(strings.Split(reply, ".")[1]) != 6 {
			t.Errorf("ts %q after %q: want increasing <unix>.<6 digits>", reply, root)
		}
		link, err := api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: general, Ts: reply})
		if err != nil {
			t.Fatalf("GetPermalink() = %v", err)
		}
		want := "https://acme.slack.com/archives/C111/p" + strings.Replace(reply, ".", "", 1) + "?thread_ts=" + root + "&cid=C111"
		if link != want {
			t.Errorf("GetPermalink(reply) = %q, want %q", link, want)
		}
		if link, _ := api.GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: general, Ts: root}); strings.Contains(link, "?") {
			t.Errorf("GetPermalink(root) = %q, want no thread query", link)
		}
		posts := s.Messages(general)
		if len(posts) != 2 || posts[1].ThreadTS != root || posts[1].User != fakeslack.BotUserID || len(posts[1].Blocks) == 0 {
			t.Fatalf("Messages(%s) = %+v, want root then a threaded reply with blocks", general, posts)
		}
		call := s.Calls("chat.postMessage")[1]
		if call.Token != "xoxb-test" || call.Form.Get("thread_ts") != root {
			t.Errorf("call token %q thread_ts %q, want xoxb-test and %s", call.Token, call.Form.Get("thread_ts"), root)
		}

		if _, _, _, err := api.UpdateMessageContext(ctx, general, reply, slack.MsgOptionText("q1 answered", false)); err != nil {
			t.Fatalf("UpdateMessage() = %v", err)
		}
		p, _ := s.Message(general, reply)
		if p.Text != "q1 answered" || p.Updated != 1 || string(p.Blocks) != string(posts[1].Blocks) {
			t.Errorf("after update = %+v, want new text, Updated 1, blocks kept", p)
		}
		if _, _, _, err := api.UpdateMessageContext(ctx, general, "1.000001", slack.MsgOptionText("x", false)); errText(err) != "message_not_found" {
			t.Errorf("UpdateMessage(unknown ts) = %v, want message_not_found", err)
		}
	})

	t.Run("ephemeral", func(t *testing.T) {
		ts, err := api.PostEphemeralContext(ctx, general, alice, slack.MsgOptionText("only you", false))
		if err != nil || ts == "" {
			t.Fatalf("PostEphemeral() = %q, %v", ts, err)
		}
		e := s.Ephemerals()
		if len(e) != 1 || e[0].User != alice || e[0].TS != ts {
			t.Errorf("Ephemerals() = %+v, want one to %s at %s", e, alice, ts)
		}
	})

	t.Run("post errors", func(t *testing.T) {
		tests := []struct {
			name, channel, want string
			opts                []slack.MsgOption
		}{
			{name: "unknown channel", channel: "C999", want: "channel_not_found"},
			{name: "public without bot", channel: outside, want: "not_in_channel"},
			{name: "private without bot", channel: secret, want: "channel_not_found"},
			{name: "dm without bot", channel: aliceDM, want: "channel_not_found"},
			{name: "archived", channel: archived, want: "is_archived"},
			{name: "section too long", channel: general, want: "invalid_blocks", opts: []slack.MsgOption{slack.MsgOptionBlocks(
				slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, strings.Repeat("x", 3001), false, false), nil, nil))}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				opts := append([]slack.MsgOption{slack.MsgOptionText("hi", false)}, tt.opts...)
				_, _, err := api.PostMessageContext(ctx, tt.channel, opts...)
				if errText(err) != tt.want {
					t.Errorf("PostMessage(%s) = %v, want %s", tt.channel, err, tt.want)
				}
			})
		}
	})

	t.Run("dm by user id", func(t *testing.T) {
		ch, _, err := api.PostMessageContext(ctx, bob, slack.MsgOptionText("hi", false))
		if err != nil || !strings.HasPrefix(ch, "D") {
			t.Fatalf("PostMessage(%s) = %q, %v, want a DM channel", bob, ch, err)
		}
		if n := len(s.Messages(ch)); n != 1 {
			t.Errorf("Messages(%s) has %d posts, want 1", ch, n)
		}
	})

	t.Run("members pages", func(t *testing.T) {
		var all []string
		cursor := ""
		for range 5 {
			page, next, err := api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: general, Limit: 2, Cursor: cursor})
			if err != nil {
				t.Fatalf("GetUsersInConversation(cursor %q) = %v", cursor, err)
			}
			all = append(all, page...)
			if cursor = next; cursor == "" {
				break
			}
		}
		if diff := cmp.Diff([]string{alice, bob, "U004", "U005", fakeslack.BotUserID}, all); diff != "" {
			t.Errorf("members (-want +got):\n%s", diff)
		}
		if _, _, err := api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: secret}); errText(err) != "channel_not_found" {
			t.Errorf("GetUsersInConversation(%s) = %v, want channel_not_found", secret, err)
		}
	})

	t.Run("conversation info", func(t *testing.T) {
		s.AddChannel(fakeslack.Channel{ID: "C777", Name: "partners", ExtShared: true, Archived: true})
		c, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: "C777"})
		if err != nil {
			t.Fatalf("GetConversationInfo() = %v", err)
		}
		got := []bool{c.IsExtShared, c.IsArchived, c.IsMember, c.IsPrivate, c.IsIM}
		if want := []bool{true, true, false, false, false}; !cmp.Equal(got, want) {
			t.Errorf("ext shared, archived, member, private, im = %v, want %v", got, want)
		}
		if c.Name != "partners" {
			t.Errorf("name = %q, want partners", c.Name)
		}
	})

	t.Run("user locale", func(t *testing.T) {
		u, err := api.GetUserInfoContext(ctx, alice)
		if err != nil || u.Locale != "fr-FR" {
			t.Errorf("GetUserInfo(%s) = %+v, %v, want locale fr-FR", alice, u, err)
		}
		if _, err := api.GetUserInfoContext(ctx, "U999"); errText(err) != "user_not_found" {
			t.Errorf("GetUserInfo(U999) = %v, want user_not_found", err)
		}
	})

	t.Run("views", func(t *testing.T) {
		view := slack.ModalViewRequest{Type: slack.VTModal, Title: plain("T")}
		if _, err := api.OpenViewContext(ctx, "1.2.nope", view); errText(err) != "expired_trigger_id" {
			t.Errorf("OpenView(unknown trigger) = %v, want expired_trigger_id", err)
		}
	})

	t.Run("wrong token", func(t *testing.T) {
		bad := slack.New("xapp-not-a-bot", slack.OptionAPIURL(s.URL()))
		if _, err := bad.AuthTestContext(ctx); errText(err) != "not_allowed_token_type" {
			t.Errorf("AuthTest(xapp) = %v, want not_allowed_token_type", err)
		}
		if _, _, err := newAPI(s, "xoxb-not-app").StartSocketModeContext(ctx); errText(err) != "invalid_auth" {
			t.Errorf("apps.connections.open(xoxb) = %v, want invalid_auth", err)
		}
	})

	t.Run("unknown method", func(t *testing.T) {
		resp, err := http.Post(s.URL()+"chat.nope", "application/x-www-form-urlencoded", strings.NewReader("token=xoxb-test"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			OK    bool   `json:"ok"`
			Error string `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 || body.Error != "unknown_method" {
			t.Errorf("POST chat.nope = %d %+v %v, want 200 unknown_method", resp.StatusCode, body, err)
		}
	})
}

// errText is the Slack error code of err, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestFaults(t *testing.T) {
	s := newServer(t)
	api := newAPI(s, "")
	ctx := t.Context()
	post := func() error {
		_, _, err := api.PostMessageContext(ctx, general, slack.MsgOptionText("hi", false))
		return err
	}

	s.FailNext("chat.postMessage", "not_in_channel", 1)
	var se slack.SlackErrorResponse
	if err := post(); !errors.As(err, &se) || se.Err != "not_in_channel" {
		t.Errorf("PostMessage() = %v, want SlackErrorResponse not_in_channel", err)
	}
	if err := post(); err != nil {
		t.Errorf("PostMessage() after the fault = %v, want nil", err)
	}

	s.RateLimitNext("chat.postMessage", 1500*time.Millisecond, 1)
	var rl *slack.RateLimitedError
	if err := post(); !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
		t.Errorf("PostMessage() = %v, want RateLimitedError after 2s", err)
	}

	s.StatusNext("chat.postMessage", http.StatusInternalServerError, 1)
	var sc slack.StatusCodeError
	if err := post(); !errors.As(err, &sc) || sc.Code != 500 {
		t.Errorf("PostMessage() = %v, want StatusCodeError 500", err)
	}

	s.HangNext("auth.test", 1)
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := api.AuthTestContext(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("AuthTest() on a hung call = %v, want %v", err, context.DeadlineExceeded)
	}

	if n := len(s.Messages(general)); n != 1 {
		t.Errorf("Messages(%s) has %d posts, want 1: faults post nothing", general, n)
	}
	if n := len(s.Calls("chat.postMessage")); n != 4 {
		t.Errorf("Calls(chat.postMessage) = %d, want 4: faults are recorded too", n)
	}
}

func TestReconnect(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)
	ctx := waitCtx(t)
	if err := s.WaitConnections(ctx, 1); err != nil {
		t.Fatal(err)
	}

	s.SendDisconnect("refresh_requested")
	if _, err := s.WaitCalls(ctx, "apps.connections.open", 2); err != nil {
		t.Fatal(err)
	}
	if err := s.WaitConnections(ctx, 1); err != nil {
		t.Fatal(err)
	}
	s.DropConnections()
	if _, err := s.WaitCalls(ctx, "apps.connections.open", 3); err != nil {
		t.Fatal(err)
	}
	id := s.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general})
	if evt := nextEvent(t, sm, socketmode.EventTypeSlashCommand); evt.Request.EnvelopeID != id {
		t.Errorf("after reconnects got envelope %s, want %s", evt.Request.EnvelopeID, id)
	}
}

func TestPingTimeoutReconnects(t *testing.T) {
	s := newServer(t)
	s.SetPingInterval(0)
	connect(t, s, socketmode.OptionPingInterval(300*time.Millisecond))
	if _, err := s.WaitCalls(waitCtx(t), "apps.connections.open", 2); err != nil {
		t.Errorf("client did not reconnect without pings: %v", err)
	}
}

func TestQueuedUntilConnected(t *testing.T) {
	s := newServer(t)
	id := s.SendMessage(fakeslack.Message{User: alice, Channel: general, Text: "early"})
	sm := connect(t, s)
	if evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI); evt.Request.EnvelopeID != id {
		t.Errorf("first envelope = %s, want the queued %s", evt.Request.EnvelopeID, id)
	}
}

func TestEnvelopesSpreadOverSockets(t *testing.T) {
	s := newServer(t)
	got := make(chan int, 20)
	for i := range 2 {
		sm := connect(t, s)
		go func() {
			for {
				select {
				case evt := <-sm.Events:
					if evt.Type == socketmode.EventTypeEventsAPI {
						_ = sm.Ack(*evt.Request)
						got <- i
					}
				case <-t.Context().Done():
					return
				}
			}
		}()
	}
	ctx := waitCtx(t)
	if err := s.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	const n = 6
	for range n {
		s.SendMessage(fakeslack.Message{User: alice, Channel: general, Text: "x"})
	}
	counts := make([]int, 2)
	for range n {
		select {
		case i := <-got:
			counts[i]++
		case <-ctx.Done():
			t.Fatalf("received %v envelopes per client, want %d in all", counts, n)
		}
	}
	if diff := cmp.Diff([]int{n / 2, n / 2}, counts); diff != "" {
		t.Errorf("envelopes per client (-want +got):\n%s", diff)
	}
}

func TestAckTimeoutRedelivers(t *testing.T) {
	s := newServer(t)
	s.SetAckTimeout(50 * time.Millisecond)
	sm := connect(t, s)
	first := s.SendMessage(fakeslack.Message{User: alice, Channel: general, Text: "1"})

	var events []string
	envelopes := map[string]bool{}
	for attempt := range 4 {
		evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI)
		reason := ""
		if attempt > 0 {
			reason = "timeout"
		}
		if evt.Request.RetryAttempt != attempt || evt.Request.RetryReason != reason {
			t.Errorf("delivery %d: retry %d %q, want %d %q", attempt, evt.Request.RetryAttempt, evt.Request.RetryReason, attempt, reason)
		}
		envelopes[evt.Request.EnvelopeID] = true
		events = append(events, evt.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent).EventID)
	}
	if len(envelopes) != 4 || !envelopes[first] {
		t.Errorf("envelopes %v, want 4 distinct starting with %s", envelopes, first)
	}
	if diff := cmp.Diff([]string{events[0], events[0], events[0], events[0]}, events); diff != "" {
		t.Errorf("event IDs (-want +got):\n%s", diff)
	}
	// After the third retry Slack gives up, so the next envelope is new.
	next := s.SendMessage(fakeslack.Message{User: alice, Channel: general, Text: "2"})
	evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI)
	if evt.Request.EnvelopeID != next {
		t.Errorf("after 3 retries got envelope %s (retry %d), want the new %s", evt.Request.EnvelopeID, evt.Request.RetryAttempt, next)
	}
	if err := sm.Ack(*evt.Request); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WaitAck(waitCtx(t), next); err != nil {
		t.Fatal(err)
	}
}

func TestEcho(t *testing.T) {
	s := newServer(t)
	s.SetEcho(true)
	sm := connect(t, s)
	_, ts, err := newAPI(s, "").PostMessage(general, slack.MsgOptionText("card", false), slack.MsgOptionTS("1700000000.000100"))
	if err != nil {
		t.Fatalf("PostMessage() = %v", err)
	}
	evt := nextEvent(t, sm, socketmode.EventTypeEventsAPI)
	me := evt.Data.(slackevents.EventsAPIEvent).InnerEvent.Data.(*slackevents.MessageEvent)
	got := []string{me.User, me.BotID, me.SubType, me.TimeStamp, me.ThreadTimeStamp, me.Text}
	want := []string{fakeslack.BotUserID, fakeslack.BotID, "", ts, "1700000000.000100", "card"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("echo user, bot, subtype, ts, thread, text (-want +got):\n%s", diff)
	}
}

func TestMalformedEnvelope(t *testing.T) {
	s := newServer(t)
	sm := connect(t, s)
	s.SendRaw([]byte(`{"envelope_id":"bad-1","type":"bogus","payload":{}}`))
	bad := nextEvent(t, sm, socketmode.EventTypeErrorBadMessage)
	if !strings.Contains(string(bad.Data.(*socketmode.ErrorBadMessage).Message), "bad-1") {
		t.Errorf("bad message = %s, want the raw frame", bad.Data.(*socketmode.ErrorBadMessage).Message)
	}
	id := s.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general})
	if evt := nextEvent(t, sm, socketmode.EventTypeSlashCommand); evt.Request.EnvelopeID != id {
		t.Errorf("next envelope = %s, want %s", evt.Request.EnvelopeID, id)
	}
	if !s.Resend(id) {
		t.Fatalf("Resend(%s) = false, want true", id)
	}
	if evt := nextEvent(t, sm, socketmode.EventTypeSlashCommand); evt.Request.EnvelopeID != id {
		t.Errorf("resent envelope = %s, want %s", evt.Request.EnvelopeID, id)
	}
}

func TestInvalidAppToken(t *testing.T) {
	s := newServer(t)
	sm := socketmode.New(newAPI(s, "xoxb-wrong-kind"))
	err := sm.RunContext(waitCtx(t))
	if errText(err) != "invalid_auth" {
		t.Errorf("RunContext() = %v, want invalid_auth", err)
	}
}

// TestDeps keeps the fake independent of the bot it tests: a fake built
// from the bot's own encoders would agree with any bug in them.
func TestDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/ctoadvisor/ctoadvisor/bot" || strings.HasPrefix(p, "github.com/ctoadvisor/ctoadvisor/dialog") {
			t.Errorf("fakeslack depends on %s; it must stand apart from the bot", p)
		}
	}
}
