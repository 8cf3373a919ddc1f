package codes

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
)

// occurrence is one phrase found in a text.
type occurrence struct{ id, end int }

// naiveMatches finds the phrases in text the slow way, in the order a
// matcher reports them: by end, then longer phrases first, then by id.
func naiveMatches(phrases []string, text string, fold bool) []occurrence {
	if fold {
		text = LowerASCII(text)
	}
	type occ struct{ id, end, n int }
	var all []occ
	for id, p := range phrases {
		if p == "" {
			continue
		}
		for i := 0; i+len(p) <= len(text); i++ {
			if text[i:i+len(p)] == p {
				all = append(all, occ{id, i + len(p), len(p)})
			}
		}
	}
	slices.SortFunc(all, func(a, b occ) int {
		if a.end != b.end {
			return a.end - b.end
		}
		if a.n != b.n {
			return b.n - a.n
		}
		return a.id - b.id
	})
	out := make([]occurrence, 0, len(all))
	for _, o := range all {
		out = append(out, occurrence{o.id, o.end})
	}
	return out
}

func collect(m *matcher, text string, fold bool) []occurrence {
	out := []occurrence{}
	fn := func(id, end int) bool {
		out = append(out, occurrence{id, end})
		return true
	}
	if fold {
		m.eachFold(text, fn)
	} else {
		m.each(text, fn)
	}
	return out
}

func TestMatcher(t *testing.T) {
	tests := []struct {
		name    string
		phrases []string
		text    string
		fold    bool
	}{
		{"nothing", []string{"user unknown"}, "mailbox full", false},
		{"one", []string{"user unknown"}, "550 user unknown here", false},
		{"overlapping", []string{"he", "she", "his", "hers"}, "ushers and his shell", false},
		{"suffixes end together", []string{"mailbox full", "box full", "full", "x full"}, "the mailbox full; box full", false},
		{"duplicates keep id order", []string{"spam", "blocked", "spam"}, "spam blocked spam", false},
		{"empty phrases are ignored", []string{"", "a", ""}, "banana", false},
		{"repeated letters", []string{"aa", "aaa", "a"}, "aaaaa", false},
		{"case as given", []string{"quota"}, "QUOTA quota Quota", false},
		{"folded", []string{"quota", "over quota"}, "OVER QUOTA, Over Quota", true},
		{"bytes outside the phrases", []string{"ab"}, "\x00a\xffab\x80", false},
		{"multibyte", []string{"boîte pleine", "pleine"}, "la boîte pleine", false},
		{"no phrases", nil, "anything", false},
		{"empty text", []string{"x"}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := newMatcher(tt.phrases)
			if err != nil {
				t.Fatal(err)
			}
			// Twice: the second scan reads transitions the first worked out.
			for round := 0; round < 2; round++ {
				got, want := collect(m, tt.text, tt.fold), naiveMatches(tt.phrases, tt.text, tt.fold)
				if !slices.Equal(got, want) {
					t.Fatalf("round %d: got %v, want %v", round, got, want)
				}
			}
		})
	}
}

// TestMatcherRandom compares the matcher with the slow search on random
// phrases and texts over a small alphabet, where phrases overlap a lot.
func TestMatcherRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func(n int) string {
		b := make([]byte, 1+rng.Intn(n))
		for i := range b {
			b[i] = "abcAB "[rng.Intn(6)]
		}
		return string(b)
	}
	for trial := 0; trial < 200; trial++ {
		phrases := make([]string, rng.Intn(30))
		for i := range phrases {
			phrases[i] = strings.ToLower(word(6))
		}
		m, err := newMatcher(phrases)
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; k < 5; k++ {
			text := word(80)
			for _, fold := range []bool{false, true} {
				got, want := collect(m, text, fold), naiveMatches(phrases, text, fold)
				if !slices.Equal(got, want) {
					t.Fatalf("phrases %q text %q fold %v:\ngot  %v\nwant %v", phrases, text, fold, got, want)
				}
			}
		}
	}
}

func TestMatcherStops(t *testing.T) {
	m, err := newMatcher([]string{"a", "aa"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	m.each("aaaa", func(int, int) bool { n++; return n < 3 })
	if n != 3 {
		t.Fatalf("fn called %d times after asking to stop at 3", n)
	}
	if got := m.lowest("xAAx", nil); got != 0 {
		t.Fatalf("lowest = %d, want 0", got)
	}
	if got := m.lowest("xAAx", func(id int) bool { return id == 1 }); got != 1 {
		t.Fatalf("lowest accepting 1 = %d, want 1", got)
	}
	if got := m.lowest("xyz", nil); got != -1 {
		t.Fatalf("lowest without a match = %d, want -1", got)
	}
}

func TestMatcherTooManyStates(t *testing.T) {
	phrases := make([]string, 1000)
	for i := range phrases {
		phrases[i] = fmt.Sprintf("%d-%s", i, strings.Repeat("x", 40))
	}
	if _, err := newMatcher(phrases); err == nil || !strings.Contains(err.Error(), "matcher states") {
		t.Fatalf("err = %v, want too many states", err)
	}
}

// TestMatcherConcurrent scans from several goroutines at once while the
// transitions are still being worked out and the table grows (run with
// -race).
func TestMatcherConcurrent(t *testing.T) {
	var phrases []string
	var text strings.Builder
	for i := 0; i < 300; i++ {
		p := fmt.Sprintf("phrase %d of the table", i*7919%1000)
		phrases = append(phrases, p)
		if i%3 == 0 {
			text.WriteString(p + " and ")
		}
	}
	m, err := newMatcher(phrases)
	if err != nil {
		t.Fatal(err)
	}
	want := naiveMatches(phrases, text.String(), false)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := collect(m, text.String(), false); !slices.Equal(got, want) {
				errs <- fmt.Sprintf("got %d matches, want %d", len(got), len(want))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if rows := m.dfa.Load().n; rows <= initialRows {
		t.Errorf("the table has %d rows: the test should make it grow", rows)
	}
}
