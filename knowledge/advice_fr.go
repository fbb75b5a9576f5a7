package knowledge

// The advice as a leadership team reads it, in French: the same lines and
// conditions as [outcomesEnglish], in French typography (a narrow no-break
// space before : ; ! ? and inside « », curly apostrophes).

var outcomesFrench = map[OutcomeID]OutcomeText{
	ExternalThenInternal: {
		Title: "CTO externe maintenant, interne d’ici environ 12 mois",
		Lead:  "Un CTO externe à temps partiel structure l’entreprise maintenant, puis passe le relais à un CTO à plein temps\u202f: en 12 mois dans l’étude de cas n°\u00a01.",
		NextSteps: []Line{
			{If: when(Need, NeedScale), Text: "Briefez un CTO à temps partiel\u202f: quoi structurer d’abord, combien de jours par semaine, pour combien de temps."},
			{If: when(Need, NeedSpecialist), Text: "Briefez un CTO à temps partiel qui a l’expertise qui vous manque\u202f: l’audit ou la conformité d’abord, combien de jours par semaine, pour combien de temps."},
			{If: when(Need, NeedVision), Text: "Briefez un CTO à temps partiel\u202f: la direction technologique à fixer d’abord, combien de jours par semaine, pour combien de temps."},
			{If: when(Stage, Startup), Text: "Désignez le fondateur qui voit le CTO externe chaque semaine."},
			{If: when(Stage, Scaleup), Text: "Désignez le dirigeant qui voit le CTO externe chaque semaine."},
			{If: when(Stage, Enterprise), Text: "Désignez le membre du comité exécutif qui parraine la mission."},
			{If: when(Budget, FixedOK), Text: "Convenez dès le départ que la mission s’achève par le recrutement d’un CTO à plein temps."},
			{If: when(Budget, Flexible), Text: "Prévoyez le salaire d’un CTO à plein temps\u202f: le relais viendra quand le budget le permettra."},
		},
	},
	ExternalTransformation: {
		Title: "CTO as a Service pour lancer, puis un CTO interne",
		Lead:  "Un CTO as a Service rejoint l’équipe projet pour livrer un MVP fonctionnel (9 mois dans l’étude de cas n°\u00a02)\u202f; un CTO à plein temps le fait ensuite vivre.",
		Summary: []Line{
			{If: when(Budget, Flexible), Text: "Le recrutement à plein temps attend que le budget le permette."},
		},
		NextSteps: []Line{
			{If: when(Stage, Startup), Text: "Désignez le fondateur responsable du lancement."},
			{If: when(Stage, Scaleup), Text: "Désignez le dirigeant responsable du lancement."},
			{If: when(Stage, Enterprise), Text: "Désignez le membre du comité exécutif qui parraine le lancement."},
			{Text: "Présélectionnez des CTO as a Service capables de rejoindre l’équipe projet."},
			{Text: "Fixez l’objectif\u202f: un MVP fonctionnel, puis le recrutement du CTO qui le fera vivre."},
		},
	},
	InternalPlusSpecialists: {
		Title: "Gardez votre CTO, ajoutez des renforts externes",
		Lead:  "Gardez votre CTO comme garant de la vision long terme, avec des renforts externes à ses côtés et non à sa place.",
		Summary: []Line{
			{If: when(Need, NeedLaunch), Text: "Pour le lancement, une équipe projet externe apporte l’expérience produit et la rapidité, sous la responsabilité de votre CTO."},
			{If: when(Need, NeedSpecialist), Text: "Des CTO externes spécialisés prennent en charge les audits et la conformité."},
			{If: when(Need, NeedScale, NeedVision), Text: "Le modèle hybride de l’article\u202f: un cœur stratégique en interne, ouvert à l’expertise la plus pointue."},
		},
		NextSteps: []Line{
			{Text: "Demandez à votre CTO quels travaux confier d’abord à des renforts externes, et lesquels il garde."},
			{If: when(Need, NeedSpecialist), Text: "Commandez le premier audit (sécurité, performance ou scalabilité) à un CTO externe spécialisé."},
			{If: when(Need, NeedSpecialist), Text: "Listez ce que vos clients exigent\u202f: conformité RGPD, certification SOC 2 ou ISO 27001."},
			{If: when(Need, NeedLaunch), Text: "Confiez le lancement à une équipe projet externe placée sous la responsabilité de votre CTO."},
			{If: when(Need, NeedScale), Text: "Faites appel à des CTO externes spécialisés pour la performance et la scalabilité."},
			{If: when(Need, NeedVision), Text: "Confiez les audits ponctuels à des spécialistes externes, pour que votre CTO garde du temps pour la vision."},
		},
	},
	Internal: {
		Title: "Gardez votre CTO aux commandes",
		Lead:  "Votre CTO pilote\u202f: confiez-lui la vision à long terme, et n’appelez des experts externes que pour des besoins ponctuels.",
		Summary: []Line{
			{Text: "Un CTO interne est présent au quotidien et vit au rythme de l’entreprise."},
		},
		NextSteps: []Line{
			{If: when(Stage, Startup), Text: "Confirmez votre CTO, avec les fondateurs, comme garant de la vision à long terme."},
			{If: when(Stage, Scaleup), Text: "Confirmez votre CTO, dans l’équipe de direction, comme garant de la vision à long terme."},
			{If: when(Stage, Enterprise), Text: "Confirmez votre CTO, au comité exécutif, comme garant de la vision à long terme."},
			{If: when(Need, NeedScale), Text: "Confiez-lui le plan de croissance\u202f: architecture, standards et recrutements."},
			{If: when(Need, NeedLaunch), Text: "Confiez-lui le lancement\u202f: la roadmap, l’équipe et un MVP fonctionnel pour objectif."},
			{Text: "Convenez avec lui de ce qu’il cesse de faire, pour qu’il garde du temps de veille."},
			{Text: "Prévoyez une ligne budgétaire pour des audits externes ponctuels."},
		},
	},
	HireInternal: {
		Title: "Recrutez un CTO à plein temps dès maintenant",
		Lead:  "Recrutez dès maintenant un CTO interne à plein temps pour porter la vision technologique à long terme.",
		Summary: []Line{
			{Text: "Rien n’appelle une solution d’attente\u202f: un CTO interne apporte vision, culture et pérennité."},
		},
		NextSteps: []Line{
			{Text: "Rédigez le poste\u202f: vision, recrutement, architecture\u202f; salaire et equity."},
			{Text: "Lancez la recherche dès maintenant avec un cabinet qui connaît les profils techniques seniors."},
			{If: when(Stage, Startup), Text: "Décidez à quel fondateur le CTO rendra compte."},
			{If: when(Stage, Scaleup), Text: "Décidez à qui le CTO rendra compte, et sa place dans l’équipe de direction."},
			{If: when(Stage, Enterprise), Text: "Décidez à qui le CTO rendra compte, et s’il siège au comité exécutif."},
		},
	},
}

