package bot

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// phrasesIn is the table the bot speaks from in l.
func phrasesIn(l knowledge.Lang) knowledge.Phrases {
	kb, err := knowledge.Load()
	if err != nil {
		panic(err) // every other test fails the same way, with the reason
	}
	return kb.Text(l).Phrases
}

func TestUserMessage(t *testing.T) {
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := &Bot{kb: kb}
	b.self.UserID = "UBOT"
	slackErr := func(code string) error { return slack.SlackErrorResponse{Err: code} }
	wrapped := func(sentinel error) error { return fmt.Errorf("%w: %w", sentinel, errors.New("socket closed")) }
	for _, l := range knowledge.Langs {
		p := kb.Text(l).Phrases
		tests := []struct {
			name string
			err  error
			want string
		}{
			{"not owner", fmt.Errorf("answer: %w", dialog.ErrNotOwner), fmt.Sprintf(p.NotOwner, "<@UALICE>")},
			{"answered", dialog.ErrAnswered, p.Stale},
			{"finished", dialog.ErrFinished, p.Finished},
			{"expired", fmt.Errorf("get: %w", dialog.ErrNotFound), p.Expired},
			{"at start", dialog.ErrAtStart, p.NothingBack},
			{"card stale", errCardStale, p.CardStale},
			{"store down", fmt.Errorf("redisstore: get: %w: %w", dialog.ErrUnavailable, errors.New("dial tcp: refused")), p.Unavailable},
			{"unknown", errors.New("boom <!channel>"), p.Unavailable},
			{"not posted", wrapped(errNotPosted), p.PostFailed},
			{"not in channel", slackErr("not_in_channel"), fmt.Sprintf(p.NotInChannel, "<@UBOT>")},
			{"channel not found", slackErr("channel_not_found"), p.CannotPostHere},
			{"direct message", wrapped(errCannotPostHere), p.CannotPostHere},
			{"other slack error", slackErr("ratelimited"), p.Unavailable},
			{"share off", errShareOff, p.ShareOff},
			{"share not allowed", errShareNotAllowed, p.ShareNotAllowed},
			{"share not member", errShareNotMember, p.ShareNotMember},
			{"share archived", errShareArchived, p.ShareArchived},
			{"share external", errShareExternal, p.ShareExternal},
			{"share bot out", errShareBotOut, p.ShareBotOut},
			{"share stale", errShareStale, p.ShareStale},
			{"share failed", wrapped(errShareFailed), p.ShareFailed},
		}
		for _, tt := range tests {
			t.Run(string(l)+"/"+tt.name, func(t *testing.T) {
				if got := b.userMessage(tt.err, l, "UALICE"); got != tt.want {
					t.Errorf("userMessage(%v, %s) = %q, want %q", tt.err, l, got, tt.want)
				}
			})
		}
	}
}

// TestUserMessageEscapes holds the one path from error to text to the
// rule every other text follows: an owner ID that is not one cannot open a
// mention of its own.
func TestUserMessageEscapes(t *testing.T) {
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := &Bot{kb: kb}
	got := b.userMessage(dialog.ErrNotOwner, knowledge.English, "U1><!channel")
	if strings.Contains(got, "<!channel") {
		t.Errorf("userMessage(ErrNotOwner, owner with markup) = %q, want the markup escaped", got)
	}
}
