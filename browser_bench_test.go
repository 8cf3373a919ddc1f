//go:build browser

package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// interactiveJS records, on the page's own clock (milliseconds since the
// navigation started), when go-app's loader is removed: the moment the
// WebAssembly app has mounted and the page answers. It also records when
// the page first showed a text area that takes typing
// (window.smtpexplainTypeable: the end of the first frame after an enabled
// text area is in the document).
const interactiveJS = `(() => {
	let seen = false, typeable = false;
	new MutationObserver((_, obs) => {
		const area = document.getElementById("input");
		if (!typeable && area && !area.disabled) {
			typeable = true;
			requestAnimationFrame(() => setTimeout(() => { window.smtpexplainTypeable = performance.now(); }, 0));
		}
		if (document.getElementById("app-wasm-loader")) {
			seen = true;
		} else if (seen) {
			window.smtpexplainInteractive = performance.now();
			obs.disconnect();
		}
	}).observe(document, { childList: true, subtree: true });
})();`

// longTasksJS keeps the page's long tasks (50 ms or more, the Long Tasks
// API) from its start, and a log of animation frames while
// window.smtpexplainFrames is an array.
const longTasksJS = `(() => {
	window.smtpexplainLongTasks = [];
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) window.smtpexplainLongTasks.push({ start: e.startTime, duration: e.duration });
	}).observe({ type: "longtask", buffered: true });
	const frame = (t) => {
		if (Array.isArray(window.smtpexplainFrames)) window.smtpexplainFrames.push(t);
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
})();`

// loadBlockJS returns the longest task of the page's main thread (of 50
// ms or more: the Long Tasks API's) that started before the app was
// interactive, or 0: how long at most a key typed while the page loads
// waits to be taken.
const loadBlockJS = `Math.max(0, ...window.smtpexplainLongTasks.filter(t => t.start < window.smtpexplainInteractive).map(t => t.duration))`

// idleBlockJS returns the longest task of the page's main thread (of 50
// ms or more) that started once the app was interactive, or 0: how long
// at most a key typed while the page does its idle work after it starts
// (loading its tables, starting the worker, the rehearsal) waits.
const idleBlockJS = `Math.max(0, ...window.smtpexplainLongTasks.filter(t => t.start >= window.smtpexplainInteractive).map(t => t.duration))`

// drawnJS waits until the explanation of the text area's text is drawn
// whole (data-drawn="all"; a page that draws in one go has no such
// attribute and is whole once the annotated text is there) and painted,
// then returns, for the work since the decode started
// (the app's last "smtpexplain:decode" mark): the milliseconds to that
// point, the longest main-thread step the app measured
// ("smtpexplain:slice"), the longest long task and the longest time
// between two animation frames.
const drawnJS = `new Promise(resolve => {
	const want = new TextEncoder().encode(document.getElementById("input").value).length;
	const check = () => {
		const r = document.getElementById("result");
		if (r && r.dataset.size == want && (r.dataset.drawn === "all" || (!r.dataset.drawn && document.getElementById("source")))) {
			requestAnimationFrame(() => setTimeout(() => {
				const marks = performance.getEntriesByName("smtpexplain:decode");
				const from = marks[marks.length - 1].startTime, now = performance.now();
				const longest = (list) => list.reduce((m, e) => e.start >= from ? Math.max(m, e.duration) : m, 0);
				const slices = performance.getEntriesByName("smtpexplain:slice").map((e) => ({ start: e.startTime, duration: e.duration }));
				const frames = (window.smtpexplainFrames || []).filter((t) => t >= from);
				let gap = 0;
				for (let i = 1; i < frames.length; i++) gap = Math.max(gap, frames[i] - frames[i - 1]);
				window.smtpexplainFrames = null;
				resolve({ drawn: now - from, slice: longest(slices), longTask: longest(window.smtpexplainLongTasks), frame: gap });
			}, 0));
			return;
		}
		setTimeout(check, 1);
	};
	check();
})`

// drawing is what drawnJS returns.
type drawing struct {
	Drawn    float64 `json:"drawn"`
	Slice    float64 `json:"slice"`
	LongTask float64 `json:"longTask"`
	Frame    float64 `json:"frame"`
}

