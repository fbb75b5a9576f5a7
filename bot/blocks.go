package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Slack's Block Kit limits, in characters (runes); past them Slack rejects
// the whole message with invalid_blocks, so every text is clipped to fit.
const (
	maxText        = 3000 // a section's or context's text object
	maxLabel       = 2000 // an input block's label
	maxHeader      = 150  // a header block
	maxButton      = 75   // a button's text
	maxOption      = 75   // a select option's text
	maxPlaceholder = 150  // a select's placeholder
	maxModalTitle  = 24   // a modal's title, submit and close
	maxEcho        = 100  // a user's reply quoted back in a hint
)

// rootMessage is the channel message that opens the thread: it names the
// owner, so the channel sees who is deciding, and says what will happen.
func rootMessage(t *knowledge.Text, owner string) (fallback string, blocks []slack.Block) {
	p := t.Phrases
	started := fmt.Sprintf(escapeMrkdwn(p.Started), mention(owner))
	topics := make([]string, len(knowledge.Questions))
	for i, q := range knowledge.Questions {
		topics[i] = escapeMrkdwn(t.Questions[q.ID].Topic)
	}
	blocks = []slack.Block{
		section(started + "\n\n" + escapeMrkdwn(p.Intro)),
		contextLine(fmt.Sprintf(escapeMrkdwn(p.Topics), strings.Join(topics, " · "))),
	}
	return started, blocks
}

// questionMessage asks s.Current: its number and prompt, the options
// numbered as a typed reply expects them, and one button per option. The
// actions block carries s.Asked so a click on an older copy of the same
// question is recognised as stale. When the question was answered before
// (back, change an answer), the previous choice is marked.
func questionMessage(t *knowledge.Text, s dialog.Session) (fallback string, blocks []slack.Block) {
	q, _ := knowledge.Lookup(s.Current)
	qt := t.Questions[s.Current]
	previous, answered := s.Answers[s.Current]
	progress := fmt.Sprintf(escapeMrkdwn(t.Phrases.Progress), knowledge.QuestionIndex(s.Current)+1, len(knowledge.Questions))

	lines := make([]string, len(q.Options))
	buttons := make([]slack.BlockElement, len(q.Options))
	for i, o := range q.Options {
		ot := qt.Options[o]
		line := fmt.Sprintf("*%d. %s*", i+1, escapeMrkdwn(optionLabel(t, s.Current, o)))
		if ot.Explain != "" {
			line += " — " + escapeMrkdwn(ot.Explain)
		}
		b := slack.NewButtonBlockElement(actionAnswerPrefix+string(o), string(s.Current)+":"+string(o),
			plainText(optionLabel(t, s.Current, o), maxButton))
		if answered && o == previous {
			line += " ✓ _" + escapeMrkdwn(t.Phrases.Current) + "_"
			b = b.WithStyle(slack.StylePrimary)
		}
		lines[i] = line
		buttons[i] = b
	}

	blocks = []slack.Block{
		section("*" + progress + "*\n" + escapeMrkdwn(qt.Prompt)),
		section(strings.Join(lines, "\n")),
		slack.NewActionBlock(blockAskPrefix+strconv.Itoa(s.Asked), buttons...),
		contextLine(escapeMrkdwn(t.Phrases.ReplyHint)),
	}
	return labelled(t, progress, escapeMrkdwn(qt.Prompt)), blocks
}

// answeredMessage replaces a question once answered: the question and the
// choice, no buttons, so the thread reads as a record of the dialog.
// position is the question's number as shown ("Question position of 5").
func answeredMessage(t *knowledge.Text, q knowledge.QuestionID, o knowledge.OptionID, position int) (fallback string, blocks []slack.Block) {
	qt := t.Questions[q]
	progress := fmt.Sprintf(escapeMrkdwn(t.Phrases.Progress), position, len(knowledge.Questions))
	choice := labelled(t, "*"+escapeMrkdwn(qt.Topic)+"*", escapeMrkdwn(optionLabel(t, q, o)))
	blocks = []slack.Block{
		contextLine(progress + " · " + escapeMrkdwn(qt.Prompt)),
		section("✅ " + choice),
	}
	return labelled(t, escapeMrkdwn(qt.Topic), escapeMrkdwn(optionLabel(t, q, o))), blocks
}

