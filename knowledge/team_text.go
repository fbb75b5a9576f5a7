package knowledge

// TeamText is what the advisor says about a team's answers, on the team
// card in Slack and in the terminal: the [Phrases.Team] part of the one
// table per language. Format verbs are documented per field; every
// language uses the same verbs in the same order.
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

// Team returns the team wording in t's language: the team card's part of
// [Phrases], checked by [Load] with the rest.
func (t *Text) Team() *TeamText { return &t.Phrases.Team }
