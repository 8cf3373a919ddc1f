package app

import (
	"runtime"
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

func TestGCPacer(t *testing.T) {
	var p gcPacer
	sizes := []int{100, 30 << 10, 30 << 10, 10 << 10, 200 << 10, 1}
	want := []bool{false, false, false, true, true, false}
	for i, n := range sizes {
		if got := p.drew(n); got != want[i] {
			t.Errorf("result %d (%d bytes): collect %v, want %v", i, n, got, want[i])
		}
	}
}

// TestGCPacerLater checks that a pacer with its own scheduler hands it
// each collection it decides on, and that running it collects.
func TestGCPacerLater(t *testing.T) {
	var queued []func()
	p := gcPacer{later: func(fn func()) { queued = append(queued, fn) }}
	for _, n := range []int{40 << 10, 40 << 10, 100, 70 << 10} {
		p.drew(n)
	}
	if len(queued) != 2 {
		t.Fatalf("%d collections queued, want 2", len(queued))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	queued[0]()
	runtime.ReadMemStats(&after)
	if after.NumGC <= before.NumGC {
		t.Error("the queued collection did not collect")
	}
}

// TestWarmCollector checks that warming the collector runs a collection.
func TestWarmCollector(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	warmCollector()
	runtime.ReadMemStats(&after)
	if after.NumGC <= before.NumGC {
		t.Errorf("no collection ran: %d before, %d after", before.NumGC, after.NumGC)
	}
}
