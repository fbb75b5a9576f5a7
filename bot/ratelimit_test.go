package bot

import "testing"

// TestBotUnderSlackRateLimits: with Slack's rate limits on, a dialog
// clicked through at machine speed (faster than chat.postMessage's 1 post a
// second per channel) still reaches its card, each post once: the bot waits
// out the 429s' Retry-After instead of losing or repeating a step.
func TestBotUnderSlackRateLimits(t *testing.T) {
	h := newHarness(t)
	h.fake.SetRateLimits(true)
	root := h.start(alice, general, "")
	h.runByButtons(alice, general, root, case1Profile)
	h.settle()

	if n := h.fake.RateLimited()["chat.postMessage"]; n == 0 {
		t.Errorf("no chat.postMessage was refused: the dialog did not outrun Slack's limit, so this test tests nothing")
	}
	if got, want := len(h.thread(general, root.TS)), 6; got != want {
		t.Errorf("thread has %d replies, want %d (five questions and the card, each once):\n%s", got, want, describe(h.thread(general, root.TS)))
	}
	if s := h.session(general, root.TS); len(s.Answers) != 5 {
		t.Errorf("session has %d answers, want 5: %v", len(s.Answers), s.Answers)
	}
}
