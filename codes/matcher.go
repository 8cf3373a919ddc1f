package codes

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// matcher finds many phrases in a text in one pass: an Aho-Corasick
// automaton run as a table-driven DFA over byte classes. Phrases are
// matched as given (callers lower-case them).
//
// The DFA is lazy: newMatcher builds only the trie, in time and memory
// proportional to the phrases' length. A state gets a row of the table
// when a text first reaches it, with its failure link worked out then, and
// a transition is worked out the first time a text takes it. So the table
// holds only the states texts reach, side by side: a short text takes a
// few hundred of the million transitions a full table would hold, and
// memory stays small and close. Scans read the table without locking;
// working out a transition takes the lock, and a table that grows is
// copied and published whole, so a matcher is safe for concurrent use.
type matcher struct {
	class  [256]uint8 // byte -> class; class 0 is every byte no phrase uses
	fold   [256]uint8 // byte -> class of its ASCII lower case
	nclass int
	// The trie: each state's children as a list (first child, next
	// sibling) with the class of the byte that leads to each; the start
	// state's children also by class (0 for none).
	child, sibling []uint16 // state numbers stay below maxStates
	edge           []uint8
	root           []int32
	ends           []phraseEnd // by state, then id

	dfa  atomic.Pointer[dfaTable] // the table as scans read it
	mu   sync.Mutex               // held to work out transitions and grow the table
	slot []uint16                 // each state's row plus one, 0 for none (under mu)
}

// phraseEnd is a phrase and the trie state where it ends.
type phraseEnd struct{ state, id int32 }

// dfaTable is the lazy DFA's table, by row; a row is a state that texts
// reach. Rows are added under the matcher's lock; a table with no room
// left is copied into a larger one, and scans go on reading the one they
// started with.
type dfaTable struct {
	// delta[row*nclass+class] is the transition: 0 when not yet worked
	// out, else the next state's row times nclass shifted left by two,
	// with known set, and matchBit set when phrases end in the next
	// state.
	delta []uint32
	rows  []dfaRow
	n     int // rows in use (under the matcher's lock)
}

// dfaRow is what a row's state needs to be left and reported.
type dfaRow struct {
	state int32
	fail  int32 // row of the longest proper suffix of the state that is a state
	dict  int32 // row of the nearest state on the failure chain where phrases end, or -1
	// ends[own:ownEnd] are the phrases that end in the state.
	own, ownEnd int32
}

// Transition bits.
const (
	known    = 1 // the transition is worked out
	matchBit = 2 // phrases end in the next state
)

// maxStates is how many states a matcher can have; tables larger than
// this are refused when they are loaded.
const maxStates = 1<<15 - 1

// initialRows is how many rows a new table has room for: enough for a
// reply line. Every decoder builds several matchers, so their first
// tables are kept small; a longer text grows them a few times.
const initialRows = 16

// newMatcher builds a matcher for the phrases; a phrase's id is its index.
// Empty phrases are ignored. It fails when the phrases need more states
// than a matcher holds (maxStates).
func newMatcher(phrases []string) (*matcher, error) {
	m := &matcher{}
	// Byte classes: the bytes that occur in phrases, each its own class.
	bound, count := 1, 0
	for _, p := range phrases {
		for i := 0; i < len(p); i++ {
			if m.class[p[i]] == 0 {
				m.nclass++
				m.class[p[i]] = uint8(m.nclass)
			}
		}
		bound += len(p) // at most one new state a byte
		if p != "" {
			count++
		}
	}
	m.nclass++ // class 0
	for b := range m.fold {
		l := byte(b)
		if l >= 'A' && l <= 'Z' {
			l += 'a' - 'A'
		}
		m.fold[b] = m.class[l]
	}
	bound = min(bound, maxStates)
	m.child = make([]uint16, 1, bound)
	m.sibling = make([]uint16, 1, bound)
	m.edge = make([]uint8, 1, bound)
	m.root = make([]int32, m.nclass)
	m.ends = make([]phraseEnd, 0, count)
	// The trie; a new child goes to the front of its parent's list.
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
				m.child[s] = uint16(nx)
				if s == 0 {
					m.root[c] = nx
				}
			}
			s = nx
		}
		if p != "" {
			m.ends = append(m.ends, phraseEnd{s, int32(id)})
		}
	}
	slices.SortStableFunc(m.ends, func(a, b phraseEnd) int { return cmp.Compare(a.state, b.state) })
	// The table starts with the start state's row.
	m.slot = make([]uint16, len(m.child))
	m.slot[0] = 1
	t := &dfaTable{delta: make([]uint32, initialRows*m.nclass), rows: make([]dfaRow, initialRows), n: 1}
	t.rows[0] = dfaRow{fail: -1, dict: -1}
	m.dfa.Store(t)
	return m, nil
}

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
			return int32(x)
		}
	}
	return -1
}

