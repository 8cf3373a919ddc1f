package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// How many cards a group shows at first, and how many more each click
// adds.
const (
	firstCards = 10
	moreCards  = 40
	// openGroupCards is the largest group shown open at first, when there
	// are several groups.
	openGroupCards = 5
)

// Explanation shows a Result: a status line, the groups of cards, the
// session timeline, the codes seen and the annotated text. Selecting a
// highlight in the text brings its card into view; each card leads back
// to its place in the text.
//
// In the browser a result is drawn in steps, each about a frame's worth
// of work, with a frame painted between them: the status line and the
// verdict of the first card first (its top: recipient, headline, whose
// side and when to retry), then the rest of it and the other cards, the
// timeline and the codes, the annotated text a few blocks at a time and
// the cards' technical details. The steps of a result stop
// when a newer input comes. Selecting anything draws the rest at once.
type Explanation struct {
	app.Compo

	// Res is the result to show. A new pointer means a new input.
	Res *Result
	// Input points to the input's change count, and Gen is the count Res
	// was decoded for: once they differ, Res is stale and is not drawn
	// further. A nil Input never makes it stale.
	Input *int
	Gen   int

	seen   *Result         // the result the state below belongs to
	open   map[string]bool // outcome -> group expanded
	shown  map[string]int  // outcome -> cards shown
	active int             // N+1 of the card last gone to, 0 for none
	back   app.Value       // the highlight the last card was opened from

	chunks    []sourceChunk   // the annotated text in blocks
	inText    map[int]bool    // N of each card a highlight of the text leads to
	reuse     map[*Card]*Card // cards of Res drawn as the previous result's equal ones (see carry)
	draw      drawn           // what is drawn of the result so far
	disp      app.Dispatcher  // the page's, once mounted in a browser (OnMount runs before a step ends)
	stepping  *Result         // the result whose next step waits for a frame
	start     float64         // when the step being drawn started (perfNow)
	step      stepWork        // what the step being drawn adds
	cost      drawCost        // what drawing costs, learnt from the steps
	scrolled  bool            // the text was scrolled to its first highlight
	collected *Result         // the last result counted by gc
	gc        gcPacer         // collects memory after results are drawn
}

// drawn is how much of a result is drawn.
type drawn struct {
	all     bool // everything
	parts   int  // parts of cards, in page order: a card's top, then the rest of it
	extras  bool // the session timeline and the codes seen
	blocks  int  // blocks of the annotated text
	details int  // cards, in page order, with their technical details
}

// cards is the number of cards drawn at least in part.
func (d drawn) cards() int { return (d.parts + 1) / 2 }

// drawCost estimates what drawing and laying out costs, in milliseconds.
type drawCost struct {
	card float64 // a card
	text float64 // a unit of annotated text (see textUnits)
}

// stepWork is what one step adds: cards' tops and rests, the extras, units
// of annotated text and cards' technical details.
type stepWork struct {
	tops    int
	rests   int
	extras  bool
	text    float64
	details int
}

// What the parts of a card cost, as shares of the whole card: they hold
// about that share of its elements.
const (
	topShare     = 0.3
	restShare    = 0.2
	detailsShare = 1 - topShare - restShare
)

// cardShares is the step's parts of cards, in whole cards.
func (w stepWork) cardShares() float64 {
	return float64(w.tops)*topShare + float64(w.rests)*restShare + float64(w.details)*detailsShare
}

// estimate is the step's cost by c.
func (w stepWork) estimate(c drawCost) float64 {
	ms := w.cardShares()*c.card + w.text*c.text
	if w.extras {
		ms += extrasMs
	}
	return ms
}

// highlightUnits is what a segment costs to draw, in kilobytes of plain
// text: a highlight is an element with its attributes, where plain text
// is one node.
const highlightUnits = 2

// textUnits is what a block costs to draw, in kilobytes of plain text.
func textUnits(c *sourceChunk) float64 {
	return float64(c.size)/1024 + float64(len(c.segs))*highlightUnits
}

// Budgets of the steps, in milliseconds of main-thread work: the first
// step draws the status line and the first card only, to show the verdict
// soon; later steps fill about half a frame, leaving the rest of it to the
// browser and to typing.
const (
	stepMs   = 8
	extrasMs = 1
	// The estimates before any step was measured, and their floors.
	firstCardMs   = 3
	firstTextMs   = 0.5
	minCardMs     = 0.5
	minTextUnitMs = 0.05
)

