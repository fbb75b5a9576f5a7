package dialog_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

type profile = map[knowledge.QuestionID]knowledge.OptionID

func loadBase(t testing.TB) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatalf("knowledge.Load() error: %v", err)
	}
	return kb
}

// full builds a complete set of answers in question order.
func full(stage, lead, need, urgency, budget knowledge.OptionID) profile {
	return profile{
		knowledge.Stage:    stage,
		knowledge.TechLead: lead,
		knowledge.Need:     need,
		knowledge.Urgency:  urgency,
		knowledge.Budget:   budget,
	}
}

func TestAdviseCaseProfiles(t *testing.T) {
	kb := loadBase(t)
	const (
		eti  = knowledge.ExternalThenInternal
		ett  = knowledge.ExternalTransformation
		ips  = knowledge.InternalPlusSpecialists
		in   = knowledge.Internal
		hire = knowledge.HireInternal
	)
	tests := []struct {
		name    string
		answers profile
		want    knowledge.OutcomeID
		cas     knowledge.CaseID
	}{
		{"case 1: start-up, no lead, scale, now, flexible", full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.Immediate, knowledge.Flexible), eti, knowledge.Case1},
		{"case 2: enterprise, IT ops, launch, now, flexible", full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Immediate, knowledge.Flexible), ett, knowledge.Case2},
		{"case 2: within months, fixed budget", full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Months, knowledge.FixedOK), ett, knowledge.Case2},
		{"case 2: no deadline, fixed budget", full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.LongTerm, knowledge.FixedOK), ett, knowledge.Case2},
		{"case 3: scale-up, stretched CTO, specialist, months, fixed", full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.Months, knowledge.FixedOK), ips, knowledge.Case3},
		{"case 3: now, flexible", full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.Immediate, knowledge.Flexible), ips, knowledge.Case3},
		{"case 3: no deadline, fixed", full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.LongTerm, knowledge.FixedOK), ips, knowledge.Case3},
		{"stretched CTO wanting long-term leadership still gets help", full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedVision, knowledge.LongTerm, knowledge.FixedOK), ips, knowledge.Case3},
		{"CTO with room, vision, no deadline", full(knowledge.Scaleup, knowledge.LeadCTOOK, knowledge.NeedVision, knowledge.LongTerm, knowledge.FixedOK), in, knowledge.Case3},
		{"CTO with room, launch within weeks", full(knowledge.Enterprise, knowledge.LeadCTOOK, knowledge.NeedLaunch, knowledge.Immediate, knowledge.FixedOK), ips, knowledge.Case3},
		{"no CTO, vision, no deadline, salary affordable: hire now", full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.LongTerm, knowledge.FixedOK), hire, knowledge.Case3},
		{"no CTO, vision, no deadline, variable budget: not a hire now", full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.LongTerm, knowledge.Flexible), eti, knowledge.Case1},
		{"22431 of the old map: no CTO, variable budget only", full(knowledge.Scaleup, knowledge.LeadITOps, knowledge.NeedVision, knowledge.LongTerm, knowledge.Flexible), eti, knowledge.Case1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := dialog.Advise(kb, tt.answers)
			if a.Outcome != tt.want || a.Case != tt.cas {
				t.Fatalf("Advise(%v) = %s (%s), want %s (%s)", dialog.ProfileCode(tt.answers), a.Outcome, a.Case, tt.want, tt.cas)
			}
		})
	}
	// The article's own three profiles are clear cases, not close calls.
	for _, p := range []profile{
		full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.Immediate, knowledge.Flexible),
		full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Immediate, knowledge.Flexible),
		full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.Months, knowledge.FixedOK),
	} {
		if a := dialog.Advise(kb, p); a.CloseCall != nil {
			t.Errorf("Advise(%s).CloseCall = %+v, want nil for a case of the article", dialog.ProfileCode(p), *a.CloseCall)
		}
	}
}

