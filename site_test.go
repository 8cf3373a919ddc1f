//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/app"
	"github.com/smtpexplain/smtpexplain/codes"
)

// TestMain registers the app's routes once: go-app keeps them globally.
func TestMain(m *testing.M) {
	app.Routes()
	os.Exit(m.Run())
}

// siteCLI runs the command line and returns its exit status and output.
func siteCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// get serves one request with h.
func get(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestHandlerPreRenders(t *testing.T) {
	h := newAppHandler("", "test")
	tests := []struct {
		path  string
		title string
		body  []string
	}{
		{"/", "<title>SMTP error and bounce explainer · smtpexplain</title>", []string{`id="input"`, "How to read an SMTP reply"}},
		{"/codes/", "<title>SMTP reply codes and enhanced status codes · smtpexplain</title>", []string{`href="/codes/550/"`, `href="/codes/x.7.1/"`}},
		{"/codes/550/", "<title>SMTP 550: Requested action not taken: mailbox unavailable</title>", []string{">550</span>", "Digit by digit", "RFC 5321 §4.2.3"}},
		{"/codes/x.1.1/", "<title>Enhanced status code X.1.1: Bad destination mailbox address</title>", []string{">X.1.1</span>", "Registry description", `href="/codes/550/"`}},
		{"/codes/nope/", "<title>Unknown code · smtpexplain</title>", []string{"Unknown code", "is not an SMTP reply code"}},
	}
	for _, tt := range tests {
		rec := get(h, tt.path)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", tt.path, rec.Code)
		}
		if !strings.Contains(body, tt.title) {
			t.Errorf("%s: no %s in the page", tt.path, tt.title)
		}
		for _, want := range tt.body {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q in the page", tt.path, want)
			}
		}
		if m := regexp.MustCompile(`<meta[^>]*name="description"[^>]*>`).FindString(body); !strings.Contains(m, `content="`) || strings.Contains(m, `content=""`) {
			t.Errorf("%s: meta description %q", tt.path, m)
		}
	}
}

func TestDevHandler(t *testing.T) {
	h := newDevHandler(newAppHandler("", "test"), "web")
	for from, to := range map[string]string{"/codes": "/codes/", "/codes/550": "/codes/550/", "/codes/x.1.1?a=b": "/codes/x.1.1/?a=b"} {
		rec := get(h, from)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != to {
			t.Errorf("%s: status %d to %q, want 301 to %q", from, rec.Code, rec.Header().Get("Location"), to)
		}
	}
	rec := get(h, "/nope")
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Page not found") {
		t.Errorf("/nope: status %d, want 404 with the not-found page", rec.Code)
	}
	rec = get(h, "/codes/550/")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "SMTP 550:") {
		t.Fatalf("/codes/550/: status %d", rec.Code)
	}
	checkPageFixes(t, "/codes/550/", body)
	if n := rec.Header().Get("Content-Length"); n != "" && n != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length %s for %d bytes", n, len(body))
	}
	if rec := get(h, "/favicon.ico"); rec.Code != http.StatusOK {
		t.Errorf("/favicon.ico: status %d", rec.Code)
	}
	if rec := get(h, "/app.js"); rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Type"), "javascript") {
		t.Errorf("/app.js: status %d, type %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if rec := get(h, "/manifest.webmanifest"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"purpose": "maskable"`) {
		t.Errorf("/manifest.webmanifest: status %d, no maskable icon", rec.Code)
	}
}

// checkPageFixes checks what fixPage must have done to a page.
func checkPageFixes(t *testing.T, name, page string) {
	t.Helper()
	if strings.Contains(page, "user-scalable") || strings.Contains(page, "maximum-scale") {
		t.Errorf("%s: the viewport still forbids zooming", name)
	}
	if !strings.Contains(page, `<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">`) {
		t.Errorf("%s: no viewport meta", name)
	}
	if !strings.Contains(page, `<meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval';`) {
		t.Errorf("%s: no Content-Security-Policy right after the charset", name)
	}
	if !regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="[^"]*"><link rel="preload" href="(/[a-z]+)?/web/app\.wasm\.gz" as="fetch" crossorigin="anonymous">`).MatchString(page) {
		t.Errorf("%s: no preload of the compressed program right after the Content-Security-Policy", name)
	}
	if strings.Contains(page, "//127.0.0.1") || strings.Contains(page, "//localhost") {
		t.Errorf("%s: the page names the build server's address", name)
	}
	if regexp.MustCompile(`<img\b[^>]*>`).FindString(page) != "" && !strings.Contains(page, `<img alt=""`) {
		t.Errorf("%s: the loading icon has no alt text", name)
	}
}

