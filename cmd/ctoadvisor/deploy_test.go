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

// TestOneToolchain holds CI, the image and a developer's go command to the
// Go that go.mod names, the one with the standard library's fixes.
func TestOneToolchain(t *testing.T) {
	m := regexp.MustCompile(`(?m)^toolchain go(1\.\d+\.\d+)$`).FindStringSubmatch(readRepoFile(t, "go.mod"))
	if m == nil {
		t.Fatal("go.mod names no toolchain goX.Y.Z")
	}
	version := m[1]
	if df := readRepoFile(t, "Dockerfile"); !regexp.MustCompile(`(?m)^FROM golang:` + regexp.QuoteMeta(version) + `\b.* AS build$`).MatchString(df) {
		t.Errorf("the Dockerfile does not build with golang:%s", version)
	}
	ci := readRepoFile(t, ".ci/run")
	export := "export GOTOOLCHAIN=go" + version
	i := strings.Index(ci, export)
	if i < 0 {
		t.Fatalf(".ci/run does not %s", export)
	}
	if first := regexp.MustCompile(`(?m)^[^#\n]*\bgo (build|vet|test|run|tool|mod|list)\b`).FindStringIndex(ci); first != nil && first[0] < i {
		t.Errorf(".ci/run runs go before it exports GOTOOLCHAIN")
	}
	if !strings.Contains(readRepoFile(t, "README.md"), "GOTOOLCHAIN=go"+version) {
		t.Errorf("README does not tell a GOTOOLCHAIN=local user how to get go%s", version)
	}
}

// TestVulnScanPinned checks that CI scans offline with the pinned tools and
// that the pins live in tools/vuln/go.mod alone.
func TestVulnScanPinned(t *testing.T) {
	tools := readRepoFile(t, "tools/vuln/go.mod")
	for _, want := range []string{"golang.org/x/vuln/cmd/govulncheck", "golang.org/x/vulndb/cmd/indexdb"} {
		if !regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(want) + `$`).MatchString(tools) {
			t.Errorf("tools/vuln/go.mod does not pin the tool %s", want)
		}
	}
	for _, mod := range []string{"golang.org/x/vuln", "golang.org/x/vulndb"} {
		if !regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(mod) + ` v\S+`).MatchString(tools) {
			t.Errorf("tools/vuln/go.mod has no version of %s", mod)
		}
	}
	ci := readRepoFile(t, ".ci/run")
	for _, want := range []string{"go tool indexdb", "go tool govulncheck", `-db "file://`, "./..."} {
		if !strings.Contains(ci, want) {
			t.Errorf(".ci/run lacks %q", want)
		}
	}
	if regexp.MustCompile(`@v\d|@latest`).MatchString(ci) {
		t.Errorf(".ci/run pins a tool version itself; tools/vuln/go.mod holds them")
	}
}

// dockerignored reports whether Docker leaves path (slash-separated, from
// the context root) out of the build context: the last matching pattern
// wins, "!" re-includes, and a pattern that matches a directory takes
// everything under it.
func dockerignored(patterns []string, path string) bool {
	ignored := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(strings.TrimPrefix(p, "!"), "/")
		re := regexp.MustCompile("^" + dockerGlob(p) + "(/.*)?$")
		if re.MatchString(path) {
			ignored = !neg
		}
	}
	return ignored
}

func dockerGlob(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case p[i] == '*':
			b.WriteString("[^/]*")
		case p[i] == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	return b.String()
}

func TestDockerignore(t *testing.T) {
	var patterns []string
	for _, line := range strings.Split(readRepoFile(t, ".dockerignore"), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			if strings.ContainsAny(line, "[\\") {
				t.Fatalf(".dockerignore pattern %q uses syntax this test does not read", line)
			}
			patterns = append(patterns, line)
		}
	}
	// Secrets and history stay out of the build context, wherever they are.
	for _, p := range []string{".env", ".env.production", "cmd/ctoadvisor/.env", ".git", ".git/config"} {
		if !dockerignored(patterns, p) {
			t.Errorf(".dockerignore lets %s into the build context", p)
		}
	}
	// What the build needs stays in: go.mod, go.sum and every file of every
	// Go package (sources and anything they embed).
	root := filepath.Join("..", "..")
	needed := []string{"go.mod", "go.sum"}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == ".git" || rel == "tools" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			needed = append(needed, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(needed) < 20 {
		t.Fatalf("found only %d Go files: %v", len(needed), needed)
	}
	for _, p := range needed {
		if dockerignored(patterns, p) {
			t.Errorf(".dockerignore leaves out %s, which the build needs", p)
		}
	}
}

func TestCompose(t *testing.T) {
	dc := readRepoFile(t, "docker-compose.yml")
	for _, want := range []string{"appendonly", `"yes"`, "appendfsync", "everysec", "redis-data:/data", "env_file: .env", "REDIS_URL: redis://redis:6379/0", `"8080"`} {
		if !strings.Contains(dc, want) {
			t.Errorf("docker-compose.yml lacks %q", want)
		}
	}
	// /metrics is not for the world: a published 8080 binds loopback only.
	for _, m := range regexp.MustCompile(`(?m)^[^#\n]*?-\s*"?([0-9.]*:)?(\d+):8080\b`).FindAllStringSubmatch(dc, -1) {
		if m[1] != "127.0.0.1:" {
			t.Errorf("docker-compose.yml publishes 8080 beyond this host: %s", strings.TrimSpace(m[0]))
		}
	}
	if regexp.MustCompile(`(?m)^[^#\n]*target:\s*8080`).MatchString(dc) && !strings.Contains(dc, "host_ip: 127.0.0.1") {
		t.Errorf("docker-compose.yml publishes 8080 beyond this host (long syntax)")
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
		"home_tab_enabled: true", "- app_home_opened", "type: global", "callback_id: cto_advice_shortcut",
		"should_escape: true",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("slack-app-manifest.yml lacks %q", want)
		}
	}
	if regexp.MustCompile(`(?m)^\s+- chat:write\.public`).MatchString(m) {
		t.Errorf("the manifest asks for chat:write.public; the bot posts only where invited")
	}
}
