package console

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// width is the column the card wraps at: wide enough for the comparison
// table's three columns, narrow enough for a laptop terminal.
const width = 100

// Card renders the advice as plain text in lang: the same sections as the
// Slack card, in the same order. It uses no markup, so it reads the same in
// a terminal, a log or an email.
func Card(kb *knowledge.Base, lang knowledge.Lang, a dialog.Advice) string {
	t := kb.Text(lang)
	p := t.Phrases
	text := a.Text(t)
	var b strings.Builder

	heading(&b, text.Headline, '=')
	paragraph(&b, text.Summary)

	if len(text.Why) > 0 {
		b.WriteString("\n")
		heading(&b, p.Why, '-')
		for _, w := range text.Why {
			bullet(&b, "- ", w)
		}
	}

	b.WriteString("\n")
	heading(&b, p.WhatChanges, '-')
	paragraph(&b, text.Change)

	b.WriteString("\n")
	heading(&b, p.NextSteps, '-')
	for i, step := range text.NextSteps {
		bullet(&b, fmt.Sprintf("%d. ", i+1), step)
	}

	if cs, ok := t.Cases[a.Missions]; ok {
		b.WriteString("\n")
		heading(&b, fmt.Sprintf(p.MissionsIn, caseNumber(a.Missions)), '-')
		for _, m := range cs.Missions {
			bullet(&b, "- ", m)
		}
	}

	b.WriteString("\n")
	labels := make([]string, 0, len(knowledge.Questions))
	for _, q := range knowledge.Questions {
		if o, ok := a.Answers[q.ID]; ok {
			labels = append(labels, t.Questions[q.ID].Options[o].Label)
		}
	}
	paragraph(&b, fmt.Sprintf(p.Answered, p.YourAnswers, strings.Join(labels, " · ")))
	return b.String()
}

