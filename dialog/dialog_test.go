package dialog

import (
	"errors"
	"maps"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

var (
	t0      = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	t1      = t0.Add(time.Minute)
	testKey = Key{Team: "T1", Channel: "C1", Thread: "1700000000.000100"}
)

type answers = map[knowledge.QuestionID]knowledge.OptionID

// case1 is the article's first case study as answers.
func case1() answers {
	return answers{
		knowledge.Stage:    knowledge.Startup,
		knowledge.TechLead: knowledge.LeadNone,
		knowledge.Need:     knowledge.NeedScale,
		knowledge.Urgency:  knowledge.Immediate,
		knowledge.Budget:   knowledge.Flexible,
	}
}

// at builds a session in the given state, as the transitions would leave
// it, so each table row reads as "from this state, do this".
func at(state State, current knowledge.QuestionID, a answers, asked, cardRev int) Session {
	return Session{
		Key: testKey, Owner: "U1", Lang: knowledge.English,
		State: state, Current: current, Answers: a,
		Asked: asked, CardRev: cardRev,
		QuestionMsg: "q.ts", CardMsg: "c.ts",
		Created: t0, Updated: t0,
	}
}

// upTo returns the case-1 answers to the questions before q.
func upTo(q knowledge.QuestionID) answers {
	a := answers{}
	for _, x := range knowledge.Questions[:knowledge.QuestionIndex(q)] {
		a[x.ID] = case1()[x.ID]
	}
	return a
}

var (
	atFirst   = at(Active, knowledge.Stage, answers{}, 1, 0)
	atMiddle  = at(Active, knowledge.Need, upTo(knowledge.Need), 3, 0)
	atLast    = at(Active, knowledge.Budget, upTo(knowledge.Budget), 5, 0)
	done      = at(Done, "", case1(), 5, 1)
	changing  = at(Changing, knowledge.Urgency, case1(), 6, 1)
	cancelled = at(Cancelled, "", upTo(knowledge.Need), 4, 0)
)

// with returns s changed by f, for the expected side of a table row.
func with(s Session, f func(*Session)) Session {
	s.Answers = maps.Clone(s.Answers)
	f(&s)
	s.Updated = t1
	return s
}

func TestStart(t *testing.T) {
	got := Start(testKey, "U1", knowledge.French, t0)
	want := Session{
		Key: testKey, Owner: "U1", Lang: knowledge.French,
		State: Active, Current: knowledge.Stage, Answers: answers{},
		Asked: 1, Created: t0, Updated: t0,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Start() mismatch (-want +got):\n%s", diff)
	}
}

func TestTransitions(t *testing.T) {
	answer := func(q knowledge.QuestionID, o knowledge.OptionID, asked int) func(Session) (Session, error) {
		return func(s Session) (Session, error) { return s.Answer(q, o, asked, t1) }
	}
	back := func(s Session) (Session, error) { return s.Back(t1) }
	restart := func(s Session) (Session, error) { return s.Restart(t1), nil }
	cancel := func(s Session) (Session, error) { return s.Cancel(t1) }
	change := func(q knowledge.QuestionID) func(Session) (Session, error) {
		return func(s Session) (Session, error) { return s.Change(q, t1) }
	}
	restarted := func(s Session) Session {
		return with(s, func(s *Session) {
			s.State, s.Current, s.Answers = Active, knowledge.Stage, answers{}
			s.Asked++
			s.QuestionMsg, s.CardMsg = "", ""
		})
	}

	tests := []struct {
		name    string
		from    Session
		op      func(Session) (Session, error)
		want    Session // ignored when wantErr is set: the session must come back unchanged
		wantErr error
	}{
		// Answer while the questionnaire runs.
		{
			name: "answer first question",
			from: atFirst,
			op:   answer(knowledge.Stage, knowledge.Scaleup, 1),
			want: with(atFirst, func(s *Session) {
				s.Answers[knowledge.Stage] = knowledge.Scaleup
				s.Current, s.Asked = knowledge.TechLead, 2
			}),
		},
		{
			name: "typed answer has no asked count",
			from: atMiddle,
			op:   answer(knowledge.Need, knowledge.NeedLaunch, 0),
			want: with(atMiddle, func(s *Session) {
				s.Answers[knowledge.Need] = knowledge.NeedLaunch
				s.Current, s.Asked = knowledge.Urgency, 4
			}),
		},
		{
			name: "answer last question shows the card",
			from: atLast,
			op:   answer(knowledge.Budget, knowledge.Flexible, 5),
			want: with(atLast, func(s *Session) {
				s.Answers[knowledge.Budget] = knowledge.Flexible
				s.State, s.Current, s.CardRev = Done, "", 1
			}),
		},
		{
			name:    "button from an earlier asking",
			from:    atMiddle,
			op:      answer(knowledge.Need, knowledge.NeedLaunch, 2),
			wantErr: ErrAnswered,
		},
		{
			name:    "button from an answered question",
			from:    atMiddle,
			op:      answer(knowledge.Stage, knowledge.Enterprise, 1),
			wantErr: ErrAnswered,
		},
		{
			name:    "unknown question",
			from:    atMiddle,
			op:      answer("mood", "happy", 3),
			wantErr: ErrInvalid,
		},
		{
			name:    "option of another question",
			from:    atMiddle,
			op:      answer(knowledge.Need, knowledge.Startup, 3),
			wantErr: ErrInvalid,
		},
		{
			name:    "answer on the card",
			from:    done,
			op:      answer(knowledge.Budget, knowledge.FixedOK, 5),
			wantErr: ErrFinished,
		},
		{
			name:    "answer after cancel",
			from:    cancelled,
			op:      answer(knowledge.Need, knowledge.NeedScale, 0),
			wantErr: ErrFinished,
		},
		// Answer while one answer is being changed.
		{
			name: "changed answer recomputes the card",
			from: changing,
			op:   answer(knowledge.Urgency, knowledge.LongTerm, 6),
			want: with(changing, func(s *Session) {
				s.Answers[knowledge.Urgency] = knowledge.LongTerm
				s.State, s.Current, s.CardRev = Done, "", 2
			}),
		},
		{
			name:    "stale button while changing",
			from:    changing,
			op:      answer(knowledge.Urgency, knowledge.LongTerm, 4),
			wantErr: ErrAnswered,
		},
		{
			name:    "other question while changing",
			from:    changing,
			op:      answer(knowledge.Budget, knowledge.FixedOK, 0),
			wantErr: ErrAnswered,
		},
		// Back.
		{
			name:    "back at the first question",
			from:    atFirst,
			op:      back,
			wantErr: ErrAtStart,
		},
		{
			name: "back keeps the previous answer",
			from: atMiddle,
			op:   back,
			want: with(atMiddle, func(s *Session) { s.Current, s.Asked = knowledge.TechLead, 4 }),
		},
		{
			name: "back from the card reopens the last question",
			from: done,
			op:   back,
			want: with(done, func(s *Session) { s.State, s.Current, s.Asked = Active, knowledge.Budget, 6 }),
		},
		{
			name: "back while changing abandons the change",
			from: changing,
			op:   back,
			want: with(changing, func(s *Session) { s.State, s.Current, s.Asked = Done, "", 7 }),
		},
		{
			name:    "back after cancel",
			from:    cancelled,
			op:      back,
			wantErr: ErrFinished,
		},
		// Restart, from every state.
		{name: "restart at first", from: atFirst, op: restart, want: restarted(atFirst)},
		{name: "restart midway", from: atMiddle, op: restart, want: restarted(atMiddle)},
		{name: "restart from the card", from: done, op: restart, want: restarted(done)},
		{name: "restart while changing", from: changing, op: restart, want: restarted(changing)},
		{name: "restart after cancel", from: cancelled, op: restart, want: restarted(cancelled)},
		// Cancel.
		{
			name: "cancel midway",
			from: atMiddle,
			op:   cancel,
			want: with(atMiddle, func(s *Session) { s.State, s.Current, s.Asked = Cancelled, "", 4 }),
		},
		{
			name: "cancel on the card",
			from: done,
			op:   cancel,
			want: with(done, func(s *Session) { s.State, s.Current, s.Asked = Cancelled, "", 6 }),
		},
		{
			name: "cancel while changing",
			from: changing,
			op:   cancel,
			want: with(changing, func(s *Session) { s.State, s.Current, s.Asked = Cancelled, "", 7 }),
		},
		{
			name:    "cancel twice",
			from:    cancelled,
			op:      cancel,
			wantErr: ErrFinished,
		},
		// Change.
		{
			name: "change from the card",
			from: done,
			op:   change(knowledge.TechLead),
			want: with(done, func(s *Session) { s.State, s.Current, s.Asked = Changing, knowledge.TechLead, 6 }),
		},
		{
			name: "change another while changing",
			from: changing,
			op:   change(knowledge.Stage),
			want: with(changing, func(s *Session) { s.Current, s.Asked = knowledge.Stage, 7 }),
		},
		{
			name:    "change unknown question",
			from:    done,
			op:      change("mood"),
			wantErr: ErrInvalid,
		},
		{
			name:    "change before the card",
			from:    atMiddle,
			op:      change(knowledge.Stage),
			wantErr: ErrFinished,
		},
		{
			name:    "change after cancel",
			from:    cancelled,
			op:      change(knowledge.Stage),
			wantErr: ErrFinished,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := maps.Clone(tt.from.Answers)
			got, err := tt.op(tt.from)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
			want := tt.want
			if tt.wantErr != nil {
				want = tt.from
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", tt.name, diff)
			}
			if diff := cmp.Diff(before, tt.from.Answers); diff != "" {
				t.Errorf("%s changed the original's answers (-before +after):\n%s", tt.name, diff)
			}
		})
	}
}