// noMatchMessage is the hint for a typed reply that matched no option. It
// quotes the reply so the user sees what was read, escaped (SPEC §7) and on
// one line, so a reply can neither mention anyone nor fake a quote block.
func noMatchMessage(t *knowledge.Text, q knowledge.QuestionID, userText string) (fallback string, blocks []slack.Block) {
	echo := escapeEcho(truncateRunes(strings.Join(strings.Fields(userText), " "), maxEcho))
	noMatch := fmt.Sprintf(escapeMrkdwn(t.Phrases.NoMatch), echo)
	question, _ := knowledge.Lookup(q)
	choices := make([]string, len(question.Options))
	for i, o := range question.Options {
		choices[i] = fmt.Sprintf("*%d.* %s", i+1, escapeMrkdwn(optionLabel(t, q, o)))
	}
	blocks = []slack.Block{
		section(noMatch + "\n" + fmt.Sprintf(escapeMrkdwn(t.Phrases.Choices), strings.Join(choices, " · "))),
		contextLine(escapeMrkdwn(t.Phrases.ReplyHint)),
	}
	return noMatch, blocks
}

// cardOptions says where a card is shown: in the dialog's thread, or as the
// copy shared to a leadership channel.
type cardOptions struct {
	CaseURL     string // CASE_STUDY_URL; empty → no link button
	Interactive bool   // false for the copy shared to a leadership channel: no share/restart/change controls (open_case_study stays)
	SharedBy    string // user ID; set on the shared copy: a context line "Shared by <@U…> · <permalink|the thread>"
	Permalink   string
}

// cardMessage is the recommendation card (SPEC §5), written for a
// leadership team: the plan as the headline, the plan in a sentence and why
// it fits, the answers that argue for it, what would change it, what to do
// next, then the missions of the case study that reads closest. The
// article's comparison waits behind a button, so the card reads in under a
// minute. The actions block carries s.CardRev so a click on a card since
// recomputed is recognised as stale.
func cardMessage(t *knowledge.Text, s dialog.Session, a dialog.Advice, o cardOptions) (fallback string, blocks []slack.Block) {
	p := t.Phrases
	text := a.Text(t)

	blocks = append(blocks, slack.NewHeaderBlock(plainText(text.Headline, maxHeader)))
	if o.SharedBy != "" {
		shared := fmt.Sprintf(escapeMrkdwn(p.SharedBy), mention(o.SharedBy))
		if o.Permalink != "" {
			shared += " · " + link(o.Permalink, p.TheThread)
		}
		blocks = append(blocks, contextLine(shared))
	}
	blocks = append(blocks, section(escapeMrkdwn(text.Summary)))

	if len(text.Why) > 0 {
		blocks = append(blocks, section("*"+escapeMrkdwn(p.Why)+"*\n"+bullets(text.Why)))
	}
	blocks = append(blocks, section("*"+escapeMrkdwn(p.WhatChanges)+"*\n"+escapeMrkdwn(text.Change)))

	steps := []string{"*" + escapeMrkdwn(p.NextSteps) + "*"}
	for i, step := range text.NextSteps {
		steps = append(steps, fmt.Sprintf("%d. %s", i+1, escapeMrkdwn(step)))
	}
	blocks = append(blocks, section(strings.Join(steps, "\n")))
	if cs, ok := t.Cases[a.Missions]; ok {
		blocks = append(blocks, section("*"+escapeMrkdwn(fmt.Sprintf(p.MissionsIn, caseNumber(a.Missions)))+"*\n"+bullets(cs.Missions)))
	}
	blocks = append(blocks, contextLine(answersLine(t, a.Answers)), cardActions(t, s, a, o))

	return escapeMrkdwn(text.Headline) + " — " + escapeMrkdwn(text.Summary), blocks
}

// cardActions is the card's row of controls. The shared copy keeps only
// what a reader in the leadership channel can use: the case study and the
// comparison.
func cardActions(t *knowledge.Text, s dialog.Session, a dialog.Advice, o cardOptions) *slack.ActionBlock {
	p := t.Phrases
	rev := strconv.Itoa(s.CardRev)
	elements := []slack.BlockElement{
		slack.NewButtonBlockElement(actionOpenCase, string(a.Case), plainText(p.CaseStudy, maxButton)).WithStyle(slack.StylePrimary),
		// The language travels in the value: a shared copy has no session to read it from.
		slack.NewButtonBlockElement(actionOpenComparison, string(t.Lang), plainText(p.Compare, maxButton)),
	}
	if o.CaseURL != "" {
		elements = append(elements, slack.NewButtonBlockElement(actionReadArticle, "", plainText(p.ReadArticle, maxButton)).
			WithURL(caseLink(o.CaseURL, a.Case)))
	}
	if o.Interactive {
		options := make([]*slack.OptionBlockObject, len(knowledge.Questions))
		for i, q := range knowledge.Questions {
			text := t.Questions[q.ID].Topic
			if ans, ok := s.Answers[q.ID]; ok {
				text = fmt.Sprintf(p.Answered, text, optionLabel(t, q.ID, ans))
			}
			options[i] = slack.NewOptionBlockObject(string(q.ID), plainText(text, maxOption), nil)
		}
		elements = append(elements,
			slack.NewButtonBlockElement(actionShare, rev, plainText(p.Share, maxButton)),
			slack.NewButtonBlockElement(actionRestart, rev, plainText(p.Restart, maxButton)),
			slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(p.ChangeAnswer, maxPlaceholder), actionChangeAnswer, options...),
		)
	}
	return slack.NewActionBlock(blockCardPrefix+rev+":"+string(s.Lang), elements...)
}

