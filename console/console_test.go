package console

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// TestMain fails the package's tests if a reading goroutine outlives Run.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func loadKB(t *testing.T) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatalf("knowledge.Load() = %v", err)
	}
	return kb
}

// case1 is the profile of the article's first case study.
func case1() map[knowledge.QuestionID]knowledge.OptionID {
	return map[knowledge.QuestionID]knowledge.OptionID{
		knowledge.Stage:    knowledge.Startup,
		knowledge.TechLead: knowledge.LeadNone,
		knowledge.Need:     knowledge.NeedScale,
		knowledge.Urgency:  knowledge.Immediate,
		knowledge.Budget:   knowledge.Flexible,
	}
}

// doneSession is a finished terminal session with the given answers.
func doneSession(lang knowledge.Lang, answers map[knowledge.QuestionID]knowledge.OptionID) dialog.Session {
	s := dialog.Start(terminal, owner, lang, t0)
	s.State, s.Current, s.Answers = dialog.Done, "", answers
	return s
}

// run drives Run with the given input lines and returns what it printed.
func run(t *testing.T, kb *knowledge.Base, lang knowledge.Lang, input string) string {
	t.Helper()
	var out bytes.Buffer
	if err := Run(t.Context(), kb, lang, strings.NewReader(input), &out); err != nil {
		t.Fatalf("Run(%s) = %v\noutput:\n%s", lang, err, out.String())
	}
	return out.String()
}

// inOrder checks that each fragment appears in out after the previous one.
func inOrder(t *testing.T, out string, fragments ...string) {
	t.Helper()
	rest := out
	for _, f := range fragments {
		i := strings.Index(rest, f)
		if i < 0 {
			t.Fatalf("output lacks %q after the earlier fragments; output:\n%s", f, out)
		}
		rest = rest[i+len(f):]
	}
}

func progress(text *knowledge.Text, n int) string {
	return fmt.Sprintf(text.Phrases.Progress, n, len(knowledge.Questions))
}

func TestRunEnglish(t *testing.T) {
	kb := loadKB(t)
	en := kb.Text(knowledge.English)
	p := en.Phrases
	input := strings.Join([]string{
		"banana",                          // nonsense: hint, same question
		"1",                               // stage by number
		"back",                            // to stage again
		"Start-up, product still fragile", // stage by label
		"help",
		"restart",
		"startup",               // by ID
		"  2.  ",                // it_ops by number
		"back",                  // to tech_lead
		"none",                  // by ID
		"Structure fast growth", // by label
		"1",
		"flexible",
		"case",
		"compare",
		"",
	}, "\n")
	out := run(t, kb, knowledge.English, input)

	rec := dialog.Advise(kb, case1())
	inOrder(t, out,
		p.Intro,
		progress(en, 1), en.Questions[knowledge.Stage].Prompt,
		"  1. "+en.Questions[knowledge.Stage].Options[knowledge.Startup].Label+" — ",
		"> ",
		fmt.Sprintf(p.NoMatch, "banana"),
		fmt.Sprintf(p.Choices, "1. "+en.Questions[knowledge.Stage].Options[knowledge.Startup].Label),
		"> ",
		fmt.Sprintf(p.Answered, en.Questions[knowledge.Stage].Topic, en.Questions[knowledge.Stage].Options[knowledge.Startup].Label),
		progress(en, 2),
		p.Back, progress(en, 1),
		progress(en, 2),
		p.TerminalHelp, progress(en, 2),
		p.Restarted, progress(en, 1),
		progress(en, 2),
		fmt.Sprintf(p.Answered, en.Questions[knowledge.TechLead].Topic, en.Questions[knowledge.TechLead].Options[knowledge.LeadITOps].Label),
		progress(en, 3),
		p.Back, progress(en, 2),
		progress(en, 3), progress(en, 4), progress(en, 5),
		Card(kb, knowledge.English, rec),
		CaseStudy(kb, knowledge.English, knowledge.Case1),
		p.TerminalAfterCard,
		Comparison(kb, knowledge.English),
		p.TerminalAfterCard,
	)
	if want := "\n" + p.Goodbye + "\n"; !strings.HasSuffix(out, want) {
		t.Errorf("output ends %q, want %q", tail(out), want)
	}
	// The nonsense answer must not have moved on: the second question is
	// asked exactly as often as the transitions above reach it.
	if got, want := strings.Count(out, progress(en, 1)), 3; got != want {
		t.Errorf("%q asked %d times, want %d", progress(en, 1), got, want)
	}
}

