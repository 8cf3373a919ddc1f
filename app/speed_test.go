package app

import "testing"

func TestDecodeSpeed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		learnt [][2]float64 // units, ms
		inline map[int]bool // units -> decoded on the page
	}{
		{"before any measurement", nil, map[int]bool{100: true, 16 << 10: true, 48 << 10: true, 48<<10 + 1: false, 1 << 20: false}},
		{"a slow machine", [][2]float64{{64 << 10, 32}}, map[int]bool{100: true, 16 << 10: true, 16<<10 + 1: false, 48 << 10: false}},
		{"a fast machine", [][2]float64{{64 << 10, 4}, {32 << 10, 2}}, map[int]bool{48 << 10: true, 64 << 10: true, 64<<10 + 1: false}},
		{"small decodes are not learnt from", [][2]float64{{100, 50}}, map[int]bool{48 << 10: true}},
		{"a slow decode after fast ones", [][2]float64{{64 << 10, 4}, {64 << 10, 60}}, map[int]bool{32 << 10: false, 16 << 10: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s decodeSpeed
			for _, l := range tc.learnt {
				s.learn(int(l[0]), l[1])
			}
			for units, want := range tc.inline {
				if got := s.inline(units); got != want {
					t.Errorf("%d units (%.1f ms predicted): inline %v, want %v", units, s.predict(units), got, want)
				}
			}
		})
	}
}

func TestDecodeSpeedEdits(t *testing.T) {
	const big = 200 << 10 // beyond inlineMost: only an edit decodes here
	for _, tc := range []struct {
		name   string
		learnt [][2]float64 // units, ms
		inline map[int]bool // units -> an edit of that size decoded on the page
	}{
		{"before any decode", nil, map[int]bool{big: false}},
		{"after a quick decode of the text", [][2]float64{{big, 5}}, map[int]bool{big: true, big + editUnits: true, big - editUnits: true, big + editUnits + 1: false, big - editUnits - 1: false, 2 * big: false}},
		{"after a slow one", [][2]float64{{big, 5}, {big, inlineBudgetMs + 1}}, map[int]bool{big: false, big + 1: false}},
		{"only the last decode counts", [][2]float64{{big, 40}, {big, 3}}, map[int]bool{big + 1: true}},
		{"a small text's decode says nothing of a large one's", [][2]float64{{100, 0.1}}, map[int]bool{big: false, 100: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s decodeSpeed
			for _, l := range tc.learnt {
				s.learn(int(l[0]), l[1])
			}
			for units, want := range tc.inline {
				if got := s.inlineEdit(units); got != want {
					t.Errorf("an edit to %d units after %v: inline %v, want %v", units, tc.learnt, got, want)
				}
			}
		})
	}
}
