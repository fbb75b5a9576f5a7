package knowledge

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoad(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	for _, l := range Langs {
		if got := b.Text(l).Lang; got != l {
			t.Errorf("Load().Text(%q).Lang = %q, want %q", l, got, l)
		}
	}
	if got := b.Text("de").Lang; got != English {
		t.Errorf("Load().Text(%q).Lang = %q, want the %q fallback", "de", got, English)
	}
	if again, _ := Load(); again != b {
		t.Error("Load() returned a new Base on the second call, want the same one")
	}
	if last := b.Rules[len(b.Rules)-1]; len(last.If) != 0 {
		t.Errorf("Load().Rules ends with %+v, want a rule for every profile left", last)
	}
}

// TestFrenchQuotesArticle pins the French wording the SPEC asks to quote,
// so a rewording of the source of truth is a deliberate act.
func TestFrenchQuotesArticle(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"case 1 lesson", french.Cases[Case1].Lesson, "Exemple typique où l’externe agit comme un catalyseur avant de céder le relais à un interne."},
		{"case 2 lesson", french.Cases[Case2].Lesson, "Exemple où l’externe initie la transformation et l’interne consolide ensuite."},
		{"case 3 lesson", french.Cases[Case3].Lesson, "Exemple où l’externe complète l’interne sans le remplacer."},
		{"cost, internal", french.Criteria[Cost].Internal, "Élevé (salaire + éventuelles parts sociales/equity)."},
		{"last factor", french.Factors[3], "Les compétences déjà présentes dans l’équipe."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("french text = %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// cloneBase deep-copies b, so a test can break the copy without touching
// the built-in texts the other tests share.
func cloneBase(t *testing.T, b *Base) *Base {
	t.Helper()
	c := &Base{texts: make(map[Lang]*Text, len(b.texts))}
	roundTrip(t, b.Rules, &c.Rules)
	roundTrip(t, b.Argues, &c.Argues)
	for l, txt := range b.texts {
		var cp Text
		roundTrip(t, txt, &cp)
		c.texts[l] = &cp
	}
	return c
}

func roundTrip(t *testing.T, from, to any) {
	t.Helper()
	data, err := json.Marshal(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, to); err != nil {
		t.Fatal(err)
	}
}

func builtinBase() *Base {
	return &Base{
		Rules:  builtinRules,
		Argues: builtinArgues,
		texts:  map[Lang]*Text{English: english, French: french},
	}
}

func TestCloneBaseValidates(t *testing.T) {
	orig := builtinBase()
	c := cloneBase(t, orig)
	if err := c.validate(); err != nil {
		t.Fatalf("validate() on an untouched copy = %v, want nil", err)
	}
	if diff := cmp.Diff(orig.texts, c.texts); diff != "" {
		t.Errorf("cloneBase texts differ (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(orig.Rules, c.Rules); diff != "" {
		t.Errorf("cloneBase rules differ (-want +got):\n%s", diff)
	}
}

// editOption applies f to one option's text; map values are copies, so it
// writes the result back.
func editOption(b *Base, l Lang, q QuestionID, o OptionID, f func(*OptionText)) {
	qt := b.texts[l].Questions[q]
	ot := qt.Options[o]
	f(&ot)
	qt.Options[o] = ot
}

// editReason applies f to one answer's reason, writing the copy back.
func editReason(b *Base, l Lang, q QuestionID, o OptionID, f func(*Reason)) {
	r := b.texts[l].Reasons[q][o]
	f(&r)
	b.texts[l].Reasons[q][o] = r
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(b *Base)
		want   string // what the error must mention
	}{
		{
			name:   "option without text in fr",
			mutate: func(b *Base) { delete(b.texts[French].Questions[Need].Options, NeedLaunch) },
			want:   "fr: question need: option launch has no text",
		},
		{
			name:   "question without text in en",
			mutate: func(b *Base) { delete(b.texts[English].Questions, Urgency) },
			want:   "en: question urgency has no text",
		},
		{
			name:   "blank label",
			mutate: func(b *Base) { editOption(b, English, Urgency, Months, func(o *OptionText) { o.Label = " " }) },
			want:   "en: Questions[urgency].Options[months].Label is empty",
		},
		{
			name: "label over 75 characters",
			mutate: func(b *Base) {
				editOption(b, French, Urgency, LongTerm, func(o *OptionText) { o.Label = strings.Repeat("é", 76) })
			},
			want: "option long_term: label is 76 characters",
		},
		{
			name: "duplicate labels",
			mutate: func(b *Base) {
				editOption(b, French, Budget, FixedOK, func(o *OptionText) {
					o.Label = strings.ToUpper(b.texts[French].Questions[Budget].Options[Flexible].Label)
				})
			},
			want: "options flexible and fixed_ok have the same label",
		},
		{
			name:   "label is another option's ID",
			mutate: func(b *Base) { editOption(b, English, Stage, Startup, func(o *OptionText) { o.Label = "Scaleup" }) },
			want:   "option startup: label \"Scaleup\" is option scaleup's ID",
		},
		{
			name:   "label is a number",
			mutate: func(b *Base) { editOption(b, English, Need, NeedVision, func(o *OptionText) { o.Label = "2" }) },
			want:   "option vision: label \"2\" reads as an option number",
		},
		{
			name:   "answer that argues without a reason",
			mutate: func(b *Base) { editReason(b, French, TechLead, LeadITOps, func(r *Reason) { r.Why = "" }) },
			want:   "fr: tech_lead/it_ops argues for",
		},
		{
			name:   "lever without a condition",
			mutate: func(b *Base) { editReason(b, English, Budget, FixedOK, func(r *Reason) { r.With = "" }) },
			want:   "en: lever budget/fixed_ok has no With",
		},
		{
			name:   "fact with a condition",
			mutate: func(b *Base) { editReason(b, English, Stage, Startup, func(r *Reason) { r.With = "a start-up" }) },
			want:   "en: stage/startup is not a lever but has a With",
		},
		{
			name:   "markup in a reason",
			mutate: func(b *Base) { editReason(b, English, Stage, Startup, func(r *Reason) { r.Why = "<!channel>" }) },
			want:   "en: Reasons[stage][startup].Why contains '<'",
		},
		{
			name:   "settling question missing",
			mutate: func(b *Base) { delete(b.texts[French].Settle, Urgency) },
			want:   "fr: question urgency: Settle text only for",
		},
		{
			name: "markup in a text",
			mutate: func(b *Base) {
				editOption(b, English, Stage, Scaleup, func(o *OptionText) { o.Explain = "*bold* claim" })
			},
			want: "Questions[stage].Options[scaleup].Explain contains '*'",
		},
		{
			name:   "italics in a phrase",
			mutate: func(b *Base) { b.texts[French].Phrases.ShareOff = "Demandez _vite_ à l’administrateur." },
			want:   "fr: Phrases.ShareOff contains '_'",
		},
		{
			name:   "italics closing a phrase",
			mutate: func(b *Base) { b.texts[English].Phrases.Goodbye = "Bye_" },
			want:   "en: Phrases.Goodbye contains '_'",
		},
		{
			name:   "link in a phrase",
			mutate: func(b *Base) { b.texts[English].Phrases.Help = "See <https://example.com|this>." },
			want:   "en: Phrases.Help contains '<'",
		},
		{
			name:   "argues for an unknown question",
			mutate: func(b *Base) { b.Argues["team_size"] = map[OptionID][]OutcomeID{"small": {Internal}} },
			want:   "argues: unknown question team_size",
		},
		{
			name:   "argues for an unknown outcome",
			mutate: func(b *Base) { b.Argues[Stage][Startup] = []OutcomeID{"outsourcing"} },
			want:   "argues: stage/startup: unknown outcome outsourcing",
		},
		{
			name:   "rule on an unknown option",
			mutate: func(b *Base) { b.Rules[0].If = map[QuestionID][]OptionID{Stage: {"unicorn"}} },
			want:   "rules[0]: question stage has no option unicorn",
		},
		{
			name:   "rule for an unknown outcome",
			mutate: func(b *Base) { b.Rules[1].Then = "outsourcing" },
			want:   "rules[1]: unknown outcome outsourcing",
		},
		{
			name:   "no rule for the profiles left",
			mutate: func(b *Base) { b.Rules = b.Rules[:len(b.Rules)-1] },
			want:   "the last rule has conditions",
		},
		{
			name: "text for an unknown question",
			mutate: func(b *Base) {
				b.texts[French].Questions["team_size"] = b.texts[French].Questions[Stage]
			},
			want: "fr: text for unknown question team_size",
		},
		{
			name: "text for an unknown option",
			mutate: func(b *Base) {
				b.texts[English].Questions[Budget].Options["free"] = b.texts[English].Questions[Budget].Options[Flexible]
			},
			want: "en: question budget: text for unknown option free",
		},
		{
			name:   "text for an unknown outcome",
			mutate: func(b *Base) { b.texts[French].Outcomes["outsourcing"] = b.texts[French].Outcomes[Internal] },
			want:   "fr: text for unknown outcome outsourcing",
		},
		{
			name:   "text for an unknown case",
			mutate: func(b *Base) { b.texts[English].Cases["case-4"] = b.texts[English].Cases[Case1] },
			want:   "en: text for unknown case case-4",
		},
		{
			name:   "text for an unknown criterion",
			mutate: func(b *Base) { b.texts[French].Criteria["speed"] = b.texts[French].Criteria[Cost] },
			want:   "fr: text for unknown criterion speed",
		},
		{
			name:   "outcome without text",
			mutate: func(b *Base) { delete(b.texts[English].Outcomes, ExternalTransformation) },
			want:   "en: outcome external_transformation has no text",
		},
		{
			name: "outcome title too long",
			mutate: func(b *Base) {
				o := b.texts[French].Outcomes[InternalPlusSpecialists]
				o.Title = strings.Repeat("CTO ", 16)
				b.texts[French].Outcomes[InternalPlusSpecialists] = o
			},
			want: "outcome internal_plus_specialists: title is 64 characters",
		},
		{
			name:   "case without text",
			mutate: func(b *Base) { delete(b.texts[French].Cases, Case2) },
			want:   "fr: case case-2 has no text",
		},
		{
			name: "case without missions",
			mutate: func(b *Base) {
				c := b.texts[English].Cases[Case3]
				c.Missions = nil
				b.texts[English].Cases[Case3] = c
			},
			want: "en: Cases[case-3].Missions is empty",
		},
		{
			name:   "criterion without text",
			mutate: func(b *Base) { delete(b.texts[French].Criteria, Cost) },
			want:   "fr: criterion cost has no text",
		},
		{
			name:   "three decision factors",
			mutate: func(b *Base) { b.texts[French].Factors = b.texts[French].Factors[:3] },
			want:   "fr: 3 decision factors, want 4",
		},
		{
			name:   "blank model name",
			mutate: func(b *Base) { b.texts[English].Models.ExternalName = "" },
			want:   "en: Models.ExternalName is empty",
		},
		{
			name:   "blank phrase",
			mutate: func(b *Base) { b.texts[French].Phrases.Goodbye = "" },
			want:   "fr: Phrases.Goodbye is empty",
		},
		{
			name:   "missing format verb",
			mutate: func(b *Base) { b.texts[French].Phrases.Progress = "Question %d" },
			want:   "fr: phrase Progress has verbs [%d], want [%d %d]",
		},
		{
			name:   "format verbs out of order",
			mutate: func(b *Base) { b.texts[French].Phrases.Answered = "%d : %s" },
			want:   "fr: phrase Answered has verbs [%d %s], want [%s %s]",
		},
		{
			name:   "team phrase loses its verb",
			mutate: func(b *Base) { b.texts[French].Phrases.Team.Based = "D’après les réponses des membres." },
			want:   "fr: phrase Team.Based has verbs [], want [%d]",
		},
		{
			name:   "blank team phrase",
			mutate: func(b *Base) { b.texts[English].Phrases.Team.Member = "" },
			want:   "en: Phrases.Team.Member is empty",
		},
		{
			name:   "format verb where English has none",
			mutate: func(b *Base) { b.texts[French].Phrases.Why = "Pourquoi %s" },
			want:   "fr: phrase Why has verbs [%s], want []",
		},
		{
			name:   "language missing",
			mutate: func(b *Base) { delete(b.texts, French) },
			want:   "fr: no text",
		},
		{
			name:   "language the advisor does not speak",
			mutate: func(b *Base) { b.texts["de"] = b.texts[English] },
			want:   "de: text for a language the advisor does not speak",
		},
		{
			name:   "text labelled with the wrong language",
			mutate: func(b *Base) { b.texts[French].Lang = English },
			want:   "fr: text says it is in \"en\"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := cloneBase(t, builtinBase())
			tt.mutate(b)
			err := b.validate()
			if err == nil {
				t.Fatalf("validate() = nil, want an error mentioning %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("validate() = %v\nwant it to mention %q", err, tt.want)
			}
		})
	}
}

// TestValidateReportsEveryGap checks that problems are joined, not cut
// short at the first, so one failing run shows the whole list.
func TestValidateReportsEveryGap(t *testing.T) {
	b := cloneBase(t, builtinBase())
	b.texts[French].Phrases.Back = ""
	b.Rules[0].Then = "outsourcing"
	err := b.validate()
	for _, want := range []string{"fr: Phrases.Back is empty", "rules[0]: unknown outcome outsourcing"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("validate() = %v, want it to mention %q", err, want)
		}
	}
}

func TestCheckCases(t *testing.T) {
	tests := []struct {
		name   string
		caseOf map[OutcomeID]CaseID
		want   []string
	}{
		{name: "built in", caseOf: CaseOf},
		{
			name: "outcome without a case",
			caseOf: map[OutcomeID]CaseID{
				ExternalThenInternal: Case1, ExternalTransformation: Case2, InternalPlusSpecialists: Case3,
			},
			want: []string{"knowledge: outcome internal has no case study", "knowledge: outcome hire_internal has no case study"},
		},
		{
			name: "unknown case",
			caseOf: map[OutcomeID]CaseID{
				ExternalThenInternal: Case1, ExternalTransformation: "case-9", InternalPlusSpecialists: Case3, Internal: Case3, HireInternal: Case3,
			},
			want: []string{"knowledge: outcome external_transformation links to unknown case case-9"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p problems
			checkCases(tt.caseOf, &p)
			var got []string
			for _, err := range p {
				got = append(got, err.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("checkCases problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "none", in: "Our recommendation", want: nil},
		{name: "two ints", in: "Question %d of %d", want: []string{"%d", "%d"}},
		{name: "literal percent", in: "100%% sure, %s", want: []string{"%s"}},
		{name: "flags and width", in: "%-5.2f and %+q", want: []string{"%-5.2f", "%+q"}},
		{name: "explicit index", in: "%[2]s then %[1]s", want: []string{"%[2]s", "%[1]s"}},
		{name: "trailing percent", in: "50%", want: []string{"%"}},
		{name: "non-ASCII verb", in: "%é", want: []string{"%é"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, verbs(tt.in)); diff != "" {
				t.Errorf("verbs(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
