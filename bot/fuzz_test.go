package bot

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// FuzzEnvelope writes arbitrary frames to the bot's socket, then a valid
// slash command: the bot must never panic, and must serve the command.
// Seeds in testdata/fuzz/FuzzEnvelope run with every go test.
func FuzzEnvelope(f *testing.F) {
	for _, seed := range []string{
		`{"envelope_id":"e1","type":"events_api","payload":{"type":"event_callback","event":{"type":"message","channel":"C0GENERAL","user":"U0ALICE","ts":"1.2","thread_ts":"1.1","text":"1"}}}`,
		`{"envelope_id":"e2","type":"events_api","payload":{"type":"event_callback","event":null}}`,
		`{"envelope_id":"e3","type":"interactive","payload":{"type":"block_actions","actions":[]}}`,
		`{"envelope_id":"e4","type":"interactive","payload":{"type":"block_actions","actions":[{"action_id":"answer_x","block_id":"ask:x","value":"::"}]}}`,
		`{"envelope_id":"e5","type":"interactive","payload":{"type":"view_submission","view":{"callback_id":"share","private_metadata":"{"}}}`,
		`{"envelope_id":"e6","type":"slash_commands","payload":{"command":"/cto-advice","text":"\u0000"}}`,
		`{"envelope_id":"e7","type":"nonsense","payload":42}`,
		`{"type":"hello"}`,
		`not json at all`,
		`{}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, frame []byte) {
		var head struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(frame, &head) == nil && head.Type == "disconnect" {
			return // a real disconnect; TestBotSocketFaults covers it
		}
		h := newHarness(t)
		h.fake.SendRaw(frame)
		// help goes through the whole path (claim, users.info, the
		// response_url) without posting in the channel.
		h.ack(h.fake.SendSlashCommand(fakeslack.SlashCommand{User: alice, Channel: general, Text: "help"}))
		if _, err := h.fake.WaitResponsePosts(h.ctx(), 1); err != nil {
			t.Fatalf("after frame %q the next envelope was not served: %v", frame, err)
		}
		if strings.Contains(h.logs.String(), "envelope dropped: panic") {
			t.Errorf("frame %q made a handler panic:\n%s", frame, h.logs.String())
		}
	})
}

// FuzzAnswerValue checks the parsers of an answer button: its value
// "<question_id>:<option_id>" and its block_id "ask:<n>".
func FuzzAnswerValue(f *testing.F) {
	f.Add("stage:startup", "ask:1")
	f.Add("budget:fixed_ok", "ask:12")
	f.Add("stage:", "ask:0")
	f.Add(":startup", "ask:-1")
	f.Add("stage:startup:extra", "ask:+3")
	f.Add("urgency:immediate", "card:2")
	f.Add("\xff:\xfe", "ask:99999999999999999999")
	f.Fuzz(func(t *testing.T, value, blockID string) {
		q, o, ok := parseAnswerValue(value)
		if ok {
			question, found := knowledge.Lookup(q)
			if !found || !question.Has(o) {
				t.Errorf("parseAnswerValue(%q) = %q, %q, true: not a question and one of its options", value, q, o)
			}
			if value != string(q)+":"+string(o) {
				t.Errorf("parseAnswerValue(%q) = %q, %q: does not spell the value", value, q, o)
			}
		} else if q != "" || o != "" {
			t.Errorf("parseAnswerValue(%q) = %q, %q, false: want empty results", value, q, o)
		}

		n, ok := blockSeq(blockID, blockAskPrefix)
		if ok && (n <= 0 || !strings.HasPrefix(blockID, blockAskPrefix)) {
			t.Errorf("blockSeq(%q) = %d, true: want a positive count after %q", blockID, n, blockAskPrefix)
		}
		if ok {
			if back, ok2 := blockSeq(blockAskPrefix+strconv.Itoa(n), blockAskPrefix); !ok2 || back != n {
				t.Errorf("blockSeq(%q) = %d, %v after blockSeq(%q) = %d", blockAskPrefix+strconv.Itoa(n), back, ok2, blockID, n)
			}
		}
	})
}

// FuzzShareMeta checks the reader of the share modal's private_metadata:
// whatever comes back from Slack, it either refuses it or returns a
// complete record that survives a round trip.
func FuzzShareMeta(f *testing.F) {
	f.Add(`{"t":"T111","c":"C0GENERAL","th":"1700000000.000100","r":1,"p":"https://acme.slack.com/archives/C0GENERAL/p1700000000000100"}`)
	f.Add(`{"t":"T111","c":"C0GENERAL","th":"1.2","r":0}`)
	f.Add(`{"t":"<!channel>","c":"C0GENERAL","th":"1.2","r":1}`)
	f.Add(`{"t":"T111","c":"C0GENERAL","th":"1.2","r":1e300}`)
	f.Add(`{"t":"T111","c":"C0GENERAL","th":"1.2","r":1,"p":"javascript:alert(1)"}`)
	f.Add(`null`)
	f.Add(`[]`)
	f.Add(`{"t":"T111","c":"C0GENERAL","th":"1.2","r":1,"t":"x"}`)
	f.Add(strings.Repeat("{", 4000))
	f.Fuzz(func(t *testing.T, raw string) {
		m, err := parseShareMeta(raw)
		if err != nil {
			return
		}
		if len(raw) > 3000 {
			t.Errorf("parseShareMeta accepted %d bytes, want at most 3000", len(raw))
		}
		if !isSlackID(m.Team) || !isSlackID(m.Channel) || !isTS(m.Thread) || m.Rev <= 0 {
			t.Errorf("parseShareMeta(%q) = %+v, nil: incomplete record accepted", raw, m)
		}
		again, _ := json.Marshal(m)
		back, err := parseShareMeta(string(again))
		if err != nil || back != m {
			t.Errorf("parseShareMeta(%q) = %+v, %v; want %+v back", again, back, err, m)
		}
	})
}
