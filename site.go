//go:build !js

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/app"
)

// Defaults of the serve and build commands.
const (
	defaultAddr = "127.0.0.1:8000"
	defaultOut  = "dist"
	defaultWeb  = "web"
)

// contentSecurityPolicy allows the page to load its own files only. The
// WebAssembly app needs 'wasm-unsafe-eval' to be compiled; go-app emits
// no inline script or style.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self'; " +
	"worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"

// viewport replaces go-app's viewport, which forbids zooming.
const viewport = "width=device-width, initial-scale=1, viewport-fit=cover"

// manifestPath is the web app manifest go-app generates, and appJSPath
// its script that starts the app.
const (
	manifestPath = "/manifest.webmanifest"
	appJSPath    = "/app.js"
)

// packageFiles are the files go-app's handler generates besides the pages.
var packageFiles = []string{"/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css", "/manifest.webmanifest"}

// newAppHandler returns go-app's handler for the app, served at basePath
// ("" for the root of the host, or "/repo"). version names the service
// worker's cache, so it must change whenever any served file does.
func newAppHandler(basePath, version string) *goapp.Handler {
	// Pages are rendered on the server too, through the app's routes;
	// explaining on the command line needs neither.
	app.Routes()
	var res goapp.ResourceProvider = goapp.LocalDir("")
	if basePath != "" {
		res = goapp.CustomProvider("", basePath)
	}
	res = gzipResources{res}
	// go-app prefixes only /web/ paths with the base path, and caches the
	// start URL without its trailing slash: list every page, prefixed, and
	// the start URL as a static host serves it. It also leaves out the SVG
	// icon, which the pages use as their favicon, and browsers still ask
	// for /favicon.ico now and then.
	cache := []string{"/web/icon.svg", "/web/decode-worker.js", "/web/icon-maskable-192.png", "/web/icon-maskable-512.png",
		basePath + "/", basePath + "/favicon.ico"}
	for _, p := range app.Pages() {
		if p != app.HomePath {
			cache = append(cache, basePath+p)
		}
	}
	return &goapp.Handler{
		Name:        "smtpexplain",
		ShortName:   "smtpexplain",
		Title:       "smtpexplain",
		Description: "Explains SMTP errors and bounce messages: reply codes, enhanced status codes and what happened to each recipient.",
		Author:      "smtpexplain",
		Keywords:    []string{"SMTP", "bounce", "reply code", "enhanced status code", "DSN", "email delivery"},
		Lang:        "en",
		Icon: goapp.Icon{
			Default:    "/web/icon-192.png",
			Large:      "/web/icon-512.png",
			SVG:        "/web/icon.svg",
			AppleTouch: "/web/apple-touch-icon.png",
		},
		BackgroundColor:    "#f5f7fa",
		ThemeColor:         "#1d4ed8",
		LoadingLabel:       "Loading the decoder… {progress}%",
		Styles:             []string{"/web/style.css"},
		CacheableResources: cache,
		Resources:          res,
		Version:            version,
	}
}

// siteVersion hashes everything that decides the site's content: the
// files of webDir (app.wasm carries the code and the codes data) and the
// base path. The compressed program is left out: it holds app.wasm, and
// how hard it was compressed does not change the site.
func siteVersion(webDir, basePath string) (string, error) {
	files, err := listFiles(webDir)
	if err != nil {
		return "", err
	}
	sum := sha256.New()
	fmt.Fprintf(sum, "base %q\n", basePath)
	for _, rel := range files {
		if rel == wasmGzName {
			continue
		}
		b, err := os.ReadFile(filepath.Join(webDir, rel))
		if err != nil {
			return "", fmt.Errorf("hashing %s: %w", rel, err)
		}
		fmt.Fprintf(sum, "%q %d\n", filepath.ToSlash(rel), len(b))
		sum.Write(b)
	}
	return hex.EncodeToString(sum.Sum(nil))[:20], nil
}

// listFiles returns the regular files under dir, relative and sorted,
// leaving out hidden ones.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	sort.Strings(out)
	return out, nil
}