func TestRunFrench(t *testing.T) {
	kb := loadKB(t)
	fr := kb.Text(knowledge.French)
	p := fr.Phrases
	input := strings.Join([]string{
		"n'importe quoi",
		"startup, produit encore fragile", // label without capitals
		"retour",
		"#1",
		"Pas de profil senior : fondateurs ou développeurs juniors", // typed with a colon and plain spaces
		"recommencer",
		"1", "1", "1", "1",
		"« 1 »",
		"étude",
		"case-2", // another case study by ID
		"recommencer",
		"1",
	}, "\n")
	out := run(t, kb, knowledge.French, input)

	inOrder(t, out,
		p.Intro,
		progress(fr, 1),
		fmt.Sprintf(p.NoMatch, "n'importe quoi"),
		progress(fr, 2),
		p.Back, progress(fr, 1),
		progress(fr, 2), progress(fr, 3),
		p.Restarted, progress(fr, 1),
		progress(fr, 5),
		Card(kb, knowledge.French, dialog.Advise(kb, case1())),
		CaseStudy(kb, knowledge.French, knowledge.Case1),
		CaseStudy(kb, knowledge.French, knowledge.Case2),
		p.Restarted, progress(fr, 1), progress(fr, 2),
		p.Goodbye,
	)
	// Everything in one language: no English phrase may leak in.
	en := kb.Text(knowledge.English).Phrases
	for _, s := range []string{en.Intro, en.Why, en.NextSteps, en.Goodbye, en.TerminalAfterCard} {
		if strings.Contains(out, s) {
			t.Errorf("French output contains the English %q", s)
		}
	}
}

func TestRunStops(t *testing.T) {
	kb := loadKB(t)
	p := kb.Text(knowledge.English).Phrases
	tests := []struct {
		name     string
		input    string
		wantEnd  string
		wantNone string // must not be printed
	}{
		{name: "eof at the first question", input: "", wantEnd: p.Goodbye + "\n", wantNone: p.WhatChanges},
		{name: "eof midway", input: "1\n2\n", wantEnd: p.Goodbye + "\n", wantNone: p.WhatChanges},
		{name: "eof midway without newline", input: "1\n2", wantEnd: p.Goodbye + "\n", wantNone: p.WhatChanges},
		{name: "eof after the card", input: "1\n1\n1\n1\n1\n", wantEnd: p.Goodbye + "\n"},
		{name: "cancel", input: "1\ncancel\n1\n1\n", wantEnd: p.Cancelled + "\n", wantNone: p.Goodbye},
		{name: "cancel after the card", input: "1\n1\n1\n1\n1\ncancel\n", wantEnd: p.Cancelled + "\n", wantNone: p.Goodbye},
		{name: "back at the first question", input: "back\n", wantEnd: p.Goodbye + "\n", wantNone: p.Back + "\n"},
		{name: "windows line endings", input: "1\r\n1\r\n1\r\n1\r\n1\r\n", wantEnd: p.Goodbye + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := run(t, kb, knowledge.English, tt.input)
			if !strings.HasSuffix(out, tt.wantEnd) {
				t.Errorf("output ends %q, want %q", tail(out), tt.wantEnd)
			}
			if tt.wantNone != "" && strings.Contains(out, tt.wantNone) {
				t.Errorf("output contains %q; output:\n%s", tt.wantNone, out)
			}
		})
	}
}