// settleWait is how long after the page is interactive the settled first
// visit of BenchmarkBrowser pastes its text: time for what the page does
// when it is idle after it starts.
const settleWait = 4 * time.Second

// renderedJS waits until the explanation is that of the text area's text
// and shows a card, and the frame that shows it has been painted, then
// returns the milliseconds since the decode started (the app's
// "smtpexplain:decode" mark) and since the text was pasted (the last
// "bench:paste" mark, which pasteAll leaves; -1 for none). A mutation
// observer sees the card in the task that adds it, so the animation frame
// asked for then is the one that paints it; a task posted from that frame
// runs after the paint. It also returns how long after the decode started
// the card was on the page, laid out, ready for that frame (ready; -1 when
// it was there already): the observer runs after the microtask in which
// the app has the browser lay out the drawing step. (Looking for the card every few milliseconds
// instead often saw it only after the frame that painted it, and counted
// a frame more.) The task is posted at the highest priority
// (scheduler.postTask "user-blocking", where the browser has it): the app
// posts the next drawing step from the same frame, and a task at the
// ordinary priority would wait for that step and count it.
const renderedJS = `new Promise(resolve => {
	const want = new TextEncoder().encode(document.getElementById("input").value).length;
	const shown = () => {
		const r = document.getElementById("result");
		return r && r.dataset.size == want && document.querySelector("#result .card");
	};
	let seenAt = -1;
	const report = () => {
		const now = performance.now();
		const since = (name, t) => {
			const marks = performance.getEntriesByName(name);
			return marks.length && t >= 0 ? t - marks[marks.length - 1].startTime : -1;
		};
		resolve({ decode: since("smtpexplain:decode", now), paste: since("bench:paste", now), ready: since("smtpexplain:decode", seenAt) });
	};
	const afterPaint = () => requestAnimationFrame(() => {
		if (window.scheduler && scheduler.postTask) scheduler.postTask(report, { priority: "user-blocking" });
		else setTimeout(report, 0);
	});
	if (shown()) {
		afterPaint();
		return;
	}
	const seen = new MutationObserver(() => {
		if (shown()) {
			seenAt = performance.now();
			seen.disconnect();
			afterPaint();
		}
	});
	seen.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-size"] });
})`

// rendered is what renderedJS returns.
type rendered struct {
	Decode float64 `json:"decode"` // milliseconds since the decode started
	Paste  float64 `json:"paste"`  // since the text was pasted, or -1
	Ready  float64 `json:"ready"`  // from the decode's start to the card laid out, or -1
}

// pasteAll replaces the text area's text as a paste over it does: one
// input event of type insertFromPaste, which the app decodes at once. It
// leaves a performance mark, "bench:paste", just before.
func (b *browser) pasteAll(text string) {
	b.t.Helper()
	lit, err := json.Marshal(text)
	if err != nil {
		b.t.Fatal(err)
	}
	b.do(chromedp.WaitEnabled(chromedp.ID("input")))
	evalJS[bool](b, fmt.Sprintf(`(() => {
		const ta = document.getElementById("input");
		ta.value = %s;
		performance.mark("bench:paste");
		ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
		return true;
	})()`, lit))
}

// clipboardPasteJS puts its text on the clipboard (through a text area
// of its own and the copy command, which needs a user gesture), selects
// all of the page's text, and notes in window.benchClipboard when the
// page's next paste and input events start (listeners on the window, in
// the capture phase, so before the app's) and when the first card of the
// text pasted is on the page (seen) and painted, as renderedJS tells.
const clipboardPasteJS = `(() => {
	const t = document.createElement("textarea");
	t.value = %s;
	document.body.append(t);
	t.select();
	const copied = document.execCommand("copy");
	t.remove();
	if (!window.benchClipboard) {
		const seen = (name) => (e) => {
			if (e.target.id === "input") window.benchClipboard[name] = performance.now();
		};
		window.addEventListener("paste", seen("paste"), true);
		window.addEventListener("input", seen("input"), true);
	}
	const c = window.benchClipboard = {};
	const ta = document.getElementById("input");
	const watch = new MutationObserver(() => {
		const r = document.getElementById("result");
		if (!c.input || !r || r.dataset.size != new TextEncoder().encode(ta.value).length || !document.querySelector("#result .card")) return;
		watch.disconnect();
		c.seen = performance.now();
		requestAnimationFrame(() => {
			const report = () => { c.painted = performance.now(); };
			if (window.scheduler && scheduler.postTask) scheduler.postTask(report, { priority: "user-blocking" });
			else setTimeout(report, 0);
		});
	});
	watch.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-size"] });
	ta.focus();
	ta.select();
	return copied;
})()`

