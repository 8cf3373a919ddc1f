//go:build browser

// Real-browser tests: they serve a built site the way GitHub Pages does and
// drive headless Chromium through it. Run them with "make test", or with
//
//	SMTPEXPLAIN_DIST=dist-test SMTPEXPLAIN_DIST_BASE=dist-test-base \
//	  go test -tags browser -run Browser -count=1 .
//
// Without the variables the tests build the two sites themselves, which
// needs web/app.wasm ("make wasm"). Set SMTPEXPLAIN_SCREENSHOTS to a folder
// to write the README's screenshots there ("make screenshot").
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/smtpexplain/smtpexplain/app"
)

const (
	// sampleReply is what the tests type into the explainer.
	sampleReply = "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown"
	// testBase is the base path of the GitHub Pages project-site build.
	testBase = "/smtpexplain"
	// step bounds every browser step after the start.
	step = 30 * time.Second
)

// --- Sites ------------------------------------------------------------------

var (
	sitesOnce sync.Once
	rootSite  string
	baseSite  string
	sitesErr  error
)

// sites returns the site built for the root of a host and the one built
// for testBase, from the environment or built once for the whole run.
func sites(t testing.TB) (root, base string) {
	t.Helper()
	sitesOnce.Do(func() {
		rootSite, baseSite = os.Getenv("SMTPEXPLAIN_DIST"), os.Getenv("SMTPEXPLAIN_DIST_BASE")
		if rootSite != "" && baseSite != "" {
			return
		}
		dir, err := os.MkdirTemp("", "smtpexplain-sites-")
		if err != nil {
			sitesErr = err
			return
		}
		rootSite, baseSite = filepath.Join(dir, "root"), filepath.Join(dir, "base")
		if _, err := buildSite(buildConfig{out: rootSite, web: defaultWeb}); err != nil {
			sitesErr = fmt.Errorf("building the site: %w", err)
			return
		}
		_, sitesErr = buildSite(buildConfig{out: baseSite, web: defaultWeb, basePath: testBase})
	})
	if sitesErr != nil {
		t.Fatal(sitesErr)
	}
	return rootSite, baseSite
}

// --- A static host like GitHub Pages ----------------------------------------

// pagesHost serves a built site like GitHub Pages: under an optional base
// path, with directory index files, a redirect to add the trailing slash
// of a directory and 404.html for anything missing. It logs every request.
type pagesHost struct {
	t    testing.TB
	root string
	base string
	srv  *httptest.Server

	mu   sync.Mutex
	log  []string      // "GET /path 200"
	hold chan struct{} // while non-nil, app.wasm waits for it to close
}

func newPagesHost(t testing.TB, root, base string) *pagesHost {
	t.Helper()
	h := &pagesHost{t: t, root: root, base: base}
	h.srv = httptest.NewServer(h)
	t.Cleanup(h.stop)
	return h
}

// setRoot serves another built site from now on, as a deployment does.
func (h *pagesHost) setRoot(dir string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.root = dir
}

// dir returns the folder of the site being served.
func (h *pagesHost) dir() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.root
}

// url returns the address of a site path, with the base path.
func (h *pagesHost) url(p string) string { return h.srv.URL + h.base + p }

// stop shuts the server down, as if the network were gone.
func (h *pagesHost) stop() {
	h.release()
	h.srv.Close()
}

// holdWasm makes requests for app.wasm wait until release.
func (h *pagesHost) holdWasm() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hold = make(chan struct{})
}

func (h *pagesHost) release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.hold != nil {
		close(h.hold)
		h.hold = nil
	}
}

// requests returns the request log.
func (h *pagesHost) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.log...)
}

func (h *pagesHost) record(r *http.Request, status int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.log = append(h.log, fmt.Sprintf("%s %s %d", r.Method, r.URL.Path, status))
}

// ServeHTTP serves one request.
func (h *pagesHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if h.base != "" {
		if p == h.base {
			h.record(r, http.StatusMovedPermanently)
			http.Redirect(w, r, h.base+"/", http.StatusMovedPermanently)
			return
		}
		if !strings.HasPrefix(p, h.base+"/") {
			h.notFound(w, r)
			return
		}
		p = strings.TrimPrefix(p, h.base)
	}
	if strings.Contains(p, "..") {
		h.notFound(w, r)
		return
	}
	file := filepath.Join(h.dir(), filepath.FromSlash(p))
	st, err := os.Stat(file)
	if err == nil && st.IsDir() {
		if !strings.HasSuffix(p, "/") {
			h.record(r, http.StatusMovedPermanently)
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		file = filepath.Join(file, "index.html")
		st, err = os.Stat(file)
	}
	if err != nil || st.IsDir() {
		h.notFound(w, r)
		return
	}
	if b := path.Base(p); b == "app.wasm" || b == "app.wasm.gz" {
		h.mu.Lock()
		hold := h.hold
		h.mu.Unlock()
		if hold != nil {
			<-hold
		}
	}
	h.serveFile(w, r, file, http.StatusOK)
}

func (h *pagesHost) notFound(w http.ResponseWriter, r *http.Request) {
	page := filepath.Join(h.dir(), "404.html")
	if _, err := os.Stat(page); err != nil {
		h.record(r, http.StatusNotFound)
		http.NotFound(w, r)
		return
	}
	h.serveFile(w, r, page, http.StatusNotFound)
}

func (h *pagesHost) serveFile(w http.ResponseWriter, r *http.Request, file string, status int) {
	b, err := os.ReadFile(file)
	if err != nil {
		h.record(r, http.StatusInternalServerError)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ct := mime.TypeByExtension(filepath.Ext(file))
	switch filepath.Ext(file) {
	case ".webmanifest":
		ct = "application/manifest+json"
	case ".wasm":
		ct = "application/wasm"
	}
	h.record(r, status)
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "max-age=600")
	w.WriteHeader(status)
	w.Write(b)
}

// --- Chromium -----------------------------------------------------------------

// chromePath finds Chromium, or skips the test loudly when there is none.
func chromePath(t testing.TB) string {
	t.Helper()
	p := os.Getenv("CHROME_PATH")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		msg := fmt.Sprintf("SKIPPING BROWSER TEST %s: no Chromium at %s (install it with \"apt-get install -y chromium\" or set CHROME_PATH)", t.Name(), p)
		fmt.Fprintln(os.Stderr, msg)
		t.Skip(msg)
	}
	return p
}