var reasonsFrench = map[QuestionID]map[OptionID]Reason{
	Stage: {
		Startup:    {Why: "Une startup doit démarrer vite, sécuriser et structurer\u202f: c’est la force du CTO externe, avant le relais."},
		Scaleup:    {Why: "Une scale-up a un cœur technique à garder en interne."},
		Enterprise: {Why: "Un grand groupe confie souvent à un CTO externe le lancement d’une transformation, puis consolide en interne."},
	},
	TechLead: {
		LeadNone:          {Why: "Personne de senior ne pilote encore la technologie\u202f: ce leadership doit venir de l’extérieur."},
		LeadITOps:         {Why: "Votre DSI gère l’infrastructure, pas le produit\u202f: la direction technique doit venir d’ailleurs."},
		LeadCTOOverloaded: {Why: "Votre CTO connaît la plateforme mais il est débordé\u202f: il garde la vision, des renforts externes prennent la charge."},
		LeadCTOOK:         {Why: "Votre CTO a la place de piloter\u202f: construisez avec lui, pas autour de lui."},
	},
	Need: {
		NeedScale:      {Why: "Structurer une croissance rapide est la mission du CTO à temps partiel de l’étude de cas n°\u00a01.", With: "la structuration de la croissance comme besoin principal"},
		NeedLaunch:     {Why: "Un lancement demande l’expérience produit et la rapidité d’exécution qu’apporte une équipe externe.", With: "un lancement comme besoin principal"},
		NeedSpecialist: {Why: "L’expertise pointue (sécurité, conformité, performance) est le point fort des CTO externes.", With: "une expertise pointue comme besoin principal"},
		NeedVision:     {Why: "Le leadership technologique à long terme est la force du CTO interne.", With: "un leadership à long terme comme besoin principal"},
	},
	Urgency: {
		Immediate: {Why: "Il vous faut des résultats en quelques semaines\u202f: un renfort externe peut commencer aussi vite.", With: "des résultats attendus en quelques semaines"},
		Months:    {Why: "Un horizon de quelques mois correspond à l’étude de cas n°\u00a02, qui a livré son MVP en 9 mois.", With: "un horizon de quelques mois"},
		LongTerm:  {Why: "Sans échéance, vous pouvez construire dans la durée, là où un CTO interne est le plus fort.", With: "un horizon à long terme, sans échéance"},
	},
	Budget: {
		Flexible: {Why: "Un budget variable convient à un renfort externe, payé à l’usage.", With: "un budget variable seulement"},
		FixedOK:  {Why: "Un salaire senior à plein temps, equity comprise, entre dans votre budget.", With: "un salaire senior à plein temps dans le budget"},
	},
}

var settleFrench = map[QuestionID]string{
	Urgency: "de l’échéance",
	Budget:  "du budget",
}
