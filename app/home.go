package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// inputID is the id of the home page's text area.
const inputID = "input"

// example is a sample input offered on the home page.
type example struct {
	label string
	text  string
}

// examples are the samples the home page offers to try.
func examples() []example {
	return []example{
		{"Unknown recipient", "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown"},
		{"Mailbox full", "452 4.2.2 <bob@example.org>: Mailbox full, try again later"},
		{"Blocked by policy", "554 5.7.1 Service unavailable; client host [192.0.2.10] blocked by policy"},
	}
}

// Home is the explainer: a text area that is decoded as the user types or
// pastes, and the explanation of what was found.
//
// The text area is uncontrolled: its value lives in the DOM and is read
// in the input handler, never written back from state, so that go-app's
// re-rendering cannot alter what the user typed. It stays disabled until
// the WebAssembly app has mounted, because the first mount replaces the
// pre-rendered page and would drop text typed into it.
type Home struct {
	app.Compo

	ready   bool         // mounted in the browser: the controls work
	decoded bool         // Explain has run at least once
	report  codes.Report // the last decoded report
}

// OnPreRender sets the page title and description for the pre-rendered
// page.
func (h *Home) OnPreRender(ctx app.Context) { h.setMeta(ctx) }

// OnNav sets the page title and description when the browser navigates
// to the page.
func (h *Home) OnNav(ctx app.Context) { h.setMeta(ctx) }

// OnMount enables the controls once the app runs in the browser.
func (h *Home) OnMount(ctx app.Context) { h.ready = true }

func (h *Home) setMeta(ctx app.Context) {
	setPageMeta(ctx, "SMTP error and bounce explainer · "+siteName,
		"Paste an SMTP error, a bounce message or a mail log line: smtpexplain finds the reply and enhanced status codes and explains what happened to each recipient, in your browser.")
}

// Explain decodes text and keeps the report for rendering.
func (h *Home) Explain(text string) {
	h.report = codes.Decode(text)
	h.decoded = true
}

func (h *Home) onInput(ctx app.Context, e app.Event) {
	h.Explain(ctx.JSSrc().Get("value").String())
}

// onExample puts a sample into the text area and explains it.
func (h *Home) onExample(text string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if ta := app.Window().GetElementByID(inputID); ta.Truthy() {
			ta.Set("value", text)
			ta.Call("focus")
		}
		h.Explain(text)
	}
}

// Render draws the page.
func (h *Home) Render() app.UI {
	state := "Loading the decoder…"
	if h.ready {
		state = "Ready. Decoding happens as you type, in your browser."
	}
	buttons := make([]app.UI, 0, 3)
	for _, ex := range examples() {
		b := app.Button().
			Type("button").
			Class("example").
			Text(ex.label).
			OnClick(h.onExample(ex.text))
		if !h.ready {
			b = b.Disabled(true)
		}
		buttons = append(buttons, b)
	}
	input := app.Textarea().
		ID(inputID).
		Name(inputID).
		Rows(7).
		Spellcheck(false).
		Attr("autocomplete", "off").
		Attr("autocapitalize", "off").
		Placeholder("Paste an SMTP reply, a bounce message or a log line…").
		Aria("describedby", "input-help").
		OnInput(h.onInput)
	if !h.ready {
		input = input.Disabled(true)
	}
	var result app.UI
	if h.decoded {
		result = reportView(h.report)
	} else {
		result = anatomy()
	}
	return layout(HomePath,
		app.Div().Class("intro").Body(
			app.H1().Text("Explain an SMTP error or bounce"),
			app.P().Class("lede").Text("Paste the reply a mail server gave, a bounce message or a log line. "+
				"smtpexplain finds the reply codes and enhanced status codes, says what happened to each recipient, "+
				"and whether sending again can help."),
		),
		app.Div().Class("input-panel").Body(
			app.Div().Class("input-head").Body(
				app.Label().For(inputID).Text("Error text, bounce or log"),
				app.Span().ID("input-state").Class("input-state").Text(state),
			),
			input,
			app.Div().Class("input-foot").Body(
				app.P().ID("input-help").Class("help").Text("Nothing is sent anywhere: the text is decoded on this page."),
				app.Div().Class("examples").Body(
					append([]app.UI{app.Span().Class("examples-label").Text("Try:")}, buttons...)...,
				),
			),
		),
		result,
	)
}

// anatomy explains the parts of a reply line; the home page shows it until
// there is something to decode.
func anatomy() app.UI {
	return app.Section().ID("result").Class("anatomy").Aria("labelledby", "anatomy-title").Body(
		app.H2().ID("anatomy-title").Text("How to read an SMTP reply"),
		app.P().Class("anatomy-line").Body(
			app.Span().Class("part part-reply").Text("550"),
			app.Text(" "),
			app.Span().Class("part part-status").Text("5.1.1"),
			app.Text(" "),
			app.Span().Class("part part-text").Text("<alice@example.net>: User unknown"),
		),
		app.Dl().Class("anatomy-parts").Body(
			app.Div().Body(
				app.Dt().Body(app.Span().Class("swatch part-reply"), app.Text("Reply code")),
				app.Dd().Text("Three digits from RFC 5321. The first says how it went: 2 success, 4 temporary failure, 5 permanent failure."),
			),
			app.Div().Body(
				app.Dt().Body(app.Span().Class("swatch part-status"), app.Text("Enhanced status code")),
				app.Dd().Text("Class, subject and detail from RFC 3463: what kind of problem it is, such as an address, a mailbox or a policy."),
			),
			app.Div().Body(
				app.Dt().Body(app.Span().Class("swatch part-text"), app.Text("Server text")),
				app.Dd().Text("Free text from the receiving server. It often names the real cause and the provider's help page."),
			),
		),
	)
}
