package bot

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// decode turns an envelope's payload into the slack-go value route reads:
// slack.SlashCommand, slack.InteractionCallback or
// slackevents.EventsAPIEvent. It returns nil, nil for an envelope the bot
// has no use for, decided from a few fields before the payload is decoded
// in full, and an error for a payload that is not what its type says.
func (b *Bot) decode(env *envelope) (any, error) {
	switch env.Type {
	case envCommand:
		var cmd slack.SlashCommand
		if err := json.Unmarshal(env.Payload, &cmd); err != nil {
			return nil, fmt.Errorf("slash command: %w", err)
		}
		return cmd, nil
	case envInteract:
		ic, err := decodeInteraction(env.Payload)
		if err != nil {
			return nil, fmt.Errorf("interaction: %w", err)
		}
		return ic, nil
	case envEvents:
		var head eventHead
		if err := json.Unmarshal(env.Payload, &head); err != nil {
			return nil, fmt.Errorf("event: %w", err)
		}
		if !b.wants(head) {
			return nil, nil
		}
		e, err := slackevents.ParseEvent(env.Payload, slackevents.OptionNoVerifyToken())
		if err != nil {
			return nil, fmt.Errorf("event: %w", err)
		}
		return e, nil
	}
	return nil, fmt.Errorf("unknown envelope type %q", truncateRunes(env.Type, maxActionID))
}

// eventHead is what an Events API payload must say for the bot to read the
// rest: most events are Slack echoing the bot's own posts and edits, with
// the full Block Kit of each message.
type eventHead struct {
	Type  string `json:"type"`
	Event *struct {
		Type         string `json:"type"`
		Subtype      string `json:"subtype"`
		BotID        string `json:"bot_id"`
		User         string `json:"user"`
		TS           string `json:"ts"`
		ThreadTS     string `json:"thread_ts"`
		ParentUserID string `json:"parent_user_id"`
		// Only the bot's own posts' blocks are read: a question's or a
		// card's actions block says it may be one posted through a
		// response_url, whose ts the bot learns here (routeEcho).
		Blocks []struct {
			Type    string `json:"type"`
			BlockID string `json:"block_id"`
		} `json:"blocks"`
	} `json:"event"`
}

// wants reports whether an event may be one routeEvent acts on. Only
// messages are judged here, since nearly all events are messages (Slack
// echoes every post and edit of the bot's): a message is wanted when it may
// be a user's reply in a thread the bot started. Other events are rare and
// left to routeEvent. wants drops nothing routeEvent would keep; routeEvent
// checks the decoded event again.
func (b *Bot) wants(h eventHead) bool {
	e := h.Event
	if h.Type != "event_callback" || e == nil {
		return false
	}
	if e.Type != "message" {
		return true
	}
	if e.ThreadTS == "" || e.ThreadTS == e.TS {
		return false
	}
	if e.BotID != "" {
		// The bot's own question or card in a thread: it may say where one
		// posted through a response_url is (routeEcho).
		if e.BotID != b.self.BotID || e.Subtype != "" {
			return false
		}
		for _, bl := range e.Blocks {
			if bl.Type == "actions" && (strings.HasPrefix(bl.BlockID, blockAskPrefix) || strings.HasPrefix(bl.BlockID, blockCardPrefix)) {
				return true
			}
		}
		return false
	}
	if e.User == "" || e.User == b.self.UserID {
		return false
	}
	switch e.Subtype {
	case "", "thread_broadcast", "file_share": // replies (readableSubtype)
	default:
		return false
	}
	return e.ParentUserID == "" || e.ParentUserID == b.self.UserID
}

// skipped is a JSON value the decoder steps over without building it.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// decodeInteraction decodes an interaction payload into slack-go's type,
// except the message the click was on: Slack sends it whole, with every
// block, and the bot reads none of it (the session says what was asked).
// InteractionCallback's own UnmarshalJSON is bypassed through a type
// without methods, so it is repeated here for the one field it sets that
// the bot may read.
func decodeInteraction(payload []byte) (slack.InteractionCallback, error) {
	type plain slack.InteractionCallback
	var tmp struct {
		*plain
		Message         skipped `json:"message"`
		OriginalMessage skipped `json:"original_message"`
	}
	var ic slack.InteractionCallback
	tmp.plain = (*plain)(&ic)
	if err := json.Unmarshal(payload, &tmp); err != nil {
		return slack.InteractionCallback{}, err
	}
	if ic.Type == slack.InteractionTypeDialogSubmission {
		ic.State = string(ic.RawState)
	}
	return ic, nil
}
