package app

import (
	"reflect"
	"slices"

	"github.com/smtpexplain/smtpexplain/codes"
)

// A new result usually follows a small edit of the text: the same cards,
// the same annotated text but for a block or two. Drawing it from its
// first card again would take down everything the page shows and build it
// anew over a dozen frames, the page shrinking and growing back on each
// edit. Instead the new result starts from what the page shows of the old
// one, when what differs is little enough for a step: go-app then changes
// only the elements that differ. The cards and blocks that draw the same
// are handed the old result's values, so that go-app, which compares a
// component's fields before drawing it again, finds them equal at once.

// previous is what the page showed of the result before the current one.
type previous struct {
	res    *Result
	chunks []sourceChunk
	draw   drawn
	open   map[string]bool
	shown  map[string]int
	reuse  map[*Card]*Card
	active int
}

// pageCards lists the cards res shows in page order, with groups open and
// cards shown as given, as far as all of them are drawn.
func pageCards(res *Result, open map[string]bool, shown map[string]int) []*Card {
	if res.Total == 1 {
		return []*Card{&res.Groups[0].Cards[0]}
	}
	var out []*Card
	for gi := range res.Groups {
		g := &res.Groups[gi]
		if !open[g.Outcome] {
			continue
		}
		for i := range g.Cards[:min(shown[g.Outcome], len(g.Cards))] {
			out = append(out, &g.Cards[i])
		}
	}
	return out
}

// findingType is the type of the findings sameCard compares.
var findingType = reflect.TypeFor[codes.Finding]()

// sameCard reports whether two cards draw the same: the same number, and
// findings whose exported fields are equal but for where in the text they
// were read, which a card does not show. An empty list equals a missing
// one: a result that came from the decoding worker has lost the empty
// lists, and the finding's unexported fields, on the way.
func sameCard(a, b *Card) bool {
	if a.N != b.N {
		return false
	}
	va, vb := reflect.ValueOf(&a.Finding).Elem(), reflect.ValueOf(&b.Finding).Elem()
	for i := range findingType.NumField() {
		f := findingType.Field(i)
		if !f.IsExported() || f.Name == "Evidence" {
			continue
		}
		fa, fb := va.Field(i), vb.Field(i)
		if f.Type.Kind() == reflect.Slice && fa.Len() == 0 && fb.Len() == 0 {
			continue
		}
		if !reflect.DeepEqual(fa.Interface(), fb.Interface()) {
			return false
		}
	}
	return true
}

// sameChunk reports whether two blocks of annotated text draw the same.
func sameChunk(a, b *sourceChunk) bool {
	return a.size == b.size && slices.Equal(a.segs, b.segs) && slices.Equal(a.cards, b.cards)
}

// changedUnits is what drawing block b over block a costs, in the units of
// textUnits: a segment as it was costs nothing, one whose text alone
// changed costs its text, any other costs as much as a new one.
func changedUnits(a, b *sourceChunk) float64 {
	var u float64
	for i, s := range b.segs {
		if i < len(a.segs) {
			if o := a.segs[i]; o == s {
				continue
			} else if o.Kinds == s.Kinds && o.Card == s.Card && o.Stop == s.Stop {
				u += float64(len(s.Text)) / 1024
				continue
			}
		}
		u += float64(len(s.Text)) / 1024
		if s.Kinds != 0 || s.Card != 0 {
			u += highlightUnits
		}
	}
	return u
}

// carry sets what is drawn of the new result to what the page shows of
// prev, when drawing what differs fits a step by the estimates of c, and
// reports whether it did. The state of the new result (groups open, cards
// shown, blocks) must be set already; the groups it shares with prev then
// stay open or closed as they were, with as many cards shown, and the
// card last gone to stays so when it is drawn the same. The blocks that
// draw the same take the old ones' values, and the cards that do are
// listed in x.reuse.
func (x *Explanation) carry(prev previous, c drawCost) bool {
	if prev.res == nil || prev.draw == (drawn{}) {
		return false
	}
	old := prev.draw
	oldCards := pageCards(prev.res, prev.open, prev.shown)
	if old.all {
		old = drawn{parts: 2 * len(oldCards), extras: true, blocks: len(prev.chunks), details: len(oldCards)}
	}
	open, shown := map[string]bool{}, map[string]int{}
	for o, v := range x.open {
		open[o], shown[o] = v, x.shown[o]
		if was, ok := prev.open[o]; ok {
			open[o], shown[o] = was, max(shown[o], prev.shown[o])
		}
	}
	newCards := pageCards(x.Res, open, shown)
	d := drawn{
		parts:   min(old.parts, 2*len(newCards)),
		extras:  old.extras,
		blocks:  min(old.blocks, len(x.chunks)),
		details: min(old.details, len(newCards)),
	}
	// What differs, as the work of a step.
	var w stepWork
	reuse := map[*Card]*Card{}
	active := 0
	for i := range d.cards() {
		if 2*i < old.parts && i < len(oldCards) && sameCard(oldCards[i], newCards[i]) {
			if newCards[i].N+1 == prev.active {
				active = prev.active
			}
			drawnAs := oldCards[i]
			if c := prev.reuse[drawnAs]; c != nil {
				drawnAs = c
			}
			reuse[newCards[i]] = drawnAs
			continue
		}
		w.tops++
		if 2*i+1 < d.parts {
			w.rests++
		}
		if i < d.details {
			w.details++
		}
	}
	w.extras = d.extras
	same := make([]bool, d.blocks)
	for i := range d.blocks {
		if sameChunk(&prev.chunks[i], &x.chunks[i]) {
			same[i] = true
			continue
		}
		w.text += changedUnits(&prev.chunks[i], &x.chunks[i])
	}
	if w.estimate(c) > stepMs {
		return false
	}
	for i, s := range same {
		if s {
			x.chunks[i] = prev.chunks[i]
		}
	}
	x.draw, x.reuse, x.open, x.shown, x.active = d, reuse, open, shown, active
	return true
}
