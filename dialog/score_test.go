package dialog_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

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

// everyProfile calls f with each of the 288 complete sets of answers. f
// must not keep or modify the map.
func everyProfile(f func(profile)) {
	p := profile{}
	var rec func(i int)
	rec = func(i int) {
		if i == len(knowledge.Questions) {
			f(p)
			return
		}
		q := knowledge.Questions[i]
		for _, o := range q.Options {
			p[q.ID] = o
			rec(i + 1)
		}
	}
	rec(0)
}

// points is the straightforward sum Score must agree with.
func points(kb *knowledge.Base, answers profile, out knowledge.OutcomeID) int {
	sum := 0
	for q, o := range answers {
		sum += kb.Weights[q][o][out]
	}
	return sum
}

func TestScoreCaseProfiles(t *testing.T) {
	kb := loadBase(t)
	tests := []struct {
		name    string
		answers profile
		want    knowledge.OutcomeID
		cas     knowledge.CaseID
	}{
		{
			name:    "case 1: start-up, no lead, scale, now, flexible",
			answers: full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.Immediate, knowledge.Flexible),
			want:    knowledge.ExternalThenInternal, cas: knowledge.Case1,
		},
		{
			name:    "case 2: enterprise, IT ops, launch, now, flexible",
			answers: full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Immediate, knowledge.Flexible),
			want:    knowledge.ExternalTransformation, cas: knowledge.Case2,
		},
		{
			name:    "case 2: within months, flexible",
			answers: full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Months, knowledge.Flexible),
			want:    knowledge.ExternalTransformation, cas: knowledge.Case2,
		},
		{
			name:    "case 2: now, fixed budget",
			answers: full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Immediate, knowledge.FixedOK),
			want:    knowledge.ExternalTransformation, cas: knowledge.Case2,
		},
		{
			name:    "case 2: within months, fixed budget",
			answers: full(knowledge.Enterprise, knowledge.LeadITOps, knowledge.NeedLaunch, knowledge.Months, knowledge.FixedOK),
			want:    knowledge.ExternalTransformation, cas: knowledge.Case2,
		},
		{
			name:    "case 3: scale-up, overloaded CTO, specialist, months, fixed budget",
			answers: full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.Months, knowledge.FixedOK),
			want:    knowledge.InternalPlusSpecialists, cas: knowledge.Case3,
		},
		{
			name:    "case 3: now, flexible",
			answers: full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.Immediate, knowledge.Flexible),
			want:    knowledge.InternalPlusSpecialists, cas: knowledge.Case3,
		},
		{
			name:    "case 3: long term, fixed budget",
			answers: full(knowledge.Scaleup, knowledge.LeadCTOOverloaded, knowledge.NeedSpecialist, knowledge.LongTerm, knowledge.FixedOK),
			want:    knowledge.InternalPlusSpecialists, cas: knowledge.Case3,
		},
		{
			name:    "internal: CTO with room, vision, long term, fixed budget",
			answers: full(knowledge.Scaleup, knowledge.LeadCTOOK, knowledge.NeedVision, knowledge.LongTerm, knowledge.FixedOK),
			want:    knowledge.Internal, cas: knowledge.Case3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := dialog.Score(kb, tt.answers)
			if rec.Outcome != tt.want || rec.Case != tt.cas {
				t.Fatalf("Score(%v) = %s (%s), want %s (%s); scores %v", tt.answers, rec.Outcome, rec.Case, tt.want, tt.cas, rec.Scores)
			}
			if rec.Tie != nil {
				t.Errorf("Score(%v).Tie = %+v, want nil", tt.answers, *rec.Tie)
			}
			if gap := rec.Scores[0].Points - rec.Scores[1].Points; rec.Scores[0].Outcome != tt.want || gap <= kb.TieMargin {
				t.Errorf("Score(%v).Scores = %v, want %s ahead by more than the tie margin %d", tt.answers, rec.Scores, tt.want, kb.TieMargin)
			}
			for _, l := range knowledge.Langs {
				txt := kb.Text(l)
				if txt.Outcomes[rec.Outcome].Title == "" || txt.Cases[rec.Case].Title == "" {
					t.Errorf("Score(%v) = %s (%s), which has no title in %s", tt.answers, rec.Outcome, rec.Case, l)
				}
			}
		})
	}
}

