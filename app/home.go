package app

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Element ids and storage keys of the home page.
const (
	inputID  = InputID
	draftKey = "smtpexplain/draft"
	stashKey = "smtpexplain/draft-before-share" // the draft put aside when a share link was opened
)

// Timing of the work that follows typing.
const (
	saveDelay = 400 * time.Millisecond
)

// decodeDelay is how long to wait after the last keystroke before
// decoding: at once for a short text, longer for a large one, so that
// typing into a large text stays smooth.
func decodeDelay(units int) time.Duration {
	switch {
	case units <= 16<<10:
		return 40 * time.Millisecond
	case units <= 256<<10:
		return 250 * time.Millisecond
	}
	return 600 * time.Millisecond
}

// Home is the explainer: a text area that is decoded as the user types or
// pastes, the explanation of what was found, and the share link.
//
// The text area is uncontrolled: its value lives in the DOM and is read
// when a decode runs, never written back from state, so that go-app's
// re-rendering cannot alter what the user typed. It stays disabled until
// the WebAssembly app has mounted, because the first mount replaces the
// pre-rendered page and would drop text typed into it.
//
// The text is kept in this browser's localStorage as the user types, and
// put back after a reload; a link made by Share carries the text in its
// fragment, which browsers never send to a server.
type Home struct {
	app.Compo

	ready     bool // mounted in the browser: the controls work
	warm      bool // the decoder's tables are loaded
	loaded    bool // the saved draft or the shared text was put back
	dispatch  func(func(app.Context))
	drawing   func(func(app.Context))
	seq       int           // input changes so far; only the newest is decoded
	saveSeq   int           // the same, for saving
	pending   bool          // a decode is waiting or running
	res       *Result       // the last result, nil when the box is empty
	resSeq    int           // the input change count res was decoded for
	tooLarge  int           // size of an input over MaxInputBytes, or 0
	note      string        // about the text put back: restored, shared, or a bad link
	noteErr   bool          // note is an error
	stashed   bool          // the draft was put aside for a shared text
	saveErr   string        // why the text cannot be kept on this device
	worker    *decodeWorker // decodes large inputs off the page, once started
	speed     decodeSpeed   // how fast decoding goes here, to choose where to decode
	share     shareState
	release   func()         // removes the page-hide listener
	area      app.Value      // the text area, kept to save its text when the page goes
	rehearse  rehearsalState // the rehearsal, while it runs
	rehearsed bool           // the rehearsal has started
}

// InputID is the id of the text area; app.js reads the pre-rendered one
// by it just before the app is mounted (see BeforeMount).
const InputID = "input"

// OnPreRender sets the page title and description for the pre-rendered
// page.
func (h *Home) OnPreRender(ctx app.Context) { h.setMeta(ctx) }

// OnMount enables the controls once the app runs in the browser and
// starts keeping the text when the page is hidden or closed.
func (h *Home) OnMount(ctx app.Context) {
	h.ready = true
	h.dispatch = ctx.Dispatch
	disp := ctx.Dispatcher()
	h.drawing = func(fn func(app.Context)) {
		disp.Dispatch(app.Dispatch{Mode: app.Next, Source: h, Function: fn})
	}
	h.release = onPageHide(func() { saveDraft(h.inputValue()) })
	// Load the tables while nothing happens, before the first decode needs
	// them, a part per idle moment (the browser compiles the code that
	// loads each the first time it runs: all at once, one long task);
	// then start the decoding worker, whose own start-up (the WebAssembly
	// and its tables) would otherwise hold up the first large text.
	var load func()
	load = func() {
		if codes.LoadDefaultPart() {
			whenIdle(load)
			return
		}
		h.dispatch(func(ctx app.Context) { h.warm = true })
		whenIdle(func() {
			warmCollector()
			whenIdle(func() { h.dispatch(func(ctx app.Context) { h.startWorker() }) })
		})
	}
	whenIdle(load)
}

