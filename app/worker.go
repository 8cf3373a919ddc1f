package app

import (
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// workerScript is the decoding worker's script, under the site's base
// path. It runs this same WebAssembly program, which then serves decode
// requests (ServeDecodeWorker) instead of drawing the page.
const workerScript = "/web/decode-worker.js"

// workerAnswer is what the decoding worker sends back for one request.
type workerAnswer struct {
	id       int
	result   *Result
	units    int     // the size of the text, in UTF-16 units
	decodeMs float64 // how long the worker took to decode it
	tooLarge int     // the input's size, when over MaxInputBytes
	err      string  // the worker failed; decode on the page instead
	sample   *Result // not an answer: the worker is ready, and this is the sample example's result
}

// decodeWorker sends large inputs to a Web Worker, so that decoding them
// does not hold up the page. One request is in flight at a time; while it
// runs, only the newest waiting input is kept.
type decodeWorker struct {
	w       app.Value
	onMsg   app.Func
	onErr   app.Func
	busy    *workerRequest // the request in flight
	next    *workerRequest
	failed  bool
	deliver func(workerAnswer)
}

type workerRequest struct {
	id   int
	text app.Value // the JavaScript string, passed on without a copy
}

// newDecodeWorker starts the worker. deliver receives each answer on the
// JavaScript event loop; it must hand the answer to the UI goroutine.
// It returns nil when workers are not available.
func newDecodeWorker(deliver func(workerAnswer)) *decodeWorker {
	if app.IsServer {
		return nil
	}
	ctor := app.Window().Get("Worker")
	if !ctor.Truthy() {
		return nil
	}
	d := &decodeWorker{deliver: deliver}
	ok := func() (ok bool) {
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		d.w = ctor.New(href(workerScript))
		return true
	}()
	if !ok {
		return nil
	}
	d.shareProgram()
	d.onMsg = app.FuncOf(func(this app.Value, args []app.Value) any {
		d.answer(args[0].Get("data"))
		return nil
	})
	d.onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		d.fail("the decoding worker could not start")
		return nil
	})
	d.w.Set("onmessage", d.onMsg)
	d.w.Set("onerror", d.onErr)
	return d
}

// shareProgram hands the worker the WebAssembly module the page has
// compiled (app.js keeps it as smtpexplainWasmModule), so that the worker
// starts at once instead of fetching and compiling the program again.
// Without it, or if the browser cannot pass it on, the worker loads the
// program itself.
func (d *decodeWorker) shareProgram() {
	m := app.Window().Get("smtpexplainWasmModule")
	if !m.Truthy() {
		return
	}
	defer func() { recover() }()
	msg := app.Window().Get("Object").New()
	msg.Set("module", m)
	d.w.Call("postMessage", msg)
}

// post asks the worker to decode text, or queues it behind the request in
// flight, replacing any older queued one.
func (d *decodeWorker) post(id int, text app.Value) {
	req := &workerRequest{id: id, text: text}
	if d.busy != nil {
		d.next = req
		return
	}
	d.send(req)
}

func (d *decodeWorker) send(req *workerRequest) {
	d.busy = req
	msg := app.Window().Get("Object").New()
	msg.Set("id", req.id)
	msg.Set("text", req.text)
	d.w.Call("postMessage", msg)
}

// answer reads one message of the worker. The result's annotated text
// comes back as segment lengths, filled in from the text that was sent.
func (d *decodeWorker) answer(data app.Value) {
	if data.Get("ready").Truthy() {
		d.ready(data)
		return
	}
	start := perfNow()
	req := d.busy
	d.busy = nil
	a := workerAnswer{id: data.Get("id").Int()}
	switch {
	case data.Get("error").Truthy():
		a.err = data.Get("error").String()
	case data.Get("tooLarge").Truthy():
		a.tooLarge = data.Get("tooLarge").Int()
	case req == nil || req.id != a.id:
		a.err = "the decoding worker answered a request it was not sent"
	default:
		a.units, a.decodeMs = jsLen(req.text), data.Get("ms").Float()
		var res Result
		if err := json.Unmarshal([]byte(data.Get("result").String()), &res); err != nil {
			a.err = fmt.Sprintf("reading the worker's answer: %v", err)
		} else if err := res.fillText(req.text.String()); err != nil {
			a.err = fmt.Sprintf("reading the worker's answer: %v", err)
		} else {
			a.result = &res
		}
	}
	perfMeasure(sliceMeasure, start)
	if next := d.next; next != nil {
		d.next = nil
		d.send(next)
	}
	d.deliver(a)
}

