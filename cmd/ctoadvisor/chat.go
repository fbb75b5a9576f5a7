package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/ctoadvisor/ctoadvisor/console"
	"github.com/ctoadvisor/ctoadvisor/knowledge"
)

// chatCmd runs the dialog in the terminal.
func chatCmd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "en", "language: en or fr")
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
	return console.Run(ctx, kb, l, stdin, stdout)
}