// rehearseWhenDrawn starts the rehearsal (see rehearsal) once a result is
// drawn whole, the first time one is.
func (h *Home) rehearseWhenDrawn() {
	if h.rehearsed || h.res == nil || app.IsServer {
		return
	}
	h.rehearsed = true
	var wait func()
	wait = func() {
		whenIdle(func() {
			h.dispatch(func(ctx app.Context) {
				if h.res == nil {
					h.rehearsed = false // no result to rehearse with; the next one will do
					return
				}
				if !resultDrawn() {
					wait()
					return
				}
				if h.rehearse.start(h.res) {
					h.rehearseNext()
				}
			})
		})
	}
	wait()
}

// rehearseSample rehearses with res, the result of an example, when the
// page shows no result, awaits none and has not rehearsed yet.
func (h *Home) rehearseSample(res *Result) {
	free := func() bool { return h.res == nil && !h.pending && !h.rehearsed && h.rehearse.stage == 0 }
	if !free() {
		return
	}
	whenIdle(func() {
		h.dispatch(func(ctx app.Context) {
			if free() && h.rehearse.startSample(res) {
				h.rehearseNext()
			}
		})
	})
}

// rehearseNext goes on to the next stage of the rehearsal, or to its end,
// when the page is next idle.
func (h *Home) rehearseNext() {
	whenIdle(func() {
		h.dispatch(func(ctx app.Context) {
			if h.rehearse.next(h.res) {
				h.rehearseNext()
				return
			}
			settled()
		})
	})
}

// settled tells app.js that the page's start-up work is over (the tables
// loaded, the worker started, a rehearsal drawn), so that on a first visit
// the service worker's install, which keeps the browser busy, starts now.
func settled() {
	if app.IsServer {
		return
	}
	if f := app.Window().Get("smtpexplainSettled"); f.Type() == app.TypeFunction {
		f.Invoke()
	}
}

// OnDismount keeps the text, which may not be saved yet, and stops the
// worker and the listeners.
func (h *Home) OnDismount() {
	if h.area != nil && h.saveSeq > 0 {
		saveDraft(h.area.Get("value"))
	}
	if h.release != nil {
		h.release()
	}
	if h.worker != nil {
		h.worker.close()
		h.worker = nil
	}
}

// OnNav puts back the text: what was typed into the pre-rendered page,
// the text a share link carries, or else the draft kept on this device.
func (h *Home) OnNav(ctx app.Context) {
	h.setMeta(ctx)
	early, typed := takeEarlyInput()
	took := false
	if typed && !h.loaded && !IsShare(ctx.Page().URL().Fragment) {
		took = h.takeOverInput(early)
	}
	ctx.Defer(func(ctx app.Context) {
		if frag := ctx.Page().URL().Fragment; IsShare(frag) {
			if typed && jsLen(early.text) > 0 {
				saveDraft(early.text) // so that openShare puts it aside
			}
			h.openShare(ctx, frag)
			return
		}
		if !h.loaded {
			h.loaded = true
			if took {
				h.note, h.noteErr = "What you typed while the page was loading is here.", false
				h.changed(ctx, true)
				return
			}
			if restoreDraft(inputID) {
				h.note, h.noteErr = "Your text from last time is back. It is kept on this device only.", false
				h.changed(ctx, true)
				if typed && early.focused {
					h.focusInput(early) // the caret where it was, not after the text
				}
			}
		}
	})
}

// takeOverInput puts what was typed into the pre-rendered text area into
// the mounted one, which gets the focus and the selection too when the
// pre-rendered one had them, and reports whether there was text. The text
// kept from the last visit is put aside first, to be brought back. It runs
// in the task that mounts the page, before the browser handles another
// key: a key typed between the mount and a later step would reach no text
// area at all.
func (h *Home) takeOverInput(early earlyInput) bool {
	hasText := jsLen(early.text) > 0
	if hasText {
		h.stashed = stashDraft(early.text.String())
		if ta := h.input(); ta.Truthy() {
			ta.Set("value", early.text)
		}
	}
	if early.focused {
		h.focusInput(early)
	}
	return hasText
}

