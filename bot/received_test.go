package bot

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Timestamps differ per run; goldens hold them as placeholders.
var (
	tsPattern        = regexp.MustCompile(`\d{10}\.\d{6}`)
	permalinkPattern = regexp.MustCompile(`/p\d{16}`)
	viewIDPattern    = regexp.MustCompile(`"V[0-9A-Z]+"`)
)

// received decodes what the fake Slack received, with run-specific values
// replaced, so the golden files test slack-go's encoding too.
func received(t *testing.T, raw string) any {
	t.Helper()
	s := tsPattern.ReplaceAllString(raw, "TS")
	s = permalinkPattern.ReplaceAllString(s, "/pTS")
	s = viewIDPattern.ReplaceAllString(s, `"VIEW"`)
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("received %q: %v", raw, err)
	}
	return v
}

// TestGoldenReceived records, per language, the question, the answered
// question, the card, the case study, share and comparison modals exactly as
// the fake Slack received them. Refresh with go test ./bot -run Golden -update.
func TestGoldenReceived(t *testing.T) {
	for _, lang := range knowledge.Langs {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t)
			root := h.start(alice, general, string(lang))
			card := h.runByButtons(alice, general, root, case1Profile)

			posts := h.fake.Calls("chat.postMessage")
			golden(t, "received_question_"+string(lang), received(t, posts[1].Form.Get("blocks")))
			// A click's answered state goes through its response_url.
			replaced := replacedBlocks(t, h.fake.ResponsePosts())
			golden(t, "received_answered_"+string(lang), received(t, replaced))
			golden(t, "received_card_"+string(lang), received(t, string(card.Blocks)))

			h.press(alice, card, actionOpenCase)
			golden(t, "received_case_study_"+string(lang), received(t, string(h.waitView(0).Request)))

			h.press(alice, card, actionShare)
			golden(t, "received_share_modal_"+string(lang), received(t, string(h.waitView(1).Request)))

			h.press(alice, card, actionOpenComparison)
			golden(t, "received_comparison_modal_"+string(lang), received(t, string(h.waitView(2).Request)))
		})
	}
}

// replacedBlocks is the blocks of the first replace_original post to a
// response_url.
func replacedBlocks(t *testing.T, posts []fakeslack.ResponsePost) string {
	t.Helper()
	for _, p := range posts {
		if !p.ReplaceOriginal {
			continue
		}
		var body struct {
			Blocks json.RawMessage `json:"blocks"`
		}
		if err := json.Unmarshal(p.Body, &body); err != nil {
			t.Fatal(err)
		}
		return string(body.Blocks)
	}
	t.Fatal("no replace_original post to a response_url")
	return ""
}