func TestProfiles(t *testing.T) {
	all := dialog.Profiles()
	if len(all) != 288 {
		t.Fatalf("len(Profiles()) = %d, want 288", len(all))
	}
	seen := map[string]bool{}
	for _, p := range all {
		code := dialog.ProfileCode(p)
		if seen[code] || strings.Contains(code, "0") {
			t.Errorf("Profiles() has %s twice or incomplete", code)
		}
		seen[code] = true
	}
	if got := dialog.ProfileCode(all[0]); got != "11111" {
		t.Errorf("Profiles()[0] = %s, want 11111", got)
	}
}

// levers lists every change of one or two levers from p.
func leverChanges(p profile) []profile {
	var out []profile
	others := func(q knowledge.QuestionID) []knowledge.OptionID {
		question, _ := knowledge.Lookup(q)
		return slices.DeleteFunc(slices.Clone(question.Options), func(o knowledge.OptionID) bool { return o == p[q] })
	}
	for i, q1 := range knowledge.Levers {
		for _, o1 := range others(q1) {
			out = append(out, profile{q1: o1})
			for _, q2 := range knowledge.Levers[i+1:] {
				for _, o2 := range others(q2) {
					out = append(out, profile{q1: o1, q2: o2})
				}
			}
		}
	}
	return out
}

func applied(p, changes profile) profile {
	c := maps.Clone(p)
	maps.Copy(c, changes)
	return c
}

// numberOfMonths finds a figure of months in English or French text.
var numberOfMonths = regexp.MustCompile(`(\d+)[\s\x{00a0}\x{202f}]*(?:months|mois)`)

