package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

const case1Answers = "stage=startup,tech_lead=none,need=scale,urgency=immediate,budget=flexible"

func TestParseAnswers(t *testing.T) {
	case1 := map[knowledge.QuestionID]knowledge.OptionID{
		knowledge.Stage: knowledge.Startup, knowledge.TechLead: knowledge.LeadNone, knowledge.Need: knowledge.NeedScale,
		knowledge.Urgency: knowledge.Immediate, knowledge.Budget: knowledge.Flexible,
	}
	tests := []struct {
		name    string
		in      string
		want    map[knowledge.QuestionID]knowledge.OptionID
		wantErr string
	}{
		{name: "all five", in: case1Answers, want: case1},
		{name: "any order, spaces, trailing comma", in: " budget = flexible , urgency=immediate,need=scale,tech_lead=none,stage=startup,", want: case1},
		{name: "empty", in: "", wantErr: "missing stage, tech_lead, need, urgency, budget"},
		{name: "one missing", in: "stage=startup,tech_lead=none,need=scale,urgency=immediate", wantErr: "missing budget"},
		{name: "not key=value", in: "startup", wantErr: `"startup" is not question=option`},
		{name: "unknown question", in: "size=small", wantErr: `unknown question "size" (want stage, tech_lead, need, urgency, budget)`},
		{name: "unknown option", in: "stage=unicorn", wantErr: `stage has no option "unicorn" (want startup, scaleup, enterprise)`},
		{name: "option of another question", in: "stage=none", wantErr: `stage has no option "none"`},
		{name: "twice", in: "stage=startup,stage=scaleup", wantErr: "stage is given twice"},
		{name: "case matters", in: "Stage=startup", wantErr: `unknown question "Stage"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseAnswers(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseAnswers(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseAnswers(%q) error: %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseAnswers(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// FuzzParseAnswers: any input either fails with one line, or gives a
// complete, valid profile that reads back the same once written out.
func FuzzParseAnswers(f *testing.F) {
	f.Add(case1Answers)
	f.Add("stage=enterprise,tech_lead=it_ops,need=launch,urgency=months,budget=fixed_ok")
	f.Add("stage==,=,,")
	f.Add("stage=startup,stage=startup")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseAnswers(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("parseAnswers(%q) error spans lines: %q", s, err)
			}
			return
		}
		var items []string
		for _, q := range knowledge.Questions {
			o, ok := got[q.ID]
			if !ok || !q.Has(o) {
				t.Fatalf("parseAnswers(%q) = %v: %s missing or invalid", s, got, q.ID)
			}
			items = append(items, string(q.ID)+"="+string(o))
		}
		again, err := parseAnswers(strings.Join(items, ","))
		if err != nil || !maps.Equal(got, again) {
			t.Errorf("parseAnswers round trip of %q: %v, %v", s, again, err)
		}
	})
}

func runAdvise(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), append([]string{"advise"}, args...), env{}.get, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunAdviseText(t *testing.T) {
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range knowledge.Langs {
		code, out, errs := runAdvise(t, "--answers", case1Answers, "--lang", string(l))
		if code != 0 || errs != "" {
			t.Fatalf("advise --lang %s = %d, stderr %q", l, code, errs)
		}
		if title := kb.Text(l).Outcomes[knowledge.ExternalThenInternal].Title; !strings.HasPrefix(out, title+"\n") {
			t.Errorf("advise --lang %s starts %q, want the plan %q", l, out[:min(len(out), 80)], title)
		}
	}
}

// TestRunAdviseAll: 288 lines of JSON in the shape of SPEC §4b, the
// article's profiles giving their own case.
func TestRunAdviseAll(t *testing.T) {
	for _, l := range knowledge.Langs {
		code, out, errs := runAdvise(t, "--all", "--format", "json", "--lang", string(l))
		if code != 0 || errs != "" {
			t.Fatalf("advise --all = %d, stderr %q", code, errs)
		}
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<20)
		n := 0
		cases := map[string]string{}
		for sc.Scan() {
			n++
			var line struct {
				Answers         map[string]string `json:"answers"`
				Outcome, Case   string
				Plan            map[string]any      `json:"plan"`
				CloseCall       json.RawMessage     `json:"close_call"`
				Why             []map[string]string `json:"why"`
				WhatWouldChange json.RawMessage     `json:"what_would_change"`
				Text            struct {
					Headline, Summary, Change string
					Why                       []string
					NextSteps                 []string `json:"next_steps"`
				} `json:"text"`
			}
			dec := json.NewDecoder(strings.NewReader(sc.Text()))
			if err := dec.Decode(&line); err != nil {
				t.Fatalf("line %d: %v: %s", n, err, sc.Text())
			}
			for _, key := range []string{`"close_call":`, `"what_would_change":`, `"horizon":`, `"keeps_existing_cto":`} {
				if !strings.Contains(sc.Text(), key) {
					t.Errorf("line %d lacks %s: %s", n, key, sc.Text())
				}
			}
			if len(line.Answers) != 5 || line.Outcome == "" || line.Plan["now"] == nil || len(line.Why) == 0 ||
				line.Text.Headline == "" || line.Text.Summary == "" || line.Text.Change == "" || len(line.Text.NextSteps) < 2 {
				t.Errorf("line %d is incomplete: %s", n, sc.Text())
			}
			code := fmt.Sprint(line.Answers["stage"], line.Answers["tech_lead"], line.Answers["need"])
			cases[code+"/"+line.Answers["urgency"]+"/"+line.Answers["budget"]] = line.Case
		}
		if n != len(dialog.Profiles()) || n != 288 {
			t.Errorf("advise --all printed %d lines, want 288", n)
		}
		for profile, want := range map[string]string{
			"startupnonescale/immediate/flexible":             "case-1",
			"enterpriseit_opslaunch/immediate/flexible":       "case-2",
			"scaleupcto_overloadedspecialist/months/fixed_ok": "case-3",
		} {
			if cases[profile] != want {
				t.Errorf("advise --all: %s gives %q, want %s", profile, cases[profile], want)
			}
		}
	}
}

func TestRunAdviseJSONKeepsQuestionOrder(t *testing.T) {
	code, out, _ := runAdvise(t, "--answers", case1Answers, "--format", "json")
	if code != 0 {
		t.Fatalf("advise --format json = %d", code)
	}
	want := `"answers":{"stage":"startup","tech_lead":"none","need":"scale","urgency":"immediate","budget":"flexible"}`
	if !strings.Contains(out, want) || strings.Count(out, "\n") != 1 {
		t.Errorf("advise --format json = %s, want one line with %s", out, want)
	}
}

func TestRunAdviseBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"nothing", nil, "give --answers"},
		{"both", []string{"--all", "--answers", case1Answers}, "not both"},
		{"all as text", []string{"--all"}, "--all prints JSON lines"},
		{"bad lang", []string{"--answers", case1Answers, "--lang", "de"}, "--lang must be en or fr"},
		{"bad format", []string{"--answers", case1Answers, "--format", "yaml"}, "--format must be text or json"},
		{"bad answer", []string{"--answers", "stage=unicorn"}, `stage has no option "unicorn"`},
		{"unknown flag", []string{"--profile", "x"}, "flag provided but not defined"},
		{"stray argument", []string{"--answers", case1Answers, "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runAdvise(t, tt.args...)
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if code != 2 || out != "" || len(lines) != 1 || !strings.Contains(errs, tt.want) {
				t.Errorf("advise %v = %d, stdout %q, stderr %q; want 2 and one line with %q", tt.args, code, out, errs, tt.want)
			}
		})
	}
	// The valid answers stay silent on stderr.
	if code, _, errs := runAdvise(t, "--answers", case1Answers); code != 0 || errs != "" {
		t.Errorf("advise with good answers = %d, stderr %q", code, errs)
	}
}