// browser is one headless Chromium with a fresh profile. It records what
// the page logs and requests, and its net-log, and checks them when the
// test ends.
type browser struct {
	t      testing.TB
	ctx    context.Context
	netlog string

	mu       sync.Mutex
	requests []string  // every URL the page asked for
	errors   []string  // console errors, exceptions and browser log errors
	dialogs  []string  // alert, confirm and prompt dialogs the page opened
	navs     []string  // main-frame navigations, in order
	watch    func(any) // also sees every event, when set (under mu)

	// close shuts Chromium down once and returns what went wrong: page
	// errors, requests for other hosts and net-log findings.
	close   func() []string
	handled bool // the test looked at the problems itself
}

// newBrowser starts Chromium. The first step has no timeout, because it
// bounds the browser's lifetime.
func newBrowser(t testing.TB) *browser {
	t.Helper()
	exe := chromePath(t)
	dir := t.TempDir()
	b := &browser{t: t, netlog: filepath.Join(dir, "netlog.json")}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1200, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		// Keep Chromium's own services quiet and unable to resolve
		// anything but the test server.
		chromedp.Flag("disable-features", "AutofillServerCommunication,NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("log-net-log", b.netlog),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithListener(b.listen))
	b.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting Chromium: %v", err)
	}
	b.close = sync.OnceValue(func() []string {
		closeCtx, done := context.WithTimeout(ctx, 15*time.Second)
		if err := chromedp.Cancel(closeCtx); err != nil {
			t.Logf("closing Chromium: %v", err)
		}
		done()
		cancel()
		cancelAlloc()
		return b.problems()
	})
	t.Cleanup(func() {
		problems := b.close()
		if b.handled {
			return
		}
		for _, p := range problems {
			t.Error(p)
		}
	})
	return b
}