// normalizeBasePath turns "repo", "/repo" or "/repo/" into "/repo" and "",
// "/" into "". Each segment may hold letters, digits, '-', '_' and '.'.
func normalizeBasePath(s string) (string, error) {
	s = strings.Trim(strings.TrimSpace(s), "/")
	if s == "" {
		return "", nil
	}
	for _, seg := range strings.Split(s, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.Trim(seg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != "" {
			return "", fmt.Errorf("base path %q: use letters, digits, '-', '_' and '.' between slashes", s)
		}
	}
	return "/" + s, nil
}

// --- Static build ---------------------------------------------------------

// buildConfig holds the options of the build command.
type buildConfig struct {
	out      string    // output directory
	web      string    // static assets, with app.wasm
	basePath string    // normalised: "" or "/repo"
	siteURL  string    // public address of the site, for og:url; may be ""
	log      io.Writer // where to say how app.wasm was compressed; nil for nowhere
}

// runBuild implements "smtpexplain build".
func runBuild(args []string, stdout, stderr io.Writer) int {
	const use = "usage: smtpexplain build [--out dist] [--base-path /REPO] [--site-url URL] [--web web]"
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	out := fl.String("out", defaultOut, "output directory")
	base := fl.String("base-path", "", "path the site is served under, such as /REPO for a GitHub Pages project site")
	site := fl.String("site-url", "", "public address of the site, such as https://USER.github.io/REPO (optional)")
	web := fl.String("web", defaultWeb, "directory of static assets holding app.wasm")
	if code, done := parseFlags(fl, args, use, stdout, stderr); done {
		return code
	}
	cfg := buildConfig{out: *out, web: *web, log: stdout}
	var err error
	if cfg.basePath, err = normalizeBasePath(*base); err != nil {
		return fail(stderr, "build", err)
	}
	if cfg.siteURL, err = normalizeSiteURL(*site); err != nil {
		return fail(stderr, "build", err)
	}
	start := time.Now()
	n, err := buildSite(cfg)
	if err != nil {
		return fail(stderr, "build", err)
	}
	where := cfg.basePath
	if where == "" {
		where = "/"
	}
	fmt.Fprintf(stdout, "smtpexplain: wrote %d pages to %s for %s in %s\n", n, cfg.out, where, time.Since(start).Round(time.Millisecond))
	return exitOK
}

// parseFlags parses a command's flags. It reports done with the exit
// status when the command must stop: after --help, on a bad flag or on an
// unexpected argument.
func parseFlags(fl *flag.FlagSet, args []string, use string, stdout, stderr io.Writer) (code int, done bool) {
	err := fl.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintln(stdout, use)
		fl.SetOutput(stdout)
		fl.PrintDefaults()
		return exitOK, true
	case err != nil:
		fmt.Fprintf(stderr, "smtpexplain: %s: %v (%s)\n", fl.Name(), err, use)
		return exitUsage, true
	case fl.NArg() > 0:
		fmt.Fprintf(stderr, "smtpexplain: %s: unexpected argument %q (%s)\n", fl.Name(), fl.Arg(0), use)
		return exitUsage, true
	}
	return exitOK, false
}

// fail prints a one-line error and returns the usage exit status.
func fail(stderr io.Writer, cmd string, err error) int {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	fmt.Fprintf(stderr, "smtpexplain: %s: %s\n", cmd, msg)
	return exitUsage
}

