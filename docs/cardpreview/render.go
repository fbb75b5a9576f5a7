package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// message is what the bot posts: an object with "blocks" (and a fallback
// "text"), or, as in bot/testdata/received_*.json, the bare blocks array.
type message struct {
	Text   string  `json:"text"`
	Blocks []block `json:"blocks"`
}

type block struct {
	Type      string    `json:"type"`
	Text      *textObj  `json:"text"`
	Fields    []textObj `json:"fields"`
	Accessory *element  `json:"accessory"`
	Elements  []element `json:"elements"`
	ImageURL  string    `json:"image_url"`
	AltText   string    `json:"alt_text"`
	Title     *textObj  `json:"title"`
}

type textObj struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// element is a block element. Its "text" is an object on buttons but a plain
// string on context elements, so it is decoded lazily.
type element struct {
	Type        string          `json:"type"`
	Text        json.RawMessage `json:"text"`
	Style       string          `json:"style"`
	URL         string          `json:"url"`
	Placeholder *textObj        `json:"placeholder"`
	InitialOpt  *struct {
		Text textObj `json:"text"`
	} `json:"initial_option"`
	ImageURL string `json:"image_url"`
	AltText  string `json:"alt_text"`
}

// parseMessage accepts both shapes the project stores.
func parseMessage(data []byte) (message, error) {
	trimmed := strings.TrimSpace(string(data))
	if strings.HasPrefix(trimmed, "[") {
		var blocks []block
		if err := json.Unmarshal(data, &blocks); err != nil {
			return message{}, fmt.Errorf("decode blocks: %w", err)
		}
		return message{Blocks: blocks}, nil
	}
	var m message
	if err := json.Unmarshal(data, &m); err != nil {
		return message{}, fmt.Errorf("decode message: %w", err)
	}
	if len(m.Blocks) == 0 && m.Text == "" {
		return message{}, errors.New("decode message: neither blocks nor text")
	}
	return m, nil
}

// page is what the template sees: all message text is already HTML,
// escaped by the mrkdwn converter or by plain.
type page struct {
	Sender   string
	Initials string
	Time     string
	Blocks   []viewBlock
}

type viewBlock struct {
	Type     string // header, section, context, divider, actions, image
	HTML     template.HTML
	Fields   []template.HTML
	Side     *control // a section's accessory
	Controls []control
	Context  []contextItem
	ImageURL string
	Alt      string
}

type control struct {
	Kind  string // button, select, overflow, image
	Label string
	Style string // primary, danger or empty
	Muted bool   // a select still showing its placeholder
	Image string
}

type contextItem struct {
	HTML  template.HTML
	Image string
	Alt   string
}

type options struct {
	Sender string
	Time   string
	Names  map[string]string
}

// render writes the HTML page for one message.
func render(w io.Writer, msg message, opt options) error {
	md := mrkdwn{names: opt.Names}
	p := page{Sender: opt.Sender, Initials: initials(opt.Sender), Time: opt.Time}
	if len(msg.Blocks) == 0 {
		// A text-only message renders like a single section.
		p.Blocks = append(p.Blocks, viewBlock{Type: "section", HTML: md.blockHTML(msg.Text)})
	}
	for i, b := range msg.Blocks {
		vb, err := view(md, b)
		if err != nil {
			return fmt.Errorf("block %d: %w", i, err)
		}
		p.Blocks = append(p.Blocks, vb)
	}
	return pageTemplate.Execute(w, p)
}

func view(md mrkdwn, b block) (viewBlock, error) {
	vb := viewBlock{Type: b.Type}
	switch b.Type {
	case "header":
		if b.Text == nil {
			return vb, errors.New("header without text")
		}
		vb.HTML = plain(b.Text.Text)
	case "section":
		if b.Text != nil {
			vb.HTML = textHTML(md, *b.Text)
		}
		for _, f := range b.Fields {
			vb.Fields = append(vb.Fields, textHTML(md, f))
		}
		if b.Accessory != nil {
			c, err := controlOf(*b.Accessory)
			if err != nil {
				return vb, fmt.Errorf("accessory: %w", err)
			}
			vb.Side = &c
		}
	case "context":
		for _, e := range b.Elements {
			if e.Type == "image" {
				vb.Context = append(vb.Context, contextItem{Image: e.ImageURL, Alt: e.AltText})
				continue
			}
			var s string
			if err := json.Unmarshal(e.Text, &s); err != nil {
				return vb, fmt.Errorf("context %s element: %w", e.Type, err)
			}
			vb.Context = append(vb.Context, contextItem{HTML: textHTML(md, textObj{Type: e.Type, Text: s})})
		}
	case "actions":
		for _, e := range b.Elements {
			c, err := controlOf(e)
			if err != nil {
				return vb, err
			}
			vb.Controls = append(vb.Controls, c)
		}
	case "image":
		vb.ImageURL, vb.Alt = b.ImageURL, b.AltText
		if b.Title != nil {
			vb.HTML = plain(b.Title.Text)
		}
	case "divider":
	default:
		// A silent gap would make the picture lie about the card.
		return vb, fmt.Errorf("unsupported block type %q", b.Type)
	}
	return vb, nil
}

func controlOf(e element) (control, error) {
	switch e.Type {
	case "button":
		var t textObj
		if err := json.Unmarshal(e.Text, &t); err != nil {
			return control{}, fmt.Errorf("button text: %w", err)
		}
		return control{Kind: "button", Label: t.Text, Style: e.Style}, nil
	case "static_select", "external_select", "users_select", "conversations_select", "channels_select":
		c := control{Kind: "select", Muted: true}
		if e.Placeholder != nil {
			c.Label = e.Placeholder.Text
		}
		if e.InitialOpt != nil {
			c.Label, c.Muted = e.InitialOpt.Text.Text, false
		}
		return c, nil
	case "overflow":
		return control{Kind: "overflow", Label: "⋯"}, nil
	case "image":
		return control{Kind: "image", Image: e.ImageURL, Label: e.AltText}, nil
	}
	return control{}, fmt.Errorf("unsupported element type %q", e.Type)
}

