package bot

import (
	"strconv"
	"testing"
)

// TestBotUnderSlackRateLimits: with Slack's rate limits on, a dialog
// clicked through at machine speed (faster than chat.postMessage's 1 post a
// second per channel) reaches its card, each post once, and Slack refuses
// nothing: a click is answered through its response_url, which no Web API
// tier charges, and the bot paces the calls it still makes.
func TestBotUnderSlackRateLimits(t *testing.T) {
	for _, typed := range []bool{false, true} {
		t.Run("typed="+strconv.FormatBool(typed), func(t *testing.T) {
			h := newHarness(t, func(o *Options) { o.Unpaced = false })
			h.fake.SetRateLimits(true)
			root := h.start(alice, general, "")
			if typed {
				// Typed answers cost a chat.update and a chat.postMessage
				// each: the pacing, not a 429, spaces them.
				for i := range case1Profile {
					h.waitThread(general, root.TS, i+1)
					h.reply(alice, general, root.TS, "1")
				}
				h.waitThread(general, root.TS, len(case1Profile)+1)
			} else {
				h.runByButtons(alice, general, root, case1Profile)
			}
			h.settle()

			if n := h.fake.RateLimited(); len(n) > 0 {
				t.Errorf("Slack refused calls: %v", n)
			}
			if got, want := len(h.thread(general, root.TS)), 6; got != want {
				t.Errorf("thread has %d replies, want %d (five questions and the card, each once):\n%s", got, want, describe(h.thread(general, root.TS)))
			}
			if s := h.session(general, root.TS); len(s.Answers) != 5 {
				t.Errorf("session has %d answers, want 5: %v", len(s.Answers), s.Answers)
			}
			if n := len(h.fake.ResponsePosts()); !typed && n != 1+2*len(case1Profile) {
				t.Errorf("%d response_url posts, want %d (the first question, then two per click)", n, 1+2*len(case1Profile))
			}
		})
	}
}
