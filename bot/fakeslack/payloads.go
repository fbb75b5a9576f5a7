package fakeslack

import (
	"encoding/json"
	"strings"
	"time"
)

// SlashCommand is a slash command a user runs. Command defaults to
// "/cto-advice".
type SlashCommand struct {
	User, Channel, Text string
	Command             string
	// Team and Enterprise are what the payload says of the user's org; see
	// [BlockAction].
	Team, Enterprise string
}

// NullTeam as a payload's Team sends "team": null, as Slack does for an
// app with org_deploy_enabled (slackapi/bolt-js#935).
const NullTeam = "null"

// BlockAction is a click on a button, or a choice in a select when Selected
// is set, in a message (MessageTS) or, when ViewID is set, in a modal.
// Channel defaults to the channel of the bot's post at MessageTS.
// BlockID defaults to the block_id of the block that holds ActionID in the
// stored message or view; ThreadTS defaults to the stored message's thread.
type BlockAction struct {
	User, Channel, MessageTS, ThreadTS, ActionID, BlockID, Value string
	Selected                                                     string
	ViewID                                                       string
	// Team is the acting user's team as the payload carries it: another
	// org's in a Slack Connect channel, another workspace's in an
	// Enterprise Grid, or [NullTeam]; "" is the installation's own.
	// Enterprise, when set, adds the enterprise the payload names.
	Team, Enterprise string
}

// ViewSubmission is a modal's submit. ViewID defaults to the last view the
// bot opened; CallbackID and PrivateMetadata default to that view's. Values
// is block_id → action_id → the chosen value; each is shaped after the
// element type in the stored view (selected_option for selects and radio
// buttons, value for text inputs, selected_conversation…), static_select
// when unknown. Inputs of the stored view left out of Values are sent empty,
// as Slack lists them.
type ViewSubmission struct {
	User, ViewID, CallbackID, PrivateMetadata string
	Values                                    map[string]map[string]string
}

// Message is a message event. ChannelType defaults from the channel
// (channel, group or im); EventID defaults to a fresh "Ev…"; TS defaults to
// a fresh timestamp. RetryAttempt > 0 sends it as a redelivery
// (retry_reason "timeout"). BotID marks a message from a bot; BotID equal to
// [BotID] makes it the bot's own, with app_id and bot_profile.
type Message struct {
	User, Channel, ThreadTS, Text, BotID, SubType, EventID string
	RetryAttempt                                           int
	ChannelType                                            string
	TS                                                     string
	// Team and Enterprise are the org the event comes from, as the outer
	// team_id/enterprise_id and the event's team carry it (another org's in
	// a Slack Connect channel); authorizations still name the installation
	// (slackapi/bolt-js#935). Files makes it a reply with a file attached.
	Team, Enterprise string
	Files            []string
}

// humanMsg is a message sent with SendMessage, kept so permalinks, threads
// and block actions can refer to it.
type humanMsg struct {
	user, threadTS, text string
}

func userJSON(s *Server, id, team string) map[string]any {
	name := s.userNameLocked(id)
	u := map[string]any{"id": id, "username": name, "name": name, "team_id": TeamID}
	if team != "" && team != NullTeam {
		u["team_id"] = team
	}
	return u
}

// teamJSON is a payload's "team": the installation's, another org's, or null.
func teamJSON(team string) any {
	switch team {
	case "":
		return map[string]any{"id": TeamID, "domain": teamDomain}
	case NullTeam:
		return nil
	}
	return map[string]any{"id": team, "domain": "other-org"}
}

// enterpriseJSON is a payload's "enterprise", null outside a Grid.
func enterpriseJSON(id string) any {
	if id == "" {
		return nil
	}
	return map[string]any{"id": id, "name": "Grid"}
}

