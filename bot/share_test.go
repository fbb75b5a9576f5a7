package bot

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/bot/fakeslack"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// openShareModal finishes a case-1 dialog as alice, clicks share as user,
// and returns the card and the modal the bot opened.
func (h *harness) openShareModal(user string) (fakeslack.Post, fakeslack.View) {
	h.t.Helper()
	root := h.start(alice, general, "")
	card := h.runByButtons(alice, general, root, case1Profile)
	h.press(user, card, actionShare)
	return card, h.waitView(0)
}

// submitShare submits the share modal for target and returns the ack payload.
func (h *harness) submitShare(user string, v fakeslack.View, target string) map[string]any {
	h.t.Helper()
	view := viewJSON(h.t, v)
	meta, _ := view["private_metadata"].(string)
	id := h.fake.SendViewSubmission(fakeslack.ViewSubmission{
		User: user, ViewID: v.ID, CallbackID: callbackShare, PrivateMetadata: meta,
		Values: map[string]map[string]string{blockShareChannel: {actionShareChannel: target}},
	})
	a := h.ack(id)
	var payload map[string]any
	if len(a.Payload) > 0 && string(a.Payload) != "null" {
		if err := json.Unmarshal(a.Payload, &payload); err != nil {
			h.t.Fatalf("ack payload %s: %v", a.Payload, err)
		}
	}
	return payload
}

func TestBotShare(t *testing.T) {
	h := newHarness(t)
	card, v := h.openShareModal(alice)
	view := viewJSON(t, v)
	if view["callback_id"] != callbackShare {
		t.Fatalf("modal callback_id = %v, want %s", view["callback_id"], callbackShare)
	}
	if payload := h.submitShare(alice, v, lead); payload != nil {
		t.Fatalf("a valid share was refused: %v", payload)
	}
	posted := h.posts(lead, 1)[0]
	if !strings.Contains(readable(t, posted.Blocks), "<@"+alice+">") {
		t.Errorf("shared card does not say who shared it:\n%s", posted.Blocks)
	}
	if !strings.Contains(readable(t, posted.Blocks), "https://acme.slack.com/archives/"+general+"/p"+strings.ReplaceAll(card.TS, ".", "")) {
		t.Errorf("shared card has no permalink to the thread:\n%s", posted.Blocks)
	}
	for _, id := range []string{actionShare, actionRestart, actionChangeAnswer} {
		if _, _, ok := findAction(t, posted, func(e element) bool { return e.ActionID == id }); ok {
			t.Errorf("shared card still has the %s control", id)
		}
	}
	// The modal previewed exactly what was posted.
	previewJSON, _ := json.Marshal(view["blocks"])
	post := string(compactJSON(t, posted.Blocks))
	if !strings.Contains(string(previewJSON), post[1:len(post)-1]) {
		t.Errorf("the modal's preview differs from the post:\npreview %s\npost %s", previewJSON, posted.Blocks)
	}
	h.waitEphemeral(alice, "<#"+lead+">")
	if !strings.Contains(h.logs.String(), `"msg":"card shared"`) ||
		!strings.Contains(h.logs.String(), `"outcome":"`+string(knowledge.ExternalThenInternal)+`"`) ||
		!strings.Contains(h.logs.String(), `"target":"`+lead+`"`) {
		t.Errorf("no audit record of the share in the log:\n%s", h.logs.String())
	}

	// A redelivered submission posts nothing more.
	h.submitShare(alice, v, lead)
	h.settle()
	if got := len(h.fake.Messages(lead)); got != 1 {
		t.Errorf("leadership channel has %d posts after a repeated submission, want 1", got)
	}
}

