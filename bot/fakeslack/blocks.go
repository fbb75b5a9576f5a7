package fakeslack

import (
	"fmt"
	"path"
	"slices"
	"unicode/utf8"
)

// Block Kit rules Slack enforces (https://docs.slack.dev/reference/block-kit/blocks,
// …/block-elements, …/composition-objects, …/surfaces/modals). Real Slack
// rejects a message or view that breaks one, so the fake does too: otherwise
// a card that is too long, or a header in mrkdwn, would pass every test and
// fail live. The checks cover the structure the bot can produce: block and
// element types, which text objects must be plain_text, required fields,
// and the documented lengths and counts.
const (
	maxMessageBlocks = 50
	maxModalBlocks   = 100
	maxBlockID       = 255
	maxActionID      = 255
	maxSectionText   = 3000
	maxFieldText     = 2000
	maxFields        = 10
	maxHeaderText    = 150
	maxButtonText    = 75
	maxButtonValue   = 2000
	maxURL           = 3000
	maxOptionText    = 75
	maxOptionValue   = 150
	maxOptions       = 100
	maxOverflowOpts  = 5
	maxChoiceOpts    = 10 // radio_buttons, checkboxes
	maxActionsElems  = 25
	maxContextElems  = 10
	maxPlaceholder   = 150
	maxLabel         = 2000
	maxAltText       = 2000
	maxModalTitle    = 24
	maxPrivateMeta   = 3000
	maxCallbackID    = 255
	maxMarkdownText  = 12000
)

// Block types Slack accepts in messages and modals.
var knownBlocks = map[string]bool{
	"actions": true, "context": true, "divider": true, "file": true, "header": true, "image": true,
	"input": true, "markdown": true, "rich_text": true, "section": true, "video": true,
}

// Interactive element types, by where Slack allows them.
var (
	selectTypes = map[string]bool{
		"static_select": true, "external_select": true, "users_select": true, "conversations_select": true,
		"channels_select": true, "multi_static_select": true, "multi_external_select": true,
		"multi_users_select": true, "multi_conversations_select": true, "multi_channels_select": true,
	}
	actionElems = union(selectTypes, map[string]bool{
		"button": true, "checkboxes": true, "datepicker": true, "datetimepicker": true, "overflow": true,
		"radio_buttons": true, "timepicker": true, "workflow_button": true, "rich_text_input": true,
	})
	accessoryElems = union(selectTypes, map[string]bool{
		"button": true, "checkboxes": true, "datepicker": true, "image": true, "overflow": true,
		"radio_buttons": true, "timepicker": true, "workflow_button": true,
	})
	inputElems = union(selectTypes, map[string]bool{
		"checkboxes": true, "datepicker": true, "datetimepicker": true, "email_text_input": true,
		"file_input": true, "number_input": true, "plain_text_input": true, "radio_buttons": true,
		"rich_text_input": true, "timepicker": true, "url_text_input": true,
	})
)

