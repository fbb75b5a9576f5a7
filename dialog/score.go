package dialog

import (
	"slices"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Recommendation is what the answers add up to.
type Recommendation struct {
	Outcome knowledge.OutcomeID
	Case    knowledge.CaseID
	Scores  []OutcomeScore // every outcome, highest first; equal scores in knowledge.Outcomes order
	Tie     *Tie           // set when the top two are closer than kb.TieMargin; Outcome is then knowledge.Hybrid
	Drivers []Answer       // the two or three answers that argue for Outcome (or, on a tie, for the two close outcomes), heaviest first, ties in question order
	Flip    *Flip          // the smallest change of answers that gives another outcome; nil if none
}

// OutcomeScore is the total one outcome got from the answers.
type OutcomeScore struct {
	Outcome knowledge.OutcomeID
	Points  int
}

// Answer is one answer and how many points it gives to the outcome it is
// reported against.
type Answer struct {
	Question knowledge.QuestionID
	Option   knowledge.OptionID
	Points   int
}

// Tie reports that the two best outcomes scored too close to call.
type Tie struct {
	Leader, RunnerUp knowledge.OutcomeID
	Gap              int
}

// Flip is a change of answers that would give another outcome.
type Flip struct {
	Changes []Answer // Points: the new option's points towards Flip.Outcome
	Outcome knowledge.OutcomeID
}

// maxDrivers is how many answers the card shows under "why".
const maxDrivers = 3

// Score adds up the answers with kb's weights. Unanswered questions, and
// options a question does not have, contribute nothing, so a partial set of
// answers gives the recommendation so far.
func Score(kb *knowledge.Base, answers map[knowledge.QuestionID]knowledge.OptionID) Recommendation {
	t := newTable(kb)
	for qi, q := range knowledge.Questions {
		t.choice[qi] = -1
		if opt, ok := answers[q.ID]; ok {
			for oi, o := range q.Options {
				if o == opt {
					t.choice[qi] = oi
					break
				}
			}
		}
	}
	d := t.decide()

	rec := Recommendation{Outcome: knowledge.Outcomes[d.outcome]}
	rec.Case = knowledge.CaseOf[rec.Outcome]
	rec.Scores = t.scores() // before flip, which reuses the totals
	rec.Drivers = t.drivers(d)
	rec.Flip = t.flip(d.outcome)
	if d.tie {
		rec.Tie = &Tie{
			Leader:   knowledge.Outcomes[d.leader],
			RunnerUp: knowledge.Outcomes[d.runnerUp],
			Gap:      d.gap,
		}
	}
	return rec
}

// table is the weights of one Base laid out by position (question, option,
// outcome), so that the flip search, which scores some sixty variants of the
// answers, adds up slices instead of looking up nested maps. It lives for
// one call of Score: nothing is cached between calls, so a Base can never be
// scored with stale weights.
type table struct {
	margin int
	hybrid int // position of knowledge.Hybrid in knowledge.Outcomes
	nOut   int
	stride int   // the most options any question has
	points []int // [question][option][outcome]
	choice []int // the option chosen per question, -1 when unanswered
	totals []int // scratch for decide
}

func newTable(kb *knowledge.Base) table {
	t := table{margin: kb.TieMargin, nOut: len(knowledge.Outcomes)}
	for i, o := range knowledge.Outcomes {
		if o == knowledge.Hybrid {
			t.hybrid = i
		}
	}
	for _, q := range knowledge.Questions {
		t.stride = max(t.stride, len(q.Options))
	}
	nq := len(knowledge.Questions)
	size := nq * t.stride * t.nOut
	// One allocation for everything the search touches.
	slab := make([]int, size+nq+t.nOut)
	t.points, t.choice, t.totals = slab[:size], slab[size:size+nq], slab[size+nq:]
	for qi, q := range knowledge.Questions {
		byOption := kb.Weights[q.ID]
		for oi, o := range q.Options {
			if byOutcome := byOption[o]; len(byOutcome) > 0 {
				row := t.at(qi, oi)
				for k, id := range knowledge.Outcomes {
					row[k] = byOutcome[id]
				}
			}
		}
	}
	return t
}

// at returns the points option oi of question qi gives each outcome.
func (t *table) at(qi, oi int) []int {
	i := (qi*t.stride + oi) * t.nOut
	return t.points[i : i+t.nOut : i+t.nOut]
}

// decision is the verdict on the current choice: positions in
// knowledge.Outcomes.
type decision struct {
	outcome, leader, runnerUp int
	gap                       int // leader's points minus runner-up's
	tie                       bool
}

func (t *table) decide() decision {
	clear(t.totals)
	for qi, oi := range t.choice {
		if oi < 0 {
			continue
		}
		for k, p := range t.at(qi, oi) {
			t.totals[k] += p
		}
	}
	// Strict comparisons keep the earlier outcome on equal points, which is
	// the knowledge.Outcomes order the Scores promise.
	d := decision{leader: 0, runnerUp: -1}
	for k := 1; k < t.nOut; k++ {
		switch {
		case t.totals[k] > t.totals[d.leader]:
			d.runnerUp, d.leader = d.leader, k
		case d.runnerUp < 0 || t.totals[k] > t.totals[d.runnerUp]:
			d.runnerUp = k
		}
	}
	d.outcome = d.leader
	if d.runnerUp < 0 {
		return d
	}
	d.gap = t.totals[d.leader] - t.totals[d.runnerUp]
	if d.gap < t.margin {
		d.tie = true
		d.outcome = t.hybrid
	}
	return d
}

// scores returns the totals of the last decide, highest first.
func (t *table) scores() []OutcomeScore {
	s := make([]OutcomeScore, t.nOut)
	for k, id := range knowledge.Outcomes {
		s[k] = OutcomeScore{Outcome: id, Points: t.totals[k]}
	}
	// Insertion sort: stable, and four elements do not warrant sort.Slice.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Points > s[j-1].Points; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// drivers returns the answers that argue for the verdict, heaviest first.
// An answer argues for an outcome when that outcome is the one it favours
// most: a scale-up gives "external, then internal" a point too, but its
// reason reads as a case for keeping an internal CTO, so listing it under
// "why external" would contradict the card. On a tie, answers favouring
// either of the two close outcomes explain the hybrid. Only when fewer than
// two answers qualify do answers that merely add points fill in.
func (t *table) drivers(d decision) []Answer {
	targets := []int{d.outcome}
	if d.tie {
		targets = append(targets, d.leader, d.runnerUp)
	}
	var all []Answer
	if n := len(t.choice); n > 0 {
		all = make([]Answer, 0, n)
	}
	for qi, oi := range t.choice {
		if oi < 0 {
			continue
		}
		row := t.at(qi, oi)
		favourite := slices.Max(row)
		for _, k := range targets {
			if row[k] > 0 && row[k] == favourite {
				q := knowledge.Questions[qi]
				all = append(all, Answer{Question: q.ID, Option: q.Options[oi], Points: row[k]})
				break
			}
		}
	}
	if len(all) < 2 {
		for qi, oi := range t.choice {
			if oi < 0 {
				continue
			}
			q := knowledge.Questions[qi]
			if p := t.at(qi, oi)[d.outcome]; p > 0 && !slices.ContainsFunc(all, func(a Answer) bool { return a.Question == q.ID }) {
				all = append(all, Answer{Question: q.ID, Option: q.Options[oi], Points: p})
			}
		}
	}
	// Insertion sort keeps question order among equal points.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && all[j].Points > all[j-1].Points; j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	switch {
	case len(all) == 0:
		return nil
	case len(all) > maxDrivers:
		return all[:maxDrivers]
	}
	return all
}

// change is one answer replaced: question qi now has option oi.
type change struct{ qi, oi int }

// flip finds the fewest answers to change, one or else two, that give an
// outcome other than current. Among those, it prefers changes of
// [knowledge.Levers] (what leadership decides, such as the budget) over
// facts (such as the company's maturity), then the change whose new winner
// leads by the most, so the card shows the clearest alternative it could
// act on; equal leads go to the earlier question, then the earlier option.
// Only answered questions are changed: answering a question the user has
// not reached is not a change of mind.
func (t *table) flip(current int) *Flip {
	var (
		best      [2]change
		n         int
		bestGap   int
		bestFacts int
		found     = -1 // the new outcome, once a candidate exists
	)
	consider := func(cs ...change) {
		d := t.decide()
		if d.outcome == current {
			return
		}
		facts := 0
		for _, c := range cs {
			if !knowledge.Levers[knowledge.Questions[c.qi].ID] {
				facts++
			}
		}
		if found >= 0 && (facts > bestFacts || facts == bestFacts && d.gap <= bestGap) {
			return
		}
		found, bestGap, bestFacts, n = d.outcome, d.gap, facts, copy(best[:], cs)
	}

	for qi, orig := range t.choice {
		if orig < 0 {
			continue
		}
		for oi := range knowledge.Questions[qi].Options {
			if oi == orig {
				continue
			}
			t.choice[qi] = oi
			consider(change{qi, oi})
		}
		t.choice[qi] = orig
	}
	if found < 0 {
		for q1, orig1 := range t.choice {
			if orig1 < 0 {
				continue
			}
			for q2 := q1 + 1; q2 < len(t.choice); q2++ {
				orig2 := t.choice[q2]
				if orig2 < 0 {
					continue
				}
				for o1 := range knowledge.Questions[q1].Options {
					if o1 == orig1 {
						continue
					}
					t.choice[q1] = o1
					for o2 := range knowledge.Questions[q2].Options {
						if o2 == orig2 {
							continue
						}
						t.choice[q2] = o2
						consider(change{q1, o1}, change{q2, o2})
					}
					t.choice[q2] = orig2
				}
				t.choice[q1] = orig1
			}
		}
	}
	if found < 0 {
		return nil
	}
	f := &Flip{Outcome: knowledge.Outcomes[found], Changes: make([]Answer, n)}
	for i, c := range best[:n] {
		q := knowledge.Questions[c.qi]
		f.Changes[i] = Answer{Question: q.ID, Option: q.Options[c.oi], Points: t.at(c.qi, c.oi)[found]}
	}
	return f
}
