package dialog_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

var update = flag.Bool("update", false, "rewrite docs/decisions.md")

// decisionsPath is the committed decision map, read by people auditing the
// advice without running anything.
var decisionsPath = filepath.Join("..", "docs", "decisions.md")

// short names each outcome in a table cell; the legend spells it out.
var short = map[knowledge.OutcomeID]string{
	knowledge.ExternalThenInternal:    "EXT→INT",
	knowledge.ExternalTransformation:  "CaaS→INT",
	knowledge.InternalPlusSpecialists: "CTO+EXT",
	knowledge.Internal:                "CTO",
	knowledge.HireInternal:            "HIRE",
}

// TestDecisionsDoc fails when docs/decisions.md no longer matches the
// rules; go test ./dialog -update rewrites it.
func TestDecisionsDoc(t *testing.T) {
	got := decisionsDoc(loadBase(t))
	if *update {
		if err := os.WriteFile(decisionsPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(decisionsPath)
	if err != nil {
		t.Fatalf("%v (run go test ./dialog -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is stale; run go test ./dialog -update (-want +got):\n%s", decisionsPath, diff)
	}
}

// decisionsDoc renders the whole map, one table per maturity: who leads
// technology and the need down the side, urgency and budget across.
func decisionsDoc(kb *knowledge.Base) string {
	en := kb.Text(knowledge.English)
	var b strings.Builder
	b.WriteString(`<!-- Generated from knowledge/decision.go by go test ./dialog -update; do not edit. -->

# The decision map

Every one of the 288 answer profiles and the advice it gets, as ` + "`ctoadvisor advise --all --format json`" + ` prints it.
The rules are in [knowledge/decision.go](../knowledge/decision.go): structure first (is there a CTO to
build on?), then the plan from need, urgency and budget. Without a CTO, maturity picks the flavour:
a large group, and a scale-up that launches, take a CTO as a Service (case 2); a start-up, and a
scale-up with another need, a fractional CTO (case 1). The need then picks the mission on the card.
The horizon holds only for the needs the article reached it with: case 1's handover for every need
but a one-off specialist job, case 2's MVP for a launch.

| cell | outcome | now | later | keeps the CTO | horizon | case |
|---|---|---|---|---|---|---|
`)
	for _, o := range knowledge.Outcomes {
		p := knowledge.Plans[o]
		horizon := string(p.Horizon)
		if horizon == "" {
			horizon = "—"
		}
		fmt.Fprintf(&b, "| %s | %s: %s | %s | %s | %t | %s | %s |\n",
			short[o], o, en.Outcomes[o].Title, p.Now, p.Later, p.KeepsExistingCTO, horizon, knowledge.CaseOf[o])
	}
	b.WriteString("\n`≈ X (q)` marks a close call: the answers pull towards X about as much, and question q settles it.\n")

	stage, _ := knowledge.Lookup(knowledge.Stage)
	lead, _ := knowledge.Lookup(knowledge.TechLead)
	need, _ := knowledge.Lookup(knowledge.Need)
	urgency, _ := knowledge.Lookup(knowledge.Urgency)
	budget, _ := knowledge.Lookup(knowledge.Budget)
	for _, s := range stage.Options {
		fmt.Fprintf(&b, "\n## %s\n\n| tech_lead | need |", s)
		for _, u := range urgency.Options {
			for _, bu := range budget.Options {
				fmt.Fprintf(&b, " %s, %s |", u, bu)
			}
		}
		b.WriteString("\n|---|---|" + strings.Repeat("---|", len(urgency.Options)*len(budget.Options)) + "\n")
		for _, l := range lead.Options {
			for _, n := range need.Options {
				fmt.Fprintf(&b, "| %s | %s |", l, n)
				for _, u := range urgency.Options {
					for _, bu := range budget.Options {
						a := dialog.Advise(kb, full(s, l, n, u, bu))
						cell := short[a.Outcome]
						if cc := a.CloseCall; cc != nil {
							cell += fmt.Sprintf(" ≈ %s (%s)", short[cc.Between[1]], cc.SettleWith)
						}
						fmt.Fprintf(&b, " %s |", cell)
					}
				}
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}
