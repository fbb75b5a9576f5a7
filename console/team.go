package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// maxName bounds a typed name: it labels the member on the card.
const maxName = 40

// ErrTeamSize refuses a team mode run for fewer than two or more than
// [dialog.MaxMembers] people.
var ErrTeamSize = fmt.Errorf("console: a team has 2 to %d members", dialog.MaxMembers)

// RunTeam holds the team flow for n people taking turns at one keyboard:
// each answers the five questions (with the same typed replies and words
// as Run), then the team card is printed. Cancel or the end of input stops
// it and returns nil, as Run does.
func RunTeam(ctx context.Context, kb *knowledge.Base, lang knowledge.Lang, n int, in io.Reader, out io.Writer) error {
	if n < 2 || n > dialog.MaxMembers {
		return ErrTeamSize
	}
	done := make(chan struct{})
	defer close(done)
	c := &chat{
		kb:     kb,
		lang:   lang,
		text:   kb.Text(lang),
		lines:  readLines(in, done),
		out:    out,
		member: true,
	}
	p := c.text.Phrases
	c.println(fmt.Sprintf(p.TerminalTeam, n))
	c.println(p.TerminalHint)

	team, err := dialog.StartTeam(terminal, owner, lang, nil, time.Now())
	if err != nil {
		return err
	}
	names := make(map[string]string, n)
	for i := range n {
		id := strconv.Itoa(i + 1)
		c.println("")
		var h strings.Builder
		heading(&h, fmt.Sprintf(p.TerminalTurn, i+1, n), '=')
		c.print(h.String())
		c.print(p.TerminalName + " ")
		l, err := c.read(ctx)
		if errors.Is(err, io.EOF) {
			c.println("")
			c.println(p.Goodbye)
			return c.err
		}
		if err != nil {
			return err
		}
		name := echo(l.text, false)
		if name == "" || l.long || len([]rune(name)) > maxName {
			name = fmt.Sprintf(c.text.Team().Member, i+1)
		}
		names[id] = name

		s := dialog.Start(terminal, id, lang, time.Now())
		c.ask(s)
		s, err = c.member1(ctx, s)
		switch {
		case errors.Is(err, io.EOF):
			c.println("")
			c.println(p.Goodbye)
			return c.err
		case err != nil:
			return err
		case s.State != dialog.Done: // cancelled
			return c.err
		}
		if team, err = team.TeamAnswer(id, s.Answers, time.Now()); err != nil {
			return fmt.Errorf("team answer: %w", err)
		}
		c.println(fmt.Sprintf(p.TerminalPrivate, name))
	}
	team, err = team.Reveal(owner, time.Now())
	if err != nil {
		return fmt.Errorf("reveal: %w", err)
	}
	c.println("")
	c.println(p.TerminalReveal)
	c.println("")
	c.print(TeamCard(kb, lang, dialog.AdviseTeam(kb, team.Team.Members), names))
	return c.err
}

// member1 runs one member's questions until they are all answered, the
// member cancels, or the input ends (io.EOF).
func (c *chat) member1(ctx context.Context, s dialog.Session) (dialog.Session, error) {
	for {
		if c.err != nil {
			return s, c.err
		}
		l, err := c.read(ctx)
		if err != nil {
			return s, err
		}
		var quit bool
		if s, quit = c.reply(s, l); quit {
			return s, nil
		}
	}
}

// TeamCard renders the team's advice as plain text in lang: the
// recommendation for the team profile, the agreement view (the unanimous
// answers on one line, then each split question with who chose what), and
// what settling each split would give. names maps a member's user to the
// name shown; a member without one shows as the user.
func TeamCard(kb *knowledge.Base, lang knowledge.Lang, ta dialog.TeamAdvice, names map[string]string) string {
	t := kb.Text(lang)
	p := t.Phrases
	tt := t.Team()
	var b strings.Builder

	out := t.Outcomes[ta.Advice.Outcome]
	text := ta.Advice.Text(t)
	heading(&b, tt.Recommend+" — "+out.Title, '=')
	members := 0
	for _, v := range firstTally(ta).Votes {
		members += len(v.Members)
	}
	paragraph(&b, fmt.Sprintf(tt.Based, members))
	b.WriteString("\n")
	paragraph(&b, text.Summary)
	if ta.Contested() {
		var topics []string
		for _, d := range ta.Splits {
			if d.Decides {
				topics = append(topics, t.Questions[d.Question].Topic)
			}
		}
		b.WriteString("\n")
		paragraph(&b, fmt.Sprintf(tt.Contested, list(topics, p.And)))
	}

	var agreed []string
	for _, tl := range ta.Tallies {
		if !tl.Split && tl.Choice != "" {
			agreed = append(agreed, answered(t, tl.Question, tl.Choice))
		}
	}
	if len(agreed) > 0 {
		b.WriteString("\n")
		heading(&b, tt.Agreed, '-')
		paragraph(&b, strings.Join(agreed, " · "))
	}

	b.WriteString("\n")
	heading(&b, tt.Differ, '-')
	if len(ta.Splits) == 0 {
		paragraph(&b, tt.NoSplit)
	}
	for _, tl := range ta.Tallies {
		if !tl.Split {
			continue
		}
		paragraph(&b, t.Questions[tl.Question].Topic)
		for _, v := range tl.Votes {
			label := fmt.Sprintf("%s (%d)", t.Questions[tl.Question].Options[v.Option].Label, len(v.Members))
			item := fmt.Sprintf(p.Answered, label, memberList(v.Members, names, p.And))
			if v.Option == tl.Choice {
				item += " — " + tt.TeamChoice
			}
			bullet(&b, "- ", item)
		}
		if tl.Tied {
			bullet(&b, "  ", tt.Tied)
		}
	}

	if len(ta.Splits) > 0 {
		b.WriteString("\n")
		heading(&b, tt.Decides, '-')
		for i, d := range ta.Splits {
			if i > 0 {
				b.WriteString("\n")
			}
			paragraph(&b, t.Questions[d.Question].Topic)
			for _, w := range d.Ways {
				wo := t.Outcomes[w.Advice.Outcome]
				bullet(&b, "- ", fmt.Sprintf(tt.Settle, t.Questions[d.Question].Options[w.Option].Label, wo.Title+" — "+wo.Lead))
			}
			if d.Decides {
				bullet(&b, "  ", tt.Decisive)
			} else {
				bullet(&b, "  ", tt.SameAdvice)
			}
		}
	}

	if len(text.NextSteps) > 0 {
		b.WriteString("\n")
		heading(&b, p.NextSteps, '-')
		for i, step := range text.NextSteps {
			bullet(&b, fmt.Sprintf("%d. ", i+1), step)
		}
	}
	if cs, ok := t.Cases[ta.Advice.Case]; ok {
		b.WriteString("\n")
		heading(&b, p.CaseStudy, '-')
		paragraph(&b, cs.Title)
	}
	return b.String()
}

// firstTally is the tally of the first question; every member answered
// it, so its votes count the team.
func firstTally(ta dialog.TeamAdvice) dialog.Tally {
	if len(ta.Tallies) == 0 {
		return dialog.Tally{}
	}
	return ta.Tallies[0]
}

func memberList(users []string, names map[string]string, and string) string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u
		if n, ok := names[u]; ok {
			out[i] = n
		}
	}
	return list(out, and)
}
