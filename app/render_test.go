package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// longBounce is a bounce whose returned message runs to several blocks of
// annotated text.
func longBounce(lines int) string {
	var b strings.Builder
	b.WriteString("From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered Mail Returned to Sender\n\n" +
		"<carol@example.org>: host mx.example.org[198.51.100.2] said: 550 5.1.1 <carol@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n")
	for i := 0; i < lines; i++ {
		fmt.Fprintf(&b, "Line %d of the returned message, with enough words to fill it out a little.\n", i)
	}
	return b.String()
}

func TestChunkText(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"one line", sample},
		{"no line breaks", strings.Repeat("x", 3*chunkBytes) + " 550 5.1.1 <a@example.org>"},
		{"long bounce", longBounce(200)},
		{"example transcript", exampleText(t, "transcript")},
		{"dense highlights", strings.Repeat("<a@example.org>: 550 5.1.1 user unknown (mx.example.org)\n", 60)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Summarize(tc.text, codes.Decode(tc.text))
			chunks := chunkText(res.Text)
			var whole strings.Builder
			stops := map[int]int{}
			for i, c := range chunks {
				var part strings.Builder
				for _, s := range c.segs {
					if s.Text == "" || s.Len != len(s.Text) {
						t.Fatalf("block %d: segment %+v", i, s)
					}
					if s.Card > 0 && !c.hasCard(s.Card) {
						t.Errorf("block %d does not list card %d", i, s.Card)
					}
					if s.Stop {
						stops[s.Card]++
					}
					part.WriteString(s.Text)
				}
				if part.Len() != c.size {
					t.Errorf("block %d: size %d, holds %d bytes", i, c.size, part.Len())
				}
				// Up to its last line, a block weighs less than
				// maxBlockWeight (a highlight cut across blocks counts in
				// both).
				if w := blockWeight(c, true); w >= maxBlockWeight+2.0/chunkSegs {
					t.Errorf("block %d weighs %.2f before its last line", i, w)
				}
				rows := 0
				for _, line := range strings.SplitAfter(part.String(), "\n") {
					if n := len(strings.TrimSuffix(line, "\n")); line != "" {
						rows += max(1, int(math.Ceil(float64(n)/wrapColumns)))
					}
				}
				if c.rows != rows {
					t.Errorf("block %d: %d rows, its lines take %d", i, c.rows, rows)
				}
				if i < len(chunks)-1 && !strings.HasSuffix(part.String(), "\n") {
					t.Errorf("block %d does not end a line: %q", i, part.String()[max(0, part.Len()-20):])
				}
				whole.WriteString(part.String())
			}
			var want strings.Builder
			wantStops := map[int]int{}
			for _, s := range res.Text {
				want.WriteString(s.Text)
				if s.Stop {
					wantStops[s.Card]++
				}
			}
			if whole.String() != want.String() {
				t.Error("the blocks do not hold the annotated text")
			}
			if fmt.Sprint(stops) != fmt.Sprint(wantStops) {
				t.Errorf("keyboard stops %v, want %v", stops, wantStops)
			}
			if tc.name == "long bounce" && len(chunks) < 4 {
				t.Errorf("%d blocks for %d bytes", len(chunks), want.Len())
			}
		})
	}
}

func TestRowsClass(t *testing.T) {
	for _, tc := range []struct {
		rows int
		want string
	}{
		{0, "rows-1"}, {1, "rows-1"}, {2, "rows-2"}, {5, "rows-6"}, {7, "rows-8"},
		{20, "rows-24"}, {19, "rows-16"}, {100, "rows-96"}, {224, "rows-256"}, {5000, "rows-256"},
	} {
		if got := rowsClass(tc.rows); got != tc.want {
			t.Errorf("rowsClass(%d) = %q, want %q", tc.rows, got, tc.want)
		}
	}
	// Every class has its height in the style sheet.
	css, err := os.ReadFile("../web/style.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range blockRows {
		rule := fmt.Sprintf(".rows-%d { contain-intrinsic-block-size: auto %sem; }", r, strconv.FormatFloat(float64(r)*1.55, 'f', -1, 64))
		if !strings.Contains(string(css), rule) {
			t.Errorf("style.css has no %q", rule)
		}
	}
}

// blockWeight is the weight of a block (see chunkText), without its last
// line when butLast is true.
func blockWeight(c sourceChunk, butLast bool) float64 {
	segs := c.segs
	if butLast {
		// Drop the segments of the last line, up to the line break before it.
		for k := len(segs) - 1; k >= 0; k-- {
			text := segs[k].Text
			if k == len(segs)-1 {
				text = strings.TrimSuffix(text, "\n")
			}
			if i := strings.LastIndexByte(text, '\n'); i >= 0 {
				last := segs[k]
				last.Text = text[:i+1]
				segs = append(segs[:k:k], last)
				break
			}
			if k == 0 {
				segs = nil
			}
		}
	}
	w := 0.0
	for _, s := range segs {
		w += float64(len(s.Text)) / chunkBytes
		if s.Kinds != 0 || s.Card != 0 {
			w += 1.0 / chunkSegs
		}
	}
	return w
}