// listen records the page's requests and errors. It runs on chromedp's
// event loop, so it only appends under the lock.
func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.watch != nil {
		b.watch(ev)
	}
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, e.Request.URL)
	case *page.EventJavascriptDialogOpening:
		b.dialogs = append(b.dialogs, string(e.Type)+": "+e.Message)
		// The page is blocked until the dialog closes; close it from
		// outside the event loop.
		go chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	case *page.EventFrameNavigated:
		if e.Frame.ParentID == "" {
			b.navs = append(b.navs, e.Frame.URL+e.Frame.URLFragment)
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				if a.Description != "" {
					parts = append(parts, a.Description)
				} else {
					parts = append(parts, string(a.Value))
				}
			}
			b.errors = append(b.errors, "console: "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		b.errors = append(b.errors, "exception: "+msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			b.errors = append(b.errors, fmt.Sprintf("log (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	}
}

// pageErrors returns the errors recorded so far.
func (b *browser) pageErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// allowErrors forgets the errors recorded so far, for steps that cause
// errors on purpose (such as loading an unknown page).
func (b *browser) allowErrors() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = nil
}

// problems lists page errors, page requests to another host and anything
// in the net-log that left the machine.
func (b *browser) problems() []string {
	var out []string
	for _, e := range b.pageErrors() {
		out = append(out, "page error: "+e)
	}
	b.mu.Lock()
	reqs := append([]string(nil), b.requests...)
	b.mu.Unlock()
	for _, r := range reqs {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && !isLocalHost(u.Hostname())) {
			out = append(out, "the page requested "+r+", which is not the test server")
		}
	}
	if len(reqs) == 0 {
		out = append(out, "no page request was seen; the request check is not working")
	}
	found, summary := auditNetLog(b.netlog)
	b.t.Log(summary)
	return append(out, found...)
}

func isLocalHost(h string) bool {
	return h == "127.0.0.1" || h == "localhost" || h == "::1"
}

// auditNetLog reads Chromium's net-log and reports any connection or DNS
// lookup that is not local, and any request for another host that the
// page or its service worker made. It also returns a one-line summary.
func auditNetLog(file string) (problems []string, summary string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return []string{"net-log: " + err.Error()}, ""
	}
	var nl struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int             `json:"type"`
			Params json.RawMessage `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(raw, &nl); err != nil {
		// A browser that did not close cleanly leaves the list open.
		fixed := strings.TrimRight(strings.TrimSpace(string(raw)), ",") + "]}"
		if err2 := json.Unmarshal([]byte(fixed), &nl); err2 != nil {
			return []string{"net-log: " + err.Error()}, ""
		}
	}
	names := map[int]string{}
	for name, id := range nl.Constants.LogEventTypes {
		names[id] = name
	}
	local, service := 0, map[string]int{}
	for _, ev := range nl.Events {
		if len(ev.Params) == 0 {
			continue
		}
		var p struct {
			URL       string `json:"url"`
			Initiator string `json:"initiator"`
			Address   string `json:"address"`
			Host      string `json:"host"`
		}
		if err := json.Unmarshal(ev.Params, &p); err != nil {
			continue
		}
		// The end of an event carries only its result.
		if p.URL == "" && p.Address == "" && p.Host == "" {
			continue
		}
		switch names[ev.Type] {
		case "TCP_CONNECT_ATTEMPT":
			host, _, err := splitHostPort(p.Address)
			if err != nil || !isLocalHost(host) {
				problems = append(problems, "net-log: Chromium connected to "+p.Address)
			}
		case "HOST_RESOLVER_MANAGER_JOB", "HOST_RESOLVER_DNS_TASK":
			if p.Host != "" && !isLocalHost(strings.Trim(p.Host, "[]")) {
				problems = append(problems, "net-log: Chromium looked up "+p.Host)
			}
		case "URL_REQUEST_START_JOB":
			u, err := url.Parse(p.URL)
			if err != nil {
				problems = append(problems, "net-log: bad URL "+p.URL)
				continue
			}
			switch {
			case u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "chrome" || isLocalHost(u.Hostname()):
				local++
			case p.Initiator == "not an origin":
				// The browser's own services (account and update
				// checks) start requests with no page behind them. The
				// host resolver rules stop them before any lookup, which
				// the checks above confirm.
				service[u.Hostname()]++
			default:
				problems = append(problems, fmt.Sprintf("net-log: request for %s (initiator %s)", p.URL, p.Initiator))
			}
		}
	}
	if local == 0 {
		problems = append(problems, "net-log: no local request found; the audit is not working")
	}
	hosts := make([]string, 0, len(service))
	for h, n := range service {
		hosts = append(hosts, fmt.Sprintf("%s (%d)", h, n))
	}
	sort.Strings(hosts)
	return problems, fmt.Sprintf("net-log: %d local requests; the browser's own, unresolved: %s", local, strings.Join(hosts, ", "))
}

func splitHostPort(addr string) (string, string, error) {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return "", "", errors.New("no port")
	}
	return strings.Trim(addr[:i], "[]"), addr[i+1:], nil
}

// --- Steps ----------------------------------------------------------------------

// do runs steps with the step timeout.
func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// value runs one action with the step timeout and returns its value.
func value[T any](b *browser, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("browser: %v", err)
	}
	return v
}

// open loads a URL and waits until the WebAssembly app runs: the program
// removes go-app's loader right after it has mounted the page.
func (b *browser) open(u string) {
	b.t.Helper()
	b.do(chromedp.Navigate(u))
	b.waitApp()
}

func (b *browser) waitApp() {
	b.t.Helper()
	b.do(chromedp.WaitNotPresent(chromedp.ID("app-wasm-loader")))
}

// explain types text into the explainer, key by key, and waits for a
// card.
func (b *browser) explain(text string) {
	b.t.Helper()
	b.do(
		chromedp.WaitEnabled(chromedp.ID("input")),
		chromedp.SendKeys(chromedp.ID("input"), text),
	)
	b.waitDecoded()
}

// waitDecoded waits until the explanation is that of the text area's
// current text, and shows a card.
func (b *browser) waitDecoded() {
	b.t.Helper()
	b.waitResult()
	b.do(chromedp.WaitVisible(chromedp.CSS("#result .card")))
}

// waitResult waits until the explanation is that of the text area's
// current text.
func (b *browser) waitResult() {
	b.t.Helper()
	b.waitFor(`(() => {
		const r = document.getElementById("result");
		return r && r.dataset.size == new TextEncoder().encode(document.getElementById("input").value).length;
	})()`, "the explanation of the text")
}

// largeInput pastes a text long enough to be decoded by the worker and
// waits for its card.
func (b *browser) largeInput() {
	b.t.Helper()
	text := strings.Repeat("550 5.1.1 <carol@example.org>: Recipient address rejected: User unknown\n", 1200)
	b.setInput(text)
	b.waitFor(`document.getElementById("input-state").textContent.includes("Decoding")`, "the worker")
	b.waitDecoded()
	if got := value(b, chromedp.Text(chromedp.CSS("#result .card"))); !strings.Contains(got, "carol@example.org") {
		b.t.Errorf("the large input's card: %.200s", got)
	}
}

// clearInput empties the text area with the Clear button, which also
// forgets the text kept on this device.
func (b *browser) clearInput() {
	b.t.Helper()
	b.do(
		chromedp.WaitEnabled(chromedp.ID("clear")),
		chromedp.Click(chromedp.ID("clear")),
		chromedp.WaitNotPresent(chromedp.CSS("#result .card")),
	)
}

// example loads a sample from the Examples menu and waits for its first
// card.
func (b *browser) example(key string) {
	b.t.Helper()
	b.do(
		chromedp.WaitEnabled(chromedp.ID("example-"+key)),
		chromedp.Click(chromedp.CSS("#examples > summary")),
		chromedp.Click(chromedp.ID("example-"+key)),
	)
	b.waitDecoded()
}

// paste inserts text at once, as a paste does: one input event.
func (b *browser) paste(text string) {
	b.t.Helper()
	b.do(chromedp.Focus(chromedp.ID("input")))
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		b.t.Fatalf("paste: %v", err)
	}
}

// Selectors of the sample reply's card and its code links.
const (
	cardReply  = `#card-1 .badges a.badge-code[href$="/codes/550/"]`
	cardStatus = `#card-1 .badges a.badge-code[href$="/codes/x.1.1/"]`
)

