package bot

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// The payloads below are shaped as Slack sends them (and the fake copies):
// a click carries the whole message it was on, blocks and all.
const (
	clickPayload = `{"type":"block_actions","api_app_id":"A1","token":"t","trigger_id":"1.2.abc",
		"user":{"id":"U0ALICE","username":"alice","name":"alice","team_id":"T111"},
		"team":{"id":"T111","domain":"acme"},"enterprise":null,"is_enterprise_install":false,
		"container":{"type":"message","message_ts":"1700000000.000200","channel_id":"C0GENERAL","is_ephemeral":false,"thread_ts":"1700000000.000100"},
		"channel":{"id":"C0GENERAL","name":"general"},
		"response_url":"https://hooks.slack.com/actions/T111/1/abc",
		"state":{"values":{"b1":{"a1":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"One"},"value":"one"}}}}},
		"message":{"type":"message","user":"UBOT","bot_id":"BBOT","ts":"1700000000.000200","thread_ts":"1700000000.000100","text":"Q",
			"blocks":[{"type":"section","block_id":"q","text":{"type":"mrkdwn","text":"*Stage?*"}},
				{"type":"actions","block_id":"ask:1","elements":[{"type":"button","action_id":"answer:stage:startup","text":{"type":"plain_text","text":"Startup"},"value":"stage:startup"}]}]},
		"actions":[{"action_id":"answer:stage:startup","block_id":"ask:1","type":"button","value":"stage:startup","action_ts":"1700000001.000300","text":{"type":"plain_text","text":"Startup","emoji":true}}]}`
	submitPayload = `{"type":"view_submission","api_app_id":"A1","token":"t","trigger_id":"1.2.def",
		"user":{"id":"U0ALICE","username":"alice","name":"alice","team_id":"T111"},
		"team":{"id":"T111","domain":"acme"},
		"view":{"id":"V1","team_id":"T111","type":"modal","callback_id":"share","hash":"h1","private_metadata":"{\"t\":\"T111\"}",
			"title":{"type":"plain_text","text":"Share"},
			"blocks":[{"type":"input","block_id":"channel","label":{"type":"plain_text","text":"Channel"},"element":{"type":"conversations_select","action_id":"pick"}}],
			"state":{"values":{"channel":{"pick":{"type":"conversations_select","selected_conversation":"C0LEAD"}}}}}}`
)

// TestDecodeInteraction checks that the bot's decoding of an interaction
// is slack-go's, minus the clicked message it never reads.
func TestDecodeInteraction(t *testing.T) {
	for _, tt := range []struct{ name, payload string }{
		{"click", clickPayload},
		{"view submission", submitPayload},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want slack.InteractionCallback
			if err := json.Unmarshal([]byte(tt.payload), &want); err != nil {
				t.Fatal(err)
			}
			got, err := decodeInteraction([]byte(tt.payload))
			if err != nil {
				t.Fatal(err)
			}
			if got.Message.Timestamp != "" || len(got.Message.Blocks.BlockSet) != 0 {
				t.Errorf("the clicked message was decoded: %+v", got.Message)
			}
			want.Message, want.OriginalMessage = slack.Message{}, slack.Message{}
			// slack-go fills BlockActionState from state; the bot reads the
			// values of its selects from the action itself.
			want.BlockActionState = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeInteraction differs from slack-go's decoding:\n got %+v\nwant %+v", got, want)
			}
		})
	}
	if _, err := decodeInteraction([]byte(`{"type":"block_actions","actions":{}}`)); err == nil {
		t.Error("a payload whose actions are not a list decoded without error")
	}
}

