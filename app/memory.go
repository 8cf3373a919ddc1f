package app

import (
	"runtime"
	"runtime/debug"
)

// In WebAssembly the Go runtime has one thread: once a garbage collection
// starts, it runs to its end before the page gets its thread back. The
// page's live heap is small (about 1.5 MB with a large result drawn), so
// the heap is let grow to several times that before a collection, and a
// collection is run when the page is idle after drawing a result, rather
// than in the middle of the next one.
const (
	// gcPercent is the heap growth, in percent of the live heap, that
	// starts a collection; with it the first collection comes at 16 MB.
	gcPercent = 400
)

// TuneMemory sets the collector for the browser: see gcPercent. It is
// for the page and the decoding worker, not for the command line.
func TuneMemory() {
	debug.SetGCPercent(gcPercent)
}

// collectWhenIdle runs a collection once the browser is idle, when at
// least half of the heap allowed before the next automatic collection is
// used: the automatic one would otherwise soon come in the middle of
// drawing or decoding.
func collectWhenIdle() {
	whenIdle(func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapAlloc >= m.NextGC/2 {
			runtime.GC()
		}
	})
}
