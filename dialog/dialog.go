package dialog

import (
	"time"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The transitions below are pure: each returns a new Session and leaves the
// receiver untouched. The Answers map is copied before it is written, so a
// caller may keep the old value (to retry a compare-and-set, or to render
// what the user saw) without it changing underneath.

// Start opens a dialog at the first question.
func Start(k Key, owner string, lang knowledge.Lang, now time.Time) Session {
	return Session{
		Key:     k,
		Owner:   owner,
		Lang:    lang,
		State:   Active,
		Current: knowledge.Questions[0].ID,
		Answers: map[knowledge.QuestionID]knowledge.OptionID{},
		Asked:   1,
		Created: now,
		Updated: now,
	}
}

// Answer records option o for question q.
//
// asked is the [Session.Asked] a button was posted with; a click carrying an
// older count comes from an earlier asking of the same question and returns
// [ErrAnswered]. A typed reply passes 0: it always answers the question
// being asked. A q other than [Session.Current] is stale as well.
//
// While the questionnaire runs, the next question in order becomes current;
// after the last one, and after a changed answer, the session is [Done] and
// [Session.CardRev] moves on so buttons on the previous card go stale.
func (s Session) Answer(q knowledge.QuestionID, o knowledge.OptionID, asked int, now time.Time) (Session, error) {
	if s.Team != nil || s.State != Active && s.State != Changing {
		return s, ErrFinished
	}
	question, ok := knowledge.Lookup(q)
	if !ok || !question.Has(o) {
		return s, ErrInvalid
	}
	if q != s.Current || (asked != 0 && asked != s.Asked) {
		return s, ErrAnswered
	}
	s.Answers = withAnswer(s.Answers, q, o)
	s.Updated = now
	if s.State == Active {
		if i := knowledge.QuestionIndex(q); i+1 < len(knowledge.Questions) {
			s.Current = knowledge.Questions[i+1].ID
			s.Asked++
			return s, nil
		}
	}
	s.State = Done
	s.Current = ""
	s.CardRev++
	return s, nil
}

// Back returns to the previous question, keeping its answer so the user
// sees what they chose. From the card it reopens the last question; while
// an answer is being changed it abandons the change and shows the card
// again, which is still valid, so CardRev stays.
func (s Session) Back(now time.Time) (Session, error) {
	if s.Team != nil {
		return s, ErrFinished // a team answers in a form, not question by question
	}
	switch s.State {
	case Active:
		i := knowledge.QuestionIndex(s.Current)
		if i <= 0 {
			return s, ErrAtStart
		}
		s.Current = knowledge.Questions[i-1].ID
	case Changing:
		s.State = Done
		s.Current = ""
	case Done:
		s.State = Active
		s.Current = knowledge.Questions[len(knowledge.Questions)-1].ID
	default:
		return s, ErrFinished
	}
	s.Asked++
	s.Updated = now
	return s, nil
}

// Restart clears every answer and asks the first question again, from any
// state: a cancelled dialog can be started over in the same thread. The
// adapter's message references are dropped because those messages belong
// to the previous run.
func (s Session) Restart(now time.Time) Session {
	s.State = Active
	s.Current = knowledge.Questions[0].ID
	s.Answers = map[knowledge.QuestionID]knowledge.OptionID{}
	s.Asked++
	s.QuestionMsg = ""
	s.CardMsg = ""
	s.Updated = now
	return s
}

// Cancel stops the dialog. Asked moves on so that buttons still on screen
// go stale.
func (s Session) Cancel(now time.Time) (Session, error) {
	if s.Team != nil || s.State == Cancelled || s.State == Expired {
		return s, ErrFinished
	}
	s.State = Cancelled
	s.Current = ""
	s.Asked++
	s.Updated = now
	return s, nil
}

// Change asks question q again once the card is shown, keeping the other
// answers; answering it recomputes the card. Picking another question while
// one is being changed switches to it.
func (s Session) Change(q knowledge.QuestionID, now time.Time) (Session, error) {
	if s.Team != nil || s.State != Done && s.State != Changing {
		return s, ErrFinished
	}
	if knowledge.QuestionIndex(q) < 0 {
		return s, ErrInvalid
	}
	s.State = Changing
	s.Current = q
	s.Asked++
	s.Updated = now
	return s, nil
}

// Position is the 1-based position of the current question in
// [knowledge.Questions], for "Question 2 of 5"; 0 when none is asked.
func (s Session) Position() int {
	return knowledge.QuestionIndex(s.Current) + 1
}

// Complete reports whether every question has a valid answer.
func (s Session) Complete() bool {
	for _, q := range knowledge.Questions {
		if !q.Has(s.Answers[q.ID]) {
			return false
		}
	}
	return true
}

// withAnswer returns a copy of answers with q set to o.
func withAnswer(answers map[knowledge.QuestionID]knowledge.OptionID, q knowledge.QuestionID, o knowledge.OptionID) map[knowledge.QuestionID]knowledge.OptionID {
	m := make(map[knowledge.QuestionID]knowledge.OptionID, len(answers)+1)
	for k, v := range answers {
		m[k] = v
	}
	m[q] = o
	return m
}
