package bot

import (
	"errors"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// notes are the bot's own sentences: replies about the conversation rather
// than the article, so they live with the Slack adapter. Each is plain text
// (mrkdwn-safe: no user input) unless it says %s, which callers fill with
// escaped or Slack-formatted values.
type notes struct {
	Unavailable     string
	NotOwner        string // %s: the owner's mention
	Stale           string
	Finished        string
	Expired         string
	AtStart         string
	TooLong         string
	NotInChannel    string // %s: the bot's mention
	CannotPostHere  string
	Help            string
	UnknownArg      string // %s: the argument, escaped
	ShareOff        string
	ShareNotAllowed string
	ShareNotMember  string
	ShareArchived   string
	ShareExternal   string
	ShareBotOut     string
	ShareStale      string
	ShareFailed     string
	Shared          string // %s: channel mention
	CardStale       string
	PostFailed      string
}

var noteText = map[knowledge.Lang]*notes{
	knowledge.English: {
		Unavailable:     "The advisor is temporarily unavailable. Please try again in a moment: your answers so far are kept.",
		NotOwner:        "This advice session belongs to %s, so only they can answer or share it. Type /cto-advice to start your own.",
		Stale:           "That question has already been answered, so this click changed nothing. Please use the latest question in the thread.",
		Finished:        "This advice session is over, so this changed nothing. Type /cto-advice to start a new one.",
		Expired:         "This advice session has expired. Type /cto-advice to start a new one.",
		AtStart:         "You are already at the first question.",
		TooLong:         "That reply is too long for me to read. Answer with the option's number or its label.",
		NotInChannel:    "I can't post in this channel yet. Invite me with /invite %s and run /cto-advice again, or send /cto-advice in a direct message to me.",
		CannotPostHere:  "I can't post in this conversation. Run /cto-advice in a channel I'm a member of, or in a direct message to me (Apps → CTO Advisor).",
		Help:            "/cto-advice asks five questions in a thread and recommends an internal CTO, an external CTO as a Service, or a hybrid.\n• /cto-advice or /cto-advice start: begin (in your Slack language)\n• /cto-advice en or /cto-advice fr: begin in English or in French\n• /cto-advice help: this help\nIn the thread, click an answer or type its number or label; type back, restart, cancel or help at any time.",
		UnknownArg:      "I don't know \"%s\".",
		ShareOff:        "Sharing is not configured: ask your Slack admin to set LEADERSHIP_CHANNELS.",
		ShareNotAllowed: "That channel is not one of the leadership channels this advisor may post to.",
		ShareNotMember:  "You can only share to a channel you are a member of.",
		ShareArchived:   "That channel is archived.",
		ShareExternal:   "That channel is shared with another organisation, so the advice stays inside the company.",
		ShareBotOut:     "I'm not a member of that channel yet: invite me there first.",
		ShareStale:      "The recommendation changed since you opened this window. Close it and share the latest card.",
		ShareFailed:     "Sharing failed for a temporary reason. Please try again.",
		Shared:          "Shared to %s.",
		CardStale:       "This card is no longer current, so this changed nothing. Use the latest card in the thread.",
		PostFailed:      "Slack did not accept my message. Type help in the thread to see the current question again.",
	},
	knowledge.French: {
		Unavailable:     "Le conseiller est momentanément indisponible. Réessayez dans un instant : vos réponses sont conservées.",
		NotOwner:        "Cette session de conseil appartient à %s : seule cette personne peut y répondre ou la partager. Tapez /cto-advice pour lancer la vôtre.",
		Stale:           "Cette question a déjà reçu une réponse : ce clic n'a rien changé. Répondez à la dernière question du fil.",
		Finished:        "Cette session de conseil est terminée : rien n'a changé. Tapez /cto-advice pour en lancer une nouvelle.",
		Expired:         "Cette session de conseil a expiré. Tapez /cto-advice pour en lancer une nouvelle.",
		AtStart:         "Vous êtes déjà à la première question.",
		TooLong:         "Cette réponse est trop longue pour moi. Répondez avec le numéro de l'option ou son libellé.",
		NotInChannel:    "Je ne peux pas encore écrire dans ce canal. Invitez-moi avec /invite %s puis relancez /cto-advice, ou envoyez-moi /cto-advice en message direct.",
		CannotPostHere:  "Je ne peux pas écrire dans cette conversation. Lancez /cto-advice dans un canal dont je suis membre, ou en message direct avec moi (Apps → CTO Advisor).",
		Help:            "/cto-advice pose cinq questions dans un fil et recommande un CTO interne, un CTO externe (CTO as a Service) ou un modèle hybride.\n• /cto-advice ou /cto-advice start : commencer (dans votre langue Slack)\n• /cto-advice fr ou /cto-advice en : commencer en français ou en anglais\n• /cto-advice help : cette aide\nDans le fil, cliquez une réponse ou tapez son numéro ou son libellé ; tapez retour, recommencer, annuler ou aide à tout moment.",
		UnknownArg:      "Je ne connais pas « %s ».",
		ShareOff:        "Le partage n'est pas configuré : demandez à votre administrateur Slack de renseigner LEADERSHIP_CHANNELS.",
		ShareNotAllowed: "Ce canal ne fait pas partie des canaux de direction où ce conseiller peut publier.",
		ShareNotMember:  "Vous ne pouvez partager que dans un canal dont vous êtes membre.",
		ShareArchived:   "Ce canal est archivé.",
		ShareExternal:   "Ce canal est partagé avec une autre organisation : le conseil reste dans l'entreprise.",
		ShareBotOut:     "Je ne suis pas encore membre de ce canal : invitez-moi d'abord.",
		ShareStale:      "La recommandation a changé depuis l'ouverture de cette fenêtre. Fermez-la et partagez la dernière carte.",
		ShareFailed:     "Le partage a échoué pour une raison temporaire. Réessayez.",
		Shared:          "Partagé dans %s.",
		CardStale:       "Cette carte n'est plus à jour : rien n'a changé. Utilisez la dernière carte du fil.",
		PostFailed:      "Slack n'a pas accepté mon message. Tapez aide dans le fil pour revoir la question en cours.",
	},
}

// note returns the bot's sentences in l (English for anything else).
func note(l knowledge.Lang) *notes {
	if n, ok := noteText[l]; ok {
		return n
	}
	return noteText[knowledge.English]
}

// userMessage turns an error into the one sentence a user sees. Anything
// it does not recognise reads "temporarily unavailable": internal details
// never reach Slack.
func userMessage(err error, l knowledge.Lang) string {
	n := note(l)
	switch {
	case errors.Is(err, dialog.ErrAnswered):
		return n.Stale
	case errors.Is(err, dialog.ErrFinished):
		return n.Finished
	case errors.Is(err, dialog.ErrNotFound):
		return n.Expired
	case errors.Is(err, dialog.ErrAtStart):
		return n.AtStart
	case errors.Is(err, errCardStale):
		return n.CardStale
	default:
		return n.Unavailable
	}
}
