package bot

// Action, block and callback IDs the bot puts in Block Kit and reads back
// from interactions. They are wire contract like SPEC §4's IDs: a message
// posted before a deploy still carries the old ones, so renaming one strands
// every button already in Slack.
const (
	actionAnswerPrefix = "answer_"              // + option ID; button value is "<question_id>:<option_id>" (SPEC §4)
	actionOpenCase     = "open_case_study"      // value: case ID ("case-1")
	actionReadArticle  = "read_article"         // link button to CASE_STUDY_URL#case-N; Slack still sends an action, which we ignore
	actionShare        = "share_recommendation" // value: the card's CardRev
	actionRestart      = "restart"              // value: the card's CardRev
	actionChangeAnswer = "change_answer"        // static_select; option values are question IDs
	blockAskPrefix     = "ask:"                 // + Session.Asked: the question's actions block
	blockCardPrefix    = "card:"                // + Session.CardRev: the card's actions block
	callbackShare      = "share"                // share modal
	callbackCase       = "case_study"           // case study modal
	blockShareChannel  = "share_channel"        // input block in the share modal
	actionShareChannel = "channel"              // its static_select
)
