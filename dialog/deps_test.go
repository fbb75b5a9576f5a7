package dialog_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDeps keeps dialog free of the adapters' libraries: the bot and the
// terminal share it, and it sees Redis only through its Store interface.
func TestDeps(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", ".").Output() // go test puts GOROOT/bin on PATH
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/slack-go/", "github.com/redis/", "github.com/prometheus/", "github.com/joho/godotenv"} {
			if strings.HasPrefix(p, banned) {
				t.Errorf("dialog depends on %s; only bot, cmd and dialog/redisstore may", p)
			}
		}
	}
}
