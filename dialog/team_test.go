package dialog

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// profile builds complete answers from five options in question order.
func profile(opts ...knowledge.OptionID) answers {
	a := answers{}
	for i, q := range knowledge.Questions {
		a[q.ID] = opts[i]
	}
	return a
}

var (
	// visionNow and visionLater differ only in urgency: the article's
	// example of a disagreement that decides the advice.
	visionNow   = profile(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.Immediate, knowledge.FixedOK)
	visionLater = profile(knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.LongTerm, knowledge.FixedOK)
)

func teamAt(t *testing.T, invited []string, members ...Member) Session {
	t.Helper()
	s, err := StartTeam(testKey, "U1", knowledge.English, invited, t0)
	if err != nil {
		t.Fatalf("StartTeam() = %v", err)
	}
	for _, m := range members {
		if s, err = s.TeamAnswer(m.User, m.Answers, t0); err != nil {
			t.Fatalf("TeamAnswer(%s) = %v", m.User, err)
		}
	}
	return s
}

func TestStartTeam(t *testing.T) {
	many := make([]string, MaxMembers)
	for i := range many {
		many[i] = fmt.Sprintf("U%03d", i+2)
	}
	tests := []struct {
		name    string
		invited []string
		want    []string
		err     error
	}{
		{"open", nil, nil, nil},
		{"organiser folded in first", []string{"U2", "U3"}, []string{"U1", "U2", "U3"}, nil},
		{"duplicates and organiser once", []string{"U2", "U1", "U2", ""}, []string{"U1", "U2"}, nil},
		{"twenty with the organiser", many[:MaxMembers-1], append([]string{"U1"}, many[:MaxMembers-1]...), nil},
		{"twenty-one", many, nil, ErrTeamFull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := StartTeam(testKey, "U1", knowledge.French, tt.invited, t0)
			if !errors.Is(err, tt.err) {
				t.Fatalf("StartTeam(%v) = %v, want %v", tt.invited, err, tt.err)
			}
			if err != nil {
				return
			}
			if !s.IsTeam() || s.Owner != "U1" || s.State != Active || s.Lang != knowledge.French || s.Answers != nil {
				t.Errorf("StartTeam() = %+v, want an active French team owned by U1 with no answers", s)
			}
			if diff := cmp.Diff(tt.want, s.Team.Invited); diff != "" {
				t.Errorf("Invited mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTeamTransitions(t *testing.T) {
	open := teamAt(t, nil)
	invited := teamAt(t, []string{"U2"})
	answered := teamAt(t, nil, Member{User: "U2", Answers: visionNow})
	revealed, err := answered.Reveal("U1", t1)
	if err != nil {
		t.Fatalf("Reveal() = %v", err)
	}
	full := teamAt(t, nil)
	for i := range MaxMembers {
		full, _ = full.TeamAnswer(fmt.Sprintf("U%03d", i+100), visionNow, t0)
	}
	partial := answers{knowledge.Stage: knowledge.Startup}
	extra := Settle(visionNow, "colour", "blue")
	wrong := Settle(visionNow, knowledge.Urgency, knowledge.FixedOK)

	tests := []struct {
		name string
		from Session
		do   func(Session) (Session, error)
		err  error
		want func(*testing.T, Session)
	}{
		{"anyone joins an open team", open, func(s Session) (Session, error) { return s.TeamAnswer("U9", visionNow, t1) }, nil,
			func(t *testing.T, s Session) {
				if diff := cmp.Diff([]string{"U9"}, s.Answered()); diff != "" {
					t.Errorf("Answered() (-want +got):\n%s", diff)
				}
			}},
		{"answering again replaces", answered, func(s Session) (Session, error) { return s.TeamAnswer("U2", visionLater, t1) }, nil,
			func(t *testing.T, s Session) {
				if len(s.Team.Members) != 1 || s.Mine("U2")[knowledge.Urgency] != knowledge.LongTerm {
					t.Errorf("after a second answer, members = %+v", s.Team.Members)
				}
			}},
		{"the organiser answers too", invited, func(s Session) (Session, error) { return s.TeamAnswer("U1", visionNow, t1) }, nil,
			func(t *testing.T, s Session) {
				if diff := cmp.Diff([]string{"U2"}, s.Waiting()); diff != "" {
					t.Errorf("Waiting() (-want +got):\n%s", diff)
				}
			}},
		{"uninvited", invited, func(s Session) (Session, error) { return s.TeamAnswer("U9", visionNow, t1) }, ErrNotInvited, nil},
		{"partial answers", open, func(s Session) (Session, error) { return s.TeamAnswer("U2", partial, t1) }, ErrInvalid, nil},
		{"unknown question", open, func(s Session) (Session, error) { return s.TeamAnswer("U2", extra, t1) }, ErrInvalid, nil},
		{"option of another question", open, func(s Session) (Session, error) { return s.TeamAnswer("U2", wrong, t1) }, ErrInvalid, nil},
		{"after the reveal", revealed, func(s Session) (Session, error) { return s.TeamAnswer("U2", visionLater, t1) }, ErrRevealed, nil},
		{"a twenty-first member", full, func(s Session) (Session, error) { return s.TeamAnswer("U9", visionNow, t1) }, ErrTeamFull, nil},
		{"a member of a full team answers again", full, func(s Session) (Session, error) { return s.TeamAnswer("U100", visionLater, t1) }, nil, nil},
		{"reveal by a member", answered, func(s Session) (Session, error) { return s.Reveal("U2", t1) }, ErrNotOwner, nil},
		{"reveal with no answers", open, func(s Session) (Session, error) { return s.Reveal("U1", t1) }, ErrNoAnswers, nil},
		{"reveal", answered, func(s Session) (Session, error) { return s.Reveal("U1", t1) }, nil,
			func(t *testing.T, s Session) {
				if s.State != Done || s.CardRev != 1 || !cmp.Equal(s.Answers, visionNow) {
					t.Errorf("after Reveal: state %s, card rev %d, answers %v", s.State, s.CardRev, s.Answers)
				}
			}},
		{"reveal twice", revealed, func(s Session) (Session, error) { return s.Reveal("U1", t1) }, ErrRevealed, nil},
		{"reopen by a member", revealed, func(s Session) (Session, error) { return s.Reopen("U2", t1) }, ErrNotOwner, nil},
		{"reopen before the reveal", answered, func(s Session) (Session, error) { return s.Reopen("U1", t1) }, ErrFinished, nil},
		{"reopen", revealed, func(s Session) (Session, error) { return s.Reopen("U1", t1) }, nil,
			func(t *testing.T, s Session) {
				if s.State != Active || s.CardRev != 2 || s.Answers != nil || len(s.Team.Members) != 1 {
					t.Errorf("after Reopen: %+v", s)
				}
				if _, err := s.TeamAnswer("U2", visionLater, t1); err != nil {
					t.Errorf("TeamAnswer after Reopen = %v", err)
				}
			}},
		{"a dialog is not a team", done, func(s Session) (Session, error) { return s.TeamAnswer("U1", visionNow, t1) }, ErrInvalid, nil},
		{"a team refuses Answer", open, func(s Session) (Session, error) { return s.Answer(knowledge.Stage, knowledge.Startup, 0, t1) }, ErrFinished, nil},
		{"a team refuses Back", revealed, func(s Session) (Session, error) { return s.Back(t1) }, ErrFinished, nil},
		{"a team refuses Change", revealed, func(s Session) (Session, error) { return s.Change(knowledge.Urgency, t1) }, ErrFinished, nil},
		{"a team refuses Cancel", open, func(s Session) (Session, error) { return s.Cancel(t1) }, ErrFinished, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprintf("%+v", tt.from.Team)
			got, err := tt.do(tt.from)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if after := fmt.Sprintf("%+v", tt.from.Team); after != before {
				t.Errorf("the transition changed the session it was given:\nbefore %s\nafter  %s", before, after)
			}
			if err == nil && tt.want != nil {
				tt.want(t, got)
			}
		})
	}
}

func TestTeamMineIsACopy(t *testing.T) {
	s := teamAt(t, nil, Member{User: "U2", Answers: visionNow})
	mine := s.Mine("U2")
	mine[knowledge.Urgency] = knowledge.LongTerm
	if s.Mine("U2")[knowledge.Urgency] != knowledge.Immediate {
		t.Error("changing Mine's map changed the session")
	}
	if s.Mine("U3") != nil {
		t.Errorf("Mine(U3) = %v, want nil for someone who has not answered", s.Mine("U3"))
	}
}

func TestProfile(t *testing.T) {
	m := func(user string, a answers) Member { return Member{User: user, Answers: a} }
	urgency := func(o knowledge.OptionID) answers { return Settle(visionNow, knowledge.Urgency, o) }
	budget := func(o knowledge.OptionID) answers { return Settle(visionNow, knowledge.Budget, o) }
	tests := []struct {
		name    string
		members []Member
		want    Tally // the urgency or budget tally, by Question
		profile answers
	}{
		{"one member", []Member{m("A", visionNow)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.Immediate, Votes: []Vote{{knowledge.Immediate, []string{"A"}}}},
			visionNow},
		{"unanimous", []Member{m("A", visionNow), m("B", visionNow), m("C", visionNow)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.Immediate, Votes: []Vote{{knowledge.Immediate, []string{"A", "B", "C"}}}},
			visionNow},
		{"two against one", []Member{m("A", urgency(knowledge.LongTerm)), m("B", visionNow), m("C", visionNow)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.Immediate, Split: true, Votes: []Vote{
				{knowledge.Immediate, []string{"B", "C"}}, {knowledge.LongTerm, []string{"A"}}}},
			visionNow},
		{"the later option wins on count", []Member{m("A", visionLater), m("B", visionNow), m("C", visionLater)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.LongTerm, Split: true, Votes: []Vote{
				{knowledge.Immediate, []string{"B"}}, {knowledge.LongTerm, []string{"A", "C"}}}},
			visionLater},
		{"tie takes the sooner", []Member{m("A", visionLater), m("B", visionNow)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.Immediate, Split: true, Tied: true, Votes: []Vote{
				{knowledge.Immediate, []string{"B"}}, {knowledge.LongTerm, []string{"A"}}}},
			visionNow},
		{"three-way tie", []Member{m("A", urgency(knowledge.LongTerm)), m("B", urgency(knowledge.Months)), m("C", visionNow)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.Immediate, Split: true, Tied: true, Votes: []Vote{
				{knowledge.Immediate, []string{"C"}}, {knowledge.Months, []string{"B"}}, {knowledge.LongTerm, []string{"A"}}}},
			visionNow},
		{"plurality without majority", []Member{m("A", urgency(knowledge.LongTerm)), m("B", urgency(knowledge.Months)), m("C", urgency(knowledge.Months)), m("D", visionNow)},
			Tally{Question: knowledge.Urgency, Choice: knowledge.Months, Split: true, Votes: []Vote{
				{knowledge.Immediate, []string{"D"}}, {knowledge.Months, []string{"B", "C"}}, {knowledge.LongTerm, []string{"A"}}}},
			urgency(knowledge.Months)},
		{"budget tie takes variable cost", []Member{m("A", visionNow), m("B", budget(knowledge.Flexible))},
			Tally{Question: knowledge.Budget, Choice: knowledge.Flexible, Split: true, Tied: true, Votes: []Vote{
				{knowledge.Flexible, []string{"B"}}, {knowledge.FixedOK, []string{"A"}}}},
			budget(knowledge.Flexible)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotProfile, tallies := Profile(tt.members)
			if diff := cmp.Diff(tt.profile, gotProfile); diff != "" {
				t.Errorf("profile (-want +got):\n%s", diff)
			}
			if len(tallies) != len(knowledge.Questions) {
				t.Fatalf("%d tallies, want one per question", len(tallies))
			}
			for _, got := range tallies {
				if got.Question == tt.want.Question {
					if diff := cmp.Diff(tt.want, got); diff != "" {
						t.Errorf("tally (-want +got):\n%s", diff)
					}
					continue
				}
				if got.Split || got.Tied {
					t.Errorf("question %s reads as split; only %s differs", got.Question, tt.want.Question)
				}
			}
		})
	}
	if p, tallies := Profile(nil); len(p) != 0 || len(tallies) != len(knowledge.Questions) || tallies[0].Choice != "" {
		t.Errorf("Profile(nil) = %v, %+v; want an empty profile", p, tallies)
	}
}

func TestAdviseTeam(t *testing.T) {
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	members := []Member{
		{User: "A", Answers: visionNow},
		{User: "B", Answers: visionNow},
		{User: "C", Answers: visionLater},
	}
	ta := AdviseTeam(kb, members)
	if diff := cmp.Diff(answers(visionNow), ta.Profile); diff != "" {
		t.Errorf("profile (-want +got):\n%s", diff)
	}
	if ta.Advice.Outcome != Advise(kb, visionNow).Outcome {
		t.Errorf("team advice %s, want the profile's %s", ta.Advice.Outcome, Advise(kb, visionNow).Outcome)
	}
	if len(ta.Splits) != 1 || ta.Splits[0].Question != knowledge.Urgency {
		t.Fatalf("splits = %+v, want urgency alone", ta.Splits)
	}
	d := ta.Splits[0]
	if len(d.Ways) != 2 || d.Ways[0].Option != knowledge.Immediate || d.Ways[1].Option != knowledge.LongTerm {
		t.Fatalf("ways = %+v, want immediate then long_term", d.Ways)
	}
	if diff := cmp.Diff([]string{"C"}, d.Ways[1].Members); diff != "" {
		t.Errorf("long_term members (-want +got):\n%s", diff)
	}
	for _, w := range d.Ways {
		if want := Advise(kb, Settle(visionNow, knowledge.Urgency, w.Option)).Outcome; w.Advice.Outcome != want {
			t.Errorf("settled on %s: %s, want %s", w.Option, w.Advice.Outcome, want)
		}
	}
	if d.Ways[0].Advice.Outcome != knowledge.ExternalThenInternal || d.Ways[1].Advice.Outcome == knowledge.ExternalThenInternal {
		t.Errorf("immediate gives %s and long term %s; want external then internal, then something else",
			d.Ways[0].Advice.Outcome, d.Ways[1].Advice.Outcome)
	}
	if !d.Decides || !ta.Contested() {
		t.Errorf("urgency does not decide the advice (Decides %v, Contested %v)", d.Decides, ta.Contested())
	}

	// A split that changes nothing is still shown, and says so.
	same := AdviseTeam(kb, []Member{
		{User: "A", Answers: visionNow},
		{User: "B", Answers: Settle(visionNow, knowledge.Urgency, knowledge.Months)},
		{User: "C", Answers: visionNow},
	})
	if len(same.Splits) != 1 || same.Splits[0].Decides != (Advise(kb, Settle(visionNow, knowledge.Urgency, knowledge.Months)).Outcome != same.Advice.Outcome) {
		t.Errorf("splits = %+v", same.Splits)
	}
	if unanimous := AdviseTeam(kb, members[:2]); len(unanimous.Splits) != 0 || unanimous.Contested() {
		t.Errorf("a unanimous team has splits %+v", unanimous.Splits)
	}
}
