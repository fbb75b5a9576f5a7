package redisstore_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them: every
// test closes its go-redis clients and miniredis servers.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
