package knowledge

// TeamText is what the advisor says about a team's answers, on the team
// card in Slack and in the terminal. Format verbs are documented per field;
// every language uses the same verbs in the same order.
type TeamText struct {
	Recommend  string // heading: "Team recommendation"
	Based      string // "Based on the answers of %d members." → number of members
	Agreed     string // heading of the one line that lists the unanimous answers
	Differ     string // heading: where the members chose differently
	Decides    string // heading: what the disagreement decides
	TeamChoice string // marks the option the team profile takes
	Tied       string // after a tied question: the profile takes the more demanding answer
	Settle     string // "If you settle on “%s”: %s" → option label, the advice
	Decisive   string // after a question whose settlement changes the advice
	SameAdvice string // after a question whose settlement changes nothing
	NoSplit    string // when the team agreed on every question
	Contested  string // under the headline when a split decides the advice: "It turns on %s." → topics
	Member     string // "Member %d" → a member's number, when no name is known
}

var teamTexts = map[Lang]*TeamText{
	English: {
		Recommend:  "Team recommendation",
		Based:      "Based on the answers of %d members, given separately.",
		Agreed:     "Everyone agreed",
		Differ:     "Where you differ",
		Decides:    "What the disagreement decides",
		TeamChoice: "the team’s answer",
		Tied:       "A tie: until you settle it, the advice plans for the more demanding answer.",
		Settle:     "If you settle on “%s”: %s",
		Decisive:   "Settling this question decides the advice.",
		SameAdvice: "Either way, the advice stays the same.",
		NoSplit:    "You agreed on every question: there is no disagreement to settle.",
		Contested:  "This advice turns on what you have not agreed yet: %s. Settle it together before you act.",
		Member:     "Member %d",
	},
	French: {
		Recommend:  "Recommandation de l’équipe",
		Based:      "D’après les réponses de %d membres, données séparément.",
		Agreed:     "Tout le monde est d’accord",
		Differ:     "Là où vous divergez",
		Decides:    "Ce que votre désaccord décide",
		TeamChoice: "réponse de l’équipe",
		Tied:       "Égalité\u202f: tant que vous n’avez pas tranché, la recommandation retient la réponse la plus exigeante.",
		Settle:     "Si vous retenez «\u202f%s\u202f»\u202f: %s",
		Decisive:   "Trancher cette question décide de la recommandation.",
		SameAdvice: "Dans tous les cas, la recommandation reste la même.",
		NoSplit:    "Vous êtes d’accord sur chaque question\u202f: aucun désaccord à trancher.",
		Contested:  "Cette recommandation dépend de ce que vous n’avez pas encore tranché\u202f: %s. Décidez-le ensemble avant d’agir.",
		Member:     "Membre %d",
	},
}

// Team returns the team wording in t's language, English for a language
// the team card does not speak.
func (t *Text) Team() *TeamText {
	if tt, ok := teamTexts[t.Lang]; ok {
		return tt
	}
	return teamTexts[English]
}