// clipboardPaste pastes text into the text area as someone does, through
// the clipboard and Ctrl+V: the browser puts the text in the text area
// itself, then fires the input event. It returns when the text is in.
func (b *browser) clipboardPaste(text string) {
	b.t.Helper()
	lit, err := json.Marshal(text)
	if err != nil {
		b.t.Fatal(err)
	}
	yes := true
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: fmt.Sprintf(clipboardPasteJS, lit), UserGesture: &yes, ReturnByValue: &yes})
	if err != nil || res.ExceptionDetails != nil || string(res.Result.Value) != "true" {
		b.t.Fatalf("copying the text: %v %v", err, res)
	}
	key := input.DispatchKeyEventParams{Modifiers: 2, Key: "v", Code: "KeyV", WindowsVirtualKeyCode: 86}
	down, up := key, key
	down.Type, down.Commands = input.DispatchKeyEventTypeRawKeyDown, []string{"paste"}
	up.Type = input.DispatchKeyEventTypeKeyUp
	for _, k := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, k); err != nil {
			b.t.Fatalf("pressing Ctrl+V: %v", err)
		}
	}
	want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	if got := b.inputText(); got != want {
		b.t.Fatalf("the text area holds %d bytes after the paste, want %d", len(got), len(want))
	}
}

// clipboardTimesJS waits for the first card of the last clipboard paste
// to be painted and returns the milliseconds from its paste event to its
// input event and from the input event to the card painted.
const clipboardTimesJS = `new Promise((resolve) => {
	const check = () => {
		const c = window.benchClipboard;
		if (c.painted === undefined) {
			setTimeout(check, 5);
			return;
		}
		resolve([c.input - c.paste, c.painted - c.input]);
	};
	check();
})`