func TestScoreEveryOptionWeighs(t *testing.T) {
	kb := loadBase(t)
	for _, q := range knowledge.Questions {
		for _, o := range q.Options {
			answers := profile{q.ID: o}
			rec := dialog.Score(kb, answers)
			if !slices.ContainsFunc(rec.Scores, func(s dialog.OutcomeScore) bool { return s.Points != 0 }) {
				t.Errorf("Score(%v).Scores = %v, want the answer to change some outcome's score", answers, rec.Scores)
			}
		}
	}
}

func TestScoreReachesEveryOutcome(t *testing.T) {
	kb := loadBase(t)
	wins := map[knowledge.OutcomeID]int{}
	everyProfile(func(p profile) {
		if rec := dialog.Score(kb, p); rec.Tie == nil {
			wins[rec.Outcome]++
		}
	})
	for _, out := range knowledge.Outcomes {
		if wins[out] == 0 {
			t.Errorf("no complete set of answers gives %s clear of a tie; outcomes reached: %v", out, wins)
		}
	}
}

// TestScoreTotals holds every complete profile to the plain sum of its
// weights, the promised order of Scores, and the tie rule.
func TestScoreTotals(t *testing.T) {
	kb := loadBase(t)
	everyProfile(func(p profile) {
		rec := dialog.Score(kb, p)
		var want []dialog.OutcomeScore
		for _, out := range knowledge.Outcomes {
			want = append(want, dialog.OutcomeScore{Outcome: out, Points: points(kb, p, out)})
		}
		slices.SortStableFunc(want, func(a, b dialog.OutcomeScore) int { return b.Points - a.Points })
		if diff := cmp.Diff(want, rec.Scores); diff != "" {
			t.Fatalf("Score(%v).Scores (-want +got):\n%s", p, diff)
		}
		gap := want[0].Points - want[1].Points
		switch {
		case gap < kb.TieMargin:
			wantTie := &dialog.Tie{Leader: want[0].Outcome, RunnerUp: want[1].Outcome, Gap: gap}
			if rec.Outcome != knowledge.Hybrid || !cmp.Equal(rec.Tie, wantTie) {
				t.Fatalf("Score(%v) = %s, tie %+v, want %s, tie %+v", p, rec.Outcome, rec.Tie, knowledge.Hybrid, wantTie)
			}
		case rec.Outcome != want[0].Outcome || rec.Tie != nil:
			t.Fatalf("Score(%v) = %s, tie %+v, want %s, no tie", p, rec.Outcome, rec.Tie, want[0].Outcome)
		}
		if rec.Case != knowledge.CaseOf[rec.Outcome] {
			t.Fatalf("Score(%v).Case = %s, want %s", p, rec.Case, knowledge.CaseOf[rec.Outcome])
		}
	})
}

func TestScoreDrivers(t *testing.T) {
	kb := loadBase(t)
	everyProfile(func(p profile) {
		rec := dialog.Score(kb, p)
		if n := len(rec.Drivers); n < 2 || n > 3 {
			t.Fatalf("Score(%v).Drivers = %v, want 2 or 3", p, rec.Drivers)
		}
		// Each driver argues for the verdict: the outcome (or, on a tie,
		// one of the two close outcomes) is the one its answer favours most.
		targets := []knowledge.OutcomeID{rec.Outcome}
		if rec.Tie != nil {
			targets = append(targets, rec.Tie.Leader, rec.Tie.RunnerUp)
		}
		favours := func(a dialog.Answer) bool {
			row := kb.Weights[a.Question][a.Option]
			best := 0
			for _, pts := range row {
				best = max(best, pts)
			}
			for _, o := range targets {
				if row[o] > 0 && row[o] == best && row[o] == a.Points {
					return true
				}
			}
			return false
		}
		arguing := 0
		for _, q := range knowledge.Questions {
			if favours(dialog.Answer{Question: q.ID, Option: p[q.ID], Points: slices.Max(mapValues(kb.Weights[q.ID][p[q.ID]]))}) {
				arguing++
			}
		}
		for i, a := range rec.Drivers {
			if arguing >= 2 && !favours(a) {
				t.Fatalf("Score(%v) = %s: driver %+v favours another outcome", p, rec.Outcome, a)
			}
			if i > 0 && a.Points > rec.Drivers[i-1].Points {
				t.Fatalf("Score(%v).Drivers = %v, not heaviest first", p, rec.Drivers)
			}
		}
	})
}

