package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/ctoadvisor/ctoadvisor/dialog"
)

// Action, block and callback IDs the bot puts in Block Kit and reads back
// from interactions. They are wire contract like SPEC §4's IDs: a message
// posted before a deploy still carries the old ones, so renaming one strands
// every button already in Slack.
const (
	actionAnswerPrefix   = "answer_"              // + option ID; button value is "<question_id>:<option_id>" (SPEC §4)
	actionOpenCase       = "open_case_study"      // value: case ID ("case-1")
	actionOpenComparison = "open_comparison"      // value: the card's language ("en", "fr")
	actionReadArticle    = "read_article"         // link button to CASE_STUDY_URL#case-N; Slack still sends an action, which we ignore
	actionShare          = "share_recommendation" // value: the card's CardRev
	actionRestart        = "restart"              // value: the card's CardRev
	actionChangeAnswer   = "change_answer"        // static_select; option values are question IDs
	blockAskPrefix       = "ask:"                 // + Session.Asked: the question's actions block
	blockCardPrefix      = "card:"                // + Session.CardRev + ":" + the card's language: the card's actions block
	callbackShare        = "share"                // share modal
	callbackCase         = "case_study"           // case study modal
	callbackComparison   = "comparison"           // comparison modal
	blockShareChannel    = "share_channel"        // input block in the share modal
	actionShareChannel   = "channel"              // its static_select
)

// Caps on what the bot reads from a payload. Slack's own values are far
// shorter; anything longer is forged, and is refused before it reaches a
// log line, a claim or a Redis key.
const (
	maxIDLen    = 32  // user, channel, team IDs
	maxTSLen    = 24  // message and action timestamps
	maxTokenLen = 128 // trigger_id, view ID
	maxActionID = 64  // action_id, block_id and callback_id the bot wrote (the longest is far shorter)
	maxValueLen = 128 // a button's value or a select's option value
)

// isSlackID reports whether s looks like a Slack user, channel or team
// ID: upper-case letters and digits only, so that one cannot carry the ':'
// or '{' a Redis key or a claim is built with.
func isSlackID(s string) bool {
	if len(s) < 2 || len(s) > maxIDLen {
		return false
	}
	for _, c := range []byte(s) {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isTS reports whether s looks like a Slack timestamp: digits, one dot,
// digits ("1700000000.000100").
func isTS(s string) bool {
	if len(s) < 3 || len(s) > maxTSLen {
		return false
	}
	sec, frac, ok := strings.Cut(s, ".")
	return ok && allDigits(sec) && allDigits(frac)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isToken reports whether s fits a trigger_id or a view ID: letters,
// digits and dots, within maxTokenLen.
func isToken(s string) bool {
	if s == "" || len(s) > maxTokenLen {
		return false
	}
	for _, c := range []byte(s) {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// isKey reports whether every part of a session key is well formed, so
// that no crafted value can make two threads share a key.
func isKey(k dialog.Key) bool {
	return isSlackID(k.Team) && isSlackID(k.Channel) && isTS(k.Thread)
}

// digest names a secret-bearing value (a trigger_id) in a claim without
// revealing it.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
