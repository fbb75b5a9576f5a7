package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ctoadvisor/ctoadvisor/console"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// adviseCmd prints the advice for one profile, or for every profile as
// JSON lines: what audits, scripts and tests read (SPEC §2, §4b).
func adviseCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("advise", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	answers := fs.String("answers", "", "the five answers: stage=…,tech_lead=…,need=…,urgency=…,budget=…")
	all := fs.Bool("all", false, "every profile, one JSON object per line")
	lang := fs.String("lang", "en", "language: en or fr")
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return usageError("advise: " + err.Error())
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("advise: unexpected argument %q", fs.Arg(0)))
	}
	l, ok := knowledge.ParseLang(*lang)
	if !ok || len(*lang) != 2 {
		return usageError(fmt.Sprintf("advise: --lang must be en or fr, not %q", *lang))
	}
	if *format != "text" && *format != "json" {
		return usageError(fmt.Sprintf("advise: --format must be text or json, not %q", *format))
	}
	switch {
	case *all && *answers != "":
		return usageError("advise: give --answers or --all, not both")
	case *all && *format != "json":
		return usageError("advise: --all prints JSON lines; add --format json")
	case !*all && *answers == "":
		return usageError("advise: give --answers stage=…,tech_lead=…,need=…,urgency=…,budget=… or --all --format json")
	}
	kb, err := knowledge.Load()
	if err != nil {
		return fmt.Errorf("knowledge: %w", err)
	}

	w := bufio.NewWriter(stdout)
	if *all {
		for _, p := range dialog.Profiles() {
			if err := writeJSON(w, kb, l, dialog.Advise(kb, p)); err != nil {
				return err
			}
		}
		return w.Flush()
	}
	p, err := parseAnswers(*answers)
	if err != nil {
		return usageError("advise: " + err.Error())
	}
	a := dialog.Advise(kb, p)
	if *format == "json" {
		err = writeJSON(w, kb, l, a)
	} else {
		_, err = io.WriteString(w, console.Card(kb, l, a))
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// parseAnswers reads "stage=startup,tech_lead=none,…": every question
// once, each with one of its options. Spaces around items are allowed.
func parseAnswers(s string) (map[knowledge.QuestionID]knowledge.OptionID, error) {
	answers := map[knowledge.QuestionID]knowledge.OptionID{}
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		if !ok {
			return nil, fmt.Errorf("--answers: %q is not question=option", item)
		}
		qid := knowledge.QuestionID(strings.TrimSpace(k))
		q, ok := knowledge.Lookup(qid)
		if !ok {
			return nil, fmt.Errorf("--answers: unknown question %q (want %s)", qid, questionList())
		}
		if _, dup := answers[qid]; dup {
			return nil, fmt.Errorf("--answers: %s is given twice", qid)
		}
		o := knowledge.OptionID(strings.TrimSpace(v))
		if !q.Has(o) {
			return nil, fmt.Errorf("--answers: %s has no option %q (want %s)", qid, o, optionList(q))
		}
		answers[qid] = o
	}
	var missing []string
	for _, q := range knowledge.Questions {
		if _, ok := answers[q.ID]; !ok {
			missing = append(missing, string(q.ID))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("--answers: missing %s", strings.Join(missing, ", "))
	}
	return answers, nil
}

func questionList() string {
	ids := make([]string, len(knowledge.Questions))
	for i, q := range knowledge.Questions {
		ids[i] = string(q.ID)
	}
	return strings.Join(ids, ", ")
}

func optionList(q knowledge.Question) string {
	ids := make([]string, len(q.Options))
	for i, o := range q.Options {
		ids[i] = string(o)
	}
	return strings.Join(ids, ", ")
}

// The JSON shape of SPEC §4b. Answers and changes are objects whose keys
// follow the questionnaire's order, so a line reads like the dialog.
type (
	adviceJSON struct {
		Answers         orderedAnswers `json:"answers"`
		Outcome         string         `json:"outcome"`
		Case            string         `json:"case"`
		Plan            planJSON       `json:"plan"`
		CloseCall       *closeJSON     `json:"close_call"`
		Why             []whyJSON      `json:"why"`
		WhatWouldChange []changeJSON   `json:"what_would_change"`
		Text            textJSON       `json:"text"`
	}
	planJSON struct {
		Now              string  `json:"now"`
		Later            string  `json:"later"`
		KeepsExistingCTO bool    `json:"keeps_existing_cto"`
		Horizon          *string `json:"horizon"`
	}
	closeJSON struct {
		Between    [2]string `json:"between"`
		SettleWith string    `json:"settle_with"`
	}
	whyJSON struct {
		Question  string `json:"question"`
		Option    string `json:"option"`
		ArguesFor string `json:"argues_for"`
	}
	changeJSON struct {
		Changes orderedAnswers `json:"changes"`
		Outcome string         `json:"outcome"`
	}
	textJSON struct {
		Headline  string   `json:"headline"`
		Summary   string   `json:"summary"`
		Why       []string `json:"why"`
		Change    string   `json:"change"`
		NextSteps []string `json:"next_steps"`
	}
	orderedAnswers map[knowledge.QuestionID]knowledge.OptionID
)

func (m orderedAnswers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for _, q := range knowledge.Questions {
		o, ok := m[q.ID]
		if !ok {
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%q", q.ID, o) // IDs are ASCII words: %q is valid JSON for them
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeJSON(w io.Writer, kb *knowledge.Base, l knowledge.Lang, a dialog.Advice) error {
	text := a.Text(kb.Text(l))
	j := adviceJSON{
		Answers: a.Answers,
		Outcome: string(a.Outcome),
		Case:    string(a.Case),
		Plan: planJSON{
			Now:              string(a.Plan.Now),
			Later:            string(a.Plan.Later),
			KeepsExistingCTO: a.Plan.KeepsExistingCTO,
		},
		Why: []whyJSON{},
		Text: textJSON{
			Headline:  text.Headline,
			Summary:   text.Summary,
			Why:       text.Why,
			Change:    text.Change,
			NextSteps: text.NextSteps,
		},
	}
	if h := string(a.Plan.Horizon); h != "" {
		j.Plan.Horizon = &h
	}
	if cc := a.CloseCall; cc != nil {
		j.CloseCall = &closeJSON{Between: [2]string{string(cc.Between[0]), string(cc.Between[1])}, SettleWith: string(cc.SettleWith)}
	}
	for _, r := range a.Why {
		j.Why = append(j.Why, whyJSON{Question: string(r.Question), Option: string(r.Option), ArguesFor: string(r.ArguesFor)})
	}
	for _, c := range a.WhatWouldChange {
		j.WhatWouldChange = append(j.WhatWouldChange, changeJSON{Changes: c.Changes, Outcome: string(c.Outcome)})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}