func mapValues(m map[knowledge.OutcomeID]int) []int {
	out := []int{0}
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestScoreFlip(t *testing.T) {
	kb := loadBase(t)
	flips := func(p profile, from knowledge.OutcomeID) bool {
		return dialog.Score(kb, p).Outcome != from
	}
	everyProfile(func(p profile) {
		rec := dialog.Score(kb, p)
		// Whether one change suffices decides how many the flip may use.
		single := false
		for _, q := range knowledge.Questions {
			for _, o := range q.Options {
				if o != p[q.ID] && flips(withAnswers(p, dialog.Answer{Question: q.ID, Option: o}), rec.Outcome) {
					single = true
				}
			}
		}
		if rec.Flip == nil {
			if single {
				t.Fatalf("Score(%v).Flip = nil, but one changed answer gives another outcome", p)
			}
			return
		}
		f := rec.Flip
		if f.Outcome == rec.Outcome {
			t.Fatalf("Score(%v).Flip.Outcome = %s, the outcome itself", p, f.Outcome)
		}
		want := 2
		if single {
			want = 1
		}
		if len(f.Changes) != want {
			t.Fatalf("Score(%v).Flip.Changes = %v, want %d changes", p, f.Changes, want)
		}
		for i, c := range f.Changes {
			if c.Option == p[c.Question] {
				t.Fatalf("Score(%v).Flip.Changes[%d] = %+v, which is the current answer", p, i, c)
			}
			if want := kb.Weights[c.Question][c.Option][f.Outcome]; c.Points != want {
				t.Fatalf("Score(%v).Flip.Changes[%d].Points = %d, want %d", p, i, c.Points, want)
			}
		}
		if got := dialog.Score(kb, withAnswers(p, f.Changes...)).Outcome; got != f.Outcome {
			t.Fatalf("Score(%v) with flip %v = %s, want %s", p, f.Changes, got, f.Outcome)
		}
	})

	case1 := full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.Immediate, knowledge.Flexible)
	if rec := dialog.Score(kb, case1); rec.Flip == nil {
		t.Errorf("Score(%v).Flip = nil, want the change that would give another outcome", case1)
	}
}

func withAnswers(p profile, changes ...dialog.Answer) profile {
	c := maps.Clone(p)
	for _, a := range changes {
		c[a.Question] = a.Option
	}
	return c
}