func TestAnswerKeepsOriginal(t *testing.T) {
	s := Start(testKey, "U1", knowledge.English, t0)
	s1, err := s.Answer(knowledge.Stage, knowledge.Startup, 1, t1)
	if err != nil {
		t.Fatalf("Answer(stage, startup) = %v", err)
	}
	s2, err := s1.Answer(knowledge.TechLead, knowledge.LeadITOps, 2, t1)
	if err != nil {
		t.Fatalf("Answer(tech_lead, it_ops) = %v", err)
	}
	if len(s.Answers) != 0 {
		t.Errorf("Start's answers = %v after two answers, want none", s.Answers)
	}
	if diff := cmp.Diff(answers{knowledge.Stage: knowledge.Startup}, s1.Answers); diff != "" {
		t.Errorf("first answer's session changed (-want +got):\n%s", diff)
	}
	// Back then answer again must not write through to s2.
	s3, err := s2.Back(t1)
	if err != nil {
		t.Fatalf("Back() = %v", err)
	}
	if _, err := s3.Answer(knowledge.TechLead, knowledge.LeadCTOOK, 0, t1); err != nil {
		t.Fatalf("Answer(tech_lead, cto_ok) = %v", err)
	}
	if got := s2.Answers[knowledge.TechLead]; got != knowledge.LeadITOps {
		t.Errorf("kept session's tech_lead = %q, want %q", got, knowledge.LeadITOps)
	}
}