// TestWants checks the few fields on which Slack's echoes and other
// events the bot has no use for are dropped before a full decode.
func TestWants(t *testing.T) {
	b := &Bot{self: identity{UserID: "UBOT", BotID: "BBOT"}}
	event := func(fields string) string {
		return `{"type":"event_callback","team_id":"T111","event_id":"Ev1","event":{"type":"message","channel":"C0GENERAL",` + fields + `}}`
	}
	tests := []struct {
		name    string
		payload string
		want    bool
	}{
		{"a reply in the bot's thread", event(`"user":"U0ALICE","ts":"2.1","thread_ts":"1.1","parent_user_id":"UBOT","text":"1"`), true},
		{"a reply without parent_user_id", event(`"user":"U0ALICE","ts":"2.1","thread_ts":"1.1","text":"1"`), true},
		{"the echo of the bot's post", event(`"user":"UBOT","bot_id":"BBOT","ts":"2.1","thread_ts":"1.1","blocks":[{"type":"divider"}]`), false},
		{"the echo of a question the bot posted", event(`"user":"UBOT","bot_id":"BBOT","ts":"2.1","thread_ts":"1.1","blocks":[{"type":"section"},{"type":"actions","block_id":"ask:2"}]`), true},
		{"the echo of a card the bot posted", event(`"user":"UBOT","bot_id":"BBOT","ts":"2.1","thread_ts":"1.1","blocks":[{"type":"actions","block_id":"card:1:fr"}]`), true},
		{"another bot's question-like post", event(`"user":"UOTHER","bot_id":"BOTHER","ts":"2.1","thread_ts":"1.1","blocks":[{"type":"actions","block_id":"ask:2"}]`), false},
		{"a reply also sent to the channel", event(`"subtype":"thread_broadcast","user":"U0ALICE","ts":"2.1","thread_ts":"1.1","text":"1","root":{"user":"UBOT","ts":"1.1"}`), true},
		{"a reply with a file", event(`"subtype":"file_share","user":"U0ALICE","ts":"2.1","thread_ts":"1.1","parent_user_id":"UBOT","text":"1","files":[]`), true},
		{"the echo of the bot's edit", event(`"subtype":"message_changed","hidden":true,"ts":"3.1","message":{"user":"UBOT","bot_id":"BBOT","ts":"2.1","thread_ts":"1.1"}`), false},
		{"the bot's post by user ID only", event(`"user":"UBOT","ts":"2.1","thread_ts":"1.1"`), false},
		{"a message outside threads", event(`"user":"U0ALICE","ts":"2.1"`), false},
		{"a thread's root", event(`"user":"U0ALICE","ts":"1.1","thread_ts":"1.1"`), false},
		{"a reply in someone else's thread", event(`"user":"U0ALICE","ts":"2.1","thread_ts":"1.1","parent_user_id":"U0BOB"`), false},
		{"a deleted message", event(`"subtype":"message_deleted","ts":"3.1","deleted_ts":"2.1"`), false},
		{"the App Home opened", `{"type":"event_callback","event":{"type":"app_home_opened","user":"U0ALICE","channel":"D1","tab":"home","event_ts":"2.1"}}`, true},
		{"another event, left to routeEvent", `{"type":"event_callback","event":{"type":"app_mention","user":"U0ALICE","ts":"2.1","thread_ts":"1.1"}}`, true},
		{"no event", `{"type":"event_callback"}`, false},
		{"url verification", `{"type":"url_verification","challenge":"x"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h eventHead
			if err := json.Unmarshal([]byte(tt.payload), &h); err != nil {
				t.Fatal(err)
			}
			if got := b.wants(h); got != tt.want {
				t.Errorf("wants = %v, want %v", got, tt.want)
			}
			v, err := b.decode(&envelope{Type: envEvents, Payload: json.RawMessage(tt.payload)})
			if err != nil {
				t.Fatal(err)
			}
			if (v != nil) != tt.want {
				t.Errorf("decode = %T, want a decoded event: %v", v, tt.want)
			}
		})
	}
}

// BenchmarkDecode compares the bot's decoding of the envelopes a busy
// thread brings with slack-go's socketmode.Client's.
func BenchmarkDecode(b *testing.B) {
	bot := &Bot{self: identity{UserID: "UBOT", BotID: "BBOT"}}
	blocks := `[{"type":"section","block_id":"q","text":{"type":"mrkdwn","text":"*Where is the company today?*"}},` +
		`{"type":"actions","block_id":"ask:1","elements":[` +
		`{"type":"button","action_id":"answer:1","text":{"type":"plain_text","text":"Idea"},"value":"stage:idea"},` +
		`{"type":"button","action_id":"answer:2","text":{"type":"plain_text","text":"Startup"},"value":"stage:startup"},` +
		`{"type":"button","action_id":"answer:3","text":{"type":"plain_text","text":"Scale-up"},"value":"stage:scaleup"}]},` +
		`{"type":"context","elements":[{"type":"mrkdwn","text":"Question 1 of 12"}]}]`
	echo := `{"type":"event_callback","team_id":"T111","event_id":"Ev1","event":{"type":"message","channel":"C0GENERAL","user":"UBOT","bot_id":"BBOT","ts":"2.1","thread_ts":"1.1","text":"Q","blocks":` + blocks + `}}`
	for _, bc := range []struct {
		name    string
		env     envelope
		slackgo func([]byte) error // what socketmode.Client's parseEvent does with it
	}{
		{"echo", envelope{Type: envEvents, Payload: json.RawMessage(echo)}, func(p []byte) error {
			_, err := slackevents.ParseEvent(p, slackevents.OptionNoVerifyToken())
			return err
		}},
		{"click", envelope{Type: envInteract, Payload: json.RawMessage(clickPayload)}, func(p []byte) error {
			var ic slack.InteractionCallback
			return json.Unmarshal(p, &ic)
		}},
	} {
		b.Run(bc.name+"/slack-go", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.slackgo(bc.env.Payload); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/bot", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bot.decode(&bc.env); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLeanPosts checks that slack-go, reading chat.postMessage and
// chat.update through leanPosts, returns what it returns without it: the
// ts and channel, Slack's error with its details, and a 429's Retry-After.
func TestLeanPosts(t *testing.T) {
	const message = `"message":{"type":"message","user":"UBOT","bot_id":"BBOT","ts":"1.2","text":"Q","blocks":[{"type":"section","block_id":"q","text":{"type":"mrkdwn","text":"*Q*"}}]}`
	tests := []struct {
		name       string
		status     int
		header     http.Header
		body       string
		wantTS     string
		wantErr    string
		retryAfter time.Duration
	}{
		{"posted", 200, nil, `{"ok":true,"channel":"C0GENERAL","ts":"1.2",` + message + `}`, "1.2", "", 0},
		{"refused", 200, nil, `{"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] bad block"]}}`, "", "invalid_blocks", 0},
		{"rate limited", 429, http.Header{"Retry-After": {"3"}}, `{"ok":false,"error":"ratelimited"}`, "", "slack rate limit exceeded, retry after 3s", 3 * time.Second},
		{"server error", 503, nil, `upstream`, "", "slack server error: 503 Service Unavailable", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				maps.Copy(w.Header(), tt.header)
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/chat.postMessage", nil)
			req.RequestURI = ""
			resp, err := leanPosts{http.DefaultClient}.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if tt.status == 200 && strings.Contains(string(body), `"blocks"`) {
				t.Errorf("slack-go is given the message posted: %s", body)
			}
			api, _ := NewSlack(SlackConfig{APIURL: srv.URL + "/", BotToken: "xoxb-t"})
			for _, call := range []func() (string, error){
				func() (string, error) {
					_, ts, err := api.PostMessage("C0GENERAL", slack.MsgOptionText("Q", false))
					return ts, err
				},
				func() (string, error) {
					_, ts, _, err := api.UpdateMessage("C0GENERAL", "1.2", slack.MsgOptionText("Q", false))
					return ts, err
				},
			} {
				ts, err := call()
				if ts != tt.wantTS {
					t.Errorf("ts = %q, want %q", ts, tt.wantTS)
				}
				if got := errText(err); got != tt.wantErr {
					t.Errorf("err = %q, want %q", got, tt.wantErr)
				}
				var rl *slack.RateLimitedError
				if tt.retryAfter > 0 && (!errors.As(err, &rl) || rl.RetryAfter != tt.retryAfter) {
					t.Errorf("err = %#v, want a RateLimitedError after %v", err, tt.retryAfter)
				}
				var se slack.SlackErrorResponse
				if tt.wantErr == "invalid_blocks" && (!errors.As(err, &se) || len(se.ResponseMetadata.Messages) != 1) {
					t.Errorf("err = %#v, want Slack's error with its details", err)
				}
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