// step returns the transition from a row (its index times nclass) by class
// c, working it out, and the table in which the row it leads to is.
func (m *matcher) step(row int, c uint8) (uint32, *dfaTable) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stepLocked(m.dfa.Load(), row/m.nclass, c)
}

// stepLocked returns the transition from row r by class c, working it out
// when needed; the table may grow, and the one returned is current.
func (m *matcher) stepLocked(t *dfaTable, r int, c uint8) (uint32, *dfaTable) {
	at := r*m.nclass + int(c)
	if v := t.delta[at]; v != 0 {
		return v, t
	}
	s := t.rows[r].state
	var v uint32
	if nx := m.next(s, c); nx >= 0 {
		var nr int
		nr, t = m.rowOf(t, nx, r, c)
		v = uint32(nr*m.nclass)<<2 | known
		if row := t.rows[nr]; row.own < row.ownEnd || row.dict >= 0 {
			v |= matchBit
		}
	} else if s == 0 {
		v = known // back to the start state, where nothing ends
	} else {
		// Failure targets are shallower: the recursion is at most as
		// deep as the longest phrase is long.
		v, t = m.stepLocked(t, int(t.rows[r].fail), c)
	}
	atomic.StoreUint32(&t.delta[at], v)
	return v, t
}

// rowOf returns the row of state s, the child of row parent's state by
// class c, giving it one when it has none, and the current table.
func (m *matcher) rowOf(t *dfaTable, s int32, parent int, c uint8) (int, *dfaTable) {
	if m.slot[s] != 0 {
		return int(m.slot[s] - 1), t
	}
	// The failure target of a child is where the parent's failure target
	// goes by the same byte; the start state's children fail to it.
	fail := 0
	if parent != 0 {
		var v uint32
		v, t = m.stepLocked(t, int(t.rows[parent].fail), c)
		fail = int(v>>2) / m.nclass
	}
	if t.n == len(t.rows) {
		grown := &dfaTable{delta: make([]uint32, 2*len(t.delta)), rows: make([]dfaRow, 2*len(t.rows)), n: t.n}
		// Scans only read, and writers hold the lock: a plain copy.
		copy(grown.delta, t.delta)
		copy(grown.rows, t.rows)
		m.dfa.Store(grown)
		t = grown
	}
	row := dfaRow{state: s, fail: int32(fail), dict: t.rows[fail].dict}
	if f := t.rows[fail]; f.own < f.ownEnd {
		row.dict = int32(fail)
	}
	at := sort.Search(len(m.ends), func(i int) bool { return m.ends[i].state >= s })
	row.own, row.ownEnd = int32(at), int32(at)
	for int(row.ownEnd) < len(m.ends) && m.ends[row.ownEnd].state == s {
		row.ownEnd++
	}
	r := t.n
	t.rows[r] = row
	t.n++
	m.slot[s] = uint16(r + 1)
	return r, t
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
	if fold {
		class = &m.fold
	}
	for i := 0; i < len(text); i++ {
		c := class[text[i]]
		v := atomic.LoadUint32(&delta[row+int(c)])
		if v == 0 {
			v, t = m.step(row, c)
			delta = t.delta
		}
		row = int(v >> 2)
		if v&matchBit == 0 {
			continue
		}
		for r := int32(row / m.nclass); r >= 0; r = t.rows[r].dict {
			for _, e := range m.ends[t.rows[r].own:t.rows[r].ownEnd] {
				if !fn(int(e.id), i+1) {
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
