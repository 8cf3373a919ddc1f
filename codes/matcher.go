package codes

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// matcher finds many phrases in a text in one pass: an Aho-Corasick
// automaton run as a table-driven DFA over byte classes. Phrases are
// matched as given (callers lower-case them).
//
// The DFA is lazy: newMatcher builds only the trie and its failure links,
// in time proportional to the phrases' length, and a transition is worked
// out from them the first time a text takes it, then kept in the table.
// The table gets a row for a state when a text first reaches it, so it
// holds only the states texts reach, side by side: a short text takes a
// few hundred of the million transitions a full table would hold, and
// memory stays small and close. Scans read the table without locking;
// working out a transition takes the lock, and a table that grows is
// copied and published whole, so a matcher is safe for concurrent use.
type matcher struct {
	class  [256]uint8 // byte -> class; class 0 is every byte no phrase uses
	nclass int
	// The trie: each state's children as a list (first child, next
	// sibling) with the class of the byte that leads to each; the start
	// state's children also by class (0 for none).
	child, sibling []int32
	edge           []uint8
	root           []int32
	fail           []int32 // the longest proper suffix of each state that is a state
	// own[ownAt[s]:ownAt[s+1]] are the ids of the phrases that end in
	// state s, in id order; dict[s] is the nearest state on s's failure
	// chain where phrases end, or -1. The phrases found in a state are its
	// own, then dict's, and so on.
	own   []int32
	ownAt []int32
	dict  []int32

	dfa  atomic.Pointer[dfaTable] // the table as scans read it
	mu   sync.Mutex               // held to work out transitions and grow the table
	slot []int32                  // each state's row number plus one, 0 for none (under mu)
}

// dfaTable is the lazy DFA's table, by row: a row is a state that texts
// reach. Rows are added under the matcher's lock; a table with no room
// left is copied into a larger one.
type dfaTable struct {
	// delta[row*nclass+class] is the transition: 0 when not yet worked
	// out, else the next state's row times nclass shifted left by two,
	// with known set, and matchBit set when phrases end in the next
	// state.
	delta []uint32
	// state[row] is the state of a row; rows is how many are in use (under
	// the matcher's lock).
	state []int32
	rows  int
}

// Transition bits.
const (
	known    = 1 // the transition is worked out
	matchBit = 2 // phrases end in the next state
)

// maxStates is how many states a matcher can have; tables larger than
// this are refused when they are loaded.
const maxStates = 1<<15 - 1

// newMatcher builds a matcher for the phrases; a phrase's id is its index.
// Empty phrases are ignored. It fails when the phrases need more states
// than a matcher holds (maxStates).
func newMatcher(phrases []string) (*matcher, error) {
	m := &matcher{}
	// Byte classes: the bytes that occur in phrases, each its own class.
	bound := 1
	for _, p := range phrases {
		for i := 0; i < len(p); i++ {
			if m.class[p[i]] == 0 {
				m.nclass++
				m.class[p[i]] = uint8(m.nclass)
			}
		}
		bound += len(p) // at most one new state a byte
	}
	m.nclass++ // class 0
	bound = min(bound, maxStates)
	m.child = make([]int32, 1, bound)
	m.sibling = make([]int32, 1, bound)
	m.edge = make([]uint8, 1, bound)
	m.root = make([]int32, m.nclass)
	// The trie; a new child goes to the front of its parent's list.
	ends := make([]int32, len(phrases)) // the state where each phrase ends, 0 for none
	for id, p := range phrases {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := m.class[p[i]]
			nx := m.next(s, c)
			if nx < 0 {
				if len(m.child) >= maxStates {
					return nil, fmt.Errorf("the phrases need more than %d matcher states: split the table", maxStates)
				}
				nx = int32(len(m.child))
				m.child = append(m.child, 0)
				m.sibling = append(m.sibling, m.child[s])
				m.edge = append(m.edge, c)
				m.child[s] = nx
				if s == 0 {
					m.root[c] = nx
				}
			}
			s = nx
		}
		ends[id] = s
	}
	n := len(m.child)
	// The phrases that end in each state, in id order.
	m.ownAt = make([]int32, n+1)
	for _, s := range ends {
		if s != 0 {
			m.ownAt[s+1]++
		}
	}
	for s := 1; s <= n; s++ {
		m.ownAt[s] += m.ownAt[s-1]
	}
	m.own = make([]int32, m.ownAt[n])
	fill := append([]int32(nil), m.ownAt[:n]...)
	for id, s := range ends {
		if s != 0 {
			m.own[fill[s]] = int32(id)
			fill[s]++
		}
	}
	// Failure and dictionary links, breadth first so that a state's
	// failure target is done before it.
	m.fail = make([]int32, n)
	m.dict = make([]int32, n)
	m.dict[0] = -1
	queue := make([]int32, 0, n)
	for c := m.child[0]; c != 0; c = m.sibling[c] {
		m.dict[c] = -1
		queue = append(queue, c)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := m.child[s]; c != 0; c = m.sibling[c] {
			f := m.fail[s]
			for f != 0 && m.next(f, m.edge[c]) < 0 {
				f = m.fail[f]
			}
			if t := m.next(f, m.edge[c]); t > 0 {
				f = t
			}
			m.fail[c] = f
			if m.ownAt[f] < m.ownAt[f+1] {
				m.dict[c] = f
			} else {
				m.dict[c] = m.dict[f]
			}
			queue = append(queue, c)
		}
	}
	// The table starts with the start state's row; rows are added as
	// texts reach states.
	m.slot = make([]int32, n)
	m.slot[0] = 1
	t := &dfaTable{delta: make([]uint32, initialRows*m.nclass), state: make([]int32, initialRows), rows: 1}
	m.dfa.Store(t)
	return m, nil
}

