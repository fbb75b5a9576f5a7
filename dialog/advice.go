package dialog

import (
	"maps"
	"slices"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Advice is what a set of answers comes to (SPEC §4b): the outcome and its
// plan, whether it was a close call, the answers that argue for it, and
// what leadership could change to get other advice.
type Advice struct {
	Answers map[knowledge.QuestionID]knowledge.OptionID
	Outcome knowledge.OutcomeID
	Case    knowledge.CaseID
	Plan    knowledge.Plan
	// Missions is the case study whose missions the card lists, "" for
	// none: usually Case, another where Case's would be untrue of the
	// answers ([knowledge.MissionsFrom]).
	Missions  knowledge.CaseID
	CloseCall *CloseCall // nil unless the answers pull both ways
	Why       []Reason   // at most [maxWhy], each arguing for Outcome or, on a close call, for the other of the two
	// WhatWouldChange lists the smallest changes of levers (need, urgency,
	// budget) that give another outcome, one per outcome: single changes
	// first, then pairs when no single change reaches a plan of another
	// kind (external, internal, internal with external help): all of them
	// when no single change exists, else those of another kind. Nil means
	// no change of one or two levers alters the advice.
	WhatWouldChange []Change
}

// CloseCall says the answers pull towards two plans of different kinds
// (external, internal, or internal with external help) about equally, and
// which question settles it. Between[0] is the advice given.
type CloseCall struct {
	Between    [2]knowledge.OutcomeID
	SettleWith knowledge.QuestionID
}

// Reason is one answer and the outcome it argues for.
type Reason struct {
	Question  knowledge.QuestionID
	Option    knowledge.OptionID
	ArguesFor knowledge.OutcomeID
}

// Change is a change of answers and the advice it would give.
type Change struct {
	Changes map[knowledge.QuestionID]knowledge.OptionID
	Outcome knowledge.OutcomeID
}

// maxWhy is how many answers the card shows under "why".
const maxWhy = 3

// whyOrder is the order reasons are listed in: the structure first, then
// the plan's levers, maturity last since it only flavours the advice.
var whyOrder = []knowledge.QuestionID{knowledge.TechLead, knowledge.Need, knowledge.Urgency, knowledge.Budget, knowledge.Stage}

// Advise decides what answers come to with kb's rules. Unanswered
// questions, and options a question does not have, satisfy no condition,
// so a partial set of answers gives the advice so far.
func Advise(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID) Advice {
	a := Advice{Answers: answers, Outcome: Decide(kb, answers)}
	a.Case = knowledge.CaseOf[a.Outcome]
	a.Plan = knowledge.PlanOf(a.Outcome, answers)
	a.Missions = knowledge.MissionsOf(a.Outcome, answers)
	a.CloseCall = closeCall(kb, answers, a.Outcome)
	a.Why = why(kb, answers, a.Outcome, a.CloseCall)
	a.WhatWouldChange = whatWouldChange(kb, answers, a.Outcome)
	return a
}

// Decide returns the outcome of the first of kb's rules that answers
// satisfy: the decision alone, without the explanations [Advise] adds.
func Decide(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID) knowledge.OutcomeID {
	for _, r := range kb.Rules {
		if r.Match(answers) {
			return r.Then
		}
	}
	return knowledge.Outcomes[0] // unreachable with a Base that passed Load: its last rule matches all
}

// argues reports whether the answer to q argues for out.
func argues(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID, q knowledge.QuestionID, out knowledge.OutcomeID) bool {
	o, ok := answers[q]
	return ok && slices.Contains(kb.Argues[q][o], out)
}

// support counts the answers that argue for out.
func support(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID, out knowledge.OutcomeID) int {
	n := 0
	for q := range answers {
		if argues(kb, answers, q, out) {
			n++
		}
	}
	return n
}

// closeCall finds the plan of another kind that a different deadline or
// budget ([knowledge.Settlers]) would switch the advice to, when at least as
// many answers argue for it as for the advice given. Two external outcomes
// are never a close call: the need picks the mission (rule 6).
func closeCall(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID, current knowledge.OutcomeID) *CloseCall {
	kind := knowledge.Plans[current].Now
	for _, q := range knowledge.Settlers {
		for _, o := range neighbours(q, answers) {
			other := Decide(kb, withAnswer(answers, q, o))
			if knowledge.Plans[other].Now == kind {
				continue
			}
			if support(kb, answers, other) >= support(kb, answers, current) {
				return &CloseCall{Between: [2]knowledge.OutcomeID{current, other}, SettleWith: q}
			}
		}
	}
	return nil
}

// why lists the answers that argue for current, in [whyOrder]; on a close
// call, the best reason for the other plan takes the last place, so the
// card shows why it was close.
func why(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID, current knowledge.OutcomeID, cc *CloseCall) []Reason {
	var mine, theirs []Reason
	for _, q := range whyOrder {
		o, ok := answers[q]
		switch {
		case !ok:
		case argues(kb, answers, q, current):
			mine = append(mine, Reason{Question: q, Option: o, ArguesFor: current})
		case cc != nil && argues(kb, answers, q, cc.Between[1]):
			theirs = append(theirs, Reason{Question: q, Option: o, ArguesFor: cc.Between[1]})
		}
	}
	if len(theirs) > 0 {
		mine = append(mine[:min(len(mine), maxWhy-1)], theirs[0])
	}
	return mine[:min(len(mine), maxWhy)]
}

// whatWouldChange tries every change of one lever, then of two, and keeps
// the first change found for each other outcome, levers in
// [knowledge.Levers] order: the deadline and the budget before the need.
// Pairs are tried when no single change reaches a plan of another kind,
// and kept, next to single changes, only for such a plan: a change of
// kind is what a leadership team weighs, a change of flavour within one
// kind rarely is. Only
// answered questions change: answering a question not yet reached is not
// a change of mind.
func whatWouldChange(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID, current knowledge.OutcomeID) []Change {
	var out []Change
	keep := func(c map[knowledge.QuestionID]knowledge.OptionID) {
		changed := applied(answers, c)
		o := Decide(kb, changed)
		if o == current || slices.ContainsFunc(out, func(x Change) bool { return x.Outcome == o }) {
			return
		}
		out = append(out, Change{Changes: c, Outcome: o})
	}
	for _, q := range knowledge.Levers {
		for _, o := range options(q, answers) {
			keep(map[knowledge.QuestionID]knowledge.OptionID{q: o})
		}
	}
	kind := knowledge.Plans[current].Now
	crosses := func(c Change) bool { return knowledge.Plans[c.Outcome].Now != kind }
	if slices.ContainsFunc(out, crosses) {
		return out
	}
	singles := len(out)
	for i, q1 := range knowledge.Levers {
		for _, q2 := range knowledge.Levers[i+1:] {
			for _, o1 := range options(q1, answers) {
				for _, o2 := range options(q2, answers) {
					keep(map[knowledge.QuestionID]knowledge.OptionID{q1: o1, q2: o2})
				}
			}
		}
	}
	if singles == 0 {
		return out
	}
	return append(out[:singles], slices.DeleteFunc(out[singles:], func(c Change) bool { return !crosses(c) })...)
}

// neighbours lists the other answers to q a close call can turn on: all of
// them, or for an ordered question the ones next to the answer given.
func neighbours(q knowledge.QuestionID, answers map[knowledge.QuestionID]knowledge.OptionID) []knowledge.OptionID {
	if !knowledge.Ordered[q] {
		return options(q, answers)
	}
	question, _ := knowledge.Lookup(q)
	i := slices.Index(question.Options, answers[q])
	if i < 0 {
		return nil
	}
	var out []knowledge.OptionID
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(question.Options) {
			out = append(out, question.Options[j])
		}
	}
	return out
}

