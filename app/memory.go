package app

import (
	"runtime"
	"runtime/debug"
)

// In WebAssembly the Go runtime has one thread: once a garbage collection
// starts, it runs to its end before the page gets its thread back. The
// page's live heap is small (about 1.5 MB with a large result drawn), so
// the heap is let grow to several times that before a collection, and a
// collection is run when the page is idle after results of enough text
// were drawn, rather than in the middle of drawing the next one.
const (
	// gcPercent is the heap growth, in percent of the live heap, that
	// starts a collection; with it the first collection comes at 16 MB.
	gcPercent = 400
	// collectAfter is how much input, in bytes, the results drawn since
	// the last collection add up to before one is run when idle: decoding
	// and drawing allocate about 50 bytes a byte of input, so the heap
	// stays well under the 16 MB that would start one anyway.
	collectAfter = 64 << 10
)

// TuneMemory sets the collector for the browser: see gcPercent. It is
// for the page and the decoding worker, not for the command line.
func TuneMemory() {
	debug.SetGCPercent(gcPercent)
}

// warmCollector runs a collection, for the page to call once when it is
// idle after it starts. The browser compiles the collector's code the
// first time it runs, which makes the first collection take several times
// as long as the next ones (about 40 ms against 3 to 10 on a slow
// machine): better then than after the first result, when someone may be
// reading or typing. It also frees what loading the tables left behind.
func warmCollector() {
	runtime.GC()
}

// gcPacer runs collections when the page, or the decoding worker, is idle.
type gcPacer struct {
	drawn int // bytes of input of the results drawn since the last collection
	// later runs a collection when there is time for it; nil is whenIdle.
	later func(func())
}

// drew takes in a result of size bytes of input, drawn whole, and runs a
// collection once the page is idle when they add up to collectAfter.
func (p *gcPacer) drew(size int) bool {
	p.drawn += size
	if p.drawn < collectAfter {
		return false
	}
	p.drawn = 0
	if p.later != nil {
		p.later(runtime.GC)
	} else {
		whenIdle(runtime.GC)
	}
	return true
}
