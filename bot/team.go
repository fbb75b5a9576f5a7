package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Team mode's wire IDs; like those in ids.go, renaming one strands the
// controls already posted.
const (
	actionTeamJoin      = "team_join"    // root message: open the answers modal
	actionTeamReveal    = "team_reveal"  // root message: the organiser reveals
	actionTeamReopen    = "team_reopen"  // root message after a reveal: the organiser reopens
	blockTeamPrefix     = "team:"        // + Session.CardRev: the root message's actions block
	callbackTeamAnswers = "team_answers" // the answers modal; its inputs' block and action IDs are question IDs
)

// teamWords start team mode: /cto-advice team, /cto-advice équipe.
var teamWords = map[string]knowledge.Lang{"team": "", "équipe": knowledge.French, "equipe": knowledge.French}

// parseTeamCommand reads "team [mentions…]". The mentions are Slack's
// escaped form, <@U123> or <@U123|name> (the manifest asks Slack to escape
// them). ok is false when the text does not start team mode; err is set
// when it does but names someone in another form.
func parseTeamCommand(text string) (invited []string, lang knowledge.Lang, ok bool, err error) {
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return nil, "", false, nil
	}
	lang, ok = teamWords[strings.ToLower(fields[0])]
	if !ok {
		return nil, "", false, nil
	}
	for _, f := range fields[1:] {
		id, found := parseMention(f)
		if !found {
			return nil, lang, true, fmt.Errorf("not a mention: %q", truncateRunes(f, 40))
		}
		invited = append(invited, id)
	}
	return invited, lang, true, nil
}

// parseMention reads <@U123> or <@U123|name>.
func parseMention(s string) (string, bool) {
	inner, ok := strings.CutPrefix(s, "<@")
	if !ok {
		return "", false
	}
	inner, ok = strings.CutSuffix(inner, ">")
	if !ok {
		return "", false
	}
	id, _, _ := strings.Cut(inner, "|")
	if !isSlackID(id) || (id[0] != 'U' && id[0] != 'W') {
		return "", false
	}
	return id, true
}

// teamCommand handles /cto-advice team: it posts the root message, whose
// controls drive the rest, and stores the team session under its thread.
func (b *Bot) teamCommand(ctx context.Context, lg *slog.Logger, cmd slack.SlashCommand, invited []string, explicit knowledge.Lang) {
	lang := b.lang(ctx, lg, cmd.UserID, explicit)
	// A team is a dialog started, as far as the per-user quotas go.
	if ok, err := b.withinQuota(ctx, lg, cmd.UserID); err != nil || !ok {
		if err == nil {
			err = errTooMany
		}
		b.respond(ctx, lg, cmd.ResponseURL, b.userMessage(err, lang, ""))
		return
	}
	k := dialog.Key{Team: b.self.Install, Channel: cmd.ChannelID}
	s, err := dialog.StartTeam(k, cmd.UserID, lang, invited, b.now())
	if err != nil {
		b.respond(ctx, lg, cmd.ResponseURL, escapeMrkdwn(b.kb.Text(lang).Team().TooMany))
		return
	}
	fallback, blocks := teamRootMessage(b.kb.Text(lang), s)
	created := b.creating.begin(b.self.Install, cmd.ChannelID)
	defer created()
	root, err := b.post(ctx, cmd.ChannelID, "", fallback, blocks)
	if err != nil {
		lg.Warn("cannot open the team thread", "err", err)
		if strings.HasPrefix(cmd.ChannelID, "D") && slackCode(err) != "not_in_channel" {
			err = fmt.Errorf("%w: %w", errCannotPostHere, err) // a DM between people
		}
		b.respond(ctx, lg, cmd.ResponseURL, b.userMessage(err, lang, ""))
		return
	}
	s.Key.Thread = root
	lg = lg.With("thread_ts", root)
	err = b.startSession(ctx, &s, func(context.Context) {
		created()
		b.metrics.sessions.WithLabelValues("team_started").Inc()
		lg.Info("team started", "lang", lang, "invited", len(s.Team.Invited))
	})
	if err != nil {
		lg.Error("team session not created", "err", err)
		b.say(ctx, lg, k.Channel, root, b.userMessage(err, lang, ""))
	}
}

// teamMeta travels in the answers modal's private_metadata: the team's
// thread, and nothing about anyone's answers.
type teamMeta struct {
	Team    string `json:"t"`
	Channel string `json:"c"`
	Thread  string `json:"th"`
}