// TestAdviseRules holds every profile to the ten rules of SPEC §4b, the
// decision and the words both.
func TestAdviseRules(t *testing.T) {
	kb := loadBase(t)
	for _, p := range dialog.Profiles() {
		a := dialog.Advise(kb, p)
		code := dialog.ProfileCode(p)
		hasCTO := knowledge.HasCTO[p[knowledge.TechLead]]
		bad := func(rule, format string, args ...any) {
			t.Helper()
			t.Errorf("%s (%s → %s) breaks rule %s: "+format, append([]any{code, strings.Join(answerList(p), ","), a.Outcome, rule}, args...)...)
		}

		if a.Plan != knowledge.PlanOf(a.Outcome, p) || a.Case != knowledge.CaseOf[a.Outcome] || a.Missions != knowledge.MissionsOf(a.Outcome, p) {
			bad("plan", "plan %+v, case %s, missions %q; want the outcome's", a.Plan, a.Case, a.Missions)
		}
		// 1. A CTO is kept, never replaced.
		if hasCTO && (!a.Plan.KeepsExistingCTO || a.Plan.Later == knowledge.LaterHireInternal || a.Plan.Now == knowledge.NowExternal) {
			bad("1", "plan %+v does not keep the CTO", a.Plan)
		}
		// 2. A stretched CTO gets help beside them.
		if p[knowledge.TechLead] == knowledge.LeadCTOOverloaded && a.Plan.Now != knowledge.NowInternalPlusExternal {
			bad("2", "plan now is %s, want internal_plus_external", a.Plan.Now)
		}
		// 3. No CTO: external now and internal later, except the one case for hiring now.
		if !hasCTO {
			hireNow := p[knowledge.Need] == knowledge.NeedVision && p[knowledge.Urgency] == knowledge.LongTerm && p[knowledge.Budget] == knowledge.FixedOK
			switch {
			case a.Plan.KeepsExistingCTO:
				bad("3", "the plan keeps a CTO the company does not have")
			case hireNow && a.Outcome != knowledge.HireInternal:
				bad("3", "want a hire now")
			case !hireNow && (a.Plan.Now != knowledge.NowExternal || a.Plan.Later != knowledge.LaterHireInternal):
				bad("3", "plan %+v, want external now, internal later", a.Plan)
			}
		}
		// 4. A variable budget never pays a full-time hire now.
		if p[knowledge.Budget] == knowledge.Flexible && a.Plan.Now == knowledge.NowInternal && !a.Plan.KeepsExistingCTO {
			bad("4", "a full-time hire now on a variable budget")
		}
		// 5. Immediate need, no CTO: an external starts.
		if !hasCTO && p[knowledge.Urgency] == knowledge.Immediate && a.Plan.Now != knowledge.NowExternal {
			bad("5", "plan now is %s", a.Plan.Now)
		}
		// 6. A close call is between the advice and a plan of another kind,
		// and its settling question really settles it.
		if cc := a.CloseCall; cc != nil {
			other := cc.Between[1]
			settles := false
			q, _ := knowledge.Lookup(cc.SettleWith)
			for _, o := range q.Options {
				settles = settles || dialog.Decide(kb, applied(p, profile{cc.SettleWith: o})) == other
			}
			switch {
			case cc.Between[0] != a.Outcome || other == a.Outcome:
				bad("6", "close call %v, want the advice first and another outcome second", cc.Between)
			case knowledge.Plans[other].Now == a.Plan.Now:
				bad("6", "close call %v within one kind of plan", cc.Between)
			case !slices.Contains(knowledge.Settlers, cc.SettleWith) || !settles:
				bad("6", "no answer to %s gives %s", cc.SettleWith, other)
			case knowledge.Ordered[cc.SettleWith] && !nextAlong(kb, p, cc.SettleWith, other):
				bad("6", "close call on %s, but only an answer two steps away gives %s", cc.SettleWith, other)
			}
		}
		// 7. Why argues for the advice (or, on a close call, the other of the two).
		if len(a.Why) == 0 {
			bad("7", "no reason given")
		}
		for _, r := range a.Why {
			forOther := a.CloseCall != nil && r.ArguesFor == a.CloseCall.Between[1]
			if (r.ArguesFor != a.Outcome && !forOther) || p[r.Question] != r.Option || !slices.Contains(kb.Argues[r.Question][r.Option], r.ArguesFor) {
				bad("7", "reason %+v", r)
			}
		}
		// 8. What would change it: levers only, true, and honest when empty.
		singles, crossing := false, false
		kind := func(o knowledge.OutcomeID) knowledge.Now { return knowledge.Plans[o].Now }
		for _, c := range a.WhatWouldChange {
			if len(c.Changes) == 1 && kind(c.Outcome) != a.Plan.Now {
				crossing = true
			}
		}
		for _, c := range a.WhatWouldChange {
			for q, o := range c.Changes {
				if !slices.Contains(knowledge.Levers, q) || p[q] == o {
					bad("8", "change %v is not a change of a lever", c.Changes)
				}
			}
			if got := dialog.Decide(kb, applied(p, c.Changes)); got != c.Outcome || got == a.Outcome {
				bad("8", "change %v gives %s, says %s", c.Changes, got, c.Outcome)
			}
			singles = singles || len(c.Changes) == 1
			if len(c.Changes) == 2 && (crossing || singles && kind(c.Outcome) == a.Plan.Now) {
				bad("8", "lists the pair %v next to single changes that already say enough", c.Changes)
			}
		}
		for _, c := range leverChanges(p) {
			got := dialog.Decide(kb, applied(p, c))
			switch {
			case got != a.Outcome && a.WhatWouldChange == nil:
				bad("8", "says nothing would change it, but %v gives %s", c, got)
			case got != a.Outcome && len(c) == 1 && !singles:
				bad("8", "lists pairs, but %v alone gives %s", c, got)
			case len(c) == 2 && !crossing && got != a.Outcome && kind(got) != a.Plan.Now &&
				!slices.ContainsFunc(a.WhatWouldChange, func(x dialog.Change) bool { return x.Outcome == got }):
				bad("8", "no single change reaches a plan of another kind, and the pair %v, which does (%s), is not listed", c, got)
			}
		}
		// 9 and 10: every sentence true of the answers, in both languages.
		for _, l := range knowledge.Langs {
			checkWords(t, kb, l, p, a, code)
		}
	}
}

