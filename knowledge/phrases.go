package knowledge

// Phrases are the words around the article's content: progress, headings,
// hints and buttons, shared by the terminal and Slack. Format verbs are
// documented per field; both languages must use the same verbs in the same
// order.
type Phrases struct {
	Intro        string // what the advisor is, one or two sentences
	Progress     string // "Question %d of %d"
	ReplyHint    string // how to answer by typing: number, label, or back/restart/cancel/help
	NoMatch      string // "I didn't understand “%s”." (user text, already escaped by the caller)
	Choices      string // "Choose one of: %s" (a list of numbered labels)
	Answered     string // "%s: %s" → topic, chosen label, shown on an answered question
	Help         string // the thread words and what they do, several lines
	Cancelled    string // the session was cancelled
	Restarted    string // starting over
	Back         string // going back to the previous question
	NothingBack  string // already at the first question
	Recommend    string // heading: "Our recommendation"
	Why          string // heading: "Why"
	WhatChanges  string // heading: "What would change it"
	FlipLine     string // "With %s, the advice would be: %s." → changed answers joined, outcome title
	NoFlip       string // no single change of answer flips the outcome
	TieLine      string // "%s and %s scored within %d points of each other, so…" → outcome titles, margin
	Comparison   string // heading: "Internal or external: the article's comparison"
	NextSteps    string // heading: "Next steps"
	CaseStudy    string // heading / button: "Read the case study"
	ReadArticle  string // link button to the article
	Share        string // button: "Share with leadership"
	Restart      string // button: "Start over"
	ChangeAnswer string // placeholder of the change-an-answer select
	Scores       string // heading: "Scores"
	Context      string // case study heading
	Problem      string // case study heading
	Choice       string // case study heading
	Missions     string // case study heading
	Result       string // case study heading
	Lesson       string // case study heading
	YourAnswers  string // heading: "Your answers"
	And          string // joins the last two items of a list: "and" / "et"
	Goodbye      string // the terminal says this at EOF
}