func parseTeamMeta(raw string) (dialog.Key, error) {
	var m teamMeta
	if len(raw) > 3000 {
		return dialog.Key{}, errors.New("team metadata too long")
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return dialog.Key{}, fmt.Errorf("team metadata: %w", err)
	}
	k := dialog.Key{Team: m.Team, Channel: m.Channel, Thread: m.Thread}
	if !isKey(k) {
		return dialog.Key{}, errors.New("team metadata incomplete")
	}
	return k, nil
}

// teamJoin opens the answers modal for a member, with their own earlier
// answers pre-selected, or tells them privately why they cannot answer.
func (b *Bot) teamJoin(ctx context.Context, lg *slog.Logger, c click) {
	s, _, err := b.reload(ctx, c.key)
	if err == nil && !s.IsTeam() {
		lg.Warn("action dropped: team control outside a team thread")
		return
	}
	if err == nil {
		err = s.CanJoin(c.user)
	}
	if err != nil {
		b.storeFailed("get", err)
		b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(err, b.langOf(s), s.Owner))
		return
	}
	raw, _ := json.Marshal(teamMeta{Team: c.key.Team, Channel: c.key.Channel, Thread: c.key.Thread})
	view := teamAnswersModal(b.kb.Text(s.Lang), s, c.user, string(raw))
	err = b.call(ctx, "views.open", func(ctx context.Context) error {
		_, err := b.api.OpenViewContext(ctx, c.trig, view)
		return err
	})
	if err != nil {
		lg.Warn("team answers modal not opened", "err", err)
	}
}

// teamSubmit saves a member's answers from the modal. It returns the
// verdict the ack carries — a refusal keeps the modal open with the reason
// — and the root message's update, made once the modal is closed.
func (b *Bot) teamSubmit(ctx context.Context, lg *slog.Logger, ic slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	user := ic.User.ID
	k, err := parseTeamMeta(ic.View.PrivateMetadata)
	if err != nil || !isToken(ic.View.ID) {
		lg.Warn("team answers dropped: bad metadata", "err", err)
		return nil, nil
	}
	lg = lg.With("team", k.Team, "channel", k.Channel, "thread_ts", k.Thread)
	answers := make(map[knowledge.QuestionID]knowledge.OptionID, len(knowledge.Questions))
	if ic.View.State != nil {
		for _, q := range knowledge.Questions {
			if v := ic.View.State.Values[string(q.ID)][string(q.ID)].SelectedOption.Value; q.Has(knowledge.OptionID(v)) {
				answers[q.ID] = knowledge.OptionID(v)
			}
		}
	}
	first := string(knowledge.Questions[0].ID)

	now := b.now()
	// Any member may answer: the transition checks who, not the step.
	before, after, err := b.step(ctx, lg, turn{key: k, delivery: teamDelivery(ic.View.ID, answers)}, func(s dialog.Session) (dialog.Session, error) {
		if !s.IsTeam() {
			return s, dialog.ErrInvalid
		}
		return s.TeamAnswer(user, answers, now)
	})
	if errors.Is(err, errRepeat) {
		return nil, nil
	}
	if err != nil {
		lg.Info("team answers refused", "err", err)
		// Modal errors are plain text, where a mention would show raw: no owner.
		return slack.NewErrorsViewSubmissionResponse(map[string]string{first: b.userMessage(err, b.langOf(before), "")}), nil
	}
	lg.Info("team answers saved", "members", len(after.Team.Members))
	return nil, func(ctx context.Context) { b.updateTeamRoot(ctx, lg, after) }
}

// teamDelivery names one submission of a member's modal by what it
// submits: a resubmission after a lost ack with the same answers is a
// repeat, one with changed answers is a new step. Slack's view.hash is
// left out: it is neither capped nor checked, and says nothing of the
// answers.
func teamDelivery(view string, answers map[knowledge.QuestionID]knowledge.OptionID) string {
	var b strings.Builder
	for _, q := range knowledge.Questions {
		b.WriteString(string(q.ID) + "=" + string(answers[q.ID]) + ";")
	}
	return "team:" + view + ":" + digest(b.String())
}

