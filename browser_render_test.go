//go:build browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/smtpexplain/smtpexplain/app"
	"github.com/smtpexplain/smtpexplain/codes"
)

// stepsLog is a mail log of about 70 KB: large enough for the decoding
// worker and for an explanation drawn in many steps. Its lines differ from
// run to run only by tag, so that two runs are two inputs.
func stepsLog(tag string) string {
	var b strings.Builder
	for i := 0; b.Len() < 70<<10; i++ {
		dsn, said := "5.1.1", "550 5.1.1 User unknown"
		switch i % 5 {
		case 1:
			dsn, said = "4.2.2", "452 4.2.2 Mailbox full, try later"
		case 3:
			dsn, said = "2.0.0", "250 2.0.0 Ok: queued"
		}
		status := "bounced"
		switch dsn[0] {
		case '4':
			status = "deferred"
		case '2':
			status = "sent"
		}
		fmt.Fprintf(&b, "Mar  3 09:14:21 mx postfix/smtp[1]: %s%d: to=<user%d@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=%s, status=%s (host mx.example.org[198.51.100.2] said: %s (in reply to RCPT TO command))\n",
			tag, i, i, dsn, status, said)
	}
	return b.String()
}

// failuresLog is the lines of failed deliveries of stepsLog for each tag,
// each to a recipient of its own: one group of cards, open, its first
// cards shown.
func failuresLog(tags ...string) string {
	var text strings.Builder
	for _, tag := range tags {
		for _, line := range strings.SplitAfter(stepsLog(tag), "\n") {
			if strings.Contains(line, "status=bounced") {
				text.WriteString(strings.Replace(line, "<user", "<"+strings.ToLower(tag)+"-user", 1))
			}
		}
	}
	return text.String()
}

// waitDrawn waits until the explanation of the text area's text is drawn
// whole.
func (b *browser) waitDrawn() {
	b.t.Helper()
	b.waitResult()
	b.waitFor(`document.getElementById("result").dataset.drawn === "all"`, "the whole explanation")
}

// setInputWhileDrawing waits until the explanation of the current text is
// being drawn in steps, then puts text into the text area as a paste
// does, in the same task.
func (b *browser) setInputWhileDrawing(text string) {
	b.t.Helper()
	lit, err := json.Marshal(text)
	if err != nil {
		b.t.Fatal(err)
	}
	if !evalJS[bool](b, whenDrawingPartly(fmt.Sprintf(`const ta = document.getElementById("input");
		ta.value = %s;
		ta.dispatchEvent(new Event("input", { bubbles: true }));`, lit))) {
		b.t.Fatal("the explanation was never seen drawn in part")
	}
}

// whenDrawingPartly is a promise that runs js as soon as the explanation
// of the text area's text is seen drawn in part, and resolves to true, or
// to false when it is drawn whole first.
func whenDrawingPartly(js string) string { return whenDrawingPartlyAnd("true", js) }

// whenDrawingPartlyAnd is whenDrawingPartly, once the expression ready is
// also true.
func whenDrawingPartlyAnd(ready, js string) string {
	return `new Promise((resolve) => {
		const want = new TextEncoder().encode(document.getElementById("input").value).length;
		const check = () => {
			const r = document.getElementById("result");
			if (r && r.dataset.size == want && r.dataset.drawn === "partly" && (` + ready + `)) {
				` + js + `
				resolve(true);
				return;
			}
			if (r && r.dataset.size == want && r.dataset.drawn === "all") {
				resolve(false);
				return;
			}
			requestAnimationFrame(check);
		};
		check();
	})`
}