// normalizeSiteURL checks the public address of the site and drops a
// trailing slash.
func normalizeSiteURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("site URL %q: want an address such as https://user.github.io/repo", s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// buildSite writes the static site and returns the number of pages.
// Every page is a directory index file (codes/550/index.html), so any
// static host serves /codes/550/ without rewrite rules; 404.html boots the
// app for paths that have no file.
func buildSite(cfg buildConfig) (int, error) {
	wasm := filepath.Join(cfg.web, "app.wasm")
	if st, err := os.Stat(wasm); err != nil || !st.Mode().IsRegular() {
		return 0, fmt.Errorf("%s is missing: build it first with \"make wasm\"", wasm)
	}
	version, err := siteVersion(cfg.web, cfg.basePath)
	if err != nil {
		return 0, err
	}
	gz, err := compressedWasm(cfg.web)
	if err != nil {
		return 0, err
	}
	if err := prepareOut(cfg.out, cfg.web); err != nil {
		return 0, err
	}
	h := newAppHandler(cfg.basePath, version)
	pages := append(app.Pages(), app.NotFoundPath)
	for _, p := range pages {
		body, err := fetch(h, p, "text/html")
		if err != nil {
			return 0, err
		}
		og := ""
		if cfg.siteURL != "" && p != app.NotFoundPath {
			og = cfg.siteURL + p
		}
		if body, err = fixPage(body, og, cfg.basePath+"/web/"+wasmGzName); err != nil {
			return 0, fmt.Errorf("page %s: %w", p, err)
		}
		if err := writeOut(cfg.out, pageFile(p), body); err != nil {
			return 0, err
		}
	}
	for _, p := range packageFiles {
		body, err := fetch(h, p, "")
		if err != nil {
			return 0, err
		}
		switch p {
		case manifestPath:
			if body, err = fixManifest(body, cfg.basePath); err != nil {
				return 0, err
			}
		case appJSPath:
			if body, err = patchAppJS(body); err != nil {
				return 0, err
			}
		}
		if err := writeOut(cfg.out, strings.TrimPrefix(p, "/"), body); err != nil {
			return 0, err
		}
	}
	// The site serves the program compressed only.
	if err := copyDir(cfg.web, filepath.Join(cfg.out, "web"), wasmName, wasmGzName); err != nil {
		return 0, err
	}
	if err := writeOut(cfg.out, "web/"+wasmGzName, gz.data); err != nil {
		return 0, err
	}
	if cfg.log != nil {
		fmt.Fprintf(cfg.log, "smtpexplain: web/%s is %d bytes, from %s\n", wasmGzName, len(gz.data), gz.how)
	}
	favicon, err := os.ReadFile(filepath.Join(cfg.web, "favicon.ico"))
	if err != nil {
		return 0, fmt.Errorf("reading the favicon: %w", err)
	}
	if err := writeOut(cfg.out, "favicon.ico", favicon); err != nil {
		return 0, err
	}
	// The site has no Jekyll sources; tell GitHub Pages not to run it.
	if err := writeOut(cfg.out, ".nojekyll", nil); err != nil {
		return 0, err
	}
	return len(pages), nil
}

// pageFile is the file that holds a page: "/" is index.html, "/codes/550/"
// is codes/550/index.html and "/404.html" is itself.
func pageFile(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// prepareOut makes sure dir exists and is empty. It empties a previous
// build but refuses to touch a directory that holds anything else.
func prepareOut(dir, web string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("output directory %s: %w", dir, err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("output directory %s: %w", dir, err)
	}
	webAbs, err := filepath.Abs(web)
	if err != nil {
		return fmt.Errorf("web directory %s: %w", web, err)
	}
	if abs == filepath.Dir(abs) || abs == webAbs || strings.HasPrefix(cwd+string(filepath.Separator), abs+string(filepath.Separator)) {
		return fmt.Errorf("output directory %s: refusing to write into it; choose a new directory such as dist", dir)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating output directory: %w", err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("output directory %s: %w", dir, err)
	case len(entries) == 0:
		return nil
	}
	for _, marker := range []string{"app-worker.js", "manifest.webmanifest", "index.html"} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
			return fmt.Errorf("output directory %s is not empty and holds no previous build; refusing to overwrite it", dir)
		}
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("emptying output directory: %w", err)
		}
	}
	return nil
}

// fetch asks the handler for path and returns the body of a 200 response
// whose content type starts with wantType (any type when "").
func fetch(h http.Handler, path, wantType string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, "http://localhost"+path, nil)
	if err != nil {
		return nil, fmt.Errorf("requesting %s: %w", path, err)
	}
	rec := newMemResponse()
	h.ServeHTTP(rec, req)
	if rec.status != http.StatusOK {
		return nil, fmt.Errorf("rendering %s: status %d", path, rec.status)
	}
	if ct := rec.header.Get("Content-Type"); !strings.HasPrefix(ct, wantType) {
		return nil, fmt.Errorf("rendering %s: content type %q, want %s", path, ct, wantType)
	}
	return rec.body.Bytes(), nil
}

// writeOut writes data to rel under dir, creating folders as needed.
func writeOut(dir, rel string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return nil
}

// copyDir copies the regular, non-hidden files of src into dst, but for
// the files named in skip (paths relative to src).
func copyDir(src, dst string, skip ...string) error {
	files, err := listFiles(src)
	if err != nil {
		return err
	}
	for _, rel := range files {
		if slices.Contains(skip, filepath.ToSlash(rel)) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return fmt.Errorf("copying %s: %w", rel, err)
		}
		if err := writeOut(dst, filepath.ToSlash(rel), b); err != nil {
			return err
		}
	}
	return nil
}

