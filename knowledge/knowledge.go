// Package knowledge holds the article "CTO interne vs externe : études de
// cas" as data: the questionnaire, the outcomes, the case studies, the
// comparison of the two models and the scoring weights, in French (the
// source of truth) and English.
//
// It imports only the standard library: no Slack, no Redis. Everything is
// compiled into the binary and checked by [Load].
package knowledge

// Base is the validated knowledge the advisor decides and speaks from.
type Base struct {
	// Rules decide the outcome: the first whose conditions hold.
	Rules []Rule
	// Argues says which outcomes each answer speaks for.
	Argues map[QuestionID]map[OptionID][]OutcomeID

	texts map[Lang]*Text
}

// Text is everything the advisor says in one language.
type Text struct {
	Lang       Lang
	Questions  map[QuestionID]QuestionText
	Outcomes   map[OutcomeID]OutcomeText
	Reasons    map[QuestionID]map[OptionID]Reason
	Settle     map[QuestionID]string // a lever as what settles a close call: "how soon you need results"
	Cases      map[CaseID]CaseStudy
	Criteria   map[CriterionID]Criterion
	Models     Models
	Factors    []string // the four decision factors of the article
	Conclusion string
	Phrases    Phrases
}

// QuestionText is one question as asked.
type QuestionText struct {
	Prompt  string // the question itself
	Topic   string // a short name for it: "Maturity", "Budget"
	Options map[OptionID]OptionText
}

// OptionText is one answer as shown.
type OptionText struct {
	Label   string // fits a Slack button: at most 75 characters
	Explain string // one line under the question
}

// Reason is what one answer means for the advice.
type Reason struct {
	// Why is the answer as a case for every outcome it argues for
	// ([Base.Argues]); empty when it argues for none.
	Why string
	// With is the answer as a condition, for levers only: "you had no
	// deadline", read in "If you had no deadline, we would advise…".
	With string
	// For overrides Why where the answer argues for an outcome in other
	// terms: a full-time salary in the budget argues for keeping the CTO
	// in place differently from how it argues for hiring one.
	For map[OutcomeID]string
}

// WhyFor is r as a case for outcome.
func (r Reason) WhyFor(outcome OutcomeID) string {
	if s, ok := r.For[outcome]; ok {
		return s
	}
	return r.Why
}

// OutcomeText is one recommendation as explained to a leadership team.
type OutcomeText struct {
	Title string // the plan in a few words, the card's headline: "Fractional CTO now, then a full-time CTO"
	Lead  string // the plan in one sentence, true of every profile it is given to
	// Mission says the plan for the need at hand: the first line that
	// holds opens the summary in place of Lead (rule 6: inside one kind
	// of plan, the need picks the mission).
	Mission []Line
	// Advise is the plan as what "we would advise" in a change line:
	// "hiring a full-time CTO now".
	Advise    string
	Summary   []Line // why this plan, in the article's terms: every line that holds, in order
	NextSteps []Line // what the leadership team does first: the first three lines that hold
}

// Line is a sentence said only of the answers that satisfy If (every
// question named, answered with one of its options); a nil If always holds.
// Conditions keep every sentence true of the answers: no budget talk after a
// variable-cost answer, no executive committee for a start-up.
type Line struct {
	If   map[QuestionID][]OptionID
	Text string
}

// Holds reports whether l is true of answers.
func (l Line) Holds(answers map[QuestionID]OptionID) bool {
	return Rule{If: l.If}.Match(answers)
}

// when is the condition of a [Line]: question q answered with one of opts.
func when(q QuestionID, opts ...OptionID) map[QuestionID][]OptionID {
	return map[QuestionID][]OptionID{q: opts}
}

// both is the condition that a and b hold.
func both(a, b map[QuestionID][]OptionID) map[QuestionID][]OptionID {
	m := make(map[QuestionID][]OptionID, len(a)+len(b))
	for q, o := range a {
		m[q] = o
	}
	for q, o := range b {
		m[q] = o
	}
	return m
}

// CaseStudy is one of the article's case studies, in full.
type CaseStudy struct {
	Title    string
	Context  string
	Problem  []string
	Choice   string
	Missions []string
	Result   string
	Lesson   string
}

// Criterion is one row of the article's comparison of the two models.
type Criterion struct {
	Name     string
	Internal string
	External string
}

// Models describes the two approaches the article compares.
type Models struct {
	InternalName string
	Internal     []string
	ExternalName string
	External     []string
}

// Text returns the text in l, falling back to English for a language the
// advisor does not speak.
func (b *Base) Text(l Lang) *Text {
	if t, ok := b.texts[l]; ok {
		return t
	}
	return b.texts[English]
}
