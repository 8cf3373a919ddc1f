package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The text the user is working on is kept in localStorage under draftKey,
// which no version of the app changes or clears: a new version finds the
// text where the old one left it. Values are stored as they are, not as
// JSON, and JavaScript strings are passed through without copying them
// into Go.

// errNoStorage is returned when the browser refuses to store the text:
// storage is full, disabled or missing.
var errNoStorage = errors.New("the browser refused to store the text")

// localStorage returns the page's localStorage, or a false value.
func localStorage() (ls app.Value) {
	defer func() {
		if recover() != nil {
			ls = nil
		}
	}()
	if app.IsServer {
		return nil
	}
	return app.Window().Get("localStorage")
}

// storageCall calls a localStorage method, turning the exceptions the
// browser throws (QuotaExceededError, SecurityError) into an error.
func storageCall(method string, args ...any) (v app.Value, err error) {
	ls := localStorage()
	if ls == nil || !ls.Truthy() {
		return nil, errNoStorage
	}
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("%w: %v", errNoStorage, r)
		}
	}()
	return ls.Call(method, args...), nil
}

// saveDraft keeps text (a JavaScript string) as the draft; an empty text
// forgets it. When the browser refuses, the stale draft is forgotten too,
// so that a reload does not bring back an older text.
func saveDraft(text app.Value) error {
	if text == nil || jsLen(text) == 0 {
		forgetDraft()
		return nil
	}
	if _, err := storageCall("setItem", draftKey, text); err != nil {
		forgetDraft()
		return err
	}
	return nil
}

// forgetDraft deletes the draft.
func forgetDraft() {
	storageCall("removeItem", draftKey)
}

// restoreDraft puts the draft into the text area with the given id, if
// the area is empty and there is a draft, and reports whether it did.
func restoreDraft(id string) bool {
	ta := app.Window().GetElementByID(id)
	if !ta.Truthy() || ta.Get("textLength").Int() > 0 {
		return false
	}
	v, err := storageCall("getItem", draftKey)
	if err != nil || v == nil || v.IsNull() || v.IsUndefined() || jsLen(v) == 0 {
		return false
	}
	ta.Set("value", v)
	return true
}

// stashDraft puts the draft aside before a shared text replaces it, unless
// it is empty or the same text. It reports whether a draft was put aside.
func stashDraft(shared string) bool {
	v, err := storageCall("getItem", draftKey)
	if err != nil || v == nil || v.IsNull() || v.IsUndefined() || jsLen(v) == 0 || v.String() == shared {
		return false
	}
	_, err = storageCall("setItem", stashKey, v)
	return err == nil
}

// takeStash returns the draft put aside by stashDraft and forgets it.
func takeStash() (string, bool) {
	v, err := storageCall("getItem", stashKey)
	if err != nil || v == nil || v.IsNull() || v.IsUndefined() {
		return "", false
	}
	storageCall("removeItem", stashKey)
	return v.String(), true
}

// onPageHide calls fn when the page is hidden or closed, while the page
// can still write to storage, and returns a function that stops it.
func onPageHide(fn func()) func() {
	if app.IsServer {
		return func() {}
	}
	win := app.Window()
	doc := win.Get("document")
	onHide := app.FuncOf(func(this app.Value, args []app.Value) any {
		fn()
		return nil
	})
	onVisibility := app.FuncOf(func(this app.Value, args []app.Value) any {
		if doc.Get("visibilityState").String() == "hidden" {
			fn()
		}
		return nil
	})
	win.Call("addEventListener", "pagehide", onHide)
	doc.Call("addEventListener", "visibilitychange", onVisibility)
	return func() {
		win.Call("removeEventListener", "pagehide", onHide)
		doc.Call("removeEventListener", "visibilitychange", onVisibility)
		onHide.Release()
		onVisibility.Release()
	}
}

// markDecode leaves a performance mark named "smtpexplain:decode" when a
// decode starts, so that measurements can time decoding and rendering
// from the page's own clock. Its detail is {waited}: the milliseconds the
// decode was made to wait after the change of the text.
func markDecode(waited time.Duration) {
	if app.IsServer {
		return
	}
	if p := app.Window().Get("performance"); p.Truthy() {
		detail := app.Window().Get("Object").New()
		detail.Set("waited", waited.Milliseconds())
		opts := app.Window().Get("Object").New()
		opts.Set("detail", detail)
		p.Call("mark", "smtpexplain:decode", opts)
	}
}

