package dialog

import (
	"slices"
	"time"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// A team session is a [Session] whose Team is set: a leadership team
// answers the questionnaire separately, each member once (and again until
// the reveal), and the organiser reveals the answers together. It lives in
// the store at its thread's key like any dialog, so it gets the same
// compare-and-set, time to live, replicas and restarts; its own
// transitions are below, and the individual ones (Answer, Back, Change,
// Cancel) refuse it.
//
// In a team session, Owner is the organiser, State is [Active] while the
// team answers and [Done] once revealed, Answers is empty until the reveal
// and then holds the team profile (see [Profile]), and CardRev counts the
// reveals so buttons on a card since reopened go stale.
//
// Members' answers are stored with the session because the session is the
// unit the store makes atomic; they leave it only through [Session.Mine]
// (a member's own answers) and, after the reveal, through [Profile]. An
// adapter that shows anything else before the reveal is wrong.

// MaxMembers bounds a team: the members who answered, and the people
// invited, the organiser included.
const MaxMembers = 20

// Team is what a team session holds beyond a dialog's fields.
type Team struct {
	// Invited lists who may answer, the organiser first; empty means
	// anyone who can see the thread.
	Invited []string `json:"invited,omitempty"`
	// Members are those who answered, in the order they first did.
	Members []Member `json:"members,omitempty"`
}

// Member is one member's answers, all five questions.
type Member struct {
	User    string                                      `json:"user"`
	Answers map[knowledge.QuestionID]knowledge.OptionID `json:"answers"`
	At      time.Time                                   `json:"at"`
}

// StartTeam opens a team session organised by organiser. invited are the
// people named when it was started (duplicates and the organiser are
// folded in); none means the team is open to anyone who sees it.
func StartTeam(k Key, organiser string, lang knowledge.Lang, invited []string, now time.Time) (Session, error) {
	var list []string
	if len(invited) > 0 {
		list = []string{organiser}
		for _, u := range invited {
			if u != "" && !slices.Contains(list, u) {
				list = append(list, u)
			}
		}
	}
	if len(list) > MaxMembers {
		return Session{}, ErrTeamFull
	}
	return Session{
		Key:     k,
		Owner:   organiser,
		Lang:    lang,
		State:   Active,
		Team:    &Team{Invited: list},
		Created: now,
		Updated: now,
	}, nil
}

// IsTeam reports whether s is a team session.
func (s Session) IsTeam() bool { return s.Team != nil }

// CanJoin reports why user may not give answers now, or nil: the team
// has revealed ([ErrRevealed]), user was not invited ([ErrNotInvited]), or
// the team is full ([ErrTeamFull]). A member who answered may always
// answer again until the reveal.
func (s Session) CanJoin(user string) error {
	switch {
	case s.Team == nil:
		return ErrInvalid
	case s.State == Done:
		return ErrRevealed
	case s.State != Active:
		return ErrFinished
	case len(s.Team.Invited) > 0 && !slices.Contains(s.Team.Invited, user):
		return ErrNotInvited
	case s.member(user) < 0 && len(s.Team.Members) >= MaxMembers:
		return ErrTeamFull
	}
	return nil
}

// Mine returns user's own answers, for pre-selecting them when they
// answer again; nil if they have not answered. The map is a copy.
func (s Session) Mine(user string) map[knowledge.QuestionID]knowledge.OptionID {
	if i := s.member(user); i >= 0 {
		return cloneAnswers(s.Team.Members[i].Answers)
	}
	return nil
}

// TeamAnswer records user's answers to all five questions, replacing any
// they gave before. Every question needs one of its options
// ([ErrInvalid] otherwise); CanJoin's refusals apply.
func (s Session) TeamAnswer(user string, answers map[knowledge.QuestionID]knowledge.OptionID, now time.Time) (Session, error) {
	if err := s.CanJoin(user); err != nil {
		return s, err
	}
	for _, q := range knowledge.Questions {
		if !q.Has(answers[q.ID]) {
			return s, ErrInvalid
		}
	}
	if len(answers) != len(knowledge.Questions) {
		return s, ErrInvalid
	}
	t := s.cloneTeam()
	m := Member{User: user, Answers: cloneAnswers(answers), At: now}
	if i := s.member(user); i >= 0 {
		t.Members[i] = m
	} else {
		t.Members = append(t.Members, m)
	}
	s.Team = t
	s.Updated = now
	return s, nil
}

// Reveal ends the answering: only the organiser may ([ErrNotOwner]), once
// someone has answered ([ErrNoAnswers]). The session is then [Done], its
// Answers are the team profile and CardRev moves on.
func (s Session) Reveal(user string, now time.Time) (Session, error) {
	switch {
	case s.Team == nil:
		return s, ErrInvalid
	case user != s.Owner:
		return s, ErrNotOwner
	case s.State == Done:
		return s, ErrRevealed
	case s.State != Active:
		return s, ErrFinished
	case len(s.Team.Members) == 0:
		return s, ErrNoAnswers
	}
	s.Team = s.cloneTeam()
	s.Answers, _ = Profile(s.Team.Members)
	s.State = Done
	s.CardRev++
	s.Updated = now
	return s, nil
}

// Reopen lets the team change its answers again after a reveal: only the
// organiser may. The card already posted goes stale (CardRev moves on).
func (s Session) Reopen(user string, now time.Time) (Session, error) {
	switch {
	case s.Team == nil:
		return s, ErrInvalid
	case user != s.Owner:
		return s, ErrNotOwner
	case s.State != Done:
		return s, ErrFinished
	}
	s.Team = s.cloneTeam()
	s.State = Active
	s.Answers = nil
	s.CardRev++
	s.CardMsg = ""
	s.Updated = now
	return s, nil
}

// Answered lists the members who answered, in the order they first did.
func (s Session) Answered() []string {
	if s.Team == nil {
		return nil
	}
	out := make([]string, len(s.Team.Members))
	for i, m := range s.Team.Members {
		out[i] = m.User
	}
	return out
}

// Waiting lists the invited people who have not answered yet.
func (s Session) Waiting() []string {
	if s.Team == nil {
		return nil
	}
	var out []string
	for _, u := range s.Team.Invited {
		if s.member(u) < 0 {
			out = append(out, u)
		}
	}
	return out
}

func (s Session) member(user string) int {
	if s.Team == nil {
		return -1
	}
	return slices.IndexFunc(s.Team.Members, func(m Member) bool { return m.User == user })
}

// cloneTeam copies the team deeply enough that writing the copy's slices
// and member maps never reaches a session the caller kept.
func (s Session) cloneTeam() *Team {
	t := &Team{Invited: slices.Clone(s.Team.Invited), Members: slices.Clone(s.Team.Members)}
	for i := range t.Members {
		t.Members[i].Answers = cloneAnswers(t.Members[i].Answers)
	}
	return t
}

func cloneAnswers(a map[knowledge.QuestionID]knowledge.OptionID) map[knowledge.QuestionID]knowledge.OptionID {
	if a == nil {
		return nil
	}
	m := make(map[knowledge.QuestionID]knowledge.OptionID, len(a))
	for k, v := range a {
		m[k] = v
	}
	return m
}

// Tally is how a team answered one question.
type Tally struct {
	Question knowledge.QuestionID
	// Votes are the options chosen by at least one member, in the
	// questionnaire's order, each with who chose it.
	Votes []Vote
	// Choice is the team's answer: the option most members chose.
	Choice knowledge.OptionID
	// Split is set when members chose more than one option: the question
	// is shown as split and what it decides is spelled out.
	Split bool
	// Tied is set when two or more options share the most votes. Choice is
	// then the tied option listed first: the questionnaire lists urgency
	// from the soonest, budget from variable cost and the technical lead
	// from none at all, so the team plans for the more demanding reading
	// some of its members hold (SPEC §4b rules 4 and 5) rather than the
	// comfortable one.
	Tied bool
}

// Vote is one option and the members who chose it, in answering order.
type Vote struct {
	Option  knowledge.OptionID
	Members []string
}

// Profile is the team's answers (one per question, see [Tally.Choice]) and
// how each question was answered, in questionnaire order. With no members
// it returns an empty profile.
func Profile(members []Member) (map[knowledge.QuestionID]knowledge.OptionID, []Tally) {
	profile := make(map[knowledge.QuestionID]knowledge.OptionID, len(knowledge.Questions))
	tallies := make([]Tally, 0, len(knowledge.Questions))
	for _, q := range knowledge.Questions {
		t := Tally{Question: q.ID}
		best := 0
		for _, o := range q.Options {
			var who []string
			for _, m := range members {
				if m.Answers[q.ID] == o {
					who = append(who, m.User)
				}
			}
			if len(who) == 0 {
				continue
			}
			t.Votes = append(t.Votes, Vote{Option: o, Members: who})
			switch {
			case len(who) > best:
				best, t.Choice, t.Tied = len(who), o, false
			case len(who) == best:
				t.Tied = true
			}
		}
		t.Split = len(t.Votes) > 1
		if t.Choice != "" {
			profile[q.ID] = t.Choice
		}
		tallies = append(tallies, t)
	}
	return profile, tallies
}

// Settle returns profile with question q answered o: the team's answers
// had it settled its disagreement on q that way.
func Settle(profile map[knowledge.QuestionID]knowledge.OptionID, q knowledge.QuestionID, o knowledge.OptionID) map[knowledge.QuestionID]knowledge.OptionID {
	return withAnswer(profile, q, o)
}
