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
type Explanation struct {
	app.Compo

	// Res is the result to show. A new pointer means a new input.
	Res *Result
	// Source is how many segments of the annotated text to draw. The page
	// draws a large result in steps, cards first, so that no single step
	// holds it up for long.
	Source int

	seen   *Result         // the result the state below belongs to
	open   map[string]bool // outcome -> group expanded
	shown  map[string]int  // outcome -> cards shown
	active int             // N+1 of the card last gone to, 0 for none
	back   app.Value       // the highlight the last card was opened from
}

// sync resets the state when the result changes.
func (x *Explanation) sync() {
	if x.Res == x.seen && x.open != nil {
		return
	}
	x.seen = x.Res
	x.open, x.shown, x.active, x.back = map[string]bool{}, map[string]int{}, 0, nil
	if x.Res == nil {
		return
	}
	for _, g := range x.Res.Groups {
		x.open[g.Outcome] = len(x.Res.Groups) == 1 || g.Count <= openGroupCards
		x.shown[g.Outcome] = firstCards
	}
}

// Render draws the explanation.
func (x *Explanation) Render() app.UI {
	x.sync()
	res := x.Res
	if res == nil {
		return app.Div().ID("result").Class("result")
	}
	hasSource := map[int]bool{}
	for _, s := range res.Text {
		if s.Card > 0 {
			hasSource[s.Card-1] = true
		}
	}
	main := []app.UI{
		app.H2().ID("result-title").Class("visually-hidden").Text("Explanation"),
		app.P().ID("result-status").Class("result-status").Aria("live", "polite").Text(statusLine(res)),
	}
	for _, w := range res.Warnings {
		main = append(main, app.P().Class("notice").Text(w))
	}
	if res.Total == 1 {
		c := res.Groups[0].Cards[0]
		main = append(main, cardView(c, 3, x.active == c.N+1, hasSource[c.N], x.onShowInText))
	} else {
		for _, g := range res.Groups {
			main = append(main, x.groupView(g, hasSource))
		}
	}
	if len(res.Session) > 0 {
		main = append(main, timeline(res, x.onGoToCard))
	}
	if chips := codeChips(res.Codes); chips != nil {
		main = append(main, app.Section().Class("codes-seen").Aria("labelledby", "codes-seen-title").Body(
			app.H3().ID("codes-seen-title").Text("Codes in the text"),
			chips,
		))
	}
	source := app.Aside().ID("source-panel").Class("source-panel source-pending").Body(
		app.P().Class("help").Text("Preparing the annotated text…"),
	)
	if x.Source > 0 {
		source = sourceView(res, x.Source, x.active, x.onMark, x.onMarkKey)
	}
	return app.Div().ID("result").Class("result").DataSet("size", res.Size).Body(
		app.Div().Class("result-main").Body(main...),
		source,
	)
}

// groupView draws the cards of one outcome under a heading that opens and
// closes them.
func (x *Explanation) groupView(g Group, hasSource map[int]bool) app.UI {
	id := "group-" + g.Outcome
	open := x.open[g.Outcome]
	var counts []string
	for _, r := range g.Reasons {
		counts = append(counts, fmt.Sprintf("%d %s", r.Count, reasonLabel(r.Reason)))
	}
	head := app.H3().Class("group-head").Body(
		app.Button().Type("button").ID(id+"-toggle").Class("group-toggle", "outcome-"+g.Outcome).
			Aria("expanded", open).Aria("controls", id).
			DataSet("outcome", g.Outcome).OnClick(x.onToggle).Body(
			app.Span().Class("group-chevron").Aria("hidden", true),
			app.Span().Class("group-title").Text(outcomeTitle(g.Outcome, g.Count)),
			app.Span().Class("group-reasons").Text(strings.Join(counts, ", ")),
		),
	)
	body := []app.UI{head}
	if open {
		n := min(x.shown[g.Outcome], len(g.Cards))
		cards := make([]app.UI, 0, n+1)
		for _, c := range g.Cards[:n] {
			cards = append(cards, cardView(c, 4, x.active == c.N+1, hasSource[c.N], x.onShowInText))
		}
		if n < len(g.Cards) {
			cards = append(cards, app.Button().Type("button").Class("tool more").DataSet("outcome", g.Outcome).OnClick(x.onMore).
				Text(fmt.Sprintf("Show %d more", min(moreCards, len(g.Cards)-n))))
		} else if g.Count > len(g.Cards) {
			cards = append(cards, app.P().Class("help").Text(fmt.Sprintf(
				"The other %d are not shown: they are in the counts above. Paste a shorter piece of the text to see them one by one.", g.Count-len(g.Cards))))
		}
		body = append(body, app.Div().ID(id).Class("group-cards").Body(cards...))
	} else {
		body = append(body, app.Div().ID(id).Class("group-cards").Hidden(true))
	}
	return app.Section().Class("group", "group-"+g.Outcome).Body(body...)
}

func (x *Explanation) onToggle(ctx app.Context, e app.Event) {
	o := ctx.JSSrc().Get("dataset").Get("outcome").String()
	x.open[o] = !x.open[o]
}

func (x *Explanation) onMore(ctx app.Context, e app.Event) {
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
	x.active, x.back = n, mark
	ctx.Defer(func(ctx app.Context) { focusElement(cardID(n-1), "start") })
}

// onGoToCard goes to a card from the session timeline.
func (x *Explanation) onGoToCard(ctx app.Context, e app.Event) {
	n, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("card").String())
	if err != nil || n < 1 || !x.reveal(n-1) {
		return
	}
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
