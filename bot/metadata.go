package bot

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// metadataEventType names the message metadata a shared card carries, so
// a company's own workflows can read what was decided without parsing
// the blocks.
const metadataEventType = "cto_recommendation"

// recommendationMetadata is what a shared card says in machine-readable
// form: the outcome, its case study, its plan and the answers it was
// decided on. A
// team card gives the team profile and, per split question, how many
// members chose each option; never who chose what.
func recommendationMetadata(kb *knowledge.Base, s dialog.Session) slack.SlackMetadata {
	answers := make(map[string]any, len(s.Answers))
	for q, o := range s.Answers {
		answers[string(q)] = string(o)
	}
	rec := dialog.Advise(kb, s.Answers)
	// The plan and the close call take SPEC §4b's JSON shape, as
	// `ctoadvisor advise --format json` prints them.
	plan := map[string]any{
		"now":                string(rec.Plan.Now),
		"later":              string(rec.Plan.Later),
		"keeps_existing_cto": rec.Plan.KeepsExistingCTO,
		"horizon":            nil,
	}
	if rec.Plan.Horizon != "" {
		plan["horizon"] = string(rec.Plan.Horizon)
	}
	var closeCall any
	if cc := rec.CloseCall; cc != nil {
		closeCall = map[string]any{
			"between":     []any{string(cc.Between[0]), string(cc.Between[1])},
			"settle_with": string(cc.SettleWith),
		}
	}
	payload := map[string]any{
		"outcome":    string(rec.Outcome),
		"case":       string(rec.Case),
		"plan":       plan,
		"close_call": closeCall,
		"answers":    answers,
		"lang":       string(s.Lang),
	}
	if s.IsTeam() {
		ta := dialog.AdviseTeam(kb, s.Team.Members)
		splits := make([]any, 0, len(ta.Splits))
		for _, tl := range ta.Tallies {
			if !tl.Split {
				continue
			}
			votes := make(map[string]any, len(tl.Votes))
			for _, v := range tl.Votes {
				votes[string(v.Option)] = len(v.Members)
			}
			decides := false
			for _, d := range ta.Splits {
				if d.Question == tl.Question {
					decides = d.Decides
				}
			}
			splits = append(splits, map[string]any{
				"question":    string(tl.Question),
				"team_answer": string(tl.Choice),
				"votes":       votes,
				"tied":        tl.Tied,
				"decides":     decides,
			})
		}
		payload["team"] = map[string]any{"members": len(s.Team.Members), "split": splits}
	}
	return slack.SlackMetadata{EventType: metadataEventType, EventPayload: payload}
}

// postShared posts a card to a leadership channel with its metadata.
func (b *Bot) postShared(ctx context.Context, channel, fallback string, blocks []slack.Block, meta slack.SlackMetadata) (string, error) {
	var ts string
	err := b.call(ctx, "chat.postMessage", func(ctx context.Context) (err error) {
		_, ts, err = b.api.PostMessageContext(ctx, channel,
			slack.MsgOptionText(fallback, false),
			slack.MsgOptionBlocks(blocks...),
			slack.MsgOptionMetadata(meta),
			slack.MsgOptionDisableLinkUnfurl(),
			slack.MsgOptionDisableMediaUnfurl(),
		)
		return err
	})
	return ts, err
}