// checkFinding checks the card of the sample reply, once the explanation
// is drawn whole.
func (b *browser) checkFinding(base string) {
	b.t.Helper()
	// The advice is drawn after the card's first lines when the page
	// draws in steps.
	b.waitDrawn()
	got := value(b, chromedp.Text(chromedp.CSS("#card-1")))
	for _, want := range []string{"550", "5.1.1", "alice@example.net", "No mailbox exists for alice@example.net", "Permanent failure", "Hard bounce",
		"Sender side", "Do not retry", "What to do"} {
		if !strings.Contains(got, want) {
			b.t.Errorf("card %q does not contain %q", got, want)
		}
	}
	links := map[string]string{cardReply: base + "/codes/550/", cardStatus: base + "/codes/x.1.1/"}
	for sel, want := range links {
		if got := value(b, chromedp.AttributeValue(chromedp.CSS(sel), "href")).Value; got != want {
			b.t.Errorf("%s links to %q, want %q", sel, got, want)
		}
	}
}

// evalJS evaluates a JavaScript expression, awaiting a promise, and
// returns its value.
func evalJS[T any](b *browser, js string) T {
	b.t.Helper()
	return value(b, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// waitOffline waits until the service worker is active and has cached the
// site, and returns the number of cached entries.
func (b *browser) waitOffline() int {
	b.t.Helper()
	const count = `(async () => {
		await navigator.serviceWorker.ready;
		let n = 0;
		for (const k of await caches.keys()) n += (await (await caches.open(k)).keys()).length;
		return n;
	})()`
	deadline := time.Now().Add(step)
	want := len(app.Pages())
	for {
		n := value(b, chromedp.Evaluate[int](count, chromedp.EvalAwaitPromise))
		if n >= want {
			return n
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("service worker cached %d entries, want at least %d", n, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// colorScheme emulates the system's light or dark setting. It also asks
// for reduced motion, so that scrolling is instant and tests need not wait
// for animations.
func (b *browser) colorScheme(scheme string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}, {Name: "prefers-reduced-motion", Value: "reduce"}},
	})
	if err != nil {
		b.t.Fatalf("emulating %s theme: %v", scheme, err)
	}
}

// title returns the document title.
func (b *browser) title() string {
	b.t.Helper()
	return value(b, chromedp.Title())
}

func (b *browser) location() string {
	b.t.Helper()
	u, err := url.Parse(value(b, chromedp.Location()))
	if err != nil {
		b.t.Fatal(err)
	}
	return u.Path
}

// --- Tests ------------------------------------------------------------------------

// TestBrowserDecodeAsYouType types a reply key by key and checks the
// explanation, the links to the code pages and an in-app navigation.
func TestBrowserDecodeAsYouType(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.explain(sampleReply)
	if got := value(b, chromedp.Value(chromedp.ID("input"))); got != sampleReply {
		t.Errorf("the text area holds %q, want what was typed: %q", got, sampleReply)
	}
	b.checkFinding("")

	b.do(
		chromedp.Click(chromedp.CSS(cardStatus)),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	if got := value(b, chromedp.Text(chromedp.ID("code"))); got != "X.1.1" {
		t.Errorf("code page shows %q, want X.1.1", got)
	}
	if p := b.location(); p != "/codes/x.1.1/" {
		t.Errorf("location %q, want /codes/x.1.1/", p)
	}
	if got := b.title(); !strings.HasPrefix(got, "Enhanced status code X.1.1: Bad destination mailbox address") {
		t.Errorf("title %q", got)
	}
}

// TestBrowserPasteWholeText pastes a multi-line text in one input event.
func TestBrowserPasteWholeText(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.paste("RCPT TO:<alice@example.net>\n" + sampleReply + "\n")
	b.waitDecoded()
	b.checkFinding("")

	// An example from the menu replaces the text and explains it.
	b.example("postfix-bounce")
	b.do(chromedp.WaitVisible(chromedp.CSS(`#card-2 .badges a.badge-code[href="/codes/x.2.2/"]`)))
	if got := value(b, chromedp.Value(chromedp.ID("input"))); !strings.HasPrefix(got, "Return-Path: <>") {
		t.Errorf("after the example the text area holds %.40q", got)
	}
	if open := evalJS[bool](b, `document.getElementById("examples").open`); open {
		t.Error("the Examples menu stays open after choosing an example")
	}
	// Escape closes the menu and leaves the focus on its button.
	b.do(chromedp.Click(chromedp.CSS("#examples > summary")), chromedp.WaitVisible(chromedp.ID("example-reply")),
		chromedp.Focus(chromedp.ID("example-reply")), chromedp.KeyEvent(kb.Escape))
	b.waitFor(`!document.getElementById("examples").open && document.activeElement.matches("#examples > summary")`, "the menu closed by Escape")
}

// TestBrowserCodePages loads code pages directly: the pre-rendered title
// must be right before and after the app starts. Unknown slugs are served
// 404.html, and the app then explains them.
func TestBrowserCodePages(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	for _, tc := range []struct{ path, code, title string }{
		{"/codes/550/", "550", "SMTP 550: Requested action not taken: mailbox unavailable"},
		{"/codes/x.1.1/", "X.1.1", "Enhanced status code X.1.1: Bad destination mailbox address"},
		{"/codes/", "", "SMTP reply codes and enhanced status codes"},
	} {
		b.do(chromedp.Navigate(host.url(tc.path)))
		if got := b.title(); !strings.HasPrefix(got, tc.title) {
			t.Errorf("%s: pre-rendered title %q, want %q", tc.path, got, tc.title)
		}
		b.waitApp()
		if got := b.title(); !strings.HasPrefix(got, tc.title) {
			t.Errorf("%s: title after start %q, want %q", tc.path, got, tc.title)
		}
		if tc.code != "" {
			if got := value(b, chromedp.Text(chromedp.ID("code"))); got != tc.code {
				t.Errorf("%s: shows code %q, want %q", tc.path, got, tc.code)
			}
		}
	}

	// Paths with no file: the host answers 404 with 404.html, whose app
	// renders the page the URL names.
	b.do(chromedp.Navigate(host.url("/codes/599/")))
	b.waitApp()
	b.do(chromedp.WaitVisible(chromedp.ID("code")))
	if got := value(b, chromedp.Text(chromedp.CSS(".code-header"))); !strings.Contains(got, "599") || !strings.Contains(got, "Not registered") {
		t.Errorf("/codes/599/ shows %q, want the unregistered code 599", got)
	}
	b.do(chromedp.Navigate(host.url("/codes/nope/")))
	b.waitApp()
	if got := value(b, chromedp.Text(chromedp.ID("code-title"))); got != "Unknown code" {
		t.Errorf("/codes/nope/ shows %q, want Unknown code", got)
	}
	b.do(chromedp.Navigate(host.url("/codes/550")))
	if p := b.location(); p != "/codes/550/" {
		t.Errorf("/codes/550 went to %q, want the redirect to /codes/550/", p)
	}
	// The browser logs the 404 responses of the unknown pages as errors.
	b.allowErrors()

	// The code pages explain causes, advice and provider responses.
	b.open(host.url("/codes/x.1.1/"))
	page := value(b, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Digit by digit", "Typical causes", "Unknown address", "What to do", "What providers say with it", "RFC 3463"} {
		if !strings.Contains(page, want) {
			t.Errorf("/codes/x.1.1/ does not say %q", want)
		}
	}

	// The search filters the index as one types, and clearing it brings
	// every code back.
	b.open(host.url("/codes/"))
	all := evalJS[int](b, `document.querySelectorAll("#all-codes .code-list a").length`)
	b.do(chromedp.WaitEnabled(chromedp.ID("code-search")), chromedp.SendKeys(chromedp.ID("code-search"), "5.1.1"),
		chromedp.WaitVisible(chromedp.ID("search-results")))
	// The results follow the typing; those of the whole query are there
	// once the status names it (not yet, for a hit of "5.1." listed first).
	b.waitFor(`document.getElementById("search-status").textContent.includes("“5.1.1”")`, "the results for 5.1.1")
	if first := value(b, chromedp.Text(chromedp.CSS("#search-results li:first-child .code"))); first != "X.1.1" {
		t.Errorf("the first hit for 5.1.1 is %q", first)
	}
	evalJS[bool](b, `(() => { const i = document.getElementById("code-search"); i.value = "mailbox full"; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	b.waitFor(`document.getElementById("search-status").textContent.includes("mailbox full")`, "the result count")
	hits := evalJS[[]string](b, `[...document.querySelectorAll("#search-results .code")].map((e) => e.textContent)`)
	if len(hits) == 0 || hits[0] != "X.2.2" {
		t.Errorf("hits for 'mailbox full': %q", hits)
	}
	b.do(chromedp.SendKeys(chromedp.ID("code-search"), " zzz"))
	b.waitFor(`document.getElementById("search-status").textContent.startsWith("No code matches")`, "no match")
	evalJS[bool](b, `(() => { const i = document.getElementById("code-search"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	b.do(chromedp.WaitVisible(chromedp.ID("all-codes")))
	if n := evalJS[int](b, `document.querySelectorAll("#all-codes .code-list a").length`); n != all || n < 100 {
		t.Errorf("after clearing the search %d codes are listed, %d before", n, all)
	}
}

// TestBrowserOffline visits once, stops the server and checks that the
// service worker serves the app, the explainer and the code pages. On
// that first visit the service worker is registered once the app has
// settled (its rehearsal drawn), not before.
func TestBrowserOffline(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	ctx, cancel := context.WithTimeout(b.ctx, step)
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		if ("serviceWorker" in navigator) {
			const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
			navigator.serviceWorker.register = (...args) => {
				if (window.smtpexplainRegisterAt === undefined) window.smtpexplainRegisterAt = performance.now();
				return register(...args);
			};
		}`})
	cancel()
	if err != nil {
		t.Fatalf("adding the script: %v", err)
	}
	b.open(host.url("/"))
	n := b.waitOffline()
	t.Logf("service worker cached %d entries", n)
	times := evalJS[[]float64](b, `[performance.getEntriesByName("smtpexplain:settled").map((e) => e.startTime)[0] ?? -1, window.smtpexplainRegisterAt ?? -1]`)
	if settledAt, registerAt := times[0], times[1]; settledAt < 0 || registerAt < settledAt || registerAt > settledAt+1000 {
		t.Errorf("the app settled at %.0f ms and the service worker was registered at %.0f ms: want it registered once settled", settledAt, registerAt)
	}
	host.stop()
	before := len(host.requests())

	b.do(chromedp.Reload())
	b.waitApp()
	b.explain(sampleReply)
	b.checkFinding("")
	b.do(
		chromedp.Click(chromedp.CSS(cardReply)),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	if got := b.title(); !strings.HasPrefix(got, "SMTP 550:") {
		t.Errorf("offline in-app navigation: title %q", got)
	}
	// A large input goes to the decoding worker, which the service worker
	// serves from its cache too.
	b.do(chromedp.Navigate(host.url("/")))
	b.waitApp()
	b.largeInput()
	b.open(host.url("/codes/421/"))
	if got := value(b, chromedp.Text(chromedp.ID("code"))); got != "421" {
		t.Errorf("offline load of /codes/421/ shows %q", got)
	}
	if after := len(host.requests()); after != before {
		t.Errorf("the stopped server logged %d more requests", after-before)
	}
}

// TestBrowserBasePath runs the site built for a GitHub Pages project site
// under /smtpexplain/, online and then offline.
func TestBrowserBasePath(t *testing.T) {
	_, base := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, base, testBase)
	b.open(host.srv.URL + testBase) // the host redirects to the slash
	if p := b.location(); p != testBase+"/" {
		t.Errorf("location %q, want %s/", p, testBase)
	}
	b.explain(sampleReply)
	b.checkFinding(testBase)
	b.do(
		chromedp.Click(chromedp.CSS(cardReply)),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	if p := b.location(); p != testBase+"/codes/550/" {
		t.Errorf("location %q, want %s/codes/550/", p, testBase)
	}
	b.open(host.url("/codes/x.1.1/"))
	if got := b.title(); !strings.HasPrefix(got, "Enhanced status code X.1.1:") {
		t.Errorf("title %q", got)
	}
	b.waitOffline()
	for _, r := range host.requests() {
		if !strings.HasPrefix(strings.Fields(r)[1], testBase) || strings.HasSuffix(r, " 404") {
			t.Errorf("request outside the site or missing: %s", r)
		}
	}

	host.stop()
	b.open(host.url("/codes/554/"))
	if got := value(b, chromedp.Text(chromedp.ID("code"))); got != "554" {
		t.Errorf("offline /codes/554/ shows %q", got)
	}
	b.open(host.url("/"))
	// The text typed before is back; start afresh.
	b.waitDecoded()
	b.clearInput()
	b.explain(sampleReply)
	b.checkFinding(testBase)
	b.largeInput()
}

// TestBrowserTypingBeforeMount holds app.wasm back and types into the
// pre-rendered page: the text area takes the text at once (the buttons,
// which need the app, wait for it), the page is painted whole meanwhile,
// and when the app starts, its own text area has the text, the focus and
// the caret where they were, and the text is explained. A second visit
// typed into the same way puts the text of the first aside, to be brought
// back.
func TestBrowserTypingBeforeMount(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	host.holdWasm()
	// Record the largest contentful paints from the start of the page.
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.lcp = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) window.lcp.push({t: e.startTime, size: e.size, el: e.element ? e.element.tagName + "." + e.element.className : ""});
		}).observe({type: "largest-contentful-paint", buffered: true});`}); err != nil {
		t.Fatal(err)
	}
	b.do(
		chromedp.Navigate(host.url("/")),
		chromedp.WaitVisible(chromedp.ID("input")),
	)
	if value(b, chromedp.Evaluate[bool](`document.getElementById("input").disabled`)) {
		t.Fatal("the pre-rendered text area is disabled")
	}
	if !value(b, chromedp.Evaluate[bool](`document.getElementById("clear").disabled && document.getElementById("share-toggle").disabled`)) {
		t.Error("the buttons are enabled before the app runs")
	}
	if got := value(b, chromedp.Text(chromedp.ID("input-state"))); !strings.Contains(got, "Loading") || !strings.Contains(got, "paste") {
		t.Errorf("state %q does not say the decoder is loading and the text can be pasted", got)
	}
	b.paste(sampleReply)
	if got := value(b, chromedp.Value(chromedp.ID("input"))); got != sampleReply {
		t.Fatalf("the pre-rendered text area took %q, want %q", got, sampleReply)
	}
	// The caret after "550 ".
	value(b, chromedp.Evaluate[chromedp.Void](`document.getElementById("input").setSelectionRange(4, 4)`))

	// The page is painted, largest element included, while the
	// WebAssembly is still on its way.
	time.Sleep(time.Second)
	released := evalJS[float64](b, `performance.now()`)
	host.release()
	b.waitApp()
	b.waitDecoded()
	if got := value(b, chromedp.Value(chromedp.ID("input"))); got != sampleReply {
		t.Errorf("text area %q after the app started, want %q", got, sampleReply)
	}
	b.checkFinding("")
	if got := value(b, chromedp.Text(chromedp.ID("input-note"))); !strings.Contains(got, "typed while the page was loading") {
		t.Errorf("note %q does not say the text typed early is kept", got)
	}
	type caret struct {
		ID    string `json:"id"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	}
	want := caret{"input", 4, 4}
	if got := evalJS[caret](b, `({id: document.activeElement.id, start: document.activeElement.selectionStart, end: document.activeElement.selectionEnd})`); got != want {
		t.Errorf("focus and caret %+v after the app started, want %+v", got, want)
	}
	type paint struct {
		T    float64 `json:"t"`
		Size float64 `json:"size"`
		El   string  `json:"el"`
	}
	paints := evalJS[[]paint](b, `window.lcp`)
	if len(paints) == 0 {
		t.Error("no largest contentful paint was recorded")
	}
	for _, p := range paints {
		if p.T > released {
			t.Errorf("a largest contentful paint came after the app started: %+v (WebAssembly released at %.0f ms)", p, released)
		}
	}
	t.Logf("largest contentful paints: %+v; WebAssembly released at %.0f ms", paints, released)
	b.waitFor(`document.getElementById("input-state").textContent.startsWith("Ready")`, "the Ready state after mount")

	// Again, with the program loaded from the network (not from the
	// service worker or the cache) and held back: the first text is now the
	// one kept on this device.
	b.waitFor(`localStorage.getItem("smtpexplain/draft") === `+jsString(t, sampleReply), "the text kept on the device")
	for _, err := range []error{
		call(b, network.Enable, network.EnableParams{}),
		call(b, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}),
		call(b, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	host.holdWasm()
	b.do(
		chromedp.Navigate(host.url("/")),
		chromedp.WaitVisible(chromedp.ID("input")),
	)
	b.paste(mailboxFull)
	host.release()
	b.waitApp()
	b.waitDecoded()
	if got := value(b, chromedp.Value(chromedp.ID("input"))); got != mailboxFull {
		t.Errorf("text area %q on the second visit, want %q", got, mailboxFull)
	}
	b.do(chromedp.Click(chromedp.ID("unstash")))
	b.waitFor(`document.getElementById("input").value === `+jsString(t, sampleReply), "the first text brought back")
	b.waitDecoded()
	b.checkFinding("")
}

// TestBrowserTypingWhileLoading types into the page key by key from before
// the program arrives until after the app has mounted, as someone who
// starts typing at once would: every key lands in the text area, in the
// order typed, through the pre-rendered text area, the program's start and
// the app's first mount, and the text is explained. Each key is sent once
// the page has taken the one before, so a key the page loses shows as a
// gap.
func TestBrowserTypingWhileLoading(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	host.holdWasm()
	// Where each key went, to tell on failure.
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.keyLog = [];
		document.addEventListener("keydown", (e) => window.keyLog.push(
			performance.now().toFixed(0) + "ms " + JSON.stringify(e.key) + " to " + (e.target.id || e.target.tagName) +
			(document.getElementById("app-wasm-loader") ? ", loading" : "")), true);`}); err != nil {
		t.Fatal(err)
	}
	b.do(
		chromedp.Navigate(host.url("/")),
		chromedp.WaitVisible(chromedp.ID("input")),
		chromedp.Focus(chromedp.ID("input")),
	)
	const keys = "550 5.1.1 <dave@example.com>: user unknown; "
	var typed strings.Builder
	typeKey := func() {
		t.Helper()
		k := string(keys[typed.Len()%len(keys)])
		b.do(chromedp.KeyEvent(k))
		typed.WriteString(k)
	}
	for range 5 {
		typeKey()
	}
	host.release()
	during := 0
	for value(b, chromedp.Evaluate[bool](`!!document.getElementById("app-wasm-loader")`)) {
		typeKey()
		during++
	}
	for range 10 {
		typeKey()
	}
	want := typed.String()
	if got := value(b, chromedp.Value(chromedp.ID("input"))); got != want {
		t.Fatalf("text area %q, want the keys typed %q (%d of them while the program loaded); the keys went: %s",
			got, want, during, strings.Join(evalJS[[]string](b, "window.keyLog"), "; "))
	}
	b.waitDecoded()
	if got := value(b, chromedp.Text(chromedp.ID("input-note"))); !strings.Contains(got, "typed while the page was loading") {
		t.Errorf("note %q does not say the text typed early is kept", got)
	}
	if id := evalJS[string](b, "document.activeElement.id"); id != "input" {
		t.Errorf("the focus is on %q, want the text area", id)
	}
	t.Logf("%d keys typed while the program loaded", during)
}

// call runs one DevTools command in the page.
func call[P any](b *browser, cmd cdp.Command[P, cdp.Empty], params P) error {
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	_, err := chromedp.Call(ctx, cmd, params)
	return err
}

// jsString returns s as a JavaScript string literal.
func jsString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBrowserNarrowAndDark checks the pages at 360 px in the dark theme:
// no horizontal scrolling, the theme applies, axe-core finds nothing, and
// a screenshot of the phone-sized page is a 360 px wide image.
func TestBrowserNarrowAndDark(t *testing.T) {
	axe := loadAxe(t)
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.do(chromedp.EmulateViewport(360, 740))
	b.colorScheme("dark")
	for _, p := range []string{"/", "/codes/", "/codes/550/", "/codes/x.7.8/", "/codes/x.7.1/"} {
		b.open(host.url(p))
		if p == "/" {
			b.example("transcript")
			b.do(chromedp.WaitVisible(chromedp.CSS("#source mark")))
			evalJS[bool](b, `(() => { document.querySelectorAll("main details:not(#examples)").forEach((d) => d.open = true); return true; })()`)
			b.do(chromedp.Click(chromedp.ID("share-toggle")), chromedp.WaitVisible(chromedp.ID("share-link")))
		}
		wide := value(b, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if wide {
			t.Errorf("%s scrolls sideways at 360 px", p)
		}
		bg := value(b, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
		if bg != "rgb(14, 19, 26)" {
			t.Errorf("%s: body background %s, want the dark theme", p, bg)
		}
		b.axe(axe, "360 px dark "+p)
		saveShot(t, b, "narrow-dark"+strings.ReplaceAll(strings.TrimSuffix(p, "/"), "/", "-")+".png")
	}
	b.open(host.url("/"))
	shot := value(b, chromedp.CaptureScreenshot())
	cfg, err := png.DecodeConfig(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the phone screenshot is not a PNG: %v", err)
	}
	if cfg.Width != 360 {
		t.Errorf("the phone screenshot is %d px wide", cfg.Width)
	}
}

// TestBrowserAuditSeesForeignRequests checks the checks: a request for
// another site, made with the page's Content-Security-Policy switched off,
// must show up in both the page events and the net-log.
func TestBrowserAuditSeesForeignRequests(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Reload())
	b.waitApp()
	value(b, chromedp.Evaluate[chromedp.Void](`fetch("https://example.org/probe").catch(() => {})`))
	b.do(chromedp.Sleep(time.Second))
	b.allowErrors()
	got := strings.Join(b.close(), "\n")
	b.handled = true
	for _, want := range []string{"the page requested https://example.org/probe", "net-log: request for https://example.org/probe"} {
		if !strings.Contains(got, want) {
			t.Errorf("the checks missed %q; they found:\n%s", want, got)
		}
	}
}

// TestBrowserScreenshot writes the README's screenshots into the folder
// SMTPEXPLAIN_SCREENSHOTS names: the explained Postfix bounce in the light
// theme, the SMTP session in the dark theme, and the Exim bounce on a
// 360 px phone.
func TestBrowserScreenshot(t *testing.T) {
	dir := os.Getenv("SMTPEXPLAIN_SCREENSHOTS")
	if dir == "" {
		t.Skip("SMTPEXPLAIN_SCREENSHOTS is not set")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	shoot := func(name string, w, h int64, scheme, example, js string) {
		b.do(chromedp.EmulateViewport(w, h))
		b.colorScheme(scheme)
		b.open(host.url("/"))
		b.example(example)
		b.do(chromedp.WaitVisible(chromedp.CSS("#source mark")), chromedp.Blur(chromedp.ID("input")))
		if js != "" {
			evalJS[bool](b, js)
		}
		time.Sleep(400 * time.Millisecond)
		if err := os.WriteFile(filepath.Join(dir, name), value(b, chromedp.CaptureScreenshot()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shoot("screenshot-light.png", 1280, 1180, "light", "postfix-bounce",
		`new Promise((done) => {
			document.querySelector('#source mark.hl-code[data-card="2"]').click();
			setTimeout(() => { document.activeElement.blur(); window.scrollTo(0, 0); done(true); }, 300);
		})`)
	shoot("screenshot-dark.png", 1280, 1180, "dark", "transcript",
		`(() => { const r = document.getElementById("session"); window.scrollTo(0, r.getBoundingClientRect().top + scrollY - 420); return true; })()`)
	shoot("screenshot-phone.png", 360, 780, "light", "exim-bounce",
		`(() => { const r = document.getElementById("result"); window.scrollTo(0, r.getBoundingClientRect().top + scrollY - 8); return true; })()`)
}

// saveShot keeps a screenshot for inspection when SMTPEXPLAIN_SHOTS names
// a folder.
func saveShot(t *testing.T, b *browser, name string) {
	t.Helper()
	dir := os.Getenv("SMTPEXPLAIN_SHOTS")
	if dir == "" {
		return
	}
	png := value(b, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