func textHTML(md mrkdwn, t textObj) template.HTML {
	if t.Type == "mrkdwn" {
		return md.blockHTML(t.Text)
	}
	return plain(t.Text)
}

// plain escapes plain_text, keeping its line breaks.
func plain(s string) template.HTML {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = template.HTMLEscapeString(l)
	}
	return template.HTML(strings.Join(lines, "<br>"))
}

func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		out = append(out, []rune(strings.ToUpper(w))[0])
		if len(out) == 2 {
			break
		}
	}
	return string(out)
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Sender}} card preview</title>
<style>
* { box-sizing: border-box; }
body {
  margin: 0; background: #fff; color: #1d1c1d;
  font: 15px/1.46668 Lato, "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased;
}
.msg { display: flex; padding: 12px 20px 16px; max-width: 760px; }
.avatar {
  flex: none; width: 36px; height: 36px; margin: 4px 8px 0 0; border-radius: 6px;
  background: #2f6f5e; color: #fff; font-weight: 900; font-size: 14px;
  display: flex; align-items: center; justify-content: center; letter-spacing: .5px;
}
.body { flex: 1; min-width: 0; }
.meta { display: flex; align-items: baseline; gap: 4px; line-height: 1.3; margin-bottom: 2px; }
.name { font-weight: 900; }
.app {
  font-size: 10px; font-weight: 700; line-height: 1.25; padding: 1px 3px; border-radius: 2px;
  background: rgba(29,28,29,.13); color: rgba(29,28,29,.7); position: relative; top: -1px;
}
.time { font-size: 12px; color: #616061; margin-left: 2px; }
.block { margin: 6px 0; }
.header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 4px 0 8px; }
.section { display: flex; gap: 12px; align-items: flex-start; }
.section .text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 4px; }
.context { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font-size: 12px; line-height: 1.5; color: #616061; }
.context img { width: 20px; height: 20px; border-radius: 4px; }
.context .mention, .context a { font-size: 12px; }
.divider { border: 0; border-top: 1px solid #dddddd; margin: 12px 0; }
.li { display: flex; padding-left: 4px; }
.li .marker { flex: none; min-width: 18px; padding-right: 6px; }
.quote { border-left: 4px solid #dddddd; padding-left: 12px; }
b { font-weight: 700; }
a { color: #1264a3; text-decoration: none; }
code {
  font: 12px/1.5 Monaco, Menlo, Consolas, "Liberation Mono", monospace; color: #e01e5a;
  background: rgba(29,28,29,.04); border: 1px solid rgba(29,28,29,.13); border-radius: 3px; padding: 2px 3px 1px;
}
.mention, .channel { color: #1264a3; background: rgba(29,155,209,.1); border-radius: 3px; padding: 0 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 4px; }
.btn, .select, .overflow {
  height: 28px; display: inline-flex; align-items: center; border-radius: 4px;
  font-size: 13px; font-weight: 700; white-space: nowrap; background: #fff;
  border: 1px solid rgba(29,28,29,.3); color: #1d1c1d; padding: 0 12px;
}
.btn.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.btn.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.select { font-weight: 400; min-width: 200px; justify-content: space-between; gap: 16px; }
.select.muted { color: #616061; }
.select .chevron { font-size: 10px; color: #1d1c1d; }
.overflow { padding: 0 8px; }
.image img { max-width: 360px; border-radius: 8px; }
</style>
</head>
<body>
<div class="msg">
  <div class="avatar">{{.Initials}}</div>
  <div class="body">
    <div class="meta"><span class="name">{{.Sender}}</span><span class="app">APP</span><span class="time">{{.Time}}</span></div>
{{- range .Blocks}}
{{- if eq .Type "header"}}
    <div class="block header">{{.HTML}}</div>
{{- else if eq .Type "section"}}
    <div class="block section"><div class="text">{{.HTML}}
      {{- if .Fields}}<div class="fields">{{range .Fields}}<div>{{.}}</div>{{end}}</div>{{end -}}
    </div>{{with .Side}}{{template "control" .}}{{end}}</div>
{{- else if eq .Type "context"}}
    <div class="block context">{{range .Context}}{{if .Image}}<img src="{{.Image}}" alt="{{.Alt}}">{{else}}<div>{{.HTML}}</div>{{end}}{{end}}</div>
{{- else if eq .Type "divider"}}
    <hr class="divider">
{{- else if eq .Type "actions"}}
    <div class="block actions">{{range .Controls}}{{template "control" .}}{{end}}</div>
{{- else if eq .Type "image"}}
    <div class="block image">{{if .HTML}}<div class="context">{{.HTML}}</div>{{end}}<img src="{{.ImageURL}}" alt="{{.Alt}}"></div>
{{- end}}
{{- end}}
  </div>
</div>
</body>
</html>
{{define "control" -}}
{{- if eq .Kind "button"}}<span class="btn{{with .Style}} {{.}}{{end}}">{{.Label}}</span>
{{- else if eq .Kind "select"}}<span class="select{{if .Muted}} muted{{end}}">{{.Label}}<span class="chevron">▼</span></span>
{{- else if eq .Kind "overflow"}}<span class="overflow">{{.Label}}</span>
{{- else if eq .Kind "image"}}<img src="{{.Image}}" alt="{{.Label}}" width="88" height="88" style="border-radius:4px">
{{- end}}
{{- end}}
`))
