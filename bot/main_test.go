package bot

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine outlives them: a
// handler still running after Run returned, a socket reader, a Redis pool.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
