// Package console runs the advisor's dialog in a terminal: the same
// questions, typed replies and transitions as in Slack, ending with the
// recommendation card as plain text. It needs neither Slack nor a store,
// and imports only dialog and knowledge, so `ctoadvisor chat` works on a
// machine with nothing configured.
package console

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// terminal is the one session's key: a terminal holds a single dialog.
var terminal = dialog.Key{Team: "terminal", Channel: "terminal", Thread: "1"}

const owner = "you"

// echoMax is how much of a reply that matched nothing is repeated back:
// enough to recognise it, never a screenful.
const echoMax = 40

// prompt marks where the user types.
const prompt = "> "

// caseWords ask for the case study once the card is shown.
var caseWords = map[string]bool{
	"case": true, "case study": true, "study": true,
	"cas": true, "étude": true, "etude": true, "étude de cas": true, "etude de cas": true,
}

// compareWords ask for the article's comparison once the card is shown.
var compareWords = map[string]bool{
	"compare": true, "comparison": true, "comparer": true, "comparaison": true,
}

// Run holds one dialog on in and out, in lang, until the user cancels or
// closes the input (EOF, Ctrl-D), which both return nil. It returns
// ctx.Err() when ctx ends first, and the error of a failed read or write.
func Run(ctx context.Context, kb *knowledge.Base, lang knowledge.Lang, in io.Reader, out io.Writer) error {
	done := make(chan struct{})
	defer close(done)
	c := &chat{
		kb:    kb,
		lang:  lang,
		text:  kb.Text(lang),
		lines: readLines(in, done),
		out:   out,
	}
	return c.run(ctx)
}

// chat is one terminal dialog in progress.
type chat struct {
	kb    *knowledge.Base
	lang  knowledge.Lang
	text  *knowledge.Text
	lines <-chan line
	out   io.Writer
	err   error // the first write error; later writes are skipped
	adv   dialog.Advice
	// member is set in team mode: a member's last answer ends their turn
	// instead of showing a card.
	member bool
}

func (c *chat) run(ctx context.Context) error {
	p := c.text.Phrases
	c.println(p.Intro)
	c.println(p.TerminalHint)
	s := dialog.Start(terminal, owner, c.lang, time.Now())
	c.ask(s)
	for {
		if c.err != nil {
			return c.err
		}
		l, err := c.read(ctx)
		if errors.Is(err, io.EOF) {
			c.println("")
			c.println(p.Goodbye)
			return c.err
		}
		if err != nil {
			return err
		}
		var quit bool
		if s.State == dialog.Done {
			s, quit = c.afterCard(s, l)
		} else {
			s, quit = c.reply(s, l)
		}
		if quit {
			return c.err
		}
	}
}

// reply applies one line typed while a question is asked.
func (c *chat) reply(s dialog.Session, l line) (dialog.Session, bool) {
	p := c.text.Phrases
	if strings.TrimSpace(l.text) == "" {
		c.print(prompt)
		return s, false
	}
	r, err := dialog.ParseReply(c.kb, s.Current, l.text)
	if err != nil || l.long {
		c.println(fmt.Sprintf(p.NoMatch, echo(l.text, l.long)))
		c.println(fmt.Sprintf(p.Choices, c.choices(s.Current)))
		c.print(prompt)
		return s, false
	}
	now := time.Now()
	switch r.Word {
	case dialog.WordHelp:
		c.println(p.TerminalHelp)
		c.ask(s)
	case dialog.WordBack:
		next, err := s.Back(now)
		if err != nil { // only ErrAtStart is possible while a question is asked
			c.println(p.NothingBack)
			c.print(prompt)
			return s, false
		}
		c.println(p.Back)
		s = next
		c.ask(s)
	case dialog.WordRestart:
		s = s.Restart(now)
		c.println(p.Restarted)
		c.ask(s)
	case dialog.WordCancel:
		c.println(p.Cancelled)
		return s, true
	default:
		q := s.Current
		next, err := s.Answer(q, r.Option, 0, now)
		if err != nil {
			// A typed reply answers the current question with one of its
			// options, so Answer cannot refuse it; say so rather than loop.
			c.err = fmt.Errorf("answer %s: %w", q, err)
			return s, true
		}
		s = next
		c.println(fmt.Sprintf(p.Answered, c.text.Questions[q].Topic, c.text.Questions[q].Options[r.Option].Label))
		if s.State == dialog.Done && c.member {
			return s, true
		}
		if s.State == dialog.Done {
			c.adv = dialog.Advise(c.kb, s.Answers)
			c.println("")
			c.print(Card(c.kb, c.lang, c.adv))
			c.println("")
			c.println(c.text.Phrases.TerminalAfterCard)
			c.print(prompt)
		} else {
			c.ask(s)
		}
	}
	return s, false
}

