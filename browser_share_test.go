//go:build browser

package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/smtpexplain/smtpexplain/app"
)

// setInput replaces the text area's text from JavaScript, character for
// character, and fires one input event, as a paste does.
func (b *browser) setInput(text string) {
	b.t.Helper()
	lit, err := json.Marshal(text)
	if err != nil {
		b.t.Fatal(err)
	}
	b.do(chromedp.WaitEnabled(chromedp.ID("input")))
	evalJS[bool](b, fmt.Sprintf(`(() => {
		const ta = document.getElementById("input");
		ta.value = %s;
		ta.dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`, lit))
}

// inputText returns the text area's text.
func (b *browser) inputText() string {
	b.t.Helper()
	return evalJS[string](b, `document.getElementById("input").value`)
}

// shareLink opens the share panel if needed, sets the redaction switch
// and returns the link.
func (b *browser) shareLink(redact bool) string {
	b.t.Helper()
	if !evalJS[bool](b, `!!document.getElementById("share-redact")`) {
		b.do(chromedp.Click(chromedp.ID("share-toggle")), chromedp.WaitVisible(chromedp.ID("share-redact")))
	}
	if evalJS[bool](b, `document.getElementById("share-redact").checked`) != redact {
		b.do(chromedp.Click(chromedp.ID("share-redact")))
		b.waitFor(fmt.Sprintf(`document.getElementById("share-redact").checked === %v`, redact), "the redaction switch")
	}
	// The switch turns at the click; the link follows once the app has
	// drawn the panel again, with the note that goes with the new state.
	note := "Codes and wording stay"
	if !redact {
		note = "The link will show the text exactly as it is"
	}
	b.waitFor(fmt.Sprintf(`[...document.querySelectorAll("#share-panel p")].some((p) => p.textContent.startsWith(%q))`, note), "the link to follow the switch")
	b.do(chromedp.WaitVisible(chromedp.ID("share-link")))
	return evalJS[string](b, `document.getElementById("share-link").value`)
}

// sharedText decodes the text a share link carries.
func sharedText(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	text, err := app.DecodeShare(u.Fragment)
	if err != nil {
		t.Fatalf("the link %.80s… does not decode: %v", link, err)
	}
	return text
}

