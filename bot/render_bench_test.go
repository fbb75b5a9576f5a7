package bot

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// benchKB loads the knowledge base for a benchmark.
func benchKB(b *testing.B) *knowledge.Base {
	b.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		b.Fatalf("knowledge.Load() = %v", err)
	}
	return kb
}

// benchSessions returns a session asked its third question and the same
// session finished with SPEC §4's first case profile, in French, whose
// strings escape the most.
func benchSessions(b *testing.B) (asking, done dialog.Session) {
	b.Helper()
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	s := dialog.Start(dialog.Key{Team: "T0123456789AB", Channel: "C0123456789AB", Thread: "1710408413.123456"},
		"U0123456789AB", knowledge.French, now)
	for i, q := range knowledge.Questions {
		if i == 2 {
			asking = s
		}
		var err error
		if s, err = s.Answer(q.ID, case1Profile[i], s.Asked, now); err != nil {
			b.Fatalf("Answer(%s, %s) = %v", q.ID, case1Profile[i], err)
		}
	}
	return asking, s
}

// The renderers run on every step; slack-go then encodes their blocks to
// JSON for the form body, so each is measured alone and with that encoding.

func BenchmarkQuestionMessage(b *testing.B) {
	t := benchKB(b).Text(knowledge.French)
	s, _ := benchSessions(b)
	b.Run("render", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			questionMessage(t, s)
		}
	})
	b.Run("render+encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, blocks := questionMessage(t, s)
			encodeBlocks(b, blocks)
		}
	})
}

func BenchmarkAnsweredMessage(b *testing.B) {
	t := benchKB(b).Text(knowledge.French)
	b.Run("render", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			answeredMessage(t, knowledge.Need, knowledge.NeedScale, 3)
		}
	})
	b.Run("render+encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, blocks := answeredMessage(t, knowledge.Need, knowledge.NeedScale, 3)
			encodeBlocks(b, blocks)
		}
	})
}

func BenchmarkCardMessage(b *testing.B) {
	kb := benchKB(b)
	t := kb.Text(knowledge.French)
	_, s := benchSessions(b)
	rec := dialog.Advise(kb, s.Answers)
	o := cardOptions{CaseURL: caseURL, Interactive: true}
	b.Run("render", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			cardMessage(t, s, rec, o)
		}
	})
	b.Run("score+render+encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, blocks := cardMessage(t, s, dialog.Advise(kb, s.Answers), o)
			encodeBlocks(b, blocks)
		}
	})
}

func encodeBlocks(b *testing.B, blocks []slack.Block) {
	if _, err := json.Marshal(slack.Blocks{BlockSet: blocks}); err != nil {
		b.Fatalf("json.Marshal(blocks) = %v", err)
	}
}
