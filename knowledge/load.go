package knowledge

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

const (
	// maxLabel is Slack's limit on a button's text.
	maxLabel = 75
	// maxTitle keeps an outcome's title to one line of a card header.
	maxTitle = 60
	// factors is how many decision factors the article lists.
	factors = 4
	// markup holds the characters Slack's mrkdwn would interpret. Texts are
	// plain so that the terminal and Slack print the same words; the bot
	// escapes user input, not the knowledge. An underscore inside a word
	// (LEADERSHIP_CHANNELS) is not markup: Slack reads _ as italics only at a
	// word's edge.
	markup = "*_~`<>&"
)

var builtin = sync.OnceValues(func() (*Base, error) {
	b := &Base{
		Rules:  builtinRules,
		Argues: builtinArgues,
		texts:  map[Lang]*Text{English: english, French: french},
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	return b, nil
})

// Load returns the knowledge compiled into the binary, after checking that
// every question, option, outcome, case study and phrase is complete in
// every language and that the weights cover every option. An error lists
// every gap at once. Every call returns the same Base, which callers must
// not modify.
func Load() (*Base, error) {
	return builtin()
}

// problems collects every gap, so one run of the tests shows them all.
type problems []error

func (p *problems) addf(format string, args ...any) {
	*p = append(*p, fmt.Errorf("knowledge: "+format, args...))
}

func (b *Base) validate() error {
	var p problems
	checkRules(b.Rules, &p)
	checkArgues(b.Argues, &p)
	checkCases(CaseOf, &p)
	for _, l := range Langs {
		t, ok := b.texts[l]
		if !ok || t == nil {
			p.addf("%s: no text", l)
			continue
		}
		checkText(l, t, b.Argues, &p)
	}
	for _, l := range sortedKeys(b.texts) {
		if !slices.Contains(Langs, l) {
			p.addf("%s: text for a language the advisor does not speak", l)
		}
	}
	if en := b.texts[English]; en != nil {
		for _, l := range Langs[1:] {
			if t := b.texts[l]; t != nil {
				checkVerbs(l, &en.Phrases, &t.Phrases, &p)
			}
		}
	}
	return errors.Join(p...)
}

// checkRules holds the decision table to known IDs, and to giving advice
// for every complete profile: the last rule must match whatever the answers.
func checkRules(rules []Rule, p *problems) {
	if len(rules) == 0 {
		p.addf("rules: none")
		return
	}
	for i, r := range rules {
		for _, q := range sortedKeys(r.If) {
			question, ok := Lookup(q)
			if !ok {
				p.addf("rules[%d]: unknown question %s", i, q)
				continue
			}
			for _, o := range r.If[q] {
				if !question.Has(o) {
					p.addf("rules[%d]: question %s has no option %s", i, q, o)
				}
			}
		}
		if !slices.Contains(Outcomes, r.Then) {
			p.addf("rules[%d]: unknown outcome %s", i, r.Then)
		}
	}
	if last := rules[len(rules)-1]; len(last.If) != 0 {
		p.addf("rules: the last rule has conditions, so some profiles get no advice")
	}
	for _, o := range Outcomes {
		if _, ok := Plans[o]; !ok {
			p.addf("outcome %s has no plan", o)
		}
	}
}

// checkArgues holds the "why" table to known IDs.
func checkArgues(argues map[QuestionID]map[OptionID][]OutcomeID, p *problems) {
	for _, qid := range sortedKeys(argues) {
		q, ok := Lookup(qid)
		if !ok {
			p.addf("argues: unknown question %s", qid)
			continue
		}
		for _, o := range sortedKeys(argues[qid]) {
			if !q.Has(o) {
				p.addf("argues: question %s has no option %s", qid, o)
				continue
			}
			for _, out := range argues[qid][o] {
				if !slices.Contains(Outcomes, out) {
					p.addf("argues: %s/%s: unknown outcome %s", qid, o, out)
				}
			}
		}
	}
}

func checkCases(caseOf map[OutcomeID]CaseID, p *problems) {
	for _, out := range Outcomes {
		c, ok := caseOf[out]
		switch {
		case !ok:
			p.addf("outcome %s has no case study", out)
		case !slices.Contains(Cases, c):
			p.addf("outcome %s links to unknown case %s", out, c)
		}
	}
}

func checkText(l Lang, t *Text, argues map[QuestionID]map[OptionID][]OutcomeID, p *problems) {
	if t.Lang != l {
		p.addf("%s: text says it is in %q", l, t.Lang)
	}
	// Every string must be said, and said plainly, whatever the field.
	walkStrings(reflect.ValueOf(t).Elem(), "", func(path, s string) {
		// A reason's strings are optional: checked against the tables below.
		if strings.HasPrefix(path, "Reasons[") && s == "" {
			return
		}
		if strings.TrimSpace(s) == "" {
			p.addf("%s: %s is empty", l, path)
		} else if i := markupAt(s); i >= 0 {
			p.addf("%s: %s contains %q, which Slack reads as markup", l, path, s[i])
		}
	}, func(path string) {
		p.addf("%s: %s is empty", l, path)
	})

	for _, q := range Questions {
		qt, ok := t.Questions[q.ID]
		if !ok {
			p.addf("%s: question %s has no text", l, q.ID)
			continue
		}
		checkOptions(l, q, qt.Options, p)
	}
	for _, id := range sortedKeys(t.Questions) {
		if QuestionIndex(id) < 0 {
			p.addf("%s: text for unknown question %s", l, id)
		}
	}

	for _, id := range Outcomes {
		o, ok := t.Outcomes[id]
		if !ok {
			p.addf("%s: outcome %s has no text", l, id)
			continue
		}
		if n := utf8.RuneCountInString(o.Title); n > maxTitle {
			p.addf("%s: outcome %s: title is %d characters, over %d", l, id, n, maxTitle)
		}
	}
	for _, q := range Questions {
		lever := slices.Contains(Levers, q.ID)
		for _, o := range q.Options {
			r := t.Reasons[q.ID][o]
			if len(argues[q.ID][o]) > 0 && r.Why == "" {
				p.addf("%s: %s/%s argues for %v but has no reason", l, q.ID, o, argues[q.ID][o])
			}
			if len(argues[q.ID][o]) == 0 && r.Why != "" {
				p.addf("%s: %s/%s has a reason but argues for nothing", l, q.ID, o)
			}
			if lever && r.With == "" {
				p.addf("%s: lever %s/%s has no With", l, q.ID, o)
			}
			if !lever && r.With != "" {
				p.addf("%s: %s/%s is not a lever but has a With", l, q.ID, o)
			}
		}
		if _, ok := t.Settle[q.ID]; ok != slices.Contains(Settlers, q.ID) {
			p.addf("%s: question %s: Settle text only for, and for every one of, %v", l, q.ID, Settlers)
		}
	}
	checkExtra(l, "outcome", t.Outcomes, Outcomes, p)

	for _, id := range Cases {
		if _, ok := t.Cases[id]; !ok {
			p.addf("%s: case %s has no text", l, id)
		}
	}
	checkExtra(l, "case", t.Cases, Cases, p)

	for _, id := range Criteria {
		if _, ok := t.Criteria[id]; !ok {
			p.addf("%s: criterion %s has no text", l, id)
		}
	}
	checkExtra(l, "criterion", t.Criteria, Criteria, p)

	if len(t.Factors) != factors {
		p.addf("%s: %d decision factors, want %d", l, len(t.Factors), factors)
	}
}

// markupAt is the byte offset of the first character of s that Slack's
// mrkdwn would read as markup, or -1.
func markupAt(s string) int {
	for i, r := range s {
		if !strings.ContainsRune(markup, r) {
			continue
		}
		if r == '_' {
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+1:])
			if wordRune(before) && wordRune(after) {
				continue
			}
		}
		return i
	}
	return -1
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// checkOptions holds the labels to what a button and a typed reply need:
// short, distinct, and never mistaken for another option's number or ID.
func checkOptions(l Lang, q Question, texts map[OptionID]OptionText, p *problems) {
	seen := make(map[string]OptionID, len(q.Options))
	for _, o := range q.Options {
		ot, ok := texts[o]
		if !ok {
			p.addf("%s: question %s: option %s has no text", l, q.ID, o)
			continue
		}
		label := strings.TrimSpace(ot.Label)
		if label == "" {
			continue // reported with its path by walkStrings
		}
		if n := utf8.RuneCountInString(ot.Label); n > maxLabel {
			p.addf("%s: question %s: option %s: label is %d characters, over %d", l, q.ID, o, n, maxLabel)
		}
		if _, err := strconv.Atoi(label); err == nil {
			p.addf("%s: question %s: option %s: label %q reads as an option number", l, q.ID, o, label)
		}
		for _, other := range q.Options {
			if other != o && strings.EqualFold(label, string(other)) {
				p.addf("%s: question %s: option %s: label %q is option %s's ID", l, q.ID, o, label, other)
			}
		}
		key := strings.ToLower(label)
		if first, dup := seen[key]; dup {
			p.addf("%s: question %s: options %s and %s have the same label %q", l, q.ID, first, o, label)
		} else {
			seen[key] = o
		}
	}
	for _, o := range sortedKeys(texts) {
		if !q.Has(o) {
			p.addf("%s: question %s: text for unknown option %s", l, q.ID, o)
		}
	}
}