// forbidden are words a card must not say, and of which answers.
var forbidden = []struct {
	rule  string
	of    func(p profile) bool
	words map[knowledge.Lang][]string
}{
	{"9: no 'afford' after a variable budget", func(p profile) bool { return p[knowledge.Budget] == knowledge.Flexible },
		map[knowledge.Lang][]string{knowledge.English: {"afford", "fits your budget"}, knowledge.French: {"assumer", "entre dans votre budget"}}},
	{"9: no 'no senior profile' when a CTO exists", func(p profile) bool { return knowledge.HasCTO[p[knowledge.TechLead]] },
		map[knowledge.Lang][]string{knowledge.English: {"no senior", "No one senior", "No senior"}, knowledge.French: {"pas de profil senior", "Pas de profil senior", "Personne de senior"}}},
	{"1: no new CTO when a CTO exists", func(p profile) bool { return knowledge.HasCTO[p[knowledge.TechLead]] },
		map[knowledge.Lang][]string{knowledge.English: {"hand over", "handover", "Hire a full-time", "hire of the CTO"}, knowledge.French: {"passe la main", "relais", "Recrutez", "recrutement du CTO"}}},
	{"3: no 'your CTO' without one", func(p profile) bool { return !knowledge.HasCTO[p[knowledge.TechLead]] },
		map[knowledge.Lang][]string{knowledge.English: {"your CTO", "Your CTO", "Keep your"}, knowledge.French: {"votre CTO", "Votre CTO", "Gardez"}}},
	{"9: no certifications unless the need is specialist", func(p profile) bool { return p[knowledge.Need] != knowledge.NeedSpecialist },
		map[knowledge.Lang][]string{knowledge.English: {"certif", "GDPR", "SOC 2", "ISO 27001"}, knowledge.French: {"certif", "RGPD", "SOC 2", "ISO 27001"}}},
	{"9: no executive committee for a start-up", func(p profile) bool { return p[knowledge.Stage] == knowledge.Startup },
		map[knowledge.Lang][]string{knowledge.English: {"executive committee", "COMEX"}, knowledge.French: {"comité exécutif", "COMEX"}}},
	{"9: a start-up has no separate project team, nor a large group's 9-month MVP", func(p profile) bool { return p[knowledge.Stage] == knowledge.Startup },
		map[knowledge.Lang][]string{knowledge.English: {"project team", "9 months"}, knowledge.French: {"équipe projet", "9 mois", "9 mois"}}},
	{"9: a large group has no seed investors and no AWS to set up", func(p profile) bool { return p[knowledge.Stage] == knowledge.Enterprise },
		map[knowledge.Lang][]string{knowledge.English: {"investors", "(AWS)", "founder"}, knowledge.French: {"investisseurs", "(AWS)", "fondateur"}}},
	{"6: the need picks the mission: only growth is structuring the company", func(p profile) bool { return p[knowledge.Need] != knowledge.NeedScale },
		map[knowledge.Lang][]string{knowledge.English: {"structures the company", "what to structure"}, knowledge.French: {"structure l’entreprise", "priorités de structuration"}}},
	{"9: an MVP only for a launch", func(p profile) bool { return p[knowledge.Need] != knowledge.NeedLaunch },
		map[knowledge.Lang][]string{knowledge.English: {"MVP"}, knowledge.French: {"MVP"}}},
	{"9: a CTO with room to lead is not told to stop doing things", func(p profile) bool { return p[knowledge.TechLead] == knowledge.LeadCTOOK },
		map[knowledge.Lang][]string{knowledge.English: {"stop doing", "stretched"}, knowledge.French: {"cesse de faire", "débordé"}}},
	{"7: a salary in the budget argues for no hire when the CTO is kept", func(p profile) bool { return knowledge.HasCTO[p[knowledge.TechLead]] },
		map[knowledge.Lang][]string{knowledge.English: {"fits your budget"}, knowledge.French: {"entre dans votre budget"}}},
	{"2: a stretched CTO is not given more to manage", func(p profile) bool { return p[knowledge.TechLead] == knowledge.LeadCTOOverloaded },
		map[knowledge.Lang][]string{knowledge.English: {"Ask your CTO", "project team that reports"}, knowledge.French: {"Demandez à votre CTO", "équipe projet externe"}}},
	{"4: a hire made now has no interim, and no 'remains' or specialists of case 3", func(p profile) bool {
		return !knowledge.HasCTO[p[knowledge.TechLead]] && p[knowledge.Need] == knowledge.NeedVision && p[knowledge.Urgency] == knowledge.LongTerm && p[knowledge.Budget] == knowledge.FixedOK
	}, map[knowledge.Lang][]string{knowledge.English: {"remains", "Specialist external"}, knowledge.French: {"reste le garant", "spécialisés"}}},
	{"9: the change line reads as a sentence, not a headline pasted after a colon", func(profile) bool { return true },
		map[knowledge.Lang][]string{knowledge.English: {"would be:", "the advice would be", "Plan a full-time"}, knowledge.French: {"serait\u202f:", "Briefez", "equity", "Si il", "si il"}}},
}

