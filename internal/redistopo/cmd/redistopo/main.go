// Command redistopo starts the shared test topologies of package
// redistopo (or reuses them) and prints the shell exports the tests read:
//
//	eval "$(go run ./internal/redistopo/cmd/redistopo)"
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/ctoadvisor/ctoadvisor/internal/redistopo"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	env, err := redistopo.Start(ctx, redistopo.SharedDir(), redistopo.Shared, false)
	if err != nil {
		fmt.Fprintln(os.Stderr, "redistopo:", err)
		os.Exit(1)
	}
	fmt.Print(env.Exports())
}
