package fakeslack

import (
	"encoding/json"
	"time"
)

// The App Home and global shortcuts: views.publish, the app_home_opened
// event and the shortcut interaction.

func init() {
	methods["views.publish"] = method{fn: (*Server).viewsPublish}
}

// maxHomeBlocks is Slack's limit on a Home tab's blocks.
const maxHomeBlocks = 100

// viewsPublish checks a Home tab as Slack does: a known user, a view of
// type home within Block Kit's limits. Tests read what was published from
// Calls("views.publish").
func (s *Server) viewsPublish(q *apiRequest) map[string]any {
	user := q.params.Get("user_id")
	raw := q.params.Get("view")
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil || v == nil {
		return failDetails("invalid_arguments", []string{"[ERROR] missing required field: view"})
	}
	if typ, _ := v["type"].(string); typ != "home" {
		return failDetails("invalid_arguments", []string{"[ERROR] must be \"home\" [json-pointer:/view/type]"})
	}
	blocks, _ := v["blocks"].([]any)
	if msgs := validateBlocks(blocks, maxHomeBlocks, "/view/blocks"); len(msgs) > 0 {
		return failDetails("invalid_arguments", msgs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[user]; !ok {
		return fail("user_not_found")
	}
	id := s.newViewIDLocked()
	return ok(map[string]any{"view": storedView(v, id, id, time.Now().Format("20060102150405")+".home")})
}

// SendAppHomeOpened sends the app_home_opened event Slack sends when user
// opens the app's Home tab, and returns its envelope ID.
func (s *Server) SendAppHomeOpened(user string) (envelopeID string) {
	s.mu.Lock()
	im, _ := s.imForLocked(user)
	ev := map[string]any{
		"type":     "app_home_opened",
		"user":     user,
		"channel":  im.ID,
		"tab":      "home",
		"event_ts": s.newTSLocked(),
	}
	e := s.newEventLocked(s.newEventIDLocked(), 0, ev)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}

// Shortcut is a global shortcut a user runs from the composer or search.
type Shortcut struct {
	User, CallbackID string
}

// SendShortcut sends the interactive shortcut envelope of a global
// shortcut and returns its envelope ID.
func (s *Server) SendShortcut(sc Shortcut) (envelopeID string) {
	s.mu.Lock()
	payload := map[string]any{
		"type":                  "shortcut",
		"token":                 verificationToken,
		"action_ts":             fakeActionTS(),
		"team":                  teamJSON(""),
		"user":                  map[string]any{"id": sc.User, "username": s.userNameLocked(sc.User), "team_id": TeamID},
		"is_enterprise_install": false,
		"enterprise":            nil,
		"callback_id":           sc.CallbackID,
		"trigger_id":            s.newTriggerLocked(),
	}
	e := s.newEnvelopeLocked("interactive", false, payload)
	s.mu.Unlock()
	s.deliver(e)
	return e.id
}
