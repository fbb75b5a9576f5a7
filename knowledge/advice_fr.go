package knowledge

// The advice as a leadership team reads it, in French: the same lines and
// conditions as [outcomesEnglish], in French typography (a narrow no-break
// space before : ; ! ? and inside « », curly apostrophes).

var outcomesFrench = map[OutcomeID]OutcomeText{
	ExternalThenInternal: {
		Title:  "CTO à temps partiel maintenant, puis un CTO à plein temps",
		Lead:   "Un CTO à temps partiel pilote la technique maintenant, puis passe le relais à un CTO à plein temps.",
		Advise: "de prendre un CTO à temps partiel maintenant, puis un CTO à plein temps",
		Mission: []Line{
			{If: when(Need, NeedScale), Text: "Un CTO à temps partiel structure l’entreprise maintenant\u202f: architecture, standards et premiers recrutements seniors."},
			{If: when(Need, NeedLaunch), Text: "Un CTO à temps partiel livre la première version avec votre équipe maintenant, et pose les standards sur lesquels elle grandira."},
			{If: when(Need, NeedSpecialist), Text: "Un CTO à temps partiel spécialisé prend en charge l’audit ou la conformité maintenant, et définit le poste de CTO à plein temps à pourvoir ensuite."},
			{If: when(Need, NeedVision), Text: "Un CTO à temps partiel fixe la vision technologique et la roadmap maintenant, et recrute le CTO à plein temps qui les portera."},
		},
		Summary: []Line{
			{If: both(when(Need, NeedScale, NeedLaunch, NeedVision), when(Budget, FixedOK)), Text: "Le relais suit en environ 12 mois, comme dans l’étude de cas n°\u00a01."},
			{If: both(when(Need, NeedScale, NeedLaunch, NeedVision), when(Budget, Flexible)), Text: "Le relais suit dès que le poste est finançable (environ 12 mois dans l’étude de cas n°\u00a01)."},
		},
		NextSteps: []Line{
			{If: when(Need, NeedScale), Text: "Cadrez la mission\u202f: priorités de structuration, jours par semaine, durée."},
			{If: when(Need, NeedLaunch), Text: "Cadrez la mission\u202f: la première version à livrer, jours par semaine, durée."},
			{If: when(Need, NeedSpecialist), Text: "Listez ce que vos clients exigent (RGPD, SOC 2, ISO 27001)\u202f: c’est la première mission du CTO à temps partiel."},
			{If: when(Need, NeedVision), Text: "Cadrez la mission\u202f: la vision et la roadmap d’abord, puis le recrutement du CTO à plein temps."},
			{If: both(when(Stage, Startup), when(Need, NeedSpecialist)), Text: "Désignez le fondateur responsable de l’audit et de ses suites."},
			{If: both(when(Stage, Scaleup), when(Need, NeedSpecialist)), Text: "Désignez le dirigeant responsable de l’audit et de ses suites."},
			{If: both(when(Stage, Startup), when(Need, NeedScale, NeedLaunch, NeedVision)), Text: "Désignez le fondateur qui suit la mission chaque semaine."},
			{If: both(when(Stage, Scaleup), when(Need, NeedScale, NeedLaunch, NeedVision)), Text: "Désignez le dirigeant qui suit la mission chaque semaine."},
			{If: when(Budget, FixedOK), Text: "Convenez dès le départ que la mission s’achève par le recrutement d’un CTO à plein temps."},
			{If: when(Budget, Flexible), Text: "Budgétez dès maintenant le salaire du futur CTO à plein temps."},
		},
	},
	ExternalTransformation: {
		Title:  "CTO as a Service maintenant, puis un CTO interne",
		Lead:   "Un CTO as a Service pilote la technique maintenant, aux côtés de vos équipes et de vos prestataires\u202f; un CTO interne prend ensuite le relais.",
		Advise: "de prendre un CTO as a Service maintenant, puis un CTO interne",
		Mission: []Line{
			{If: when(Need, NeedLaunch), Text: "Un CTO as a Service dirige l’équipe de lancement jusqu’à un MVP fonctionnel (9 mois dans l’étude de cas n°\u00a02)\u202f; un CTO interne est recruté une fois l’offre lancée."},
			{If: when(Need, NeedScale), Text: "Un CTO as a Service fixe maintenant la roadmap, les standards et le pilotage de vos prestataires\u202f; un CTO interne les consolide ensuite."},
			{If: when(Need, NeedSpecialist), Text: "Un CTO as a Service doté de la bonne spécialité prend en charge l’audit ou la conformité maintenant\u202f; un CTO interne reprend ensuite la direction technique."},
			{If: when(Need, NeedVision), Text: "Un CTO as a Service fixe maintenant la vision technologique et la roadmap avec la direction générale, puis recrute le CTO interne qui les portera."},
		},
		NextSteps: []Line{
			{If: when(Stage, Scaleup), Text: "Désignez le dirigeant responsable du lancement."},
			{If: both(when(Stage, Enterprise), when(Need, NeedLaunch)), Text: "Désignez le membre du comité exécutif qui parraine le lancement."},
			{If: both(when(Stage, Enterprise), when(Need, NeedScale, NeedSpecialist, NeedVision)), Text: "Désignez le membre du comité exécutif qui parraine la mission."},
			{If: when(Need, NeedLaunch), Text: "Présélectionnez des prestataires de CTO as a Service capables de diriger l’équipe projet aux côtés de vos fournisseurs."},
			{If: when(Need, NeedScale), Text: "Cadrez la mission d’un CTO as a Service\u202f: roadmap, standards d’ingénierie et exigences envers les prestataires."},
			{If: when(Need, NeedSpecialist), Text: "Listez ce qu’exigent vos clients et vos régulateurs (RGPD, SOC 2, ISO 27001), puis commandez l’audit."},
			{If: when(Need, NeedVision), Text: "Cadrez la mission d’un CTO as a Service\u202f: la vision et la roadmap d’abord, puis le recrutement du CTO interne."},
			{If: when(Need, NeedLaunch), Text: "Fixez l’objectif\u202f: un MVP fonctionnel, puis le recrutement du CTO qui le fera vivre."},
			{Text: "Convenez dès le départ que la mission s’achève par le recrutement d’un CTO interne."},
		},
	},
	InternalPlusSpecialists: {
		Title:  "Gardez votre CTO, ajoutez des renforts externes",
		Lead:   "Votre CTO reste aux commandes, avec des renforts externes à ses côtés et non à sa place.",
		Advise: "de garder votre CTO et d’ajouter des renforts externes",
		Mission: []Line{
			{If: when(Need, NeedSpecialist), Text: "Votre CTO reste aux commandes\u202f; des CTO externes spécialisés prennent en charge les audits et la conformité à ses côtés."},
			{If: when(Need, NeedLaunch), Text: "Un CTO as a Service dirige l’équipe de lancement et rend compte à votre CTO, qui garde la vision à long terme."},
			{If: when(Need, NeedScale), Text: "Un responsable de l’ingénierie par intérim décharge votre CTO des recrutements et des standards, avec des spécialistes pour les revues d’architecture."},
			{If: when(Need, NeedVision), Text: "Un responsable de l’ingénierie par intérim décharge votre CTO de la livraison au quotidien, pour lui laisser le temps de la vision à long terme."},
		},
		NextSteps: []Line{
			{If: when(Need, NeedSpecialist), Text: "Listez ce que vos clients exigent\u202f: conformité RGPD, certification SOC 2 ou ISO 27001."},
			{If: when(Need, NeedSpecialist), Text: "Commandez le premier audit (sécurité, performance ou scalabilité) à un CTO externe spécialisé."},
			{If: when(Need, NeedLaunch), Text: "Placez un CTO as a Service à la tête de l’équipe de lancement, sous la responsabilité de votre CTO."},
			{If: when(Need, NeedLaunch), Text: "Fixez l’objectif\u202f: un MVP fonctionnel, dont votre CTO répond."},
			{If: when(Need, NeedScale), Text: "Faites venir un responsable de l’ingénierie par intérim pour les recrutements et les standards."},
			{If: when(Need, NeedScale), Text: "Commandez des revues d’architecture spécialisées pour ce qui doit passer à l’échelle."},
			{If: when(Need, NeedVision), Text: "Faites venir un responsable de l’ingénierie par intérim pour la livraison au quotidien."},
			{If: when(Need, NeedVision), Text: "Réservez à votre CTO un créneau régulier avec l’équipe de direction pour la roadmap."},
			{Text: "Convenez avec votre CTO du périmètre, du budget et du rattachement des renforts externes."},
		},
	},
	Internal: {
		Title:  "Gardez votre CTO aux commandes",
		Lead:   "Votre CTO pilote\u202f: confiez-lui la vision à long terme, et réservez les spécialistes externes aux besoins ponctuels.",
		Advise: "de garder votre CTO aux commandes",
		Summary: []Line{
			{Text: "Un CTO interne est présent au quotidien et vit au rythme de l’entreprise."},
		},
		NextSteps: []Line{
			{If: when(Need, NeedScale), Text: "Demandez à votre CTO le plan de croissance\u202f: architecture, standards et recrutements."},
			{If: when(Need, NeedLaunch), Text: "Demandez à votre CTO le plan de lancement et les compétences qui lui manquent."},
			{If: when(Need, NeedVision), Text: "Demandez à votre CTO une roadmap technologique que l’équipe de direction puisse soutenir."},
			{If: when(Stage, Startup), Text: "Confirmez votre CTO, avec les fondateurs, comme garant de la vision à long terme."},
			{If: when(Stage, Scaleup), Text: "Confirmez votre CTO, dans l’équipe de direction, comme garant de la vision à long terme."},
			{If: when(Stage, Enterprise), Text: "Confirmez votre CTO, au comité exécutif, comme garant de la vision à long terme."},
			{Text: "Convenez avec lui de la façon dont il garde du temps de veille."},
			{Text: "Prévoyez une ligne budgétaire pour des audits externes ponctuels."},
		},
	},
	HireInternal: {
		Title:  "Recrutez un CTO à plein temps dès maintenant",
		Lead:   "Recrutez dès maintenant un CTO interne à plein temps pour porter la vision technologique à long terme.",
		Advise: "de recruter un CTO à plein temps dès maintenant",
		Summary: []Line{
			{Text: "Rien n’appelle une solution d’attente\u202f: un CTO interne apporte vision, culture et pérennité."},
		},
		NextSteps: []Line{
			{Text: "Rédigez le poste\u202f: vision, recrutement, architecture\u202f; salaire et part au capital."},
			{Text: "Lancez la recherche dès maintenant avec un cabinet qui connaît les profils techniques seniors."},
			{If: when(Stage, Startup), Text: "Décidez à quel fondateur le CTO rendra compte."},
			{If: when(Stage, Scaleup), Text: "Décidez à qui le CTO rendra compte, et sa place dans l’équipe de direction."},
			{If: when(Stage, Enterprise), Text: "Décidez à qui le CTO rendra compte, et s’il siège au comité exécutif."},
		},
	},
}