func TestBotShareRefusals(t *testing.T) {
	en := phrasesIn(knowledge.English)
	tests := []struct {
		name   string
		user   string
		target string
		want   string
	}{
		{"channel not in the list", alice, unlisted, en.ShareNotAllowed},
		{"user not a member", alice, leadOther, en.ShareNotMember},
		{"archived channel", alice, archived, en.ShareArchived},
		{"shared outside the company", alice, external, en.ShareExternal},
		{"someone else submits", bob, lead, "<@" + alice + ">"},
		{"no channel picked", alice, "", en.ShareNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			_, v := h.openShareModal(alice)
			payload := h.submitShare(tt.user, v, tt.target)
			if payload["response_action"] != "errors" {
				t.Fatalf("ack payload = %v, want response_action errors", payload)
			}
			errs, _ := payload["errors"].(map[string]any)
			if msg, _ := errs[blockShareChannel].(string); !strings.Contains(msg, tt.want) {
				t.Errorf("modal error = %q, want it to contain %q", msg, tt.want)
			}
			h.settle()
			for _, ch := range []string{lead, leadOther, archived, external, unlisted} {
				if n := len(h.fake.Messages(ch)); n != 0 {
					t.Errorf("%d posts in %s after a refused share", n, ch)
				}
			}
		})
	}
}

func TestBotShareOnlyByOwner(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "")
	card := h.runByButtons(alice, general, root, case1Profile)
	h.press(bob, card, actionShare)
	h.waitEphemeral(bob, "<@"+alice+">")
	h.settle()
	if n := len(h.fake.Views()); n != 0 {
		t.Errorf("a non-owner opened %d share modals", n)
	}
}

func TestBotShareNotConfigured(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.Channels = nil })
	_, v := h.openShareModal(alice)
	if !strings.Contains(string(v.Request), "LEADERSHIP_CHANNELS") {
		t.Errorf("share modal without channels does not explain the setting:\n%s", v.Request)
	}
}

