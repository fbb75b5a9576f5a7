package dialog

import (
	"errors"
	"strings"
	"testing"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

func loadKB(tb testing.TB) *knowledge.Base {
	tb.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		tb.Fatalf("knowledge.Load() = %v", err)
	}
	return kb
}

func word(w Word) Reply                 { return Reply{Word: w} }
func option(o knowledge.OptionID) Reply { return Reply{Option: o} }

func TestParseReply(t *testing.T) {
	kb := loadKB(t)
	tests := []struct {
		name    string
		q       knowledge.QuestionID
		text    string
		want    Reply
		wantErr error
	}{
		// Thread words, in either language, whatever is asked.
		{name: "back", q: knowledge.Need, text: "back", want: word(WordBack)},
		{name: "retour", q: knowledge.Need, text: "  Retour ", want: word(WordBack)},
		{name: "restart upper", q: knowledge.Need, text: "RESTART", want: word(WordRestart)},
		{name: "recommencer with dot", q: knowledge.Stage, text: "recommencer.", want: word(WordRestart)},
		{name: "cancel in backticks", q: knowledge.Stage, text: "`cancel`", want: word(WordCancel)},
		{name: "annuler in guillemets", q: knowledge.Stage, text: "« annuler »", want: word(WordCancel)},
		{name: "help after mention", q: knowledge.Stage, text: "<@U0123ABC> help", want: word(WordHelp)},
		{name: "aide after named mention", q: knowledge.Stage, text: "<@U0123ABC|marie> Aide", want: word(WordHelp)},
		{name: "question mark", q: knowledge.Stage, text: " ? ", want: word(WordHelp)},
		{name: "help with question mark", q: knowledge.Stage, text: "help?", want: word(WordHelp)},
		{name: "word with no question", q: "", text: "retour", want: word(WordBack)},
		{name: "word with unknown question", q: "mood", text: "cancel", want: word(WordCancel)},

		// Numbers as shown, from 1.
		{name: "number", q: knowledge.Stage, text: "2", want: option(knowledge.Scaleup)},
		{name: "number with dot", q: knowledge.Stage, text: "3.", want: option(knowledge.Enterprise)},
		{name: "number with paren", q: knowledge.TechLead, text: "4)", want: option(knowledge.LeadCTOOK)},
		{name: "hash number", q: knowledge.TechLead, text: "#2", want: option(knowledge.LeadITOps)},
		{name: "numero", q: knowledge.Need, text: "n°3", want: option(knowledge.NeedSpecialist)},
		{name: "numero upper spaced", q: knowledge.Need, text: "N° 1", want: option(knowledge.NeedScale)},
		{name: "number quoted", q: knowledge.Urgency, text: `"3"`, want: option(knowledge.LongTerm)},
		{name: "leading zero", q: knowledge.Budget, text: "02", want: option(knowledge.FixedOK)},
		{name: "number after mention", q: knowledge.Budget, text: "<@U1> 1", want: option(knowledge.Flexible)},
		{name: "zero", q: knowledge.Stage, text: "0", wantErr: ErrNoMatch},
		{name: "negative", q: knowledge.Stage, text: "-1", wantErr: ErrNoMatch},
		{name: "past the last option", q: knowledge.Budget, text: "3", wantErr: ErrNoMatch},
		{name: "huge number", q: knowledge.Stage, text: "18446744073709551617", wantErr: ErrNoMatch},
		{name: "number with no question", q: "", text: "1", wantErr: ErrNoMatch},
		{name: "number with unknown question", q: "mood", text: "1", wantErr: ErrNoMatch},

		// Labels, in either language.
		{name: "english label", q: knowledge.Stage, text: "Start-up, product still fragile", want: option(knowledge.Startup)},
		{name: "english label loose", q: knowledge.Urgency, text: "long term no deadline", want: option(knowledge.LongTerm)},
		{name: "french label", q: knowledge.Stage, text: "Scale-up, en croissance et déjà structurée", want: option(knowledge.Scaleup)},
		{name: "french label no accents", q: knowledge.Stage, text: "grand groupe organisation etablie", want: option(knowledge.Enterprise)},
		{name: "french label upper", q: knowledge.Urgency, text: "SUR LE LONG TERME, SANS ÉCHÉANCE", want: option(knowledge.LongTerm)},
		{name: "french label decomposed accents", q: knowledge.TechLead, text: "Une DSI orient\u0065\u0301e infrastructure et support", want: option(knowledge.LeadITOps)},
		{name: "french label in english session", q: knowledge.Budget, text: "Un coût variable, ajusté au besoin", want: option(knowledge.Flexible)},
		{name: "label quoted", q: knowledge.Need, text: "“Structure fast growth”", want: option(knowledge.NeedScale)},
		{name: "label with trailing dot", q: knowledge.Need, text: "Lancer un produit digital ou une transformation.", want: option(knowledge.NeedLaunch)},

		// Option IDs.
		{name: "id", q: knowledge.Stage, text: "startup", want: option(knowledge.Startup)},
		{name: "id hyphenated", q: knowledge.Stage, text: "Scale-up", want: option(knowledge.Scaleup)},
		{name: "id with underscore", q: knowledge.TechLead, text: "cto_overloaded", want: option(knowledge.LeadCTOOverloaded)},
		{name: "id with space", q: knowledge.TechLead, text: "it ops", want: option(knowledge.LeadITOps)},
		{name: "id with hyphen", q: knowledge.Urgency, text: "long-term", want: option(knowledge.LongTerm)},
		{name: "id upper", q: knowledge.Budget, text: "FIXED_OK", want: option(knowledge.FixedOK)},
		{name: "id of another question", q: knowledge.Stage, text: "immediate", wantErr: ErrNoMatch},

		// Nothing else.
		{name: "empty", q: knowledge.Stage, text: "", wantErr: ErrNoMatch},
		{name: "spaces", q: knowledge.Stage, text: "   ", wantErr: ErrNoMatch},
		{name: "only punctuation", q: knowledge.Stage, text: "...!", wantErr: ErrNoMatch},
		{name: "empty quotes", q: knowledge.Stage, text: `""`, wantErr: ErrNoMatch},
		{name: "bare mention", q: knowledge.Stage, text: "<@U1>", wantErr: ErrNoMatch},
		{name: "part of a label", q: knowledge.Stage, text: "product still fragile", wantErr: ErrNoMatch},
		{name: "part of an id", q: knowledge.Stage, text: "scale", wantErr: ErrNoMatch},
		{name: "label and more", q: knowledge.Need, text: "Structure fast growth please", wantErr: ErrNoMatch},
		{name: "word inside a sentence", q: knowledge.Need, text: "go back", wantErr: ErrNoMatch},
		{name: "emoji", q: knowledge.Stage, text: "👍", wantErr: ErrNoMatch},
		{name: "nonsense", q: knowledge.Stage, text: "banana", wantErr: ErrNoMatch},
		{name: "over the limit", q: knowledge.Stage, text: "1" + strings.Repeat(" ", MaxReply), wantErr: ErrNoMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseReply(kb, tt.q, tt.text)
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Errorf("ParseReply(%s, %q) = %+v, %v, want %+v, %v", tt.q, tt.text, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestParseReplyEveryOption checks that every option can be named every
// way the dialog shows it, in both languages, and that no two options of
// a question fold to the same label.
func TestParseReplyEveryOption(t *testing.T) {
	kb := loadKB(t)
	for _, q := range knowledge.Questions {
		for i, o := range q.Options {
			texts := []string{string(o), strings.ToUpper(string(o)), strings.Repeat(" ", i) + string(rune('1'+i))}
			for _, l := range knowledge.Langs {
				label := kb.Text(l).Questions[q.ID].Options[o].Label
				texts = append(texts, label, strings.ToUpper(label), strings.ToLower(label))
			}
			for _, text := range texts {
				got, err := ParseReply(kb, q.ID, text)
				if err != nil || got != option(o) {
					t.Errorf("ParseReply(%s, %q) = %+v, %v, want option %s", q.ID, text, got, err, o)
				}
			}
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "Scale-up, OK!", "scaleupok"},
		{"french accents", "Élève à l’échéance, où ça ?", "elevealecheanceouca"},
		{"ligatures", "Œuvre, cæcum", "oeuvrecaecum"},
		{"decomposed", "e\u0301te\u0301", "ete"},
		{"apostrophes", "l'équipe l’équipe l‘équipe", "lequipelequipelequipe"},
		{"other scripts kept", "Größe 東京", "grosse東京"},
		{"emoji dropped", "go 🚀 now", "gonow"},
		{"invalid utf-8", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		if got := string(fold(nil, tt.in)); got != tt.want {
			t.Errorf("%s: fold(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// FuzzParseReply holds ParseReply to its contract on any text: no panic,
// a result that is either a thread word or an option of the question
// asked, never both, and the same result every time.
func FuzzParseReply(f *testing.F) {
	kb := loadKB(f)
	for _, s := range []string{"1", "back", "Start-up, product still fragile", "it ops", "n°2"} {
		f.Add(s)
	}
	questions := []knowledge.QuestionID{"", "mood"}
	for _, q := range knowledge.Questions {
		questions = append(questions, q.ID)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range questions {
			got, err := ParseReply(kb, q, text)
			again, err2 := ParseReply(kb, q, text)
			if got != again || err != err2 {
				t.Fatalf("ParseReply(%s, %q) = %+v, %v, then %+v, %v", q, text, got, err, again, err2)
			}
			if err != nil {
				if err != ErrNoMatch || got != (Reply{}) {
					t.Fatalf("ParseReply(%s, %q) = %+v, %v, want ErrNoMatch and no reply", q, text, got, err)
				}
				continue
			}
			switch {
			case got.Word != "" && got.Option != "":
				t.Fatalf("ParseReply(%s, %q) = %+v, both a word and an option", q, text, got)
			case got.Word != "":
				if _, ok := words[string(got.Word)]; !ok {
					t.Fatalf("ParseReply(%s, %q) = unknown word %q", q, text, got.Word)
				}
			default:
				question, ok := knowledge.Lookup(q)
				if !ok || !question.Has(got.Option) {
					t.Fatalf("ParseReply(%s, %q) = option %q, not one of the question's", q, text, got.Option)
				}
			}
		}
	})
}

func BenchmarkParseReply(b *testing.B) {
	kb := loadKB(b)
	inputs := []struct {
		name string
		q    knowledge.QuestionID
		text string
	}{
		{"number", knowledge.Stage, "2"},
		{"word", knowledge.Stage, "<@U0123ABC> Retour"},
		{"label", knowledge.TechLead, "Un CTO interne disponible pour piloter"},
		{"id", knowledge.Urgency, "long-term"},
		{"no match", knowledge.Need, "something else entirely, with accents: éàü"},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseReply(kb, in.q, in.text); err != nil && in.name != "no match" {
					b.Fatal(err)
				}
			}
		})
	}
}
