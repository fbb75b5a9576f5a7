package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// teamRootMessage is the channel message of a team session: who gathers
// the team, who is invited, who has answered and who has not (names only:
// nobody's answers appear before the reveal), and the team's controls.
// The actions block carries CardRev, so a click on controls since
// reopened is recognised.
func teamRootMessage(t *knowledge.Text, s dialog.Session) (fallback string, blocks []slack.Block) {
	u := t.Team()
	started := fmt.Sprintf(escapeMrkdwn(u.Started), mention(s.Owner))
	who := escapeMrkdwn(u.Open)
	if s.Team != nil && len(s.Team.Invited) > 0 {
		who = fmt.Sprintf(escapeMrkdwn(u.Invited), mentions(s.Team.Invited))
	}
	status := escapeMrkdwn(u.NobodyYet)
	if answered := s.Answered(); len(answered) > 0 {
		status = fmt.Sprintf(escapeMrkdwn(u.Answered), len(answered), mentions(answered))
	}
	if waiting := s.Waiting(); len(waiting) > 0 {
		status += "\n" + fmt.Sprintf(escapeMrkdwn(u.Waiting), mentions(waiting))
	}
	next := fmt.Sprintf(escapeMrkdwn(u.WillReveal), mention(s.Owner))
	buttons := []slack.BlockElement{
		slack.NewButtonBlockElement(actionTeamJoin, "", plainText(u.Join, maxButton)).WithStyle(slack.StylePrimary),
		slack.NewButtonBlockElement(actionTeamReveal, "", plainText(u.Reveal, maxButton)),
	}
	if s.State == dialog.Done {
		next = fmt.Sprintf(escapeMrkdwn(u.Revealed), mention(s.Owner))
		buttons = []slack.BlockElement{
			slack.NewButtonBlockElement(actionTeamJoin, "", plainText(u.Join, maxButton)),
			slack.NewButtonBlockElement(actionTeamReopen, "", plainText(u.Reopen, maxButton)),
		}
	}
	blocks = []slack.Block{
		section(started),
		contextLine(who),
		section(status + "\n" + next),
		slack.NewActionBlock(blockTeamPrefix+strconv.Itoa(s.CardRev), buttons...),
	}
	return started, blocks
}

// teamAnswersModal asks user the five questions at once, their own
// earlier answers pre-selected and nobody else's anywhere: the private
// metadata names the team, never an answer.
func teamAnswersModal(t *knowledge.Text, s dialog.Session, user, metadata string) slack.ModalViewRequest {
	u := t.Team()
	mine := s.Mine(user)
	blocks := []slack.Block{contextLine(fmt.Sprintf(escapeMrkdwn(u.ModalIntro), mention(s.Owner)))}
	for _, q := range knowledge.Questions {
		qt := t.Questions[q.ID]
		options := make([]*slack.OptionBlockObject, len(q.Options))
		var initial *slack.OptionBlockObject
		for i, o := range q.Options {
			options[i] = slack.NewOptionBlockObject(string(o), plainText(optionLabel(t, q.ID, o), maxOption), nil)
			if mine[q.ID] == o {
				initial = options[i]
			}
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(u.Choose, maxPlaceholder), string(q.ID), options...)
		if initial != nil {
			sel = sel.WithInitialOption(initial)
		}
		blocks = append(blocks, slack.NewInputBlock(string(q.ID), plainText(qt.Prompt, maxLabel), nil, sel))
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plainText(u.ModalTitle, maxModalTitle),
		Submit:          plainText(u.ModalSubmit, maxModalTitle),
		Close:           plainText(u.ModalClose, maxModalTitle),
		Blocks:          slack.Blocks{BlockSet: blocks},
		CallbackID:      callbackTeamAnswers,
		PrivateMetadata: metadata,
	}
}

