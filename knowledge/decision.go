package knowledge

// The decision, read the way the article reasons (SPEC §4b). A consultant
// can check it here in five minutes:
//
//  1. Structure first: is there a CTO to build on? [HasCTO] answers it from
//     "who leads technology today". With one, the plan keeps them; without
//     one, it brings technology leadership in.
//  2. Then the plan within that structure, from the main need, the urgency
//     and the budget: [Rules], read top to bottom, the first match decides.
//  3. [Plans] says what each outcome means in time: what happens now, what
//     happens later, and the horizon where the article gives one.
//  4. [Argues] says which outcomes each answer speaks for; the card's "why"
//     lists only answers that speak for the advice.
//
// Without a CTO, maturity picks the flavour of the external plan (rule 3):
// a large group brings in a CTO as a Service beside its IT department, as
// in case study 2, whatever it needs first; a scale-up does the same for a
// launch; a start-up takes a fractional CTO, as in case study 1, even to
// launch, since it has no separate project team to embed one in. The need
// then picks the mission, in the card's words. With a CTO, maturity only
// chooses the wording.

// HireInternal is hiring a full-time internal CTO now: only for a company
// with no CTO whose need is long-term leadership, with no deadline, and a
// full-time salary it can pay (SPEC §4b rule 3). It links to case 3, whose
// internal CTO carries the long-term vision.
const HireInternal OutcomeID = "hire_internal"

// HasCTO is the structure: the answers to "who leads technology today" that
// give the company an internal CTO to build on.
var HasCTO = map[OptionID]bool{LeadCTOOverloaded: true, LeadCTOOK: true}

// Rule is one line of the decision table: when every question named in If
// was answered with one of its options, the advice is Then.
type Rule struct {
	If   map[QuestionID][]OptionID
	Then OutcomeID
}

// builtinRules is the decision table. The last rule matches every profile
// without a CTO, so every complete set of answers gets advice.
var builtinRules = []Rule{
	// With a CTO: keep them (rule 1).
	// Case 3: a stretched CTO keeps the vision and gets help beside them,
	// whatever the need (rule 2): specialists, or a project team for a launch.
	{If: map[QuestionID][]OptionID{TechLead: {LeadCTOOverloaded}}, Then: InternalPlusSpecialists},
	// A CTO with room to lead calls in specialists for specialist work,
	{If: map[QuestionID][]OptionID{TechLead: {LeadCTOOK}, Need: {NeedSpecialist}}, Then: InternalPlusSpecialists},
	// and an external team for a launch due within weeks;
	{If: map[QuestionID][]OptionID{TechLead: {LeadCTOOK}, Need: {NeedLaunch}, Urgency: {Immediate}}, Then: InternalPlusSpecialists},
	// otherwise they lead on their own.
	{If: map[QuestionID][]OptionID{TechLead: {LeadCTOOK}}, Then: Internal},

	// Without a CTO: external now, internal later (rule 3), except a company
	// that wants long-term leadership, has no deadline and can pay a
	// full-time salary: it hires now (rules 4 and 5 keep the others out).
	{If: map[QuestionID][]OptionID{Need: {NeedVision}, Urgency: {LongTerm}, Budget: {FixedOK}}, Then: HireInternal},
	// Case 2: a large group brings in a CTO as a Service beside its IT
	// department and its suppliers, whatever the need,
	{If: map[QuestionID][]OptionID{Stage: {Enterprise}}, Then: ExternalTransformation},
	// and a scale-up puts one at the head of a launch.
	{If: map[QuestionID][]OptionID{Stage: {Scaleup}, Need: {NeedLaunch}}, Then: ExternalTransformation},
	// Case 1: a fractional CTO as a catalyst, then a full-time hire.
	{If: nil, Then: ExternalThenInternal},
}

// Now is what the company does first.
type Now string

const (
	NowExternal             Now = "external"               // an external CTO leads
	NowInternal             Now = "internal"               // an internal CTO leads, alone
	NowInternalPlusExternal Now = "internal_plus_external" // an internal CTO leads, with external help
)

// Later is what follows once the first step has done its work.
type Later string

const (
	LaterHireInternal Later = "hire_internal" // hand over to a full-time CTO, hired then
	LaterKeepInternal Later = "keep_internal" // the CTO in place stays in charge
	LaterNone         Later = "none"          // the hire is the plan; nothing follows
)

// Horizon is a time frame the article gives, and only those (rule 10).
type Horizon string

const (
	Horizon12Months  Horizon = "about_12_months" // case 1: the handover came in about 12 months
	HorizonMVP9Month Horizon = "mvp_in_9_months" // case 2: a working MVP in 9 months, then the hire
)

// Plan is what an outcome means in time.
type Plan struct {
	Now              Now
	Later            Later
	KeepsExistingCTO bool
	Horizon          Horizon // "" where the article gives none
}

// HorizonWhen keeps an outcome's horizon for the needs the article's case
// reached it with: case 1 handed over after structuring, which a one-off
// audit is not; case 2's MVP is a launch's.
var HorizonWhen = map[Horizon]map[QuestionID][]OptionID{
	Horizon12Months:  {Need: {NeedScale, NeedLaunch, NeedVision}},
	HorizonMVP9Month: {Need: {NeedLaunch}},
}

