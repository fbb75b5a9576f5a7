package bot

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	testOwner     = "U0OWNER"
	testCaseURL   = "https://example.com/cto-interne-vs-externe"
	testPermalink = "https://acme.slack.com/archives/C0TEAM/p1700000000000100"
	testMetadata  = `{"channel":"C0TEAM","thread":"1700000000.000100"}`
)

var (
	testKey = dialog.Key{Team: "T0ACME", Channel: "C0TEAM", Thread: "1700000000.000100"}
	testNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	// case1Profile is SPEC §4's first case study.
	case1Profile = []knowledge.OptionID{knowledge.Startup, knowledge.LeadNone, knowledge.NeedScale, knowledge.Immediate, knowledge.Flexible}
)

func testKB(t *testing.T) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatalf("knowledge.Load() = %v", err)
	}
	return kb
}

// answered runs a dialog through the real transitions, one answer per
// question in order, so the sessions rendered here are ones the bot holds.
func answered(t *testing.T, lang knowledge.Lang, options []knowledge.OptionID) dialog.Session {
	t.Helper()
	s := dialog.Start(testKey, testOwner, lang, testNow)
	for i, o := range options {
		var err error
		if s, err = s.Answer(knowledge.Questions[i].ID, o, s.Asked, testNow); err != nil {
			t.Fatalf("Answer(%s, %s) = %v", knowledge.Questions[i].ID, o, err)
		}
	}
	return s
}

// message is what chat.postMessage carries: the fallback and the blocks.
type message struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

func msg(fallback string, blocks []slack.Block) message { return message{fallback, blocks} }