// answersLine recalls the whole profile, in question order; the shared copy
// needs it most, since its readers never saw the dialog.
func answersLine(t *knowledge.Text, answers map[knowledge.QuestionID]knowledge.OptionID) string {
	var parts []string
	for _, q := range knowledge.Questions {
		if a, ok := answers[q.ID]; ok {
			parts = append(parts, escapeMrkdwn(optionLabel(t, q.ID, a)))
		}
	}
	return labelled(t, "*"+escapeMrkdwn(t.Phrases.YourAnswers)+"*", strings.Join(parts, " · "))
}

// comparisonModal is what the card leaves out so it reads in a minute: the
// article's comparison of the two models on five criteria, its four
// decision factors and its conclusion.
func comparisonModal(t *knowledge.Text) slack.ModalViewRequest {
	p := t.Phrases
	blocks := []slack.Block{slack.NewHeaderBlock(plainText(p.Comparison, maxHeader))}
	for _, c := range knowledge.Criteria {
		cr := t.Criteria[c]
		blocks = append(blocks, section("*"+escapeMrkdwn(cr.Name)+"*\n"+
			"• "+labelled(t, "_"+escapeMrkdwn(t.Models.InternalName)+"_", escapeMrkdwn(cr.Internal))+"\n"+
			"• "+labelled(t, "_"+escapeMrkdwn(t.Models.ExternalName)+"_", escapeMrkdwn(cr.External))))
	}
	blocks = append(blocks,
		slack.NewDividerBlock(),
		section("*"+escapeMrkdwn(p.Factors)+"*\n"+bullets(t.Factors)),
		section("*"+escapeMrkdwn(p.Conclusion)+"*\n"+escapeMrkdwn(t.Conclusion)),
	)
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plainText(p.CompareTitle, maxModalTitle),
		Close:      plainText(p.Close, maxModalTitle),
		Blocks:     slack.Blocks{BlockSet: blocks},
		CallbackID: callbackComparison,
	}
}

// caseNumber is the case study's number as the article counts them.
func caseNumber(c knowledge.CaseID) int {
	for i, id := range knowledge.Cases {
		if id == c {
			return i + 1
		}
	}
	return 0
}

// caseStudyModal shows one of the article's case studies in full, and links
// to it in the article when CASE_STUDY_URL is set.
func caseStudyModal(t *knowledge.Text, c knowledge.CaseID, caseURL string) slack.ModalViewRequest {
	p := t.Phrases
	cs := t.Cases[c]
	blocks := []slack.Block{
		slack.NewHeaderBlock(plainText(cs.Title, maxHeader)),
		section("*" + escapeMrkdwn(p.Context) + "*\n" + escapeMrkdwn(cs.Context)),
		section("*" + escapeMrkdwn(p.Problem) + "*\n" + bullets(cs.Problem)),
		section("*" + escapeMrkdwn(p.Choice) + "*\n" + escapeMrkdwn(cs.Choice)),
		section("*" + escapeMrkdwn(p.Missions) + "*\n" + bullets(cs.Missions)),
		section("*" + escapeMrkdwn(p.Result) + "*\n" + escapeMrkdwn(cs.Result)),
		section("*" + escapeMrkdwn(p.Lesson) + "*\n" + escapeMrkdwn(cs.Lesson)),
	}
	if caseURL != "" {
		blocks = append(blocks, slack.NewDividerBlock(), section(link(caseLink(caseURL, c), p.ReadArticle)))
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plainText(fmt.Sprintf(p.CaseTitle, caseNumber(c)), maxModalTitle),
		Close:      plainText(p.Close, maxModalTitle),
		Blocks:     slack.Blocks{BlockSet: blocks},
		CallbackID: callbackCase,
	}
}

