package knowledge

// Phrases are every sentence the advisor says around the article's
// content, in one language: the dialog and the card (terminal and Slack
// alike), then what only Slack says, what only the terminal says, and the
// sentences that explain why something did not happen. One table per
// language, so a reply never falls back to another wording or another
// language; [Load] checks that every language fills every phrase with the
// same format verbs in the same order, since callers pass the same
// arguments whatever the language.
//
// Phrases are plain text: the bot escapes them for Slack and fills %s with
// values it has escaped or formatted itself (mentions, links).
type Phrases struct {
	// The dialog, in Slack and in the terminal.
	Intro       string // what the advisor is, one or two sentences
	Progress    string // "Question %d of %d"
	NoMatch     string // "I didn't understand “%s”." (user text, already escaped by the caller)
	Choices     string // "Choose one of: %s" (a list of numbered labels)
	Answered    string // "%s: %s" → topic, chosen label; also every "label: value" pair
	Cancelled   string // the session was cancelled
	Restarted   string // starting over
	Back        string // going back to the previous question
	NothingBack string // already at the first question

	// The recommendation card and the case study.
	Why          string // heading: "Why"
	WhatChanges  string // heading: "What would change it"
	FlipLine     string // "If %s, we would advise %s." → changed answers joined with AndIf, the outcome's Advise
	AndIf        string // joins two changed answers in FlipLine: "and" / "et si"
	FlavourOnly  string // "Only the form of the external help would change: %s" → a FlipLine, first letter lowered
	NoFlip       string // no change of one or two levers (need, urgency, budget) changes the outcome
	CloseCall    string // "This is a close call, and %s settles it: %s" → the settling question, a FlipLine, first letter lowered
	Comparison   string // heading: "Internal or external: the article's comparison"
	Compare      string // button: opens the comparison, the decision factors and the conclusion
	Factors      string // heading: "The four decision factors"
	Conclusion   string // heading: "The article's conclusion"
	NextSteps    string // heading: "What to do next"
	MissionsIn   string // heading: "The missions in case study %d" → the case's number
	CaseStudy    string // heading / button: "Read the case study"
	ReadArticle  string // link button to the article
	Share        string // button: "Share with leadership"
	Restart      string // button: "Start over"
	ChangeAnswer string // placeholder of the change-an-answer select
	Context      string // case study heading
	Problem      string // case study heading
	Choice       string // case study heading
	Missions     string // case study heading
	Result       string // case study heading
	Lesson       string // case study heading
	YourAnswers  string // heading: "Your answers"
	And          string // joins the last two items of a list: "and" / "et"

	// Only in Slack: the thread, the slash command, the modals.
	Started        string // root message: "%s asked…" → the owner's mention
	Queued         string // ephemeral, when Slack's pace for posts in a channel delays the thread: "…about %d seconds" → the wait
	Topics         string // root message: "Topics: %s" → the question topics
	ReplyHint      string // under a question: buttons, or a typed number or label, or a thread word
	Current        string // marks the previous answer when a question is asked again
	Help           string // /cto-advice help, and help typed in a thread: several lines
	UnknownArg     string // "I don't know “%s”." → the slash command's argument, escaped
	TooLong        string // a typed reply too long to read
	Close          string // modal close button (≤ 24)
	CaseTitle      string // case study modal title: "Case study %d" (≤ 24)
	CompareTitle   string // comparison modal title (≤ 24)
	ShareTitle     string // share modal title (≤ 24)
	ShareSubmit    string // share modal submit button (≤ 24)
	ShareCancel    string // share modal close button (≤ 24)
	ShareTo        string // label of the channel picker
	ShareChoose    string // placeholder of the channel picker
	Preview        string // above the preview of the card
	SharedBy       string // "Shared by %s" → the sharer's mention
	TheThread      string // text of the link back to the thread
	Shared         string // "Shared to %s." → channel mention
	NotInChannel   string // the bot cannot post in the channel: %s is the bot's mention, for /invite
	CannotPostHere string // the bot cannot post in this conversation at all

	// Only in the terminal, which has no buttons and no thread.
	TerminalHint      string // how to answer by typing
	TerminalHelp      string // the words and what they do, several lines
	TerminalAfterCard string // what can be typed once the card is shown
	Goodbye           string // said at the end of input
	TerminalTeam      string // team mode's introduction: %d is the number of members
	TerminalTurn      string // "Member %d of %d" → position, team size
	TerminalName      string // asks the member's name as the keyboard passes on
	TerminalPrivate   string // %s: the member's name; their answers stay private
	TerminalReveal    string // everyone answered: the team card follows

	// Why something did not happen: errors and refusals, as a user reads them.
	Unavailable     string // anything unexpected, the store down included
	NotOwner        string // %s: the owner's mention
	Stale           string // a click or reply on a question already answered
	Finished        string // a click on a session already over
	Expired         string // the session is gone
	CardStale       string // a click on a card since recomputed
	PostFailed      string // Slack refused the bot's next message
	ShareOff        string // no leadership channels are configured
	ShareNotAllowed string // the channel is not a leadership channel
	ShareNotMember  string // the user is not in the channel
	ShareArchived   string
	ShareExternal   string // the channel is shared with another organisation
	ShareBotOut     string // the bot is not in the channel
	ShareStale      string // the card changed since the share window opened
	ShareFailed     string // a temporary failure while sharing
	ShareAlready    string // this card revision was shared already
	ShareNoChannel  string // the user is a member of none of the leadership channels
	Busy            string // one user sent more than the bot queues for them: some were skipped
	TooMany         string // the user started more dialogs than the per-user quota allows

	// The team card, in Slack and in the terminal.
	Team TeamText

	// The app's Home tab in Slack.
	Home HomeText
}