// readable is JSON as a person reads it: no \u003c escapes.
func readable(t *testing.T, raw []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func compactJSON(t *testing.T, raw []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return out
}

// The case study opens in the card's language wherever the card is: in its
// thread, previewed in the share modal (on top of it, with views.push), and
// shared to a leadership channel, where no session says the language.
func TestCaseStudyInTheCardsLanguage(t *testing.T) {
	h := newHarness(t)
	root := h.start(alice, general, "fr")
	card := h.runByButtons(alice, general, root, case1Profile)
	want := caseStudyModal(h.bot.kb.Text(knowledge.French), knowledge.Case1, caseURL).Title.Text
	title := func(v fakeslack.View) string {
		t.Helper()
		title, _ := viewJSON(t, v)["title"].(map[string]any)
		s, _ := title["text"].(string)
		return s
	}

	h.press(alice, card, actionShare)
	share := h.waitView(0)
	h.ack(h.fake.SendBlockAction(fakeslack.BlockAction{User: alice, ViewID: share.ID, ActionID: actionOpenCase, Value: string(knowledge.Case1)}))
	if got := title(h.waitView(1)); got != want {
		t.Errorf("case study from the share preview titled %q, want %q", got, want)
	}
	if n := len(h.fake.Calls("views.push")); n != 1 {
		t.Errorf("case study from inside a modal: %d views.push calls, want 1 (and %d views.open)", n, len(h.fake.Calls("views.open")))
	}
	// The preview's other live control, the comparison, opens on top too.
	h.ack(h.fake.SendBlockAction(fakeslack.BlockAction{User: alice, ViewID: share.ID, ActionID: actionOpenComparison, Value: string(knowledge.French)}))
	compare := comparisonModal(h.bot.kb.Text(knowledge.French)).Title.Text
	if got := title(h.waitView(2)); got != compare {
		t.Errorf("comparison from the share preview titled %q, want %q", got, compare)
	}
	if n := len(h.fake.Calls("views.push")); n != 2 {
		t.Errorf("comparison from inside a modal: %d views.push calls, want 2", n)
	}

	if payload := h.submitShare(alice, share, lead); payload != nil {
		t.Fatalf("share refused: %v", payload)
	}
	shared := h.posts(lead, 1)[0]
	h.press(alice, shared, actionOpenCase) // read in the leadership channel
	if got := title(h.waitView(3)); got != want {
		t.Errorf("case study from the shared card titled %q, want %q", got, want)
	}

	h.press(alice, card, actionOpenCase)
	if got := title(h.waitView(4)); got != want {
		t.Errorf("case study from the card in its thread titled %q, want %q", got, want)
	}
	if n := len(h.fake.Calls("views.open")); n != 3 {
		t.Errorf("%d views.open calls, want 3 (share modal, shared card, card)", n)
	}
}

// Past a hundred leadership channels (a select menu's limit) the picker is
// an external_select: the user types, Slack asks, the bot suggests the
// leadership channels the user is a member of whose name matches, at most
// a hundred. Whatever the count, opening the modal costs one
// users.conversations call, not two per channel.
func TestSharePickerPastAHundredChannels(t *testing.T) {
	for _, n := range []int{101, 500} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var allowed []string
			for i := range n {
				allowed = append(allowed, fmt.Sprintf("C0L%04d", i))
			}
			for i := range 5 { // leadership channels alice is not in
				allowed = append(allowed, fmt.Sprintf("C0X%04d", i))
			}
			h := newHarness(t, func(o *Options) { o.Channels = allowed })
			for i := range n {
				h.fake.AddChannel(fakeslack.Channel{ID: allowed[i], Name: fmt.Sprintf("lead-%04d", i), Private: true, BotIsMember: true,
					Members: []string{alice, fakeslack.BotUserID}})
			}
			for i := range 5 {
				h.fake.AddChannel(fakeslack.Channel{ID: allowed[n+i], Name: fmt.Sprintf("board-%04d", i), Private: true, BotIsMember: true,
					Members: []string{bob, fakeslack.BotUserID}})
			}
			_, v := h.openShareModal(alice)
			picker := pickerOf(t, v)
			if picker["type"] != "external_select" || len(picker["options"].([]any)) > 0 {
				t.Fatalf("picker with %d channels is %v with %d options, want an external_select", n, picker["type"], len(picker["options"].([]any)))
			}

			suggest := func(typed string) []string {
				t.Helper()
				a := h.ack(h.fake.SendBlockSuggestion(fakeslack.BlockSuggestion{User: alice, ViewID: v.ID, BlockID: blockShareChannel, ActionID: actionShareChannel, Value: typed}))
				var resp struct {
					Options []struct {
						Value string `json:"value"`
					} `json:"options"`
				}
				if err := json.Unmarshal(a.Payload, &resp); err != nil {
					t.Fatalf("suggestion ack %s: %v", a.Payload, err)
				}
				var ids []string
				for _, o := range resp.Options {
					ids = append(ids, o.Value)
				}
				return ids
			}
			if got := suggest(""); len(got) != 100 || got[0] != allowed[0] || got[99] != allowed[99] {
				t.Errorf("nothing typed: %d options from %v, want the first 100 leadership channels", len(got), got[:min(len(got), 2)])
			}
			if got := suggest("#LEAD-0042"); !slices.Equal(got, []string{"C0L0042"}) {
				t.Errorf("typed #LEAD-0042: %v, want [C0L0042]", got)
			}
			for _, typed := range []string{"board", "random", "general"} {
				if got := suggest(typed); len(got) != 0 {
					t.Errorf("typed %q: %v, want none (not a member, or not a leadership channel)", typed, got)
				}
			}
			if got := suggest(fmt.Sprintf("lead-%04d", n-1)); !slices.Equal(got, []string{allowed[n-1]}) {
				t.Errorf("the last leadership channel: %v, want [%s]", got, allowed[n-1])
			}
			if c := len(h.fake.Calls("users.conversations")); c != 1 {
				t.Errorf("users.conversations called %d times for a modal and six keystrokes, want 1 (cached)", c)
			}
			if c := len(h.fake.Calls("conversations.members")) + len(h.fake.Calls("conversations.info")); c != 0 {
				t.Errorf("%d per-channel lookups before the submit, want 0", c)
			}

			if payload := h.submitShare(alice, v, "C0L0042"); payload != nil {
				t.Fatalf("share to a suggested channel refused: %v", payload)
			}
			if posted := h.posts("C0L0042", 1); len(posted) != 1 {
				t.Errorf("C0L0042 has %d posts, want the card", len(posted))
			}
		})
	}
}

// pickerOf is the share modal's channel select element.
func pickerOf(t *testing.T, v fakeslack.View) map[string]any {
	t.Helper()
	blocks, _ := viewJSON(t, v)["blocks"].([]any)
	for _, b := range blocks {
		b, _ := b.(map[string]any)
		if b["block_id"] == blockShareChannel {
			el, _ := b["element"].(map[string]any)
			if el["options"] == nil {
				el["options"] = []any{}
			}
			return el
		}
	}
	t.Fatalf("share modal has no %s block", blockShareChannel)
	return nil
}