// TestBrowserDrawsInSteps pastes a large log and checks that its
// explanation, drawn in steps, ends whole: every card the result shows,
// the annotated text exactly as the input's beginning with a highlight for
// each annotated segment, and the codes seen. Going from a highlight to
// its card still works.
func TestBrowserDrawsInSteps(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	text := stepsLog("A")
	res := app.Summarize(text, codes.Decode(text))
	var annotated strings.Builder
	marks := 0
	for _, s := range res.Text {
		annotated.WriteString(s.Text)
		if s.Kinds != 0 || s.Card != 0 {
			marks++
		}
	}
	var cards []string
	for _, g := range res.Groups {
		for _, c := range g.Cards[:min(len(g.Cards), 10)] {
			cards = append(cards, fmt.Sprintf("card-%d", c.N+1))
		}
	}
	b.setInput(text)
	if !evalJS[bool](b, whenDrawingPartly("")) {
		t.Error("the large log was drawn in one step")
	}
	b.waitDrawn()
	// Open every group, which draws the rest at once.
	evalJS[bool](b, `(() => { document.querySelectorAll('.group-toggle[aria-expanded="false"]').forEach((b) => b.click()); return true; })()`)
	b.waitFor(`document.querySelectorAll('.group-toggle[aria-expanded="false"]').length === 0`, "the groups open")
	got := evalJS[[]string](b, `[...document.querySelectorAll("#result .card")].map((c) => c.id)`)
	if strings.Join(got, " ") != strings.Join(cards, " ") {
		t.Errorf("cards %v, want %v", got, cards)
	}
	if src := evalJS[string](b, `document.getElementById("source").textContent`); src != annotated.String() {
		t.Errorf("the annotated text holds %d bytes, want %d", len(src), annotated.Len())
	}
	// Each block is laid out only near the screen, and until then takes
	// the height its rows class gives it.
	if bad := evalJS[[]string](b, `[...document.querySelectorAll("#source .source-block")].filter((b) =>
		getComputedStyle(b).contentVisibility !== "auto" || ![...b.classList].some((c) => /^rows-[0-9]+$/.test(c))).map((b) => b.className)`); len(bad) > 0 {
		t.Errorf("blocks %v are not laid out on demand with a height", bad)
	}
	// Cut into blocks, the text takes the lines it takes in one piece (every
	// block laid out for this).
	heights := evalJS[[]float64](b, `(() => {
		const src = document.getElementById("source");
		src.querySelectorAll(".source-block").forEach((b) => { b.style.contentVisibility = "visible"; });
		const copy = src.cloneNode(true);
		copy.removeAttribute("id");
		copy.querySelectorAll(".source-block").forEach((b) => b.replaceWith(...b.childNodes));
		if (copy.querySelector(".source-block") || copy.textContent !== src.textContent) return [];
		src.after(copy);
		const h = [src.scrollHeight, copy.scrollHeight];
		copy.remove();
		src.querySelectorAll(".source-block").forEach((b) => { b.style.contentVisibility = ""; });
		return h;
	})()`)
	if len(heights) != 2 || heights[0] != heights[1] {
		t.Errorf("the annotated text is %v px high, in one piece %v px", heights[:1], heights[1:])
	}
	if n := evalJS[int](b, `document.querySelectorAll("#source mark").length`); n < marks {
		t.Errorf("%d highlights, want at least %d", n, marks)
	}
	if n := evalJS[int](b, `document.querySelectorAll("#result .chips a").length`); n != len(res.Codes) {
		t.Errorf("%d codes seen, want %d", n, len(res.Codes))
	}
	if n := evalJS[int](b, `performance.getEntriesByName("smtpexplain:slice").length`); n < 3 {
		t.Errorf("%d steps measured", n)
	}
	// A highlight still leads to its card.
	b.clickInText(`#source mark.hl-code[data-card="3"]`)
	b.waitActive("card-3")
}