func TestFixPage(t *testing.T) {
	in := "<!DOCTYPE html>\n<html><head>\n<meta charset=\"UTF-8\">\n" +
		`<meta content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover" name="viewport">` + "\n" +
		`<meta property="og:url" content="http://127.0.0.1:4242/codes/550/">` + "\n" +
		`<meta content="" property="og:image">` + "\n" +
		`<meta name="description" content="kept">` + "\n" +
		`</head><body><img src="/web/icon-192.png" id="x"><img alt="a" src="/b.png"></body></html>`
	out, err := fixPage([]byte(in), "", "/web/app.wasm.gz")
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	checkPageFixes(t, "fixed", got)
	for _, gone := range []string{"og:url", "og:image"} {
		if strings.Contains(got, gone) {
			t.Errorf("%s left in %s", gone, got)
		}
	}
	for _, kept := range []string{`<meta name="description" content="kept">`, `<img alt="" src="/web/icon-192.png" id="x">`, `<img alt="a" src="/b.png">`} {
		if !strings.Contains(got, kept) {
			t.Errorf("%s missing from %s", kept, got)
		}
	}
	out, err = fixPage([]byte(in), "https://example.org/repo/codes/550/", "/repo/web/app.wasm.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `<meta property="og:url" content="https://example.org/repo/codes/550/">`) {
		t.Errorf("og:url not set: %s", out)
	}
	if _, err := fixPage([]byte("<!DOCTYPE html><html><head></head></html>"), "", "/web/app.wasm.gz"); err == nil {
		t.Error("a page without a charset meta tag was accepted")
	}
	if _, err := fixPage([]byte("404 page not found"), "", "/web/app.wasm.gz"); err == nil {
		t.Error("a non-HTML page was accepted")
	}
}

