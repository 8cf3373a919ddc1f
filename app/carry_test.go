package app

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// logAndBounce is a log of n failed deliveries, the i-th with status
// codes[i] when given, and a bounce with a long returned message: cards
// in a group and many blocks of annotated text.
func logAndBounce(n int, status map[int]string) string {
	var b strings.Builder
	for i := range n {
		st := "5.1.1"
		if s, ok := status[i]; ok {
			st = s
		}
		fmt.Fprintf(&b, "Mar  3 09:14:21 mx postfix/smtp[1]: Q%d: to=<user%d@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=%s, status=bounced (host mx.example.org[198.51.100.2] said: 550 %s User unknown (in reply to RCPT TO command))\n", i, i, st, st)
	}
	return b.String() + longBounce(150)
}

func TestSameCard(t *testing.T) {
	text := logAndBounce(3, nil)
	res := Summarize(text, codes.Decode(text))
	card := res.Groups[0].Cards[0]
	for _, tc := range []struct {
		name   string
		change func(c *Card)
		same   bool
	}{
		{"unchanged", func(c *Card) {}, true},
		{"read elsewhere in the text", func(c *Card) { c.Evidence = []codes.Span{{Start: 1, End: 2}} }, true},
		{"an empty list for a missing one", func(c *Card) {
			if c.Warnings == nil {
				c.Warnings = []string{}
			} else {
				c.Warnings = nil
			}
		}, true},
		{"another number", func(c *Card) { c.N++ }, false},
		{"another headline", func(c *Card) { c.Summary += "!" }, false},
		{"another step to take", func(c *Card) { c.SenderAction = append([]string{"Call them."}, c.SenderAction...) }, false},
		{"another crosswalk", func(c *Card) { c.Crosswalk.SendGrid = "blocked" }, false},
		{"a hard bounce no longer", func(c *Card) { c.HardBounce = !c.HardBounce }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := card
			other.Evidence = append([]codes.Span(nil), card.Evidence...)
			tc.change(&other)
			if got := sameCard(&card, &other); got != tc.same {
				t.Errorf("sameCard = %v, want %v", got, tc.same)
			}
		})
	}

	// The same result from the decoding worker: no unexported fields, no
	// empty lists, and still the same cards.
	reply := decodeRequest(1, text)
	var back Result
	if err := json.Unmarshal([]byte(reply["result"].(string)), &back); err != nil {
		t.Fatal(err)
	}
	if err := back.fillText(text); err != nil {
		t.Fatal(err)
	}
	for i := range res.Groups[0].Cards {
		if !sameCard(&res.Groups[0].Cards[i], &back.Groups[0].Cards[i]) {
			t.Errorf("card %d differs once it came from the worker", i)
		}
	}
}

// drawnWhole returns x, showing res drawn whole as the page draws it in
// steps.
func drawnWhole(t *testing.T, res *Result) *Explanation {
	t.Helper()
	x := &Explanation{Res: res}
	x.reset()
	x.firstStep(previous{})
	for i := 0; !x.complete(); i++ {
		x.grow(stepMs)
		if i > 1000 {
			t.Fatal("the steps never end")
		}
	}
	return x
}

// next shows res on x as the page does when a new result comes, and
// returns what its first step draws.
func next(x *Explanation, res *Result) drawn {
	x.Res = res
	prev := x.previous()
	x.reset()
	x.firstStep(prev)
	return x.draw
}

// mountedHTML draws x as it stands, carried cards included.
func mountedHTML(t *testing.T, x *Explanation) string {
	t.Helper()
	d := app.NewClientTester(x)
	defer d.Close()
	return app.HTMLString(x)
}

// wholeHTML draws res at once.
func wholeHTML(t *testing.T, res *Result) string {
	t.Helper()
	y := &Explanation{Res: res}
	d := app.NewClientTester(y)
	defer d.Close()
	return app.HTMLString(y)
}

