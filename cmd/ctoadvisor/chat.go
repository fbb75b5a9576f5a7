package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/ctoadvisor/ctoadvisor/console"
	"github.com/ctoadvisor/ctoadvisor/dialog"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// chatCmd runs the dialog in the terminal.
func chatCmd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "en", "language: en or fr")
	team := fs.Int("team", 0, "team mode: this many people (2 to 20) answer in turn, then the team card")
	if err := fs.Parse(args); err != nil {
		return usageError("chat: " + err.Error())
	}
	l, ok := knowledge.ParseLang(*lang)
	if !ok || len(*lang) != 2 {
		return usageError(fmt.Sprintf("chat: --lang must be en or fr, not %q", *lang))
	}
	kb, err := knowledge.Load()
	if err != nil {
		return fmt.Errorf("knowledge: %w", err)
	}
	if *team != 0 {
		if *team < 2 || *team > dialog.MaxMembers {
			return usageError(fmt.Sprintf("chat: --team must be 2 to %d, not %d", dialog.MaxMembers, *team))
		}
		return console.RunTeam(ctx, kb, l, *team, stdin, stdout)
	}
	return console.Run(ctx, kb, l, stdin, stdout)
}
