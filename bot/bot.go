package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Options tunes a [Bot]. The zero value is usable.
type Options struct {
	// Channels are the leadership channel IDs a card may be shared to.
	Channels []string
	// CaseURL is the public article; case links append #case-N.
	CaseURL string
	// DefaultLang is used when neither the command nor the user's locale says.
	DefaultLang knowledge.Lang
	// HandlerTimeout bounds one envelope's work, including Slack's 429 waits.
	HandlerTimeout time.Duration
	// DrainTimeout bounds the wait for in-flight handlers at shutdown.
	DrainTimeout time.Duration
	// ClaimTTL is how long a delivery ID is remembered; it must outlive
	// Slack's retry horizon (about five minutes).
	ClaimTTL time.Duration
	// MaxHandlers bounds the envelopes handled at once (acks are never
	// held back); 0 means eight per CPU.
	MaxHandlers int
	// MaxQueued bounds the envelopes acknowledged and not yet handled; past
	// it an envelope is left unacknowledged for Slack to redeliver. It also
	// bounds what a shutdown must finish within DrainTimeout. 0 means 256.
	MaxQueued int
	// MaxPerThread and MaxPerUser bound the envelopes queued for one
	// user in one thread and for one user; past them the sender is told "one moment".
	// 0 means 4 and 8.
	MaxPerThread int
	MaxPerUser   int
	// CommandsPerMinute and DialogsPerDay bound the dialogs one user may
	// start, across replicas; 0 means 5 and 20, a negative value no bound.
	CommandsPerMinute int
	DialogsPerDay     int
	// BusyNoteEvery is how often one user may be told "one moment"; 0
	// means 10 s.
	BusyNoteEvery time.Duration
	// CacheSize bounds the sessions each replica keeps in memory to skip a
	// Redis read per step; 0 means the default, a negative value none.
	CacheSize int
	// Unpaced turns off the bot's own pacing of Web API calls under Slack's
	// rate limits (pace.go), for a Slack that has none: tests that drive
	// more than Slack would take, and are not about it.
	Unpaced bool
	// Metrics receives the bot's counters; nil keeps them private.
	Metrics *Metrics
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Bot serves the advisor over Socket Mode. Create it with [New].
type Bot struct {
	lg      *slog.Logger
	api     *slack.Client
	sockets []*Socket
	store   dialog.Store
	kb      *knowledge.Base
	opts    Options
	metrics *Metrics
	now     func() time.Time

	cache     *sessionCache
	locks     *keyLocks
	creating  creations
	work      *workQueue
	busy      *busyNotes
	slots     slots // one per handler at work
	viewSlots slots // view submissions, whose ack waits on them
	self      identity
	// reading is held by each socket's read goroutine while it hands an
	// envelope over, so that shutdown knows when none is arriving.
	reading sync.RWMutex
	stopped bool   // under reading: no envelope is taken once shutdown began
	pace    *pacer // nil: unpaced
	locales *localeCache
	// channelLists caches users' channel lists for the share picker.
	channelLists channelLists
}

// identity is who the bot is in the workspace, from auth.test, so it can
// ignore its own messages (Slack echoes them back without a subtype).
type identity struct {
	UserID string
	BotID  string
	URL    string // the workspace's https URL, ending in "/": links to threads start with it
	// Install is the installation's own team (its enterprise for an
	// org-wide install, whose auth.test names no team): every session is
	// keyed under it. The team_id an event or a click carries is where it
	// happened, which in a Slack Connect channel or across an Enterprise
	// Grid is another org's, and null for an org-deployed app; Bolt keys by
	// the installation for that reason (slackapi/bolt-js#935,
	// slackapi/java-slack-sdk#629).
	Install string
}

// installOf is the installation auth.test describes.
func installOf(auth *slack.AuthTestResponse) string {
	if auth.TeamID != "" {
		return auth.TeamID
	}
	return auth.EnterpriseID
}

// New returns a bot that answers on every given socket connection (Slack
// spreads envelopes over up to ten per app) and calls the Web API through
// api; [NewSlack] builds both.
func New(lg *slog.Logger, api *slack.Client, sockets []*Socket, store dialog.Store, kb *knowledge.Base, opts Options) *Bot {
	if opts.DefaultLang == "" {
		opts.DefaultLang = knowledge.English
	}
	if opts.HandlerTimeout == 0 {
		opts.HandlerTimeout = 30 * time.Second
	}
	if opts.DrainTimeout == 0 {
		opts.DrainTimeout = 10 * time.Second
	}
	if opts.ClaimTTL == 0 {
		opts.ClaimTTL = time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.CacheSize == 0 {
		opts.CacheSize = defaultCacheSize
	}
	if opts.MaxHandlers <= 0 {
		opts.MaxHandlers = 8 * runtime.GOMAXPROCS(0)
	}
	if opts.MaxQueued <= 0 {
		opts.MaxQueued = 256
	}
	if opts.MaxPerThread <= 0 {
		opts.MaxPerThread = 4
	}
	if opts.MaxPerUser <= 0 {
		opts.MaxPerUser = 8
	}
	if opts.CommandsPerMinute == 0 {
		opts.CommandsPerMinute = 5
	}
	if opts.DialogsPerDay == 0 {
		opts.DialogsPerDay = 20
	}
	if opts.BusyNoteEvery <= 0 {
		opts.BusyNoteEvery = 10 * time.Second
	}
	m := opts.Metrics
	if m == nil {
		m = NewMetrics(nil)
	}
	var pace *pacer
	if !opts.Unpaced {
		pace = newPacer(time.Now)
	}
	return &Bot{
		lg:        lg,
		api:       api,
		sockets:   sockets,
		store:     store,
		kb:        kb,
		opts:      opts,
		metrics:   m,
		now:       opts.Now,
		cache:     newSessionCache(opts.CacheSize),
		locks:     newKeyLocks(),
		work:      newWorkQueue(opts.MaxQueued, opts.MaxPerThread, opts.MaxPerUser),
		busy:      newBusyNotes(opts.BusyNoteEvery),
		slots:     make(slots, opts.MaxHandlers),
		viewSlots: make(slots, max(2, opts.MaxHandlers/4)),
		pace:      pace,
		locales:   newLocaleCache(localeTTL, maxLocales),
	}
}

// ErrAuth reports that Slack refused the bot's tokens; retrying will not help.
var ErrAuth = errors.New("bot: slack refused the token")

// Run identifies the bot with auth.test, then serves envelopes until ctx is
// done. It then stops reading new envelopes, waits up to DrainTimeout for
// the ones in flight, closes the sockets and returns nil. It returns early
// with an error wrapping [ErrAuth] when Slack refuses a token.
func (b *Bot) Run(ctx context.Context) error {
	authCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	auth, err := b.api.AuthTestContext(authCtx)
	cancel()
	if err != nil {
		return fmt.Errorf("auth.test: %w", classifyAuth(err))
	}
	b.self = identity{UserID: auth.UserID, BotID: auth.BotID, Install: installOf(auth), URL: auth.URL}
	if !isSlackID(b.self.Install) {
		return fmt.Errorf("auth.test names no team or enterprise for the installation (team_id %q, enterprise_id %q)", truncateRunes(auth.TeamID, maxIDLen), truncateRunes(auth.EnterpriseID, maxIDLen))
	}
	b.lg.Info("bot identified", "team", b.self.Install, "user", auth.UserID, "sockets", len(b.sockets))

	// The sockets outlive ctx so that handlers draining after shutdown can
	// still ack (view submissions ack late, with their validation).
	sockCtx, stopSockets := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSockets()

	// A socket that fails for good makes Run return the error instead of
	// serving on a dead socket.
	fatal := make(chan error, len(b.sockets))
	var runners sync.WaitGroup
	for i, s := range b.sockets {
		runners.Go(func() {
			err := s.run(sockCtx, b.hooks(sockCtx, i))
			if !errors.Is(err, context.Canceled) { // it returns only on failure or cancellation
				fatal <- fmt.Errorf("socket %d: %w", i, classifyAuth(err))
			}
		})
	}

	select {
	case <-ctx.Done():
		err = nil
	case err = <-fatal:
	}
	// Envelopes read from now on are left unacknowledged, for Slack to
	// redeliver elsewhere; those handed over already are handled.
	b.stopTaking()
	b.drain()
	stopSockets()
	runners.Wait()
	return err
}

// stopTaking waits for the envelopes being handed over and makes the
// sockets leave later ones unacknowledged.
func (b *Bot) stopTaking() {
	b.reading.Lock()
	defer b.reading.Unlock()
	b.stopped = true
}

// hooks connects socket i to the bot. Envelopes are dispatched on the
// socket's read goroutine: dispatch never waits for Slack or Redis.
func (b *Bot) hooks(ctx context.Context, i int) socketHooks {
	return socketHooks{
		envelope: func(env *envelope) {
			b.reading.RLock()
			defer b.reading.RUnlock()
			if b.stopped {
				return
			}
			b.dispatch(ctx, env)
		},
		connected: func() { b.lg.Info("socket connected", "socket", i) },
		lost: func(err error) {
			b.metrics.reconnects.Inc()
			if errors.Is(err, errDisconnect) {
				b.lg.Info("socket reconnecting", "socket", i, "why", err.Error())
				return
			}
			b.lg.Warn("socket connection lost", "socket", i, "err", err)
		},
		malformed: func(frame []byte, err error) {
			b.metrics.envelopes.WithLabelValues("malformed").Inc()
			b.lg.Warn("frame dropped: not a Socket Mode envelope", "socket", i, "bytes", len(frame), "err", err)
		},
	}
}

// drain waits for the acknowledged envelopes to be handled, at most
// DrainTimeout.
func (b *Bot) drain() {
	if n := b.work.queued(); n > 0 {
		b.lg.Info("shutdown: handling the envelopes acknowledged", "queued", n)
	}
	if !b.work.wait(b.opts.DrainTimeout) {
		b.lg.Error("shutdown: envelopes still queued after drain timeout", "dur", b.opts.DrainTimeout, "queued", b.work.queued())
	}
}

// Connected reports whether at least one socket is connected to Slack.
func (b *Bot) Connected() bool {
	for _, s := range b.sockets {
		if s.Up() {
			return true
		}
	}
	return false
}

// Ready reports why the bot cannot serve, or nil when it can: a socket is
// up and the store answers.
func (b *Bot) Ready(ctx context.Context) error {
	if !b.Connected() {
		return errors.New("no socket connected to slack")
	}
	if err := b.store.Ping(ctx); err != nil {
		return errors.New("session store unavailable")
	}
	return nil
}

// classifyAuth marks the token errors after which retrying is pointless.
func classifyAuth(err error) error {
	// slack-go surfaces these as the bare Slack error code.
	switch code := err.Error(); code {
	case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired":
		return fmt.Errorf("%w: %s", ErrAuth, code)
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code == 404 {
		return fmt.Errorf("%w: %v", ErrAuth, err)
	}
	return err
}
