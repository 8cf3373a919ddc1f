package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// NotFound is the page for any path the app does not know. A static host
// serves it as 404.html, and the app then renders the page the URL asks
// for, so an unknown code's URL still gets its explanation.
type NotFound struct {
	app.Compo
}

// OnPreRender sets the page title on the server.
func (n *NotFound) OnPreRender(ctx app.Context) { n.setMeta(ctx) }

// OnNav sets the page title in the browser.
func (n *NotFound) OnNav(ctx app.Context) { n.setMeta(ctx) }

func (n *NotFound) setMeta(ctx app.Context) {
	setPageMeta(ctx, "Page not found · "+siteName, "This page does not exist.")
}

// Render draws the page.
func (n *NotFound) Render() app.UI {
	return layout("",
		app.H1().Text("Page not found"),
		app.P().Class("lede").Text("There is no page at this address."),
		app.Ul().Class("actions").Body(
			app.Li().Body(app.A().Href(href(HomePath)).Text("Explain an SMTP error")),
			app.Li().Body(app.A().Href(href(CodeIndexPath)).Text("Browse every code")),
		),
	)
}
