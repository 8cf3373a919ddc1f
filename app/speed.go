package app

// Where a text is decoded. Decoding cannot be cut into steps, so a text is
// decoded on the page only when that takes less than about half a frame;
// otherwise the decoding worker takes it, and the page stays free for
// typing at the cost of the round trip. How fast decoding goes is learnt
// from the decodes done so far, on the page and in the worker (the same
// program on the same machine). That speed is an average: texts of the
// same size decode up to ten times faster or slower than one another, so
// beyond inlineMost a text goes to the worker whatever the estimate. A
// text someone types into is another matter: it decodes in about the time
// it took before the last few keystrokes, whatever its size, and that time
// is known.
const (
	// inlineAlways is the size, in UTF-16 units, up to which a text is
	// always decoded on the page.
	inlineAlways = 16 << 10
	// inlineMost is the size above which a text always goes to the worker.
	inlineMost = 64 << 10
	// inlineBudgetMs is the longest decode the page takes on itself.
	inlineBudgetMs = 8
	// learnFrom is the smallest decode worth learning from: below it the
	// fixed costs blur the speed.
	learnFrom = 4 << 10
	// firstMsPerK is the estimate before any measurement: 48K units in
	// the budget.
	firstMsPerK = inlineBudgetMs / 48.0
	// editUnits is how far, in UTF-16 units, a typed text may have grown
	// or shrunk since the last decode for that decode's time to stand for
	// its own.
	editUnits = 1 << 10
)

// decodeSpeed estimates how long a decode takes here.
type decodeSpeed struct {
	msPerK float64 // milliseconds per 1024 UTF-16 units; 0 before any measurement

	lastUnits int     // the size of the last text decoded
	lastMs    float64 // how long it took; 0 before any decode
}

// predict returns the estimated milliseconds to decode units.
func (s *decodeSpeed) predict(units int) float64 {
	m := s.msPerK
	if m == 0 {
		m = firstMsPerK
	}
	return m * float64(units) / 1024
}

// inline reports whether a text of units is to be decoded on the page.
func (s *decodeSpeed) inline(units int) bool {
	return units <= inlineAlways || units <= inlineMost && s.predict(units) <= inlineBudgetMs
}

// inlineEdit reports whether a text of units that was typed into since
// the last decode is to be decoded on the page: when the last decode, of
// a text of about the same size, took no longer than inlineBudgetMs.
func (s *decodeSpeed) inlineEdit(units int) bool {
	return s.lastMs > 0 && s.lastMs <= inlineBudgetMs && units >= s.lastUnits-editUnits && units <= s.lastUnits+editUnits
}

// learn takes in a decode of units that took ms.
func (s *decodeSpeed) learn(units int, ms float64) {
	if ms <= 0 {
		return
	}
	s.lastUnits, s.lastMs = units, ms
	if units < learnFrom {
		return
	}
	m := ms * 1024 / float64(units)
	if s.msPerK == 0 {
		s.msPerK = m
		return
	}
	s.msPerK = 0.7*s.msPerK + 0.3*m
}