// shareModal asks which leadership channel to post the card in, and shows
// exactly the blocks that will be posted there. metadata travels back in
// the view_submission, which carries no channel of its own; the caller
// keeps it within Slack's 3000 characters. Without channels there is
// nothing to pick, so the modal explains the missing configuration.
func shareModal(t *knowledge.Text, channels []string, names map[string]string, preview []slack.Block, metadata string) slack.ModalViewRequest {
	p := t.Phrases
	v := slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plainText(p.ShareTitle, maxModalTitle),
		PrivateMetadata: metadata,
		CallbackID:      callbackShare,
	}
	if len(channels) == 0 {
		v.Close = plainText(p.Close, maxModalTitle)
		v.Blocks = slack.Blocks{BlockSet: []slack.Block{section(escapeMrkdwn(p.ShareOff))}}
		return v
	}
	var picker *slack.SelectBlockElement
	if len(channels) > maxPickerOptions {
		// A static select holds 100 options; past that the user types and
		// the bot suggests (block_suggestion), from the same list.
		picker = slack.NewOptionsSelectBlockElement(slack.OptTypeExternal, plainText(p.ShareChoose, maxPlaceholder), actionShareChannel)
		zero := 0
		picker.MinQueryLength = &zero
	} else {
		options := make([]*slack.OptionBlockObject, len(channels))
		for i, id := range channels {
			options[i] = channelOption(id, names[id])
		}
		picker = slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(p.ShareChoose, maxPlaceholder), actionShareChannel, options...)
		if len(options) == 1 {
			picker = picker.WithInitialOption(options[0])
		}
	}
	blocks := []slack.Block{
		slack.NewInputBlock(blockShareChannel, plainText(p.ShareTo, maxLabel), nil, picker),
		slack.NewDividerBlock(),
		contextLine(escapeMrkdwn(p.Preview)),
	}
	v.Submit = plainText(p.ShareSubmit, maxModalTitle)
	v.Close = plainText(p.ShareCancel, maxModalTitle)
	v.Blocks = slack.Blocks{BlockSet: append(blocks, preview...)}
	return v
}

// channelOption is a channel in the share picker: its name, or its ID
// when Slack did not say the name.
func channelOption(id, name string) *slack.OptionBlockObject {
	text := id
	if name != "" {
		text = "#" + name
	}
	return slack.NewOptionBlockObject(id, plainText(text, maxOption), nil)
}

// section is a mrkdwn section; text must be escaped already. Verbatim stops
// Slack from turning bare URLs and #names into links on its own.
func section(text string) *slack.SectionBlock {
	return slack.NewSectionBlock(mrkdwnText(text), nil, nil)
}

// contextLine is a one-element context block; text must be escaped already.
func contextLine(text string) *slack.ContextBlock {
	return slack.NewContextBlock("", mrkdwnText(text))
}

func mrkdwnText(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, clipMrkdwn(text, maxText), false, true)
}

// plainText is a plain_text object clipped to n runes. Slack never parses
// plain_text for mentions or links, so it is not escaped.
func plainText(text string, n int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, truncateRunes(text, n), true, false)
}

// mention is a live user mention; the ID comes from Slack, and is escaped
// all the same so a malformed one cannot close the mention and open another.
func mention(user string) string { return "<@" + escapeMrkdwn(user) + ">" }

// link is a mrkdwn link; text is plain and escaped here. Slack wants & in
// URLs written as &amp; too.
func link(url, text string) string {
	return "<" + escapeLinkURL(url) + "|" + escapeMrkdwn(text) + ">"
}

// caseLink is the article's anchor for one case study (SPEC §3).
func caseLink(caseURL string, c knowledge.CaseID) string { return caseURL + "#" + string(c) }

func bullets(items []string) string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = "• " + escapeMrkdwn(it)
	}
	return strings.Join(lines, "\n")
}

// joinAnd lists items as prose: "a", "a and b", "a, b and c".
func joinAnd(items []string, and string) string { return dialog.JoinAnd(items, and) }

// labelled writes "label: value" with the language's punctuation ("label :
// value" in French), borrowing [knowledge.Phrases.Answered]'s format. Both
// arguments are mrkdwn, escaped already.
func labelled(t *knowledge.Text, label, value string) string {
	return fmt.Sprintf(escapeMrkdwn(t.Phrases.Answered), label, value)
}

// optionLabel falls back to the option's ID so a gap in the knowledge text
// never leaves an empty button, which Slack would reject.
func optionLabel(t *knowledge.Text, q knowledge.QuestionID, o knowledge.OptionID) string {
	if l := t.Questions[q].Options[o].Label; l != "" {
		return l
	}
	return string(o)
}