// memResponse is an http.ResponseWriter that keeps the response in
// memory.
type memResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newMemResponse() *memResponse {
	return &memResponse{header: http.Header{}}
}

// Header returns the response headers.
func (m *memResponse) Header() http.Header { return m.header }

// WriteHeader records the status of the response; the first call wins.
func (m *memResponse) WriteHeader(status int) {
	if m.status == 0 {
		m.status = status
	}
}

// Write appends to the body, with status 200 unless one was set.
func (m *memResponse) Write(b []byte) (int, error) {
	m.WriteHeader(http.StatusOK)
	return m.body.Write(b)
}

// --- Manifest post-processing -------------------------------------------

// maskableIcons are the icons whose artwork stays inside the safe zone of
// a maskable icon, so that launchers can crop them to any shape. go-app's
// manifest template has no "purpose" field; fixManifest adds them.
var maskableIcons = []struct{ src, sizes string }{
	{"/web/icon-maskable-192.png", "192x192"},
	{"/web/icon-maskable-512.png", "512x512"},
}

// fixManifest adds the maskable icons to go-app's manifest, marks the
// others as "any", and gives the app an id and categories.
func fixManifest(body []byte, basePath string) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	icons, _ := m["icons"].([]any)
	if len(icons) == 0 {
		return nil, errors.New("the manifest lists no icons")
	}
	for _, ic := range icons {
		if icon, ok := ic.(map[string]any); ok {
			icon["purpose"] = "any"
		}
	}
	for _, ic := range maskableIcons {
		icons = append(icons, map[string]any{"src": basePath + ic.src, "sizes": ic.sizes, "type": "image/png", "purpose": "maskable"})
	}
	m["icons"] = icons
	m["id"] = basePath + "/"
	m["categories"] = []string{"developer", "utilities", "productivity"}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing the manifest: %w", err)
	}
	return out, nil
}

// --- HTML post-processing ------------------------------------------------

// htmlPatterns are the expressions fixPage reads pages with.
type htmlPatterns struct{ meta, img, attr *regexp.Regexp }