// TestScoreRules runs Score on small hand-made weights, so the tie,
// driver and flip rules are tested apart from the article's weights.
func TestScoreRules(t *testing.T) {
	const (
		eti = knowledge.ExternalThenInternal
		et  = knowledge.ExternalTransformation
		ips = knowledge.InternalPlusSpecialists
		in  = knowledge.Internal
	)
	type w = map[knowledge.OutcomeID]int
	tests := []struct {
		name    string
		weights knowledge.Weights
		margin  int
		answers profile
		want    dialog.Recommendation
	}{
		{
			name:    "nothing answered is a tie at zero",
			weights: knowledge.Weights{knowledge.Stage: {knowledge.Startup: w{eti: 1}}},
			margin:  1,
			answers: profile{},
			want: dialog.Recommendation{
				Outcome: knowledge.Hybrid, Case: knowledge.Case3,
				Scores: []dialog.OutcomeScore{{eti, 0}, {et, 0}, {ips, 0}, {in, 0}},
				Tie:    &dialog.Tie{Leader: eti, RunnerUp: et, Gap: 0},
			},
		},
		{
			name: "gap under the margin recommends the hybrid",
			weights: knowledge.Weights{
				knowledge.Stage:  {knowledge.Startup: w{eti: 3}, knowledge.Enterprise: w{et: 1}},
				knowledge.Budget: {knowledge.Flexible: w{eti: 1}, knowledge.FixedOK: w{in: 3}},
			},
			margin:  2,
			answers: profile{knowledge.Stage: knowledge.Startup, knowledge.Budget: knowledge.FixedOK},
			want: dialog.Recommendation{
				Outcome: knowledge.Hybrid, Case: knowledge.Case3,
				Scores: []dialog.OutcomeScore{{eti, 3}, {in, 3}, {et, 0}, {ips, 0}},
				Tie:    &dialog.Tie{Leader: eti, RunnerUp: in, Gap: 0},
				// The hybrid got nothing: the answers behind the two close
				// outcomes explain the tie.
				Drivers: []dialog.Answer{
					{Question: knowledge.Stage, Option: knowledge.Startup, Points: 3},
					{Question: knowledge.Budget, Option: knowledge.FixedOK, Points: 3},
				},
				Flip: &dialog.Flip{
					Changes: []dialog.Answer{{Question: knowledge.Budget, Option: knowledge.Flexible, Points: 1}},
					Outcome: eti,
				},
			},
		},
		{
			name: "gap equal to the margin is no tie",
			weights: knowledge.Weights{
				knowledge.Stage:  {knowledge.Startup: w{eti: 3}},
				knowledge.Budget: {knowledge.FixedOK: w{in: 1}},
			},
			margin:  2,
			answers: profile{knowledge.Stage: knowledge.Startup, knowledge.Budget: knowledge.FixedOK},
			want: dialog.Recommendation{
				Outcome: eti, Case: knowledge.Case1,
				Scores:  []dialog.OutcomeScore{{eti, 3}, {in, 1}, {et, 0}, {ips, 0}},
				Drivers: []dialog.Answer{{Question: knowledge.Stage, Option: knowledge.Startup, Points: 3}},
				// Dropping the start-up leaves internal one point ahead: a tie.
				Flip: &dialog.Flip{
					Changes: []dialog.Answer{{Question: knowledge.Stage, Option: knowledge.Scaleup, Points: 0}},
					Outcome: knowledge.Hybrid,
				},
			},
		},
		{
			name: "flip prefers the clearest new winner",
			weights: knowledge.Weights{knowledge.Stage: {
				knowledge.Startup: w{eti: 5}, knowledge.Scaleup: w{in: 3}, knowledge.Enterprise: w{et: 6},
			}},
			margin:  1,
			answers: profile{knowledge.Stage: knowledge.Startup},
			want: dialog.Recommendation{
				Outcome: eti, Case: knowledge.Case1,
				Scores:  []dialog.OutcomeScore{{eti, 5}, {et, 0}, {ips, 0}, {in, 0}},
				Drivers: []dialog.Answer{{Question: knowledge.Stage, Option: knowledge.Startup, Points: 5}},
				Flip: &dialog.Flip{
					Changes: []dialog.Answer{{Question: knowledge.Stage, Option: knowledge.Enterprise, Points: 6}},
					Outcome: et,
				},
			},
		},
		{
			name: "flip breaks equal leads by option order",
			weights: knowledge.Weights{knowledge.Stage: {
				knowledge.Startup: w{eti: 5}, knowledge.Scaleup: w{in: 6}, knowledge.Enterprise: w{et: 6},
			}},
			margin:  1,
			answers: profile{knowledge.Stage: knowledge.Startup},
			want: dialog.Recommendation{
				Outcome: eti, Case: knowledge.Case1,
				Scores:  []dialog.OutcomeScore{{eti, 5}, {et, 0}, {ips, 0}, {in, 0}},
				Drivers: []dialog.Answer{{Question: knowledge.Stage, Option: knowledge.Startup, Points: 5}},
				Flip: &dialog.Flip{
					Changes: []dialog.Answer{{Question: knowledge.Stage, Option: knowledge.Scaleup, Points: 6}},
					Outcome: in,
				},
			},
		},
		{
			name: "flip takes two changes when one is not enough",
			weights: knowledge.Weights{
				knowledge.Stage:  {knowledge.Startup: w{eti: 4}, knowledge.Scaleup: w{in: 2}, knowledge.Enterprise: w{in: 2}},
				knowledge.Budget: {knowledge.Flexible: w{eti: 2}, knowledge.FixedOK: w{in: 2}},
			},
			margin:  0, // no ties: an equal score keeps the earlier outcome
			answers: profile{knowledge.Stage: knowledge.Startup, knowledge.Budget: knowledge.Flexible},
			want: dialog.Recommendation{
				Outcome: eti, Case: knowledge.Case1,
				Scores: []dialog.OutcomeScore{{eti, 6}, {et, 0}, {ips, 0}, {in, 0}},
				Drivers: []dialog.Answer{
					{Question: knowledge.Stage, Option: knowledge.Startup, Points: 4},
					{Question: knowledge.Budget, Option: knowledge.Flexible, Points: 2},
				},
				Flip: &dialog.Flip{
					Changes: []dialog.Answer{
						{Question: knowledge.Stage, Option: knowledge.Scaleup, Points: 2},
						{Question: knowledge.Budget, Option: knowledge.FixedOK, Points: 2},
					},
					Outcome: in,
				},
			},
		},
		{
			name: "drivers keep the three heaviest, equals in question order",
			weights: knowledge.Weights{
				knowledge.Stage:    {knowledge.Scaleup: w{in: 1}},
				knowledge.TechLead: {knowledge.LeadCTOOK: w{in: 3}},
				knowledge.Need:     {knowledge.NeedVision: w{in: 2}},
				knowledge.Urgency:  {knowledge.LongTerm: w{in: 3}},
				knowledge.Budget:   {knowledge.FixedOK: w{in: 2}},
			},
			margin:  1,
			answers: full(knowledge.Scaleup, knowledge.LeadCTOOK, knowledge.NeedVision, knowledge.LongTerm, knowledge.FixedOK),
			want: dialog.Recommendation{
				Outcome: in, Case: knowledge.Case3,
				Scores: []dialog.OutcomeScore{{in, 11}, {eti, 0}, {et, 0}, {ips, 0}},
				Drivers: []dialog.Answer{
					{Question: knowledge.TechLead, Option: knowledge.LeadCTOOK, Points: 3},
					{Question: knowledge.Urgency, Option: knowledge.LongTerm, Points: 3},
					{Question: knowledge.Need, Option: knowledge.NeedVision, Points: 2},
				},
			},
		},
		{
			name:    "unknown options count as unanswered",
			weights: knowledge.Weights{knowledge.Stage: {knowledge.Startup: w{eti: 4}}},
			margin:  1,
			answers: profile{knowledge.Stage: "unicorn", "team_size": knowledge.Startup},
			want: dialog.Recommendation{
				Outcome: knowledge.Hybrid, Case: knowledge.Case3,
				Scores: []dialog.OutcomeScore{{eti, 0}, {et, 0}, {ips, 0}, {in, 0}},
				Tie:    &dialog.Tie{Leader: eti, RunnerUp: et, Gap: 0},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := &knowledge.Base{Weights: tt.weights, TieMargin: tt.margin}
			got := dialog.Score(kb, tt.answers)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Score(%v) (-want +got):\n%s", tt.answers, diff)
			}
		})
	}
}

