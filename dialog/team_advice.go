package dialog

import (
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// TeamAdvice is what a team's answers decide: the advice for the team
// profile, and for each question the team split on, the advice had it
// settled the question each way its members answered it.
type TeamAdvice struct {
	Profile map[knowledge.QuestionID]knowledge.OptionID
	Tallies []Tally // every question, in questionnaire order
	Advice  Advice
	Splits  []Disagreement // the split questions, in questionnaire order
}

// Disagreement is one split question and what each way of settling it
// would give, the other questions kept at the team profile.
type Disagreement struct {
	Question knowledge.QuestionID
	Ways     []Way // one per option some member chose, in questionnaire order
	// Decides is set when the ways lead to different outcomes: settling
	// this question is settling the advice.
	Decides bool
}

// Way is one way to settle a split question.
type Way struct {
	Option  knowledge.OptionID
	Members []string // who answered it
	Advice  Advice
}

// AdviseTeam decides for a team from its members' answers. Every answer
// the team did not give unanimously is named in Splits, so no
// disagreement is settled silently by the count.
func AdviseTeam(kb *knowledge.Base, members []Member) TeamAdvice {
	profile, tallies := Profile(members)
	ta := TeamAdvice{Profile: profile, Tallies: tallies, Advice: Advise(kb, profile)}
	for _, t := range tallies {
		if !t.Split {
			continue
		}
		d := Disagreement{Question: t.Question}
		for _, v := range t.Votes {
			rec := ta.Advice
			if v.Option != t.Choice {
				rec = Advise(kb, Settle(profile, t.Question, v.Option))
			}
			if rec.Outcome != ta.Advice.Outcome {
				d.Decides = true
			}
			d.Ways = append(d.Ways, Way{Option: v.Option, Members: v.Members, Advice: rec})
		}
		ta.Splits = append(ta.Splits, d)
	}
	return ta
}

// Contested reports whether settling some split question another way
// would change the advice.
func (ta TeamAdvice) Contested() bool {
	for _, d := range ta.Splits {
		if d.Decides {
			return true
		}
	}
	return false
}