// jsLen returns the length of a JavaScript string in UTF-16 units, without
// copying it into Go, or 0 for a value that is not a string.
func jsLen(s app.Value) int {
	if app.IsServer || s == nil || s.Type() != app.TypeString {
		return 0
	}
	return app.Window().Call("Object", s).Get("length").Int()
}

// whenIdle runs fn once the browser has nothing else to do, or soon after
// when it cannot tell.
func whenIdle(fn func()) {
	if app.IsServer {
		return
	}
	var cb app.Func
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		cb.Release()
		fn()
		return nil
	})
	if app.Window().Get("requestIdleCallback").Truthy() {
		app.Window().Call("requestIdleCallback", cb, map[string]any{"timeout": 3000})
		return
	}
	app.Window().Call("setTimeout", cb, 500)
}

// dropFragment removes the fragment from the address bar, so that a
// reload shows the text as it is now rather than the link's again.
func dropFragment() {
	if app.IsServer {
		return
	}
	loc := app.Window().Get("location")
	app.Window().Get("history").Call("replaceState", nil, "", loc.Get("pathname").String()+loc.Get("search").String())
}

// earlyInput is the state of the pre-rendered text area when the program
// started: the page can be typed into before the app runs, and the first
// mount replaces that text area with the app's own.
type earlyInput struct {
	text       app.Value // a JavaScript string
	focused    bool
	start, end int // the selection, in UTF-16 units
}

// takeEarlyInput returns the text area's state that BeforeMount read just
// before the app was mounted (smtpexplainEarlyInput, null when nothing
// was typed and the text area did not have the focus), and forgets it. It
// reports false when there is none.
func takeEarlyInput() (earlyInput, bool) {
	if app.IsServer {
		return earlyInput{}, false
	}
	w := app.Window()
	v := w.Get("smtpexplainEarlyInput")
	if !v.Truthy() {
		return earlyInput{}, false
	}
	w.Set("smtpexplainEarlyInput", nil)
	return earlyInput{text: v.Get("text"), focused: v.Get("focused").Bool(), start: v.Get("start").Int(), end: v.Get("end").Int()}, true
}

// BeforeMount runs in the page just before go-app mounts the app. It first
// lets the browser handle what waited while the program started (keys
// typed into the pre-rendered page, a paint): the program's start and the
// first mount are each a long stretch of work on the page's only thread,
// and this keeps them apart. In a task of its own between them it has V8
// compile the code that builds the page (warmFirstRender), which would
// otherwise lengthen the mount's task. It then reads the pre-rendered
// text area, whose text, focus and selection the home page takes over
// (takeEarlyInput), and has go-app's loading indicator removed once the
// mount is done, when the page answers.
func BeforeMount() {
	if app.IsServer {
		return
	}
	// WebAssembly runs on the page's thread: waiting for a call from a
	// new task hands it back to the browser meanwhile. (A short sleep may
	// not: the first time, the program can take longer than the sleep to
	// get idle, and then goes on at once.) smtpexplainMountSoon makes that
	// call and, once the program has run as far as it can (the mount,
	// which follows this function in one go, included), removes the
	// loading indicator.
	w := app.Window()
	later := func(call string, args ...any) {
		yielded := make(chan struct{})
		var resume app.Func
		resume = app.FuncOf(func(app.Value, []app.Value) any {
			resume.Release()
			close(yielded)
			return nil
		})
		w.Call(call, append([]any{resume}, args...)...)
		<-yielded
	}
	later("setTimeout", 0)
	warmFirstRender()
	later("smtpexplainMountSoon")
	w.Set("smtpexplainEarlyInput", w.Call("smtpexplainReadEarlyInput"))
}

// warmFirstRender builds the home page's elements once, off the page, when
// the home page is the one about to be mounted. V8 compiles each function
// of the program the first time it runs, and the first mount runs many
// for the first time (go-app's element builders, one set per element
// type): building the elements here, in a task of its own, takes that
// compiling out of the mount's task, the longest of the load. Nothing is
// kept: go-app's mount renders the page again.
func warmFirstRender() {
	if app.Window().URL().Path != href(HomePath) {
		return
	}
	(&Home{}).Render()
}