func TestRunBackAtStart(t *testing.T) {
	kb := loadKB(t)
	p := kb.Text(knowledge.English).Phrases
	out := run(t, kb, knowledge.English, "back\n1\n")
	inOrder(t, out, p.NothingBack, "> ", progress(kb.Text(knowledge.English), 2))
}

func TestRunLongLine(t *testing.T) {
	kb := loadKB(t)
	en := kb.Text(knowledge.English)
	long := strings.Repeat("x", 3*maxLine)
	// Exactly at the limit ParseReply refuses it too; one past it, the
	// scanner cuts it.
	out := run(t, kb, knowledge.English, long+"\n"+strings.Repeat("1", maxLine+1)+"\n1\n")
	if strings.Contains(out, strings.Repeat("x", 2*echoMax)) {
		t.Errorf("output echoes the long line in full")
	}
	inOrder(t, out,
		fmt.Sprintf(en.Phrases.NoMatch, strings.Repeat("x", echoMax)+"…"),
		fmt.Sprintf(en.Phrases.NoMatch, strings.Repeat("1", echoMax)+"…"),
		progress(en, 2),
	)
	if got := strings.Count(out, progress(en, 2)); got != 1 {
		t.Errorf("%q printed %d times, want 1", progress(en, 2), got)
	}
}

func TestRunEchoIsSafe(t *testing.T) {
	kb := loadKB(t)
	out := run(t, kb, knowledge.English, "\x1b[2J\x1b]0;pwned\x07oops\n")
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("output repeats control characters: %q", out)
	}
	inOrder(t, out, fmt.Sprintf(kb.Text(knowledge.English).Phrases.NoMatch, "[2J]0;pwnedoops"))
}

func TestRunContextCancelled(t *testing.T) {
	kb := loadKB(t)
	pr, pw := io.Pipe()
	defer pw.Close() // ends the reading goroutine, blocked on the pipe

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// Cancel once the first question waits for an answer, so Run is
	// blocked in a read when the context ends.
	out := &onPrompt{f: cancel}
	err := Run(ctx, kb, knowledge.English, pr, out)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run() after cancel = %v, want %v", err, context.Canceled)
	}
	if strings.Contains(out.String(), kb.Text(knowledge.English).Phrases.Goodbye) {
		t.Errorf("Run said goodbye on a cancelled context")
	}
}

func TestRunWriteError(t *testing.T) {
	kb := loadKB(t)
	errBroken := errors.New("broken pipe")
	err := Run(t.Context(), kb, knowledge.English, strings.NewReader("1\n1\n"), failingWriter{errBroken})
	if !errors.Is(err, errBroken) {
		t.Errorf("Run() on a failing writer = %v, want %v", err, errBroken)
	}
}

// onPrompt calls f when the prompt marker is written. The buffer is a
// named field, not embedded, so that io.WriteString cannot bypass Write
// through bytes.Buffer's WriteString.
type onPrompt struct {
	buf bytes.Buffer
	f   func()
}

func (w *onPrompt) Write(b []byte) (int, error) {
	if bytes.Contains(b, []byte(prompt)) {
		w.f()
	}
	return w.buf.Write(b)
}

func (w *onPrompt) String() string { return w.buf.String() }

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func tail(s string) string {
	if len(s) > 80 {
		return "…" + s[len(s)-80:]
	}
	return s
}

func TestRunAfterCard(t *testing.T) {
	kb := loadKB(t)
	en := kb.Text(knowledge.English)
	p := en.Phrases
	after := p.TerminalAfterCard
	out := run(t, kb, knowledge.English, "1\n1\n1\n1\n1\nxyz\nhelp\nback\n2\nCASE-2\n")

	changed := case1()
	changed[knowledge.Budget] = knowledge.FixedOK
	inOrder(t, out,
		progress(en, 5), en.Outcomes[knowledge.ExternalThenInternal].Title,
		fmt.Sprintf(p.NoMatch, "xyz"), after,
		after,
		p.Back, progress(en, 5),
		Card(kb, knowledge.English, dialog.Advise(kb, changed)),
		CaseStudy(kb, knowledge.English, knowledge.Case2),
		p.Goodbye,
	)
}
