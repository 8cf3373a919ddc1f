package codes

import "sort"

// matcher finds many phrases in a text in one pass (an Aho-Corasick
// automaton over bytes). Phrases are matched as given: callers lower-case
// both the phrases and the text. It is read-only after construction.
type matcher struct {
	root  [256]int32 // transitions of the root state (dense: it is hit on every byte)
	edges []edge     // transitions of the other states, sorted by state then byte
	first []int32    // index in edges of each state's first transition
	count []int32    // number of transitions of each state
	fail  []int32    // failure link of each state
	out   [][]int32  // ids of the phrases that end at each state, own and inherited
}

type edge struct {
	b  byte
	to int32
}

// newMatcher builds a matcher for the phrases; a phrase's id is its index.
// Empty phrases are ignored.
func newMatcher(phrases []string) *matcher {
	// Build the trie with map-free child lists.
	type node struct {
		kids map[byte]int32
		out  []int32
	}
	nodes := []node{{}}
	for id, p := range phrases {
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			if nodes[s].kids == nil {
				nodes[s].kids = map[byte]int32{}
			}
			nx, ok := nodes[s].kids[p[i]]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{})
				nodes[s].kids[p[i]] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	m := &matcher{
		first: make([]int32, len(nodes)),
		count: make([]int32, len(nodes)),
		fail:  make([]int32, len(nodes)),
		out:   make([][]int32, len(nodes)),
	}
	for s := range nodes {
		m.first[s] = int32(len(m.edges))
		keys := make([]int, 0, len(nodes[s].kids))
		for b := range nodes[s].kids {
			keys = append(keys, int(b))
		}
		sort.Ints(keys)
		for _, b := range keys {
			m.edges = append(m.edges, edge{byte(b), nodes[s].kids[byte(b)]})
		}
		m.count[s] = int32(len(keys))
		m.out[s] = nodes[s].out
	}
	for b, to := range nodes[0].kids {
		m.root[b] = to
	}
	// Failure links, breadth first.
	queue := make([]int32, 0, len(nodes))
	for _, e := range m.children(0) {
		m.fail[e.to] = 0
		queue = append(queue, e.to)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range m.children(s) {
			f := m.fail[s]
			for {
				if nx, ok := m.step(f, e.b); ok {
					m.fail[e.to] = nx
					break
				}
				if f == 0 {
					m.fail[e.to] = 0
					break
				}
				f = m.fail[f]
			}
			if inherited := m.out[m.fail[e.to]]; len(inherited) > 0 {
				m.out[e.to] = append(append([]int32(nil), m.out[e.to]...), inherited...)
			}
			queue = append(queue, e.to)
		}
	}
	return m
}

func (m *matcher) children(s int32) []edge {
	return m.edges[m.first[s] : m.first[s]+m.count[s]]
}

// step follows the transition of s on b, without failure links.
func (m *matcher) step(s int32, b byte) (int32, bool) {
	if s == 0 {
		to := m.root[b]
		return to, to != 0
	}
	kids := m.children(s)
	// Most states have one or two children; a linear scan beats a search.
	if len(kids) <= 8 {
		for _, e := range kids {
			if e.b == b {
				return e.to, true
			}
		}
		return 0, false
	}
	i := sort.Search(len(kids), func(i int) bool { return kids[i].b >= b })
	if i < len(kids) && kids[i].b == b {
		return kids[i].to, true
	}
	return 0, false
}

// each calls fn for every occurrence of a phrase in text, in the order the
// occurrences end, with the phrase id and the offset just past its end.
// fn returns false to stop.
func (m *matcher) each(text string, fn func(id, end int) bool) {
	s := int32(0)
	for i := 0; i < len(text); i++ {
		b := text[i]
		for {
			if nx, ok := m.step(s, b); ok {
				s = nx
				break
			}
			if s == 0 {
				break
			}
			s = m.fail[s]
		}
		for _, id := range m.out[s] {
			if !fn(int(id), i+1) {
				return
			}
		}
	}
}

// lowest reports the lowest phrase id found in text, or -1. With accept, only
// the ids it accepts count.
func (m *matcher) lowest(text string, accept func(id int) bool) int {
	best := -1
	m.each(text, func(id, _ int) bool {
		if (best < 0 || id < best) && (accept == nil || accept(id)) {
			best = id
		}
		return true
	})
	return best
}
