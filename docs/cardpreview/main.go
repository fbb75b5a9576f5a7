// Cardpreview renders a Block Kit message as a self-contained HTML page that
// looks like Slack's, so the README's card screenshots come from the JSON the
// bot really sends rather than from a mock-up.
//
// It reads either a message object with "blocks" or a bare blocks array (the
// shape of bot/testdata/received_*.json) and writes HTML with no external
// assets. It uses only the standard library and is not part of the bot.
//
// To regenerate docs/card-en.png and docs/card-fr.png, from the repository
// root, with Debian's chromium, ImageMagick and fonts-lato installed:
//
//	for lang in en fr; do
//	  go run ./docs/cardpreview -in bot/testdata/received_card_$lang.json -out /tmp/card-$lang.html
//	  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
//	    --disable-background-networking --disable-component-update --disable-sync \
//	    --user-data-dir=$(mktemp -d) --hide-scrollbars --window-size=760,2400 \
//	    --screenshot=/tmp/card-$lang-raw.png file:///tmp/card-$lang.html
//	  convert /tmp/card-$lang-raw.png -trim -bordercolor white -border 12 -strip docs/card-$lang.png
//	done
//
// docs/team-card-en.png and docs/team-card-fr.png come the same way from
// bot/testdata/team_card_$lang.json, with -name U0ANA=ana -name U0BEN=ben
// -name U0CHLOE=chloé.
//
// User and channel IDs without a label show as the ID; -name U0OWNER=alice
// (repeatable) shows "@alice" instead.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run returns the exit code: 2 for bad usage, 1 when rendering fails.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cardpreview", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "Block Kit JSON `file`: an object with \"blocks\", or a bare array")
	out := fs.String("out", "-", "HTML output `file`; - for standard output")
	opt := options{Sender: "CTO Advisor", Names: map[string]string{}}
	fs.StringVar(&opt.Time, "time", "10:42 AM", "timestamp shown next to the sender")
	fs.Func("name", "`ID=name` for a user, channel or user group mention (repeatable)", func(s string) error {
		id, name, ok := strings.Cut(s, "=")
		if !ok || id == "" || name == "" {
			return errors.New("want ID=name")
		}
		opt.Names[id] = name
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *in == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: cardpreview -in card.json [-out card.html] [-name ID=name]...")
		return 2
	}
	if err := convert(*in, *out, opt, stdout); err != nil {
		fmt.Fprintln(stderr, "cardpreview:", err)
		return 1
	}
	return 0
}

func convert(in, out string, opt options, stdout io.Writer) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	msg, err := parseMessage(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if out == "-" {
		return render(stdout, msg, opt)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := render(f, msg, opt); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
