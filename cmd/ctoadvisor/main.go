// Command ctoadvisor is the CTO Advisor: a Slack bot (serve), the same
// dialog in a terminal (chat), the advice for given answers (advise), a
// configuration check (check) and a container health probe (healthcheck).
//
//	ctoadvisor [serve]            run the Slack bot (Socket Mode)
//	ctoadvisor chat [--lang fr]   the dialog in this terminal, no Slack or Redis needed
//	ctoadvisor chat --team 3      three people answer in turn, then the team card
//	ctoadvisor advise --answers stage=startup,tech_lead=none,need=scale,urgency=immediate,budget=flexible
//	ctoadvisor advise --all --format json   every profile, one JSON line each
//	ctoadvisor check              validate configuration, Slack auth and the store
//	ctoadvisor healthcheck        exit 0 when the running bot's /healthz answers
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], envWithDotenv(".env", os.LookupEnv), os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// envWithDotenv reads the dotenv file once; the real environment wins over
// it, even with an empty value: VAR= on the command line is how an operator
// turns off a setting .env makes (REDIS_URL= for memory, CASE_STUDY_URL= for
// no link).
func envWithDotenv(path string, lookup func(string) (string, bool)) func(string) string {
	file, err := godotenv.Read(path)
	if err != nil {
		file = nil // no .env is the normal case in production
	}
	return func(k string) string {
		if v, ok := lookup(k); ok {
			return v
		}
		return file[k]
	}
}

// run is main without the process: tests call it with their own
// environment and streams. It returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serveCmd(ctx, args, getenv, stderr)
	case "chat":
		err = chatCmd(ctx, args, stdin, stdout)
	case "advise":
		err = adviseCmd(args, stdout)
	case "check":
		err = checkCmd(ctx, getenv, stdout)
	case "healthcheck":
		err = healthcheckCmd(ctx, getenv)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "ctoadvisor: unknown command %q\n%s", cmd, usage)
		return 2
	}
	var cerr *configError
	var uerr usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &cerr), errors.As(err, &uerr):
		fmt.Fprintf(stderr, "ctoadvisor: %v\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "ctoadvisor: %v\n", err)
		return 1
	}
}

// usageError is a bad flag or argument: exit status 2, like a config error.
type usageError string

func (e usageError) Error() string { return string(e) }

const usage = `usage:
  ctoadvisor [serve]           run the Slack bot (needs SLACK_BOT_TOKEN, SLACK_APP_TOKEN)
  ctoadvisor chat [--lang fr]  the advisor in this terminal (no Slack, no Redis)
  ctoadvisor chat --team N     N people answer in turn at this keyboard, then the team card
  ctoadvisor advise --answers stage=…,tech_lead=…,need=…,urgency=…,budget=… [--lang fr] [--format json]
                               the advice for one profile, no dialog
  ctoadvisor advise --all --format json [--lang fr]
                               the advice for every profile, one JSON object per line
  ctoadvisor check             check the configuration, Slack and the session store
  ctoadvisor healthcheck       probe a running bot's /healthz (for container health checks)
`

// newLogger builds the one logger the process passes down.
func newLogger(w io.Writer, cfg Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
