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

			// The first question goes through the command's response_url, in
			// the thread; a click's answered state through the click's.
			golden(t, "received_question_"+string(lang), received(t, responseBlocks(t, h.fake.ResponsePosts(), false)))
			golden(t, "received_answered_"+string(lang), received(t, responseBlocks(t, h.fake.ResponsePosts(), true)))
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

// responseBlocks is the blocks of the first post to a response_url that
// replaces the original message (replace) or adds one to the thread.
func responseBlocks(t *testing.T, posts []fakeslack.ResponsePost, replace bool) string {
	t.Helper()
	for _, p := range posts {
		if p.ReplaceOriginal != replace || !replace && p.ThreadTS == "" {
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
	t.Fatalf("no response_url post with replace_original %v", replace)
	return ""
}
