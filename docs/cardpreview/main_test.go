package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunGoldenCard(t *testing.T) {
	out := filepath.Join(t.TempDir(), "card.html")
	var stderr bytes.Buffer
	if code := run([]string{"-in", "../../bot/testdata/received_card_en.json", "-out", out}, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("run = %d, want 0; stderr: %s", code, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	for _, want := range []string{
		`<div class="block header">Fractional CTO now, then a full-time CTO</div>`,
		`<span class="app">APP</span>`,
		`<b>Why</b>`,
		`<b>What would change it</b>`,
		`<span class="btn primary">Read the case study</span>`,
		`<span class="btn">Start over</span>`,
		`<span class="select muted">Change an answer`,
		`<span class="btn">Compare the two models</span>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered received_card_en.json lacks %q", want)
		}
	}
	for _, raw := range []string{"*Why*", "*What would change it*"} {
		if strings.Contains(html, raw) {
			t.Errorf("rendered received_card_en.json still contains raw mrkdwn %q", raw)
		}
	}
}

func TestRenderSharedCardMentions(t *testing.T) {
	data, err := os.ReadFile("../../bot/testdata/card_shared_en.json")
	if err != nil {
		t.Fatal(err)
	}
	msg, err := parseMessage(data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := render(&b, msg, options{Sender: "CTO Advisor", Names: map[string]string{"U0OWNER": "alice"}}); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if want := `<span class="mention">@alice</span>`; !strings.Contains(html, want) {
		t.Errorf("rendered card_shared_en.json lacks mention chip %q", want)
	}
	if want := `<a href="https://acme.slack.com/archives/C0TEAM/p1700000000000100">see the thread</a>`; !strings.Contains(html, want) {
		t.Errorf("rendered card_shared_en.json lacks link %q", want)
	}
	for _, raw := range []string{"<@", "&lt;@", "<http", "&lt;http"} {
		if strings.Contains(html, raw) {
			t.Errorf("rendered card_shared_en.json contains raw token %q", raw)
		}
	}
}

func TestInline(t *testing.T) {
	md := mrkdwn{names: map[string]string{"U1": "alice", "C1": "general"}}
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "bold", in: "a *b* c", want: "a <b>b</b> c"},
		{name: "italic", in: "_The in-house CTO_: x", want: "<i>The in-house CTO</i>: x"},
		{name: "strike", in: "~gone~", want: "<s>gone</s>"},
		{name: "nested", in: "*_both_*", want: "<b><i>both</i></b>"},
		{name: "snake case stays", in: "snake_case_name", want: "snake_case_name"},
		{name: "arithmetic stays", in: "2*3*4", want: "2*3*4"},
		{name: "spaced star stays", in: "a * b * c", want: "a * b * c"},
		{name: "code keeps markers", in: "run `go *test*`", want: "run <code>go *test*</code>"},
		{name: "link", in: "<https://example.com/a_b_c|the *site*>", want: `<a href="https://example.com/a_b_c">the *site*</a>`},
		{name: "bare link", in: "<https://example.com>", want: `<a href="https://example.com">https://example.com</a>`},
		{name: "bold link", in: "*<https://x.io|x>*", want: `<b><a href="https://x.io">x</a></b>`},
		{name: "unsafe scheme", in: "<javascript:alert(1)|click>", want: "click"},
		{name: "mention by name", in: "hi <@U1>", want: `hi <span class="mention">@alice</span>`},
		{name: "mention with label", in: "<@U2|bob>", want: `<span class="mention">@bob</span>`},
		{name: "unknown mention", in: "<@U9>", want: `<span class="mention">@U9</span>`},
		{name: "channel", in: "in <#C1>", want: `in <span class="channel">#general</span>`},
		{name: "channel with label", in: "<#C2|random>", want: `<span class="channel">#random</span>`},
		{name: "here", in: "<!here> look", want: `<span class="mention">@here</span> look`},
		{name: "entities", in: "R&amp;D &lt;3 a&gt;b", want: "R&amp;D &lt;3 a&gt;b"},
		{name: "double escaped", in: "&amp;lt;", want: "&amp;lt;"},
		{name: "script text", in: "&lt;script&gt;alert('x')&lt;/script&gt;", want: "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
		{name: "quote in label", in: `<https://x.io/?q="a"|say "hi">`, want: `<a href="https://x.io/?q=&#34;a&#34;">say &#34;hi&#34;</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(md.inline(tt.in)); got != tt.want {
				t.Errorf("inline(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBlockHTMLLists(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "bullet", in: "• *a*: b", want: `<div class="li"><span class="marker">•</span><span><b>a</b>: b</span></div>`},
		{name: "numbered", in: "12. step", want: `<div class="li"><span class="marker">12.</span><span>step</span></div>`},
		{name: "quote", in: "&gt; said", want: `<div class="quote">said</div>`},
		{name: "lines", in: "a\n\nb", want: `<div class="line">a</div><div class="line"><br></div><div class="line">b</div>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(mrkdwn{}.blockHTML(tt.in)); got != tt.want {
				t.Errorf("blockHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRenderEscapesScript(t *testing.T) {
	const card = `{"blocks": [
		{"type": "header", "text": {"type": "plain_text", "text": "<script>alert(1)</script>"}},
		{"type": "section", "text": {"type": "mrkdwn", "text": "&lt;script&gt;alert(2)&lt;/script&gt;"},
		 "fields": [{"type": "plain_text", "text": "<img src=x onerror=alert(3)>"}]},
		{"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "</span><script>"}}]}
	]}`
	msg, err := parseMessage([]byte(card))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := render(&b, msg, options{Sender: "CTO Advisor"}); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if strings.Contains(html, "<script") || strings.Contains(html, "<img src=x") {
		t.Errorf("render left message text unescaped:\n%s", html)
	}
	for _, want := range []string{"&lt;script&gt;alert(1)", "&lt;script&gt;alert(2)", "&lt;img src=x onerror=alert(3)&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("render lacks escaped text %q", want)
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unsupported := write("video.json", `[{"type": "video"}]`)
	empty := write("empty.json", `{}`)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{name: "no input", args: nil, want: 2},
		{name: "bad name flag", args: []string{"-in", unsupported, "-name", "U1"}, want: 2},
		{name: "missing file", args: []string{"-in", filepath.Join(dir, "nope.json")}, want: 1},
		{name: "unsupported block", args: []string{"-in", unsupported}, want: 1},
		{name: "empty message", args: []string{"-in", empty}, want: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := run(tt.args, &bytes.Buffer{}, &stderr); got != tt.want {
				t.Errorf("run(%q) = %d, want %d; stderr: %s", tt.args, got, tt.want, stderr.String())
			}
			if stderr.Len() == 0 {
				t.Errorf("run(%q) wrote nothing to stderr", tt.args)
			}
		})
	}
}