// emailAddress finds addresses other than the redaction's stand-ins.
var emailAddress = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.(?:com|net|org|example)\b`)

// TestBrowserShare makes share links with and without redaction and opens
// them: the text comes back byte for byte, UTF-8 and control characters
// included, and the redacted link holds no email address.
func TestBrowserShare(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))

	text := "550 5.1.1 <zoë@example.org>: Benutzer unbekannt – ünïcödé 📨 配信エラー\nStatus: 5.1.1\n" +
		"Message-ID: <x1@example.com>\nReceived: from mx.example.net ([2001:db8::25]) by relay.example.com [192.0.2.9]\n" +
		"\x00\x01\x02\x1b[31m\x7f\ttabs\u00a0nbsp\u200bzero-width\ufeff\U0001F600 done\n"
	b.setInput(text)
	b.waitDecoded()
	if got := b.inputText(); got != text {
		t.Fatalf("the text area does not hold the text as set: %q", got)
	}

	// Without redaction: every character comes back.
	plain := b.shareLink(false)
	if !strings.HasPrefix(plain, host.url("/")+"#s=") {
		t.Fatalf("link %.60q does not point at the home page's fragment", plain)
	}
	if got := sharedText(t, plain); got != text {
		t.Errorf("the link's text differs:\n got %q\nwant %q", got, text)
	}

	// With redaction: the link holds no address, IP or host, and keeps the
	// codes and the wording.
	redacted := b.shareLink(true)
	if strings.Contains(redacted, "example") || strings.Contains(redacted, "@") {
		t.Errorf("the redacted link holds plain text: %.100s", redacted)
	}
	red := sharedText(t, redacted)
	if found := emailAddress.FindAllString(red, -1); len(found) > 0 {
		t.Errorf("the redacted link still holds addresses %q:\n%s", found, red)
	}
	for _, leak := range []string{"2001:db8::25", "192.0.2.9", "mx.example.net", "x1@example.com"} {
		if strings.Contains(red, leak) {
			t.Errorf("the redacted link still holds %q", leak)
		}
	}
	for _, keep := range []string{"550 5.1.1 <user1@host1.invalid>", "Benutzer unbekannt", "配信エラー", "Status: 5.1.1"} {
		if !strings.Contains(red, keep) {
			t.Errorf("the redacted link lost %q", keep)
		}
	}
	saveShot(t, b, "share-panel.png")
	preview := value(b, chromedp.TextContent(chromedp.ID("share-preview")))
	if strings.Contains(preview, "zoë@example.org") || !strings.Contains(preview, "user1@host1.invalid") {
		t.Errorf("the preview does not show the redacted text: %.200q", preview)
	}

	// Opening the plain link in a fresh page gives the same text, and the
	// fragment leaves the address bar.
	b.do(chromedp.Navigate("about:blank"))
	b.open(plain)
	b.waitDecoded()
	if got := b.inputText(); got != text {
		t.Errorf("opening the link gives %q", got)
	}
	if loc := value(b, chromedp.Location()); strings.Contains(loc, "#") {
		t.Errorf("the fragment is still in the address bar: %.60s", loc)
	}

	// Opening the redacted link in the same page puts the previous text
	// aside, and one click brings it back.
	b.do(chromedp.Navigate(redacted))
	b.waitFor(`document.getElementById("input").value.includes("user1@host1.invalid")`, "the redacted text")
	b.waitDecoded()
	card := value(b, chromedp.Text(chromedp.ID("card-1")))
	if !strings.Contains(card, "user1@host1.invalid") || !strings.Contains(card, "5.1.1") {
		t.Errorf("the redacted text's card: %s", card)
	}
	b.do(chromedp.WaitVisible(chromedp.ID("unstash")), chromedp.Click(chromedp.ID("unstash")))
	b.waitFor(`document.getElementById("input").value.includes("zoë@example.org")`, "the text from before the link")
	if got := b.inputText(); got != text {
		t.Errorf("the text brought back differs: %q", got)
	}

	// A damaged link says so and breaks nothing.
	b.do(chromedp.Navigate(host.url("/") + "#s=AQ" + strings.Repeat("_", 40)))
	b.waitFor(`(document.getElementById("input-note") || {}).textContent?.includes("damaged")`, "the damaged-link note")
	if got := b.inputText(); got != text {
		t.Errorf("a damaged link changed the text: %q", got)
	}
}

// TestBrowserDraft checks that the text survives a reload and a closed
// page, and that Clear forgets it.
func TestBrowserDraft(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.explain(sampleReply)
	time.Sleep(800 * time.Millisecond) // the text is kept a moment after the last key
	b.do(chromedp.Reload())
	b.waitApp()
	b.waitDecoded()
	if got := b.inputText(); got != sampleReply {
		t.Errorf("after a reload the text area holds %q", got)
	}
	if note := value(b, chromedp.Text(chromedp.ID("input-note"))); !strings.Contains(note, "back") {
		t.Errorf("note %q", note)
	}
	b.checkFinding("")

	// Leave the page right after typing: the text is kept when the page
	// goes away, before the usual pause.
	more := "\n452 4.2.2 <bob@example.org>: Mailbox full"
	b.do(chromedp.SendKeys(chromedp.ID("input"), more), chromedp.Navigate(host.url("/codes/")))
	b.open(host.url("/"))
	b.waitDecoded()
	if got := b.inputText(); got != sampleReply+more {
		t.Errorf("after leaving the page the text area holds %q", got)
	}

	// Clear forgets it.
	b.clearInput()
	b.do(chromedp.Reload())
	b.waitApp()
	b.do(chromedp.WaitVisible(chromedp.ID("anatomy-title")))
	if got := b.inputText(); got != "" {
		t.Errorf("after Clear and a reload the text area holds %q", got)
	}
}

// TestBrowserUpdateKeepsText serves a new version of the site while the
// page is open: the page says a new version is ready, and reloading into
// it keeps the text.
func TestBrowserUpdateKeepsText(t *testing.T) {
	root, _ := sites(t)
	// A second version of the site: the same files but for one byte of the
	// stylesheet, which changes the service worker's cache name.
	web := t.TempDir()
	if err := copyDir(defaultWeb, web); err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(web, "style.css")
	b0, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(b0, "\n/* v2 */\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	v2 := filepath.Join(t.TempDir(), "v2")
	if _, err := buildSite(buildConfig{out: v2, web: web}); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.waitOffline()
	b.do(chromedp.Reload()) // now the service worker controls the page
	b.waitApp()
	b.explain(sampleReply)
	time.Sleep(800 * time.Millisecond)

	host.setRoot(v2)
	evalJS[bool](b, `navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)`)
	b.do(chromedp.WaitVisible(chromedp.ID("update-reload")))
	saveShot(t, b, "update-notice.png")
	if got := b.inputText(); got != sampleReply {
		t.Errorf("the update notice changed the text: %q", got)
	}
	b.do(chromedp.Click(chromedp.ID("update-reload")))
	b.waitApp()
	lit, _ := json.Marshal(sampleReply)
	b.waitFor(`document.getElementById("input").value === `+string(lit), "the text back in the text area after updating")
	b.waitDecoded()
	worker, err := os.ReadFile(filepath.Join(v2, "app-worker.js"))
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`"app-" \+ "([0-9a-f]+)"`).FindSubmatch(worker)
	if name == nil {
		t.Fatal("no cache name in the new app-worker.js")
	}
	// The new worker removes the old cache when it takes over.
	b.waitFor(`caches.keys().then((k) => k.length === 1 && k[0] === "app-`+string(name[1])+`")`, "only the new version's cache")
}