// TestBrowserNewInputWhileDrawing replaces a large text while its
// explanation is being drawn: only the newest explanation is left, drawn
// whole.
func TestBrowserNewInputWhileDrawing(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.setInput(stepsLog("A"))
	b.setInputWhileDrawing(sampleReply)
	b.waitDrawn()
	b.checkFinding("")
	// Nothing of the old text comes back later.
	b.do(chromedp.Sleep(500 * 1e6))
	if n := evalJS[int](b, `document.querySelectorAll("#result .card").length`); n != 1 {
		t.Errorf("%d cards after the new input, want 1", n)
	}
	if strings.Contains(evalJS[string](b, `document.getElementById("result").textContent`), "user1@example.org") {
		t.Error("the old text's explanation is still drawn")
	}
	b.waitDrawn()
}

// TestBrowserTypingWhileDrawing types into the text area while a large
// explanation is being drawn: every key is kept, and the explanation that
// is left is that of the text with the keys.
func TestBrowserTypingWhileDrawing(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	text := stepsLog("A")
	b.setInput(text)
	if !evalJS[bool](b, whenDrawingPartly(`const ta = document.getElementById("input");
		ta.focus();
		ta.setSelectionRange(ta.value.length, ta.value.length);`)) {
		t.Fatal("the explanation was never seen drawn in part")
	}
	const typed = "550 5.1.1 <zed@example.net>: no such user"
	for _, k := range typed {
		b.do(chromedp.KeyEvent(string(k)))
	}
	b.do(chromedp.KeyEvent(kb.Enter))
	if got := b.inputText(); got != text+typed+"\n" {
		t.Errorf("the text area ends with %q, want the typed keys", got[max(0, len(got)-60):])
	}
	b.waitDrawn()
	if !strings.Contains(evalJS[string](b, `document.getElementById("result-status").textContent`), "recipients") {
		t.Error("no explanation of the typed text")
	}
	if got := evalJS[int](b, `Number(document.getElementById("result").dataset.size)`); got != len(text+typed+"\n") {
		t.Errorf("the explanation is of %d bytes, want %d", got, len(text+typed+"\n"))
	}
}

// TestBrowserDetailsOpenedWhileDrawing opens the technical details of the
// first card on the page while the explanation is being drawn, before the step that
// draws them: they are drawn at once, and stay open.
func TestBrowserDetailsOpenedWhileDrawing(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	// Failures only: one group, open, its first cards shown.
	var text strings.Builder
	for _, line := range strings.SplitAfter(stepsLog("A")+stepsLog("B"), "\n") {
		if strings.Contains(line, "status=bounced") {
			text.WriteString(line)
		}
	}
	b.setInput(text.String())
	if !evalJS[bool](b, whenDrawingPartlyAnd(`document.querySelector("#result .card details.card-details")`, `const d = document.querySelector("#result .card details.card-details");
		if (d.querySelector(".facts")) throw new Error("the details are drawn in the first step");
		window.slicesAtOpen = performance.getEntriesByName("smtpexplain:slice").length;
		d.querySelector("summary").click();`)) {
		t.Fatal("the explanation was never seen drawn in part")
	}
	// They come with the next step, not after the steps of the text.
	steps := evalJS[int](b, `new Promise((resolve) => {
		const check = () => {
			if (document.querySelector("#result .card details.card-details[open] .facts")) {
				resolve(performance.getEntriesByName("smtpexplain:slice").length - window.slicesAtOpen);
				return;
			}
			requestAnimationFrame(check);
		};
		check();
	})`)
	if steps > 2 {
		t.Errorf("the opened details came %d steps later", steps)
	}
	b.waitDrawn()
	if !evalJS[bool](b, `document.querySelector("#result .card details.card-details").open`) {
		t.Error("the details closed again")
	}
	if n := evalJS[int](b, `document.querySelectorAll("#result details.card-details:not(:has(.facts))").length`); n != 0 {
		t.Errorf("%d cards without their details once everything is drawn", n)
	}
}