func TestCarry(t *testing.T) {
	summarize := func(text string) *Result {
		res := Summarize(text, codes.Decode(text))
		return &res
	}
	base := logAndBounce(4, nil)

	t.Run("an edit at the end", func(t *testing.T) {
		x := drawnWhole(t, summarize(base))
		was := x.draw
		oldChunks := x.chunks
		res := summarize(base + "One more line.\n")
		if got := next(x, res); got != was {
			t.Fatalf("the first step draws %+v, want %+v as before", got, was)
		}
		if !x.complete() || !x.scrolled {
			t.Error("the edited result is not drawn whole, or its text is scrolled again")
		}
		if len(x.reuse) != len(pageCards(res, x.open, x.shown)) {
			t.Errorf("%d cards drawn as before, want all %d", len(x.reuse), len(pageCards(res, x.open, x.shown)))
		}
		for i := range len(x.chunks) - 1 {
			if &x.chunks[i].segs[0] != &oldChunks[i].segs[0] {
				t.Errorf("block %d, unchanged, is not the one drawn before", i)
			}
		}
		if got, want := mountedHTML(t, x), wholeHTML(t, res); sortAttrs(got) != sortAttrs(want) {
			t.Errorf("carried, the result differs from drawn at once:\n%s\n----\n%s", got, want)
		}
	})

	t.Run("a card changed", func(t *testing.T) {
		changed := logAndBounce(4, map[int]string{2: "5.2.2"})
		// By estimates learnt on a slow machine, a card to draw again is
		// a step in itself: the result is drawn anew.
		x := drawnWhole(t, summarize(base))
		x.cost = drawCost{card: stepMs, text: 1}
		if got := next(x, summarize(changed)); got != (drawn{parts: 1}) {
			t.Errorf("on a slow machine, the first step draws %+v", got)
		}
		// By the first estimates, it fits a step with the rest.
		x = drawnWhole(t, summarize(base))
		old := pageCards(x.Res, x.open, x.shown)
		res := summarize(changed)
		next(x, res)
		if !x.complete() {
			t.Fatalf("the result is not drawn whole in one step: %+v", x.draw)
		}
		cards := pageCards(res, x.open, x.shown)
		for i, c := range cards {
			_, reused := x.reuse[c]
			if want := i != 2; reused != want || reused && x.reuse[c] != old[i] {
				t.Errorf("card %d drawn as before: %v, want %v", i, reused, want)
			}
		}
		got, want := mountedHTML(t, x), wholeHTML(t, res)
		if sortAttrs(got) != sortAttrs(want) {
			t.Errorf("carried, the result differs from drawn at once:\n%s\n----\n%s", got, want)
		}
		if !strings.Contains(got, "5.2.2") {
			t.Error("the changed card does not show its new code")
		}
	})

	t.Run("cards drawn as before stay the first ones drawn", func(t *testing.T) {
		x := drawnWhole(t, summarize(base))
		first := pageCards(x.Res, x.open, x.shown)[0]
		for i := range 3 {
			next(x, summarize(base+strings.Repeat("\n", i+1)))
		}
		if c := pageCards(x.Res, x.open, x.shown)[0]; x.reuse[c] != first {
			t.Error("after three edits, the first card is not drawn as the one drawn first")
		}
	})

	t.Run("a group opened and a card gone to stay so", func(t *testing.T) {
		var deferred strings.Builder
		for i := range 7 {
			fmt.Fprintf(&deferred, "Mar  3 09:15:00 mx postfix/smtp[2]: D%d: to=<later%d@example.net>, relay=mx.example.net[203.0.113.5]:25, dsn=4.2.2, status=deferred (host mx.example.net[203.0.113.5] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n", i, i)
		}
		text := logAndBounce(8, nil) + deferred.String()
		x := drawnWhole(t, summarize(text))
		if x.open[OutcomeFailed] || x.open[OutcomeTemporary] {
			t.Fatalf("groups open at first: %v", x.open)
		}
		// As onToggle and goToCard do.
		x.drawAll()
		x.open[OutcomeTemporary] = true
		card := x.Res.Groups[1].Cards[2]
		x.active = card.N + 1
		res := summarize(text + "\n")
		next(x, res)
		if !x.open[OutcomeTemporary] || x.open[OutcomeFailed] || x.active != card.N+1 || x.draw.parts != 2*x.visibleCards() {
			t.Fatalf("after the edit: open %v, active %d (want %d), drawn %+v", x.open, x.active, card.N+1, x.draw)
		}
		for !x.complete() {
			x.grow(stepMs)
		}
		y := &Explanation{Res: res}
		y.reset()
		y.open[OutcomeTemporary], y.active, y.draw = true, card.N+1, drawn{all: true}
		if got, want := mountedHTML(t, x), mountedHTML(t, y); sortAttrs(got) != sortAttrs(want) {
			t.Errorf("carried, the result differs from drawn at once with the group open:\n%s\n----\n%s", got, want)
		}
		if !strings.Contains(mountedHTML(t, x), "card-active") {
			t.Error("the card gone to is not marked")
		}
	})

	t.Run("partly drawn", func(t *testing.T) {
		x := &Explanation{Res: summarize(base)}
		x.reset()
		x.firstStep(previous{})
		x.grow(0)
		was := x.draw
		if got := next(x, summarize(base+"\n")); got != was || x.complete() {
			t.Errorf("the first step draws %+v, want %+v as before, and no more", got, was)
		}
	})

	t.Run("another text", func(t *testing.T) {
		x := drawnWhole(t, summarize(base))
		other := summarize(exampleText(t, "transcript") + strings.Repeat("A line of something else entirely.\n", 400))
		if got := next(x, other); got != (drawn{parts: 1}) || x.reuse != nil || x.scrolled {
			t.Errorf("after a new text the first step draws %+v, reusing %d cards; want the top of the first card", got, len(x.reuse))
		}
	})

	t.Run("fewer cards", func(t *testing.T) {
		x := drawnWhole(t, summarize(base))
		res := summarize(logAndBounce(2, nil))
		next(x, res)
		n := len(pageCards(res, x.open, x.shown))
		if x.draw.parts > 2*n || x.draw.details > n {
			t.Errorf("the first step draws %+v for %d cards", x.draw, n)
		}
		if x.complete() {
			if got, want := mountedHTML(t, x), wholeHTML(t, res); sortAttrs(got) != sortAttrs(want) {
				t.Errorf("carried, the result differs from drawn at once:\n%s\n----\n%s", got, want)
			}
		}
	})

	t.Run("nothing before", func(t *testing.T) {
		x := &Explanation{Res: summarize(base)}
		if got := next(x, x.Res); got != (drawn{parts: 1}) {
			t.Errorf("the first step of a first result draws %+v", got)
		}
	})
}