// BenchmarkBrowser measures the built site in headless Chromium served
// from localhost: navigation to interactive with a fresh profile (cold;
// and typeable-ms, until the pre-rendered text area that takes typing is
// painted)
// and again from the service worker (warm), with the longest task of the
// page's main thread meanwhile (cold-block-ms, warm-block-ms: what typing
// may wait for while the page loads), and the time from the start
// of a decode to the painted result for the largest email of the shared
// corpus (when ../shared/corpus is there), pasted: the first time
// (first-render-ms; and drawn whole, in steps, first-drawn-ms) and again
// with a line break more (render-ms), to the first card painted, and
// for the second time also from the paste itself (paste-render-ms). The
// second result differs little from the first, so it is drawn over it in
// one step (see app/carry.go). For the second time it
// also reports the time until the whole result is drawn and painted
// (drawn-ms), the longest step of main-thread work the app measured
// (slice-ms, its "smtpexplain:slice" measures), the longest long task
// (longtask-ms: the Long Tasks API sees only tasks of 50 ms or more, so 0
// means none) and the longest time between two animation frames
// (frame-ms), all from the start of the decode to the painted result.
// A third time, under a Chromium trace of the page's main thread (which
// takes a share of the machine of its own, so it is not on the second
// time), it reports from the start of the decode the longest task in
// time (task-ms) and in the thread's CPU time (task-cpu-ms), which a busy
// machine inflates less, the longest step in CPU time (slice-cpu-ms), and
// apart, the longest task between the paste and the decode (paste-task-ms,
// paste-task-cpu-ms): the browser laying out the text area's new text,
// which is not the app's work. Then, as someone editing the text, three
// more changes a second apart, to the first card painted (edit-render-ms)
// and to the card on the page and laid out, ready for the next frame
// (edit-ready-ms: the page's own work, without the wait for that frame).
// Then three times more, pasted as someone does, through the clipboard
// and Ctrl+V (the browser puts the text into the text area before the
// input event, and lays it out then): from the paste to the first card
// painted (clip-paste-ms), of which from the paste event to the input
// event, the browser's own work (clip-insert-ms), and from the input
// event, when the page has the text, to the card (clip-render-ms).
// Last, in a browser of its own, a first visit where the email is pasted
// settleWait after the page is interactive, to its first card painted
// (settled-render-ms), and the longest task of the page's main thread in
// those settleWait (idle-block-ms: the page's idle work after it starts,
// which a key typed then waits for; 0 for none of 50 ms or more).
// Each iteration is one fresh browser; the figures are medians. Run it
// with "make bench-browser".
func BenchmarkBrowser(b *testing.B) {
	root, _ := sites(b)
	host := newPagesHost(b, root, "")
	largest := largestCorpusEmail(b)
	var cold, typeable, coldBlock, warm, warmBlock, idleBlock, first, firstDrawn, settled, editReady, render, pasted, edit, drawn, slice, sliceCPU, long, frame, taskWall, taskCPU, pasteWall, pasteCPU, clipInsert, clipRender, clipPaste []float64
	for i := 0; i < b.N; i++ {
		br := newBrowser(b)
		ctx, cancel := context.WithTimeout(br.ctx, step)
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: interactiveJS + longTasksJS})
		cancel()
		if err != nil {
			b.Fatalf("adding the timing script: %v", err)
		}
		br.open(host.url("/"))
		cold = append(cold, evalJS[float64](br, "window.smtpexplainInteractive || 0"))
		typeable = append(typeable, evalJS[float64](br, "window.smtpexplainTypeable || 0"))
		coldBlock = append(coldBlock, evalJS[float64](br, loadBlockJS))
		br.waitOffline()
		br.do(chromedp.Reload())
		br.waitApp()
		warm = append(warm, evalJS[float64](br, "window.smtpexplainInteractive || 0"))
		warmBlock = append(warmBlock, evalJS[float64](br, loadBlockJS))
		if largest != "" {
			// The first large text also starts the decoding worker.
			br.pasteAll(largest)
			first = append(first, evalJS[rendered](br, renderedJS).Decode)
			firstDrawn = append(firstDrawn, evalJS[drawing](br, drawnJS).Drawn)
			// Again, a new text for the page, timed by the page alone.
			evalJS[bool](br, "(window.smtpexplainFrames = [], true)")
			br.pasteAll(largest + "\n")
			r := evalJS[rendered](br, renderedJS)
			render, pasted = append(render, r.Decode), append(pasted, r.Paste)
			d := evalJS[drawing](br, drawnJS)
			drawn, slice, long, frame = append(drawn, d.Drawn), append(slice, d.Slice), append(long, d.LongTask), append(frame, d.Frame)
			// And once more under a trace, which takes time of its own
			// from the machine, for the figures only a trace gives.
			// The text is set as typing does, decoded after the pause
			// that follows typing, so that the browser's own work on the
			// new text comes before the decode and is measured apart.
			tt := br.longestTask(func() {
				br.setInput(largest + "\n\n")
				evalJS[rendered](br, renderedJS)
				evalJS[drawing](br, drawnJS)
			})
			taskWall, taskCPU, sliceCPU = append(taskWall, tt.wall), append(taskCPU, tt.cpu), append(sliceCPU, tt.sliceCPU)
			// Then as someone editing the text: three more changes, a
			// second apart, each decoded, drawn whole and left alone.
			for k := 3; k < 6; k++ {
				time.Sleep(time.Second)
				br.setInput(largest + strings.Repeat("\n", k))
				r := evalJS[rendered](br, renderedJS)
				edit, editReady = append(edit, r.Decode), append(editReady, r.Ready)
				evalJS[drawing](br, drawnJS)
			}
			pasteWall, pasteCPU = append(pasteWall, tt.pasteWall), append(pasteCPU, tt.pasteCPU)
			// Last, pasted as someone does, through the clipboard: the
			// browser puts the text in before the input event.
			for k := 6; k < 9; k++ {
				time.Sleep(time.Second)
				br.clipboardPaste(largest + strings.Repeat("\n", k))
				c := evalJS[[]float64](br, clipboardTimesJS)
				clipInsert, clipRender, clipPaste = append(clipInsert, c[0]), append(clipRender, c[1]), append(clipPaste, c[0]+c[1])
				evalJS[drawing](br, drawnJS)
			}
		}
		br.close()
		if largest != "" {
			// A first visit where the text comes once the page has
			// settled, in a browser of its own: one that has laid out no
			// result yet (the fonts a browser has looked up stay with it).
			br := newBrowser(b)
			ctx, cancel := context.WithTimeout(br.ctx, step)
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: interactiveJS + longTasksJS})
			cancel()
			if err != nil {
				b.Fatalf("adding the timing script: %v", err)
			}
			br.open(host.url("/"))
			br.waitApp()
			time.Sleep(settleWait)
			idleBlock = append(idleBlock, evalJS[float64](br, idleBlockJS))
			br.pasteAll(largest)
			settled = append(settled, evalJS[rendered](br, renderedJS).Decode)
			br.close()
		}
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(median(cold), "cold-ms")
	b.ReportMetric(median(typeable), "typeable-ms")
	b.ReportMetric(median(warm), "warm-ms")
	b.ReportMetric(median(coldBlock), "cold-block-ms")
	b.ReportMetric(median(warmBlock), "warm-block-ms")
	if len(render) > 0 {
		b.ReportMetric(median(first), "first-render-ms")
		b.ReportMetric(median(firstDrawn), "first-drawn-ms")
		b.ReportMetric(median(settled), "settled-render-ms")
		b.ReportMetric(median(idleBlock), "idle-block-ms")
		b.ReportMetric(median(render), "render-ms")
		b.ReportMetric(median(pasted), "paste-render-ms")
		b.ReportMetric(median(edit), "edit-render-ms")
		b.ReportMetric(median(editReady), "edit-ready-ms")
		b.ReportMetric(median(drawn), "drawn-ms")
		b.ReportMetric(median(slice), "slice-ms")
		b.ReportMetric(median(sliceCPU), "slice-cpu-ms")
		b.ReportMetric(median(long), "longtask-ms")
		b.ReportMetric(median(frame), "frame-ms")
		b.ReportMetric(median(taskWall), "task-ms")
		b.ReportMetric(median(taskCPU), "task-cpu-ms")
		b.ReportMetric(median(pasteWall), "paste-task-ms")
		b.ReportMetric(median(pasteCPU), "paste-task-cpu-ms")
		b.ReportMetric(median(clipPaste), "clip-paste-ms")
		b.ReportMetric(median(clipInsert), "clip-insert-ms")
		b.ReportMetric(median(clipRender), "clip-render-ms")
		b.ReportMetric(float64(len(largest)), "email-bytes")
	}
}

