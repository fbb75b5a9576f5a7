package main

import (
	"html/template"
	"strings"
	"unicode"
)

// Atoms are HTML fragments built while converting one line; the line refers
// to each by a rune from the private use area, so emphasis matching never
// looks inside a link, a mention or a code span.
const atomBase = '\uE000'

// mrkdwn converts Slack mrkdwn to HTML. Every piece of message text goes
// through template.HTMLEscapeString after Slack's own &amp; &lt; &gt; are
// decoded, so the result is safe to mark as template.HTML.
type mrkdwn struct {
	names map[string]string // user, channel or group ID -> display name
}

// blockHTML renders a whole mrkdwn text: one line per "\n", with "• ", "- "
// and "1. " lines laid out with a hanging indent as Slack does.
func (m mrkdwn) blockHTML(text string) template.HTML {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if marker, rest, ok := listItem(line); ok {
			b.WriteString(`<div class="li"><span class="marker">`)
			b.WriteString(template.HTMLEscapeString(marker))
			b.WriteString(`</span><span>`)
			b.WriteString(string(m.inline(rest)))
			b.WriteString(`</span></div>`)
			continue
		}
		if rest, ok := strings.CutPrefix(line, "&gt; "); ok {
			b.WriteString(`<div class="quote">`)
			b.WriteString(string(m.inline(rest)))
			b.WriteString(`</div>`)
			continue
		}
		b.WriteString(`<div class="line">`)
		if line == "" {
			b.WriteString("<br>")
		} else {
			b.WriteString(string(m.inline(line)))
		}
		b.WriteString(`</div>`)
	}
	return template.HTML(b.String())
}

// listItem reports whether line starts like a bullet or numbered item.
func listItem(line string) (marker, rest string, ok bool) {
	for _, bullet := range []string{"• ", "◦ ", "- "} {
		if rest, ok := strings.CutPrefix(line, bullet); ok {
			return "•", rest, true
		}
	}
	digits := 0
	for digits < len(line) && line[digits] >= '0' && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits <= 3 && strings.HasPrefix(line[digits:], ". ") {
		return line[:digits+1], line[digits+2:], true
	}
	return "", "", false
}

// inline converts one line: <…> tokens, entities, `code`, then *bold*,
// _italic_ and ~strike~.
func (m mrkdwn) inline(line string) template.HTML {
	var atoms []string
	atom := func(html string) rune {
		atoms = append(atoms, html)
		return atomBase + rune(len(atoms)-1)
	}

	// Raw '<' only ever opens a token: Slack requires literal ones as &lt;.
	var rs []rune
	for rest := line; rest != ""; {
		open := strings.IndexByte(rest, '<')
		if open < 0 {
			rs = append(rs, []rune(decodeEntities(rest))...)
			break
		}
		end := strings.IndexByte(rest[open:], '>')
		if end < 0 {
			rs = append(rs, []rune(decodeEntities(rest))...)
			break
		}
		rs = append(rs, []rune(decodeEntities(rest[:open]))...)
		rs = append(rs, atom(m.token(rest[open+1:open+end])))
		rest = rest[open+end+1:]
	}

	rs = codeSpans(rs, atom)
	rs = emphasis(rs, '*', "b", atom)
	rs = emphasis(rs, '_', "i", atom)
	rs = emphasis(rs, '~', "s", atom)

	var b strings.Builder
	var plain []rune
	flush := func() {
		b.WriteString(template.HTMLEscapeString(string(plain)))
		plain = plain[:0]
	}
	for _, r := range rs {
		if i := int(r - atomBase); i >= 0 && i < len(atoms) {
			flush()
			b.WriteString(atoms[i])
			continue
		}
		plain = append(plain, r)
	}
	flush()
	return template.HTML(b.String())
}

// token renders the inside of one <…>: a mention, a channel, a special
// mention, a date or a link.
func (m mrkdwn) token(tok string) string {
	target, label, hasLabel := strings.Cut(tok, "|")
	label = decodeEntities(label)
	esc := template.HTMLEscapeString
	chip := func(text string) string {
		return `<span class="mention">` + esc(text) + `</span>`
	}
	switch {
	case strings.HasPrefix(target, "@"):
		id := target[1:]
		if !hasLabel {
			label = m.name(id)
		}
		return chip("@" + strings.TrimPrefix(label, "@"))
	case strings.HasPrefix(target, "#"):
		id := target[1:]
		if !hasLabel {
			label = m.name(id)
		}
		return `<span class="channel">#` + esc(strings.TrimPrefix(label, "#")) + `</span>`
	case strings.HasPrefix(target, "!subteam^"):
		if !hasLabel {
			label = m.name(strings.TrimPrefix(target, "!subteam^"))
		}
		return chip("@" + strings.TrimPrefix(label, "@"))
	case strings.HasPrefix(target, "!date^"):
		return esc(label)
	case strings.HasPrefix(target, "!"):
		return chip("@" + target[1:])
	}
	url := decodeEntities(target)
	if !hasLabel {
		label = url
	}
	if !safeURL(url) {
		return esc(label)
	}
	return `<a href="` + esc(url) + `">` + esc(label) + `</a>`
}

func (m mrkdwn) name(id string) string {
	if n, ok := m.names[id]; ok {
		return n
	}
	return id
}

// safeURL keeps javascript: and other schemes out of the page's links.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// decodeEntities undoes the three escapes Slack requires in message text;
// &amp; goes last so "&amp;lt;" stays the literal "&lt;".
func decodeEntities(s string) string {
	s = strings.ReplaceAll(s, "&lt;", "<")
	s = strings.ReplaceAll(s, "&gt;", ">")
	return strings.ReplaceAll(s, "&amp;", "&")
}

// codeSpans turns `…` into atoms first, so markers inside code stay literal.
func codeSpans(rs []rune, atom func(string) rune) []rune {
	var out []rune
	for i := 0; i < len(rs); i++ {
		if rs[i] == '`' {
			if j := indexRune(rs, i+1, '`'); j > i+1 {
				code := template.HTMLEscapeString(string(rs[i+1 : j]))
				out = append(out, atom(`<code>`+code+`</code>`))
				i = j
				continue
			}
		}
		out = append(out, rs[i])
	}
	return out
}

// emphasis wraps marker…marker in tag where Slack would: the opener follows a
// boundary and precedes a non-space, the closer mirrors it, so snake_case and
// 2*3*4 stay as typed.
func emphasis(rs []rune, marker rune, tag string, atom func(string) rune) []rune {
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if rs[i] == marker && (i == 0 || boundary(rs[i-1])) && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != marker {
			if j := closer(rs, i+1, marker); j > 0 {
				out = append(out, atom("<"+tag+">"))
				out = append(out, rs[i+1:j]...)
				out = append(out, atom("</"+tag+">"))
				i = j
				continue
			}
		}
		out = append(out, rs[i])
	}
	return out
}

func closer(rs []rune, from int, marker rune) int {
	for j := from + 1; j < len(rs); j++ {
		if rs[j] == marker && !unicode.IsSpace(rs[j-1]) && (j+1 == len(rs) || boundary(rs[j+1])) {
			return j
		}
	}
	return -1
}

func boundary(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || r >= atomBase && r <= '\uF8FF'
}

func indexRune(rs []rune, from int, r rune) int {
	for j := from; j < len(rs); j++ {
		if rs[j] == r {
			return j
		}
	}
	return -1
}
