// Package bot is CTO Advisor's Slack adapter: it serves the dialog of
// package dialog over Socket Mode and renders it with Block Kit.
//
// # How one envelope flows
//
//  1. A socket reader (bot.go) takes an event off a socketmode.Client. It
//     does no I/O: slack-go stops reading the WebSocket while its event
//     channel is full.
//  2. The dispatcher (dispatch.go) acknowledges the envelope at once —
//     except a view submission, whose ack carries its validation — and
//     starts the handler on its own goroutine, under a deadline that
//     survives shutdown so in-flight work can finish. A panic is recovered
//     and logged there, and the next envelope is served.
//  3. The handler claims the delivery in the store (a repeat does nothing),
//     loads the session, applies a pure dialog transition and saves it with
//     a compare-and-set (session.go: transact), then calls the Web API:
//     update the answered question, post the next one or the card.
//
// Handlers live one behaviour per file: command.go (/cto-advice),
// answer.go (answer buttons and what follows an answer), reply.go (typed
// replies and thread words), card.go (the card's buttons), share.go
// (sharing to a leadership channel). blocks.go renders; mrkdwn.go escapes
// user text; messages.go turns every error into the sentence a user sees,
// worded in knowledge.Phrases like everything else the bot says; ops.go
// serves /healthz, /readyz and /metrics.
//
// The bot sees Redis only as a dialog.Store and Slack only through
// slack-go's real clients, which tests point at bot/fakeslack.
package bot
