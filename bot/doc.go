// Package bot is CTO Advisor's Slack adapter: it serves the dialog of
// package dialog over Socket Mode and renders it with Block Kit.
//
// # How one envelope flows
//
//  1. A socket reader (socket.go) reads a frame off one of the app's
//     Socket Mode connections and hands over its type, envelope_id and raw
//     payload. Only an envelope that may matter is decoded into slack-go's
//     types (socket_decode.go): Slack's echoes of the bot's own posts and
//     edits are dropped on a few fields. Dispatch runs on the read
//     goroutine and does no I/O but the ack.
//  2. The dispatcher (dispatch.go) routes the envelope — one table from
//     action_id and callback_id to handler, after checking every ID against
//     Slack's character set and length — queues its work, and only then
//     acknowledges it. A view submission is acknowledged by its queued work,
//     with the verdict its handler returns.
//  3. The work queue (work.go) runs the envelopes of one thread in order,
//     one at a time, and caps what one thread, one user and the replica may
//     have queued: over a thread's or user's cap the sender is told "one
//     moment"; over the replica's the envelope is not acknowledged, so Slack
//     redelivers it. Worker slots bound the handlers at work, and a handler
//     gives its slot back while it waits for a thread's lock or for Slack's
//     Retry-After. Shutdown handles everything acknowledged.
//  4. A handler decides what the delivery means and runs it as one dialog
//     step (steps.go: step), which owns the thread's lock, the load (cache
//     or store), the pure transition, the compare-and-set save and its
//     retries, the delivery claim and Session.Delivery. Then the handler
//     shows what follows: for a click through the click's own response_url
//     (respond.go), for a typed reply through the Web API — the answered
//     question updated, the next one posted (once per asking, claimed in
//     the store) or the card.
//
// Handlers live one behaviour per file: command.go (/cto-advice, and the
// per-user quotas), answer.go (answer buttons and what follows an answer),
// reply.go (typed replies and thread words), card.go (the card's buttons),
// share.go (sharing to a leadership channel, its picker at any number of
// channels), team.go (team mode: the root message's controls and the
// private answers modal; team_blocks.go renders it), home.go (the Home tab
// and the language preference), shortcut.go (the global shortcut),
// metadata.go (the machine-readable metadata of a shared card). session.go
// wraps the Web API calls, paced under Slack's rate limits by pace.go;
// respond.go answers through response_urls and learns where those posts
// landed from Slack's echo; blocks.go renders; mrkdwn.go escapes user
// text; messages.go turns
// every error into the sentence a user sees, worded in knowledge.Phrases
// like everything else the bot says; ops.go serves /healthz, /readyz and
// /metrics.
//
// The bot sees Redis only as a dialog.Store and Slack only through
// slack-go's real clients, which tests point at bot/fakeslack.
package bot