// fakeWeb makes a web folder with the real assets and a stand-in
// app.wasm, so the build can be tested without compiling WebAssembly.
func fakeWeb(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"style.css", "icon.svg", "icon-192.png", "icon-512.png", "icon-maskable-192.png", "icon-maskable-512.png", "apple-touch-icon.png", "decode-worker.js", "favicon.ico"} {
		b, err := os.ReadFile(filepath.Join("web", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBuild(t *testing.T) {
	web := fakeWeb(t)
	out := filepath.Join(t.TempDir(), "dist")
	code, stdout, stderr := siteCLI(t, "build", "--out", out, "--web", web)
	if code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote 122 pages") {
		t.Errorf("build said %q", stdout)
	}

	// Every page is a directory index file.
	all := codes.All()
	if len(all) != 38+81 {
		t.Errorf("%d codes, want 38 reply codes and 81 enhanced codes", len(all))
	}
	want := []string{"index.html", "codes/index.html", "404.html"}
	for _, c := range all {
		want = append(want, "codes/"+c.Slug+"/index.html")
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	var pages []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(pages) != len(want) {
		t.Errorf("%d HTML files, want %d", len(pages), len(want))
	}
	for _, p := range pages {
		if p != "404.html" && filepath.Base(p) != "index.html" {
			t.Errorf("%s is not a directory index file", p)
		}
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		checkPageFixes(t, p, string(b))
		checkNoRemote(t, p, string(b))
	}
	for _, f := range []string{"app.js", "app-worker.js", "wasm_exec.js", "app.css", "manifest.webmanifest", "web/app.wasm.gz", "web/style.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png", "favicon.ico", ".nojekyll"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, f := range []string{"app.js", "app-worker.js", "manifest.webmanifest", "app.css", "wasm_exec.js"} {
		b, _ := os.ReadFile(filepath.Join(out, f))
		checkNoRemoteScript(t, f, string(b))
	}
	page, _ := os.ReadFile(filepath.Join(out, "codes/550/index.html"))
	if !strings.Contains(string(page), "<title>SMTP 550: Requested action not taken: mailbox unavailable</title>") {
		t.Errorf("codes/550/index.html has the wrong title")
	}
	page, _ = os.ReadFile(filepath.Join(out, "codes/x.1.1/index.html"))
	if !strings.Contains(string(page), "<title>Enhanced status code X.1.1: Bad destination mailbox address</title>") {
		t.Errorf("codes/x.1.1/index.html has the wrong title")
	}

	// The service worker caches every page, and its version depends on
	// the content only: a second build is the same.
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	for _, p := range app.Pages() {
		if !strings.Contains(string(worker), `"`+p+`"`) {
			t.Errorf("app-worker.js does not cache %s", p)
		}
	}
	for _, f := range []string{"/web/decode-worker.js", "/web/icon-maskable-512.png", "/web/apple-touch-icon.png", "/wasm_exec.js", "/web/app.wasm.gz"} {
		if !strings.Contains(string(worker), `"`+f+`"`) {
			t.Errorf("app-worker.js does not cache %s, which works offline only if cached", f)
		}
	}

	// The manifest names a maskable icon, which go-app's template cannot.
	var manifest struct {
		ID    string `json:"id"`
		Icons []struct {
			Src, Sizes, Type, Purpose string
		} `json:"icons"`
	}
	mb, _ := os.ReadFile(filepath.Join(out, "manifest.webmanifest"))
	if err := json.Unmarshal(mb, &manifest); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	purposes := map[string]string{}
	for _, ic := range manifest.Icons {
		purposes[ic.Src] = ic.Purpose
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(ic.Src, "/")))); err != nil {
			t.Errorf("the manifest's icon %s is missing", ic.Src)
		}
	}
	if purposes["/web/icon-maskable-512.png"] != "maskable" || purposes["/web/icon-maskable-192.png"] != "maskable" || purposes["/web/icon-512.png"] != "any" || manifest.ID != "/" {
		t.Errorf("manifest icons %+v, id %q", manifest.Icons, manifest.ID)
	}
	if code, _, stderr := siteCLI(t, "build", "--out", out, "--web", web); code != exitOK {
		t.Fatalf("second build: exit %d: %s", code, stderr)
	}
	again, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if !bytes.Equal(worker, again) {
		t.Errorf("app-worker.js differs between two builds of the same content")
	}
	os.WriteFile(filepath.Join(web, "style.css"), []byte("body{}"), 0o644)
	if code, _, stderr := siteCLI(t, "build", "--out", out, "--web", web); code != exitOK {
		t.Fatalf("third build: exit %d: %s", code, stderr)
	}
	changed, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	if bytes.Equal(worker, changed) {
		t.Errorf("app-worker.js kept its version after style.css changed")
	}
}

func TestBuildBasePath(t *testing.T) {
	// go-app publishes the base path in the process environment; put it
	// back for the tests that follow.
	t.Setenv("GOAPP_ROOT_PREFIX", "")
	web := fakeWeb(t)
	out := filepath.Join(t.TempDir(), "dist")
	code, _, stderr := siteCLI(t, "build", "--out", out, "--web", web, "--base-path", "repo/", "--site-url", "https://user.github.io/repo/")
	if code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(out, "codes/550/index.html"))
	for _, want := range []string{
		`href="/repo/codes/"`, `src="/repo/app.js"`, `href="/repo/web/style.css"`, `href="/repo/manifest.webmanifest"`,
		`<meta property="og:url" content="https://user.github.io/repo/codes/550/">`,
		`<link rel="preload" href="/repo/web/app.wasm.gz" as="fetch" crossorigin="anonymous">`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("codes/550/index.html lacks %s", want)
		}
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(home), `href="/repo/codes/"`) {
		t.Errorf("the home page's links lack the base path")
	}
	manifest, _ := os.ReadFile(filepath.Join(out, "manifest.webmanifest"))
	if !strings.Contains(string(manifest), `"start_url": "/repo/"`) || !strings.Contains(string(manifest), `"src": "/repo/web/icon-512.png"`) ||
		!strings.Contains(string(manifest), `"src": "/repo/web/icon-maskable-512.png"`) || !strings.Contains(string(manifest), `"id": "/repo/"`) {
		t.Errorf("manifest: %s", manifest)
	}
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	for _, want := range []string{`"/repo/"`, `"/repo/codes/"`, `"/repo/codes/550/"`, `"/repo/codes/x.1.1/"`, `"/repo/web/app.wasm.gz"`, `"/repo/web/decode-worker.js"`} {
		if !strings.Contains(string(worker), want) {
			t.Errorf("app-worker.js does not cache %s", want)
		}
	}
	if regexp.MustCompile(`"/codes/`).Match(worker) {
		t.Errorf("app-worker.js caches a page without the base path")
	}
	appJS, _ := os.ReadFile(filepath.Join(out, "app.js"))
	if !strings.Contains(string(appJS), `"GOAPP_ROOT_PREFIX":"/repo"`) {
		t.Errorf("app.js does not pass the base path to the app")
	}
}

