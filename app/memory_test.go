package app

import (
	"runtime/debug"
	"testing"
)

func TestTuneMemory(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	TuneMemory()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("after TuneMemory the collector starts at %d%% growth, want %d%%", got, gcPercent)
	}
}
