package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// sourceView shows the text as it was pasted, with its codes, recipients,
// hosts and the passages read for each finding highlighted, up to limit
// segments. The text is
// only ever drawn as text nodes: it cannot become markup. Highlights that
// lead to a card are buttons, handled once for the whole text by onClick
// and onKey; those of the active card stand out.
func sourceView(res *Result, limit, active int, onClick, onKey app.EventHandler) app.HTMLAside {
	segs := res.Text[:min(limit, len(res.Text))]
	nodes := make([]app.UI, 0, len(segs))
	for _, s := range segs {
		if s.Kinds == 0 && s.Card == 0 {
			nodes = append(nodes, app.Text(s.Text))
			continue
		}
		cls := []string{"hl"}
		for _, k := range []struct {
			bit   int
			class string
		}{{markEvidence, "hl-ev"}, {markCode, "hl-code"}, {markRecipient, "hl-rcpt"}, {markHost, "hl-host"}} {
			if s.Kinds&k.bit != 0 {
				cls = append(cls, k.class)
			}
		}
		if s.Card > 0 && s.Card == active {
			cls = append(cls, "hl-active")
		}
		m := app.Elem("mark").Class(cls...).Text(s.Text)
		if s.Card > 0 {
			m = m.DataSet("card", s.Card)
		}
		if s.Stop {
			m = m.TabIndex(0).Attr("role", "button")
		}
		nodes = append(nodes, m)
	}
	body := []app.UI{
		app.H3().ID("source-title").Text("Your text, annotated"),
		app.Ul().Class("legend").Aria("label", "Highlights").Body(
			app.Li().Body(app.Span().Class("hl hl-code").Text("550"), app.Text(" codes")),
			app.Li().Body(app.Span().Class("hl hl-rcpt").Text("a@b"), app.Text(" recipients")),
			app.Li().Body(app.Span().Class("hl hl-host").Text("host"), app.Text(" servers")),
			app.Li().Body(app.Span().Class("hl hl-ev").Text("text"), app.Text(" passages read")),
		),
		app.P().ID("source-help").Class("help").Text("Select a highlight to see its explanation."),
		app.Pre().ID("source").Class("source").TabIndex(0).Aria("label", "Your text, annotated").Aria("describedby", "source-help").
			OnClick(onClick).OnKeyDown(onKey).Body(nodes...),
	}
	if res.TextCut {
		body = append(body, app.P().Class("help").Text("Only the beginning of the text is shown here; all of it was decoded."))
	}
	return app.Aside().ID("source-panel").Class("source-panel").Aria("labelledby", "source-title").Body(body...)
}