// largestCorpusEmail returns the largest email of the shared corpus, or
// "" (said loudly) when the corpus is not there.
func largestCorpusEmail(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join("..", "shared", "corpus", "emails", "*.eml"))
	best, size := "", int64(-1)
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() > size {
			best, size = f, st.Size()
		}
	}
	if best == "" {
		fmt.Fprintln(os.Stderr, "NOTE: ../shared/corpus is absent; BenchmarkBrowser measures loading only")
		return ""
	}
	data, err := os.ReadFile(best)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// median returns the middle value (the mean of the two middle ones for an
// even count), or 0 for none.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// traceEvent is the part of a Chromium trace event that longestTask reads.
type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Pid  int     `json:"pid"`
	Tid  int     `json:"tid"`
	Ts   float64 `json:"ts"`   // microseconds
	Dur  float64 `json:"dur"`  // microseconds
	Tdur float64 `json:"tdur"` // microseconds of the thread's CPU time
	Tts  float64 `json:"tts"`  // the thread's CPU clock at Ts, in microseconds
	Args struct {
		Name string `json:"name"`
	} `json:"args"`
}

// traceThread is a thread of a trace.
type traceThread struct{ pid, tid int }

// taskTimes are the longest tasks of the page's main thread, in
// milliseconds of time and of the thread's CPU time: of the app's work
// for a decode (the tasks that end after its last "smtpexplain:decode"
// mark), and of what came before it (the browser taking in the pasted
// text: the text area lays out every line of it).
type taskTimes struct {
	wall, cpu           float64
	pasteWall, pasteCPU float64
	sliceCPU            float64 // the longest drawing step, in CPU time
}