// focusInput gives the focus back to the text area, with the selection
// it had in the pre-rendered page (the browser keeps it within the text).
func (h *Home) focusInput(early earlyInput) {
	if ta := h.input(); ta.Truthy() {
		ta.Call("focus")
		ta.Call("setSelectionRange", early.start, early.end)
	}
}

func (h *Home) setMeta(ctx app.Context) {
	setPageMeta(ctx, "SMTP error and bounce explainer · "+siteName,
		"Paste an SMTP error, a bounce message or a mail log: smtpexplain explains what happened to each recipient, whose side the problem is on, when to retry and what to do, in your browser.")
}

// Explain decodes text on the spot and keeps the result for rendering. The
// page calls it through the input handling; tests call it directly.
func (h *Home) Explain(text string) {
	h.pending, h.tooLarge = false, 0
	if text == "" {
		h.res = nil
		return
	}
	if len(text) > MaxInputBytes {
		h.res, h.tooLarge = nil, len(text)
		return
	}
	res := Summarize(text, codes.Decode(text))
	h.res, h.resSeq, h.warm = &res, h.seq, true
	h.rehearseWhenDrawn()
}

// input returns the text area.
func (h *Home) input() app.Value {
	ta := app.Window().GetElementByID(inputID)
	if ta.Truthy() {
		h.area = ta
	}
	return ta
}

// inputValue returns the text area's value as a JavaScript string.
func (h *Home) inputValue() app.Value {
	if ta := h.input(); ta.Truthy() {
		return ta.Get("value")
	}
	return nil
}

func (h *Home) onInput(ctx app.Context, e app.Event) {
	h.changed(ctx, inOneGo(e.Get("inputType").String()))
}

// inOneGo reports whether an edit of the text area, by the inputType of
// its input event, is made in one go: a paste, a drop or a cut. No more
// keystrokes are coming, so its text is decoded at once rather than after
// decodeDelay (a quarter of a second for a pasted bounce email).
func inOneGo(inputType string) bool {
	switch inputType {
	case "insertFromPaste", "insertFromPasteAsQuotation", "insertFromDrop", "insertFromYank", "deleteByCut", "deleteByDrag":
		return true
	}
	return false
}

// changed schedules the decode and the save after the text changed. A
// restored, example or pasted text is decoded at once.
func (h *Home) changed(ctx app.Context, now bool) {
	h.seq++
	h.saveSeq++
	seq, saveSeq := h.seq, h.saveSeq
	units := 0
	if v := h.inputValue(); v != nil {
		units = jsLen(v)
	}
	delay := decodeDelay(units)
	if now {
		delay = 0
	}
	if !h.decodesHere(units, !now) {
		h.pending = true // painted before the decode starts
	}
	h.after(ctx, h.drawing, delay, func(ctx app.Context) {
		if seq == h.seq {
			h.decode(ctx, seq, delay, !now)
		}
	})
	h.after(ctx, h.dispatch, saveDelay, func(ctx app.Context) {
		if saveSeq == h.saveSeq {
			h.save()
		}
	})
}

// after runs fn on the UI goroutine once d has passed, through one of the
// page's own dispatchers. A dispatch through an event's context is dropped
// when the element that fired the event is gone by then, as the button
// that brings back a text is once the text is back. Through h.dispatch,
// go-app draws the page on its next tick after fn; a function that draws
// what it changes itself (drawNow) goes through h.drawing, which leaves
// no such update: it would draw the page a second time, often before the
// browser has painted the first.
func (h *Home) after(ctx app.Context, dispatch func(func(app.Context)), d time.Duration, fn func(app.Context)) {
	if dispatch == nil { // not mounted in a browser
		dispatch = ctx.Dispatch
	}
	ctx.Async(func() {
		time.Sleep(d)
		dispatch(fn)
	})
}