// TestBrowserTextShowsFirstHighlight explains a bounce whose first
// highlight that leads to a card is far down its text: once drawn, the
// annotated text is scrolled to show it.
func TestBrowserTextShowsFirstHighlight(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.example("postfix-bounce")
	b.waitDrawn()
	b.waitFor(`(() => {
		const pre = document.getElementById("source");
		const m = pre.querySelector("mark[data-card]");
		if (!m || pre.scrollTop === 0) return false;
		const a = pre.getBoundingClientRect(), r = m.getBoundingClientRect();
		return r.top >= a.top && r.bottom <= a.bottom;
	})()`, "the first highlight shown in the annotated text")
}

// TestBrowserRehearsal checks the rehearsals: the one with the decoding
// worker's sample before any result, and the one that follows the first
// result. Each copy is added out of sight (laid out, so that its fonts are
// looked up, but invisible and aria-hidden), then removed; ids stay unique
// meanwhile, and what the page shows is left as it was.
func TestBrowserRehearsal(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.waitApp()
	evalJS[bool](b, `(() => {
		window.rehearsal = { added: 0, removed: 0, visible: 0, unlaid: 0, shown: 0, duplicates: [] };
		let card = null;
		new MutationObserver(() => {
			const r = document.querySelector(".rehearsal");
			if (r && !window.rehearsalSeen) {
				window.rehearsalSeen = true;
				window.rehearsal.added++;
				if (r.checkVisibility({ visibilityProperty: true })) window.rehearsal.visible++;
				if (r.getAttribute("aria-hidden") !== "true") window.rehearsal.shown++;
			}
			// Its card, once drawn, is laid out.
			if (r && !card && (card = r.querySelector(".card")) && card.getClientRects().length === 0) window.rehearsal.unlaid++;
			if (!r && window.rehearsalSeen) {
				window.rehearsalSeen = false;
				if (!card) window.rehearsal.unlaid++;
				card = null;
				window.rehearsal.removed++;
			}
			const ids = {};
			for (const e of document.querySelectorAll("[id]")) {
				if (ids[e.id]) window.rehearsal.duplicates.push(e.id);
				ids[e.id] = true;
			}
		}).observe(document.body, { childList: true, subtree: true });
		return true;
	})()`)
	type seen struct {
		Added, Removed, Visible, Unlaid, Shown int
		Duplicates                             []string
	}
	check := func(what string, rehearsals int) {
		t.Helper()
		got := evalJS[seen](b, "window.rehearsal")
		if got.Added != rehearsals || got.Removed != rehearsals || got.Visible != 0 || got.Unlaid != 0 || got.Shown != 0 || len(got.Duplicates) > 0 {
			t.Errorf("%s: %+v, want %d added and removed, none visible, not laid out or not aria-hidden, no duplicate ids", what, got, rehearsals)
		}
	}
	// Before any result, with the worker's sample.
	empty := value(b, chromedp.OuterHTML(chromedp.ID("result")))
	b.waitFor(`window.rehearsal.removed > 0`, "the rehearsal with the worker's sample to end")
	check("with the sample", 1)
	if after := value(b, chromedp.OuterHTML(chromedp.ID("result"))); after != empty {
		t.Errorf("the page changed during the rehearsal:\n%s\n----\n%s", empty, after)
	}
	// After the first result, with its first card.
	b.example("postfix-bounce")
	b.waitDrawn()
	before := value(b, chromedp.OuterHTML(chromedp.ID("result")))
	b.waitFor(`window.rehearsal.removed > 1`, "the rehearsal after the first result to end")
	check("after the first result", 2)
	if after := value(b, chromedp.OuterHTML(chromedp.ID("result"))); after != before {
		t.Errorf("the result changed during the rehearsal:\n%s\n----\n%s", before, after)
	}
	// Only the first result is rehearsed with.
	b.example("transcript")
	b.waitDrawn()
	// Idle long enough for a rehearsal to have started (idle callbacks
	// wait for the page to be idle).
	evalJS[bool](b, `new Promise((resolve) => setTimeout(() => requestIdleCallback(() => requestIdleCallback(() => resolve(true))), 500))`)
	if n := evalJS[int](b, "window.rehearsal.added"); n != 2 {
		t.Errorf("%d rehearsals, want 2", n)
	}
}