// pagePatterns compiles the expressions when a page is first fixed rather
// than when the program starts: "explain" never needs them.
var pagePatterns = sync.OnceValue(func() htmlPatterns {
	return htmlPatterns{
		meta: regexp.MustCompile(`<meta\b[^>]*>`),
		img:  regexp.MustCompile(`<img\b[^>]*>`),
		attr: regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?`),
	}
})

// fixPage corrects go-app's generated HTML: it allows zooming, sets or
// drops og:url (go-app writes the address of its own request), drops
// empty meta tags, gives the loading icon an empty alt text and adds the
// Content-Security-Policy right after the charset, followed by a preload
// of the compressed program at wasmURL: its download then starts while
// the page is parsed instead of when app.js runs.
func fixPage(page []byte, ogURL, wasmURL string) ([]byte, error) {
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
		return nil, errors.New("not an HTML page")
	}
	pat := pagePatterns()
	charset := false
	out := pat.meta.ReplaceAllFunc(page, func(tag []byte) []byte {
		attrs := tagAttrs(pat.attr, tag)
		key := attrs["name"]
		if key == "" {
			key = attrs["property"]
		}
		switch {
		case attrs["charset"] != "":
			charset = true
			return []byte(`<meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="` + contentSecurityPolicy + `">` +
				`<link rel="preload" href="` + html.EscapeString(wasmURL) + `" as="fetch" crossorigin="anonymous">`)
		case key == "viewport":
			return []byte(`<meta name="viewport" content="` + viewport + `">`)
		case key == "og:url" && ogURL == "":
			return nil
		case key == "og:url":
			return []byte(`<meta property="og:url" content="` + html.EscapeString(ogURL) + `">`)
		case key != "" && strings.TrimSpace(attrs["content"]) == "":
			return nil
		}
		return tag
	})
	if !charset {
		return nil, errors.New("no charset meta tag to put the Content-Security-Policy after")
	}
	out = pat.img.ReplaceAllFunc(out, func(tag []byte) []byte {
		if _, ok := tagAttrs(pat.attr, tag)["alt"]; ok {
			return tag
		}
		return append([]byte(`<img alt=""`), tag[len("<img"):]...)
	})
	return out, nil
}

// tagAttrs returns the attributes of one HTML start tag, read with attr.
func tagAttrs(attr *regexp.Regexp, tag []byte) map[string]string {
	inner := bytes.TrimSuffix(bytes.TrimSuffix(tag, []byte(">")), []byte("/"))
	if i := bytes.IndexAny(inner, " \t\n"); i >= 0 {
		inner = inner[i:]
	} else {
		inner = nil
	}
	attrs := map[string]string{}
	for _, m := range attr.FindAllSubmatch(inner, -1) {
		attrs[strings.ToLower(string(m[1]))] = html.UnescapeString(string(m[2]))
	}
	return attrs
}

// --- Local server ----------------------------------------------------------

// runServe implements "smtpexplain serve": it serves the app from web/
// with go-app's handler, which pre-renders each page on request.
func runServe(args []string, stdout, stderr io.Writer) int {
	const use = "usage: smtpexplain serve [--addr 127.0.0.1:8000]"
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	addr := fl.String("addr", defaultAddr, "address to listen on")
	if code, done := parseFlags(fl, args, use, stdout, stderr); done {
		return code
	}
	wasm := filepath.Join(defaultWeb, "app.wasm")
	if st, err := os.Stat(wasm); err != nil || !st.Mode().IsRegular() {
		return fail(stderr, "serve", fmt.Errorf("%s is missing: build it first with \"make wasm\" and run serve from the project folder", wasm))
	}
	version, err := siteVersion(defaultWeb, "")
	if err != nil {
		return fail(stderr, "serve", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(stderr, "serve", err)
	}
	dev := newDevHandler(newAppHandler("", version), defaultWeb)
	gz, err := dev.wasmGz()
	if err != nil {
		return fail(stderr, "serve", err)
	}
	fmt.Fprintf(stdout, "smtpexplain: serving web/%s as %d bytes, from %s\n", wasmGzName, len(gz.data), gz.how)
	srv := &http.Server{
		Handler:           dev,
		ReadHeaderTimeout: 10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	fmt.Fprintf(stdout, "smtpexplain: serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(stderr, "serve", err)
	}
	return exitOK
}

// devHandler serves the app like the static site behaves: pages without
// their trailing slash redirect to it, unknown paths answer 404 with the
// app's not-found page, and pages get the same HTML fixes as the build.
type devHandler struct {
	app    http.Handler // go-app's handler
	web    string       // the static assets folder
	wasmGz func() (compressed, error)
}

// newDevHandler returns the handler of the serve command. The program is
// compressed once, on first use, as the build does it.
func newDevHandler(h http.Handler, web string) *devHandler {
	return &devHandler{app: h, web: web, wasmGz: sync.OnceValues(func() (compressed, error) { return compressedWasm(web) })}
}

// ServeHTTP serves one request.
func (d *devHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/web/"+wasmGzName {
		gz, err := d.wasmGz()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/gzip")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, wasmGzName, time.Time{}, bytes.NewReader(gz.data))
		return
	}
	if strings.HasPrefix(p, "/web/") {
		d.app.ServeHTTP(w, r)
		return
	}
	if p == appJSPath {
		rec := newMemResponse()
		d.app.ServeHTTP(rec, r)
		body, err := patchAppJS(rec.body.Bytes())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", rec.header.Get("Content-Type"))
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(body)
		return
	}
	if p == "/favicon.ico" {
		http.ServeFile(w, r, filepath.Join(d.web, "favicon.ico"))
		return
	}
	if p == manifestPath {
		rec := newMemResponse()
		d.app.ServeHTTP(rec, r)
		body, err := fixManifest(rec.body.Bytes(), "")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/manifest+json")
		w.Write(body)
		return
	}
	if !strings.HasSuffix(p, "/") && app.IsPage(p+"/") {
		u := *r.URL
		u.Path = p + "/"
		http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
		return
	}
	rec := newMemResponse()
	d.app.ServeHTTP(rec, r)
	body, status := rec.body.Bytes(), rec.status
	if status == 0 {
		status = http.StatusOK
	}
	if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") && status == http.StatusOK {
		if fixed, err := fixPage(body, "", "/web/"+wasmGzName); err == nil {
			body = fixed
		}
		if !app.IsPage(p) {
			status = http.StatusNotFound
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