// ready reads the message the worker sends once it has decoded the
// examples: the result of the sample example, which the page rehearses
// with before it has a result of its own (see rehearsal).
func (d *decodeWorker) ready(data app.Value) {
	ex, ok := exampleByKey(sampleExample)
	if !ok || data.Get("sample").Type() != app.TypeString {
		return
	}
	var res Result
	if json.Unmarshal([]byte(data.Get("sample").String()), &res) != nil || res.fillText(ex.text) != nil {
		return
	}
	d.deliver(workerAnswer{sample: &res})
}

// fail gives up on the worker: the pending requests are answered with an
// error, and the page decodes by itself from then on.
func (d *decodeWorker) fail(msg string) {
	if d.failed {
		return
	}
	d.failed = true
	d.close()
	id := 0
	if d.next != nil {
		id = d.next.id
	}
	d.busy, d.next = nil, nil
	d.deliver(workerAnswer{id: id, err: msg})
}

// close stops the worker.
func (d *decodeWorker) close() {
	if d.w != nil && d.w.Truthy() {
		d.w.Call("terminate")
	}
	if d.onMsg != nil {
		d.onMsg.Release()
		d.onErr.Release()
		d.onMsg, d.onErr = nil, nil
	}
}

// InWorker reports whether the program runs in a Web Worker rather than
// in a page.
func InWorker() bool {
	if app.IsServer {
		return false
	}
	return !app.Window().Get("document").Truthy() && app.Window().Get("postMessage").Truthy()
}

// ServeDecodeWorker answers decode requests in a Web Worker. It sets
// smtpexplainDecode on the worker's global scope: a function that takes
// {id, text} and returns {id, result, ms} with the JSON of the Result
// (its annotated text as segment lengths only, see Segment) and the
// milliseconds the decode took, {id, tooLarge} for an input over
// MaxInputBytes, or {id, error}. The worker's script
// (web/decode-worker.js) calls it for each message. It loads the
// decoder's tables at once, so that the first request does not wait for
// them, decodes the examples once, a task each, so that the program is
// compiled, then posts the page {ready: true, sample} with the JSON of the
// sample example's result, and never returns.
func ServeDecodeWorker() {
	// Collect right after an answer has gone, once the requests add up to
	// enough text: memory is reused rather than grown up to five times the
	// live heap (decoding into fresh memory is slower: the largest corpus
	// email took 3.3-13.4 ms so, 1.8-5.4 ms with this), and a collection,
	// which runs to its end in one go, does not land in a request.
	gc := gcPacer{later: afterThisTask}
	app.Window().Set("smtpexplainDecode", app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].Get("text").String()
		reply := decodeRequest(args[0].Get("id").Int(), text)
		gc.drew(len(text))
		return reply
	}))
	codes.Default()
	// The browser compiles each function of the program the first time it
	// runs, which made the first request take half a second: decode the
	// examples now, one of each kind of input, one per task, so that a
	// request that comes meanwhile waits for one example at most.
	exs, sample := examples(), ""
	var warm func(i int)
	warm = func(i int) {
		if i == len(exs) {
			runtime.GC()
			app.Window().Call("postMessage", map[string]any{"ready": true, "sample": sample})
			return
		}
		ex := exs[i]
		res := Summarize(ex.text, codes.Decode(ex.text))
		if ex.key == sampleExample {
			res.dropText()
			if b, err := json.Marshal(res); err == nil {
				sample = string(b)
			}
		}
		afterThisTask(func() { warm(i + 1) })
	}
	warm(0)
	select {}
}

// sampleExample is the example whose result the worker sends with its
// ready message.
const sampleExample = "postfix-bounce"

// afterThisTask runs fn in a task of its own, queued now: after the one
// that runs.
func afterThisTask(fn func()) {
	var cb app.Func
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		cb.Release()
		fn()
		return nil
	})
	app.Window().Call("setTimeout", cb, 0)
}

// decodeRequest decodes one worker request.
func decodeRequest(id int, text string) (reply map[string]any) {
	reply = map[string]any{"id": id}
	defer func() {
		if r := recover(); r != nil {
			reply["error"] = fmt.Sprint("decoding failed: ", r)
		}
	}()
	if len(text) > MaxInputBytes {
		reply["tooLarge"] = len(text)
		return reply
	}
	start := perfNow()
	res := Summarize(text, codes.Decode(text))
	reply["ms"] = perfNow() - start
	res.dropText()
	b, err := json.Marshal(res)
	if err != nil {
		reply["error"] = "encoding the result: " + err.Error()
		return reply
	}
	reply["result"] = string(b)
	return reply
}
