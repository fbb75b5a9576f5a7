package fakeslack

import (
	"fmt"
	"unicode/utf8"
)

// Block Kit limits Slack enforces (docs.slack.dev/reference/block-kit). Real
// Slack rejects a message or view that breaks one, so the fake does too:
// otherwise a card that is too long would pass every test and fail live.
const (
	maxBlockID      = 255
	maxActionID     = 255
	maxSectionText  = 3000
	maxFieldText    = 2000
	maxFields       = 10
	maxHeaderText   = 150
	maxButtonText   = 75
	maxButtonValue  = 2000
	maxURL          = 3000
	maxOptionText   = 75
	maxOptionValue  = 150
	maxOptions      = 100
	maxActionsElems = 25
	maxContextElems = 10
	maxPlaceholder  = 150
	maxModalTitle   = 24
	maxPrivateMeta  = 3000
	maxCallbackID   = 255
	maxModalBlocks  = 100
)

// validateBlocks returns Slack-style error messages for every limit blocks
// break, with JSON pointers under base.
func validateBlocks(blocks []any, maxBlocks int, base string) []string {
	v := &validator{}
	if len(blocks) > maxBlocks {
		v.add(base, "no more than %d items allowed", maxBlocks)
	}
	seen := map[string]bool{}
	for i, b := range blocks {
		p := fmt.Sprintf("%s/%d", base, i)
		block, _ := b.(map[string]any)
		typ, _ := block["type"].(string)
		if typ == "" {
			v.add(p, "missing required field: type")
			continue
		}
		if id, isStr := block["block_id"].(string); isStr {
			v.maxLen(p+"/block_id", id, maxBlockID)
			if seen[id] {
				v.add(p+"/block_id", "duplicate block_id %q", id)
			}
			seen[id] = true
		}
		switch typ {
		case "header":
			v.text(p+"/text", block["text"], maxHeaderText)
		case "section":
			v.text(p+"/text", block["text"], maxSectionText)
			fields, _ := block["fields"].([]any)
			if len(fields) > maxFields {
				v.add(p+"/fields", "no more than %d items allowed", maxFields)
			}
			for j, f := range fields {
				v.text(fmt.Sprintf("%s/fields/%d", p, j), f, maxFieldText)
			}
			if acc, isMap := block["accessory"].(map[string]any); isMap {
				v.element(p+"/accessory", acc)
			}
		case "actions":
			elems, _ := block["elements"].([]any)
			if len(elems) > maxActionsElems {
				v.add(p+"/elements", "no more than %d items allowed", maxActionsElems)
			}
			ids := map[string]bool{}
			for j, e := range elems {
				el, _ := e.(map[string]any)
				v.element(fmt.Sprintf("%s/elements/%d", p, j), el)
				if id, _ := el["action_id"].(string); id != "" {
					if ids[id] {
						v.add(fmt.Sprintf("%s/elements/%d/action_id", p, j), "duplicate action_id %q", id)
					}
					ids[id] = true
				}
			}
		case "context":
			if elems, _ := block["elements"].([]any); len(elems) > maxContextElems {
				v.add(p+"/elements", "no more than %d items allowed", maxContextElems)
			}
		case "input":
			v.text(p+"/label", block["label"], maxFieldText)
			if el, isMap := block["element"].(map[string]any); isMap {
				v.element(p+"/element", el)
			}
		}
	}
	return v.msgs
}

// validateModal checks a views.open/push/update view.
func validateModal(view map[string]any) []string {
	v := &validator{}
	if typ, _ := view["type"].(string); typ != "modal" {
		v.add("/view/type", "must be \"modal\"")
	}
	if view["title"] == nil {
		v.add("/view/title", "missing required field: title")
	}
	v.text("/view/title", view["title"], maxModalTitle)
	v.text("/view/submit", view["submit"], maxModalTitle)
	v.text("/view/close", view["close"], maxModalTitle)
	meta, _ := view["private_metadata"].(string)
	v.maxLen("/view/private_metadata", meta, maxPrivateMeta)
	cb, _ := view["callback_id"].(string)
	v.maxLen("/view/callback_id", cb, maxCallbackID)
	blocks, _ := view["blocks"].([]any)
	v.msgs = append(v.msgs, validateBlocks(blocks, maxModalBlocks, "/view/blocks")...)
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

// text checks a text object ({"type":"plain_text","text":…}).
func (v *validator) text(ptr string, obj any, n int) {
	if m, isMap := obj.(map[string]any); isMap {
		s, _ := m["text"].(string)
		v.maxLen(ptr+"/text", s, n)
	}
}

func (v *validator) element(ptr string, el map[string]any) {
	id, _ := el["action_id"].(string)
	v.maxLen(ptr+"/action_id", id, maxActionID)
	v.text(ptr+"/placeholder", el["placeholder"], maxPlaceholder)
	if el["type"] == "button" {
		v.text(ptr+"/text", el["text"], maxButtonText)
		value, _ := el["value"].(string)
		v.maxLen(ptr+"/value", value, maxButtonValue)
		u, _ := el["url"].(string)
		v.maxLen(ptr+"/url", u, maxURL)
	}
	opts, _ := el["options"].([]any)
	if len(opts) > maxOptions {
		v.add(ptr+"/options", "no more than %d items allowed", maxOptions)
	}
	for i, o := range opts {
		op, _ := o.(map[string]any)
		p := fmt.Sprintf("%s/options/%d", ptr, i)
		v.text(p+"/text", op["text"], maxOptionText)
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