var reasonsFrench = map[QuestionID]map[OptionID]Reason{
	Stage: {
		Startup:    {Why: "Une startup doit aller vite, sécuriser et structurer\u202f: le point fort d’un CTO externe, avant le relais."},
		Scaleup:    {Why: "Une scale-up a un cœur technique à garder en interne."},
		Enterprise: {Why: "Dans l’étude de cas n°\u00a02, un grand groupe a confié le lancement de sa transformation à un CTO externe, puis a recruté en interne."},
	},
	TechLead: {
		LeadNone:          {Why: "Aucun profil senior ne pilote encore la technique\u202f: il faut faire venir ce leadership."},
		LeadITOps:         {Why: "Votre DSI gère l’infrastructure, pas le produit\u202f: la direction technique doit venir d’ailleurs."},
		LeadCTOOverloaded: {Why: "Votre CTO connaît la plateforme mais il est débordé\u202f: les renforts externes doivent l’alléger, pas le charger davantage."},
		LeadCTOOK:         {Why: "Votre CTO a la disponibilité pour piloter\u202f: appuyez-vous sur lui plutôt que de le contourner."},
	},
	Need: {
		NeedScale:      {Why: "Structurer une croissance rapide est la mission du CTO à temps partiel de l’étude de cas n°\u00a01.", With: "votre besoin principal était de structurer la croissance"},
		NeedLaunch:     {Why: "Un lancement demande expérience produit et vitesse, ce qu’apporte un CTO externe expérimenté.", With: "votre besoin principal était un lancement"},
		NeedSpecialist: {Why: "L’expertise pointue (sécurité, conformité, performance) est le point fort des CTO externes.", With: "votre besoin principal était une expertise pointue"},
		NeedVision:     {Why: "Le leadership technologique à long terme est la force du CTO interne.", With: "votre besoin principal était le leadership technologique à long terme"},
	},
	Urgency: {
		Immediate: {Why: "Il vous faut des résultats en quelques semaines\u202f: un renfort externe peut commencer aussi vite.", With: "des résultats étaient attendus en quelques semaines"},
		Months:    {Why: "Un horizon de quelques mois laisse à un CTO as a Service le temps de livrer, comme dans l’étude de cas n°\u00a02.", With: "les résultats pouvaient attendre quelques mois"},
		LongTerm:  {Why: "Sans échéance, vous pouvez construire dans la durée, là où un CTO interne est le plus fort.", With: "vous n’aviez pas d’échéance"},
	},
	Budget: {
		Flexible: {Why: "Un budget variable convient à un renfort externe, payé à l’usage.", With: "votre budget était seulement variable"},
		FixedOK: {
			Why:  "Un salaire senior à plein temps, part au capital comprise, entre dans votre budget.",
			With: "votre budget couvrait un salaire senior à plein temps",
			For:  map[OutcomeID]string{Internal: "Votre budget permet un salaire senior à plein temps\u202f: investissez dans votre CTO plutôt que dans des renforts externes."},
		},
	},
}

var settleFrench = map[QuestionID]string{
	Urgency: "l’échéance",
	Budget:  "le budget",
}
