package knowledge

// french is the source of truth: the case studies, the comparison, the
// decision factors and the conclusion quote the article word for word.
// Labels avoid apostrophes, so a reply typed with a straight or a curly one
// matches either way.
var french = &Text{
	Lang: French,
	Questions: map[QuestionID]QuestionText{
		Stage: {
			Prompt: "Où en est votre entreprise aujourd’hui ?",
			Topic:  "Maturité",
			Options: map[OptionID]OptionText{
				Startup: {
					Label:   "Startup, produit encore fragile",
					Explain: "Une jeune entreprise dont le produit et l’infrastructure se structurent pendant que la traction arrive.",
					Why:     "Une startup doit démarrer vite, sécuriser et structurer : c’est le terrain de l’externe, avant de céder le relais à un interne.",
				},
				Scaleup: {
					Label:   "Scale-up, en croissance et déjà structurée",
					Explain: "Une entreprise en croissance, souvent rentable, avec une organisation technique en place.",
					Why:     "Une scale-up a déjà un cœur technique à préserver : l’interne garde la vision, l’externe vient en renfort ponctuel.",
				},
				Enterprise: {
					Label:   "Grand groupe, organisation établie",
					Explain: "Un groupe établi, avec un DSI et des équipes internes, qui veut lancer ou transformer une offre.",
					Why:     "Un grand groupe peut consolider en interne, mais a souvent besoin d’un externe pour initier la transformation.",
				},
			},
		},
		TechLead: {
			Prompt: "Qui pilote la technologie aujourd’hui ?",
			Topic:  "Direction technique",
			Options: map[OptionID]OptionText{
				LeadNone: {
					Label:   "Pas de profil senior : fondateurs ou développeurs juniors",
					Explain: "Aucun cadre technique n’a la vision pour structurer la croissance.",
					Why:     "Sans cadre technique, il faut structurer vite et recruter la relève : un CTO externe à temps partiel, puis un interne.",
				},
				LeadITOps: {
					Label:   "Une DSI orientée infrastructure et support",
					Explain: "Un DSI existe, mais orienté infrastructure et support, sans expérience produit ou SaaS.",
					Why:     "Une DSI orientée support n’a ni l’expérience produit ni la rapidité d’exécution : un CTO as a Service initie, un interne consolide ensuite.",
				},
				LeadCTOOverloaded: {
					Label:   "Un CTO interne ou cofondateur technique débordé",
					Explain: "Il connaît parfaitement la plateforme, mais n’a plus le temps de suivre les tendances.",
					Why:     "Le CTO en place reste le garant de la vision ; des CTO externes spécialisés le complètent sans le remplacer.",
				},
				LeadCTOOK: {
					Label:   "Un CTO interne disponible pour piloter",
					Explain: "Un CTO interne présent au quotidien, qui a encore le temps de porter la vision.",
					Why:     "Un CTO interne disponible porte déjà la vision long terme : il s’agit de le garder, ou de recruter dans la même logique.",
				},
			},
		},
		Need: {
			Prompt: "Quel est votre besoin principal maintenant ?",
			Topic:  "Besoin principal",
			Options: map[OptionID]OptionText{
				NeedScale: {
					Label:   "Structurer une croissance rapide",
					Explain: "Une architecture évolutive, des standards de qualité et de sécurité, le recrutement de l’équipe.",
					Why:     "Structurer la croissance est la mission du CTO externe à temps partiel de l’étude de cas #1.",
				},
				NeedLaunch: {
					Label:   "Lancer un produit digital ou une transformation",
					Explain: "Une nouvelle offre digitale, une plateforme, une application : définir la roadmap et livrer un MVP.",
					Why:     "Lancer une offre nouvelle demande une expérience produit que l’externe apporte, comme dans l’étude de cas #2.",
				},
				NeedSpecialist: {
					Label:   "Une expertise pointue : sécurité, conformité, performance",
					Explain: "Un audit de sécurité, la conformité (RGPD, SOC 2, ISO 27001), la performance et la scalabilité.",
					Why:     "L’expertise pointue est la force de l’externe : des CTO externes spécialisés sont mandatés pour des audits, comme dans l’étude de cas #3.",
				},
				NeedVision: {
					Label:   "Une direction technologique sur le long terme",
					Explain: "Porter la vision technologique, la culture et la pérennité de la plateforme.",
					Why:     "La vision long terme est la force de l’interne, profondément intégrée à la culture et à la stratégie de l’entreprise.",
				},
			},
		},
		Urgency: {
			Prompt: "Dans quel délai en avez-vous besoin ?",
			Topic:  "Urgence",
			Options: map[OptionID]OptionText{
				Immediate: {
					Label:   "Tout de suite, en quelques semaines",
					Explain: "Un besoin immédiat : un audit, une levée de fonds, une refonte.",
					Why:     "Un besoin immédiat favorise l’externe, qui permet de démarrer vite.",
				},
				Months: {
					Label:   "Dans les prochains mois",
					Explain: "Un projet à mener dans l’année, sans échéance à quelques semaines.",
					Why:     "Quelques mois laissent le temps de combiner : un externe pour lancer, un interne pour consolider.",
				},
				LongTerm: {
					Label:   "Sur le long terme, sans échéance",
					Explain: "Pas d’échéance précise : il s’agit de construire dans la durée.",
					Why:     "Sans échéance, rien ne presse : l’interne assure la vision long terme, la culture et la pérennité.",
				},
			},
		},
		Budget: {
			Prompt: "Quel modèle de coût pouvez-vous assumer ?",
			Topic:  "Budget",
			Options: map[OptionID]OptionText{
				Flexible: {
					Label:   "Un coût variable, ajusté au besoin",
					Explain: "Payer une intervention selon les besoins et la durée, sans coût fixe.",
					Why:     "Un budget flexible convient à l’externe, dont le coût s’ajuste en fonction des besoins et de la durée d’intervention.",
				},
				FixedOK: {
					Label:   "Un salaire senior à plein temps, equity comprise",
					Explain: "Vous pouvez assumer le coût fixe d’un salarié hautement rémunéré, parts sociales comprises.",
					Why:     "Pouvoir assumer un coût élevé (salaire + equity) ouvre la voie à un CTO interne à plein temps.",
				},
			},
		},
	},
	Outcomes: map[OutcomeID]OutcomeText{
		ExternalThenInternal: {
			Title:     "CTO externe, puis CTO interne",
			Headline:  "Faites appel à un CTO externe à temps partiel comme catalyseur, puis passez la main à un CTO interne recruté à plein temps.",
			Reasoning: "L’externe permet de démarrer vite, sécuriser et structurer : architecture, standards, recrutement. Une fois la croissance structurée, il cède le relais à un interne, qui assure la vision long terme, la culture et la pérennité.",
			NextSteps: []string{
				"Mettre en place une architecture cloud évolutive.",
				"Définir des standards de qualité et de sécurité.",
				"Recruter un futur lead développeur pour assurer la continuité.",
				"Accompagner le CEO dans le dialogue technique avec les investisseurs.",
				"Préparer le passage de relais à un CTO interne recruté à plein temps.",
			},
		},
		ExternalTransformation: {
			Title:     "CTO as a Service pour la transformation",
			Headline:  "Intégrez un CTO as a Service à l’équipe projet pour lancer la transformation, puis recrutez un CTO interne pour la consolider.",
			Reasoning: "Votre organisation n’a pas de profil stratégique avec une expérience produit : l’externe apporte cette expérience et la rapidité d’exécution, et initie la transformation. Une fois l’offre lancée, un CTO interne assure la maintenance et l’évolution à long terme.",
			NextSteps: []string{
				"Définir la roadmap technique alignée avec la stratégie business.",
				"Mettre en place une gouvernance agile.",
				"Challenger les prestataires sur la qualité et les coûts.",
				"Faire le pont entre la direction générale et les équipes techniques.",
				"Recruter un CTO interne une fois l’offre lancée, pour la maintenance et l’évolution à long terme.",
			},
		},
		InternalPlusSpecialists: {
			Title:     "CTO interne et experts externes",
			Headline:  "Gardez un CTO interne garant de la vision, renforcé ponctuellement par des CTO externes spécialisés.",
			Reasoning: "C’est le modèle hybride que beaucoup d’entreprises adoptent : un cœur stratégique en interne, ouvert à l’expertise la plus pointue. L’externe complète l’interne sans le remplacer, pour les audits et la conformité.",
			NextSteps: []string{
				"Confirmer le CTO interne comme garant de la vision long terme.",
				"Mandater des CTO externes spécialisés pour des audits de sécurité, de performance et de scalabilité.",
				"Préparer les certifications de conformité (RGPD, SOC 2, ISO 27001).",
				"Libérer du temps au CTO interne pour suivre les tendances (IA, cybersécurité, DevOps avancé).",
			},
		},
		Internal: {
			Title:     "CTO interne à plein temps",
			Headline:  "Recrutez ou gardez un CTO interne à plein temps, membre du COMEX, qui porte la vision technologique à long terme.",
			Reasoning: "L’interne connaît intimement les produits, la culture et les équipes ; sa disponibilité est totale et son alignement stratégique parfait. Son coût est élevé (salaire + equity), mais vous pouvez l’assumer, et vos enjeux se jouent sur la durée.",
			NextSteps: []string{
				"Confier au CTO interne la vision technologique à long terme, au sein du COMEX.",
				"Lui confier le recrutement, l’architecture technique et les choix stratégiques.",
				"Lui réserver du temps de veille, pour que son expertise ne s’émousse pas.",
				"Mandater des experts externes pour des audits ponctuels, le jour où un besoin pointu se présente.",
			},
		},
	},
	Cases: map[CaseID]CaseStudy{
		Case1: {
			Title:   "Étude de cas #1 — La Startup en Hypercroissance",
			Context: "Une jeune startup SaaS lève 5 millions d’euros en seed. Son produit est encore fragile, son infrastructure limitée, mais la traction commerciale explose.",
			Problem: []string{
				"L’équipe technique se compose de 5 développeurs juniors.",
				"Aucun cadre technique n’a la vision pour structurer la croissance.",
				"Les investisseurs exigent des garanties sur la scalabilité et la sécurité.",
			},
			Choice: "CTO externe. La startup fait appel à un CTO à temps partiel.",
			Missions: []string{
				"Mettre en place une architecture cloud évolutive (AWS).",
				"Définir des standards de qualité et de sécurité.",
				"Recruter un futur lead développeur pour assurer la continuité.",
				"Accompagner le CEO dans le dialogue technique avec les investisseurs.",
			},
			Result: "En 12 mois, la startup a structuré son produit, recruté une équipe solide, et le CTO externe a progressivement passé la main à un CTO interne, recruté à plein temps.",
			Lesson: "Exemple typique où l’externe agit comme un catalyseur avant de céder le relais à un interne.",
		},
		Case2: {
			Title:   "Étude de cas #2 — Le Grand Groupe et la Transformation Digitale",
			Context: "Un groupe industriel centenaire souhaite lancer une nouvelle offre digitale : une plateforme e-commerce et une app mobile pour ses clients B2B.",
			Problem: []string{
				"L’entreprise possède déjà un DSI, mais orienté infrastructure et support.",
				"Aucun profil stratégique n’a d’expérience produit ou SaaS.",
				"Les équipes internes n’ont pas la culture startup ni la rapidité d’exécution.",
			},
			Choice: "CTO externe. Un CTO as a Service est intégré dans l’équipe projet, aux côtés d’une ESN.",
			Missions: []string{
				"Définir la roadmap technique alignée avec la stratégie business.",
				"Mettre en place une gouvernance agile.",
				"Challenger les prestataires sur la qualité et les coûts.",
				"Faire le pont entre la direction générale et les équipes techniques.",
			},
			Result: "Le projet est livré en 9 mois, avec un MVP fonctionnel. Une fois l’offre lancée, le groupe a recruté un CTO interne, chargé d’assurer la maintenance et l’évolution à long terme.",
			Lesson: "Exemple où l’externe initie la transformation et l’interne consolide ensuite.",
		},
		Case3: {
			Title:   "Étude de cas #3 — La Scale-Up Mûre",
			Context: "Une scale-up de 150 employés, déjà rentable, a un CTO interne depuis ses débuts. Celui-ci est le cofondateur technique.",
			Problem: []string{
				"Le CTO historique connaît parfaitement la plateforme, mais il est débordé.",
				"Il n’a plus le temps de suivre les tendances (IA, cybersécurité, DevOps avancé).",
				"La société envisage une expansion internationale avec de fortes exigences de conformité (RGPD, SOC 2, ISO 27001).",
			},
			Choice: "CTO interne + renfort externe ponctuel.",
			Missions: []string{
				"Le CTO interne reste le garant de la vision long terme.",
				"Des CTO externes spécialisés sont mandatés pour des audits de sécurité, de performance et de scalabilité.",
				"Cette combinaison permet de garder un “cœur” stratégique en interne tout en s’ouvrant à l’expertise la plus pointue.",
			},
			Result: "La scale-up obtient ses certifications, rassure ses clients grands comptes et continue de croître sans mettre en péril son organisation interne.",
			Lesson: "Exemple où l’externe complète l’interne sans le remplacer.",
		},
	},
	Criteria: map[CriterionID]Criterion{
		LongTermVision: {
			Name:     "Vision long terme",
			Internal: "Forte, profondément intégrée à la culture et à la stratégie de l’entreprise.",
			External: "Plus limitée, car dépend de la durée et du périmètre de la mission.",
		},
		Cost: {
			Name:     "Coût",
			Internal: "Élevé (salaire + éventuelles parts sociales/equity).",
			External: "Flexible, ajustable en fonction des besoins et de la durée d’intervention.",
		},
		Availability: {
			Name:     "Disponibilité",
			Internal: "Totale, présent au quotidien dans toutes les décisions.",
			External: "Partielle, car il partage son temps entre plusieurs clients.",
		},
		Expertise: {
			Name:     "Expertise pointue",
			Internal: "Peut s’émousser avec le temps si la personne ne reste pas en veille constante.",
			External: "Généralement très forte et spécialisée, car il multiplie les expériences.",
		},
		Alignment: {
			Name:     "Alignement stratégique",
			Internal: "Parfait, car il vit au rythme de l’entreprise.",
			External: "Peut souffrir d’une déconnexion culturelle ou organisationnelle.",
		},
	},
	Models: Models{
		InternalName: "Le CTO interne",
		Internal: []string{
			"Salarié de l’entreprise, souvent membre du COMEX.",
			"Connaît intimement les produits, la culture et les équipes.",
			"Porte la vision technologique à long terme.",
			"Responsable du recrutement, de l’architecture technique et des choix stratégiques.",
		},
		ExternalName: "Le CTO externe",
		External: []string{
			"Consultant, indépendant ou rattaché à une société de conseil.",
			"Apporte une expertise spécialisée, souvent dans un temps limité.",
			"Peut intervenir sur une mission précise : audit de sécurité, refonte d’infrastructure, accompagnement de levée de fonds, structuration de roadmap produit.",
			"Permet d’éviter le coût fixe d’un salarié hautement rémunéré.",
		},
	},
	Factors: []string{
		"La maturité de l’entreprise (startup, scale-up, grand groupe).",
		"Le niveau d’urgence (besoin immédiat d’un audit, d’une levée de fonds, d’une refonte).",
		"Le budget disponible (coût fixe d’un interne vs flexibilité d’un externe).",
		"Les compétences déjà présentes dans l’équipe.",
	},
	Conclusion: "Le dilemme CTO interne vs externe n’est pas une opposition stricte, mais plutôt un continuum de solutions. L’externe permet de démarrer vite, sécuriser et structurer. L’interne assure la vision long terme, la culture et la pérennité. Les entreprises les plus agiles sont celles qui savent combiner les deux, en fonction de leur stade de développement et de leurs enjeux stratégiques.",
	Phrases: Phrases{
		Intro:        "Je vous aide à choisir entre un CTO interne, un CTO externe (CTO as a Service) ou un modèle hybride, en cinq questions fondées sur trois études de cas.",
		Progress:     "Question %d sur %d",
		ReplyHint:    "Répondez avec un bouton, ou dans le fil avec le numéro ou le libellé d’une réponse. Vous pouvez aussi écrire retour, recommencer, annuler ou aide.",
		NoMatch:      "Je n’ai pas compris « %s ».",
		Choices:      "Choisissez parmi : %s",
		Answered:     "%s : %s",
		Help:         "Répondez avec un bouton, ou écrivez le numéro, le libellé ou l’identifiant d’une réponse.\nretour : revenir à la question précédente\nrecommencer : reprendre depuis le début\nannuler : arrêter ici\naide : afficher ce message",
		Cancelled:    "C’est arrêté. Vous pourrez recommencer quand vous voudrez.",
		Restarted:    "On reprend depuis le début.",
		Back:         "Retour à la question précédente.",
		NothingBack:  "Vous êtes déjà à la première question.",
		Recommend:    "Notre recommandation",
		Why:          "Pourquoi",
		WhatChanges:  "Ce qui changerait la recommandation",
		FlipLine:     "Avec %s, la recommandation serait : %s.",
		NoFlip:       "Changer une ou deux réponses ne modifierait pas cette recommandation.",
		TieLine:      "%s et %s sont à moins de %d points l’un de l’autre : nous recommandons donc le modèle hybride, un CTO interne garant de la vision renforcé par des experts externes.",
		Comparison:   "Interne ou externe : la comparaison de l’article",
		NextSteps:    "Prochaines étapes",
		CaseStudy:    "Lire l’étude de cas",
		ReadArticle:  "Lire l’article",
		Share:        "Partager avec la direction",
		Restart:      "Recommencer",
		ChangeAnswer: "Modifier une réponse",
		Scores:       "Scores",
		Context:      "Contexte",
		Problem:      "Problématique",
		Choice:       "Choix effectué",
		Missions:     "Missions",
		Result:       "Résultat",
		Lesson:       "À retenir",
		YourAnswers:  "Vos réponses",
		And:          "et",
		Goodbye:      "À bientôt !",
	},
}