func TestChangedUnits(t *testing.T) {
	text := Segment{Text: strings.Repeat("x", 512), Len: 512}
	mark := Segment{Text: "550", Len: 3, Kinds: markCode, Card: 1, Stop: true}
	longer := text
	longer.Text, longer.Len = text.Text+"y", 513
	other := mark
	other.Text = "551"
	moved := mark
	moved.Card = 2
	for _, tc := range []struct {
		name   string
		before []Segment
		after  []Segment
		units  float64
	}{
		{"unchanged", []Segment{text, mark}, []Segment{text, mark}, 0},
		{"text typed into", []Segment{text, mark}, []Segment{longer, mark}, 513.0 / 1024},
		{"a highlight's text changed", []Segment{text, mark}, []Segment{text, other}, 3.0 / 1024},
		{"a highlight leads elsewhere", []Segment{text, mark}, []Segment{text, moved}, 3.0/1024 + highlightUnits},
		{"a highlight more", []Segment{text}, []Segment{text, mark}, 3.0/1024 + highlightUnits},
		{"a highlight less", []Segment{text, mark}, []Segment{text}, 0},
		{"plain text where a highlight was", []Segment{mark}, []Segment{text}, 512.0 / 1024},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := sourceChunk{segs: tc.before}, sourceChunk{segs: tc.after}
			if got := changedUnits(&a, &b); math.Abs(got-tc.units) > 1e-9 {
				t.Errorf("changedUnits = %v, want %v", got, tc.units)
			}
		})
	}
}
