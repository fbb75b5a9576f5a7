//go:build race

package bot

// raceEnabled: the race detector multiplies memory by five to ten, so
// memory bounds are measured, not asserted, under it.
const raceEnabled = true
