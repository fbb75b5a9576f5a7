package dialog

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// CardText is the advice in words, plain text with no markup: the same
// sentences on the Slack card, in the terminal and in `ctoadvisor advise`.
type CardText struct {
	Headline  string   // the plan in a few words: "Fractional CTO now, then a full-time CTO"
	Lead      string   // the plan for the need at hand, in one sentence: the start of Summary
	Summary   string   // the plan in one sentence, then what else holds of the answers
	Why       []string // one sentence per reason, in the order of [Advice.Why]
	Change    string   // what would change it, or that nothing in reach would
	NextSteps []string // what the leadership team does first: two or three
}

// maxSteps is how many next steps the card shows.
const maxSteps = 3

// Text says a in t's language. Every sentence comes from the knowledge,
// chosen by the answers, so it is true of them (SPEC §4b rule 9).
func (a Advice) Text(t *knowledge.Text) CardText {
	out := t.Outcomes[a.Outcome]
	c := CardText{Headline: title(t, a.Outcome)}

	c.Lead = out.Lead
	for _, l := range out.Mission {
		if l.Holds(a.Answers) {
			c.Lead = l.Text
			break
		}
	}
	summary := []string{c.Lead}
	for _, l := range out.Summary {
		if l.Holds(a.Answers) {
			summary = append(summary, l.Text)
		}
	}
	c.Summary = strings.Join(summary, " ")

	for _, r := range a.Why {
		c.Why = append(c.Why, t.Reasons[r.Question][r.Option].WhyFor(r.ArguesFor))
	}

	switch {
	case len(a.WhatWouldChange) == 0:
		c.Change = t.Phrases.NoFlip
	case a.CloseCall != nil:
		// The change that settles it: the first one that gives the other
		// plan, which is the settling lever's, since both are searched with
		// the deadline first, then the budget.
		i := max(0, slices.IndexFunc(a.WhatWouldChange, func(ch Change) bool { return ch.Outcome == a.CloseCall.Between[1] }))
		c.Change = fmt.Sprintf(t.Phrases.CloseCall, t.Settle[a.CloseCall.SettleWith], lowerFirst(flipLine(t, a.WhatWouldChange[i])))
	default:
		// One alternative only, so the card reads in under a minute: the
		// smallest change to a plan of another kind, which is the choice a
		// leadership team weighs; failing that, the smallest change, said
		// to change only the form of the plan.
		kind := knowledge.Plans[a.Outcome].Now
		if i := slices.IndexFunc(a.WhatWouldChange, func(ch Change) bool { return knowledge.Plans[ch.Outcome].Now != kind }); i >= 0 {
			c.Change = flipLine(t, a.WhatWouldChange[i])
		} else {
			c.Change = fmt.Sprintf(t.Phrases.FlavourOnly, lowerFirst(flipLine(t, a.WhatWouldChange[0])))
		}
	}

	for _, l := range out.NextSteps {
		if len(c.NextSteps) == maxSteps {
			break
		}
		if l.Holds(a.Answers) {
			c.NextSteps = append(c.NextSteps, l.Text)
		}
	}
	return c
}

// flipLine says one change and the advice it would give.
func flipLine(t *knowledge.Text, ch Change) string {
	var conds []string
	for _, q := range knowledge.Questions {
		if o, ok := ch.Changes[q.ID]; ok {
			conds = append(conds, t.Reasons[q.ID][o].With)
		}
	}
	return fmt.Sprintf(t.Phrases.FlipLine, JoinAnd(conds, t.Phrases.AndIf), advise(t, ch.Outcome))
}

// lowerFirst lowers the first letter of a sentence set after a colon.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// advise falls back to the title, as [title] falls back to the ID.
func advise(t *knowledge.Text, o knowledge.OutcomeID) string {
	if s := t.Outcomes[o].Advise; s != "" {
		return s
	}
	return title(t, o)
}

// JoinAnd lists items as prose: "a", "a and b", "a, b and c".
func JoinAnd(items []string, and string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// title falls back to the outcome's ID, so a gap in the text never leaves
// a sentence with a hole in it.
func title(t *knowledge.Text, o knowledge.OutcomeID) string {
	if s := t.Outcomes[o].Title; s != "" {
		return s
	}
	return string(o)
}

// WordCount counts words as a reader does: runs of text with a letter or a
// digit in them, so a French colon standing alone, a bullet or a rule line
// is not a word. SPEC §5's limit on a card (250 words) is measured with it.
func WordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