// OnMount keeps the page's dispatcher, to schedule the steps.
func (x *Explanation) OnMount(ctx app.Context) {
	if !app.IsServer {
		x.disp = ctx.Dispatcher()
	}
}

// sync resets the state when the result changes.
func (x *Explanation) sync() {
	if x.Res == x.seen && x.open != nil {
		return
	}
	prev := x.previous()
	x.reset()
	if x.Res == nil {
		return
	}
	if app.IsServer {
		x.draw.all = true
		return
	}
	x.firstStep(prev)
}

// previous is what is drawn of the result shown until now.
func (x *Explanation) previous() previous {
	return previous{res: x.seen, chunks: x.chunks, draw: x.draw, open: x.open, shown: x.shown, reuse: x.reuse, active: x.active}
}

// reset sets the state for Res, with nothing drawn.
func (x *Explanation) reset() {
	x.seen = x.Res
	x.open, x.shown, x.active, x.back = map[string]bool{}, map[string]int{}, 0, nil
	x.chunks, x.inText, x.reuse, x.draw, x.scrolled, x.step = nil, nil, nil, drawn{}, false, stepWork{}
	if x.Res == nil {
		return
	}
	for _, g := range x.Res.Groups {
		x.open[g.Outcome] = len(x.Res.Groups) == 1 || g.Count <= openGroupCards
		x.shown[g.Outcome] = firstCards
	}
	x.chunks = chunkText(x.Res.Text)
	x.inText = map[int]bool{}
	for _, c := range x.chunks {
		for _, n := range c.cards {
			x.inText[n-1] = true
		}
	}
}

// firstStep chooses what the first step of a new result draws: as much as
// was drawn of prev when what differs is little (see carry), or else the
// top of the first card.
func (x *Explanation) firstStep(prev previous) {
	if x.cost == (drawCost{}) {
		x.cost = drawCost{card: firstCardMs, text: firstTextMs}
	}
	if x.carry(prev, x.cost) {
		// The text stays where it was scrolled to; the step's cost, mostly
		// comparing what did not change, teaches nothing about drawing.
		x.scrolled = true
		return
	}
	x.step = x.grow(0)
}

// visibleCards counts the cards the result shows when all is drawn.
func (x *Explanation) visibleCards() int {
	return len(pageCards(x.Res, x.open, x.shown))
}

// complete reports whether everything of the result is drawn.
func (x *Explanation) complete() bool {
	d := x.draw
	n := x.visibleCards()
	return d.all || d.parts >= 2*n && d.extras && d.blocks >= len(x.chunks) && d.details >= n
}

// grow adds to what is drawn, in page order, as long as the estimated
// cost stays within budget (but at least one thing), and returns what it
// added.
func (x *Explanation) grow(budget float64) stepWork {
	var w stepWork
	for {
		d := &x.draw
		next := w
		switch {
		case d.all:
			return w
		case d.parts < 2*x.visibleCards() && d.parts%2 == 0:
			next.tops++
		case d.parts < 2*x.visibleCards():
			next.rests++
		case !d.extras:
			next.extras = true
		case d.blocks < len(x.chunks):
			next.text += textUnits(&x.chunks[d.blocks])
		case d.details < d.parts/2:
			next.details++
		default:
			return w
		}
		if w != (stepWork{}) && next.estimate(x.cost) > budget {
			return w
		}
		switch {
		case next.tops > w.tops || next.rests > w.rests:
			d.parts++
		case next.extras != w.extras:
			d.extras = true
		case next.text > w.text:
			d.blocks++
		default:
			d.details++
		}
		w = next
	}
}

// learn updates the estimates from a step that took ms: the estimate of
// what the step held moves halfway to what it cost, by at most a factor
// of two at a time.
func (c *drawCost) learn(w stepWork, ms float64) {
	est := w.estimate(*c)
	if est <= 0 || ms <= 0 {
		return
	}
	f := (1 + min(max(ms/est, 0.5), 2)) / 2
	cards := w.cardShares() > 0
	if w.text == 0 || cards {
		c.card = max(c.card*f, minCardMs)
	}
	if !cards || w.text > 0 {
		c.text = max(c.text*f, minTextUnitMs)
	}
}

// current reports whether res is still the result to draw.
func (x *Explanation) current(res *Result) bool {
	return x.Res == res && res != nil && (x.Input == nil || *x.Input == x.Gen)
}

