package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// The Home tab's wire IDs.
const (
	actionHomeStart = "home_start" // button: a new assessment in a DM with the app
	actionHomeLang  = "home_lang"  // static_select: "auto", "en" or "fr"
	blockHomeStart  = "home_start"
	blockHomeLang   = "home_lang"
	langAuto        = "auto" // follow the Slack locale
)

// homeOpened publishes the Home tab each time a user opens it: their
// latest recommendations and their language may have changed since.
func (b *Bot) homeOpened(ctx context.Context, lg *slog.Logger, eventID string, ev *slackevents.AppHomeOpenedEvent) {
	if ev.Tab != "home" || !isSlackID(ev.User) {
		return
	}
	lg = lg.With("user", ev.User)
	if eventID != "" {
		// A repeat would publish the same tab again: harmless, but a
		// Web API call and two store reads for nothing.
		if fresh, err := b.claim(ctx, lg, "home:"+eventID); err == nil && !fresh {
			return
		}
	}
	b.publishHome(ctx, lg, ev.User)
}

// publishHome builds the user's Home tab and publishes it.
func (b *Bot) publishHome(ctx context.Context, lg *slog.Logger, user string) {
	u, err := b.store.GetUser(ctx, b.self.Install, user)
	if err != nil && !errors.Is(err, dialog.ErrNotFound) {
		b.storeFailed("get_user", err)
		lg.Warn("home: user record not read", "err", err)
	}
	lang := u.Lang
	if lang == "" {
		lang = b.lang(ctx, lg, user, "")
	}
	view := homeView(b.kb.Text(lang), u, b.self.URL)
	err = b.call(ctx, "views.publish", func(ctx context.Context) error {
		_, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
	if err != nil {
		lg.Warn("home not published", "err", err)
	}
}

// homeView is the Home tab: what the advisor is, a button that starts an
// assessment in a DM with the app, the user's latest recommendations
// (individual and team) with outcome, date and a link to the thread (on
// workspace, the workspace's URL), and
// the language preference. Dates use Slack's date token, so each reader
// sees them in their own time zone and format.
func homeView(t *knowledge.Text, u dialog.User, workspace string) slack.HomeTabViewRequest {
	h := t.Phrases.Home
	blocks := []slack.Block{
		section(escapeMrkdwn(t.Phrases.Intro)),
		slack.NewActionBlock(blockHomeStart,
			slack.NewButtonBlockElement(actionHomeStart, "", plainText(h.Start, maxButton)).WithStyle(slack.StylePrimary)),
		contextLine(escapeMrkdwn(h.StartHint)),
		slack.NewDividerBlock(),
	}
	lines := []string{"*" + escapeMrkdwn(h.Recent) + "*"}
	if len(u.Recent) == 0 {
		lines = append(lines, escapeMrkdwn(h.None))
	}
	for _, r := range u.Recent {
		title := t.Outcomes[r.Outcome].Title
		if title == "" {
			title = string(r.Outcome) // an outcome since retired: its ID beats an empty line
		}
		line := "• *" + escapeMrkdwn(title) + "*"
		if r.Team {
			line += " (" + escapeMrkdwn(h.TeamMark) + ")"
		}
		date := r.At.UTC().Format("2006-01-02")
		line += fmt.Sprintf(" · <!date^%d^{date_short}|%s>", r.At.Unix(), date)
		if l := threadLink(workspace, r.Channel, r.Thread); l != "" {
			line += " · " + link(l, h.OpenThread)
		} else if m := channelMention(r.Channel); m != "" {
			line += " · " + m
		}
		lines = append(lines, line)
	}
	blocks = append(blocks, section(strings.Join(lines, "\n")), slack.NewDividerBlock())

	options := []*slack.OptionBlockObject{
		slack.NewOptionBlockObject(langAuto, plainText(h.LangAuto, maxOption), nil),
		slack.NewOptionBlockObject(string(knowledge.English), plainText(h.LangEN, maxOption), nil),
		slack.NewOptionBlockObject(string(knowledge.French), plainText(h.LangFR, maxOption), nil),
	}
	initial := options[0]
	switch u.Lang {
	case knowledge.English:
		initial = options[1]
	case knowledge.French:
		initial = options[2]
	}
	picker := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(h.Language, maxPlaceholder), actionHomeLang, options...).
		WithInitialOption(initial)
	blocks = append(blocks,
		slack.NewSectionBlock(mrkdwnText("*"+escapeMrkdwn(h.Language)+"*\n"+escapeMrkdwn(h.LangHint)), nil, slack.NewAccessory(picker)),
	)
	// The section's block_id names the picker's block for routing.
	blocks[len(blocks)-1].(*slack.SectionBlock).BlockID = blockHomeLang
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}

// homeStart starts an assessment from the Home tab, in the user's DM
// with the app.
func (b *Bot) homeStart(ctx context.Context, lg *slog.Logger, team, user, _ string) {
	b.startDM(ctx, lg, team, user)
}

// homeLang saves the language a user picked on the Home tab and shows the
// tab again in it.
func (b *Bot) homeLang(ctx context.Context, lg *slog.Logger, _, user, picked string) {
	var lang knowledge.Lang
	switch picked {
	case langAuto:
	case string(knowledge.English), string(knowledge.French):
		lang = knowledge.Lang(picked)
	default:
		lg.Warn("action dropped: unknown language", "value", truncateRunes(picked, 20))
		return
	}
	if err := b.updateUser(ctx, user, func(u dialog.User) dialog.User { return u.WithLang(lang) }); err != nil {
		lg.Warn("language preference not saved", "err", err)
		return
	}
	lg.Info("language preference saved", "lang", lang)
	b.publishHome(ctx, lg, user)
}

// updateUser applies fn to the user's record with a compare-and-set,
// recomputing it when another write came first.
func (b *Bot) updateUser(ctx context.Context, user string, fn func(dialog.User) dialog.User) error {
	for range maxConflictRetries {
		u, err := b.store.GetUser(ctx, b.self.Install, user)
		switch {
		case errors.Is(err, dialog.ErrNotFound):
			u = dialog.User{Team: b.self.Install, ID: user}
		case err != nil:
			b.storeFailed("get_user", err)
			return err
		}
		next := fn(u)
		err = b.store.SaveUser(ctx, &next)
		if !errors.Is(err, dialog.ErrConflict) {
			if err != nil {
				b.storeFailed("save_user", err)
			}
			return err
		}
	}
	return dialog.ErrConflict
}

// recordCard adds a recommendation to the Home tab of each user: the
// owner of a dialog, or every member and the organiser of a team.
func (b *Bot) recordCard(ctx context.Context, lg *slog.Logger, users []string, s dialog.Session, outcome knowledge.OutcomeID) {
	r := dialog.Record{
		Outcome: outcome, Case: knowledge.CaseOf[outcome], Team: s.IsTeam(),
		Channel: s.Key.Channel, Thread: s.Key.Thread, At: b.now(),
	}
	for _, u := range users {
		if err := b.updateUser(ctx, u, func(x dialog.User) dialog.User { return x.Remember(r) }); err != nil {
			lg.Warn("recommendation not recorded for the home tab", "user", u, "err", err)
		}
	}
}

// threadLink is the web link to a thread's root message, built from the
// workspace URL auth.test gave, so the Home tab costs no chat.getPermalink
// per line. It is "" when the URL is not a Slack https URL.
func threadLink(workspace, channel, thread string) string {
	if !strings.HasPrefix(workspace, "https://") || !isSlackID(channel) {
		return ""
	}
	sec, frac, ok := strings.Cut(thread, ".")
	if !ok || !digits(sec) || !digits(frac) {
		return ""
	}
	return strings.TrimSuffix(workspace, "/") + "/archives/" + channel + "/p" + sec + frac
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// routeHome turns a click on the Home tab into work in the user's lane,
// claimed first: a repeat would start a second assessment.
func (b *Bot) routeHome(lg *slog.Logger, ic slack.InteractionCallback, a *slack.BlockAction, h func(*Bot, context.Context, *slog.Logger, string, string, string)) (work, bool) {
	// ic.Team is the user's org, or null: state is the installation's (see identity).
	user, team, picked := ic.User.ID, b.self.Install, a.SelectedOption.Value
	if !isSlackID(user) || !isTS(a.ActionTs) || len(picked) > maxValueLen {
		lg.Warn("action dropped: malformed IDs", "action_id", a.ActionID)
		return work{}, false
	}
	id := "home:" + user + ":" + a.ActionID + ":" + a.ActionTs
	return work{
		lane: "home:" + user,
		user: user,
		handle: func(ctx context.Context, lg *slog.Logger) {
			lg = lg.With("user", user)
			if fresh, err := b.claim(ctx, lg, id); err != nil || !fresh {
				return
			}
			h(b, ctx, lg, team, user, picked)
		},
	}, true
}

// routeHomeOpened publishes the Home tab in the user's lane.
func (b *Bot) routeHomeOpened(lg *slog.Logger, e slackevents.EventsAPIEvent, ev *slackevents.AppHomeOpenedEvent) (work, bool) {
	if ev.Tab != "home" || !isSlackID(ev.User) {
		return work{}, false
	}
	eventID := ""
	if cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent); ok && isToken(cb.EventID) {
		eventID = cb.EventID
	}
	return work{
		lane:   "home:" + ev.User,
		user:   ev.User,
		handle: func(ctx context.Context, lg *slog.Logger) { b.homeOpened(ctx, lg, eventID, ev) },
	}, true
}
