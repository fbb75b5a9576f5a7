package knowledge

// english translates [french], which stays the source of truth: where the
// two disagree, the French wording is what the article says.
var english = &Text{
	Lang: English,
	Questions: map[QuestionID]QuestionText{
		Stage: {
			Prompt: "Where does your company stand today?",
			Topic:  "Maturity",
			Options: map[OptionID]OptionText{
				Startup: {
					Label:   "Start-up, product still fragile",
					Explain: "A young company whose product and infrastructure are taking shape while traction arrives.",
					Why:     "A start-up needs to start fast, secure and structure: that is where an external CTO shines, before handing over to an internal one.",
				},
				Scaleup: {
					Label:   "Scale-up, growing and already structured",
					Explain: "A growing company, often profitable, with a technical organisation in place.",
					Why:     "A scale-up has a technical core to preserve: the internal CTO keeps the vision, external experts come in when needed.",
				},
				Enterprise: {
					Label:   "Large group, established organisation",
					Explain: "An established group, with a CIO and in-house teams, that wants to launch or transform an offering.",
					Why:     "A large group can consolidate in-house, but often needs an external CTO to get the transformation started.",
				},
			},
		},
		TechLead: {
			Prompt: "Who leads technology today?",
			Topic:  "Technology lead",
			Options: map[OptionID]OptionText{
				LeadNone: {
					Label:   "No senior lead: founders or junior developers",
					Explain: "No technical manager has the vision to structure the growth.",
					Why:     "Without a technical lead, someone must structure fast and hire the next team: a part-time external CTO, then an internal one.",
				},
				LeadITOps: {
					Label:   "An IT department focused on infrastructure and support",
					Explain: "There is a CIO, but focused on infrastructure and support, with no product or SaaS experience.",
					Why:     "A support-minded IT department lacks product experience and speed of execution: a CTO as a Service starts, an internal CTO consolidates.",
				},
				LeadCTOOverloaded: {
					Label:   "An in-house CTO or technical co-founder, stretched thin",
					Explain: "They know the platform inside out, but no longer have time to keep up with trends.",
					Why:     "The CTO in place remains the guardian of the vision; specialised external CTOs complement them without replacing them.",
				},
				LeadCTOOK: {
					Label:   "An in-house CTO with room to lead",
					Explain: "An internal CTO, present day to day, who still has time to carry the vision.",
					Why:     "An available internal CTO already carries the long-term vision: keep them, or hire in the same spirit.",
				},
			},
		},
		Need: {
			Prompt: "What is your main need right now?",
			Topic:  "Main need",
			Options: map[OptionID]OptionText{
				NeedScale: {
					Label:   "Structure fast growth",
					Explain: "A scalable architecture, quality and security standards, hiring the team.",
					Why:     "Structuring growth is exactly the mission of the part-time external CTO in case study #1.",
				},
				NeedLaunch: {
					Label:   "Launch a digital product or a transformation",
					Explain: "A new digital offering, a platform, an app: set the roadmap and ship an MVP.",
					Why:     "Launching a new offering takes product experience that an external CTO brings, as in case study #2.",
				},
				NeedSpecialist: {
					Label:   "Specialised expertise: security, compliance, performance",
					Explain: "A security audit, compliance (GDPR, SOC 2, ISO 27001), performance and scalability.",
					Why:     "Sharp expertise is the external model's strength: specialised external CTOs are brought in for audits, as in case study #3.",
				},
				NeedVision: {
					Label:   "Long-term technology leadership",
					Explain: "Carry the technology vision, the culture and the platform's durability.",
					Why:     "The long-term vision is the internal model's strength, deeply woven into the company's culture and strategy.",
				},
			},
		},
		Urgency: {
			Prompt: "How soon do you need it?",
			Topic:  "Urgency",
			Options: map[OptionID]OptionText{
				Immediate: {
					Label:   "Right away, within weeks",
					Explain: "An immediate need: an audit, a fundraising round, an overhaul.",
					Why:     "An immediate need favours an external CTO, who lets you start fast.",
				},
				Months: {
					Label:   "In the coming months",
					Explain: "A project for this year, with no deadline a few weeks away.",
					Why:     "A few months leave time to combine: an external CTO to launch, an internal one to consolidate.",
				},
				LongTerm: {
					Label:   "Long term, no deadline",
					Explain: "No set deadline: this is about building for the long run.",
					Why:     "With no deadline there is no rush: an internal CTO ensures the long-term vision, the culture and durability.",
				},
			},
		},
		Budget: {
			Prompt: "Which cost model can you take on?",
			Topic:  "Budget",
			Options: map[OptionID]OptionText{
				Flexible: {
					Label:   "A variable cost, adjusted to the need",
					Explain: "Pay for an engagement according to needs and duration, with no fixed cost.",
					Why:     "A flexible budget suits an external CTO, whose cost adjusts to your needs and to the length of the engagement.",
				},
				FixedOK: {
					Label:   "A senior full-time salary, equity included",
					Explain: "You can afford the fixed cost of a highly paid employee, equity included.",
					Why:     "Being able to afford a high cost (salary plus equity) opens the way to a full-time internal CTO.",
				},
			},
		},
	},
	Outcomes: map[OutcomeID]OutcomeText{
		ExternalThenInternal: {
			Title:     "External CTO, then internal",
			Headline:  "Bring in a part-time external CTO as a catalyst, then hand over to a full-time internal CTO.",
			Reasoning: "An external CTO lets you start fast, secure and structure: architecture, standards, hiring. Once growth is structured, they hand over to an internal CTO, who ensures the long-term vision, the culture and durability.",
			NextSteps: []string{
				"Set up a scalable cloud architecture.",
				"Define quality and security standards.",
				"Hire a future lead developer to ensure continuity.",
				"Support the CEO in technical discussions with investors.",
				"Prepare the handover to a full-time internal CTO.",
			},
		},
		ExternalTransformation: {
			Title:     "CTO as a Service for the transformation",
			Headline:  "Embed a CTO as a Service in the project team to launch the transformation, then hire an internal CTO to consolidate it.",
			Reasoning: "Your organisation has no strategic profile with product experience: an external CTO brings that experience and the speed of execution, and starts the transformation. Once the offering is live, an internal CTO takes care of maintenance and long-term evolution.",
			NextSteps: []string{
				"Define a technical roadmap aligned with the business strategy.",
				"Set up agile governance.",
				"Challenge suppliers on quality and costs.",
				"Bridge senior management and the technical teams.",
				"Hire an internal CTO once the offering is live, for maintenance and long-term evolution.",
			},
		},
		InternalPlusSpecialists: {
			Title:     "Internal CTO plus external specialists",
			Headline:  "Keep an internal CTO as the guardian of the vision, backed when needed by specialised external CTOs.",
			Reasoning: "This is the hybrid model many companies choose: a strategic core in-house, open to the sharpest expertise. The external CTOs complement the internal one without replacing them, for audits and compliance.",
			NextSteps: []string{
				"Confirm the internal CTO as the guardian of the long-term vision.",
				"Bring in specialised external CTOs for security, performance and scalability audits.",
				"Prepare the compliance certifications (GDPR, SOC 2, ISO 27001).",
				"Free up the internal CTO's time to follow trends (AI, cybersecurity, advanced DevOps).",
			},
		},
		Internal: {
			Title:     "Full-time internal CTO",
			Headline:  "Hire or keep a full-time internal CTO, on the executive committee, who carries the long-term technology vision.",
			Reasoning: "An internal CTO knows the products, the culture and the teams intimately; they are fully available and perfectly aligned with the strategy. The cost is high (salary plus equity), but you can afford it, and your stakes play out over the long run.",
			NextSteps: []string{
				"Give the internal CTO the long-term technology vision, on the executive committee.",
				"Make them responsible for hiring, technical architecture and strategic choices.",
				"Set aside time for them to keep up with trends, so their expertise stays sharp.",
				"Bring in external experts for one-off audits when a specialised need arises.",
			},
		},
	},
	Cases: map[CaseID]CaseStudy{
		Case1: {
			Title:   "Case study #1: the hypergrowth start-up",
			Context: "A young SaaS start-up raises 5 million euros in a seed round. Its product is still fragile and its infrastructure limited, but commercial traction is taking off.",
			Problem: []string{
				"The technical team is five junior developers.",
				"No technical manager has the vision to structure the growth.",
				"Investors demand guarantees on scalability and security.",
			},
			Choice: "External CTO. The start-up brings in a part-time CTO.",
			Missions: []string{
				"Set up a scalable cloud architecture (AWS).",
				"Define quality and security standards.",
				"Hire a future lead developer to ensure continuity.",
				"Support the CEO in technical discussions with investors.",
			},
			Result: "Within 12 months, the start-up had structured its product and hired a strong team, and the external CTO had gradually handed over to a full-time internal CTO.",
			Lesson: "A typical example of the external CTO acting as a catalyst before handing over to an internal one.",
		},
		Case2: {
			Title:   "Case study #2: the large group and its digital transformation",
			Context: "A hundred-year-old industrial group wants to launch a new digital offering: an e-commerce platform and a mobile app for its B2B customers.",
			Problem: []string{
				"The company already has a CIO, but focused on infrastructure and support.",
				"No strategic profile has product or SaaS experience.",
				"The in-house teams have neither the start-up culture nor the speed of execution.",
			},
			Choice: "External CTO. A CTO as a Service joins the project team, alongside an IT services firm.",
			Missions: []string{
				"Define a technical roadmap aligned with the business strategy.",
				"Set up agile governance.",
				"Challenge suppliers on quality and costs.",
				"Bridge senior management and the technical teams.",
			},
			Result: "The project was delivered in 9 months, with a working MVP. Once the offering was live, the group hired an internal CTO to handle maintenance and long-term evolution.",
			Lesson: "An example of the external CTO starting the transformation and the internal one consolidating it.",
		},
		Case3: {
			Title:   "Case study #3: the mature scale-up",
			Context: "A profitable scale-up of 150 employees has had an internal CTO since the beginning: its technical co-founder.",
			Problem: []string{
				"The long-standing CTO knows the platform inside out, but is overwhelmed.",
				"They no longer have time to follow trends (AI, cybersecurity, advanced DevOps).",
				"The company is planning international expansion with demanding compliance requirements (GDPR, SOC 2, ISO 27001).",
			},
			Choice: "Internal CTO plus occasional external support.",
			Missions: []string{
				"The internal CTO remains the guardian of the long-term vision.",
				"Specialised external CTOs are brought in for security, performance and scalability audits.",
				"This combination keeps a strategic core in-house while opening up to the sharpest expertise.",
			},
			Result: "The scale-up obtains its certifications, reassures its key accounts and keeps growing without putting its internal organisation at risk.",
			Lesson: "An example of the external CTO complementing the internal one without replacing them.",
		},
	},
	Criteria: map[CriterionID]Criterion{
		LongTermVision: {
			Name:     "Long-term vision",
			Internal: "Strong, deeply woven into the company's culture and strategy.",
			External: "More limited, as it depends on the length and scope of the engagement.",
		},
		Cost: {
			Name:     "Cost",
			Internal: "High (salary plus possible shares or equity).",
			External: "Flexible, adjusted to needs and to the length of the engagement.",
		},
		Availability: {
			Name:     "Availability",
			Internal: "Full, present every day in every decision.",
			External: "Partial, as their time is shared between several clients.",
		},
		Expertise: {
			Name:     "Specialist expertise",
			Internal: "Can dull over time unless the person keeps up constantly.",
			External: "Usually very strong and specialised, built across many engagements.",
		},
		Alignment: {
			Name:     "Strategic alignment",
			Internal: "Perfect, as they live at the company's pace.",
			External: "Can suffer from a cultural or organisational disconnect.",
		},
	},
	Models: Models{
		InternalName: "The internal CTO",
		Internal: []string{
			"An employee of the company, often on the executive committee.",
			"Knows the products, the culture and the teams intimately.",
			"Carries the long-term technology vision.",
			"Responsible for hiring, technical architecture and strategic choices.",
		},
		ExternalName: "The external CTO",
		External: []string{
			"A consultant, independent or with a consulting firm.",
			"Brings specialised expertise, often for a limited time.",
			"Can take on a specific mission: security audit, infrastructure overhaul, fundraising support, structuring the product roadmap.",
			"Avoids the fixed cost of a highly paid employee.",
		},
	},
	Factors: []string{
		"The company's maturity (start-up, scale-up, large group).",
		"The level of urgency (an immediate need for an audit, a fundraising round, an overhaul).",
		"The available budget (the fixed cost of an internal CTO vs the flexibility of an external one).",
		"The skills already in the team.",
	},
	Conclusion: "The internal vs external CTO dilemma is not a strict opposition but a continuum of solutions. An external CTO lets you start fast, secure and structure. An internal CTO ensures the long-term vision, the culture and durability. The most agile companies are those that know how to combine the two, according to their stage of development and their strategic stakes.",
	Phrases: Phrases{
		Intro:        "I help you choose between an internal CTO, an external CTO (CTO as a Service) or a hybrid, with five questions grounded in three case studies.",
		Progress:     "Question %d of %d",
		ReplyHint:    "Answer with a button, or reply in the thread with an answer's number or label. You can also type back, restart, cancel or help.",
		NoMatch:      "I didn't understand “%s”.",
		Choices:      "Choose one of: %s",
		Answered:     "%s: %s",
		Help:         "Answer with a button, or type an answer's number, label or ID.\nback: go to the previous question\nrestart: start over from the beginning\ncancel: stop here\nhelp: show this message",
		Cancelled:    "Stopped. You can start again whenever you like.",
		Restarted:    "Starting over from the beginning.",
		Back:         "Back to the previous question.",
		NothingBack:  "You are already at the first question.",
		Recommend:    "Our recommendation",
		Why:          "Why",
		WhatChanges:  "What would change it",
		FlipLine:     "With %s, the advice would be: %s.",
		NoFlip:       "Changing one or two answers would not change this recommendation.",
		TieLine:      "%s and %s scored within %d points of each other, so we recommend the hybrid model: an internal CTO as the guardian of the vision, backed by external experts.",
		Comparison:   "Internal or external: the article's comparison",
		NextSteps:    "Next steps",
		CaseStudy:    "Read the case study",
		ReadArticle:  "Read the article",
		Share:        "Share with leadership",
		Restart:      "Start over",
		ChangeAnswer: "Change an answer",
		Scores:       "Scores",
		Context:      "Context",
		Problem:      "Problem",
		Choice:       "Choice made",
		Missions:     "Missions",
		Result:       "Result",
		Lesson:       "Takeaway",
		YourAnswers:  "Your answers",
		And:          "and",
		Goodbye:      "Goodbye!",
	},
}