// afterCard applies one line typed once the card is shown: the case
// study, or a thread word.
func (c *chat) afterCard(s dialog.Session, l line) (dialog.Session, bool) {
	t := strings.ToLower(strings.TrimSpace(l.text))
	if t == "" {
		c.print(prompt)
		return s, false
	}
	if caseWords[t] {
		c.println("")
		c.print(CaseStudy(c.kb, c.lang, c.adv.Case))
		c.println(c.text.Phrases.TerminalAfterCard)
		c.print(prompt)
		return s, false
	}
	if compareWords[t] {
		c.println("")
		c.print(Comparison(c.kb, c.lang))
		c.println(c.text.Phrases.TerminalAfterCard)
		c.print(prompt)
		return s, false
	}
	for _, id := range knowledge.Cases {
		if t == string(id) {
			c.println("")
			c.print(CaseStudy(c.kb, c.lang, id))
			c.println(c.text.Phrases.TerminalAfterCard)
			c.print(prompt)
			return s, false
		}
	}
	r, err := dialog.ParseReply(c.kb, "", l.text)
	if err != nil || l.long {
		c.println(fmt.Sprintf(c.text.Phrases.NoMatch, echo(l.text, l.long)))
		c.println(c.text.Phrases.TerminalAfterCard)
		c.print(prompt)
		return s, false
	}
	// Back reopens the last question and Restart the first, so both go on
	// as a question; help and cancel need nothing of the session.
	switch r.Word {
	case dialog.WordHelp:
		c.println(c.text.Phrases.TerminalAfterCard)
		c.print(prompt)
		return s, false
	case dialog.WordCancel:
		c.println(c.text.Phrases.Cancelled)
		return s, true
	}
	return c.reply(s, l)
}

// ask prints the current question with its numbered choices.
func (c *chat) ask(s dialog.Session) {
	qt := c.text.Questions[s.Current]
	q, _ := knowledge.Lookup(s.Current)
	c.println("")
	c.println(fmt.Sprintf(c.text.Phrases.Progress, s.Position(), len(knowledge.Questions)))
	c.println(qt.Prompt)
	for i, o := range q.Options {
		ot := qt.Options[o]
		if ot.Explain == "" {
			c.println(fmt.Sprintf("  %d. %s", i+1, ot.Label))
			continue
		}
		c.println(fmt.Sprintf("  %d. %s — %s", i+1, ot.Label, ot.Explain))
	}
	c.print(prompt)
}

// choices lists q's options as "1. Label · 2. Label", as Slack does. Labels
// may hold commas, and a semicolon would want a space before it in French.
func (c *chat) choices(q knowledge.QuestionID) string {
	question, _ := knowledge.Lookup(q)
	items := make([]string, len(question.Options))
	for i, o := range question.Options {
		items[i] = fmt.Sprintf("%d. %s", i+1, c.text.Questions[q].Options[o].Label)
	}
	return strings.Join(items, " · ")
}

func (c *chat) print(s string) {
	if c.err == nil {
		_, c.err = io.WriteString(c.out, s)
	}
}

func (c *chat) println(s string) { c.print(s + "\n") }

// read waits for the next line, or for ctx to end.
func (c *chat) read(ctx context.Context) (line, error) {
	select {
	case <-ctx.Done():
		return line{}, ctx.Err()
	case l := <-c.lines:
		return l, l.err
	}
}

// echo is the user's text as safe to repeat: cut short, and without
// control characters that could move the cursor or recolour the terminal.
func echo(s string, long bool) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.TrimSpace(s) {
		if r == utf8.RuneError || unicode.IsControl(r) {
			continue
		}
		if n == echoMax {
			long = true
			break
		}
		b.WriteRune(r)
		n++
	}
	if long {
		b.WriteString("…")
	}
	return b.String()
}

// maxLine is the longest line kept whole; longer lines are cut here and
// flagged, so a pasted novel costs one buffer and gets the usual hint.
const maxLine = dialog.MaxReply

// line is one line of input; err is io.EOF after the last one.
type line struct {
	text string
	long bool // the line was longer than maxLine and text is its start
	err  error
}

// readLines reads in on its own goroutine, so that Run can return when
// its context ends even while a read blocks. The goroutine stops at the
// end of input, or at its next line once done is closed.
func readLines(in io.Reader, done <-chan struct{}) <-chan line {
	ch := make(chan line)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 0, 4096), 4*maxLine)
		sc.Split(splitLines())
		for sc.Scan() {
			l := line{text: sc.Text()}
			if len(l.text) > maxLine {
				l.text, l.long = l.text[:maxLine], true
			}
			select {
			case ch <- l:
			case <-done:
				return
			}
		}
		err := sc.Err()
		if err == nil {
			err = io.EOF
		} else {
			err = fmt.Errorf("read input: %w", err)
		}
		select {
		case ch <- line{err: err}:
		case <-done:
		}
	}()
	return ch
}

// splitLines is bufio.ScanLines that never fails on a long line: past
// maxLine it returns what it has as one over-long token and discards the
// rest of the line, where ScanLines would stop with bufio.ErrTooLong.
func splitLines() bufio.SplitFunc {
	skipping := false
	return func(data []byte, atEOF bool) (int, []byte, error) {
		i := bytes.IndexByte(data, '\n')
		if skipping {
			if i < 0 {
				return len(data), nil, nil
			}
			skipping = false
			return i + 1, nil, nil
		}
		switch {
		case i >= 0:
			return i + 1, bytes.TrimSuffix(data[:i], []byte{'\r'}), nil
		case len(data) > maxLine:
			skipping = true
			return len(data), data[:maxLine+1], nil
		case atEOF && len(data) > 0:
			return len(data), bytes.TrimSuffix(data, []byte{'\r'}), nil
		}
		return 0, nil, nil
	}
}
