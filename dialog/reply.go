package dialog

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// Word is a thread word: something typed to steer the dialog rather than to
// answer it.
type Word string

const (
	WordBack    Word = "back"
	WordRestart Word = "restart"
	WordCancel  Word = "cancel"
	WordHelp    Word = "help"
)

// Reply is what a typed message means: exactly one of Word and Option is
// set.
type Reply struct {
	Word   Word
	Option knowledge.OptionID
}

// MaxReply is the longest text [ParseReply] looks at, in bytes. No answer
// is anywhere near it, so longer text is refused before any work is done
// on it.
const MaxReply = 4000

// words maps each thread word, folded as [fold] does, to its meaning in
// either language.
var words = map[string]Word{
	"back":        WordBack,
	"retour":      WordBack,
	"restart":     WordRestart,
	"recommencer": WordRestart,
	"cancel":      WordCancel,
	"annuler":     WordCancel,
	"help":        WordHelp,
	"aide":        WordHelp,
}

// slackEntities undoes the only escaping Slack applies to message text, so
// a label with "&" matches what Slack delivers.
var slackEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// ParseReply reads a message typed while question q is asked. It accepts,
// in this order:
//
//   - a thread word in English or French (back/retour, restart/recommencer,
//     cancel/annuler, help/aide, or "?"), whatever q is;
//   - the option's number as shown, from 1 ("2", "#2", "n°2");
//   - the option's label in either language, ignoring case, accents,
//     punctuation and spaces;
//   - the option's ID, folded the same way, so "it ops", "IT-ops" and
//     "long-term" all name their option.
//
// Slack's escapes (&amp; &lt; &gt;) are undone, and surrounding spaces and
// quotes, a trailing "." or ")", and a leading Slack mention are ignored
// first. Anything else, including a part of a label,
// is [ErrNoMatch]: guessing would record an answer the user did not give.
// With q empty or unknown, only thread words match.
func ParseReply(kb *knowledge.Base, q knowledge.QuestionID, text string) (Reply, error) {
	if len(text) > MaxReply {
		return Reply{}, ErrNoMatch
	}
	s := clean(text)
	if s == "?" {
		return Reply{Word: WordHelp}, nil
	}
	var keyBuf [64]byte
	key := fold(keyBuf[:0], s)
	if w, ok := words[string(key)]; ok {
		return Reply{Word: w}, nil
	}
	question, ok := knowledge.Lookup(q)
	if !ok {
		return Reply{}, ErrNoMatch
	}
	if n, ok := number(s); ok && n >= 1 && n <= len(question.Options) {
		return Reply{Option: question.Options[n-1]}, nil
	}
	if len(key) > 0 && kb != nil {
		for _, o := range question.Options {
			for _, l := range knowledge.Langs {
				t := kb.Text(l)
				if t == nil {
					continue
				}
				if label := t.Questions[q].Options[o].Label; label != "" && foldEqual(key, label) {
					return Reply{Option: o}, nil
				}
			}
		}
	}
	if len(key) > 0 {
		for _, o := range question.Options {
			if foldEqual(key, string(o)) {
				return Reply{Option: o}, nil
			}
		}
	}
	return Reply{}, ErrNoMatch
}

// quotes are the pairs a reply may be wrapped in: ASCII, code, and the
// typographic ones phones and French keyboards produce.
var quotes = [][2]string{
	{`"`, `"`}, {"'", "'"}, {"`", "`"},
	{"“", "”"}, {"‘", "’"}, {"«", "»"}, {"„", "“"},
}

// clean strips what surrounds an answer without being part of it. Each
// round removes at least one byte, so it ends.
func clean(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = slackEntities.Replace(s)
	}
	for {
		s = strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(s, "<@") && strings.IndexByte(s, '>') > 0:
			s = s[strings.IndexByte(s, '>')+1:]
			continue
		case len(s) > 1 && (s[len(s)-1] == '.' || s[len(s)-1] == ')'):
			s = s[:len(s)-1]
			continue
		}
		if t, ok := unquote(s); ok {
			s = t
			continue
		}
		return s
	}
}

func unquote(s string) (string, bool) {
	for _, p := range quotes {
		if len(s) >= len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			return s[len(p[0]) : len(s)-len(p[1])], true
		}
	}
	return s, false
}

// numberPrefixes may precede an option's number: "#2", "n°2", "no. 2".
var numberPrefixes = []string{"#", "n°", "nº", "no.", "no", "n."}

// number reads an option number of at most three digits; more cannot be
// an option and would only invite overflow.
func number(s string) (int, bool) {
	for _, p := range numberPrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// fold appends to dst the letters and digits of s, lower-cased and with
// French accents and ligatures spelt out in ASCII, so "Scale-up" and
// "scaleup", or "Étude" and "etude", compare equal. Everything else
// (spaces, punctuation, apostrophes of any kind, emoji, combining marks
// of decomposed accents) is dropped.
func fold(dst []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				dst = append(dst, byte(r))
			case 'A' <= r && r <= 'Z':
				dst = append(dst, byte(r)+'a'-'A')
			}
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'à', 'á', 'â', 'ã', 'ä', 'å':
			dst = append(dst, 'a')
		case 'ç':
			dst = append(dst, 'c')
		case 'è', 'é', 'ê', 'ë':
			dst = append(dst, 'e')
		case 'ì', 'í', 'î', 'ï':
			dst = append(dst, 'i')
		case 'ñ':
			dst = append(dst, 'n')
		case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
			dst = append(dst, 'o')
		case 'ù', 'ú', 'û', 'ü':
			dst = append(dst, 'u')
		case 'ý', 'ÿ':
			dst = append(dst, 'y')
		case 'œ':
			dst = append(dst, 'o', 'e')
		case 'æ':
			dst = append(dst, 'a', 'e')
		case 'ß':
			dst = append(dst, 's', 's')
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return dst
}

// foldEqual reports whether s folds to key.
func foldEqual(key []byte, s string) bool {
	var buf [128]byte
	return bytes.Equal(key, fold(buf[:0], s))
}
