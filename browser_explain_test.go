//go:build browser

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// exampleCheck is what the card of one example must say.
type exampleCheck struct {
	key   string
	cards int      // cards on the page
	card  string   // the card to look at
	want  []string // words the card must hold: summary, badges, fault side, retry
}

var exampleChecks = []exampleCheck{
	{"reply", 1, "#card-1", []string{"alice@example.net", "No mailbox exists for alice@example.net", "Permanent failure", "Hard bounce", "550", "5.1.1", "Sender side", "Do not retry"}},
	{"gmail", 1, "#card-1", []string{"No mailbox exists", "Permanent failure", "Hard bounce", "Google", "Sender side", "Do not retry"}},
	{"postfix-bounce", 2, "#card-2", []string{"dave@example.org", "mailbox of dave@example.org is full", "Permanent failure", "552", "5.2.2", "Recipient side", "Retry in a few days"}},
	{"exim-bounce", 1, "#card-1", []string{"frank@example.net", "block list", "Permanent failure", "5.7.1", "Sender side", "Fix the cause first"}},
	{"exchange-ndr", 1, "#card-1", []string{"heidi@example.org", "No mailbox exists for heidi@example.org", "Hard bounce", "5.1.10", "Sender side"}},
	{"qmail-bounce", 1, "#card-1", []string{"judy@example.net", "No mailbox exists for judy@example.net", "Permanent failure", "Sender side"}},
	{"postfix-log", 3, "#card-2", []string{"kim@example.net", "could not reach", "Temporary failure", "4.4.1", "In between", "Retry in a few minutes"}},
	{"transcript", 1, "#card-1", []string{"nina@example.net", "relay", "Permanent failure", "550", "5.7.1", "At RCPT", "Sender side", "Fix the cause first"}},
	{"ses-json", 1, "#card-1", []string{"oscar@example.org", "No mailbox exists for oscar@example.org", "Hard bounce", "a1-23.smtp-out.example.com", "Sender side"}},
	{"client-error", 1, "#card-1", []string{"sender's return address", "Permanent failure", "553", "Outlook", "Sender side"}},
	{"auto-reply", 1, "#card-1", []string{"rupert@example.org", "automatic reply", "Automatic reply", "Recipient side", "Nothing to resend"}},
}

// TestBrowserExamples loads every example from the menu and checks its
// cards: headline, badges, whose side and when to retry. It also checks
// the groups of the log and the session timeline of the transcript.
func TestBrowserExamples(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	for _, ex := range exampleChecks {
		b.example(ex.key)
		b.do(chromedp.WaitVisible(chromedp.CSS(ex.card + " .headline")))
		b.waitDrawn()
		if n := evalJS[int](b, `document.querySelectorAll("#result .card").length`); n != ex.cards {
			t.Errorf("%s: %d cards, want %d", ex.key, n, ex.cards)
		}
		got := value(b, chromedp.Text(chromedp.CSS(ex.card)))
		for _, want := range ex.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %s does not say %q:\n%s", ex.key, ex.card, want, got)
			}
		}
		switch ex.key {
		case "postfix-log":
			heads := value(b, chromedp.Text(chromedp.CSS("#result .result-main")))
			for _, want := range []string{"1 failed permanently", "1 failed for now", "1 delivered", "3 recipients"} {
				if !strings.Contains(heads, want) {
					t.Errorf("the log's result does not say %q", want)
				}
			}
		case "transcript":
			tl := value(b, chromedp.Text(chromedp.ID("session")))
			if !strings.Contains(tl, "Failed here") || !strings.Contains(tl, "it failed at step 7") {
				t.Errorf("the session timeline does not mark the failure:\n%s", tl)
			}
			if n := evalJS[int](b, `document.querySelectorAll("#session .step-failed").length`); n != 1 {
				t.Errorf("%d failed steps", n)
			}
		}
	}
}

// TestBrowserHighlights goes from a highlight in the annotated text to its
// card with the keyboard and the mouse, and back.
func TestBrowserHighlights(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.colorScheme("light")
	b.open(host.url("/"))
	b.example("postfix-bounce")
	const mark = `#source mark[data-card="2"][role="button"]`
	b.do(chromedp.WaitVisible(chromedp.CSS(mark)))

	// Keyboard: focus the first highlight of dave's card and press Enter.
	b.do(chromedp.Focus(chromedp.CSS(mark)), chromedp.KeyEvent("\r"))
	b.waitActive("card-2")
	if !evalJS[bool](b, `(() => { const r = document.getElementById("card-2").getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })()`) {
		t.Error("card 2 is not in view after Enter on its highlight")
	}
	if n := evalJS[int](b, `document.querySelectorAll("#source mark.hl-active").length`); n == 0 {
		t.Error("the highlights of the card are not marked active")
	}

	// Back to the text with the card's button: the same highlight gets the
	// focus.
	b.do(chromedp.Click(chromedp.CSS("#card-2 .show-in-text")))
	b.waitFor(`document.activeElement.matches("#source mark[data-card='2']")`, "the focus back on card 2's highlight")

	// Mouse: a click on one of carol's highlights.
	b.clickInText(`#source mark.hl-code[data-card="1"]`)
	b.waitActive("card-1")

	// Tab reaches the highlights: they are buttons in the tab order.
	if n := evalJS[int](b, `document.querySelectorAll('#source mark[role="button"][tabindex="0"]').length`); n < 4 {
		t.Errorf("%d highlights can be reached with Tab", n)
	}
}

