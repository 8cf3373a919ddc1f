package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// perfNow returns the page's clock in milliseconds (performance.now), or 0
// outside a browser.
func perfNow() float64 {
	if app.IsServer {
		return 0
	}
	p := app.Window().Get("performance")
	if !p.Truthy() {
		return 0
	}
	return p.Call("now").Float()
}

// perfMark leaves a performance mark, so that measurements can time the
// page's work on its own clock.
func perfMark(name string) {
	if app.IsServer {
		return
	}
	if p := app.Window().Get("performance"); p.Truthy() {
		p.Call("mark", name)
	}
}

// perfMeasureSpan records a performance measure from start to end
// (perfNow readings).
func perfMeasureSpan(name string, start, end float64) {
	if app.IsServer || start == 0 {
		return
	}
	if p := app.Window().Get("performance"); p.Truthy() {
		p.Call("measure", name, map[string]any{"start": start, "end": end})
	}
}

// perfMeasure records a performance measure from start (a perfNow
// reading) to now.
func perfMeasure(name string, start float64) {
	if app.IsServer || start == 0 {
		return
	}
	if p := app.Window().Get("performance"); p.Truthy() {
		p.Call("measure", name, map[string]any{"start": start, "end": p.Call("now").Float()})
	}
}

// sliceMeasure names the performance measure of each piece of work the
// page does on its main thread for a decode: reading the worker's answer,
// decoding on the page, and each step of drawing the result.
const sliceMeasure = "smtpexplain:slice"

// nextFrame calls fn once the browser has painted its next frame: from a
// task posted by an animation frame callback, so that what was drawn before
// is on the screen first. Natively it calls fn at once.
func nextFrame(fn func()) {
	if app.IsServer {
		fn()
		return
	}
	var frame, after app.Func
	after = app.FuncOf(func(this app.Value, args []app.Value) any {
		after.Release()
		fn()
		return nil
	})
	frame = app.FuncOf(func(this app.Value, args []app.Value) any {
		frame.Release()
		app.Window().Call("setTimeout", after, 0)
		return nil
	})
	app.Window().Call("requestAnimationFrame", frame)
}

// forceLayout makes the browser lay out the page now, so that a measure
// of the work that changed it includes the layout.
func forceLayout() {
	if app.IsServer {
		return
	}
	if body := app.Window().Get("document").Get("body"); body.Truthy() {
		body.Get("offsetHeight")
	}
}

// afterTask calls fn once the Go code that runs now has handed the browser
// back its thread, before the browser paints: from a microtask.
func afterTask(fn func()) {
	if app.IsServer {
		fn()
		return
	}
	var cb app.Func
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		cb.Release()
		fn()
		return nil
	})
	app.Window().Call("queueMicrotask", cb)
}