// beginStep notes when drawing starts, and arranges for endStep to run
// once the browser has the page's changes, before it paints them.
func (x *Explanation) beginStep() {
	if app.IsServer || x.start != 0 {
		return
	}
	x.start = perfNow()
	afterTask(func() {
		forceLayout()
		end := perfNow()
		if x.disp == nil { // not mounted after all
			x.start = 0
			return
		}
		x.disp.Dispatch(app.Dispatch{Mode: app.Next, Source: x, Function: func(ctx app.Context) { x.endStep(end) }})
	})
}

// endStep records the step that ended at end, learns from its cost and
// schedules the next one for the next frame.
func (x *Explanation) endStep(end float64) {
	start := x.start
	x.start = 0
	perfMeasureSpan(sliceMeasure, start, end)
	x.cost.learn(x.step, end-start)
	x.step = stepWork{}
	if !x.scrolled && x.firstMarkDrawn() {
		x.scrolled = true
		showFirstMark()
	}
	res := x.Res
	if x.current(res) && x.complete() && x.collected != res {
		x.collected = res
		x.gc.drew(res.Size)
	}
	if !x.current(res) || x.complete() || x.stepping == res {
		return
	}
	x.stepping = res
	nextFrame(func() {
		x.disp.Dispatch(app.Dispatch{Mode: app.Next, Source: x, Function: func(ctx app.Context) {
			if x.stepping != res {
				return
			}
			x.stepping = nil
			if !x.current(res) || x.complete() {
				return
			}
			x.step = x.grow(stepMs)
			drawNow(&x.Compo)
		}})
	})
}

// firstMarkDrawn reports whether the block with the first highlight that
// leads to a card is drawn.
func (x *Explanation) firstMarkDrawn() bool {
	for i, c := range x.chunks {
		if len(c.cards) > 0 {
			return x.draw.all || i < x.draw.blocks
		}
	}
	return false
}

// drawAll draws the rest of the result at once, when the user acts on it.
func (x *Explanation) drawAll() { x.draw.all = true }

// Headings of an explanation: the whole (for assistive technologies) and
// the codes it found.
const (
	resultTitle    = "Explanation"
	codesSeenTitle = "Codes in the text"
)

// Render draws the explanation, as far as it is drawn.
func (x *Explanation) Render() app.UI {
	x.sync()
	res := x.Res
	if res == nil {
		return app.Div().ID("result").Class("result")
	}
	x.beginStep()
	d := x.draw
	parts, details := d.parts, d.details
	if d.all {
		parts, details = 2*len(res.Groups)*maxCards, len(res.Groups)*maxCards
	}
	hasSource := x.inText
	main := []app.UI{
		app.H2().ID("result-title").Class("visually-hidden").Text(resultTitle),
		app.P().ID("result-status").Class("result-status").Aria("live", "polite").Text(statusLine(res)),
	}
	for _, w := range res.Warnings {
		main = append(main, app.P().Class("notice").Text(w))
	}
	if res.Total == 1 {
		main = append(main, x.card(&res.Groups[0].Cards[0], 3, hasSource, &parts, &details))
	} else {
		for _, g := range res.Groups {
			main = append(main, x.groupView(g, hasSource, &parts, &details))
		}
	}
	if d.all || d.extras {
		if len(res.Session) > 0 {
			main = append(main, timeline(res, "", x.onGoToCard))
		}
		if chips := codeChips(res.Codes); chips != nil {
			main = append(main, app.Section().Class("codes-seen").Aria("labelledby", "codes-seen-title").Body(
				app.H3().ID("codes-seen-title").Text(codesSeenTitle),
				chips,
			))
		}
	}
	source := app.Aside().ID("source-panel").Class("source-panel source-pending").Body(
		app.P().Class("help").Text("Preparing the annotated text…"),
	)
	blocks := d.blocks
	if d.all {
		blocks = len(x.chunks)
	}
	if blocks > 0 || len(x.chunks) == 0 {
		source = sourceView(res, x.chunks, blocks, x.active, x.onMark, x.onMarkKey)
	}
	return app.Div().ID("result").Class("result").DataSet("size", res.Size).DataSet("drawn", drawnState(x.complete())).Body(
		app.Div().Class("result-main").Body(main...),
		source,
	)
}

