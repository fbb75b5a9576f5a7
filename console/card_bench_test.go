package console

import (
	"testing"
	"time"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// BenchmarkCard renders the terminal card of a finished dialog, French.
func BenchmarkCard(b *testing.B) {
	kb, err := knowledge.Load()
	if err != nil {
		b.Fatalf("knowledge.Load() = %v", err)
	}
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	s := dialog.Start(dialog.Key{Team: "console", Channel: "console", Thread: "1"}, "you", knowledge.French, now)
	for _, q := range knowledge.Questions {
		if s, err = s.Answer(q.ID, q.Options[0], s.Asked, now); err != nil {
			b.Fatalf("Answer(%s, %s) = %v", q.ID, q.Options[0], err)
		}
	}
	a := dialog.Advise(kb, s.Answers)
	b.ReportAllocs()
	for b.Loop() {
		Card(kb, knowledge.French, a)
	}
}