func union(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// validateBlocks returns Slack-style error messages for every rule blocks
// break, with JSON pointers under base.
func validateBlocks(blocks []any, maxBlocks int, base string) []string {
	v := &validator{}
	v.blocks(blocks, maxBlocks, base)
	return v.msgs
}

func (v *validator) blocks(blocks []any, maxBlocks int, base string) {
	if len(blocks) > maxBlocks {
		v.add(base, "no more than %d items allowed", maxBlocks)
	}
	seen := map[string]bool{}
	for i, b := range blocks {
		p := fmt.Sprintf("%s/%d", base, i)
		block, isMap := b.(map[string]any)
		if !isMap {
			v.add(p, "must be an object")
			continue
		}
		typ, _ := block["type"].(string)
		if typ == "" {
			v.add(p, "missing required field: type")
			continue
		}
		if !knownBlocks[typ] {
			v.add(p+"/type", "unsupported block type %q", typ)
			continue
		}
		if id, isStr := block["block_id"].(string); isStr {
			v.maxLen(p+"/block_id", id, maxBlockID)
			if seen[id] {
				v.add(p+"/block_id", "duplicate block_id %q", id)
			}
			seen[id] = true
		}
		v.block(p, typ, block)
	}
}

func (v *validator) block(p, typ string, block map[string]any) {
	switch typ {
	case "header":
		v.plain(p+"/text", block["text"], maxHeaderText, true)
	case "section":
		_, hasText := block["text"]
		fields, _ := block["fields"].([]any)
		if !hasText && len(fields) == 0 {
			v.add(p, "must provide text or fields")
		}
		if hasText {
			v.text(p+"/text", block["text"], maxSectionText)
		}
		if len(fields) > maxFields {
			v.add(p+"/fields", "no more than %d items allowed", maxFields)
		}
		for j, f := range fields {
			v.text(fmt.Sprintf("%s/fields/%d", p, j), f, maxFieldText)
		}
		if acc, present := block["accessory"]; present {
			v.element(p+"/accessory", acc, accessoryElems)
		}
	case "actions":
		elems, _ := block["elements"].([]any)
		if len(elems) == 0 {
			v.add(p+"/elements", "must have at least 1 item")
		}
		if len(elems) > maxActionsElems {
			v.add(p+"/elements", "no more than %d items allowed", maxActionsElems)
		}
		ids := map[string]bool{}
		for j, e := range elems {
			ep := fmt.Sprintf("%s/elements/%d", p, j)
			v.element(ep, e, actionElems)
			el, _ := e.(map[string]any)
			if id, _ := el["action_id"].(string); id != "" {
				if ids[id] {
					v.add(ep+"/action_id", "duplicate action_id %q", id)
				}
				ids[id] = true
			}
		}
	case "context":
		elems, _ := block["elements"].([]any)
		if len(elems) == 0 {
			v.add(p+"/elements", "must have at least 1 item")
		}
		if len(elems) > maxContextElems {
			v.add(p+"/elements", "no more than %d items allowed", maxContextElems)
		}
		for j, e := range elems {
			ep := fmt.Sprintf("%s/elements/%d", p, j)
			if el, _ := e.(map[string]any); el["type"] == "image" {
				v.image(ep, el)
				continue
			}
			v.text(ep, e, maxSectionText)
		}
	case "image":
		v.image(p, block)
		if t, present := block["title"]; present {
			v.plain(p+"/title", t, maxLabel, true)
		}
	case "input":
		v.plain(p+"/label", block["label"], maxLabel, true)
		if h, present := block["hint"]; present {
			v.plain(p+"/hint", h, maxLabel, true)
		}
		if _, present := block["element"]; !present {
			v.add(p+"/element", "missing required field: element")
		} else {
			v.element(p+"/element", block["element"], inputElems)
		}
	case "markdown":
		t, isStr := block["text"].(string)
		if !isStr || t == "" {
			v.add(p+"/text", "missing required field: text")
		}
		v.maxLen(p+"/text", t, maxMarkdownText)
	}
}

// validateModal checks a views.open/push/update view as Slack does for modals.
func validateModal(view map[string]any) []string {
	v := &validator{}
	if typ, _ := view["type"].(string); typ != "modal" {
		v.add("/view/type", "must be \"modal\"")
	}
	v.plain("/view/title", view["title"], maxModalTitle, true)
	if x, present := view["submit"]; present && x != nil {
		v.plain("/view/submit", x, maxModalTitle, true)
	}
	if x, present := view["close"]; present && x != nil {
		v.plain("/view/close", x, maxModalTitle, true)
	}
	meta, _ := view["private_metadata"].(string)
	v.maxLen("/view/private_metadata", meta, maxPrivateMeta)
	cb, _ := view["callback_id"].(string)
	v.maxLen("/view/callback_id", cb, maxCallbackID)
	blocks, _ := view["blocks"].([]any)
	v.blocks(blocks, maxModalBlocks, "/view/blocks")
	if view["submit"] == nil && slices.ContainsFunc(blocks, func(b any) bool {
		block, _ := b.(map[string]any)
		return block["type"] == "input"
	}) {
		// Slack's own wording for this one.
		v.msgs = append(v.msgs, "[ERROR] must provide a submit property when using input blocks [json-pointer:/view]")
	}
	return v.msgs
}

type validator struct{ msgs []string }

func (v *validator) add(ptr, format string, args ...any) {
	v.msgs = append(v.msgs, fmt.Sprintf("[ERROR] "+format+" [json-pointer:%s]", append(args, ptr)...))
}

func (v *validator) maxLen(ptr, s string, n int) {
	if utf8.RuneCountInString(s) > n {
		v.add(ptr, "must be less than %d characters", n+1)
	}
}

// text checks a text object ({"type":"plain_text"|"mrkdwn","text":…}).
func (v *validator) text(ptr string, obj any, n int) {
	m, isMap := obj.(map[string]any)
	if !isMap {
		v.add(ptr, "must be a text object")
		return
	}
	typ, _ := m["type"].(string)
	switch typ {
	case "plain_text":
		if _, has := m["verbatim"]; has {
			v.add(ptr+"/verbatim", "verbatim is only allowed on mrkdwn text")
		}
	case "mrkdwn":
		if _, has := m["emoji"]; has {
			v.add(ptr+"/emoji", "emoji is only allowed on plain_text text")
		}
	default:
		v.add(ptr+"/type", "must be plain_text or mrkdwn")
	}
	s, isStr := m["text"].(string)
	if !isStr || s == "" {
		v.add(ptr+"/text", "must be more than 0 characters")
	}
	v.maxLen(ptr+"/text", s, n)
}

// plain checks a text object where Slack requires plain_text.
func (v *validator) plain(ptr string, obj any, n int, required bool) {
	if obj == nil {
		if required {
			v.add(ptr, "missing required field: %s", path.Base(ptr))
		}
		return
	}
	if m, _ := obj.(map[string]any); m != nil && m["type"] != "plain_text" {
		v.add(ptr+"/type", "must be plain_text")
		return
	}
	v.text(ptr, obj, n)
}

func (v *validator) image(ptr string, el map[string]any) {
	u, _ := el["image_url"].(string)
	if u == "" && el["slack_file"] == nil {
		v.add(ptr, "must provide image_url or slack_file")
	}
	v.maxLen(ptr+"/image_url", u, maxURL)
	alt, _ := el["alt_text"].(string)
	if alt == "" {
		v.add(ptr+"/alt_text", "missing required field: alt_text")
	}
	v.maxLen(ptr+"/alt_text", alt, maxAltText)
}

// element checks an interactive element allowed where allowed says.
func (v *validator) element(ptr string, e any, allowed map[string]bool) {
	el, isMap := e.(map[string]any)
	if !isMap {
		v.add(ptr, "must be an object")
		return
	}
	typ, _ := el["type"].(string)
	if !allowed[typ] {
		v.add(ptr+"/type", "unsupported element type %q here", typ)
		return
	}
	if typ == "image" {
		v.image(ptr, el)
		return
	}
	id, _ := el["action_id"].(string)
	v.maxLen(ptr+"/action_id", id, maxActionID)
	if ph, present := el["placeholder"]; present {
		v.plain(ptr+"/placeholder", ph, maxPlaceholder, true)
	}
	if c, present := el["confirm"].(map[string]any); present {
		v.plain(ptr+"/confirm/title", c["title"], maxLabel, true)
		v.text(ptr+"/confirm/text", c["text"], maxSectionText)
		v.plain(ptr+"/confirm/confirm", c["confirm"], maxButtonText, true)
		v.plain(ptr+"/confirm/deny", c["deny"], maxButtonText, true)
	}
	switch typ {
	case "button":
		v.plain(ptr+"/text", el["text"], maxButtonText, true)
		value, _ := el["value"].(string)
		v.maxLen(ptr+"/value", value, maxButtonValue)
		u, _ := el["url"].(string)
		v.maxLen(ptr+"/url", u, maxURL)
		if st, present := el["style"].(string); present && st != "primary" && st != "danger" {
			v.add(ptr+"/style", "must be primary or danger")
		}
	case "static_select", "multi_static_select":
		opts, hasOpts := el["options"].([]any)
		groups, hasGroups := el["option_groups"].([]any)
		if hasOpts == hasGroups {
			v.add(ptr, "must provide exactly one of options or option_groups")
		}
		if hasOpts {
			v.options(ptr+"/options", opts, 1, maxOptions, true)
		}
		if len(groups) > maxOptions {
			v.add(ptr+"/option_groups", "no more than %d items allowed", maxOptions)
		}
		for i, g := range groups {
			gp := fmt.Sprintf("%s/option_groups/%d", ptr, i)
			group, _ := g.(map[string]any)
			v.plain(gp+"/label", group["label"], maxOptionText, true)
			gopts, _ := group["options"].([]any)
			v.options(gp+"/options", gopts, 1, maxOptions, true)
		}
	case "overflow":
		opts, _ := el["options"].([]any)
		v.options(ptr+"/options", opts, 1, maxOverflowOpts, true)
	case "radio_buttons", "checkboxes":
		opts, _ := el["options"].([]any)
		v.options(ptr+"/options", opts, 1, maxChoiceOpts, false)
	}
}

// options checks an option list; selects and overflow menus need plain_text
// option texts, radio buttons and checkboxes may use mrkdwn.
func (v *validator) options(ptr string, opts []any, lo, hi int, plainOnly bool) {
	if len(opts) < lo {
		v.add(ptr, "must have at least %d item", lo)
	}
	if len(opts) > hi {
		v.add(ptr, "no more than %d items allowed", hi)
	}
	for i, o := range opts {
		p := fmt.Sprintf("%s/%d", ptr, i)
		op, _ := o.(map[string]any)
		if plainOnly {
			v.plain(p+"/text", op["text"], maxOptionText, true)
		} else {
			v.text(p+"/text", op["text"], maxOptionText)
		}
		value, _ := op["value"].(string)
		v.maxLen(p+"/value", value, maxOptionValue)
	}
}

// findAction returns the element with actionID and the block_id of the
// top-level block holding it.
func findAction(blocks []any, actionID string) (string, map[string]any) {
	for _, b := range blocks {
		block, _ := b.(map[string]any)
		if el := findByActionID(block, actionID); el != nil {
			id, _ := block["block_id"].(string)
			return id, el
		}
	}
	return "", nil
}

// findInput returns the element actionID inside the block blockID.
func findInput(blocks []any, blockID, actionID string) map[string]any {
	for _, b := range blocks {
		block, _ := b.(map[string]any)
		if block["block_id"] == blockID {
			return findByActionID(block, actionID)
		}
	}
	return nil
}

func findByActionID(node any, actionID string) map[string]any {
	switch n := node.(type) {
	case map[string]any:
		if n["action_id"] == actionID {
			return n
		}
		for _, child := range n {
			if el := findByActionID(child, actionID); el != nil {
				return el
			}
		}
	case []any:
		for _, child := range n {
			if el := findByActionID(child, actionID); el != nil {
				return el
			}
		}
	}
	return nil
}

// findOption returns the option of a select or radio element with value.
func findOption(el map[string]any, value string) map[string]any {
	lists := [][]any{}
	if opts, isList := el["options"].([]any); isList {
		lists = append(lists, opts)
	}
	groups, _ := el["option_groups"].([]any)
	for _, g := range groups {
		group, _ := g.(map[string]any)
		if opts, isList := group["options"].([]any); isList {
			lists = append(lists, opts)
		}
	}
	for _, opts := range lists {
		for _, o := range opts {
			op, _ := o.(map[string]any)
			if op["value"] == value {
				return op
			}
		}
	}
	return nil
}