func TestAnswerNilAnswers(t *testing.T) {
	// A session decoded from JSON with no answers has a nil map.
	s := at(Active, knowledge.Stage, nil, 1, 0)
	got, err := s.Answer(knowledge.Stage, knowledge.Enterprise, 1, t1)
	if err != nil {
		t.Fatalf("Answer(stage, enterprise) on nil answers = %v", err)
	}
	if got.Answers[knowledge.Stage] != knowledge.Enterprise {
		t.Errorf("Answers = %v, want stage=enterprise", got.Answers)
	}
}

func TestPosition(t *testing.T) {
	tests := []struct {
		name string
		s    Session
		want int
	}{
		{"first", atFirst, 1},
		{"middle", atMiddle, 3},
		{"last", atLast, len(knowledge.Questions)},
		{"changing", changing, 4},
		{"card", done, 0},
		{"cancelled", cancelled, 0},
	}
	for _, tt := range tests {
		if got := tt.s.Position(); got != tt.want {
			t.Errorf("%s: Position() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestComplete(t *testing.T) {
	partial := case1()
	delete(partial, knowledge.Budget)
	wrong := case1()
	wrong[knowledge.Budget] = knowledge.Startup
	tests := []struct {
		name string
		a    answers
		want bool
	}{
		{"all answered", case1(), true},
		{"none", nil, false},
		{"one missing", partial, false},
		{"option of another question", wrong, false},
	}
	for _, tt := range tests {
		s := at(Done, "", tt.a, 5, 1)
		if got := s.Complete(); got != tt.want {
			t.Errorf("%s: Complete() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRandomWalk drives a session through thousands of random operations,
// valid and not, and checks after each that the session is one a user
// could be in.
func TestRandomWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	questionIDs := []knowledge.QuestionID{"", "mood"}
	optionIDs := []knowledge.OptionID{"", "happy"}
	for _, q := range knowledge.Questions {
		questionIDs = append(questionIDs, q.ID)
		optionIDs = append(optionIDs, q.Options...)
	}
	pickOption := func(s Session) knowledge.OptionID {
		if q, ok := knowledge.Lookup(s.Current); ok && r.IntN(4) > 0 {
			return q.Options[r.IntN(len(q.Options))]
		}
		return optionIDs[r.IntN(len(optionIDs))]
	}

	s := Start(testKey, "U1", knowledge.English, t0)
	now := t0
	seen := map[State]int{}
	for step := range 5000 {
		now = now.Add(time.Second)
		prev := s
		prevAnswers := maps.Clone(s.Answers)
		var (
			next Session
			err  error
			op   string
		)
		switch r.IntN(10) {
		case 0, 1, 2, 3, 4:
			q := s.Current
			if r.IntN(5) == 0 {
				q = questionIDs[r.IntN(len(questionIDs))]
			}
			asked := []int{0, s.Asked, s.Asked - 1}[r.IntN(3)]
			o := pickOption(s)
			op = "answer " + string(q) + ":" + string(o)
			next, err = s.Answer(q, o, asked, now)
		case 5, 6:
			op = "back"
			next, err = s.Back(now)
		case 7:
			op = "change"
			next, err = s.Change(questionIDs[r.IntN(len(questionIDs))], now)
		case 8:
			op = "cancel"
			next, err = s.Cancel(now)
		default:
			op = "restart"
			next = s.Restart(now)
		}

		if diff := cmp.Diff(prevAnswers, prev.Answers); diff != "" {
			t.Fatalf("step %d (%s) changed the previous session's answers (-before +after):\n%s", step, op, diff)
		}
		if err != nil {
			if diff := cmp.Diff(prev, next); diff != "" {
				t.Fatalf("step %d (%s) failed with %v but changed the session (-before +after):\n%s", step, op, err, diff)
			}
			continue
		}
		if msg := invalid(next); msg != "" {
			t.Fatalf("step %d (%s) from %+v gave %+v: %s", step, op, prev, next, msg)
		}
		if next.Asked < prev.Asked || next.CardRev < prev.CardRev {
			t.Fatalf("step %d (%s): counters went back: asked %d→%d, card %d→%d", step, op, prev.Asked, next.Asked, prev.CardRev, next.CardRev)
		}
		if !next.Updated.Equal(now) {
			t.Fatalf("step %d (%s): Updated = %v, want %v", step, op, next.Updated, now)
		}
		s = next
		seen[s.State]++
	}
	// A walk that never reaches a state tests nothing about it.
	for _, st := range []State{Active, Done, Changing, Cancelled} {
		if seen[st] == 0 {
			t.Errorf("random walk never reached %s (seen %v)", st, seen)
		}
	}
}

// invalid says what is wrong with s, or "" when nothing is.
func invalid(s Session) string {
	switch s.State {
	case Active, Changing:
		if knowledge.QuestionIndex(s.Current) < 0 {
			return "asking an unknown question"
		}
	case Done, Cancelled:
		if s.Current != "" {
			return "a question is current while none is asked"
		}
	default:
		return "unknown state"
	}
	if (s.State == Done || s.State == Changing) && !s.Complete() {
		return "card shown with answers missing"
	}
	for q, o := range s.Answers {
		question, ok := knowledge.Lookup(q)
		if !ok || !question.Has(o) {
			return "invalid answer " + string(q) + ":" + string(o)
		}
	}
	return ""
}
