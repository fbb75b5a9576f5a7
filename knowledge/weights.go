package knowledge

// builtinTieMargin is the gap under which two outcomes are too close to
// call: a gap of 0 or 1 point, less than any single answer gives the
// outcome it favours most (2 or more). Only answers that pull against each
// other end that close; the article's case profiles lead by 8 or more.
const builtinTieMargin = 2

// builtinWeights reads the article into points. The two answers that decide
// most are who leads technology today and the main need (the "compétences
// déjà présentes" factor and the case studies' problem statements), so their
// options weigh 6 to 8. Maturity weighs 3 to 5, because the same stage can
// go either way. Urgency and budget are the article's tie-breakers
// between the models: "démarrer vite" and a variable cost favour the
// external CTO, no deadline and a fixed cost one can afford favour the
// internal one.
//
// Urgency and budget also give a point to the hybrid whatever the answer:
// the article ends on it as what most companies do in practice, and it is
// the outcome recommended on a tie, so it always has answers to show why.
var builtinWeights = Weights{
	Stage: {
		// Case 1: a start-up needs to start fast and structure, then hand over.
		Startup: {ExternalThenInternal: 5, ExternalTransformation: 1},
		// Case 3: a scale-up has a technical core to keep.
		Scaleup: {InternalPlusSpecialists: 3, Internal: 3, ExternalThenInternal: 2},
		// Case 2: a large group launches with an external, consolidates inside.
		Enterprise: {ExternalTransformation: 5, Internal: 2, InternalPlusSpecialists: 1},
	},
	TechLead: {
		// Case 1: five junior developers, no technical lead with a vision.
		LeadNone: {ExternalThenInternal: 8, ExternalTransformation: 2},
		// Case 2: a CIO focused on infrastructure and support.
		LeadITOps: {ExternalTransformation: 8, ExternalThenInternal: 1},
		// Case 3: the historical CTO knows the platform but is stretched thin.
		LeadCTOOverloaded: {InternalPlusSpecialists: 8, Internal: 3},
		// An internal CTO with room to lead already carries the vision.
		LeadCTOOK: {Internal: 8, InternalPlusSpecialists: 3},
	},
	Need: {
		// Case 1's missions: scalable architecture, standards, hiring.
		NeedScale: {ExternalThenInternal: 6, Internal: 1},
		// Case 2's missions: roadmap, agile governance, an MVP in nine months.
		NeedLaunch: {ExternalTransformation: 6, ExternalThenInternal: 2},
		// Case 3: specialised external CTOs for security and compliance audits.
		NeedSpecialist: {InternalPlusSpecialists: 7},
		// "Porte la vision technologique à long terme": the internal CTO.
		NeedVision: {Internal: 6, InternalPlusSpecialists: 2},
	},
	Urgency: {
		// "L'externe permet de démarrer vite": an audit, a fundraising, an overhaul.
		Immediate: {ExternalThenInternal: 3, ExternalTransformation: 3, InternalPlusSpecialists: 1},
		// Time to launch with an external and consolidate inside.
		Months: {ExternalTransformation: 2, InternalPlusSpecialists: 2, Internal: 1},
		// "L'interne assure la vision long terme, la culture et la pérennité."
		LongTerm: {Internal: 3, InternalPlusSpecialists: 1},
	},
	Budget: {
		// "Coût : flexible, ajustable en fonction des besoins."
		Flexible: {ExternalThenInternal: 3, ExternalTransformation: 2, InternalPlusSpecialists: 1},
		// "Coût : élevé (salaire + éventuelles parts sociales/equity)."
		FixedOK: {Internal: 3, InternalPlusSpecialists: 1},
	},
}