// Comparison renders what the card leaves out so it reads in a minute: the
// article's comparison of the two models on five criteria, its four
// decision factors and its conclusion.
func Comparison(kb *knowledge.Base, lang knowledge.Lang) string {
	t := kb.Text(lang)
	p := t.Phrases
	var b strings.Builder
	heading(&b, p.Comparison, '=')
	rows := [][3]string{{"", t.Models.InternalName, t.Models.ExternalName}}
	for _, id := range knowledge.Criteria {
		c := t.Criteria[id]
		rows = append(rows, [3]string{c.Name, c.Internal, c.External})
	}
	table(&b, rows)
	b.WriteString("\n")
	heading(&b, p.Factors, '-')
	for _, f := range t.Factors {
		bullet(&b, "- ", f)
	}
	b.WriteString("\n")
	heading(&b, p.Conclusion, '-')
	paragraph(&b, t.Conclusion)
	return b.String()
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

// CaseStudy renders one of the article's case studies in full as plain
// text in lang, or "" for an ID the article does not have.
func CaseStudy(kb *knowledge.Base, lang knowledge.Lang, id knowledge.CaseID) string {
	t := kb.Text(lang)
	cs, ok := t.Cases[id]
	if !ok {
		return ""
	}
	p := t.Phrases
	var b strings.Builder
	heading(&b, cs.Title, '=')
	sections := []struct {
		name  string
		text  string
		items []string
	}{
		{p.Context, cs.Context, nil},
		{p.Problem, "", cs.Problem},
		{p.Choice, cs.Choice, nil},
		{p.Missions, "", cs.Missions},
		{p.Result, cs.Result, nil},
		{p.Lesson, cs.Lesson, nil},
	}
	for i, sec := range sections {
		if sec.text == "" && len(sec.items) == 0 {
			continue
		}
		if i > 0 {
			b.WriteString("\n")
		}
		heading(&b, sec.name, '-')
		if sec.text != "" {
			paragraph(&b, sec.text)
		}
		for _, it := range sec.items {
			bullet(&b, "- ", it)
		}
	}
	return b.String()
}

// answered is "Topic: Label" in the language's punctuation.
func answered(t *knowledge.Text, q knowledge.QuestionID, o knowledge.OptionID) string {
	qt := t.Questions[q]
	return fmt.Sprintf(t.Phrases.Answered, qt.Topic, qt.Options[o].Label)
}

// list joins items as "a, b and c".
func list(items []string, and string) string { return dialog.JoinAnd(items, and) }

// heading writes s underlined with rule, the plain-text way to stand out
// without markup.
func heading(b *strings.Builder, s string, rule rune) {
	b.WriteString(s)
	b.WriteString("\n")
	b.WriteString(strings.Repeat(string(rule), min(utf8.RuneCountInString(s), width)))
	b.WriteString("\n")
}

// paragraph writes s wrapped at width, keeping its own line breaks.
func paragraph(b *strings.Builder, s string) {
	for _, l := range strings.Split(s, "\n") {
		for _, w := range wrap(l, width) {
			b.WriteString(w)
			b.WriteString("\n")
		}
	}
}

// bullet writes s wrapped after mark, continuation lines aligned under
// the text rather than the mark.
func bullet(b *strings.Builder, mark, s string) {
	indent := "  " + strings.Repeat(" ", utf8.RuneCountInString(mark))
	for i, l := range wrap(s, width-len(indent)) {
		if i == 0 {
			b.WriteString("  " + mark)
		} else {
			b.WriteString(indent)
		}
		b.WriteString(l)
		b.WriteString("\n")
	}
}

// table writes rows as three aligned columns, the first one a header row,
// wrapping each cell in its column and ruling between rows, since wrapped
// cells would otherwise run into the next row.
func table(b *strings.Builder, rows [][3]string) {
	const sep = " | "
	first := 0
	for _, r := range rows {
		for _, w := range strings.FieldsFunc(r[0], breakable) {
			first = max(first, utf8.RuneCountInString(w))
		}
		first = max(first, min(utf8.RuneCountInString(r[0]), 24))
	}
	rest := width - first - 2*len(sep)
	widths := [3]int{first, rest / 2, rest - rest/2}

	rule := strings.Repeat("-", widths[0]+1) + "+" + strings.Repeat("-", widths[1]+2) + "+" + strings.Repeat("-", widths[2]+1)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(rule)
			b.WriteString("\n")
		}
		var cells [3][]string
		lines := 0
		for c := range r {
			cells[c] = wrap(r[c], widths[c])
			lines = max(lines, len(cells[c]))
		}
		for l := range lines {
			var line strings.Builder
			for c := range r {
				if c > 0 {
					line.WriteString(sep)
				}
				cell := ""
				if l < len(cells[c]) {
					cell = cells[c][l]
				}
				line.WriteString(cell)
				line.WriteString(strings.Repeat(" ", widths[c]-utf8.RuneCountInString(cell)))
			}
			b.WriteString(strings.TrimRight(line.String(), " "))
			b.WriteString("\n")
		}
	}
}

// wrap breaks s into lines of at most n characters at spaces, cutting a
// word only when it is longer than a whole line. It always returns at
// least one line, so an empty cell still takes its row. Only ASCII spaces
// break: a no-break space (U+00A0, or U+202F before French punctuation)
// keeps "Budget : variable" together, where strings.Fields would split it.
func wrap(s string, n int) []string {
	var lines []string
	cur, curLen := "", 0
	for _, w := range strings.FieldsFunc(s, breakable) {
		wl := utf8.RuneCountInString(w)
		for wl > n {
			if curLen > 0 {
				lines = append(lines, cur)
				cur, curLen = "", 0
			}
			cut := runeOffset(w, n)
			lines = append(lines, w[:cut])
			w = w[cut:]
			wl -= n
		}
		switch {
		case wl == 0:
		case curLen == 0:
			cur, curLen = w, wl
		case curLen+1+wl <= n:
			cur, curLen = cur+" "+w, curLen+1+wl
		default:
			lines = append(lines, cur)
			cur, curLen = w, wl
		}
	}
	if curLen > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// breakable reports whether a line may break at r.
func breakable(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

// runeOffset is the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