var (
	// resourceAttr finds the addresses a page loads: script, link, img,
	// source, iframe and object sources, and the manifest.
	resourceAttr = regexp.MustCompile(`<(script|link|img|source|iframe|object|embed|audio|video)\b[^>]*\b(?:src|href|data|srcset)="([^"]*)"`)
	anyURL       = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	anchorHref   = regexp.MustCompile(`<a\b[^>]*\bhref="([^"]*)"`)
)

// checkNoRemote fails when a page loads anything from another origin, or
// links anywhere but to its own pages and the RFC Editor.
func checkNoRemote(t *testing.T, name, page string) {
	t.Helper()
	for _, m := range resourceAttr.FindAllStringSubmatch(page, -1) {
		if anyURL.MatchString(m[2]) {
			t.Errorf("%s: <%s> loads %s", name, m[1], m[2])
		}
	}
	for _, m := range anchorHref.FindAllStringSubmatch(page, -1) {
		if anyURL.MatchString(m[1]) && !strings.HasPrefix(m[1], "https://www.rfc-editor.org/rfc/") {
			t.Errorf("%s: links to %s", name, m[1])
		}
	}
	// Outside anchors, addresses may only appear in text.
	rest := anchorHref.ReplaceAllString(page, "<a")
	for _, m := range regexp.MustCompile(`<[^>]*(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^>]*>`).FindAllString(rest, -1) {
		t.Errorf("%s: tag names another site: %s", name, m)
	}
}

// checkNoRemoteScript fails when a generated script or manifest names
// another site outside a comment.
func checkNoRemoteScript(t *testing.T, name, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if !anyURL.MatchString(line) {
			continue
		}
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "//") || strings.HasPrefix(trimmed, "*") || strings.HasPrefix(trimmed, "/*") {
			continue
		}
		t.Errorf("%s names another site: %s", name, trimmed)
	}
}

func TestBuildErrors(t *testing.T) {
	web := fakeWeb(t)
	noWasm := filepath.Join(t.TempDir(), "web")
	os.MkdirAll(noWasm, 0o755)
	busy := t.TempDir()
	os.WriteFile(filepath.Join(busy, "notes.txt"), []byte("mine"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--nope"}, "flag provided but not defined"},
		{"extra argument", []string{"--web", web, "extra"}, "unexpected argument"},
		{"missing app.wasm", []string{"--web", noWasm, "--out", filepath.Join(t.TempDir(), "d")}, "app.wasm is missing"},
		{"bad base path", []string{"--web", web, "--base-path", "a b", "--out", filepath.Join(t.TempDir(), "d")}, "base path"},
		{"bad site URL", []string{"--web", web, "--site-url", "ftp://x", "--out", filepath.Join(t.TempDir(), "d")}, "site URL"},
		{"folder in use", []string{"--web", web, "--out", busy}, "refusing to overwrite"},
		{"current folder", []string{"--web", web, "--out", "."}, "refusing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := siteCLI(t, append([]string{"build"}, tt.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q, want one line with %q", stderr, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(busy, "notes.txt")); err != nil {
		t.Errorf("the build touched a folder that was not its own: %v", err)
	}
	if code, stdout, _ := siteCLI(t, "build", "--help"); code != exitOK || !strings.Contains(stdout, "--base-path") {
		t.Errorf("build --help: exit %d, %q", code, stdout)
	}
}

func TestServeErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		dir  string // working folder: without web/app.wasm when empty
		want string
	}{
		{"unknown flag", []string{"--nope"}, "", "flag provided but not defined"},
		{"extra argument", []string{"now"}, "", "unexpected argument"},
		{"missing app.wasm", nil, "", "app.wasm is missing"},
		{"bad address", []string{"--addr", "127.0.0.1:99999"}, "wasm", "99999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.dir == "wasm" {
				web := fakeWeb(t)
				os.Rename(web, filepath.Join(dir, "web"))
			}
			t.Chdir(dir)
			code, stdout, stderr := siteCLI(t, append([]string{"serve"}, tt.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q, want one line with %q", stderr, tt.want)
			}
		})
	}
}

func TestNormalizeBasePath(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "repo": "/repo", "/repo/": "/repo", "a/b.c": "/a/b.c", " /x_y-1 ": "/x_y-1"} {
		got, err := normalizeBasePath(in)
		if err != nil || got != want {
			t.Errorf("normalizeBasePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"a b", "../x", "a//b", "é", "a?b"} {
		if got, err := normalizeBasePath(bad); err == nil {
			t.Errorf("normalizeBasePath(%q) = %q, want an error", bad, got)
		}
	}
}