// initialRows is how many rows a new table has room for: enough for a
// short text.
const initialRows = 32

// next returns the trie child of state s by class c, or -1.
func (m *matcher) next(s int32, c uint8) int32 {
	if s == 0 {
		if x := m.root[c]; x != 0 {
			return x
		}
		return -1
	}
	for x := m.child[s]; x != 0; x = m.sibling[x] {
		if m.edge[x] == c {
			return x
		}
	}
	return -1
}

// matches reports whether phrases end in state s.
func (m *matcher) matches(s int32) bool {
	return m.ownAt[s] < m.ownAt[s+1] || m.dict[s] >= 0
}

// step returns the transition from the row (its number times nclass) by
// class c, working it out on first use, and the table in which the
// returned row is.
func (m *matcher) step(row int, c uint8) (uint32, *dfaTable) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.dfa.Load()
	return m.stepLocked(t, int(t.state[row/m.nclass]), c)
}

// stepLocked returns the transition from state s by class c, working it
// out when needed; the table may grow, and the one returned is current.
func (m *matcher) stepLocked(t *dfaTable, s int, c uint8) (uint32, *dfaTable) {
	t = m.rowOf(t, s)
	at := int(m.slot[s]-1)*m.nclass + int(c)
	if v := t.delta[at]; v != 0 {
		return v, t
	}
	var v uint32
	switch nx := m.next(int32(s), c); {
	case nx >= 0:
		t = m.rowOf(t, int(nx))
		v = uint32(int(m.slot[nx]-1)*m.nclass)<<2 | known
		if m.matches(nx) {
			v |= matchBit
		}
	case s == 0:
		v = known // back to the start state, where nothing ends
	default:
		// Failure targets are shallower: the recursion is at most as
		// deep as the longest phrase is long.
		v, t = m.stepLocked(t, int(m.fail[s]), c)
	}
	atomic.StoreUint32(&t.delta[int(m.slot[s]-1)*m.nclass+int(c)], v)
	return v, t
}

// rowOf gives state s a row when it has none, growing the table when it is
// full, and returns the current table.
func (m *matcher) rowOf(t *dfaTable, s int) *dfaTable {
	if m.slot[s] != 0 {
		return t
	}
	if t.rows == len(t.state) {
		grown := &dfaTable{
			delta: make([]uint32, 2*len(t.delta)),
			state: make([]int32, 2*len(t.state)),
			rows:  t.rows,
		}
		// Scans only read, and writers hold the lock: a plain copy.
		copy(grown.delta, t.delta)
		copy(grown.state, t.state)
		m.dfa.Store(grown)
		t = grown
	}
	t.state[t.rows] = int32(s)
	t.rows++
	m.slot[s] = int32(t.rows)
	return t
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
	row := 0
	t := m.dfa.Load()
	delta, class := t.delta, &m.class
	for i := 0; i < len(text); i++ {
		b := text[i]
		if fold && b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		c := class[b]
		v := atomic.LoadUint32(&delta[row+int(c)])
		if v == 0 {
			v, t = m.step(row, c)
			delta = t.delta
		}
		row = int(v >> 2)
		if v&matchBit == 0 {
			continue
		}
		for s := t.state[row/m.nclass]; s >= 0; s = m.dict[s] {
			for _, id := range m.own[m.ownAt[s]:m.ownAt[s+1]] {
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
