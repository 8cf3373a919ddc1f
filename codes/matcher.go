package codes

// matcher finds many phrases in a text in one pass: an Aho-Corasick
// automaton compiled to a table-driven DFA over byte classes. Phrases are
// matched as given (callers lower-case them). It is read-only after
// construction.
type matcher struct {
	class    [256]uint8 // byte -> class; class 0 is every byte no phrase uses
	nclass   int
	delta    []int32   // delta[state*nclass+class] = next state
	out      [][]int32 // ids of the phrases that end at each state, own and inherited
	hasMatch []bool    // out[state] is not empty
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
	// The trie, as goto transitions (-1 = none).
	var gotoT [][]int32
	var outs [][]int32
	newState := func() int32 {
		row := make([]int32, m.nclass)
		for i := range row {
			row[i] = -1
		}
		gotoT = append(gotoT, row)
		outs = append(outs, nil)
		return int32(len(gotoT) - 1)
	}
	newState()
	for id, p := range phrases {
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := m.class[p[i]]
			if gotoT[s][c] < 0 {
				gotoT[s][c] = newState()
			}
			s = gotoT[s][c]
		}
		outs[s] = append(outs[s], int32(id))
	}
	n := len(gotoT)
	fail := make([]int32, n)
	m.delta = make([]int32, n*m.nclass)
	m.out = make([][]int32, n)
	m.hasMatch = make([]bool, n)
	// Breadth first: a state's failure target is complete before it.
	queue := make([]int32, 0, n)
	for c := 0; c < m.nclass; c++ {
		if nx := gotoT[0][c]; nx > 0 {
			fail[nx] = 0
			m.delta[c] = nx
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(outs[s], m.out[fail[s]]...)
		m.hasMatch[s] = len(m.out[s]) > 0
		for c := 0; c < m.nclass; c++ {
			nx := gotoT[s][c]
			if nx < 0 {
				m.delta[int(s)*m.nclass+c] = m.delta[int(fail[s])*m.nclass+c]
				continue
			}
			fail[nx] = m.delta[int(fail[s])*m.nclass+c]
			m.delta[int(s)*m.nclass+c] = nx
			queue = append(queue, nx)
		}
	}
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
	s := int32(0)
	nc := int32(m.nclass)
	for i := 0; i < len(text); i++ {
		b := text[i]
		if fold && b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		s = m.delta[s*nc+int32(m.class[b])]
		if m.hasMatch[s] {
			for _, id := range m.out[s] {
				if !fn(int(id), i+1) {
					return
				}
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
