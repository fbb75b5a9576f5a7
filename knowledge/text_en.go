package knowledge

// english says what [french] says as an English-speaking executive would
// put it, not word for word; the French stays the source of truth.
var english = &Text{
	Lang: English,
	Questions: map[QuestionID]QuestionText{
		Stage: {
			Prompt: "Where is your company today?",
			Topic:  "Stage",
			Options: map[OptionID]OptionText{
				Startup: {
					Label:   "Start-up, product still fragile",
					Explain: "A young company whose product and infrastructure are still taking shape as traction builds.",
				},
				Scaleup: {
					Label:   "Scale-up, growing with a team in place",
					Explain: "A growing, often profitable company with an established technology team.",
				},
				Enterprise: {
					Label:   "Large group, established organisation",
					Explain: "An established group, with a CIO and in-house teams, that wants to launch or transform a line of business.",
				},
			},
		},
		TechLead: {
			Prompt: "Who leads technology today?",
			Topic:  "Technology lead",
			Options: map[OptionID]OptionText{
				LeadNone: {
					Label:   "No senior lead (founders or junior developers)",
					Explain: "Nobody on the technical side has the experience to structure the company’s growth.",
				},
				LeadITOps: {
					Label:   "An IT department focused on infrastructure and support",
					Explain: "There is a CIO, but the focus is infrastructure and support, with no product or SaaS experience.",
				},
				LeadCTOOverloaded: {
					Label:   "An in-house CTO or technical co-founder, stretched thin",
					Explain: "They know the platform inside out, but no longer have time to keep up with the field.",
				},
				LeadCTOOK: {
					Label:   "An in-house CTO with room to lead",
					Explain: "A full-time CTO, in the business every day, who still has time to set the direction.",
				},
			},
		},
		Need: {
			Prompt: "What do you need most right now?",
			Topic:  "Main need",
			Options: map[OptionID]OptionText{
				NeedScale: {
					Label:   "Structure fast growth",
					Explain: "A scalable architecture, quality and security standards, and hiring the team.",
				},
				NeedLaunch: {
					Label:   "Launch a digital product or a transformation",
					Explain: "A new digital offering, platform or app: set the roadmap and ship an MVP.",
				},
				NeedSpecialist: {
					Label:   "Specialist expertise (security, compliance, performance)",
					Explain: "A security audit, compliance (GDPR, SOC 2, ISO 27001), performance and scalability.",
				},
				NeedVision: {
					Label:   "Long-term technology leadership",
					Explain: "Own the technology vision, the engineering culture and the platform’s long-term health.",
				},
			},
		},
		Urgency: {
			Prompt: "How soon do you need it?",
			Topic:  "Urgency",
			Options: map[OptionID]OptionText{
				Immediate: {
					Label:   "Right away, within weeks",
					Explain: "An immediate need: an audit, a funding round, a platform overhaul.",
				},
				Months: {
					Label:   "In the coming months",
					Explain: "A project for this year, with no deadline in the next few weeks.",
				},
				LongTerm: {
					Label:   "Long term, no deadline",
					Explain: "No fixed deadline: this is about building for the long run.",
				},
			},
		},
		Budget: {
			Prompt: "Which cost model can you take on?",
			Topic:  "Budget",
			Options: map[OptionID]OptionText{
				Flexible: {
					Label:   "A variable cost, scaled to the need",
					Explain: "Pay for an engagement by need and duration, with no fixed cost.",
				},
				FixedOK: {
					Label:   "A senior full-time salary, equity included",
					Explain: "You can carry the fixed cost of a highly paid executive, equity included.",
				},
			},
		},
	},
	Outcomes: outcomesEnglish,
	Reasons:  reasonsEnglish,
	Settle:   settleEnglish,
	Cases: map[CaseID]CaseStudy{
		Case1: {
			Title:   "Case study 1: a start-up in hypergrowth",
			Context: "A young SaaS start-up raises €5 million in a seed round. Its product is still fragile and its infrastructure limited, but sales are taking off.",
			Problem: []string{
				"The technical team is five junior developers.",
				"Nobody on the technical side has the vision to structure the growth.",
				"Investors want guarantees on scalability and security.",
			},
			Choice: "An external CTO: the start-up brings in a part-time, fractional CTO.",
			Missions: []string{
				"Set up a scalable cloud architecture (AWS).",
				"Define quality and security standards.",
				"Hire a future lead developer to ensure continuity.",
				"Support the CEO in technical discussions with investors.",
			},
			Result: "Within 12 months the start-up had structured its product and built a strong team, and the external CTO had gradually handed over to a full-time internal CTO.",
			Lesson: "A textbook case of the external CTO as a catalyst, handing over to an internal CTO.",
		},
		Case2: {
			Title:   "Case study 2: a large group’s digital transformation",
			Context: "A century-old industrial group wants to launch a new digital offering: an e-commerce platform and a mobile app for its B2B customers.",
			Problem: []string{
				"The company already has a CIO, but focused on infrastructure and support.",
				"Nobody in a senior role has product or SaaS experience.",
				"The in-house teams have neither a start-up culture nor the pace of execution.",
			},
			Choice: "An external CTO: a CTO as a Service joins the project team, alongside an IT services firm.",
			Missions: []string{
				"Define a technology roadmap aligned with the business strategy.",
				"Set up agile governance.",
				"Hold suppliers to account on quality and cost.",
				"Bridge senior management and the technical teams.",
			},
			Result: "The project was delivered in 9 months, with a working MVP. Once the offering was live, the group hired an internal CTO to run it and develop it over the long term.",
			Lesson: "The external CTO launches the transformation; the internal CTO consolidates it.",
		},
		Case3: {
			Title:   "Case study 3: a mature scale-up",
			Context: "A profitable scale-up of 150 people has had an internal CTO from day one: its technical co-founder.",
			Problem: []string{
				"The long-standing CTO knows the platform inside out, but is overwhelmed.",
				"They no longer have time to keep up with trends (AI, cybersecurity, advanced DevOps).",
				"The company is planning international expansion, with demanding compliance requirements (GDPR, SOC 2, ISO 27001).",
			},
			Choice: "An internal CTO, plus external support when needed.",
			Missions: []string{
				"The internal CTO remains the guardian of the long-term vision.",
				"Specialist external CTOs are brought in for security, performance and scalability audits.",
				"This keeps a strategic core in-house while drawing on the sharpest expertise.",
			},
			Result: "The scale-up gains its certifications, reassures its key accounts and keeps growing without putting its own organisation at risk.",
			Lesson: "The external CTO complements the internal CTO rather than replacing them.",
		},
	},
	Criteria: map[CriterionID]Criterion{
		LongTermVision: {
			Name:     "Long-term vision",
			Internal: "Strong, woven into the company’s culture and strategy.",
			External: "More limited: it depends on the length and scope of the engagement.",
		},
		Cost: {
			Name:     "Cost",
			Internal: "High (salary, plus possible shares or equity).",
			External: "Flexible, scaled to the need and the length of the engagement.",
		},
		Availability: {
			Name:     "Availability",
			Internal: "Full-time, present in every decision.",
			External: "Part-time: their time is shared between several clients.",
		},
		Expertise: {
			Name:     "Specialist expertise",
			Internal: "Can go stale unless they keep constantly up to date.",
			External: "Usually deep and specialised, built across many engagements.",
		},
		Alignment: {
			Name:     "Strategic alignment",
			Internal: "Complete: they live at the company’s pace.",
			External: "Can suffer from a cultural or organisational gap.",
		},
	},
	Models: Models{
		InternalName: "The internal CTO",
		Internal: []string{
			"An employee, often on the executive committee.",
			"Knows the products, the culture and the teams intimately.",
			"Owns the long-term technology vision.",
			"Responsible for hiring, technical architecture and strategic choices.",
		},
		ExternalName: "The external CTO",
		External: []string{
			"A consultant, independent or from a consulting firm, often working as a fractional CTO.",
			"Brings specialist expertise, often for a limited period.",
			"Can take on a specific mission: a security audit, an infrastructure overhaul, fundraising support, shaping the product roadmap.",
			"Avoids the fixed cost of a highly paid employee.",
		},
	},
	Factors: []string{
		"The company’s maturity (start-up, scale-up, large group).",
		"How urgent the need is (an audit, a funding round or an overhaul needed now).",
		"The budget available (the fixed cost of an internal CTO against the flexibility of an external one).",
		"The skills already in the team.",
	},
	Conclusion: "Internal or external is not an either-or choice but a spectrum of options. An external CTO gets you moving fast and puts security and structure in place. An internal CTO secures the long-term vision, the culture and continuity. The most agile companies combine the two, according to their stage of growth and what is at stake for them.",
	Phrases: Phrases{
		Intro:       "Five questions, drawn from three real cases, to decide whether you need an internal CTO, a fractional CTO, or both.",
		Progress:    "Question %d of %d",
		NoMatch:     "I didn’t understand “%s”.",
		Choices:     "Choose one of: %s",
		Answered:    "%s: %s",
		Cancelled:   "Stopped. Start again whenever you like.",
		Restarted:   "Starting again from the first question.",
		Back:        "Back to the previous question.",
		NothingBack: "You’re already at the first question.",

		Why:          "Why",
		WhatChanges:  "What would change it",
		FlipLine:     "With %s, the advice would be: %s.",
		NoFlip:       "No change of need, urgency or budget, even two at once, would change this advice.",
		CloseCall:    "A close call that turns on %s.",
		Comparison:   "Internal or external: the article’s comparison",
		Compare:      "Compare the two models",
		Factors:      "The four decision factors",
		Conclusion:   "The article’s conclusion",
		NextSteps:    "What to do next",
		MissionsIn:   "The missions in case study %d",
		CaseStudy:    "Read the case study",
		ReadArticle:  "Read the article",
		Share:        "Share with leadership",
		Restart:      "Start over",
		ChangeAnswer: "Change an answer",
		Context:      "Context",
		Problem:      "The problem",
		Choice:       "The choice",
		Missions:     "The mission",
		Result:       "The result",
		Lesson:       "Takeaway",
		YourAnswers:  "Your answers",
		And:          "and",

		Started:   "%s asked for CTO advice: the questions follow in this thread.",
		Topics:    "Topics: %s",
		ReplyHint: "Click an answer, or reply in the thread with its number or label. You can also type back, restart, cancel or help.",
		Current:   "current answer",
		Help: "/cto-advice asks five questions in a thread and recommends an internal CTO, a fractional CTO, or both.\n" +
			"• /cto-advice or /cto-advice start: begin (in your Slack language)\n" +
			"• /cto-advice en or /cto-advice fr: begin in English or in French\n" +
			"• /cto-advice team @ana @ben: each member answers privately, then the team card shows where you agree and where you differ\n" +
			"• /cto-advice help: this help\n" +
			"In the thread, click an answer or type its number or label; type back, restart, cancel or help at any time.",
		UnknownArg:     "I don’t know “%s”.",
		TooLong:        "That reply is too long for me to read. Answer with the option’s number or its label.",
		Close:          "Close",
		CaseTitle:      "Case study %d",
		CompareTitle:   "Internal or external",
		ShareTitle:     "Share with leadership",
		ShareSubmit:    "Share",
		ShareCancel:    "Cancel",
		ShareTo:        "Post the card in",
		ShareChoose:    "Choose a channel",
		Preview:        "Preview: this is exactly what will be posted.",
		SharedBy:       "Shared by %s",
		TheThread:      "see the thread",
		Shared:         "Shared to %s.",
		NotInChannel:   "I can’t post in this channel yet. Invite me with /invite %s and run /cto-advice again, or send /cto-advice to me in a direct message.",
		CannotPostHere: "I can’t post in this conversation. Run /cto-advice in a channel I’m a member of, or in a direct message to me (Apps → CTO Advisor).",

		TerminalHint: "Answer with the number or the label of a choice. You can also type back, restart, cancel or help; Ctrl-D quits.",
		TerminalHelp: "Type the number, the label or the ID of a choice.\n" +
			"back: go to the previous question\n" +
			"restart: start again from the first question\n" +
			"cancel: stop here\n" +
			"help: show this message\n" +
			"Ctrl-D: quit",
		TerminalAfterCard: "Type “compare” for the article’s comparison of the two models, “case” to read the case study, “restart” to start over, or press Ctrl-D to quit.",
		Goodbye:           "Goodbye!",
		TerminalTeam:      "Team mode: %d members answer the same five questions one after the other, each without seeing the others’ answers. Then the team card shows where you agree, where you differ, and what the disagreement decides.",
		TerminalTurn:      "Member %d of %d",
		TerminalName:      "Pass the keyboard on. Your name (press Enter to skip):",
		TerminalPrivate:   "Thank you, %s. Clear the screen before passing the keyboard on: the others will see your answers only next to theirs, on the team card.",
		TerminalReveal:    "Everyone has answered. Here is the team card.",

		Unavailable:     "The advisor is temporarily unavailable. Please try again in a moment: your answers so far are kept.",
		NotOwner:        "This advice session belongs to %s, so only they can answer or share it. Type /cto-advice to start your own.",
		Stale:           "That question has already been answered, so nothing changed. Please answer the latest question in the thread.",
		Finished:        "This advice session is over, so nothing changed. Type /cto-advice to start a new one.",
		Expired:         "This advice session has expired. Type /cto-advice to start a new one.",
		CardStale:       "This card is out of date, so nothing changed. Use the latest card in the thread.",
		PostFailed:      "Slack did not accept my message. Type help in the thread to see the current question again.",
		ShareOff:        "Sharing is not set up yet. Ask your Slack admin to list the leadership channels in LEADERSHIP_CHANNELS (comma-separated channel IDs) and restart the bot.",
		ShareNotAllowed: "That channel is not one of the leadership channels this advisor may post to.",
		ShareNotMember:  "You can only share to a channel you are a member of.",
		ShareArchived:   "That channel is archived.",
		ShareExternal:   "That channel is shared with another organisation, and the advice stays inside the company.",
		ShareBotOut:     "I’m not a member of that channel yet: invite me there first.",
		ShareStale:      "The recommendation has changed since you opened this window. Close it and share the latest card.",
		ShareFailed:     "Sharing failed for a temporary reason. Please try again.",
		ShareAlready:    "This recommendation has already been shared. Change an answer to share a new one.",
		ShareNoChannel:  "You are not a member of any leadership channel this advisor may post to, so there is nowhere to share it.",
		Busy:            "One moment: I’m still working through your previous messages, so I skipped the latest. Please send it again in a few seconds.",
		TooMany:         "You’ve started many advice sessions recently. Please finish one of them, or try again later.",

		Team: TeamText{
			Recommend:  "Team recommendation",
			Based:      "Based on the answers of %d members, given separately.",
			Agreed:     "Everyone agreed",
			Differ:     "Where you differ",
			Decides:    "What the disagreement decides",
			TeamChoice: "the team’s answer",
			Tied:       "A tie: until you settle it, the advice plans for the more demanding answer.",
			Settle:     "If you settle on “%s”: %s",
			Decisive:   "Settling this question decides the advice.",
			SameAdvice: "Either way, the advice stays the same.",
			NoSplit:    "You agreed on every question: there is no disagreement to settle.",
			Contested:  "This advice turns on what you have not agreed yet: %s. Settle it together before you act.",
			Member:     "Member %d",

			Started:         "%s is gathering the leadership team’s view on CTO advice. Each member answers five questions privately; the answers are revealed together.",
			Invited:         "Invited: %s",
			Open:            "Anyone in this channel may answer.",
			Answered:        "Answered (%d): %s",
			NobodyYet:       "Nobody has answered yet.",
			Waiting:         "Waiting for: %s",
			WillReveal:      "%s reveals the answers when the team is ready.",
			Revealed:        "%s revealed the answers: the team card is in the thread.",
			Join:            "Give my answers",
			Reveal:          "Reveal the answers",
			Reopen:          "Reopen the answers",
			ModalTitle:      "Your answers",
			ModalSubmit:     "Save",
			ModalClose:      "Cancel",
			ModalIntro:      "Nobody else sees your answers until %s reveals the team’s. You can change them until then.",
			Choose:          "Choose an answer",
			Reopened:        "%s reopened the answers: everyone can change theirs until the next reveal.",
			Organiser:       "the organiser",
			NotOrganiser:    "Only %s, who started this assessment, can reveal or reopen the answers.",
			AlreadyRevealed: "The team has already decided: the team card is in the thread. %s can reopen the answers.",
			NotInvited:      "This assessment is for the people %s invited. Type /cto-advice team to gather your own team.",
			Full:            "This team already has 20 members.",
			NoAnswers:       "Nobody has answered yet: there is nothing to reveal.",
			TooMany:         "A team has at most 20 members: mention fewer people.",
		},
		Home: HomeText{
			Start:      "Start a new assessment",
			StartHint:  "The five questions come in a direct message with me. To gather your leadership team’s answers, type /cto-advice team in a channel and mention its members.",
			Recent:     "Your latest recommendations",
			None:       "No recommendation yet.",
			TeamMark:   "team",
			OpenThread: "open the thread",
			Language:   "Language",
			LangHint:   "I speak to you in this language, whatever your Slack language.",
			LangAuto:   "Same as Slack",
			LangEN:     "English",
			LangFR:     "Français",
		},
	},
}