// teamReveal posts the team card: only the organiser may.
func (b *Bot) teamReveal(ctx context.Context, lg *slog.Logger, c click) {
	now := b.now()
	before, after, err := b.step(ctx, lg, turn{key: c.key, delivery: c.id, claim: true}, func(s dialog.Session) (dialog.Session, error) {
		if err := currentTeamRoot(s, c.block); err != nil {
			return s, err
		}
		return organiserOnly(s.Reveal(c.user, now))
	})
	if err != nil {
		if !errors.Is(err, errRepeat) {
			b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(err, b.langOf(before), before.Owner))
		}
		return
	}
	ta := dialog.AdviseTeam(b.kb, after.Team.Members)
	lg = lg.With("outcome", ta.Advice.Outcome)
	b.metrics.sessions.WithLabelValues("team_revealed").Inc()
	b.metrics.outcomes.WithLabelValues(string(ta.Advice.Outcome)).Inc()
	lg.Info("team revealed", "members", len(after.Team.Members), "splits", len(ta.Splits))
	b.updateTeamRoot(ctx, lg, after)
	fallback, blocks := teamCardMessage(b.kb.Text(after.Lang), after, ta, cardOptions{CaseURL: b.opts.CaseURL, Interactive: true})
	ts, err := b.post(ctx, after.Key.Channel, after.Key.Thread, fallback, blocks)
	if err != nil {
		lg.Error("team card not posted", "err", err)
		return
	}
	rev := after.CardRev
	_, _, err = b.step(ctx, lg, turn{key: c.key}, func(s dialog.Session) (dialog.Session, error) {
		if s.CardRev != rev {
			return s, errNoWrite // reopened meanwhile: the card is stale already
		}
		s.CardMsg = ts
		return s, nil
	})
	if err != nil && !errors.Is(err, errNoWrite) {
		lg.Warn("team card reference not saved", "err", err)
	}
	users := after.Answered()
	if !slices.Contains(users, after.Owner) {
		users = append(users, after.Owner)
	}
	b.recordCard(ctx, lg, users, after, ta.Advice.Outcome)
}

// teamReopen lets the team change its answers again: only the organiser
// may. The card in the thread stays as a record, its controls stale.
func (b *Bot) teamReopen(ctx context.Context, lg *slog.Logger, c click) {
	now := b.now()
	before, after, err := b.step(ctx, lg, turn{key: c.key, delivery: c.id, claim: true}, func(s dialog.Session) (dialog.Session, error) {
		if err := currentTeamRoot(s, c.block); err != nil {
			return s, err
		}
		return organiserOnly(s.Reopen(c.user, now))
	})
	if err != nil {
		if !errors.Is(err, errRepeat) {
			b.whisper(ctx, lg, c.key.Channel, c.key.Thread, c.user, b.userMessage(err, b.langOf(before), before.Owner))
		}
		return
	}
	lg.Info("team reopened")
	b.updateTeamRoot(ctx, lg, after)
	b.sayMrkdwn(ctx, lg, after.Key.Channel, after.Key.Thread, fmt.Sprintf(escapeMrkdwn(b.kb.Text(after.Lang).Team().Reopened), mention(after.Owner)))
}

// currentTeamRoot checks that a click came from the team's root message
// as it stands: a team session, and controls of the current reveal count.
func currentTeamRoot(s dialog.Session, block string) error {
	if !s.IsTeam() {
		return errCardStale
	}
	rev, ok := strings.CutPrefix(block, blockTeamPrefix)
	if !ok || rev != fmt.Sprint(s.CardRev) {
		return errCardStale
	}
	return nil
}

// updateTeamRoot shows who has answered, or that the team has revealed.
//
// Two replicas saving answers at once may reach Slack in the other order,
// leaving the older list on screen. So after each edit the store is read
// again, and a newer write than the one shown is shown too: whichever
// edit lands last is followed by a read that sees the latest answers.
func (b *Bot) updateTeamRoot(ctx context.Context, lg *slog.Logger, s dialog.Session) {
	for range maxRootRefresh {
		fallback, blocks := teamRootMessage(b.kb.Text(s.Lang), s)
		if err := b.update(ctx, s.Key.Channel, s.Key.Thread, fallback, blocks); err != nil {
			lg.Warn("team root message not updated", "err", err)
			return
		}
		latest, err := b.store.Get(ctx, s.Key)
		if err != nil || latest.Token == s.Token || !latest.IsTeam() {
			return
		}
		s = latest
	}
}

// maxRootRefresh bounds the edits of one root message by one delivery.
const maxRootRefresh = 3

// errNotOrganiser refuses a team control to anyone but its organiser; it
// wraps [dialog.ErrNotOwner] so the sentence names the organiser's role.
var errNotOrganiser = errors.New("bot: not the team's organiser")

func organiserOnly(s dialog.Session, err error) (dialog.Session, error) {
	if errors.Is(err, dialog.ErrNotOwner) {
		err = fmt.Errorf("%w: %w", errNotOrganiser, err)
	}
	return s, err
}

// sayMrkdwn posts a note in the thread that names someone: text is mrkdwn,
// escaped already.
func (b *Bot) sayMrkdwn(ctx context.Context, lg *slog.Logger, channel, thread, text string) {
	if _, err := b.post(ctx, channel, thread, text, []slack.Block{section(text)}); err != nil {
		lg.Error("note not posted", "err", err)
	}
}