// card draws card c as far as parts and details allow, and takes what it
// drew from them: its top takes a part, the rest of it another, and its
// technical details, drawn only on a whole card, one of details.
func (x *Explanation) card(c *Card, level int, hasSource map[int]bool, parts, details *int) app.UI {
	if old := x.reuse[c]; old != nil {
		c = old
	}
	whole := *parts > 1
	withDetails := whole && *details > 0
	*parts -= 2
	*details--
	return &cardBox{Card: c, Level: level, Active: x.active == c.N+1, InText: hasSource[c.N], Whole: whole, Details: withDetails,
		onShowInText: x.onShowInText, onDetails: x.onDetails}
}

// groupView draws the cards of one outcome under a heading that opens and
// closes them, as far as parts and details allow (see card).
func (x *Explanation) groupView(g Group, hasSource map[int]bool, parts, details *int) app.UI {
	id := "group-" + g.Outcome
	open := x.open[g.Outcome]
	body := []app.UI{groupHead(&g, id, open, x.onToggle)}
	if open {
		n := min(x.shown[g.Outcome], len(g.Cards))
		k := min(n, (max(*parts, 0)+1)/2)
		cards := make([]app.UI, 0, k+1)
		for i := range g.Cards[:k] {
			cards = append(cards, x.card(&g.Cards[i], 4, hasSource, parts, details))
		}
		switch {
		case k < n:
			// The rest is drawn in a later step.
		case n < len(g.Cards):
			cards = append(cards, app.Button().Type("button").Class("tool more").DataSet("outcome", g.Outcome).OnClick(x.onMore).
				Text(fmt.Sprintf("Show %d more", min(moreCards, len(g.Cards)-n))))
		case g.Count > len(g.Cards):
			cards = append(cards, app.P().Class("help").Text(fmt.Sprintf(
				"The other %d are not shown: they are in the counts above. Paste a shorter piece of the text to see them one by one.", g.Count-len(g.Cards))))
		}
		body = append(body, app.Div().ID(id).Class("group-cards").Body(cards...))
	} else {
		body = append(body, app.Div().ID(id).Class("group-cards").Hidden(true))
	}
	return app.Section().Class("group", "group-"+g.Outcome).Body(body...)
}

// groupHead is the heading of the group g of cards, whose cards are under
// id: a button that opens and closes them.
func groupHead(g *Group, id string, open bool, onToggle app.EventHandler) app.UI {
	var counts []string
	for _, r := range g.Reasons {
		counts = append(counts, fmt.Sprintf("%d %s", r.Count, reasonLabel(r.Reason)))
	}
	return app.H3().Class("group-head").Body(
		app.Button().Type("button").ID(id+"-toggle").Class("group-toggle", "outcome-"+g.Outcome).
			Aria("expanded", open).Aria("controls", id).
			DataSet("outcome", g.Outcome).OnClick(onToggle).Body(
			app.Span().Class("group-chevron").Aria("hidden", true),
			app.Span().Class("group-title").Text(outcomeTitle(g.Outcome, g.Count)),
			app.Span().Class("group-reasons").Text(strings.Join(counts, ", ")),
		),
	)
}

func (x *Explanation) onToggle(ctx app.Context, e app.Event) {
	x.drawAll()
	o := ctx.JSSrc().Get("dataset").Get("outcome").String()
	x.open[o] = !x.open[o]
}

// onDetails draws everything when technical details not drawn yet are
// opened.
func (x *Explanation) onDetails(ctx app.Context, e app.Event) {
	x.drawAll()
}

func (x *Explanation) onMore(ctx app.Context, e app.Event) {
	x.drawAll()
	o := ctx.JSSrc().Get("dataset").Get("outcome").String()
	x.shown[o] += moreCards
}

// reveal opens the group of card n and shows enough of its cards, and
// reports whether the card is on the page.
func (x *Explanation) reveal(n int) bool {
	for _, g := range x.Res.Groups {
		for i, c := range g.Cards {
			if c.N == n {
				x.open[g.Outcome] = true
				if x.shown[g.Outcome] <= i {
					x.shown[g.Outcome] = i + 1
				}
				return true
			}
		}
	}
	return false
}

// onMark goes to the card of the highlight that was clicked.
func (x *Explanation) onMark(ctx app.Context, e app.Event) {
	mark := e.Get("target").Call("closest", "mark[data-card]")
	if !mark.Truthy() {
		return
	}
	x.goToCard(ctx, mark)
}

// onMarkKey goes to the card of a highlight on Enter or Space.
func (x *Explanation) onMarkKey(ctx app.Context, e app.Event) {
	key := e.Get("key").String()
	if key != "Enter" && key != " " {
		return
	}
	mark := e.Get("target").Call("closest", "mark[data-card]")
	if !mark.Truthy() {
		return
	}
	e.PreventDefault()
	x.goToCard(ctx, mark)
}

