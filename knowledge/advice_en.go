package knowledge

// The advice as a leadership team reads it, in English. Every line is
// checked against every profile it can be shown to (dialog's tests): a
// sentence that would be untrue of some answers carries the condition
// that keeps it true.

var outcomesEnglish = map[OutcomeID]OutcomeText{
	ExternalThenInternal: {
		Title: "External CTO now, internal in about 12 months",
		Lead:  "A fractional CTO structures the company now, then hands over to a full-time CTO: within 12 months in case study 1.",
		NextSteps: []Line{
			{If: when(Need, NeedScale), Text: "Brief a fractional CTO: what to structure first, how many days a week, for how long."},
			{If: when(Need, NeedSpecialist), Text: "Brief a fractional CTO with the expertise you lack: the audit or compliance work first, how many days a week, for how long."},
			{If: when(Need, NeedVision), Text: "Brief a fractional CTO: the technology direction to set first, how many days a week, for how long."},
			{If: when(Stage, Startup), Text: "Name the founder who meets the external CTO every week."},
			{If: when(Stage, Scaleup), Text: "Name the executive who meets the external CTO every week."},
			{If: when(Stage, Enterprise), Text: "Name the executive committee member who sponsors the engagement."},
			{If: when(Budget, FixedOK), Text: "Agree from the start that the engagement ends with hiring a full-time CTO."},
			{If: when(Budget, Flexible), Text: "Plan a full-time CTO’s salary: the handover comes once the budget allows it."},
		},
	},
	ExternalTransformation: {
		Title: "CTO as a Service to launch, then an internal CTO",
		Lead:  "A CTO as a Service joins the project team to ship a working MVP (9 months in case study 2); a full-time CTO then runs it.",
		Summary: []Line{
			{If: when(Budget, Flexible), Text: "The full-time hire waits until the budget allows it."},
		},
		NextSteps: []Line{
			{If: when(Stage, Startup), Text: "Name the founder who owns the launch."},
			{If: when(Stage, Scaleup), Text: "Name the executive who owns the launch."},
			{If: when(Stage, Enterprise), Text: "Name the executive committee member who sponsors the launch."},
			{Text: "Shortlist CTO as a Service providers who can join the project team."},
			{Text: "Set the target: a working MVP, then hiring the CTO who will run it."},
		},
	},
	InternalPlusSpecialists: {
		Title: "Keep your CTO, add external help",
		Lead:  "Keep your CTO as the guardian of the long-term vision, with external help beside them rather than in their place.",
		Summary: []Line{
			{If: when(Need, NeedLaunch), Text: "For the launch, an external project team brings product experience and speed, and reports to your CTO."},
			{If: when(Need, NeedSpecialist), Text: "Specialised external CTOs take the audits and the compliance work."},
			{If: when(Need, NeedScale, NeedVision), Text: "The article’s hybrid: a strategic core in-house, open to the sharpest outside expertise."},
		},
		NextSteps: []Line{
			{Text: "Ask your CTO which work to hand to outside help first, and which they must keep."},
			{If: when(Need, NeedSpecialist), Text: "Commission the first audit (security, performance or scalability) from a specialised external CTO."},
			{If: when(Need, NeedSpecialist), Text: "List what your customers require: GDPR compliance, SOC 2 or ISO 27001 certification."},
			{If: when(Need, NeedLaunch), Text: "Staff the launch with an external project team that reports to your CTO."},
			{If: when(Need, NeedScale), Text: "Bring in specialised external CTOs for the performance and scalability work."},
			{If: when(Need, NeedVision), Text: "Hand one-off audits to external specialists, so your CTO keeps time for the vision."},
		},
	},
	Internal: {
		Title: "Keep your CTO in charge",
		Lead:  "Your CTO leads: give them the long-term vision, and call in outside experts only for one-off needs.",
		Summary: []Line{
			{Text: "An internal CTO is there every day and lives at the company’s pace."},
		},
		NextSteps: []Line{
			{If: when(Stage, Startup), Text: "Confirm your CTO, with the founders, as the owner of the long-term vision."},
			{If: when(Stage, Scaleup), Text: "Confirm your CTO, on the leadership team, as the owner of the long-term vision."},
			{If: when(Stage, Enterprise), Text: "Confirm your CTO, on the executive committee, as the owner of the long-term vision."},
			{If: when(Need, NeedScale), Text: "Give them the growth plan: architecture, standards and hiring."},
			{If: when(Need, NeedLaunch), Text: "Give them the launch: the roadmap, the team and a working MVP as the target."},
			{Text: "Agree with them what they stop doing, so they keep time to stay current."},
			{Text: "Keep a budget line for one-off external audits."},
		},
	},
	HireInternal: {
		Title: "Hire a full-time CTO now",
		Lead:  "Hire a full-time internal CTO now to carry the long-term technology vision.",
		Summary: []Line{
			{Text: "Nothing calls for an interim: an internal CTO brings vision, culture and continuity."},
		},
		NextSteps: []Line{
			{Text: "Write the role: vision, hiring, architecture; salary and equity."},
			{Text: "Start the search now with a recruiter who knows senior technical profiles."},
			{If: when(Stage, Startup), Text: "Decide which founder the CTO reports to."},
			{If: when(Stage, Scaleup), Text: "Decide whom the CTO reports to, and their seat on the leadership team."},
			{If: when(Stage, Enterprise), Text: "Decide whom the CTO reports to, and whether they join the executive committee."},
		},
	},
}

var reasonsEnglish = map[QuestionID]map[OptionID]Reason{
	Stage: {
		Startup:    {Why: "A start-up needs to start fast, secure and structure: the external CTO’s strength, before the handover."},
		Scaleup:    {Why: "A scale-up has a technical core worth keeping in-house."},
		Enterprise: {Why: "A large group often has an external CTO start a transformation, then consolidates in-house."},
	},
	TechLead: {
		LeadNone:          {Why: "No one senior leads technology yet, so that leadership has to be brought in."},
		LeadITOps:         {Why: "Your IT department runs infrastructure, not product: technology leadership must come from elsewhere."},
		LeadCTOOverloaded: {Why: "Your CTO knows the platform but is stretched thin: they keep the vision while outside help takes the load."},
		LeadCTOOK:         {Why: "Your CTO has room to lead: build on them, not around them."},
	},
	Need: {
		NeedScale:      {Why: "Structuring fast growth is the fractional CTO’s mission in case study 1.", With: "structuring growth as the main need"},
		NeedLaunch:     {Why: "A launch takes product experience and speed of execution, which an external team brings.", With: "a launch as the main need"},
		NeedSpecialist: {Why: "Specialised expertise (security, compliance, performance) is where external CTOs are strongest.", With: "specialised expertise as the main need"},
		NeedVision:     {Why: "Long-term technology leadership is the internal CTO’s strength.", With: "long-term leadership as the main need"},
	},
	Urgency: {
		Immediate: {Why: "You need results within weeks, and external help can start that soon.", With: "results needed within weeks"},
		Months:    {Why: "A horizon of months matches case study 2, which shipped its MVP in 9 months.", With: "a horizon of a few months"},
		LongTerm:  {Why: "With no deadline you can build for the long run, where an internal CTO is strongest.", With: "no deadline"},
	},
	Budget: {
		Flexible: {Why: "A variable budget suits external help, paid for what you use.", With: "a variable budget only"},
		FixedOK:  {Why: "A senior full-time salary, equity included, fits your budget.", With: "a senior full-time salary in the budget"},
	},
}

var settleEnglish = map[QuestionID]string{
	Urgency: "the deadline",
	Budget:  "the budget",
}