// checkWords holds the card's words for p to rules 9 and 10.
func checkWords(t *testing.T, kb *knowledge.Base, l knowledge.Lang, p profile, a dialog.Advice, code string) {
	t.Helper()
	tx := kb.Text(l)
	c := a.Text(tx)
	all := slices.Concat([]string{c.Headline, c.Summary, c.Change}, c.Why, c.NextSteps, tx.Cases[a.Missions].Missions)
	if len(c.NextSteps) < 2 || len(c.NextSteps) > 3 {
		t.Errorf("%s %s: %d next steps, want 2 or 3", code, l, len(c.NextSteps))
	}
	for _, s := range all {
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s %s: an empty sentence on the card %+v", code, l, c)
		}
		for _, f := range forbidden {
			if !f.of(p) {
				continue
			}
			for _, w := range f.words[l] {
				if strings.Contains(s, w) {
					t.Errorf("%s %s (%s) breaks rule %s: %q", code, l, a.Outcome, f.rule, s)
				}
			}
		}
		// 10. Horizons only where the article gives them. Another outcome's
		// title, named by a change or a close call, speaks of that outcome.
		for _, o := range knowledge.Outcomes {
			if o != a.Outcome {
				s = strings.ReplaceAll(s, tx.Outcomes[o].Title, "")
			}
		}
		for _, m := range numberOfMonths.FindAllStringSubmatch(s, -1) {
			ok := m[1] == "12" && a.Plan.Horizon == knowledge.Horizon12Months ||
				m[1] == "9" && a.Plan.Horizon == knowledge.HorizonMVP9Month
			if !ok {
				t.Errorf("%s %s (%s) breaks rule 10: %q names %s months", code, l, a.Outcome, s, m[1])
			}
		}
	}
	// Case 1's handover follows structuring, not a one-off audit; case 2's
	// MVP is a launch's.
	var horizon knowledge.Horizon
	switch {
	case a.Outcome == knowledge.ExternalThenInternal && p[knowledge.Need] != knowledge.NeedSpecialist:
		horizon = knowledge.Horizon12Months
	case a.Outcome == knowledge.ExternalTransformation && p[knowledge.Need] == knowledge.NeedLaunch:
		horizon = knowledge.HorizonMVP9Month
	}
	if a.Plan.Horizon != horizon {
		t.Errorf("%s: horizon %q, want %q", code, a.Plan.Horizon, horizon)
	}
}

// nextAlong reports whether an answer to the ordered question q next to
// p's gives other.
func nextAlong(kb *knowledge.Base, p profile, q knowledge.QuestionID, other knowledge.OutcomeID) bool {
	question, _ := knowledge.Lookup(q)
	i := slices.Index(question.Options, p[q])
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(question.Options) && dialog.Decide(kb, applied(p, profile{q: question.Options[j]})) == other {
			return true
		}
	}
	return false
}

func answerList(p profile) []string {
	var out []string
	for _, q := range knowledge.Questions {
		out = append(out, string(p[q.ID]))
	}
	return out
}

// TestAdviseReachesEveryOutcome keeps dead outcomes out of the knowledge.
func TestAdviseReachesEveryOutcome(t *testing.T) {
	kb := loadBase(t)
	seen := map[knowledge.OutcomeID]bool{}
	for _, p := range dialog.Profiles() {
		seen[dialog.Decide(kb, p)] = true
	}
	for _, o := range knowledge.Outcomes {
		if !seen[o] {
			t.Errorf("no profile gets %s", o)
		}
	}
}

