package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them: serve
// must stop its bot, its ops server and its Redis client when run returns.
// (main_test.go holds the end-to-end tests, hence this file's name.)
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