// longestTask traces Chromium while fn runs and returns the longest tasks
// of the page's main thread.
func (b *browser) longestTask(fn func()) (tt taskTimes) {
	b.t.Helper()
	var events []traceEvent
	done := make(chan struct{})
	b.mu.Lock()
	b.watch = func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal([]byte(v), &te) == nil {
					events = append(events, te)
				}
			}
		case *tracing.EventTracingComplete:
			close(done)
		}
	}
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.watch = nil
		b.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, tracing.Start, tracing.StartParams{
		TransferMode: tracing.StartTransferModeReportEvents,
		TraceConfig:  &tracing.TraceConfig{IncludedCategories: []string{"toplevel", "disabled-by-default-devtools.timeline", "blink.user_timing"}},
	}); err != nil {
		b.t.Fatalf("starting the trace: %v", err)
	}
	fn()
	if _, err := chromedp.Call(ctx, tracing.End, cdp.Empty{}); err != nil {
		b.t.Fatalf("ending the trace: %v", err)
	}
	select {
	case <-done:
	case <-time.After(step):
		b.t.Fatal("the trace did not end")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	main := map[traceThread]bool{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" && e.Args.Name == "CrRendererMain" {
			main[traceThread{e.Pid, e.Tid}] = true
		}
	}
	decode := 0.0
	for _, e := range events {
		if e.Name == "smtpexplain:decode" {
			decode = max(decode, e.Ts)
		}
	}
	if decode == 0 {
		b.t.Fatal("the trace has no smtpexplain:decode mark")
	}
	for _, e := range events {
		if e.Ph == "X" && (e.Name == "RunTask" || e.Name == "ThreadControllerImpl::RunTask") && main[traceThread{e.Pid, e.Tid}] {
			if e.Ts+e.Dur > decode {
				tt.wall, tt.cpu = max(tt.wall, e.Dur/1000), max(tt.cpu, e.Tdur/1000)
			} else {
				tt.pasteWall, tt.pasteCPU = max(tt.pasteWall, e.Dur/1000), max(tt.pasteCPU, e.Tdur/1000)
			}
		}
	}
	tt.sliceCPU = longestSliceCPU(events, main, decode)
	return tt
}

// longestSliceCPU returns the longest "smtpexplain:slice" measure after
// the decode mark in the main thread's CPU time, in milliseconds. Measures
// carry no CPU clock, so it is read off the main thread's events, which
// give the thread's CPU clock where each starts and ends, between which it
// is interpolated.
func longestSliceCPU(events []traceEvent, main map[traceThread]bool, decode float64) float64 {
	type point struct{ wall, cpu float64 }
	var clock []point
	var begins, ends []float64
	for _, e := range events {
		switch {
		case e.Name == "smtpexplain:slice" && e.Ph == "b":
			begins = append(begins, e.Ts)
		case e.Name == "smtpexplain:slice" && e.Ph == "e":
			ends = append(ends, e.Ts)
		case e.Ph == "X" && e.Tts > 0 && main[traceThread{e.Pid, e.Tid}]:
			clock = append(clock, point{e.Ts, e.Tts}, point{e.Ts + e.Dur, e.Tts + e.Tdur})
		}
	}
	slices.SortFunc(clock, func(a, b point) int { return cmp.Compare(a.wall, b.wall) })
	cpuAt := func(wall float64) float64 {
		i := sort.Search(len(clock), func(i int) bool { return clock[i].wall >= wall })
		switch {
		case len(clock) == 0:
			return 0
		case i == 0:
			return clock[0].cpu
		case i == len(clock):
			return clock[i-1].cpu
		}
		a, b := clock[i-1], clock[i]
		if b.wall == a.wall || b.cpu <= a.cpu {
			return a.cpu
		}
		return a.cpu + (wall-a.wall)*min(1, (b.cpu-a.cpu)/(b.wall-a.wall))
	}
	slices.Sort(begins)
	slices.Sort(ends)
	longest := 0.0
	for i := range min(len(begins), len(ends)) {
		if begins[i] >= decode {
			longest = max(longest, (cpuAt(ends[i])-cpuAt(begins[i]))/1000)
		}
	}
	return longest
}