// options lists the other answers q could have had; none when q is
// unanswered.
func options(q knowledge.QuestionID, answers map[knowledge.QuestionID]knowledge.OptionID) []knowledge.OptionID {
	cur, ok := answers[q]
	if !ok {
		return nil
	}
	question, _ := knowledge.Lookup(q)
	var out []knowledge.OptionID
	for _, o := range question.Options {
		if o != cur {
			out = append(out, o)
		}
	}
	return out
}

// applied returns a copy of answers with the changes applied.
func applied(answers, changes map[knowledge.QuestionID]knowledge.OptionID) map[knowledge.QuestionID]knowledge.OptionID {
	m := make(map[knowledge.QuestionID]knowledge.OptionID, len(answers))
	maps.Copy(m, answers)
	for q, o := range changes {
		m[q] = o
	}
	return m
}

// Profiles returns every complete set of answers (288), in questionnaire
// order: the first option of every question first, the last question's
// options varying fastest.
func Profiles() []map[knowledge.QuestionID]knowledge.OptionID {
	all := []map[knowledge.QuestionID]knowledge.OptionID{{}}
	for _, q := range knowledge.Questions {
		next := make([]map[knowledge.QuestionID]knowledge.OptionID, 0, len(all)*len(q.Options))
		for _, p := range all {
			for _, o := range q.Options {
				next = append(next, withAnswer(p, q.ID, o))
			}
		}
		all = next
	}
	return all
}

// ProfileCode writes answers as one digit per question, the option's
// number as shown (from 1), 0 when unanswered: "11111" is the start-up
// with no senior lead that needs to scale now on a variable budget.
func ProfileCode(answers map[knowledge.QuestionID]knowledge.OptionID) string {
	b := make([]byte, len(knowledge.Questions))
	for i, q := range knowledge.Questions {
		b[i] = '0'
		for j, o := range q.Options {
			if answers[q.ID] == o {
				b[i] = byte('1' + j)
			}
		}
	}
	return string(b)
}
