package knowledge

// The IDs below are the stable contract of SPEC §4: button values, stored
// answers and case links are built from them, so renaming one breaks
// sessions in flight and links already posted in Slack.

// Lang is a language the advisor speaks.
type Lang string

const (
	English Lang = "en"
	French  Lang = "fr"
)

// Langs lists the supported languages, default first.
var Langs = []Lang{English, French}

// QuestionID names one decision question.
type QuestionID string

// OptionID names one answer to a question; it is unique within its question.
type OptionID string

// OutcomeID names one recommendation.
type OutcomeID string

// CaseID names one of the article's case studies; it is also the anchor
// appended to CASE_STUDY_URL.
type CaseID string

// CriterionID names one row of the article's comparison of the two models.
type CriterionID string

const (
	Stage    QuestionID = "stage"
	TechLead QuestionID = "tech_lead"
	Need     QuestionID = "need"
	Urgency  QuestionID = "urgency"
	Budget   QuestionID = "budget"
)

const (
	Startup    OptionID = "startup"
	Scaleup    OptionID = "scaleup"
	Enterprise OptionID = "enterprise"

	LeadNone          OptionID = "none"
	LeadITOps         OptionID = "it_ops"
	LeadCTOOverloaded OptionID = "cto_overloaded"
	LeadCTOOK         OptionID = "cto_ok"

	NeedScale      OptionID = "scale"
	NeedLaunch     OptionID = "launch"
	NeedSpecialist OptionID = "specialist"
	NeedVision     OptionID = "vision"

	Immediate OptionID = "immediate"
	Months    OptionID = "months"
	LongTerm  OptionID = "long_term"

	Flexible OptionID = "flexible"
	FixedOK  OptionID = "fixed_ok"
)

const (
	ExternalThenInternal    OutcomeID = "external_then_internal"
	ExternalTransformation  OutcomeID = "external_transformation"
	InternalPlusSpecialists OutcomeID = "internal_plus_specialists"
	Internal                OutcomeID = "internal"
)

const (
	Case1 CaseID = "case-1"
	Case2 CaseID = "case-2"
	Case3 CaseID = "case-3"
)

const (
	LongTermVision CriterionID = "vision"
	Cost           CriterionID = "cost"
	Availability   CriterionID = "availability"
	Expertise      CriterionID = "expertise"
	Alignment      CriterionID = "alignment"
)

// Question is the language-free shape of one question: its ID and its
// options in the order they are shown (and numbered, from 1).
type Question struct {
	ID      QuestionID
	Options []OptionID
}

// Questions is the questionnaire in the order it is asked.
var Questions = []Question{
	{Stage, []OptionID{Startup, Scaleup, Enterprise}},
	{TechLead, []OptionID{LeadNone, LeadITOps, LeadCTOOverloaded, LeadCTOOK}},
	{Need, []OptionID{NeedScale, NeedLaunch, NeedSpecialist, NeedVision}},
	{Urgency, []OptionID{Immediate, Months, LongTerm}},
	{Budget, []OptionID{Flexible, FixedOK}},
}

// Outcomes lists every recommendation, external first.
var Outcomes = []OutcomeID{ExternalThenInternal, ExternalTransformation, InternalPlusSpecialists, Internal, HireInternal}

// CaseOf is the case study each outcome links to (SPEC §4).
var CaseOf = map[OutcomeID]CaseID{
	ExternalThenInternal:    Case1,
	ExternalTransformation:  Case2,
	InternalPlusSpecialists: Case3,
	Internal:                Case3,
	HireInternal:            Case3,
}

// Cases lists the article's case studies in order.
var Cases = []CaseID{Case1, Case2, Case3}

// Criteria lists the comparison rows in the article's order.
var Criteria = []CriterionID{LongTermVision, Cost, Availability, Expertise, Alignment}

// QuestionIndex returns the position of id in [Questions], or -1.
func QuestionIndex(id QuestionID) int {
	for i, q := range Questions {
		if q.ID == id {
			return i
		}
	}
	return -1
}

// Lookup returns the question with the given ID.
func Lookup(id QuestionID) (Question, bool) {
	if i := QuestionIndex(id); i >= 0 {
		return Questions[i], true
	}
	return Question{}, false
}

// Has reports whether o is one of q's options.
func (q Question) Has(o OptionID) bool {
	for _, x := range q.Options {
		if x == o {
			return true
		}
	}
	return false
}

// ParseLang reads a language code or a Slack locale such as "fr-FR" or
// "en_US"; it reports false for anything the advisor does not speak.
func ParseLang(s string) (Lang, bool) {
	if len(s) >= 2 {
		switch Lang(toLowerASCII(s[:2])) {
		case English:
			if len(s) == 2 || s[2] == '-' || s[2] == '_' {
				return English, true
			}
		case French:
			if len(s) == 2 || s[2] == '-' || s[2] == '_' {
				return French, true
			}
		}
	}
	return "", false
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
