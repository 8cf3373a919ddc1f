package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The browser compiles each function of the WebAssembly program the first
// time it runs, and looks up the fonts of text the first time it lays it
// out (tens of milliseconds a font on Linux). Drawing the first result
// would pay for both: a third of a second for its first card. Replacing a
// result with the next one runs code that drawing the first result does
// not: the code that updates elements and removes them. So the page
// rehearses out of sight, a little at a time when it is idle: it draws a
// copy of a result's status line, of a group heading, of a card and of a
// block of the annotated text, grows the card, shrinks it and removes
// them. It does so before the first result, with the result of an example
// the decoding worker sends when it is ready (as long as no result is
// shown), and again once the first result is drawn, with its first card.
// The copy is laid out, so that its fonts are looked up, but invisible,
// and hidden from assistive technologies.

// rehearsalStages are the stages of a rehearsal: the top of the card, the
// whole card, the card with its technical details, the top again; after
// the last, the copy is removed.
const rehearsalStages = 4

// rehearsal draws a copy of a status line, a group heading, a card and a
// block of annotated text out of sight: invisible (the "rehearsal" class),
// aria-hidden, and with ids of its own.
type rehearsal struct {
	app.Compo

	// Status is the status line of the result copied from.
	Status string
	// Group is the group of the card, whose heading is drawn.
	Group *Group
	// Card is the card to draw.
	Card *Card
	// Chunk is the block of text to draw, if any.
	Chunk *sourceChunk
	// Stage is how much to draw of them (1 to rehearsalStages).
	Stage int
}

// Render draws the copy.
func (r *rehearsal) Render() app.UI {
	card := &cardBox{Card: r.Card, Level: 4, InText: true, Whole: r.Stage == 2 || r.Stage == 3, Details: r.Stage == 3,
		ID: "rehearsal-card", onShowInText: r.ignore, onDetails: r.ignore}
	body := []app.UI{
		app.P().Class("result-status").Text(r.Status),
		app.Section().Class("group", "group-"+r.Group.Outcome).Body(
			groupHead(r.Group, "rehearsal-group", true, r.ignore),
			app.Div().ID("rehearsal-group").Class("group-cards").Body(card),
		),
	}
	if r.Chunk != nil {
		active := 0
		if r.Stage < rehearsalStages {
			active = r.Card.N + 1
		}
		body = append(body, &sourceBlock{Chunk: r.Chunk, Active: active})
	}
	return app.Div().Class("rehearsal").Aria("hidden", true).Body(body...)
}

// ignore handles the events of the copy, which gets none.
func (r *rehearsal) ignore(ctx app.Context, e app.Event) {}

// rehearsalState is where a rehearsal stands: what it copies, and its
// stage, 0 when it is not running.
type rehearsalState struct {
	res    *Result // the result it copies from
	status string
	group  *Group
	card   *Card
	chunk  *sourceChunk
	stage  int
	sample bool // res is an example's, not the result shown
}

// start begins a rehearsal with the first card of res and the first
// highlight of its text that leads to a card, and reports whether it did
// (not when res has no card).
func (s *rehearsalState) start(res *Result) bool {
	*s = rehearsalState{}
	if res == nil || len(res.Groups) == 0 || len(res.Groups[0].Cards) == 0 {
		return false
	}
	*s = rehearsalState{res: res, status: statusLine(res), group: &res.Groups[0], card: &res.Groups[0].Cards[0], stage: 1}
	for _, seg := range res.Text {
		if seg.Card > 0 {
			chunks := chunkText([]Segment{seg})
			s.chunk = &chunks[0]
			break
		}
	}
	return true
}

// startSample begins a rehearsal with res, an example's result, before the
// page shows any result, and reports whether it did.
func (s *rehearsalState) startSample(res *Result) bool {
	ok := s.start(res)
	s.sample = ok
	return ok
}

// next goes on to the next stage, and reports whether there is one: not
// after the last, nor when current, the result now shown, is no longer
// the one copied from (for a sample, once there is a result).
func (s *rehearsalState) next(current *Result) bool {
	want := s.res
	if s.sample {
		want = nil
	}
	if s.stage == 0 || s.stage >= rehearsalStages || current != want {
		*s = rehearsalState{}
		return false
	}
	s.stage++
	return true
}

// view draws the stage, or nothing when no rehearsal runs.
func (s *rehearsalState) view() app.UI {
	if s.stage == 0 {
		return nil
	}
	return &rehearsal{Status: s.status, Group: s.group, Card: s.card, Chunk: s.chunk, Stage: s.stage}
}