func (x *Explanation) goToCard(ctx app.Context, mark app.Value) {
	n, err := strconv.Atoi(mark.Get("dataset").Get("card").String())
	if err != nil || n < 1 || !x.reveal(n-1) {
		return
	}
	x.drawAll()
	x.active, x.back = n, mark
	ctx.Defer(func(ctx app.Context) { focusElement(cardID(n-1), "start") })
}

// onGoToCard goes to a card from the session timeline.
func (x *Explanation) onGoToCard(ctx app.Context, e app.Event) {
	n, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("card").String())
	if err != nil || n < 1 || !x.reveal(n-1) {
		return
	}
	x.drawAll()
	x.active, x.back = n, nil
	ctx.Defer(func(ctx app.Context) { focusElement(cardID(n-1), "start") })
}

// onShowInText goes from a card to its place in the text: the highlight
// it was opened from, or else its first highlight.
func (x *Explanation) onShowInText(ctx app.Context, e app.Event) {
	n, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("card").String())
	if err != nil {
		return
	}
	x.drawAll()
	x.active = n
	back := x.back
	ctx.Defer(func(ctx app.Context) {
		target := back
		if target == nil || !target.Truthy() || !target.Get("isConnected").Bool() || target.Get("dataset").Get("card").String() != strconv.Itoa(n) {
			target = app.Window().Get("document").Call("querySelector", fmt.Sprintf(`#source mark[data-card="%d"][tabindex]`, n))
		}
		if target.Truthy() {
			scrollAndFocus(target, "center")
		}
	})
}

// focusElement scrolls the element with the given id into view and gives
// it the focus.
func focusElement(id, block string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		scrollAndFocus(el, block)
	}
}

func scrollAndFocus(el app.Value, block string) {
	behavior := "smooth"
	if mq := app.Window().Call("matchMedia", "(prefers-reduced-motion: reduce)"); mq.Truthy() && mq.Get("matches").Bool() {
		behavior = "auto"
	}
	el.Call("scrollIntoView", map[string]any{"block": block, "behavior": behavior})
	el.Call("focus", map[string]any{"preventScroll": true})
}

// cardID is the element id of the card of finding n.
func cardID(n int) string { return "card-" + strconv.Itoa(n+1) }

// statusLine summarises a result in one sentence.
func statusLine(res *Result) string {
	if res.Total == 0 {
		if kind := kindLabel(res.Kind); kind != "" {
			return "This looks like " + kind + ", but it says nothing about a delivery to explain."
		}
		return "Nothing to explain yet."
	}
	who := plural(res.Total, "recipient", "recipients")
	if res.Total == 1 && res.Groups[0].Cards[0].Recipient == "" {
		who = "1 finding"
	}
	var b strings.Builder
	b.WriteString(who)
	if kind := kindLabel(res.Kind); kind != "" {
		b.WriteString(" in what looks like " + kind)
	}
	if res.Reporter != "" {
		b.WriteString(" written by " + res.Reporter)
	}
	if res.Total > 1 {
		var parts []string
		for _, g := range res.Groups {
			parts = append(parts, outcomeTitle(g.Outcome, g.Count))
		}
		b.WriteString(": " + strings.Join(parts, ", "))
	}
	b.WriteString(".")
	return b.String()
}

// showFirstMark scrolls the annotated text, not the page, to its first
// highlight that leads to a card.
func showFirstMark() {
	if app.IsServer {
		return
	}
	pre := app.Window().GetElementByID("source")
	if !pre.Truthy() {
		return
	}
	m := pre.Call("querySelector", "mark[data-card]")
	if !m.Truthy() {
		return
	}
	top := m.Call("getBoundingClientRect").Get("top").Float() - pre.Call("getBoundingClientRect").Get("top").Float()
	pre.Set("scrollTop", pre.Get("scrollTop").Float()+top-24)
}

// resultDrawn reports whether the page's result is drawn whole.
func resultDrawn() bool {
	if app.IsServer {
		return false
	}
	r := app.Window().GetElementByID("result")
	return r.Truthy() && r.Get("dataset").Get("drawn").String() == drawnState(true)
}

// drawnState is the result's data-drawn attribute: "all" once everything
// is drawn, "partly" while steps are under way.
func drawnState(all bool) string {
	if all {
		return "all"
	}
	return "partly"
}