func teamID(team string) any {
	switch team {
	case "":
		return TeamID
	case NullTeam:
		return nil
	}
	return team
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func botProfileJSON() map[string]any {
	return map[string]any{"id": BotID, "app_id": AppID, "name": botName, "team_id": TeamID, "deleted": false}
}

// SendSlashCommand sends a slash_commands envelope with a response_url
// served by this server and a fresh trigger_id, and returns its envelope ID.
func (s *Server) SendSlashCommand(c SlashCommand) (envelopeID string) {
	cmd := c.Command
	if cmd == "" {
		cmd = defaultCommand
	}
	s.mu.Lock()
	payload := map[string]any{
		"token":                 verificationToken,
		"team_id":               teamID(c.Team),
		"team_domain":           teamDomain,
		"channel_id":            c.Channel,
		"channel_name":          s.channelNameLocked(c.Channel),
		"user_id":               c.User,
		"user_name":             s.userNameLocked(c.User),
		"command":               cmd,
		"text":                  c.Text,
		"api_app_id":            AppID,
		"is_enterprise_install": "false",
		"enterprise_id":         nullable(c.Enterprise),
		"response_url":          s.newResponseURLLocked(origin{channel: c.Channel}),
		"trigger_id":            s.newTriggerLocked(),
	}
	e := s.newEnvelopeLocked("slash_commands", true, payload)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}

// SendBlockAction sends an interactive block_actions envelope and returns
// its envelope ID. When MessageTS names a stored message the payload carries
// that message with its real blocks; the action always has a block_id.
func (s *Server) SendBlockAction(a BlockAction) (envelopeID string) {
	s.mu.Lock()
	if a.Channel == "" && a.ViewID == "" {
		a.Channel = s.channelOfLocked(a.MessageTS)
	}
	var blocks []any
	payload := map[string]any{
		"type":                  "block_actions",
		"api_app_id":            AppID,
		"token":                 verificationToken,
		"trigger_id":            s.newTriggerLocked(),
		"user":                  userJSON(s, a.User, a.Team),
		"team":                  teamJSON(a.Team),
		"enterprise":            enterpriseJSON(a.Enterprise),
		"is_enterprise_install": false,
		"state":                 map[string]any{"values": map[string]any{}},
	}
	if a.ViewID != "" {
		payload["container"] = map[string]any{"type": "view", "view_id": a.ViewID}
		view := s.viewJSONLocked(a.ViewID)
		payload["view"] = view
		blocks, _ = view["blocks"].([]any)
	} else {
		threadTS := a.ThreadTS
		if m, ok := s.messageJSONLocked(a.Channel, a.MessageTS); ok {
			payload["message"] = m
			blocks, _ = m["blocks"].([]any)
			if t, _ := m["thread_ts"].(string); threadTS == "" {
				threadTS = t
			}
		}
		container := map[string]any{
			"type": "message", "message_ts": a.MessageTS, "channel_id": a.Channel, "is_ephemeral": false,
		}
		if threadTS != "" {
			container["thread_ts"] = threadTS
		}
		payload["container"] = container
		payload["channel"] = map[string]any{"id": a.Channel, "name": s.channelNameLocked(a.Channel)}
		payload["response_url"] = s.newResponseURLLocked(origin{channel: a.Channel, ts: a.MessageTS})
	}
	payload["actions"] = []any{actionJSON(a, blocks)}
	e := s.newEnvelopeLocked("interactive", false, payload)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}

// actionJSON builds the one action of a block_actions payload, borrowing the
// element's type and texts from the stored blocks when it is found there.
func actionJSON(a BlockAction, blocks []any) map[string]any {
	blockID, elem := findAction(blocks, a.ActionID)
	if a.BlockID != "" {
		blockID = a.BlockID
	}
	if blockID == "" {
		// slack-go files an action without a string block_id under
		// AttachmentActions; Slack always sends one.
		blockID = "fakeslack_block"
	}
	typ, _ := elem["type"].(string)
	act := map[string]any{
		"action_id": a.ActionID,
		"block_id":  blockID,
		"action_ts": fakeActionTS(),
	}
	if a.Selected != "" {
		if typ == "" || typ == "button" {
			typ = "static_select"
		}
		act["selected_option"] = optionJSON(elem, a.Selected)
	} else {
		if typ == "" {
			typ = "button"
		}
		act["value"] = a.Value
		text, ok := elem["text"].(map[string]any)
		if !ok {
			text = plainText(a.Value)
		}
		act["text"] = text
	}
	act["type"] = typ
	return act
}

func fakeActionTS() string {
	now := time.Now().UnixMicro()
	return formatTS(now)
}

func plainText(t string) map[string]any {
	return map[string]any{"type": "plain_text", "text": t, "emoji": true}
}

// optionJSON returns the element's option with that value, or a plain one.
func optionJSON(elem map[string]any, value string) map[string]any {
	if o := findOption(elem, value); o != nil {
		return o
	}
	return map[string]any{"text": plainText(value), "value": value}
}

// SendViewSubmission sends an interactive view_submission envelope and
// returns its envelope ID.
func (s *Server) SendViewSubmission(v ViewSubmission) (envelopeID string) {
	s.mu.Lock()
	if v.ViewID == "" {
		v.ViewID = s.lastViewID
	}
	if v.ViewID == "" {
		v.ViewID = s.newViewIDLocked()
	}
	view := s.viewJSONLocked(v.ViewID)
	if v.CallbackID != "" {
		view["callback_id"] = v.CallbackID
	}
	if v.PrivateMetadata != "" {
		view["private_metadata"] = v.PrivateMetadata
	}
	blocks, _ := view["blocks"].([]any)
	view["state"] = map[string]any{"values": stateValues(blocks, v.Values)}
	payload := map[string]any{
		"type":                  "view_submission",
		"api_app_id":            AppID,
		"token":                 verificationToken,
		"trigger_id":            s.newTriggerLocked(),
		"team":                  teamJSON(""),
		"user":                  userJSON(s, v.User, ""),
		"enterprise":            nil,
		"is_enterprise_install": false,
		"view":                  view,
		"response_urls":         []any{},
	}
	e := s.newEnvelopeLocked("interactive", true, payload)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}

// stateValues builds view.state.values: the given values shaped by element
// type, plus every other input of the view, empty.
func stateValues(blocks []any, given map[string]map[string]string) map[string]any {
	out := map[string]any{}
	for _, b := range blocks {
		block, _ := b.(map[string]any)
		if block["type"] != "input" {
			continue
		}
		blockID, _ := block["block_id"].(string)
		elem, _ := block["element"].(map[string]any)
		actionID, _ := elem["action_id"].(string)
		if blockID == "" || actionID == "" {
			continue
		}
		if _, ok := given[blockID][actionID]; ok {
			continue
		}
		typ, _ := elem["type"].(string)
		out[blockID] = map[string]any{actionID: elementState(typ, nil, "")}
	}
	for blockID, actions := range given {
		byAction, _ := out[blockID].(map[string]any)
		if byAction == nil {
			byAction = map[string]any{}
			out[blockID] = byAction
		}
		for actionID, value := range actions {
			elem := findInput(blocks, blockID, actionID)
			typ, _ := elem["type"].(string)
			byAction[actionID] = elementState(typ, elem, value)
		}
	}
	return out
}

// elementState is the state Slack reports for one input element; a nil elem
// with an empty value is the state of an untouched element.
func elementState(typ string, elem map[string]any, value string) map[string]any {
	if typ == "" {
		typ = "static_select"
	}
	st := map[string]any{"type": typ}
	empty := elem == nil && value == ""
	set := func(key string, v any) {
		if empty {
			v = nil
		}
		st[key] = v
	}
	switch typ {
	case "plain_text_input", "email_text_input", "url_text_input", "number_input":
		set("value", value)
	case "conversations_select":
		set("selected_conversation", value)
	case "channels_select":
		set("selected_channel", value)
	case "users_select":
		set("selected_user", value)
	case "datepicker":
		set("selected_date", value)
	case "timepicker":
		set("selected_time", value)
	case "multi_static_select", "multi_external_select", "checkboxes":
		if empty {
			st["selected_options"] = []any{}
		} else {
			st["selected_options"] = []any{optionJSON(elem, value)}
		}
	case "multi_conversations_select":
		st["selected_conversations"] = nonEmpty(value)
	case "multi_channels_select":
		st["selected_channels"] = nonEmpty(value)
	case "multi_users_select":
		st["selected_users"] = nonEmpty(value)
	default: // static_select, external_select, radio_buttons
		if empty {
			st["selected_option"] = nil
		} else {
			st["selected_option"] = optionJSON(elem, value)
		}
	}
	return st
}

func nonEmpty(v string) []string {
	if v == "" {
		return []string{}
	}
	return []string{v}
}

// SendMessage sends an events_api event_callback carrying a message event
// and returns its envelope ID.
func (s *Server) SendMessage(m Message) (envelopeID string) {
	s.mu.Lock()
	if m.TS == "" {
		m.TS = s.newTSLocked()
	}
	if m.EventID == "" {
		m.EventID = s.newEventIDLocked()
	}
	if m.ChannelType == "" {
		m.ChannelType = s.channelTypeLocked(m.Channel)
	}
	if m.SubType == "" && m.BotID != BotID {
		if s.humans[m.Channel] == nil {
			s.humans[m.Channel] = map[string]humanMsg{}
		}
		s.humans[m.Channel][m.TS] = humanMsg{user: m.User, threadTS: m.ThreadTS, text: m.Text}
	}
	ev := s.messageEventLocked(m)
	e := s.newOrgEventLocked(m.EventID, m.RetryAttempt, ev, m.Team, m.Enterprise)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}

// messageEventLocked builds the inner message event of m.
func (s *Server) messageEventLocked(m Message) map[string]any {
	ev := map[string]any{
		"type":         "message",
		"ts":           m.TS,
		"channel":      m.Channel,
		"channel_type": m.ChannelType,
		"event_ts":     m.TS,
		"team":         TeamID,
	}
	if m.Team != "" && m.Team != NullTeam {
		ev["team"] = m.Team
		ev["user_team"] = m.Team
		ev["source_team"] = m.Team
	}
	if m.ThreadTS != "" {
		ev["thread_ts"] = m.ThreadTS
		if parent, ok := s.authorLocked(m.Channel, m.ThreadTS); ok && m.ThreadTS != m.TS {
			ev["parent_user_id"] = parent
		}
	}
	body := map[string]any{"type": "message", "text": m.Text, "ts": m.TS}
	switch {
	case m.BotID == BotID:
		if m.User == "" {
			m.User = BotUserID
		}
		body["bot_id"] = BotID
		body["app_id"] = AppID
		body["bot_profile"] = botProfileJSON()
	case m.BotID != "":
		body["bot_id"] = m.BotID
		body["username"] = "other-bot"
	default:
		body["client_msg_id"] = newUUID()
		body["blocks"] = []any{richText(m.Text)}
	}
	if m.User != "" {
		body["user"] = m.User
	}
	switch m.SubType {
	case "":
		for k, v := range body {
			ev[k] = v
		}
	case "message_changed", "message_deleted":
		// The changed message travels nested, and the event itself is hidden.
		ev["subtype"] = m.SubType
		ev["hidden"] = true
		if m.SubType == "message_changed" {
			body["edited"] = map[string]any{"user": m.User, "ts": m.TS}
			ev["message"] = body
		} else {
			ev["deleted_ts"] = m.TS
		}
		ev["previous_message"] = map[string]any{"type": "message", "text": m.Text, "user": m.User, "ts": m.TS}
	case "thread_broadcast":
		// A reply also sent to the channel: a reply like any other, with the
		// thread's root nested (https://docs.slack.dev/reference/events/message/thread_broadcast).
		for k, v := range body {
			ev[k] = v
		}
		ev["subtype"] = m.SubType
		root := map[string]any{"type": "message", "ts": m.ThreadTS, "thread_ts": m.ThreadTS, "reply_count": 1}
		if parent, ok := s.authorLocked(m.Channel, m.ThreadTS); ok {
			root["user"] = parent
			if parent == BotUserID {
				root["bot_id"] = BotID
			}
		}
		ev["root"] = root
	case "file_share":
		// A reply with a file attached: its text is what was typed with it
		// (https://docs.slack.dev/reference/events/message/file_share).
		for k, v := range body {
			ev[k] = v
		}
		ev["subtype"] = m.SubType
		ev["upload"] = false
		ev["display_as_bot"] = false
		var files []any
		for _, name := range m.Files {
			files = append(files, map[string]any{
				"id": "F" + strings.ToUpper(randomHex(4)), "name": name, "title": name,
				"mimetype": "text/plain", "filetype": "text", "user": m.User, "mode": "hosted",
			})
		}
		ev["files"] = files
	default:
		for k, v := range body {
			ev[k] = v
		}
		ev["subtype"] = m.SubType
		delete(ev, "client_msg_id")
	}
	return ev
}

func richText(text string) map[string]any {
	return map[string]any{
		"type":     "rich_text",
		"block_id": randomHex(3),
		"elements": []any{map[string]any{
			"type":     "rich_text_section",
			"elements": []any{map[string]any{"type": "text", "text": text}},
		}},
	}
}

// newEventLocked wraps an inner event in an event_callback envelope.
func (s *Server) newEventLocked(eventID string, attempt int, inner map[string]any) *outgoing {
	return s.newOrgEventLocked(eventID, attempt, inner, "", "")
}

// newOrgEventLocked wraps an inner event from team (another org's, or ""
// for the installation's) in an event_callback envelope. The outer
// team_id and enterprise_id name where the event happened; authorizations
// name the installation it is delivered for.
func (s *Server) newOrgEventLocked(eventID string, attempt int, inner map[string]any, team, enterprise string) *outgoing {
	extShared := false
	if c, ok := s.channels[inner["channel"].(string)]; ok {
		extShared = c.ExtShared
	}
	payload, _ := json.Marshal(map[string]any{
		"token":                 verificationToken,
		"team_id":               teamID(team),
		"enterprise_id":         nullable(enterprise),
		"api_app_id":            AppID,
		"type":                  "event_callback",
		"event_id":              eventID,
		"event_time":            time.Now().Unix(),
		"event_context":         "4-fake-" + eventID,
		"is_ext_shared_channel": extShared || (team != "" && team != NullTeam),
		"authorizations": []any{map[string]any{
			"enterprise_id": nil, "team_id": TeamID, "user_id": BotUserID,
			"is_bot": true, "is_enterprise_install": false,
		}},
		"event": inner,
	})
	return s.eventEnvelopeLocked(&chain{payload: payload, attempt: attempt})
}

// echoLocked builds the message event Slack sends back for the bot's own post.
func (s *Server) echoLocked(p *Post) *outgoing {
	m := Message{User: BotUserID, Channel: p.Channel, ThreadTS: p.ThreadTS, Text: p.Text, BotID: BotID, TS: p.TS}
	m.ChannelType = s.channelTypeLocked(p.Channel)
	ev := s.messageEventLocked(m)
	if len(p.Blocks) > 0 {
		ev["blocks"] = p.Blocks
	}
	return s.newEventLocked(s.newEventIDLocked(), 0, ev)
}

// changedLocked builds the message_changed event Slack sends after a
// chat.update (https://docs.slack.dev/reference/events/message/message_changed):
// hidden, a ts of its own, the edited message nested with "edited", and the
// message as it was before.
func (s *Server) changedLocked(prev, cur *Post) *outgoing {
	ts := s.newTSLocked()
	msg := postJSON(cur)
	msg["edited"] = map[string]any{"user": BotUserID, "ts": ts}
	ev := map[string]any{
		"type":             "message",
		"subtype":          "message_changed",
		"hidden":           true,
		"channel":          cur.Channel,
		"channel_type":     s.channelTypeLocked(cur.Channel),
		"ts":               ts,
		"event_ts":         ts,
		"message":          msg,
		"previous_message": postJSON(prev),
	}
	return s.newEventLocked(s.newEventIDLocked(), 0, ev)
}

// channelOfLocked finds the channel of the bot's post at ts.
func (s *Server) channelOfLocked(ts string) string {
	for ch, posts := range s.posts {
		for _, p := range posts {
			if p.TS == ts {
				return ch
			}
		}
	}
	return ""
}

// BlockSuggestion is what a user types in an external_select of a modal
// (ViewID, default the last view the bot opened); Slack asks the app for
// the options to show, and the ack carries them.
type BlockSuggestion struct {
	User, ViewID, BlockID, ActionID, Value string
}

// SendBlockSuggestion sends an interactive block_suggestion envelope, as
// Slack does on each keystroke in an external_select
// (https://docs.slack.dev/reference/interaction-payloads/block_suggestion-payload),
// and returns its envelope ID; the options come back in its ack.
func (s *Server) SendBlockSuggestion(b BlockSuggestion) (envelopeID string) {
	s.mu.Lock()
	if b.ViewID == "" {
		b.ViewID = s.lastViewID
	}
	payload := map[string]any{
		"type":                  "block_suggestion",
		"api_app_id":            AppID,
		"token":                 verificationToken,
		"user":                  userJSON(s, b.User, ""),
		"team":                  teamJSON(""),
		"enterprise":            nil,
		"is_enterprise_install": false,
		"container":             map[string]any{"type": "view", "view_id": b.ViewID},
		"view":                  s.viewJSONLocked(b.ViewID),
		"block_id":              b.BlockID,
		"action_id":             b.ActionID,
		"value":                 b.Value,
	}
	e := s.newEnvelopeLocked("interactive", true, payload)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}