// TestAdvisePartial: a partial set of answers gives advice so far, and
// changes only what was answered.
func TestAdvisePartial(t *testing.T) {
	kb := loadBase(t)
	tests := []struct {
		name    string
		answers profile
		want    knowledge.OutcomeID
	}{
		{"nothing answered", profile{}, knowledge.ExternalThenInternal},
		{"a CTO with room", profile{knowledge.TechLead: knowledge.LeadCTOOK}, knowledge.Internal},
		{"a stretched CTO", profile{knowledge.TechLead: knowledge.LeadCTOOverloaded}, knowledge.InternalPlusSpecialists},
		{"an unknown option", profile{knowledge.TechLead: "wizard"}, knowledge.ExternalThenInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := dialog.Advise(kb, tt.answers)
			if a.Outcome != tt.want {
				t.Errorf("Advise(%v) = %s, want %s", tt.answers, a.Outcome, tt.want)
			}
			for _, c := range a.WhatWouldChange {
				for q := range c.Changes {
					if _, ok := tt.answers[q]; !ok {
						t.Errorf("Advise(%v) changes unanswered %s", tt.answers, q)
					}
				}
			}
		})
	}
}

// TestAdviseCloseCallText: the close call names the other plan and the
// question that settles it, never a score.
func TestAdviseCloseCallText(t *testing.T) {
	kb := loadBase(t)
	p := full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.LongTerm, knowledge.Flexible)
	a := dialog.Advise(kb, p)
	if a.CloseCall == nil {
		t.Fatalf("Advise(%s).CloseCall = nil, want a close call on the budget", dialog.ProfileCode(p))
	}
	if a.CloseCall.SettleWith != knowledge.Budget || a.CloseCall.Between[1] != knowledge.HireInternal {
		t.Errorf("Advise(%s).CloseCall = %+v, want settled by budget, against hire_internal", dialog.ProfileCode(p), *a.CloseCall)
	}
	for _, l := range knowledge.Langs {
		tx := kb.Text(l)
		s := a.Text(tx).Change
		for _, want := range []string{tx.Outcomes[knowledge.HireInternal].Advise, tx.Settle[knowledge.Budget]} {
			if !strings.Contains(s, want) {
				t.Errorf("%s change %q lacks %q", l, s, want)
			}
		}
		if strings.Contains(s, "point") {
			t.Errorf("%s change %q speaks of points", l, s)
		}
	}
}

// TestAdviseFlavour: without a CTO, maturity picks the external plan's
// flavour and the need its mission; every card says the mission of its
// need and lists missions that fit it.
func TestAdviseFlavour(t *testing.T) {
	kb := loadBase(t)
	// What the lead sentence of a card must say, by need, for each
	// external outcome: the need picks the mission (rule 6).
	mission := map[knowledge.Lang]map[knowledge.OptionID]string{
		knowledge.English: {knowledge.NeedScale: "standards", knowledge.NeedLaunch: "first version|launch", knowledge.NeedSpecialist: "audit", knowledge.NeedVision: "vision and roadmap"},
		knowledge.French:  {knowledge.NeedScale: "standards", knowledge.NeedLaunch: "première version|lancement", knowledge.NeedSpecialist: "audit", knowledge.NeedVision: "vision technologique et la roadmap"},
	}
	for _, p := range dialog.Profiles() {
		a := dialog.Advise(kb, p)
		code := dialog.ProfileCode(p)
		if knowledge.HasCTO[p[knowledge.TechLead]] {
			if p[knowledge.Need] == knowledge.NeedLaunch && a.Outcome == knowledge.InternalPlusSpecialists && a.Missions != knowledge.Case2 {
				t.Errorf("%s: a launch beside the CTO lists case %q's missions, want case 2's", code, a.Missions)
			}
			continue
		}
		if a.Outcome == knowledge.HireInternal {
			if a.Missions != "" {
				t.Errorf("%s: a hire made now lists case %q's missions", code, a.Missions)
			}
			continue
		}
		want := knowledge.ExternalThenInternal
		switch {
		case p[knowledge.Stage] == knowledge.Enterprise:
			want = knowledge.ExternalTransformation // case 2: a CTO as a Service beside the IT department
		case p[knowledge.Stage] == knowledge.Scaleup && p[knowledge.Need] == knowledge.NeedLaunch:
			want = knowledge.ExternalTransformation
		}
		if a.Outcome != want {
			t.Errorf("%s: %s, want %s: maturity picks the flavour", code, a.Outcome, want)
		}
		for _, l := range knowledge.Langs {
			lead := a.Text(kb.Text(l)).Lead
			if !regexp.MustCompile(mission[l][p[knowledge.Need]]).MatchString(lead) {
				t.Errorf("%s %s: lead %q does not say the mission of need %s", code, l, lead, p[knowledge.Need])
			}
		}
	}
}

