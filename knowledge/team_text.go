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

	// Only in Slack: the root message, the answers modal, the refusals.
	Started         string // root message: "%s is gathering…" → the organiser's mention
	Invited         string // "Invited: %s" → mentions
	Open            string // anyone in the channel may answer
	Answered        string // "Answered (%d): %s" → count, mentions
	NobodyYet       string // nobody has answered yet
	Waiting         string // "Waiting for: %s" → mentions
	WillReveal      string // "%s reveals…" → the organiser's mention
	Revealed        string // "%s revealed…" → the organiser's mention
	Join            string // button: give my answers (≤ 75)
	Reveal          string // button (≤ 75)
	Reopen          string // button (≤ 75)
	ModalTitle      string // answers modal title (≤ 24)
	ModalSubmit     string // answers modal submit (≤ 24)
	ModalClose      string // answers modal close (≤ 24)
	ModalIntro      string // "%s reveals…" → the organiser's mention
	Choose          string // placeholder of each question's select
	Reopened        string // "%s reopened…" → the organiser's mention
	Organiser       string // names the organiser where a mention cannot render (a modal's error)
	NotOrganiser    string // "Only %s…" → the organiser
	AlreadyRevealed string // "%s can reopen" → the organiser
	NotInvited      string // "the people %s invited" → the organiser
	Full            string // the team has its 20 members
	NoAnswers       string // a reveal with nobody's answers
	TooMany         string // the command named more than 20 people
}

// Team returns the team wording in t's language: the team card's part of
// [Phrases], checked by [Load] with the rest.
func (t *Text) Team() *TeamText { return &t.Phrases.Team }