// PlanOf is what outcome means in time for these answers: its [Plans]
// entry, with the horizon only where [HorizonWhen] holds.
func PlanOf(outcome OutcomeID, answers map[QuestionID]OptionID) Plan {
	p := Plans[outcome]
	if p.Horizon != "" && !(Rule{If: HorizonWhen[p.Horizon]}).Match(answers) {
		p.Horizon = ""
	}
	return p
}

// MissionsFrom says which case study's missions a card lists, where the
// outcome's own case would say something untrue: a launch led by the CTO
// in place takes case 2's launch missions, and a hire made now takes
// none, since case 3's missions assume a CTO already there and
// specialists beside them. The first entry that matches decides; without
// one, the card lists the missions of the outcome's case.
var MissionsFrom = []struct {
	Outcome OutcomeID
	If      map[QuestionID][]OptionID
	Case    CaseID // "" lists no missions
}{
	{Outcome: HireInternal, Case: ""},
	{Outcome: InternalPlusSpecialists, If: map[QuestionID][]OptionID{Need: {NeedLaunch}}, Case: Case2},
}

// MissionsOf returns the case study whose missions a card with outcome and
// answers lists, "" for none.
func MissionsOf(outcome OutcomeID, answers map[QuestionID]OptionID) CaseID {
	for _, m := range MissionsFrom {
		if m.Outcome == outcome && (Rule{If: m.If}).Match(answers) {
			return m.Case
		}
	}
	return CaseOf[outcome]
}

// Plans says what each outcome means in time.
var Plans = map[OutcomeID]Plan{
	ExternalThenInternal:    {Now: NowExternal, Later: LaterHireInternal, Horizon: Horizon12Months},
	ExternalTransformation:  {Now: NowExternal, Later: LaterHireInternal, Horizon: HorizonMVP9Month},
	InternalPlusSpecialists: {Now: NowInternalPlusExternal, Later: LaterKeepInternal, KeepsExistingCTO: true},
	Internal:                {Now: NowInternal, Later: LaterKeepInternal, KeepsExistingCTO: true},
	HireInternal:            {Now: NowInternal, Later: LaterNone},
}

// builtinArgues says which outcomes each answer speaks for. An answer
// listed for an outcome has a reason, in every language, that reads as a
// case for that outcome ([Text.Reasons]); answers that speak for none (a
// horizon of months, say) never appear under "why".
var builtinArgues = map[QuestionID]map[OptionID][]OutcomeID{
	Stage: {
		Startup:    {ExternalThenInternal},              // case 1: start fast and structure, then hand over
		Scaleup:    {InternalPlusSpecialists, Internal}, // case 3: a technical core to keep
		Enterprise: {ExternalTransformation},            // case 2: an external starts the transformation
	},
	TechLead: {
		LeadNone:          {ExternalThenInternal, ExternalTransformation, HireInternal},
		LeadITOps:         {ExternalTransformation, ExternalThenInternal, HireInternal},
		LeadCTOOverloaded: {InternalPlusSpecialists},
		LeadCTOOK:         {Internal, InternalPlusSpecialists},
	},
	Need: {
		NeedScale:      {ExternalThenInternal},
		NeedLaunch:     {ExternalTransformation, InternalPlusSpecialists, ExternalThenInternal},
		NeedSpecialist: {InternalPlusSpecialists, ExternalThenInternal, ExternalTransformation},
		NeedVision:     {Internal, HireInternal},
	},
	Urgency: {
		Immediate: {ExternalThenInternal, ExternalTransformation, InternalPlusSpecialists},
		Months:    {ExternalTransformation},
		LongTerm:  {Internal, HireInternal},
	},
	Budget: {
		Flexible: {ExternalThenInternal, ExternalTransformation, InternalPlusSpecialists},
		FixedOK:  {Internal, HireInternal},
	},
}

// Levers are the questions whose answers leadership decides rather than
// observes: "what would change it" changes only these. A company cannot
// change its maturity or who leads technology today to get other advice,
// but it can change its budget, its deadline or what it asks for first.
var Levers = []QuestionID{Urgency, Budget, Need}

// Settlers are the levers a close call can turn on: how soon and how much.
// The need defines the problem itself; changing it is "what would change
// it", never what settles a close call.
var Settlers = []QuestionID{Urgency, Budget}

// Ordered are the settlers whose options run in order, nearest first: a
// close call on them turns on the next answer along, never on one two
// steps away ("within weeks" is not close to "no deadline").
var Ordered = map[QuestionID]bool{Urgency: true}

// Match reports whether answers satisfy every condition of r.
func (r Rule) Match(answers map[QuestionID]OptionID) bool {
	for q, opts := range r.If {
		a, ok := answers[q]
		if !ok {
			return false
		}
		found := false
		for _, o := range opts {
			found = found || o == a
		}
		if !found {
			return false
		}
	}
	return true
}