func BenchmarkScore(b *testing.B) {
	kb := loadBase(b)
	answers := full(knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.Immediate, knowledge.Flexible)
	b.ReportAllocs()
	for b.Loop() {
		dialog.Score(kb, answers)
	}
}

// TestFlipPrefersLevers checks that "what would change it" names what
// leadership decides (need, urgency, budget) whenever such a change exists,
// for every full profile: a company cannot change its maturity for advice.
func TestFlipPrefersLevers(t *testing.T) {
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	levers := 0
	for _, answers := range allProfilesForLevers() {
		rec := dialog.Score(kb, answers)
		if rec.Flip == nil {
			continue
		}
		usesFact := false
		for _, c := range rec.Flip.Changes {
			if !knowledge.Levers[c.Question] {
				usesFact = true
			}
		}
		if !usesFact {
			levers++
			continue
		}
		// A fact was changed: then no change of levers alone, of the same
		// size, may flip the outcome.
		for _, alt := range leverVariants(answers, len(rec.Flip.Changes)) {
			if got := dialog.Score(kb, alt); got.Outcome != rec.Outcome {
				t.Errorf("Score(%v).Flip = %+v changes a fact, but levers alone (%v) give %s", answers, rec.Flip, alt, got.Outcome)
				break
			}
		}
	}
	if levers == 0 {
		t.Error("no profile's flip uses levers only")
	}
}

func allProfilesForLevers() []map[knowledge.QuestionID]knowledge.OptionID {
	out := []map[knowledge.QuestionID]knowledge.OptionID{{}}
	for _, q := range knowledge.Questions {
		var next []map[knowledge.QuestionID]knowledge.OptionID
		for _, partial := range out {
			for _, o := range q.Options {
				m := maps.Clone(partial)
				m[q.ID] = o
				next = append(next, m)
			}
		}
		out = next
	}
	return out
}

// leverVariants changes exactly n lever answers of answers, in every way.
func leverVariants(answers map[knowledge.QuestionID]knowledge.OptionID, n int) []map[knowledge.QuestionID]knowledge.OptionID {
	var levers []knowledge.Question
	for _, q := range knowledge.Questions {
		if knowledge.Levers[q.ID] {
			levers = append(levers, q)
		}
	}
	var out []map[knowledge.QuestionID]knowledge.OptionID
	var walk func(from, left int, cur map[knowledge.QuestionID]knowledge.OptionID)
	walk = func(from, left int, cur map[knowledge.QuestionID]knowledge.OptionID) {
		if left == 0 {
			out = append(out, maps.Clone(cur))
			return
		}
		for i := from; i < len(levers); i++ {
			q := levers[i]
			orig := cur[q.ID]
			for _, o := range q.Options {
				if o == orig {
					continue
				}
				cur[q.ID] = o
				walk(i+1, left-1, cur)
			}
			cur[q.ID] = orig
		}
	}
	walk(0, n, maps.Clone(answers))
	return out
}
