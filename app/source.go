package app

import (
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// chunkBytes is about how much of the annotated text one block holds. The
// text is drawn as a column of such blocks, a few at a time, so that no
// step of drawing or laying out a long text holds up the page; a block
// that is already there is not drawn or laid out again.
const chunkBytes = 2 << 10

// chunkSegs is about the most highlights a block holds: each is an element
// of its own, which costs far more to draw than plain text, so a passage
// dense with highlights is cut into more blocks.
const chunkSegs = 8

// maxBlockWeight bounds a block, in blocks of chunkBytes or chunkSegs (see
// chunkText).
const maxBlockWeight = 3

// sourceChunk is one block of the annotated text: whole lines, as
// segments, and the cards its highlights lead to.
type sourceChunk struct {
	segs  []Segment
	size  int
	cards []int // N+1 of each card a highlight leads to
	rows  int   // the lines it shows, long ones counted as wrapped (see wrapColumns)
}

// hasCard reports whether a highlight of the chunk leads to card n (N+1).
func (c *sourceChunk) hasCard(n int) bool {
	for _, m := range c.cards {
		if m == n {
			return true
		}
	}
	return false
}

// chunkText cuts the segments of an annotated text into blocks of whole
// lines, of about chunkBytes or chunkSegs highlights each. A segment is
// cut only after a line break; the pieces of a highlight keep its card,
// and only the first keeps its keyboard stop. The blocks together hold the
// same text, in order.
//
// Whether a block ends with a line depends on that line alone, so that an
// edit of the text leaves the blocks before and after it as they were
// (see carry): a line weighs its share of a block (its bytes over
// chunkBytes plus its highlights over chunkSegs), and a block ends after
// it with that weight as its chance, drawn from a hash of the line's text.
// Blocks thus weigh about one on average; one that reaches maxBlockWeight
// ends all the same.
func chunkText(segs []Segment) []sourceChunk {
	var out []sourceChunk
	var cur sourceChunk
	add := func(s Segment) {
		cur.segs = append(cur.segs, s)
		cur.size += len(s.Text)
		if s.Card > 0 && !cur.hasCard(s.Card) {
			cur.cards = append(cur.cards, s.Card)
		}
	}
	weight, line := 0.0, 0.0 // of the block, and of the line so far
	h := uint32(fnvOffset)   // the hash of the line so far
	lineLen := 0             // the bytes of the line so far
	for _, s := range segs {
		if s.Kinds != 0 || s.Card != 0 {
			line += 1.0 / chunkSegs
		}
		from := 0 // s.Text[:from] is weighed
		for {
			j := strings.IndexByte(s.Text[from:], '\n')
			if j < 0 {
				h = fnvAdd(h, s.Text[from:])
				line += float64(len(s.Text)-from) / chunkBytes
				lineLen += len(s.Text) - from
				break
			}
			end := from + j + 1
			h = fnvAdd(h, s.Text[from:end])
			line += float64(end-from) / chunkBytes
			cur.rows += wrappedRows(lineLen + j)
			weight += line
			cut := weight >= maxBlockWeight || float64(h) < line*(1<<32)
			h, line, lineLen, from = fnvOffset, 0, 0, end
			if !cut {
				continue
			}
			head := s
			head.Text, head.Len = s.Text[:end], end
			add(head)
			out = append(out, cur)
			cur, weight = sourceChunk{}, 0
			s.Text, s.Len, s.Stop = s.Text[end:], len(s.Text)-end, false
			from = 0
		}
		if s.Text != "" {
			add(s)
		}
	}
	if len(cur.segs) > 0 {
		if lineLen > 0 {
			cur.rows += wrappedRows(lineLen)
		}
		out = append(out, cur)
	}
	return out
}

// wrapColumns is about how many characters a line of the annotated text
// shows before it wraps, to guess a block's height before it is laid out.
const wrapColumns = 60

// wrappedRows is how many rows a line of n bytes takes, wrapped at
// wrapColumns.
func wrappedRows(n int) int {
	return max(1, (n+wrapColumns-1)/wrapColumns)
}

// blockRows are the heights, in rows, that a block of the annotated text
// is given before it is laid out: each has its class, rows-N, in
// style.css. A block that is off screen is not laid out or painted
// (content-visibility: auto), so that an edit, which changes a block or
// two, does not lay out the whole text again; until a block has been laid
// out once it takes the height of the class nearest its rows, so that the
// scroll bar of a long text is about right from the start.
var blockRows = [...]int{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256}

// rowsClass is the class of a block of rows rows: that of the nearest of
// blockRows by ratio.
func rowsClass(rows int) string {
	rows = max(rows, 1)
	best, bestRatio := blockRows[0], math.Inf(1)
	for _, r := range blockRows {
		ratio := float64(max(r, rows)) / float64(min(r, rows))
		if ratio < bestRatio {
			best, bestRatio = r, ratio
		}
	}
	return "rows-" + strconv.Itoa(best)
}

// The 32-bit FNV-1a hash, which chunkText takes of each line.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// fnvAdd returns the FNV-1a hash h continued with the bytes of s.
func fnvAdd(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

// sourceBlock draws one block of the annotated text. The text is only
// ever drawn as text nodes: it cannot become markup. Highlights that lead
// to a card carry its number; those of the active card stand out. Its
// fields are compared when the explanation is drawn again, so a block
// whose highlights did not change is left as it is.
type sourceBlock struct {
	app.Compo

	// Chunk is the block's part of the text.
	Chunk *sourceChunk
	// Active is N+1 of the active card when the block leads to it, or 0.
	Active int
}

// Render draws the block.
func (s *sourceBlock) Render() app.UI {
	nodes := make([]app.UI, 0, len(s.Chunk.segs))
	for _, seg := range s.Chunk.segs {
		if seg.Kinds == 0 && seg.Card == 0 {
			nodes = append(nodes, app.Text(seg.Text))
			continue
		}
		cls := []string{"hl"}
		for _, k := range []struct {
			bit   int
			class string
		}{{markEvidence, "hl-ev"}, {markCode, "hl-code"}, {markRecipient, "hl-rcpt"}, {markHost, "hl-host"}} {
			if seg.Kinds&k.bit != 0 {
				cls = append(cls, k.class)
			}
		}
		if seg.Card > 0 && seg.Card == s.Active {
			cls = append(cls, "hl-active")
		}
		m := app.Elem("mark").Class(cls...).Text(seg.Text)
		if seg.Card > 0 {
			m = m.DataSet("card", seg.Card)
		}
		if seg.Stop {
			m = m.TabIndex(0).Attr("role", "button")
		}
		nodes = append(nodes, m)
	}
	return app.Div().Class("source-block", rowsClass(s.Chunk.rows)).Body(nodes...)
}

// sourceTitle is the heading of the annotated text.
const sourceTitle = "Your text, annotated"

// legend says what each kind of highlight of the annotated text is.
func legend() app.UI {
	return app.Ul().Class("legend").Aria("label", "Highlights").Body(
		app.Li().Body(app.Span().Class("hl hl-code").Text("550"), app.Text(" codes")),
		app.Li().Body(app.Span().Class("hl hl-rcpt").Text("a@b"), app.Text(" recipients")),
		app.Li().Body(app.Span().Class("hl hl-host").Text("host"), app.Text(" servers")),
		app.Li().Body(app.Span().Class("hl hl-ev").Text("text"), app.Text(" passages read")),
	)
}

// sourceView shows the text as it was pasted, with its codes, recipients,
// hosts and the passages read for each finding highlighted: the first
// drawn blocks of chunks. Highlights that lead to a card are buttons,
// handled once for the whole text by onClick and onKey.
func sourceView(res *Result, chunks []sourceChunk, drawn, active int, onClick, onKey app.EventHandler) app.HTMLAside {
	drawn = min(drawn, len(chunks))
	nodes := make([]app.UI, 0, drawn)
	for i := range chunks[:drawn] {
		c := &chunks[i]
		a := 0
		if active > 0 && c.hasCard(active) {
			a = active
		}
		nodes = append(nodes, &sourceBlock{Chunk: c, Active: a})
	}
	body := []app.UI{
		app.H3().ID("source-title").Text(sourceTitle),
		legend(),
		app.P().ID("source-help").Class("help").Text("Select a highlight to see its explanation."),
		app.Pre().ID("source").Class("source").TabIndex(0).Aria("label", "Your text, annotated").Aria("describedby", "source-help").
			OnClick(onClick).OnKeyDown(onKey).Body(nodes...),
	}
	if res.TextCut && drawn == len(chunks) {
		body = append(body, app.P().Class("help").Text("Only the beginning of the text is shown here; all of it was decoded."))
	}
	return app.Aside().ID("source-panel").Class("source-panel").Aria("labelledby", "source-title").Body(body...)
}