// TestAdviseChangeLine: "what would change it" names a change to a plan of
// another kind whenever one of one or two levers exists, and says plainly
// when only the form of the plan would change.
func TestAdviseChangeLine(t *testing.T) {
	kb := loadBase(t)
	for _, p := range dialog.Profiles() {
		a := dialog.Advise(kb, p)
		code := dialog.ProfileCode(p)
		var crossing, same []dialog.Change
		for _, c := range a.WhatWouldChange {
			if knowledge.Plans[c.Outcome].Now != a.Plan.Now {
				crossing = append(crossing, c)
			} else {
				same = append(same, c)
			}
		}
		for _, l := range knowledge.Langs {
			tx := kb.Text(l)
			s := a.Text(tx).Change
			flavour := strings.TrimSuffix(strings.Split(tx.Phrases.FlavourOnly, "%s")[0], " ")
			switch {
			case a.WhatWouldChange == nil:
				if s != tx.Phrases.NoFlip {
					t.Errorf("%s %s: change %q, want %q", code, l, s, tx.Phrases.NoFlip)
				}
			case len(crossing) > 0:
				if a.CloseCall == nil && !strings.Contains(s, tx.Outcomes[crossing[0].Outcome].Advise) {
					t.Errorf("%s %s: change %q does not name %s, a plan of another kind", code, l, s, crossing[0].Outcome)
				}
				if strings.Contains(s, flavour) {
					t.Errorf("%s %s: change %q says only the form changes", code, l, s)
				}
			default:
				if !strings.HasPrefix(s, flavour) || !strings.Contains(s, tx.Outcomes[same[0].Outcome].Advise) {
					t.Errorf("%s %s: change %q, want %q and %s", code, l, s, flavour, same[0].Outcome)
				}
				if a.Plan.Now != knowledge.NowExternal {
					t.Errorf("%s: only the form of a %s plan changes, but the phrase speaks of external help", code, a.Plan.Now)
				}
			}
		}
	}
	// Cards the review of all 288 named.
	for _, tt := range []struct {
		p    profile
		want string // in the English change line
		cc   bool   // a close call
	}{
		// No deadline and a salary in the budget: the lever that matters is the need.
		{full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.LongTerm, knowledge.FixedOK), "If your main need were long-term technology leadership, we would advise hiring a full-time CTO now.", false},
		// Results within weeks are two steps from no deadline: not close.
		{full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.Immediate, knowledge.FixedOK), "", false},
		{full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.Months, knowledge.FixedOK), "This is a close call, and timing settles it: if you had no deadline, we would advise hiring a full-time CTO now.", true},
		{full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.LongTerm, knowledge.Flexible), "This is a close call, and the budget settles it: if your budget covered a senior full-time salary, we would advise hiring a full-time CTO now.", true},
	} {
		a := dialog.Advise(kb, tt.p)
		s := a.Text(kb.Text(knowledge.English)).Change
		if (a.CloseCall != nil) != tt.cc || tt.want != "" && s != tt.want {
			t.Errorf("%s: close call %v, change %q; want close call %v, %q", dialog.ProfileCode(tt.p), a.CloseCall != nil, s, tt.cc, tt.want)
		}
	}
}