// fontStrikesJS defines strikes(root): the fonts, sizes, weights and
// styles of the laid-out text under root, each with an example of the
// text, as an object. Chromium looks up each such font the first time it
// lays out text in it, which can take tens of milliseconds.
const fontStrikesJS = `window.strikes = (root) => {
	const out = {};
	const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el.checkVisibility()) continue;
		const cs = getComputedStyle(el);
		const key = [cs.fontFamily.split(",")[0], cs.fontSize, cs.fontWeight, cs.fontStyle].join(" ");
		out[key] = out[key] || el.tagName.toLowerCase() + "." + el.className + ": " + n.textContent.trim().slice(0, 40);
	}
	return out;
}`

// TestBrowserRehearsalFonts checks that the rehearsal before the first
// result lays out text in every font, size and weight that the result of
// any example shows, so that the browser has looked them all up before.
func TestBrowserRehearsalFonts(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.waitApp()
	evalJS[bool](b, fontStrikesJS+`, (() => {
		window.seen = strikes(document.body);
		window.rehearsed = false;
		let started = false;
		const watch = new MutationObserver(() => {
			if (document.querySelector(".rehearsal")) {
				started = true;
				Object.assign(seen, strikes(document.body));
			} else if (started) {
				window.rehearsed = true;
				watch.disconnect();
			}
		});
		watch.observe(document.body, { childList: true, subtree: true });
		return true;
	})()`)
	b.waitFor(`window.rehearsed`, "the rehearsal with the worker's sample to end")
	for _, ex := range exampleChecks {
		b.example(ex.key)
		b.waitDrawn()
		for key, text := range evalJS[map[string]string](b, `(() => {
			const now = strikes(document.getElementById("result"));
			for (const k of Object.keys(now)) if (seen[k]) delete now[k];
			return now;
		})()`) {
			t.Errorf("%s: the result shows text in %s (%s), which the page had not laid out before it", ex.key, key, text)
		}
	}
}

