package app

import (
	_ "unsafe" // go:linkname, for compoUpdateRoot

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// compoUpdateRoot is go-app's own way of applying a component's changes to
// the page: what its engine calls for each component marked for update on
// its frame tick. It is not exported; its signature is that of go-app
// drawnowGoApp (TestDrawNowGoAppVersion holds go.mod to it).
//
//go:linkname compoUpdateRoot github.com/maxence-charriere/go-app/v9/pkg/app.(*Compo).updateRoot
func compoUpdateRoot(c *app.Compo) error

// drawnowGoApp is the go-app version whose (*Compo).updateRoot
// compoUpdateRoot was checked against.
const drawnowGoApp = "v9.8.0"

// drawNow applies the changes of c, a mounted component, to the page at
// once, in the task that runs; natively, or when c is not mounted, c is
// marked for update as usual.
//
// go-app applies a component's changes on a ticker of 120 Hz that slows
// down while nothing happens and restarts when a dispatch comes: after a
// quiet spell, such as the wait for a decode, the next tick is at least
// 8 ms away, often 10 to 18 ms in a busy page, and the frame painted
// meanwhile shows nothing new. Drawing at once puts the first card of a
// result and each later drawing step in the very next frame. It must run
// on the UI goroutine (from a dispatched function), where go-app's own
// updates run: they cannot interleave.
func drawNow(c *app.Compo) {
	if app.IsServer || !c.Mounted() {
		c.Update()
		return
	}
	if err := compoUpdateRoot(c); err != nil {
		// go-app's tick would panic on this; the page stays as it was.
		app.Log("smtpexplain: drawing: " + err.Error())
	}
}
