package dialog

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

func TestUserRemember(t *testing.T) {
	rec := func(thread string, o knowledge.OutcomeID) Record {
		return Record{Outcome: o, Case: knowledge.CaseOf[o], Channel: "C1", Thread: thread, At: t0}
	}
	var full User
	for i := range MaxRecent {
		full = full.Remember(rec(fmt.Sprint(i), knowledge.Internal))
	}
	tests := []struct {
		name    string
		from    User
		add     Record
		threads []string // newest first
	}{
		{"first", User{}, rec("a", knowledge.Internal), []string{"a"}},
		{"newest first", User{Recent: []Record{rec("a", knowledge.Internal)}}, rec("b", knowledge.Internal), []string{"b", "a"}},
		{"same thread replaced", User{Recent: []Record{rec("b", knowledge.Internal), rec("a", knowledge.Internal)}}, rec("a", knowledge.ExternalThenInternal), []string{"a", "b"}},
		{"at most ten", full, rec("new", knowledge.Internal), []string{"new", "9", "8", "7", "6", "5", "4", "3", "2", "1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.from.Recent)
			got := tt.from.Remember(tt.add)
			var threads []string
			for _, r := range got.Recent {
				threads = append(threads, r.Thread)
			}
			if diff := cmp.Diff(tt.threads, threads); diff != "" {
				t.Errorf("threads (-want +got):\n%s", diff)
			}
			if got.Recent[0] != tt.add {
				t.Errorf("newest = %+v, want %+v", got.Recent[0], tt.add)
			}
			if fmt.Sprint(tt.from.Recent) != before {
				t.Error("Remember changed the user it was given")
			}
		})
	}
}