func checkExtra[K ~string, V any](l Lang, what string, texts map[K]V, known []K, p *problems) {
	for _, id := range sortedKeys(texts) {
		if !slices.Contains(known, id) {
			p.addf("%s: text for unknown %s %s", l, what, id)
		}
	}
}

// checkVerbs holds every phrase of l, the team card's included, to the
// format verbs of the reference phrases, in the same order, since callers
// pass the same arguments whatever the language.
func checkVerbs(l Lang, ref, ph *Phrases, p *problems) {
	want := make(map[string]string)
	walkStrings(reflect.ValueOf(ref).Elem(), "", func(path, s string) { want[path] = s }, func(string) {})
	walkStrings(reflect.ValueOf(ph).Elem(), "", func(path, s string) {
		if w, g := verbs(want[path]), verbs(s); !slices.Equal(w, g) {
			p.addf("%s: phrase %s has verbs %v, want %v as in %s", l, path, g, w, English)
		}
	}, func(string) {})
}

// verbs returns the fmt directives in s, flags and width included; "%%" is
// a literal and not a directive.
func verbs(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("+-# 0123456789.*[]", s[j]) >= 0 {
			j++
		}
		if j == len(s) {
			out = append(out, s[i:])
			break
		}
		if s[j] != '%' {
			_, size := utf8.DecodeRuneInString(s[j:])
			out = append(out, s[i:j+size])
			j += size - 1
		}
		i = j
	}
	return out
}

