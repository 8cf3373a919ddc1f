package codes

// matcher finds many phrases in a text in one pass: an Aho-Corasick
// automaton compiled to a table-driven DFA over byte classes. Phrases are
// matched as given (callers lower-case them). It is read-only after
// construction.
type matcher struct {
	class  [256]uint8 // byte -> class; class 0 is every byte no phrase uses
	nclass int
	// delta[row+class] is the next state's row (state*nclass), negated
	// minus one when phrases end in that state: one load and one test a
	// byte.
	delta []int32
	out   [][]int32 // ids of the phrases that end at each state, own and inherited
}

// newMatcher builds a matcher for the phrases; a phrase's id is its index.
// Empty phrases are ignored.
func newMatcher(phrases []string) *matcher {
	m := &matcher{}
	// Byte classes: the bytes that occur in phrases, each its own class.
	for _, p := range phrases {
		for i := 0; i < len(p); i++ {
			if m.class[p[i]] == 0 {
				m.nclass++
				m.class[p[i]] = uint8(m.nclass)
			}
		}
	}
	m.nclass++ // class 0
	nc := m.nclass
	// The trie, in one flat table of transitions (-1 = none) that becomes
	// the DFA in place.
	states := 1
	for _, p := range phrases {
		states += len(p) // at most one new state a byte
	}
	delta := make([]int32, 0, states*nc)
	grow := func() int32 {
		at := len(delta)
		delta = delta[:at+nc]
		for i := at; i < at+nc; i++ {
			delta[i] = -1
		}
		return int32(at / nc)
	}
	grow()
	ends := map[int32][]int32{}
	for id, p := range phrases {
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			at := int(s)*nc + int(m.class[p[i]])
			if delta[at] < 0 {
				nx := grow()
				delta[at] = nx
			}
			s = delta[at]
		}
		ends[s] = append(ends[s], int32(id))
	}
	n := len(delta) / nc
	fail := make([]int32, n)
	m.out = make([][]int32, n)
	// Breadth first, so that a state's failure target is finished before
	// it; missing transitions take the failure target's.
	queue := make([]int32, 0, n)
	for c := 0; c < nc; c++ {
		if nx := delta[c]; nx > 0 {
			fail[nx] = 0
			queue = append(queue, nx)
		} else {
			delta[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := fail[s]
		if own, inherited := ends[s], m.out[f]; len(inherited) == 0 {
			m.out[s] = own
		} else {
			m.out[s] = append(append(make([]int32, 0, len(own)+len(inherited)), own...), inherited...)
		}
		row, frow := int(s)*nc, int(f)*nc
		for c := 0; c < nc; c++ {
			nx := delta[row+c]
			if nx < 0 {
				delta[row+c] = delta[frow+c]
				continue
			}
			fail[nx] = delta[frow+c]
			queue = append(queue, nx)
		}
	}
	// Encode the rows: next state's row offset, negated when it has output.
	for i, nx := range delta {
		off := nx * int32(nc)
		if len(m.out[nx]) > 0 {
			off = -off - 1
		}
		delta[i] = off
	}
	m.delta = delta[:len(delta):len(delta)]
	return m
}

// each calls fn for every occurrence of a phrase in text, in the order the
// occurrences end, with the phrase id and the offset just past its end.
// fn returns false to stop.
func (m *matcher) each(text string, fn func(id, end int) bool) {
	m.scan(text, false, fn)
}

// eachFold is each with ASCII letters of text folded to lower case as they
// are read, for phrases that are lower-case ASCII.
func (m *matcher) eachFold(text string, fn func(id, end int) bool) {
	m.scan(text, true, fn)
}

func (m *matcher) scan(text string, fold bool, fn func(id, end int) bool) {
	row := int32(0)
	nc := int32(m.nclass)
	delta, class := m.delta, &m.class
	for i := 0; i < len(text); i++ {
		b := text[i]
		if fold && b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		v := delta[row+int32(class[b])]
		if v >= 0 {
			row = v
			continue
		}
		row = -v - 1
		for _, id := range m.out[row/nc] {
			if !fn(int(id), i+1) {
				return
			}
		}
	}
}

// lowest reports the lowest phrase id found in text (ASCII case folded),
// or -1. With accept, only the ids it accepts count.
func (m *matcher) lowest(text string, accept func(id int) bool) int {
	best := -1
	m.eachFold(text, func(id, _ int) bool {
		if (best < 0 || id < best) && (accept == nil || accept(id)) {
			best = id
		}
		return true
	})
	return best
}
