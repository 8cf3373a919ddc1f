package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// The browser compiles each function of the WebAssembly program the first
// time it runs, and looks up the fonts of text the first time it lays it
// out (tens of milliseconds a font on Linux). Drawing the first result
// would pay for both: a third of a second for its first card. Replacing a
// result with the next one runs code that drawing the first result does
// not: the code that updates elements and removes them. So the page
// rehearses out of sight, a little at a time when it is idle: it draws a
// copy of a result's status line, of a group heading and of a card, then
// of the annotated text's panel, then of a timeline and of the code chips
// (between them, text in every font, size and weight a result shows),
// grows the card, shrinks it and removes them. It does so before the
// first result, with the result of an example the decoding worker sends
// when it is ready (as long as no result is shown), and again once the
// first result is drawn, with its first card.
// The copy is laid out, so that its fonts are looked up, but invisible,
// and hidden from assistive technologies.

// rehearsalStages are the stages of a rehearsal: the result's heading, its
// status line and the group heading, one a stage (headingStages); the top
// of the card; the whole card and the annotated text's panel; the card
// with its technical details, a timeline and the code chips; the top
// again. After the last, the copy is removed.
const (
	headingStages   = 3
	rehearsalStages = headingStages + 4
)

// rehearsal draws a copy of a status line, a group heading, a card, a
// session's timeline, the code chips and the annotated text's panel with
// a block of text out of sight: invisible (the "rehearsal" class),
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
	// Codes are the codes of the result, drawn as chips.
	Codes []codes.CodeRef
	// Stage is how much to draw of them (1 to rehearsalStages).
	Stage int
}

// Render draws the copy.
func (r *rehearsal) Render() app.UI {
	// A little more at each stage, each a task of its own: the browser
	// compiles the code that draws each part, and looks up the fonts of
	// its text, the first time. The headings come one a stage (each has a
	// font of its own, and the first text laid out in a font waits for
	// the browser process to find it); then the card's stages.
	card := r.Stage - headingStages + 1 // 1 once the headings are drawn
	var cards []app.UI
	if card >= 2 {
		cards = append(cards, &cardBox{Card: r.Card, Level: 4, InText: true, Whole: card == 3 || card == 4, Details: card == 4,
			ID: "rehearsal-card", onShowInText: r.ignore, onDetails: r.ignore})
	}
	body := []app.UI{app.H2().Class("visually-hidden").Text(resultTitle)}
	if r.Stage >= 2 {
		body = append(body, app.P().Class("result-status").Text(r.Status))
	}
	if r.Stage >= 3 {
		body = append(body, app.Section().Class("group", "group-"+r.Group.Outcome).Body(
			groupHead(r.Group, "rehearsal-group", true, r.ignore),
			app.Div().ID("rehearsal-group").Class("group-cards").Body(cards...),
		))
	}
	// Text in sizes and weights of its own: from the card's third stage,
	// the annotated text's panel with its block of text; from its fourth,
	// a session's timeline and the code chips.
	if card >= 3 {
		panel := []app.UI{app.H3().Text(sourceTitle), legend()}
		if r.Chunk != nil {
			active := 0
			if r.Stage < rehearsalStages {
				active = r.Card.N + 1
			}
			panel = append(panel, app.Pre().Class("source").Body(&sourceBlock{Chunk: r.Chunk, Active: active}))
		}
		body = append(body, app.Aside().Class("source-panel").Body(panel...))
	}
	if card >= 4 {
		body = append(body, timeline(rehearsalSession(), "rehearsal-", r.ignore))
		if chips := codeChips(r.Codes); chips != nil {
			body = append(body, app.Section().Class("codes-seen").Body(app.H3().Text(codesSeenTitle), chips))
		}
	}
	return app.Div().Class("rehearsal").Aria("hidden", true).Body(body...)
}

// rehearsalSession returns a made-up session whose timeline the
// rehearsal draws: a greeting, a command and a failed reply to it.
func rehearsalSession() *Result {
	return &Result{SessionTotal: 3, Session: []Step{
		{Step: codes.Step{From: "server", Command: "CONNECT", Code: "220", Text: "mx.example.org ESMTP"}},
		{Step: codes.Step{From: "client", Command: "RCPT", Text: "RCPT TO:<a@example.org>"}},
		{Step: codes.Step{From: "server", Command: "RCPT", Code: "550", Status: "5.1.1", Text: "User unknown", Failed: true}, Card: 1},
	}}
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

// start begins a rehearsal with the first card of res, the first
// highlight of its text that leads to a card and the first of a code, and
// reports whether it did (not when res has no card).
func (s *rehearsalState) start(res *Result) bool {
	*s = rehearsalState{}
	if res == nil || len(res.Groups) == 0 || len(res.Groups[0].Cards) == 0 {
		return false
	}
	*s = rehearsalState{res: res, status: statusLine(res), group: &res.Groups[0], card: &res.Groups[0].Cards[0], stage: 1}
	// A highlight that leads to a card, and one of a code (drawn bold),
	// if the first is not.
	var segs []Segment
	for _, seg := range res.Text {
		if seg.Card > 0 {
			segs = append(segs, seg)
			break
		}
	}
	if len(segs) == 0 || segs[0].Kinds&markCode == 0 {
		for _, seg := range res.Text {
			if seg.Kinds&markCode != 0 {
				segs = append(segs, seg)
				break
			}
		}
	}
	if len(segs) > 0 {
		chunks := chunkText(segs)
		s.chunk = &chunks[0]
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
	return &rehearsal{Status: s.status, Group: s.group, Card: s.card, Chunk: s.chunk, Codes: s.res.Codes, Stage: s.stage}
}
