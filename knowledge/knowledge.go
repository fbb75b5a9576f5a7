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
	// Weights says how much each answer pushes towards each outcome.
	Weights Weights
	// TieMargin is the score gap under which two outcomes are too close to
	// call and the [Hybrid] is recommended instead.
	TieMargin int

	texts map[Lang]*Text
}

// Weights maps question → option → outcome → points.
type Weights map[QuestionID]map[OptionID]map[OutcomeID]int

// Text is everything the advisor says in one language.
type Text struct {
	Lang       Lang
	Questions  map[QuestionID]QuestionText
	Outcomes   map[OutcomeID]OutcomeText
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
	Why     string // what this answer means for the decision, shown on the card
}

// OutcomeText is one recommendation as explained.
type OutcomeText struct {
	Title     string   // short: "External CTO, then internal"
	Headline  string   // the recommendation in one sentence
	Reasoning string   // why, in the article's terms
	NextSteps []string // drawn from the case studies' mission lists
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