// decode explains the text area's current text: on the page for a short
// text, or one typed into that decoded quickly before, in the worker
// otherwise; it was waited for since the change. It draws what it changed
// (it runs through h.drawing).
func (h *Home) decode(ctx app.Context, seq int, waited time.Duration, typed bool) {
	v := h.inputValue()
	if v == nil {
		return
	}
	units := jsLen(v)
	markDecode(waited)
	switch {
	case units == 0:
		h.Explain("")
		drawNow(&h.Compo)
		return
	case units > MaxInputBytes: // each UTF-16 unit takes at least one byte
		h.res, h.pending, h.tooLarge = nil, false, units
		drawNow(&h.Compo)
		return
	}
	if !h.decodesHere(units, typed) && h.startWorker() {
		if !h.pending {
			h.pending = true
			drawNow(&h.Compo)
		}
		h.worker.post(seq, v)
		return
	}
	start := perfNow()
	h.Explain(v.String())
	h.speed.learn(units, perfNow()-start)
	perfMeasure(sliceMeasure, start)
	h.shareRefresh()
	drawNow(&h.Compo) // the result in the frame after the decode
}

// decodesHere reports whether a text of units is decoded on the page (see
// decodeSpeed); typed says that it changed by typing since the last decode.
func (h *Home) decodesHere(units int, typed bool) bool {
	return h.speed.inline(units) || typed && h.warm && h.speed.inlineEdit(units)
}

// startWorker starts the decoding worker on first use and reports whether
// it is there.
func (h *Home) startWorker() bool {
	if h.worker != nil {
		return !h.worker.failed
	}
	if h.dispatch == nil {
		return false
	}
	h.worker = newDecodeWorker(func(a workerAnswer) {
		h.drawing(func(ctx app.Context) {
			if h.workerAnswered(ctx, a) {
				drawNow(&h.Compo) // in the task that got the answer
			}
		})
	})
	return h.worker != nil
}

// workerAnswered shows the worker's answer if it is for the newest text,
// and reports whether the page changed.
func (h *Home) workerAnswered(ctx app.Context, a workerAnswer) bool {
	switch {
	case a.sample != nil:
		h.rehearseSample(a.sample)
		return false
	case a.err != "":
		// Decode here instead, if a text was waiting for the worker; the
		// worker is not used again.
		app.Log("smtpexplain: " + a.err)
		if v := h.inputValue(); v != nil && h.pending {
			h.Explain(v.String())
		}
	case a.id != h.seq:
		return false // an older text; the newer one is on its way
	case a.tooLarge > 0:
		h.res, h.pending, h.tooLarge = nil, false, a.tooLarge
	default:
		h.speed.learn(a.units, a.decodeMs)
		h.res, h.resSeq, h.pending, h.tooLarge = a.result, a.id, false, 0
		h.rehearseWhenDrawn()
		h.shareRefresh()
	}
	return true
}

// save keeps the text on this device, or says why it cannot.
func (h *Home) save() {
	h.saveErr = ""
	if err := saveDraft(h.inputValue()); err != nil {
		h.saveErr = "This text cannot be kept on this device (it is too large, or the browser does not allow it): it will be gone if you close the tab."
	}
}

// setText replaces the text of the text area, keeps it and explains it.
func (h *Home) setText(ctx app.Context, text string) {
	ta := h.input()
	if !ta.Truthy() {
		h.Explain(text)
		return
	}
	ta.Set("value", text)
	h.changed(ctx, true)
}