// TestBrowserAnswerDrawnInItsTask checks that the first card of a result
// from the decoding worker is put on the page while the page handles the
// worker's answer (the Go program runs every goroutine it can before it
// hands the thread back), not by a later go-app update tick. The page's
// Worker is wrapped so that the handler the program sets as onmessage
// notes whether the first card appeared during its call.
func TestBrowserAnswerDrawnInItsTask(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	ctx, cancel := context.WithTimeout(b.ctx, step)
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.smtpexplainAnswers = 0;
		const PageWorker = window.Worker;
		window.Worker = class extends PageWorker {
			get onmessage() { return super.onmessage; }
			set onmessage(handle) {
				super.onmessage = handle && ((event) => {
					window.smtpexplainAnswers++;
					const before = document.querySelector("#result .card") !== null;
					try {
						return handle.call(this, event);
					} finally {
						if (!before && document.querySelector("#result .card")) window.smtpexplainCardInAnswer = true;
					}
				});
			}
		};`})
	cancel()
	if err != nil {
		t.Fatalf("adding the script: %v", err)
	}
	b.open(host.url("/"))
	b.setInput(failuresLog("T", "U"))
	b.waitFor(`document.querySelector("#result .card") !== null`, "the first card")
	if evalJS[int](b, `window.smtpexplainAnswers`) == 0 {
		t.Fatal("the text was not decoded by the worker")
	}
	if !evalJS[bool](b, `window.smtpexplainCardInAnswer === true`) {
		t.Error("the first card was drawn after the page handled the worker's answer")
	}
}

// TestBrowserWithoutWorker checks a browser without Web Workers: the page
// loads the decoder's tables itself, says it is ready, and decodes a large
// pasted text on the page.
func TestBrowserWithoutWorker(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	ctx, cancel := context.WithTimeout(b.ctx, step)
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `window.Worker = undefined;`})
	cancel()
	if err != nil {
		t.Fatalf("adding the script: %v", err)
	}
	b.open(host.url("/"))
	b.waitApp()
	b.waitFor(`document.getElementById("input-state").textContent.startsWith("Ready")`, "the decoder's tables")
	text := strings.Repeat("Mar  3 09:14:21 mx postfix/smtp[1]: Q1: to=<user@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.2] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n", 200)
	b.pasteAll(text)
	b.waitDrawn()
	if got := value(b, chromedp.Text(chromedp.CSS("#result .card"))); !strings.Contains(got, "user@example.org") {
		t.Errorf("first card: %q", got)
	}
}

// TestBrowserEditKeepsExplanation edits a large text whose explanation is
// drawn whole: the new explanation is drawn in the step that follows the
// decode, over the elements already there, which stay (a property set on
// them survives), and it is the new text's. Then a change of one line's
// code: the card of that line says the new code.
func TestBrowserEditKeepsExplanation(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.waitApp()
	text := failuresLog("A", "B")
	b.setInput(text)
	b.waitDrawn()
	const keep = `["#result-status", "#card-1", "#source .source-block", "#source .source-block:last-child", "#result .chips"].map((s) => document.querySelector(s))`
	evalJS[bool](b, `(() => { `+keep+`.forEach((e) => { e.smtpexplainKept = true; }); return true; })()`)
	// Watch the result for a state of being drawn in part.
	evalJS[bool](b, `(() => {
		window.smtpexplainPartly = false;
		new MutationObserver(() => {
			if (document.getElementById("result").dataset.drawn === "partly") window.smtpexplainPartly = true;
		}).observe(document.getElementById("result"), { attributes: true, attributeFilter: ["data-drawn"] });
		const ta = document.getElementById("input");
		ta.focus();
		ta.setSelectionRange(0, 0);
		return true;
	})()`)
	const typed = "One more line.\n"
	for _, k := range typed[:len(typed)-1] {
		b.do(chromedp.KeyEvent(string(k)))
	}
	b.do(chromedp.KeyEvent(kb.Enter))
	b.waitDrawn()
	if got := evalJS[int](b, `Number(document.getElementById("result").dataset.size)`); got != len(typed+text) {
		t.Fatalf("the explanation is of %d bytes, want %d", got, len(typed+text))
	}
	if evalJS[bool](b, `window.smtpexplainPartly`) {
		t.Error("after an edit, the explanation was drawn again in steps")
	}
	if kept := evalJS[[]bool](b, keep+`.map((e) => e.smtpexplainKept === true)`); strings.Contains(fmt.Sprint(kept), "false") {
		t.Errorf("elements kept through the edit (status, first card, first and last blocks of text, codes seen): %v", kept)
	}
	if src := evalJS[string](b, `document.getElementById("source").textContent`); !strings.HasPrefix(src, typed+text[:100]) {
		t.Errorf("the annotated text begins with %q, want the typed line", src[:min(len(src), 40)])
	}

	// The first line's code changes: its card follows.
	first := strings.SplitAfterN(text, "\n", 2)
	line := strings.Replace(strings.Replace(first[0], "dsn=5.1.1", "dsn=5.2.2", 1), "550 5.1.1 User unknown", "552 5.2.2 Mailbox is full", 1)
	changed := line + first[1]
	b.setInput(changed)
	b.waitDrawn()
	card := value(b, chromedp.Text(chromedp.ID("card-1")))
	if !strings.Contains(card, "5.2.2") || strings.Contains(card, "5.1.1") {
		t.Errorf("the first card after its line changed: %q", card)
	}
	if got, want := evalJS[string](b, `document.getElementById("source").textContent`), strings.SplitAfterN(changed, "\n", 2)[0]; !strings.HasPrefix(got, want) {
		t.Errorf("the annotated text begins %q, want %q", got[:min(len(got), len(want))], want)
	}
}