// teamCardMessage is the team card: the recommendation for the team
// profile, the agreement view (unanimous answers on one line, then each
// split question with who chose what), what settling each split would
// give, the next steps and the same controls as a dialog's card. The copy
// shared to a leadership channel counts the members per option instead
// of naming them: who held which view stays in the team's thread.
func teamCardMessage(t *knowledge.Text, s dialog.Session, ta dialog.TeamAdvice, o cardOptions) (fallback string, blocks []slack.Block) {
	p := t.Phrases
	tt := t.Team()
	title, headline, summary, steps := adviceWords(t, ta.Advice)

	heading := fmt.Sprintf(p.Answered, tt.Recommend, title)
	blocks = append(blocks, slack.NewHeaderBlock(plainText(heading, maxHeader)))
	based := fmt.Sprintf(escapeMrkdwn(tt.Based), len(s.Answered()))
	if o.SharedBy != "" {
		based += " · " + fmt.Sprintf(escapeMrkdwn(t.Phrases.SharedBy), mention(o.SharedBy))
		if o.Permalink != "" {
			based += " · " + link(o.Permalink, t.Phrases.TheThread)
		}
	}
	blocks = append(blocks, contextLine(based))
	lead := "*" + escapeMrkdwn(headline) + "*"
	if summary != "" {
		lead += "\n" + escapeMrkdwn(summary)
	}
	blocks = append(blocks, section(lead))
	if ta.Contested() {
		var topics []string
		for _, d := range ta.Splits {
			if d.Decides {
				topics = append(topics, "*"+escapeMrkdwn(t.Questions[d.Question].Topic)+"*")
			}
		}
		blocks = append(blocks, section("⚖️ "+fmt.Sprintf(escapeMrkdwn(tt.Contested), joinAnd(topics, escapeMrkdwn(p.And)))))
	}
	blocks = append(blocks, slack.NewDividerBlock())

	var agreed []string
	for _, tl := range ta.Tallies {
		if !tl.Split && tl.Choice != "" {
			agreed = append(agreed, labelled(t, escapeMrkdwn(t.Questions[tl.Question].Topic), escapeMrkdwn(optionLabel(t, tl.Question, tl.Choice))))
		}
	}
	if len(agreed) > 0 {
		blocks = append(blocks, section("*"+escapeMrkdwn(tt.Agreed)+"*\n"+strings.Join(agreed, " · ")))
	}
	if len(ta.Splits) == 0 {
		blocks = append(blocks, section("*"+escapeMrkdwn(tt.Differ)+"*\n"+escapeMrkdwn(tt.NoSplit)))
	}
	for i, tl := range splitTallies(ta) {
		lines := []string{"*" + escapeMrkdwn(t.Questions[tl.Question].Topic) + "*"}
		if i == 0 {
			lines[0] = "*" + escapeMrkdwn(tt.Differ) + "*\n" + lines[0]
		}
		for _, v := range tl.Votes {
			label := escapeMrkdwn(optionLabel(t, tl.Question, v.Option)) + " (" + strconv.Itoa(len(v.Members)) + ")"
			line := "• " + label
			if o.SharedBy == "" {
				line = "• " + labelled(t, label, joinAnd(mentionList(v.Members), escapeMrkdwn(p.And)))
			}
			if v.Option == tl.Choice {
				line += " — _" + escapeMrkdwn(tt.TeamChoice) + "_"
			}
			lines = append(lines, line)
		}
		if tl.Tied {
			lines = append(lines, "_"+escapeMrkdwn(tt.Tied)+"_")
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}
	for i, d := range ta.Splits {
		lines := []string{"*" + escapeMrkdwn(t.Questions[d.Question].Topic) + "*"}
		if i == 0 {
			lines[0] = "*" + escapeMrkdwn(tt.Decides) + "*\n" + lines[0]
		}
		for _, w := range d.Ways {
			wt, _, _, _ := adviceWords(t, w.Advice)
			lines = append(lines, "• "+fmt.Sprintf(escapeMrkdwn(tt.Settle), escapeMrkdwn(optionLabel(t, d.Question, w.Option)), "*"+escapeMrkdwn(wt)+"*"))
		}
		if d.Decides {
			lines = append(lines, "_"+escapeMrkdwn(tt.Decisive)+"_")
		} else {
			lines = append(lines, "_"+escapeMrkdwn(tt.SameAdvice)+"_")
		}
		blocks = append(blocks, section(strings.Join(lines, "\n")))
	}

	next := []string{"*" + escapeMrkdwn(p.NextSteps) + "*"}
	for i, step := range steps {
		next = append(next, fmt.Sprintf("%d. %s", i+1, escapeMrkdwn(step)))
	}
	blocks = append(blocks, slack.NewDividerBlock(), section(strings.Join(next, "\n")), teamCardActions(t, s, ta, o))
	return escapeMrkdwn(heading) + " — " + escapeMrkdwn(headline), blocks
}

// teamCardActions are the dialog card's controls a team uses: the case
// study, the article's comparison of the two models, the article and, in
// the thread, sharing. Restart and change an
// answer have no meaning for a team: the organiser reopens instead.
func teamCardActions(t *knowledge.Text, s dialog.Session, ta dialog.TeamAdvice, o cardOptions) *slack.ActionBlock {
	p := t.Phrases
	rev := strconv.Itoa(s.CardRev)
	elements := []slack.BlockElement{
		slack.NewButtonBlockElement(actionOpenCase, string(ta.Advice.Case), plainText(p.CaseStudy, maxButton)).WithStyle(slack.StylePrimary),
		slack.NewButtonBlockElement(actionOpenComparison, string(t.Lang), plainText(p.Compare, maxButton)),
	}
	if o.CaseURL != "" {
		elements = append(elements, slack.NewButtonBlockElement(actionReadArticle, "", plainText(p.ReadArticle, maxButton)).
			WithURL(caseLink(o.CaseURL, ta.Advice.Case)))
	}
	if o.Interactive {
		elements = append(elements, slack.NewButtonBlockElement(actionShare, rev, plainText(p.Share, maxButton)))
	}
	return slack.NewActionBlock(blockCardPrefix+rev+":"+string(s.Lang), elements...)
}

// adviceWords is a recommendation in words: its plan in a few words, its
// lead sentence, the rest of its summary and its next steps.
func adviceWords(t *knowledge.Text, a dialog.Advice) (title, headline, summary string, steps []string) {
	text := a.Text(t)
	return text.Headline, text.Lead, strings.TrimSpace(strings.TrimPrefix(text.Summary, text.Lead)), text.NextSteps
}

func splitTallies(ta dialog.TeamAdvice) []dialog.Tally {
	var out []dialog.Tally
	for _, tl := range ta.Tallies {
		if tl.Split {
			out = append(out, tl)
		}
	}
	return out
}

// mentions lists users as live mentions, which Slack shows as names.
func mentions(users []string) string { return strings.Join(mentionList(users), ", ") }

func mentionList(users []string) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = mention(u)
	}
	return out
}