// clickInText clicks the highlight of the annotated text that css
// selects, as a person does: brought into view first, and clicked once
// the page has drawn it there.
func (b *browser) clickInText(css string) {
	b.t.Helper()
	lit, err := json.Marshal(css)
	if err != nil {
		b.t.Fatal(err)
	}
	if !evalJS[bool](b, fmt.Sprintf(`new Promise((resolve) => {
		const el = document.querySelector(%s);
		if (!el) { resolve(false); return; }
		el.scrollIntoView({ block: "center" });
		requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
	})`, lit)) {
		b.t.Fatalf("no %s in the text", css)
	}
	b.do(chromedp.Click(chromedp.CSS(css)))
}

// waitActive waits until the element with the given id has the focus.
func (b *browser) waitActive(id string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf(`document.activeElement && document.activeElement.id === %q`, id), id+" focused")
}

// waitFor polls a JavaScript condition, which may be a promise, until it
// holds. A condition that throws, or cannot be evaluated, does not hold
// yet: while a page loads or reloads, the elements it names may not be
// there, or the document may be replaced under the evaluation. The last
// such error is reported if the condition never holds.
func (b *browser) waitFor(cond, what string) {
	b.t.Helper()
	deadline := time.Now().Add(step)
	js := "(async () => { try { return !!(await (" + cond + ")); } catch (err) { return String(err); } })()"
	var last string
	for {
		ctx, cancel := context.WithTimeout(b.ctx, step)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js, chromedp.EvalAwaitPromise))
		cancel()
		switch {
		case err != nil:
			last = err.Error()
		case v == true:
			return
		default:
			if msg, ok := v.(string); ok {
				last = msg
			}
		}
		if time.Now().After(deadline) {
			if last != "" {
				b.t.Fatalf("timed out waiting for %s (last error: %s)", what, last)
			}
			b.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBrowserLargeInput pastes a large log: it is decoded off the page
// (the page stays responsive and says it is decoding), the cards come
// grouped with counts, and the text stays as pasted. An input over 10 MB
// gets a message instead, and stays in the box.
func TestBrowserLargeInput(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.do(chromedp.WaitEnabled(chromedp.ID("input")))
	const fill = `(() => {
		let s = "";
		for (let i = 0; s.length < 1500000; i++) {
			s += "Mar  3 09:14:21 mx postfix/smtp[1]: Q" + i + ": to=<user" + i + "@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=" +
				(i % 4 ? "5.1.1" : "5.2.2") + ", status=bounced (host mx.example.org[198.51.100.2] said: " +
				(i % 4 ? "550 5.1.1 User unknown" : "552 5.2.2 Mailbox full") + " (in reply to RCPT TO command))\n";
		}
		const ta = document.getElementById("input");
		ta.value = s;
		window.pasted = s.length;
		return s.length;
	})()`
	// The decoder's tables are loaded once the page is idle; the state line
	// says Ready then.
	b.waitFor(`document.getElementById("input-state").textContent.startsWith("Ready")`, "the decoder")
	n := evalJS[int](b, fill)
	time.Sleep(500 * time.Millisecond) // let the browser lay out the text area first
	// Watch the main thread while the worker decodes: a timer that should
	// fire every 20 ms records its delays, apart while decoding and after.
	evalJS[bool](b, `(() => {
		window.gaps = { decoding: [], after: [] };
		const state = document.getElementById("input-state");
		let last = performance.now();
		window.watch = setInterval(() => {
			const now = performance.now();
			(state.textContent.includes("Decoding") ? gaps.decoding : gaps.after).push(now - last);
			last = now;
		}, 20);
		document.getElementById("input").dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`)
	b.waitFor(`document.getElementById("input-state").textContent.includes("Decoding")`, "the decoding state")
	b.do(chromedp.WaitVisible(chromedp.ID("group-failed-toggle")))
	b.waitFor(`document.querySelectorAll("#source mark").length > 500`, "the annotated text")
	var gaps struct{ Decoding, After []float64 }
	gaps = evalJS[struct{ Decoding, After []float64 }](b, `(() => { clearInterval(watch); return gaps; })()`)
	longest := func(g []float64) (m float64) {
		for _, d := range g[min(1, len(g)):] {
			m = max(m, d)
		}
		return m
	}
	t.Logf("%d characters; %d ticks while decoding, longest gap %.0f ms; then %d ticks while drawing, longest gap %.0f ms",
		n, len(gaps.Decoding), longest(gaps.Decoding), len(gaps.After), longest(gaps.After))
	if len(gaps.Decoding) < 10 {
		t.Errorf("the page timer ticked only %d times while decoding", len(gaps.Decoding))
	}
	if g := longest(gaps.Decoding); g > 500 {
		t.Errorf("the page was blocked for %.0f ms while the worker decoded", g)
	}
	head := value(b, chromedp.Text(chromedp.ID("group-failed-toggle")))
	if !strings.Contains(head, "failed permanently") || !strings.Contains(head, "unknown address") || !strings.Contains(head, "mailbox full") {
		t.Errorf("group heading %q", head)
	}
	// The only group is open, with its first cards; more come on request,
	// up to the cards kept, and the rest are counted.
	if got := evalJS[int](b, `document.querySelectorAll("#group-failed .card").length`); got != 10 {
		t.Errorf("%d cards shown at first", got)
	}
	b.do(chromedp.Click(chromedp.CSS("#group-failed .more")))
	b.waitFor(`document.querySelectorAll("#group-failed .card").length === 50`, "50 cards")
	if txt := value(b, chromedp.Text(chromedp.ID("group-failed"))); !strings.Contains(txt, "are not shown") {
		t.Error("the cards not kept are not mentioned")
	}
	if got := evalJS[int](b, `document.getElementById("input").value.length`); got != n {
		t.Errorf("the text area holds %d characters, want %d", got, n)
	}

	// Over the limit: a message, and the text stays.
	evalJS[bool](b, `(() => {
		const ta = document.getElementById("input");
		ta.value = "550 5.1.1 <a@example.org>: user unknown\n".repeat(270000);
		ta.dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`)
	b.do(chromedp.WaitVisible(chromedp.ID("too-large")))
	msg := value(b, chromedp.Text(chromedp.ID("too-large")))
	if !strings.Contains(msg, "10 MB") || !strings.Contains(msg, "still in the box") {
		t.Errorf("message %q", msg)
	}
	if got := evalJS[int](b, `document.getElementById("input").value.length`); got != 270000*40 {
		t.Errorf("the text area holds %d characters after the message", got)
	}
	if evalJS[int](b, `document.querySelectorAll("#result .card").length`) != 0 {
		t.Error("cards are shown for an input over the limit")
	}
}

// TestBrowserPasteAtOnce checks that a pasted, dropped or cut text is
// decoded at once, while typing waits for the pause that keeps typing
// into a large text smooth: the delay the app chose is in the detail of
// its decode mark, and each edit is decoded once.
func TestBrowserPasteAtOnce(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.waitApp()
	// 40 K characters: typing into it waits a quarter of a second.
	evalJS[bool](b, `(() => {
		let s = "";
		for (let i = 0; s.length < 40000; i++) {
			s += "Mar  3 09:14:21 mx postfix/smtp[1]: Q" + i + ": to=<user" + i + "@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.2] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n";
		}
		window.big = s;
		return true;
	})()`)
	for _, tc := range []struct {
		inputType, edit string // the edit: JavaScript on ta, the text area
		waited          int
	}{
		{"insertFromPaste", `ta.value = big`, 0},
		{"insertText", `ta.value += "x"`, 250},
		{"deleteByCut", `ta.value = ta.value.slice(0, 30000)`, 0},
		{"deleteContentBackward", `ta.value = ta.value.slice(0, -1)`, 250},
		{"insertFromDrop", `ta.value = big + "\n"`, 0},
	} {
		got := evalJS[[]int](b, fmt.Sprintf(`new Promise(resolve => {
			const ta = document.getElementById("input");
			const before = performance.getEntriesByName("smtpexplain:decode").length;
			%s;
			const want = new TextEncoder().encode(ta.value).length;
			ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: %q }));
			const check = () => {
				const r = document.getElementById("result");
				if (!(r && r.dataset.size == want && document.querySelector("#result .card"))) return setTimeout(check, 10);
				const marks = performance.getEntriesByName("smtpexplain:decode");
				resolve([marks.length - before, marks[marks.length - 1].detail.waited]);
			};
			check();
		})`, tc.edit, tc.inputType))
		if len(got) != 2 || got[0] != 1 || got[1] != tc.waited {
			t.Errorf("%s: [decodes, waited ms] = %v, want [1 %d]", tc.inputType, got, tc.waited)
		}
	}
}
