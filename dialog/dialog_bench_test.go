package dialog_test

import (
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// BenchmarkAnswer is one transition of the hot path: a click recorded on
// the session the store returned, at each position of the questionnaire
// (the last one finishes the dialog).
func BenchmarkAnswer(b *testing.B) {
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	k := dialog.Key{Team: "T0123456789AB", Channel: "C0123456789AB", Thread: "1710408413.123456"}
	// before[i] is a session about to be asked question i.
	before := make([]dialog.Session, len(knowledge.Questions))
	s := dialog.Start(k, "U0123456789AB", knowledge.English, now)
	for i, q := range knowledge.Questions {
		before[i] = s
		var err error
		if s, err = s.Answer(q.ID, q.Options[0], s.Asked, now); err != nil {
			b.Fatalf("Answer(%s, %s) = %v", q.ID, q.Options[0], err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := knowledge.Questions[i]
		if _, err := before[i].Answer(q.ID, q.Options[0], before[i].Asked, now); err != nil {
			b.Fatalf("Answer(%s, %s) = %v", q.ID, q.Options[0], err)
		}
		i = (i + 1) % len(before)
	}
}

// BenchmarkStart opens a session, as every /cto-advice does.
func BenchmarkStart(b *testing.B) {
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	k := dialog.Key{Team: "T0123456789AB", Channel: "C0123456789AB", Thread: "1710408413.123456"}
	b.ReportAllocs()
	for b.Loop() {
		dialog.Start(k, "U0123456789AB", knowledge.French, now)
	}
}