// encode is json.MarshalIndent without HTML escaping, so the golden files
// mostly show "&lt;" as Slack reads it rather than "\u0026lt;". Context
// elements still come out escaped: slack-go marshals them itself.
func encode(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encode %T: %v", v, err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	got := encode(t, v)
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run Golden -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestBlocksGolden(t *testing.T) {
	kb := testKB(t)
	for _, lang := range knowledge.Langs {
		tx := kb.Text(lang)
		done := answered(t, lang, case1Profile)
		rec := dialog.Advise(kb, done.Answers)
		if rec.Case != knowledge.Case1 {
			t.Fatalf("Advise(case-1 profile).Case = %s, want %s", rec.Case, knowledge.Case1)
		}
		_, shared := cardMessage(tx, done, rec, cardOptions{CaseURL: testCaseURL, SharedBy: testOwner, Permalink: testPermalink})
		tests := []struct {
			name string
			v    any
		}{
			{"root", msg(rootMessage(tx, testOwner))},
			{"question", msg(questionMessage(tx, dialog.Start(testKey, testOwner, lang, testNow)))},
			{"answered", msg(answeredMessage(tx, knowledge.Stage, knowledge.Startup, 1))},
			{"nomatch", msg(noMatchMessage(tx, knowledge.Stage, "<!channel> & <@U1> what?"))},
			{"card", msg(cardMessage(tx, done, rec, cardOptions{CaseURL: testCaseURL, Interactive: true}))},
			{"card_shared", msg(cardMessage(tx, done, rec, cardOptions{CaseURL: testCaseURL, SharedBy: testOwner, Permalink: testPermalink}))},
			{"case_study", caseStudyModal(tx, knowledge.Case1, testCaseURL)},
			{"comparison_modal", comparisonModal(tx)},
			{"share_modal", shareModal(tx, []string{"C0LEAD", "C0BOARD"}, map[string]string{"C0LEAD": "leadership"}, shared, testMetadata)},
		}
		for _, tt := range tests {
			name := tt.name + "_" + string(lang)
			t.Run(name, func(t *testing.T) { golden(t, name, tt.v) })
		}
	}
}

// profiles calls f with every full set of answers: 3×4×4×3×2 = 288.
func profiles(f func([]knowledge.OptionID)) int {
	n := 0
	var walk func(prefix []knowledge.OptionID)
	walk = func(prefix []knowledge.OptionID) {
		if len(prefix) == len(knowledge.Questions) {
			n++
			f(prefix)
			return
		}
		for _, o := range knowledge.Questions[len(prefix)].Options {
			walk(append(prefix[:len(prefix):len(prefix)], o))
		}
	}
	walk(nil)
	return n
}

// maxCardWords is SPEC §5's limit: the card reads in under a minute.
const maxCardWords = 250

// cardWords is the text a reader reads on a card: every header, section
// and context, without the controls' labels.
func cardWords(t *testing.T, blocks []slack.Block) string {
	t.Helper()
	var b strings.Builder
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case *slack.HeaderBlock:
			b.WriteString(bl.Text.Text + "\n")
		case *slack.SectionBlock:
			b.WriteString(bl.Text.Text + "\n")
		case *slack.ContextBlock:
			for _, e := range bl.ContextElements.Elements {
				if tx, ok := e.(*slack.TextBlockObject); ok {
					b.WriteString(tx.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

func TestCardRespectsSlackLimits(t *testing.T) {
	kb := testKB(t)
	longest := map[knowledge.Lang]int{}
	defer func() {
		t.Logf("longest Slack card: %d words in English, %d in French", longest[knowledge.English], longest[knowledge.French])
	}()
	for _, lang := range knowledge.Langs {
		tx := kb.Text(lang)
		n := profiles(func(p []knowledge.OptionID) {
			s := answered(t, lang, p)
			rec := dialog.Advise(kb, s.Answers)
			name := fmt.Sprintf("%s %v", lang, p)
			for _, o := range []cardOptions{
				{CaseURL: testCaseURL, Interactive: true},
				{Interactive: true},
				{CaseURL: testCaseURL, SharedBy: testOwner, Permalink: testPermalink},
			} {
				fallback, blocks := cardMessage(tx, s, rec, o)
				checkMessage(t, name, fallback, blocks, o.SharedBy)
				checkCardActions(t, name, s, rec, o, blocks)
				if o.SharedBy == "" {
					n := dialog.WordCount(cardWords(t, blocks))
					longest[lang] = max(longest[lang], n)
					if n > maxCardWords {
						t.Errorf("%s: card has %d words, over %d", name, n, maxCardWords)
					}
				}
			}
		})
		if n != 288 {
			t.Errorf("profiles visited %d answer sets, want 288", n)
		}
	}
}

// checkCardActions holds the card's controls to SPEC §5 and to the IDs the
// handlers read back.
func checkCardActions(t *testing.T, name string, s dialog.Session, rec dialog.Advice, o cardOptions, blocks []slack.Block) {
	t.Helper()
	var actions *slack.ActionBlock
	for _, b := range blocks {
		if a, ok := b.(*slack.ActionBlock); ok {
			actions = a
		}
	}
	if actions == nil {
		t.Fatalf("%s: card has no actions block", name)
	}
	if want := blockCardPrefix + strconv.Itoa(s.CardRev) + ":" + string(s.Lang); actions.BlockID != want {
		t.Errorf("%s: actions block_id = %q, want %q", name, actions.BlockID, want)
	}
	got := map[string]slack.BlockElement{}
	for _, e := range actions.Elements.ElementSet {
		switch e := e.(type) {
		case *slack.ButtonBlockElement:
			got[e.ActionID] = e
		case *slack.SelectBlockElement:
			got[e.ActionID] = e
		}
	}
	if b, ok := got[actionOpenCase].(*slack.ButtonBlockElement); !ok || b.Value != string(rec.Case) {
		t.Errorf("%s: open_case_study = %+v, want a button with value %q", name, got[actionOpenCase], rec.Case)
	}
	if b, ok := got[actionOpenComparison].(*slack.ButtonBlockElement); !ok || b.Value != string(s.Lang) {
		t.Errorf("%s: open_comparison = %+v, want a button with value %q", name, got[actionOpenComparison], s.Lang)
	}
	link, ok := got[actionReadArticle].(*slack.ButtonBlockElement)
	switch {
	case o.CaseURL == "" && ok:
		t.Errorf("%s: link button without CASE_STUDY_URL", name)
	case o.CaseURL != "" && (!ok || link.URL != o.CaseURL+"#"+string(rec.Case)):
		t.Errorf("%s: read_article = %+v, want a link to %s#%s", name, got[actionReadArticle], o.CaseURL, rec.Case)
	}
	for _, id := range []string{actionShare, actionRestart, actionChangeAnswer} {
		if _, ok := got[id]; ok != o.Interactive {
			t.Errorf("%s: has %s = %t, want %t (Interactive)", name, id, ok, o.Interactive)
		}
	}
	if b, ok := got[actionShare].(*slack.ButtonBlockElement); ok && b.Value != strconv.Itoa(s.CardRev) {
		t.Errorf("%s: share value = %q, want %d", name, b.Value, s.CardRev)
	}
	if sel, ok := got[actionChangeAnswer].(*slack.SelectBlockElement); ok {
		var values []string
		for _, opt := range sel.Options {
			values = append(values, opt.Value)
		}
		var want []string
		for _, q := range knowledge.Questions {
			want = append(want, string(q.ID))
		}
		if diff := cmp.Diff(want, values); diff != "" {
			t.Errorf("%s: change_answer option values (-want +got):\n%s", name, diff)
		}
	}
}

// checkMessage holds a rendered message to Slack's Block Kit limits, past
// which Slack rejects it whole, and to SPEC §7: the only mention allowed is
// the one the bot means (mention, or none when empty).
func checkMessage(t *testing.T, name, fallback string, blocks []slack.Block, mention string) {
	t.Helper()
	if len(blocks) > 50 {
		t.Errorf("%s: %d blocks, want ≤ 50", name, len(blocks))
	}
	checkLimits(t, name, blocks)
	for _, s := range append(allStrings(t, blocks), fallback) {
		if mention != "" {
			s = strings.ReplaceAll(s, "<@"+mention+">", "")
		}
		if strings.Contains(s, "<!") || strings.Contains(s, "<@") {
			t.Errorf("%s: live mention in %q", name, s)
		}
	}
}

// checkLimits walks the JSON Slack would receive, so it sees what slack-go
// encodes rather than what our structs hold.
func checkLimits(t *testing.T, name string, v any) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(encode(t, v), &doc); err != nil {
		t.Fatal(err)
	}
	runes := utf8.RuneCountInString
	var walk func(node any, path string)
	walk = func(node any, path string) {
		switch n := node.(type) {
		case []any:
			for i, x := range n {
				walk(x, fmt.Sprintf("%s[%d]", path, i))
			}
		case map[string]any:
			text, _ := n["text"].(map[string]any)
			textLen := func() int { s, _ := text["text"].(string); return runes(s) }
			switch n["type"] {
			case "plain_text", "mrkdwn":
				s, _ := n["text"].(string)
				if runes(s) == 0 || runes(s) > maxText {
					t.Errorf("%s: %s text has %d characters, want 1 to %d", name, path, runes(s), maxText)
				}
			case "header":
				if textLen() > maxHeader {
					t.Errorf("%s: %s header has %d characters, want ≤ %d", name, path, textLen(), maxHeader)
				}
			case "button":
				if textLen() > maxButton {
					t.Errorf("%s: %s button text has %d characters, want ≤ %d", name, path, textLen(), maxButton)
				}
			case "actions":
				seen := map[string]bool{}
				elements, _ := n["elements"].([]any)
				for _, e := range elements {
					id, _ := e.(map[string]any)["action_id"].(string)
					if seen[id] {
						t.Errorf("%s: %s repeats action_id %q", name, path, id)
					}
					seen[id] = true
				}
			}
			if options, ok := n["options"].([]any); ok {
				for i, o := range options {
					txt, _ := o.(map[string]any)["text"].(map[string]any)
					if s, _ := txt["text"].(string); runes(s) > maxOption {
						t.Errorf("%s: %s.options[%d] text has %d characters, want ≤ %d", name, path, i, runes(s), maxOption)
					}
				}
			}
			for k, x := range n {
				walk(x, path+"."+k)
			}
		}
	}
	walk(doc, name)
}

// allStrings returns every string in v's JSON encoding, decoded.
func allStrings(t *testing.T, v any) []string {
	t.Helper()
	var doc any
	if err := json.Unmarshal(encode(t, v), &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(node any) {
		switch n := node.(type) {
		case string:
			out = append(out, n)
		case []any:
			for _, x := range n {
				walk(x)
			}
		case map[string]any:
			for _, x := range n {
				walk(x)
			}
		}
	}
	walk(doc)
	return out
}

func TestQuestionMessage(t *testing.T) {
	kb := testKB(t)
	for _, lang := range knowledge.Langs {
		tx := kb.Text(lang)
		s := dialog.Start(testKey, testOwner, lang, testNow)
		for s.State == dialog.Active {
			name := fmt.Sprintf("%s %s", lang, s.Current)
			fallback, blocks := questionMessage(tx, s)
			checkMessage(t, name, fallback, blocks, "")
			q, _ := knowledge.Lookup(s.Current)
			var actions *slack.ActionBlock
			for _, b := range blocks {
				if a, ok := b.(*slack.ActionBlock); ok {
					actions = a
				}
			}
			if actions == nil {
				t.Fatalf("%s: no actions block", name)
			}
			if want := blockAskPrefix + strconv.Itoa(s.Asked); actions.BlockID != want {
				t.Errorf("%s: block_id = %q, want %q", name, actions.BlockID, want)
			}
			var got, want []string
			for i, e := range actions.Elements.ElementSet {
				b := e.(*slack.ButtonBlockElement)
				got = append(got, b.ActionID+"="+b.Value+"/"+b.Text.Text)
				o := q.Options[i]
				want = append(want, actionAnswerPrefix+string(o)+"="+string(q.ID)+":"+string(o)+"/"+tx.Questions[q.ID].Options[o].Label)
				if b.Style != "" {
					t.Errorf("%s: button %s has style %q on a first asking", name, b.ActionID, b.Style)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: buttons (-want +got):\n%s", name, diff)
			}
			var err error
			if s, err = s.Answer(q.ID, q.Options[0], s.Asked, testNow); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestQuestionMessageMarksPreviousAnswer(t *testing.T) {
	kb := testKB(t)
	s := answered(t, knowledge.English, []knowledge.OptionID{knowledge.Scaleup})
	s, err := s.Back(testNow)
	if err != nil {
		t.Fatal(err)
	}
	_, blocks := questionMessage(kb.Text(knowledge.English), s)
	styles := map[string]slack.Style{}
	for _, b := range blocks {
		if a, ok := b.(*slack.ActionBlock); ok {
			for _, e := range a.Elements.ElementSet {
				b := e.(*slack.ButtonBlockElement)
				styles[b.ActionID] = b.Style
			}
		}
	}
	want := map[string]slack.Style{
		actionAnswerPrefix + "startup":    "",
		actionAnswerPrefix + "scaleup":    slack.StylePrimary,
		actionAnswerPrefix + "enterprise": "",
	}
	if diff := cmp.Diff(want, styles); diff != "" {
		t.Errorf("button styles after back (-want +got):\n%s", diff)
	}
}

func TestNoMatchMessageEscapesUserText(t *testing.T) {
	kb := testKB(t)
	tx := kb.Text(knowledge.English)
	tests := []struct {
		name     string
		text     string
		wantEcho string // what the user sees quoted, decoded from mrkdwn
	}{
		{name: "mentions", text: "<!channel> & <@U1>", wantEcho: "<!channel> & <@U1>"},
		{name: "fake link", text: "<https://evil.example|Approve>", wantEcho: "<https://evil.example|Approve>"},
		{name: "newlines flattened", text: "a\n> quote from the CEO\n", wantEcho: "a > quote from the CEO"},
		{name: "long", text: strings.Repeat("<!here>", 40), wantEcho: strings.Repeat("<!here>", 14) + "<…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fallback, blocks := noMatchMessage(tx, knowledge.Urgency, tt.text)
			checkMessage(t, tt.name, fallback, blocks, "")
			want := fmt.Sprintf(tx.Phrases.NoMatch, escapeMrkdwn(tt.wantEcho))
			if fallback != want {
				t.Errorf("noMatchMessage(%q) fallback = %q, want %q", tt.text, fallback, want)
			}
			if got := blocks[0].(*slack.SectionBlock).Text.Text; !strings.HasPrefix(got, want+"\n") {
				t.Errorf("noMatchMessage(%q) text = %q, want it to start with %q", tt.text, got, want)
			}
		})
	}
}

// TestCardMessageCloseCall: a close call says what it turns on, never a
// score or a margin in points.
func TestCardMessageCloseCall(t *testing.T) {
	kb := testKB(t)
	for _, lang := range knowledge.Langs {
		tx := kb.Text(lang)
		p := []knowledge.OptionID{knowledge.Startup, knowledge.LeadNone, knowledge.NeedVision, knowledge.LongTerm, knowledge.Flexible}
		s := answered(t, lang, p)
		a := dialog.Advise(kb, s.Answers)
		if a.CloseCall == nil {
			t.Fatalf("Advise(%v).CloseCall = nil, want a close call", p)
		}
		fallback, blocks := cardMessage(tx, s, a, cardOptions{Interactive: true})
		checkMessage(t, "close call", fallback, blocks, "")
		text := cardWords(t, blocks)
		for _, want := range []string{
			escapeMrkdwn(strings.TrimSpace(fmt.Sprintf(tx.Phrases.CloseCall, tx.Settle[knowledge.Budget], ""))),
			escapeMrkdwn(tx.Outcomes[knowledge.HireInternal].Advise),
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s close-call card lacks %q:\n%s", lang, want, text)
			}
		}
		if strings.Contains(text, "point") {
			t.Errorf("%s close-call card speaks of points:\n%s", lang, text)
		}
	}
}

func TestComparisonModal(t *testing.T) {
	kb := testKB(t)
	for _, lang := range knowledge.Langs {
		tx := kb.Text(lang)
		v := comparisonModal(tx)
		checkLimits(t, string(lang), v)
		if n := utf8.RuneCountInString(v.Title.Text); n > maxModalTitle {
			t.Errorf("%s: title %q has %d characters, want ≤ %d", lang, v.Title.Text, n, maxModalTitle)
		}
		got := strings.Join(allStrings(t, v), "\n")
		want := []string{tx.Phrases.Factors, tx.Phrases.Conclusion, tx.Factors[0], tx.Factors[3]}
		for _, c := range knowledge.Criteria {
			want = append(want, tx.Criteria[c].Name)
		}
		for _, w := range want {
			if !strings.Contains(got, escapeMrkdwn(w)) {
				t.Errorf("%s comparison modal lacks %q", lang, w)
			}
		}
	}
}

func TestRootMessageEscapesOwner(t *testing.T) {
	kb := testKB(t)
	fallback, blocks := rootMessage(kb.Text(knowledge.French), "U1><!channel")
	checkMessage(t, "root", fallback, blocks, "U1&gt;&lt;!channel")
	if !strings.Contains(fallback, "<@U1&gt;&lt;!channel>") {
		t.Errorf("rootMessage fallback = %q, want the owner's ID escaped inside one mention", fallback)
	}
}

func TestCaseStudyModal(t *testing.T) {
	kb := testKB(t)
	for _, lang := range knowledge.Langs {
		for _, c := range knowledge.Cases {
			for _, url := range []string{"", testCaseURL} {
				name := fmt.Sprintf("%s %s url=%q", lang, c, url)
				v := caseStudyModal(kb.Text(lang), c, url)
				checkLimits(t, name, v)
				if n := utf8.RuneCountInString(v.Title.Text); n > maxModalTitle {
					t.Errorf("%s: title %q has %d characters, want ≤ %d", name, v.Title.Text, n, maxModalTitle)
				}
				if v.CallbackID != callbackCase || v.Submit != nil {
					t.Errorf("%s: callback_id = %q, submit = %v; want %q and none", name, v.CallbackID, v.Submit, callbackCase)
				}
				link := "<" + url + "#" + string(c) + "|"
				if got := strings.Contains(strings.Join(allStrings(t, v), "\n"), link); got != (url != "") {
					t.Errorf("%s: has link %s = %t, want %t", name, link, got, url != "")
				}
			}
		}
	}
}

func TestShareModal(t *testing.T) {
	kb := testKB(t)
	tx := kb.Text(knowledge.English)
	s := answered(t, knowledge.English, case1Profile)
	_, preview := cardMessage(tx, s, dialog.Advise(kb, s.Answers), cardOptions{SharedBy: testOwner, Permalink: testPermalink})

	t.Run("not configured", func(t *testing.T) {
		v := shareModal(tx, nil, nil, preview, testMetadata)
		if v.Submit != nil {
			t.Errorf("submit = %+v, want none without channels", v.Submit)
		}
		for _, b := range v.Blocks.BlockSet {
			if b.BlockType() == slack.MBTInput {
				t.Errorf("modal has an input block without channels")
			}
		}
		if got := strings.Join(allStrings(t, v), "\n"); !strings.Contains(got, "LEADERSHIP_CHANNELS") {
			t.Errorf("modal does not name LEADERSHIP_CHANNELS:\n%s", got)
		}
	})

	tests := []struct {
		name     string
		channels []string
		names    map[string]string
		want     []string // option text=value
		initial  string
	}{
		{name: "names known", channels: []string{"C1", "C2"}, names: map[string]string{"C1": "exec", "C2": "board"}, want: []string{"#exec=C1", "#board=C2"}},
		{name: "name unknown", channels: []string{"C1", "C2"}, names: map[string]string{"C2": "board"}, want: []string{"C1=C1", "#board=C2"}},
		{name: "one channel preselected", channels: []string{"C1"}, want: []string{"C1=C1"}, initial: "C1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := shareModal(tx, tt.channels, tt.names, preview, testMetadata)
			checkLimits(t, tt.name, v)
			if v.CallbackID != callbackShare || v.PrivateMetadata != testMetadata || v.Submit == nil {
				t.Errorf("callback_id = %q, private_metadata = %q, submit = %v", v.CallbackID, v.PrivateMetadata, v.Submit)
			}
			if n := utf8.RuneCountInString(v.Title.Text); n > maxModalTitle {
				t.Errorf("title %q has %d characters, want ≤ %d", v.Title.Text, n, maxModalTitle)
			}
			input, ok := v.Blocks.BlockSet[0].(*slack.InputBlock)
			if !ok || input.BlockID != blockShareChannel {
				t.Fatalf("first block = %+v, want the input %q", v.Blocks.BlockSet[0], blockShareChannel)
			}
			sel := input.Element.(*slack.SelectBlockElement)
			if sel.ActionID != actionShareChannel {
				t.Errorf("select action_id = %q, want %q", sel.ActionID, actionShareChannel)
			}
			var got []string
			for _, o := range sel.Options {
				got = append(got, o.Text.Text+"="+o.Value)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
			var initial string
			if sel.InitialOption != nil {
				initial = sel.InitialOption.Value
			}
			if initial != tt.initial {
				t.Errorf("initial option = %q, want %q", initial, tt.initial)
			}
			// The preview is the tail of the modal, block for block.
			tail := v.Blocks.BlockSet[len(v.Blocks.BlockSet)-len(preview):]
			if diff := cmp.Diff(string(encode(t, preview)), string(encode(t, tail))); diff != "" {
				t.Errorf("preview differs from the blocks to post (-want +got):\n%s", diff)
			}
		})
	}
}
