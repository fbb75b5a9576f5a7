package knowledge

// french is the source of truth: the case studies, the comparison, the
// decision factors and the conclusion quote the article word for word.
// Labels avoid apostrophes, so a reply typed with a straight or a curly one
// matches either way.
var french = &Text{
	Lang: French,
	Questions: map[QuestionID]QuestionText{
		Stage: {
			Prompt: "Où en est votre entreprise aujourd’hui\u202f?",
			Topic:  "Maturité",
			Options: map[OptionID]OptionText{
				Startup: {
					Label:   "Startup, produit encore fragile",
					Explain: "Une jeune entreprise dont le produit et l’infrastructure se structurent pendant que la traction arrive.",
				},
				Scaleup: {
					Label:   "Scale-up, en croissance et déjà structurée",
					Explain: "Une entreprise en croissance, souvent rentable, avec une organisation technique en place.",
				},
				Enterprise: {
					Label:   "Grand groupe, organisation établie",
					Explain: "Un groupe établi, avec un DSI et des équipes internes, qui veut lancer ou transformer une offre.",
				},
			},
		},
		TechLead: {
			Prompt: "Qui pilote la technologie aujourd’hui\u202f?",
			Topic:  "Direction technique",
			Options: map[OptionID]OptionText{
				LeadNone: {
					Label:   "Pas de profil senior (fondateurs ou développeurs juniors)",
					Explain: "Aucun cadre technique n’a la vision pour structurer la croissance.",
				},
				LeadITOps: {
					Label:   "Une DSI orientée infrastructure et support",
					Explain: "Un DSI existe, mais orienté infrastructure et support, sans expérience produit ou SaaS.",
				},
				LeadCTOOverloaded: {
					Label:   "Un CTO interne ou cofondateur technique débordé",
					Explain: "Il connaît parfaitement la plateforme, mais n’a plus le temps de suivre les tendances.",
				},
				LeadCTOOK: {
					Label:   "Un CTO interne disponible pour piloter",
					Explain: "Un CTO interne présent au quotidien, qui a encore le temps de porter la vision.",
				},
			},
		},
		Need: {
			Prompt: "Quel est votre besoin principal maintenant\u202f?",
			Topic:  "Besoin principal",
			Options: map[OptionID]OptionText{
				NeedScale: {
					Label:   "Structurer une croissance rapide",
					Explain: "Une architecture évolutive, des standards de qualité et de sécurité, le recrutement de l’équipe.",
				},
				NeedLaunch: {
					Label:   "Lancer un produit digital ou une transformation",
					Explain: "Une nouvelle offre digitale, une plateforme, une application\u202f: définir la roadmap et livrer un MVP.",
				},
				NeedSpecialist: {
					Label:   "Une expertise pointue (sécurité, conformité, performance)",
					Explain: "Un audit de sécurité, la conformité (RGPD, SOC 2, ISO 27001), la performance et la scalabilité.",
				},
				NeedVision: {
					Label:   "Une direction technologique sur le long terme",
					Explain: "Porter la vision technologique, la culture et la pérennité de la plateforme.",
				},
			},
		},
		Urgency: {
			Prompt: "Dans quel délai en avez-vous besoin\u202f?",
			Topic:  "Urgence",
			Options: map[OptionID]OptionText{
				Immediate: {
					Label:   "Tout de suite, en quelques semaines",
					Explain: "Un besoin immédiat\u202f: un audit, une levée de fonds, une refonte.",
				},
				Months: {
					Label:   "Dans les prochains mois",
					Explain: "Un projet à mener dans l’année, sans échéance à quelques semaines.",
				},
				LongTerm: {
					Label:   "Sur le long terme, sans échéance",
					Explain: "Pas d’échéance précise\u202f: il s’agit de construire dans la durée.",
				},
			},
		},
		Budget: {
			Prompt: "Quel modèle de coût pouvez-vous assumer\u202f?",
			Topic:  "Budget",
			Options: map[OptionID]OptionText{
				Flexible: {
					Label:   "Un coût variable, ajusté au besoin",
					Explain: "Payer une intervention selon les besoins et la durée, sans coût fixe.",
				},
				FixedOK: {
					Label:   "Un salaire senior à plein temps, equity comprise",
					Explain: "Vous pouvez assumer le coût fixe d’un salarié hautement rémunéré, parts sociales comprises.",
				},
			},
		},
	},
	Outcomes: outcomesFrench,
	Reasons:  reasonsFrench,
	Settle:   settleFrench,
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
			Context: "Un groupe industriel centenaire souhaite lancer une nouvelle offre digitale\u202f: une plateforme e-commerce et une app mobile pour ses clients B2B.",
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
				"Cette combinaison permet de garder un «\u202fcœur\u202f» stratégique en interne tout en s’ouvrant à l’expertise la plus pointue.",
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
			"Peut intervenir sur une mission précise\u202f: audit de sécurité, refonte d’infrastructure, accompagnement de levée de fonds, structuration de roadmap produit.",
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
		Intro:       "Je vous aide à choisir entre un CTO interne, un CTO externe (CTO as a Service) ou les deux, en cinq questions fondées sur trois études de cas.",
		Progress:    "Question %d sur %d",
		NoMatch:     "Je n’ai pas compris «\u202f%s\u202f».",
		Choices:     "Choisissez parmi\u202f: %s",
		Answered:    "%s\u202f: %s",
		Cancelled:   "C’est arrêté. Vous pourrez recommencer quand vous voudrez.",
		Restarted:   "On reprend depuis la première question.",
		Back:        "Retour à la question précédente.",
		NothingBack: "Vous êtes déjà à la première question.",

		Why:          "Pourquoi",
		WhatChanges:  "Ce qui changerait la recommandation",
		FlipLine:     "Si %s, nous recommanderions %s.",
		AndIf:        "et si",
		FlavourOnly:  "Seule la forme du renfort externe changerait\u202f: %s",
		NoFlip:       "Même en modifiant le besoin, l’urgence ou le budget, y compris deux à la fois, la recommandation resterait la même.",
		CloseCall:    "C’est serré, et %s tranche\u202f: %s",
		Comparison:   "Interne ou externe\u202f: la comparaison de l’article",
		Compare:      "Comparer les deux modèles",
		Factors:      "Les quatre facteurs de décision",
		Conclusion:   "La conclusion de l’article",
		NextSteps:    "Prochaines étapes",
		MissionsIn:   "Les missions de l’étude de cas n°\u00a0%d",
		CaseStudy:    "Lire l’étude de cas",
		ReadArticle:  "Lire l’article",
		Share:        "Partager avec la direction",
		Restart:      "Recommencer",
		ChangeAnswer: "Modifier une réponse",
		Context:      "Contexte",
		Problem:      "Problématique",
		Choice:       "Choix effectué",
		Missions:     "Missions",
		Result:       "Résultat",
		Lesson:       "À retenir",
		YourAnswers:  "Vos réponses",
		And:          "et",

		Started:   "%s a demandé un avis CTO\u202f: les questions suivent dans ce fil.",
		Queued:    "Beaucoup de monde commence ici en même temps, et Slack ne laisse une app publier qu’environ une fois par seconde dans un canal\u202f: votre fil s’ouvre dans environ %d\u00a0secondes.",
		Topics:    "Thèmes\u202f: %s",
		ReplyHint: "Cliquez sur une réponse, ou répondez dans le fil avec son numéro ou son libellé. Vous pouvez aussi écrire retour, recommencer, annuler ou aide.",
		Current:   "réponse actuelle",
		Help: "/cto-advice pose cinq questions dans un fil et recommande un CTO interne, un CTO externe (CTO as a Service) ou les deux.\n" +
			"• /cto-advice ou /cto-advice start\u202f: commencer (dans votre langue Slack)\n" +
			"• /cto-advice fr ou /cto-advice en\u202f: commencer en français ou en anglais\n" +
			"• /cto-advice équipe @ana @ben\u202f: chacun répond en privé, puis la carte d’équipe montre où vous êtes d’accord et où vous divergez\n" +
			"• /cto-advice help\u202f: cette aide\n" +
			"Dans le fil, cliquez sur une réponse ou tapez son numéro ou son libellé\u202f; tapez retour, recommencer, annuler ou aide à tout moment.",
		UnknownArg:     "Je ne connais pas «\u202f%s\u202f».",
		TooLong:        "Cette réponse est trop longue pour moi. Répondez avec le numéro de l’option ou son libellé.",
		Close:          "Fermer",
		CaseTitle:      "Étude de cas %d",
		CompareTitle:   "Interne ou externe",
		ShareTitle:     "Partager à la direction",
		ShareSubmit:    "Partager",
		ShareCancel:    "Annuler",
		ShareTo:        "Publier la carte dans",
		ShareChoose:    "Choisir un canal",
		Preview:        "Aperçu\u202f: voici exactement ce qui sera publié.",
		SharedBy:       "Partagé par %s",
		TheThread:      "voir le fil",
		Shared:         "Partagé dans %s.",
		NotInChannel:   "Je ne peux pas encore écrire dans ce canal. Invitez-moi avec /invite %s puis relancez /cto-advice, ou envoyez-moi /cto-advice en message direct.",
		CannotPostHere: "Je ne peux pas écrire dans cette conversation. Lancez /cto-advice dans un canal dont je suis membre, ou en message direct avec moi (Apps → CTO Advisor).",

		TerminalHint: "Répondez avec le numéro ou le libellé d’un choix. Vous pouvez aussi taper retour, recommencer, annuler ou aide\u202f; Ctrl-D pour quitter.",
		TerminalHelp: "Tapez le numéro, le libellé ou l’identifiant d’un choix.\n" +
			"retour\u202f: revenir à la question précédente\n" +
			"recommencer\u202f: reprendre depuis la première question\n" +
			"annuler\u202f: arrêter ici\n" +
			"aide\u202f: afficher ce message\n" +
			"Ctrl-D\u202f: quitter",
		TerminalAfterCard: "Tapez «\u202fcomparer\u202f» pour la comparaison des deux modèles, «\u202fétude\u202f» pour lire l’étude de cas, «\u202frecommencer\u202f» pour reprendre, ou Ctrl-D pour quitter.",
		Goodbye:           "À bientôt\u202f!",
		TerminalTeam:      "Mode équipe\u202f: %d membres répondent tour à tour aux cinq mêmes questions, chacun sans voir les réponses des autres. La carte d’équipe montre ensuite où vous êtes d’accord, où vous divergez, et ce que votre désaccord décide.",
		TerminalTurn:      "Membre %d sur %d",
		TerminalName:      "Passez le clavier. Votre nom (Entrée pour passer)\u202f:",
		TerminalPrivate:   "Merci, %s. Effacez l’écran avant de passer le clavier\u202f: les autres ne verront vos réponses qu’à côté des leurs, sur la carte d’équipe.",
		TerminalReveal:    "Tout le monde a répondu. Voici la carte d’équipe.",

		Unavailable:     "Le conseiller est momentanément indisponible. Réessayez dans un instant\u202f: vos réponses sont conservées.",
		NotOwner:        "Cette session de conseil appartient à %s\u202f: seule cette personne peut y répondre ou la partager. Tapez /cto-advice pour lancer la vôtre.",
		Stale:           "Cette question a déjà reçu une réponse\u202f: rien n’a changé. Répondez à la dernière question du fil.",
		Finished:        "Cette session de conseil est terminée\u202f: rien n’a changé. Tapez /cto-advice pour en lancer une nouvelle.",
		Expired:         "Cette session de conseil a expiré. Tapez /cto-advice pour en lancer une nouvelle.",
		CardStale:       "Cette carte n’est plus à jour\u202f: rien n’a changé. Utilisez la dernière carte du fil.",
		PostFailed:      "Slack n’a pas accepté mon message. Tapez aide dans le fil pour revoir la question en cours.",
		ShareOff:        "Le partage n’est pas encore configuré. Demandez à l’administrateur Slack d’indiquer les canaux de direction dans LEADERSHIP_CHANNELS (identifiants de canaux séparés par des virgules), puis de redémarrer le bot.",
		ShareNotAllowed: "Ce canal ne fait pas partie des canaux de direction où ce conseiller peut publier.",
		ShareNotMember:  "Vous ne pouvez partager que dans un canal dont vous êtes membre.",
		ShareArchived:   "Ce canal est archivé.",
		ShareExternal:   "Ce canal est partagé avec une autre organisation, et le conseil reste dans l’entreprise.",
		ShareBotOut:     "Je ne suis pas encore membre de ce canal\u202f: invitez-moi d’abord.",
		ShareStale:      "La recommandation a changé depuis l’ouverture de cette fenêtre. Fermez-la et partagez la dernière carte.",
		ShareFailed:     "Le partage a échoué pour une raison temporaire. Réessayez.",
		ShareAlready:    "Cette recommandation a déjà été partagée. Modifiez une réponse pour en partager une nouvelle.",
		ShareNoChannel:  "Vous n’êtes membre d’aucun canal de direction où ce conseiller peut publier\u202f: il n’y a donc nulle part où la partager.",
		Busy:            "Un instant\u202f: je traite encore vos messages précédents, j’ai donc ignoré le dernier. Renvoyez-le dans quelques secondes.",
		TooMany:         "Vous avez lancé beaucoup de sessions de conseil récemment. Terminez-en une ou réessayez plus tard.",

		Team: TeamText{
			Recommend:  "Recommandation de l’équipe",
			Based:      "D’après les réponses de %d membres, données séparément.",
			Agreed:     "Tout le monde est d’accord",
			Differ:     "Là où vous divergez",
			Decides:    "Ce que votre désaccord décide",
			TeamChoice: "réponse de l’équipe",
			Tied:       "Égalité\u202f: tant que vous n’avez pas tranché, la recommandation retient la réponse la plus exigeante.",
			Settle:     "Si vous retenez «\u202f%s\u202f»\u202f: %s",
			Decisive:   "Trancher cette question décide de la recommandation.",
			SameAdvice: "Dans tous les cas, la recommandation reste la même.",
			NoSplit:    "Vous êtes d’accord sur chaque question\u202f: aucun désaccord à trancher.",
			Contested:  "Cette recommandation dépend de ce que vous n’avez pas encore tranché\u202f: %s. Décidez-le ensemble avant d’agir.",
			Member:     "Membre %d",

			Started:         "%s recueille l’avis de l’équipe de direction sur le choix d’un CTO. Chaque membre répond en privé à cinq questions\u202f; les réponses sont révélées ensemble.",
			Invited:         "Invités\u202f: %s",
			Open:            "Toute personne de ce canal peut répondre.",
			Answered:        "Ont répondu (%d)\u202f: %s",
			NobodyYet:       "Personne n’a encore répondu.",
			Waiting:         "En attente de\u202f: %s",
			WillReveal:      "%s révèle les réponses quand l’équipe est prête.",
			Revealed:        "%s a révélé les réponses\u202f: la carte d’équipe est dans le fil.",
			Join:            "Donner mes réponses",
			Reveal:          "Révéler les réponses",
			Reopen:          "Rouvrir les réponses",
			ModalTitle:      "Vos réponses",
			ModalSubmit:     "Enregistrer",
			ModalClose:      "Annuler",
			ModalIntro:      "Personne d’autre ne voit vos réponses avant que %s révèle celles de l’équipe. Vous pouvez les modifier d’ici là.",
			Choose:          "Choisissez une réponse",
			Reopened:        "%s a rouvert les réponses\u202f: chacun peut modifier les siennes jusqu’à la prochaine révélation.",
			Organiser:       "l’organisateur",
			NotOrganiser:    "Seule la personne qui a lancé cette évaluation, %s, peut révéler ou rouvrir les réponses.",
			AlreadyRevealed: "L’équipe a déjà décidé\u202f: la carte d’équipe est dans le fil. %s peut rouvrir les réponses.",
			NotInvited:      "Cette évaluation est réservée aux personnes invitées par %s. Tapez /cto-advice équipe pour réunir votre propre équipe.",
			Full:            "Cette équipe compte déjà 20 membres.",
			NoAnswers:       "Personne n’a encore répondu\u202f: il n’y a rien à révéler.",
			TooMany:         "Une équipe compte au plus 20 membres\u202f: mentionnez moins de personnes.",
		},
		Home: HomeText{
			Start:      "Lancer une nouvelle évaluation",
			StartHint:  "Les cinq questions arrivent en message direct avec moi. Pour recueillir les réponses de votre équipe de direction, tapez /cto-advice équipe dans un canal et mentionnez ses membres.",
			Recent:     "Vos dernières recommandations",
			None:       "Aucune recommandation pour l’instant.",
			TeamMark:   "équipe",
			OpenThread: "ouvrir le fil",
			Language:   "Langue",
			LangHint:   "Je vous parle dans cette langue, quelle que soit votre langue Slack.",
			LangAuto:   "Comme Slack",
			LangEN:     "English",
			LangFR:     "Français",
		},
	},
}