// TestChunkTextStable edits texts and checks that the blocks of the text
// before and after the edit are those of the text before it: at most two
// blocks differ, where the edit is.
func TestChunkTextStable(t *testing.T) {
	var log strings.Builder // under annotateBytes, all annotated
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&log, "Mar  3 09:14:21 mx postfix/smtp[1]: Q%d: to=<user%d@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.2] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n", i, i)
	}
	texts := map[string]string{
		"long bounce": longBounce(400),
		"log":         log.String(),
		"transcript":  strings.Repeat(exampleText(t, "transcript"), 20),
	}
	middle := func(text string) int { return strings.IndexByte(text[len(text)/2:], '\n') + len(text)/2 + 1 }
	edits := map[string]func(string) string{
		"a line typed at the start": func(s string) string { return "Forwarded to me this morning:\n" + s },
		"a word typed in the middle": func(s string) string {
			i := middle(s) + 10
			return s[:i] + "word " + s[i:]
		},
		"a line deleted in the middle": func(s string) string {
			i := middle(s)
			return s[:i] + s[i+strings.IndexByte(s[i:], '\n')+1:]
		},
		"a line typed at the end": func(s string) string { return s + "Thanks.\n" },
	}
	for tname, text := range texts {
		before := chunkText(Summarize(text, codes.Decode(text)).Text)
		if len(before) < 10 {
			t.Fatalf("%s: %d blocks", tname, len(before))
		}
		for ename, edit := range edits {
			if tname == "log" && ename == "a line deleted in the middle" {
				// Each line of the log is a finding: without one, the
				// highlights lead to other cards, and every block changes.
				continue
			}
			t.Run(tname+"/"+ename, func(t *testing.T) {
				edited := edit(text)
				after := chunkText(Summarize(edited, codes.Decode(edited)).Text)
				p := 0
				for p < min(len(before), len(after)) && sameChunk(&before[p], &after[p]) {
					p++
				}
				q := 0
				for q < min(len(before), len(after))-p && sameChunk(&before[len(before)-1-q], &after[len(after)-1-q]) {
					q++
				}
				if differ := len(after) - p - q; differ > 2 {
					t.Errorf("%d of %d blocks differ after the edit (%d the same before it, %d after)", differ, len(after), p, q)
				}
			})
		}
	}
}

