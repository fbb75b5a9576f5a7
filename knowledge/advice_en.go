package knowledge

// The advice as a leadership team reads it, in English. Every line is
// checked against every profile it can be shown to (dialog's tests): a
// sentence that would be untrue of some answers carries the condition
// that keeps it true.

var outcomesEnglish = map[OutcomeID]OutcomeText{
	ExternalThenInternal: {
		Title:  "Fractional CTO now, then a full-time CTO",
		Lead:   "A fractional CTO leads technology now, then hands over to a full-time CTO.",
		Advise: "a fractional CTO now, then a full-time CTO",
		Mission: []Line{
			{If: when(Need, NeedScale), Text: "A fractional CTO structures the company now: architecture, standards and the first senior hires."},
			{If: when(Need, NeedLaunch), Text: "A fractional CTO ships the first version with your team now, and sets the standards it will grow on."},
			{If: when(Need, NeedSpecialist), Text: "A fractional CTO with the right specialism takes on the audit or compliance work now, and defines the full-time CTO role to hire for next."},
			{If: when(Need, NeedVision), Text: "A fractional CTO sets the technology vision and roadmap now, and recruits the full-time CTO who will carry it."},
		},
		Summary: []Line{
			{If: both(when(Need, NeedScale, NeedLaunch, NeedVision), when(Budget, FixedOK)), Text: "The handover follows in about 12 months, as in case study 1."},
			{If: both(when(Need, NeedScale, NeedLaunch, NeedVision), when(Budget, Flexible)), Text: "The handover follows once you can fund the role (about 12 months in case study 1)."},
		},
		NextSteps: []Line{
			{If: when(Need, NeedScale), Text: "Set the fractional CTO’s brief: what to structure first, days a week, duration."},
			{If: when(Need, NeedLaunch), Text: "Set the fractional CTO’s brief: the first version to ship, days a week, duration."},
			{If: when(Need, NeedSpecialist), Text: "List what your customers require (GDPR, SOC 2, ISO 27001): that is the fractional CTO’s first brief."},
			{If: when(Need, NeedVision), Text: "Set the fractional CTO’s brief: the vision and the roadmap first, then recruiting the full-time CTO."},
			{If: both(when(Stage, Startup), when(Need, NeedSpecialist)), Text: "Name the founder who owns the audit and its follow-up."},
			{If: both(when(Stage, Scaleup), when(Need, NeedSpecialist)), Text: "Name the executive who owns the audit and its follow-up."},
			{If: both(when(Stage, Startup), when(Need, NeedScale, NeedLaunch, NeedVision)), Text: "Name the founder who reviews the engagement every week."},
			{If: both(when(Stage, Scaleup), when(Need, NeedScale, NeedLaunch, NeedVision)), Text: "Name the executive who reviews the engagement every week."},
			{If: when(Budget, FixedOK), Text: "Agree from the start that the engagement ends with hiring a full-time CTO."},
			{If: when(Budget, Flexible), Text: "Start budgeting now for the full-time CTO’s salary."},
		},
	},
	ExternalTransformation: {
		Title:  "CTO as a Service now, then an internal CTO",
		Lead:   "A CTO as a Service leads technology now, beside your teams and suppliers; an internal CTO then takes over.",
		Advise: "a CTO as a Service now, then an internal CTO",
		Mission: []Line{
			{If: when(Need, NeedLaunch), Text: "A CTO as a Service leads the launch team to a working MVP (9 months in case study 2); an internal CTO is hired once the offering is live."},
			{If: when(Need, NeedScale), Text: "A CTO as a Service sets the roadmap, the standards and the governance of your suppliers now; an internal CTO then consolidates them."},
			{If: when(Need, NeedSpecialist), Text: "A CTO as a Service with the right specialism takes on the audit or compliance work now; an internal CTO then takes over technology leadership."},
			{If: when(Need, NeedVision), Text: "A CTO as a Service sets the technology vision and roadmap with senior management now, then recruits the internal CTO who will carry it."},
		},
		NextSteps: []Line{
			{If: when(Stage, Scaleup), Text: "Name the executive who owns the launch."},
			{If: both(when(Stage, Enterprise), when(Need, NeedLaunch)), Text: "Name the executive committee member who sponsors the launch."},
			{If: both(when(Stage, Enterprise), when(Need, NeedScale, NeedSpecialist, NeedVision)), Text: "Name the executive committee member who sponsors the engagement."},
			{If: when(Need, NeedLaunch), Text: "Shortlist CTO as a Service providers who can lead the project team alongside your suppliers."},
			{If: when(Need, NeedScale), Text: "Brief a CTO as a Service: the roadmap, the engineering standards and how suppliers are held to account."},
			{If: when(Need, NeedSpecialist), Text: "List what your customers and regulators require (GDPR, SOC 2, ISO 27001), then commission the audit."},
			{If: when(Need, NeedVision), Text: "Brief a CTO as a Service: the vision and the roadmap first, then recruiting the internal CTO."},
			{If: when(Need, NeedLaunch), Text: "Set the target: a working MVP, then hiring the CTO who will run it."},
			{Text: "Agree from the start that the engagement ends with hiring an internal CTO."},
		},
	},
	InternalPlusSpecialists: {
		Title:  "Keep your CTO, add external help",
		Lead:   "Your CTO stays in charge, with external help beside them rather than in their place.",
		Advise: "keeping your CTO and adding external help",
		Mission: []Line{
			{If: when(Need, NeedSpecialist), Text: "Your CTO stays in charge; specialist external CTOs take on the audits and compliance work beside them."},
			{If: when(Need, NeedLaunch), Text: "A CTO as a Service heads the launch team and reports to your CTO, who keeps the long-term vision."},
			{If: when(Need, NeedScale), Text: "An interim engineering lead takes hiring and engineering standards off your CTO, with specialists for architecture reviews."},
			{If: when(Need, NeedVision), Text: "An interim engineering lead takes day-to-day delivery off your CTO, who then has time for the long-term vision."},
		},
		NextSteps: []Line{
			{If: when(Need, NeedSpecialist), Text: "List what your customers require: GDPR compliance, SOC 2 or ISO 27001 certification."},
			{If: when(Need, NeedSpecialist), Text: "Commission the first audit (security, performance or scalability) from a specialist external CTO."},
			{If: when(Need, NeedLaunch), Text: "Put a CTO as a Service at the head of the launch team, reporting to your CTO."},
			{If: when(Need, NeedLaunch), Text: "Set the target: a working MVP, with your CTO accountable for it."},
			{If: when(Need, NeedScale), Text: "Bring in an interim engineering lead for hiring and engineering standards."},
			{If: when(Need, NeedScale), Text: "Book specialist architecture reviews of the parts that must scale."},
			{If: when(Need, NeedVision), Text: "Bring in an interim engineering lead for day-to-day delivery."},
			{If: when(Need, NeedVision), Text: "Give your CTO a standing slot with the leadership team for the roadmap."},
			{Text: "Agree with your CTO on the scope, budget and reporting line of the external help."},
		},
	},
	Internal: {
		Title:  "Keep your CTO in charge",
		Lead:   "Your CTO leads: give them the long-term vision, and keep external specialists for one-off needs.",
		Advise: "keeping your CTO in charge",
		Summary: []Line{
			{Text: "An internal CTO is there every day and moves at the company’s pace."},
		},
		NextSteps: []Line{
			{If: when(Need, NeedScale), Text: "Ask your CTO for the growth plan: architecture, standards and hiring."},
			{If: when(Need, NeedLaunch), Text: "Ask your CTO for the launch plan and the skills it lacks."},
			{If: when(Need, NeedVision), Text: "Ask your CTO for a technology roadmap the leadership team can back."},
			{If: when(Stage, Startup), Text: "Confirm your CTO, with the founders, as the owner of the long-term vision."},
			{If: when(Stage, Scaleup), Text: "Confirm your CTO, on the leadership team, as the owner of the long-term vision."},
			{If: when(Stage, Enterprise), Text: "Confirm your CTO, on the executive committee, as the owner of the long-term vision."},
			{Text: "Agree with them how they keep time to stay current."},
			{Text: "Keep a budget line for one-off external audits."},
		},
	},
	HireInternal: {
		Title:  "Hire a full-time CTO now",
		Lead:   "Hire a full-time internal CTO now to carry the long-term technology vision.",
		Advise: "hiring a full-time CTO now",
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
		Startup:    {Why: "A start-up must move fast, secure and structure: an external CTO’s strength, before the handover."},
		Scaleup:    {Why: "A scale-up has a technical core worth keeping in-house."},
		Enterprise: {Why: "In case study 2, a large group had an external CTO start the transformation, then hired in-house."},
	},
	TechLead: {
		LeadNone:          {Why: "No one senior leads technology yet, so that leadership has to be brought in."},
		LeadITOps:         {Why: "Your IT department runs infrastructure, not product: technology leadership must come from elsewhere."},
		LeadCTOOverloaded: {Why: "Your CTO knows the platform but is stretched thin: external help should take load off them, not add to it."},
		LeadCTOOK:         {Why: "Your CTO has room to lead: build on them, not around them."},
	},
	Need: {
		NeedScale:      {Why: "Structuring fast growth is the fractional CTO’s mission in case study 1.", With: "your main need were structuring growth"},
		NeedLaunch:     {Why: "A launch needs product experience and speed, which an experienced external CTO brings.", With: "your main need were a launch"},
		NeedSpecialist: {Why: "Specialist expertise (security, compliance, performance) is where external CTOs are strongest.", With: "your main need were specialist expertise"},
		NeedVision:     {Why: "Long-term technology leadership is the internal CTO’s strength.", With: "your main need were long-term technology leadership"},
	},
	Urgency: {
		Immediate: {Why: "You need results within weeks, and external help can start that soon.", With: "you needed results within weeks"},
		Months:    {Why: "A horizon of months gives a CTO as a Service time to deliver, as in case study 2.", With: "results could wait a few months"},
		LongTerm:  {Why: "With no deadline you can build for the long run, where an internal CTO is strongest.", With: "you had no deadline"},
	},
	Budget: {
		Flexible: {Why: "A variable budget suits external help, paid for what you use.", With: "you had a variable budget only"},
		FixedOK: {
			Why:  "A senior full-time salary, equity included, fits your budget.",
			With: "your budget covered a senior full-time salary",
			For:  map[OutcomeID]string{Internal: "Your budget runs to a senior full-time salary: invest in your CTO rather than in outside help."},
		},
	},
}

var settleEnglish = map[QuestionID]string{
	Urgency: "timing",
	Budget:  "the budget",
}