func (h *Home) onExample(ctx app.Context, e app.Event) {
	key := ctx.JSSrc().Get("dataset").Get("example").String()
	ex, ok := exampleByKey(key)
	if !ok {
		return
	}
	if menu := ctx.JSSrc().Call("closest", "details"); menu.Truthy() {
		menu.Set("open", false)
	}
	h.note = ""
	h.setText(ctx, ex.text)
	if ta := h.input(); ta.Truthy() {
		ta.Call("focus")
		ta.Call("setSelectionRange", 0, 0)
		ta.Set("scrollTop", 0)
	}
}

func (h *Home) onClear(ctx app.Context, e app.Event) {
	h.seq++
	h.saveSeq++
	if ta := h.input(); ta.Truthy() {
		ta.Set("value", "")
		ta.Call("focus")
	}
	forgetDraft()
	h.Explain("")
	h.note, h.saveErr, h.stashed = "", "", false
	h.share = shareState{}
}

// openShare puts the text of a share link into the text area. The text
// the user had is put aside, and can be brought back.
func (h *Home) openShare(ctx app.Context, frag string) {
	h.loaded = true
	text, err := DecodeShare(frag)
	dropFragment()
	if err != nil {
		h.note, h.noteErr = shareError(err), true
		if restoreDraft(inputID) {
			h.changed(ctx, true)
		}
		return
	}
	h.stashed = stashDraft(text)
	h.note, h.noteErr = "This text was opened from a share link.", false
	h.setText(ctx, text)
}

// shareError says what went wrong with a share link.
func shareError(err error) string {
	switch {
	case errors.Is(err, ErrShareFormat):
		return "This share link was made by a newer version of smtpexplain. Reload the page to update it, then open the link again."
	case errors.Is(err, ErrShareTooLarge):
		return "This share link holds more than 10 MB of text, which is more than smtpexplain decodes."
	}
	return "This share link is damaged: it may have been cut short when it was copied. Ask for the whole link again."
}

func (h *Home) onUnstash(ctx app.Context, e app.Event) {
	if text, ok := takeStash(); ok {
		h.note, h.stashed = "", false
		h.setText(ctx, text)
	}
}

// Render draws the page.
func (h *Home) Render() app.UI {
	return layout(HomePath,
		app.Div().Class("intro").Body(
			app.H1().Text("Explain an SMTP error or bounce"),
			app.P().Class("lede").Text("Paste what a mail server said: a reply, a bounce message, a log, an SMTP session or an email service's event. "+
				"You get, for each recipient, what happened in plain words, whose side the problem is on, when to retry and what to do."),
		),
		h.inputPanel(),
		h.sharePanel(),
		h.resultArea(),
		h.rehearse.view(),
	)
}

// inputPanel is the text area with its toolbar and status lines.
func (h *Home) inputPanel() app.UI {
	state := "Loading the decoder… You can paste your text already."
	switch {
	case h.pending:
		state = "Decoding…"
	case h.ready && h.warm:
		state = "Ready: decoded as you type, on this page."
	case h.ready:
		state = "Getting the decoder ready…"
	}
	input := app.Textarea().
		ID(inputID).
		Name(inputID).
		Rows(8).
		Spellcheck(false).
		Attr("autocomplete", "off").
		Attr("autocapitalize", "off").
		Attr("autocorrect", "off").
		Placeholder("Paste an SMTP reply, a bounce message, a log or an SMTP session…").
		Aria("describedby", "input-help").
		OnInput(h.onInput)
	var notes []app.UI
	if h.note != "" {
		cls := "input-note"
		if h.noteErr {
			cls += " input-note-error"
		}
		body := []app.UI{app.Text(h.note)}
		if h.stashed {
			body = append(body, app.Text(" "), app.Button().Type("button").ID("unstash").Class("link-button").
				Text("Bring back the text you had before").OnClick(h.onUnstash))
		}
		notes = append(notes, app.P().ID("input-note").Class(cls).Body(body...))
	}
	if h.tooLarge > 0 {
		notes = append(notes, app.P().ID("too-large").Class("notice notice-strong").Attr("role", "alert").Text(fmt.Sprintf(
			"This text is %s, and smtpexplain decodes up to 10 MB at a time. Nothing is lost: your text is still in the box. "+
				"Paste only the bounce or the log lines you are interested in.", sizeText(h.tooLarge))))
	}
	storage := "Kept on this device only, so a reload or a closed tab does not lose it."
	if h.saveErr != "" {
		storage = h.saveErr
	}
	return app.Div().Class("input-panel").Body(
		app.Div().Class("input-head").Body(
			app.Label().For(inputID).Text("Error text, bounce, log or session"),
			app.Div().Class("toolbar").Body(
				h.examplesMenu(),
				h.button("share-toggle", "Share", h.onShareToggle).Aria("expanded", h.share.open).Aria("controls", "share-panel"),
				h.button("clear", "Clear", h.onClear).Title("Empty the box and forget the text on this device"),
			),
		),
		input,
		app.Div().Class("input-foot").Body(
			app.P().ID("input-help").Class("help").Body(
				app.Text("Nothing is sent anywhere: the text is decoded on this page. "),
				app.Span().ID("storage-state").Text(storage),
			),
			app.P().ID("input-state").Class("input-state").Attr("role", "status").Text(state),
		),
		app.Div().Class("input-notes").Body(notes...),
	)
}