func TestWorkerAnswerLeavesTextOut(t *testing.T) {
	text := longBounce(100)
	reply := decodeRequest(7, text)
	if reply["error"] != nil || reply["id"] != 7 {
		t.Fatalf("reply %v", reply)
	}
	js, _ := reply["result"].(string)
	if strings.Contains(js, "Line 42 of the returned message") {
		t.Error("the answer carries the input's text")
	}
	var res Result
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	if err := res.fillText(text); err != nil {
		t.Fatal(err)
	}
	direct := Summarize(text, codes.Decode(text))
	if got, want := mustJSON(t, res), mustJSON(t, direct); got != want {
		t.Errorf("the worker's result differs from the page's:\n%.300s\n%.300s", got, want)
	}
	for _, bad := range []string{text[:len(text)-1], text + "x", ""} {
		var again Result
		json.Unmarshal([]byte(js), &again)
		if err := again.fillText(bad); !errors.Is(err, errTextMismatch) {
			t.Errorf("filling from a text of %d bytes: %v", len(bad), err)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDrawCostLearns checks how the estimates of what drawing costs follow
// what steps took.
func TestDrawCostLearns(t *testing.T) {
	for _, tc := range []struct {
		name       string
		w          stepWork
		ms         float64
		card, text float64 // the estimates after learning
	}{
		{"cards slower than thought", stepWork{tops: 2, rests: 2}, 12, 4.5, 1},
		{"cards faster", stepWork{tops: 2, rests: 2}, 0.75, 2.25, 1},
		{"details", stepWork{details: 2}, 6, 4.5, 1},
		{"far slower: at most twice at a time", stepWork{tops: 1, rests: 1}, 300, 4.5, 1},
		{"text only", stepWork{text: 4}, 2, 3, 0.75},
		{"both", stepWork{tops: 1, rests: 1, text: 3}, 12, 4.5, 1.5},
		{"not measured", stepWork{tops: 1, rests: 1}, 0, 3, 1},
		{"floors", stepWork{tops: 1, rests: 1, text: 1}, 0.001, 2.25, 0.75},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := drawCost{card: 3, text: 1}
			c.learn(tc.w, tc.ms)
			if math.Abs(c.card-tc.card) > 1e-9 || math.Abs(c.text-tc.text) > 1e-9 {
				t.Errorf("learn(%+v, %v) = %+v, want card %v text %v", tc.w, tc.ms, c, tc.card, tc.text)
			}
		})
	}
	c := drawCost{card: 1, text: 0.1}
	for i := 0; i < 100; i++ {
		c.learn(stepWork{tops: 1, rests: 1, text: 1}, 0)
		c.learn(stepWork{tops: 1, rests: 1}, 0.0001)
		c.learn(stepWork{text: 1}, 0.0001)
	}
	if c.card < minCardMs || c.text < minTextUnitMs {
		t.Errorf("the estimates fell under their floors: %+v", c)
	}
}

// TestExplanationDrawsInSteps draws a result the way the page does, a
// step at a time, and checks the order and that the end is the same as
// drawing it at once.
func TestExplanationDrawsInSteps(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "Mar  3 09:14:21 mx postfix/smtp[1]: Q%d: to=<user%d@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.2] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n", i, i)
	}
	text := b.String() + longBounce(150)
	res := Summarize(text, codes.Decode(text))
	whole := &Explanation{Res: &res}
	d := app.NewClientTester(whole)
	want := app.HTMLString(whole)
	d.Close()
	if !whole.complete() || !strings.Contains(want, `data-drawn="all"`) {
		t.Fatal("natively a result is not drawn at once")
	}

	x := &Explanation{Res: &res}
	x.sync()
	// The steps as the browser takes them: reset to the first step.
	x.draw = drawn{}
	x.cost = drawCost{card: firstCardMs, text: firstTextMs}
	x.grow(0)
	if x.draw != (drawn{parts: 1}) {
		t.Errorf("the first step draws %+v, want the top of the first card only", x.draw)
	}
	html := explanationHTML(t, x)
	if !strings.Contains(html, `id="result-status"`) || !strings.Contains(html, `id="card-1"`) || strings.Contains(html, `id="card-2"`) ||
		!strings.Contains(html, `class="verdict"`) || !strings.Contains(html, `class="headline"`) ||
		strings.Contains(html, `class="todo"`) || strings.Contains(html, `class="what"`) || strings.Contains(html, `class="card-details"`) ||
		strings.Contains(html, `id="source"`) || !strings.Contains(html, `data-drawn="partly"`) {
		t.Errorf("the first step does not show the status and the top of the first card only:\n%s", html)
	}
	// The next step finishes the first card, without its details.
	x.grow(0)
	html = explanationHTML(t, x)
	if x.draw != (drawn{parts: 2}) || !strings.Contains(html, `class="todo"`) || !strings.Contains(html, `class="card-details"`) ||
		strings.Contains(html, `class="facts"`) || strings.Contains(html, `id="card-2"`) {
		t.Errorf("the second step draws %+v, want the rest of the first card without its details:\n%s", x.draw, html)
	}
	steps := 1
	for !x.complete() {
		before := x.draw
		w := x.grow(stepMs)
		if x.draw == before || w == (stepWork{}) {
			t.Fatalf("a step drew nothing: %+v", x.draw)
		}
		things := x.draw.parts - before.parts + x.draw.blocks - before.blocks + x.draw.details - before.details
		if x.draw.extras != before.extras {
			things++
		}
		if things > 1 && w.estimate(x.cost) > stepMs {
			t.Errorf("a step of %+v is estimated at %.1f ms, over the budget", w, w.estimate(x.cost))
		}
		steps++
		if steps > 1000 {
			t.Fatal("the steps never end")
		}
	}
	if steps < 5 {
		t.Errorf("drawn in %d steps", steps)
	}
	if got := explanationHTML(t, x); sortAttrs(got) != sortAttrs(want) {
		t.Errorf("drawn in steps, the result differs from drawn at once:\n%s\n----\n%s", got, want)
	}

	// A stale result is not drawn further.
	input := 3
	y := &Explanation{Res: &res, Input: &input, Gen: 3}
	if !y.current(&res) {
		t.Error("the newest result is not current")
	}
	input++
	if y.current(&res) {
		t.Error("a result stays current after the input changed")
	}
}

// explanationHTML draws x as it stands, without resetting what is drawn.
func explanationHTML(t *testing.T, x *Explanation) string {
	t.Helper()
	draw, cost := x.draw, x.cost
	y := &Explanation{Res: x.Res}
	d := app.NewClientTester(y)
	defer d.Close()
	d.Dispatch(app.Dispatch{Mode: app.Update, Source: y, Function: func(ctx app.Context) { y.draw, y.cost = draw, cost }})
	d.Consume()
	return app.HTMLString(y)
}

var (
	tagRE  = regexp.MustCompile(`<([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>`)
	attrRE = regexp.MustCompile(`[a-z-]+(?:="[^"]*")?`)
)

// sortAttrs puts the attributes of every tag of html in order, since
// go-app writes them in no set order.
func sortAttrs(html string) string {
	return tagRE.ReplaceAllStringFunc(html, func(tag string) string {
		m := tagRE.FindStringSubmatch(tag)
		attrs := attrRE.FindAllString(m[2], -1)
		sort.Strings(attrs)
		return "<" + m[1] + " " + strings.Join(attrs, " ") + ">"
	})
}

func TestFNVAdd(t *testing.T) {
	for _, s := range []string{"", "a", "550 5.1.1 User unknown\n", strings.Repeat("é", 100)} {
		h := fnv.New32a()
		h.Write([]byte(s))
		if got := fnvAdd(fnvAdd(fnvOffset, s[:len(s)/2]), s[len(s)/2:]); got != h.Sum32() {
			t.Errorf("fnvAdd(%q) = %#x, want %#x", s, got, h.Sum32())
		}
	}
}