// walkStrings calls str for every string reachable from v and empty for
// every empty slice or map, with a path that names the IDs on the way, such
// as Questions[stage].Options[startup].Label.
func walkStrings(v reflect.Value, path string, str func(path, s string), empty func(path string)) {
	switch v.Kind() {
	case reflect.String:
		str(path, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, str, empty)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			// Conditions are IDs, checked with the rules; a Reason's
			// strings are optional and checked against the tables.
			if !f.IsExported() || f.Name == "If" {
				continue
			}
			// The lead sentence may be the whole summary.
			if (f.Name == "Summary" || f.Name == "Mission" || f.Name == "For") && v.Field(i).Len() == 0 {
				continue
			}
			name := f.Name
			if path != "" {
				name = path + "." + f.Name
			}
			walkStrings(v.Field(i), name, str, empty)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			empty(path)
		}
		for i := range v.Len() {
			walkStrings(v.Index(i), fmt.Sprintf("%s[%d]", path, i), str, empty)
		}
	case reflect.Map:
		if v.Len() == 0 {
			empty(path)
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		for _, k := range keys {
			walkStrings(v.MapIndex(k), fmt.Sprintf("%s[%s]", path, k.String()), str, empty)
		}
	}
}

// sortedKeys makes the order of reported problems stable.
func sortedKeys[M ~map[K]V, K cmp.Ordered, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
