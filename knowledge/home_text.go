package knowledge

// HomeText is the app's Home tab in Slack: the [Phrases.Home] part of the
// one table per language.
type HomeText struct {
	Start      string // button: start a new assessment in a DM with the app (≤ 75)
	StartHint  string // where the questions come, and how to gather a team
	Recent     string // heading of the user's latest recommendations
	None       string // no recommendation yet
	TeamMark   string // marks a team's recommendation
	OpenThread string // link text to the recommendation's thread
	Language   string // heading of the language preference
	LangHint   string // what the preference does
	LangAuto   string // option: follow the Slack language (≤ 75)
	LangEN     string // option: English, named in English (≤ 75)
	LangFR     string // option: French, named in French (≤ 75)
}