// button is a toolbar button, disabled until the app has mounted.
func (h *Home) button(id, label string, onClick app.EventHandler) app.HTMLButton {
	b := app.Button().Type("button").ID(id).Class("tool").Text(label).OnClick(onClick)
	if !h.ready {
		b = b.Disabled(true)
	}
	return b
}

// examplesMenu is the menu of sample inputs.
func (h *Home) examplesMenu() app.UI {
	items := make([]app.UI, 0, len(examples()))
	for _, ex := range examples() {
		b := app.Button().Type("button").ID("example-"+ex.key).Class("example").
			DataSet("example", ex.key).Text(ex.label).OnClick(h.onExample)
		if !h.ready {
			b = b.Disabled(true)
		}
		items = append(items, app.Li().Body(b))
	}
	return app.Elem("details").ID("examples").Class("examples-menu").
		OnKeyDown(h.onMenuKey).On("focusout", h.onMenuFocusOut).Body(
		app.Elem("summary").Class("tool").Text("Examples"),
		app.Ul().Class("examples-list").Body(items...),
	)
}

// onMenuKey closes the Examples menu on Escape and gives the focus back to
// its button.
func (h *Home) onMenuKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() != "Escape" || !ctx.JSSrc().Get("open").Bool() {
		return
	}
	e.PreventDefault()
	ctx.JSSrc().Set("open", false)
	if s := ctx.JSSrc().Call("querySelector", "summary"); s.Truthy() {
		s.Call("focus")
	}
}

// onMenuFocusOut closes the Examples menu when the focus moves to
// something outside it.
func (h *Home) onMenuFocusOut(ctx app.Context, e app.Event) {
	next := e.Get("relatedTarget")
	if next.Truthy() && !ctx.JSSrc().Call("contains", next).Bool() {
		ctx.JSSrc().Set("open", false)
	}
}

// resultArea is the explanation, the message about a large input, or the
// help shown while the box is empty.
func (h *Home) resultArea() app.UI {
	if h.res == nil {
		if h.tooLarge > 0 || h.pending {
			return app.Div().ID("result").Class("result result-empty")
		}
		return anatomy()
	}
	return &Explanation{Res: h.res, Input: &h.seq, Gen: h.resSeq}
}

// sizeText writes a size in bytes for people: "12.4 MB", "800 KB".
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
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
		app.P().Class("anatomy-more").Body(
			app.Text("Not sure what to paste? Open "),
			app.Elem("strong").Text("Examples"),
			app.Text(" above for a bounce, a log, an SMTP session or an email service's event."),
		),
	)
}
