package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// No Docker engine runs in CI, so these tests hold the deployment files to
// the code they describe: the paths, flags, subcommands and variables.

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// configVars lists every variable loadConfig reads.
func configVars(t *testing.T) []string {
	t.Helper()
	var seen []string
	_, _ = loadConfig(func(k string) string {
		if !slices.Contains(seen, k) {
			seen = append(seen, k)
		}
		return ""
	}, need{})
	if len(seen) < 10 {
		t.Fatalf("loadConfig read only %v", seen)
	}
	return seen
}

func TestDockerfile(t *testing.T) {
	df := readRepoFile(t, "Dockerfile")
	for _, want := range []string{
		"CGO_ENABLED=0 go build",
		"./cmd/ctoadvisor",
		"USER nonroot",
		"EXPOSE 8080",
		"HTTP_ADDR=:8080",
		`"healthcheck"`,
		"COPY go.mod go.sum",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "go.sum")); err != nil {
		t.Errorf("the Dockerfile copies go.sum: %v", err)
	}
	ci := readRepoFile(t, ".ci/run")
	if !strings.Contains(ci, `CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"`) ||
		!strings.Contains(df, `CGO_ENABLED=0 go build -trimpath -ldflags="-s -w"`) {
		t.Errorf("CI does not build the binary with the Dockerfile's flags")
	}
}

func TestCompose(t *testing.T) {
	dc := readRepoFile(t, "docker-compose.yml")
	for _, want := range []string{"appendonly", `"yes"`, "appendfsync", "everysec", "redis-data:/data", "env_file: .env", "REDIS_URL: redis://redis:6379/0", "8080:8080"} {
		if !strings.Contains(dc, want) {
			t.Errorf("docker-compose.yml lacks %q", want)
		}
	}
	vars := configVars(t)
	for _, m := range regexp.MustCompile(`(?m)^\s+([A-Z_]+):`).FindAllStringSubmatch(dc, -1) {
		if !slices.Contains(vars, m[1]) {
			t.Errorf("docker-compose.yml sets %s, which the bot does not read", m[1])
		}
	}
}

func TestEnvExampleNamesEveryVariable(t *testing.T) {
	example := readRepoFile(t, ".env.example")
	readme := readRepoFile(t, "README.md")
	for _, v := range configVars(t) {
		if !regexp.MustCompile(`(?m)^#? ?` + v + `=`).MatchString(example) {
			t.Errorf(".env.example does not mention %s", v)
		}
		if !strings.Contains(readme, "`"+v+"`") {
			t.Errorf("README's configuration table does not mention %s", v)
		}
	}
}

func TestManifest(t *testing.T) {
	m := readRepoFile(t, "slack-app-manifest.yml")
	for _, want := range []string{
		"command: /cto-advice", "socket_mode_enabled: true", "is_enabled: true",
		"- commands", "- chat:write ", "- channels:history", "- groups:history", "- im:history",
		"- channels:read", "- groups:read", "- users:read",
		"- message.channels", "- message.groups", "- message.im",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("slack-app-manifest.yml lacks %q", want)
		}
	}
	if regexp.MustCompile(`(?m)^\s+- chat:write\.public`).MatchString(m) {
		t.Errorf("the manifest asks for chat:write.public; the bot posts only where invited")
	}
}
