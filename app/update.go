package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// UpdateNotice tells the user, without getting in the way, that a new
// version of the app has been downloaded, and offers to reload into it.
// The text being worked on is saved first, so the reload keeps it.
type UpdateNotice struct {
	app.Compo

	available bool
}

// OnMount shows the notice when the update arrived before this page was
// shown.
func (u *UpdateNotice) OnMount(ctx app.Context) {
	u.available = ctx.AppUpdateAvailable()
}

// OnAppUpdate shows the notice when the new version is ready.
func (u *UpdateNotice) OnAppUpdate(ctx app.Context) {
	u.available = ctx.AppUpdateAvailable()
}

func (u *UpdateNotice) onReload(ctx app.Context, e app.Event) {
	if ta := app.Window().GetElementByID(inputID); ta.Truthy() {
		saveDraft(ta.Get("value"))
	}
	ctx.Reload()
}

func (u *UpdateNotice) onLater(ctx app.Context, e app.Event) {
	u.available = false
}

// Render draws the notice, or an empty live region until there is one.
func (u *UpdateNotice) Render() app.UI {
	region := app.Div().ID("update").Class("update").Attr("role", "status")
	if !u.available {
		return region
	}
	return region.Class("update-ready").Body(
		app.P().Class("update-text").Text("A new version of smtpexplain is ready. Your text will stay."),
		app.Div().Class("update-actions").Body(
			app.Button().Type("button").ID("update-reload").Class("tool tool-primary").Text("Reload").OnClick(u.onReload),
			app.Button().Type("button").ID("update-later").Class("tool").Text("Later").OnClick(u.onLater),
		),
	)
}
