package codes

import "fmt"

// matcher finds many phrases in a text in one pass: an Aho-Corasick
// automaton compiled to a table-driven DFA over byte classes. Phrases are
// matched as given (callers lower-case them). It is read-only after
// construction.
type matcher struct {
	class  [256]uint8 // byte -> class; class 0 is every byte no phrase uses
	nclass int
	// delta[state*nclass+class] is the next state, with the top bit set
	// when phrases end in it: one load and one test a byte, in two bytes
	// a transition.
	delta []uint16
	out   [][]int32 // ids of the phrases that end at each state, own and inherited
}

// matchFlag marks a state in which phrases end.
const matchFlag = 1 << 15

// maxStates is how many states a matcher can have; tables larger than
// this are refused when they are loaded.
const maxStates = matchFlag - 1

// newMatcher builds a matcher for the phrases; a phrase's id is its index.
// Empty phrases are ignored. It fails when the phrases need more states
// than a matcher holds (maxStates).
func newMatcher(phrases []string) (*matcher, error) {
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
	const none = 0xFFFF // no transition yet (never a state: states stay below matchFlag)
	bound := 1
	for _, p := range phrases {
		bound += len(p) // at most one new state a byte
	}
	bound = min(bound, maxStates+1)
	// The trie, in one flat table of transitions that becomes the DFA in
	// place.
	delta := make([]uint16, 0, bound*nc)
	grow := func() (uint16, bool) {
		at := len(delta)
		if at/nc >= maxStates {
			return 0, false
		}
		delta = delta[:at+nc] // within the capacity: at most bound states
		for i := at; i < at+nc; i++ {
			delta[i] = none
		}
		return uint16(at / nc), true
	}
	grow()
	ends := map[uint16][]int32{}
	for id, p := range phrases {
		if p == "" {
			continue
		}
		s := uint16(0)
		for i := 0; i < len(p); i++ {
			at := int(s)*nc + int(m.class[p[i]])
			if delta[at] == none {
				nx, ok := grow()
				if !ok {
					return nil, fmt.Errorf("the phrases need more than %d matcher states: split the table", maxStates)
				}
				delta[at] = nx
			}
			s = delta[at]
		}
		ends[s] = append(ends[s], int32(id))
	}
	n := len(delta) / nc
	fail := make([]uint16, n)
	m.out = make([][]int32, n)
	// Breadth first, so that a state's failure target is finished before
	// it; missing transitions take the failure target's.
	queue := make([]uint16, 0, n)
	for c := 0; c < nc; c++ {
		if nx := delta[c]; nx != none {
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
			if nx == none {
				delta[row+c] = delta[frow+c]
				continue
			}
			fail[nx] = delta[frow+c]
			queue = append(queue, nx)
		}
	}
	// Flag the states in which phrases end.
	for i, nx := range delta {
		if len(m.out[nx]) > 0 {
			delta[i] = nx | matchFlag
		}
	}
	m.delta = delta[:len(delta):len(delta)]
	return m, nil
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
	state := 0
	nc := m.nclass
	delta, class := m.delta, &m.class
	for i := 0; i < len(text); i++ {
		b := text[i]
		if fold && b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		v := delta[state*nc+int(class[b])]
		state = int(v &^ matchFlag)
		if v&matchFlag == 0 {
			continue
		}
		for _, id := range m.out[state] {
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
