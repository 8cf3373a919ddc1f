package app

// Where a text is decoded. Decoding cannot be cut into steps, so a text is
// decoded on the page only when that takes less than about half a frame;
// otherwise the decoding worker takes it, and the page stays free for
// typing at the cost of the round trip. How fast decoding goes is learnt
// from the decodes done so far, on the page and in the worker (the same
// program on the same machine).
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
)

// decodeSpeed estimates how long a decode takes here.
type decodeSpeed struct {
	msPerK float64 // milliseconds per 1024 UTF-16 units; 0 before any measurement
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

// learn takes in a decode of units that took ms.
func (s *decodeSpeed) learn(units int, ms float64) {
	if units < learnFrom || ms <= 0 {
		return
	}
	m := ms * 1024 / float64(units)
	if s.msPerK == 0 {
		s.msPerK = m
		return
	}
	s.msPerK = 0.7*s.msPerK + 0.3*m
}
