//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/app"
)

// gzipped compresses b with the header name set, so that a test can tell
// its own file from one compressed by the build.
func gzipped(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Name = name
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gunzip inflates b.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip data: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("inflating: %v", err)
	}
	return out
}

func TestCompressedWasm(t *testing.T) {
	raw := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 some code "), 200)
	tests := []struct {
		name     string
		pre      []byte // web/app.wasm.gz, nil for none
		wantPre  bool   // the precompressed file is served as it is
		wantFrom string // in the description of how
	}{
		{"no precompressed file", nil, false, "compress/gzip at BestCompression"},
		{"precompressed, current", gzipped(t, raw, "pre"), true, "precompressed"},
		{"precompressed, stale", gzipped(t, append(raw, 'x'), "pre"), false, "compress/gzip"},
		{"precompressed, truncated program", gzipped(t, raw[:len(raw)-1], "pre"), false, "compress/gzip"},
		{"not gzip", []byte("not gzip at all"), false, "compress/gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, wasmName), raw, 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.pre != nil {
				if err := os.WriteFile(filepath.Join(dir, wasmGzName), tt.pre, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			gz, err := compressedWasm(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := gunzip(t, gz.data); !bytes.Equal(got, raw) {
				t.Errorf("inflates to %d bytes, want the %d of app.wasm", len(got), len(raw))
			}
			if same := bytes.Equal(gz.data, tt.pre); same != tt.wantPre {
				t.Errorf("served the precompressed file: %v, want %v", same, tt.wantPre)
			}
			if !strings.Contains(gz.how, tt.wantFrom) {
				t.Errorf("how %q does not say %q", gz.how, tt.wantFrom)
			}
		})
	}
	if _, err := compressedWasm(t.TempDir()); err == nil {
		t.Error("no error without app.wasm")
	}
}

func TestPatchAppJS(t *testing.T) {
	rec := get(newAppHandler("/repo", "test"), appJSPath)
	if rec.Code != http.StatusOK {
		t.Fatalf("go-app's app.js: status %d", rec.Code)
	}
	orig := rec.Body.Bytes()
	js, err := patchAppJS(orig)
	if err != nil {
		t.Fatalf("go-app's own app.js: %v", err)
	}
	for _, want := range []string{
		`smtpexplainFetchWasm("/repo/web/app.wasm.gz", showProgress)`,
		`new DecompressionStream("gzip")`,
		"goappInitWebAssembly().finally(smtpexplainAfterStart);",
		`performance.mark("smtpexplain:compiled");`,
		// The browser gets its turn between the compile and the start.
		"await smtpexplainYield();\n    go.run(wasm.instance);",
		// The program reads the text typed before the app (by the text
		// area's id) and removes the loading indicator itself.
		"function smtpexplainReadEarlyInput() {",
		`document.getElementById("` + app.InputID + `")`,
		"function smtpexplainMountSoon(resume) {",
		// The program arrives in pieces, with the browser's turn between.
		"await writer.write(piece);",
	} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("the patched app.js lacks %s", want)
		}
	}
	if bytes.Contains(js, []byte("go.run(wasm.instance);\n    loader.remove();")) {
		t.Error("the patched app.js removes the loading indicator when the program first yields, before the app is mounted")
	}
	// On a first visit the service worker is registered only after the
	// app has started.
	if bytes.Contains(js, []byte("\ngoappInitServiceWorker();")) || !bytes.Contains(js, []byte("\nsmtpexplainStartServiceWorker();")) {
		t.Error("the patched app.js still registers the service worker at once on every visit")
	}
	for _, e := range appJSEdits {
		missing := bytes.Replace(orig, []byte(e.old), nil, 1)
		if _, err := patchAppJS(missing); err == nil || !strings.Contains(err.Error(), e.what) {
			t.Errorf("without the %s: error %v", e.what, err)
		}
		twice := append(append([]byte(nil), orig...), e.old...)
		if _, err := patchAppJS(twice); err == nil {
			t.Errorf("with the %s twice: no error", e.what)
		}
	}
}

func TestBuildServesCompressedWasm(t *testing.T) {
	web := fakeWeb(t)
	raw, err := os.ReadFile(filepath.Join(web, wasmName))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	code, stdout, stderr := siteCLI(t, "build", "--out", out, "--web", web)
	if code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "web/app.wasm.gz is") || !strings.Contains(stdout, "compress/gzip at BestCompression") {
		t.Errorf("the build does not say how app.wasm was compressed: %q", stdout)
	}
	gz, err := os.ReadFile(filepath.Join(out, "web", wasmGzName))
	if err != nil {
		t.Fatal(err)
	}
	if got := gunzip(t, gz); !bytes.Equal(got, raw) {
		t.Errorf("web/app.wasm.gz inflates to %q, want app.wasm", got)
	}
	if _, err := os.Stat(filepath.Join(out, "web", wasmName)); err == nil {
		t.Error("the site holds the uncompressed app.wasm, which nothing fetches")
	}
	for file, want := range map[string]string{
		"app.js":               `smtpexplainFetchWasm("/web/app.wasm.gz"`,
		"app-worker.js":        `"/web/app.wasm.gz"`,
		"web/decode-worker.js": `"app.wasm.gz"`,
	} {
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", file, want)
		}
		if file != "web/decode-worker.js" && strings.Contains(string(b), `/web/app.wasm"`) {
			t.Errorf("%s still names the uncompressed app.wasm", file)
		}
	}
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))

	// A precompressed file that holds the program is served as it is, and
	// the site's version does not depend on how it was compressed.
	pre := gzipped(t, raw, "zopfli stand-in")
	if err := os.WriteFile(filepath.Join(web, wasmGzName), pre, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = siteCLI(t, "build", "--out", out, "--web", web)
	if code != exitOK {
		t.Fatalf("second build: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "precompressed") {
		t.Errorf("the build does not say it used the precompressed file: %q", stdout)
	}
	if gz, _ := os.ReadFile(filepath.Join(out, "web", wasmGzName)); !bytes.Equal(gz, pre) {
		t.Error("the precompressed web/app.wasm.gz was not served as it is")
	}
	if again, _ := os.ReadFile(filepath.Join(out, "app-worker.js")); !bytes.Equal(again, worker) {
		t.Error("the service worker's version changed with the compression alone")
	}

	// A new program is a new version of the site.
	if err := os.WriteFile(filepath.Join(web, wasmName), append(raw, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := siteCLI(t, "build", "--out", out, "--web", web); code != exitOK {
		t.Fatalf("third build: exit %d: %s", code, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "app-worker.js")); bytes.Equal(again, worker) {
		t.Error("the service worker kept its version after app.wasm changed")
	}
	if gz, _ := os.ReadFile(filepath.Join(out, "web", wasmGzName)); !bytes.Equal(gunzip(t, gz), append(raw, 0)) {
		t.Error("web/app.wasm.gz does not hold the new program")
	}
}

func TestDevHandlerServesCompressedWasm(t *testing.T) {
	web := fakeWeb(t)
	raw, err := os.ReadFile(filepath.Join(web, wasmName))
	if err != nil {
		t.Fatal(err)
	}
	h := newDevHandler(newAppHandler("", "test"), web)
	rec := get(h, "/web/app.wasm.gz")
	if rec.Code != http.StatusOK {
		t.Fatalf("/web/app.wasm.gz: status %d", rec.Code)
	}
	if got := gunzip(t, rec.Body.Bytes()); !bytes.Equal(got, raw) {
		t.Errorf("/web/app.wasm.gz inflates to %q", got)
	}
	if enc := rec.Header().Get("Content-Encoding"); enc != "" {
		t.Errorf("Content-Encoding %q: the page inflates the file itself", enc)
	}
	rec = get(h, "/app.js")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `smtpexplainFetchWasm("/web/app.wasm.gz"`) {
		t.Errorf("/app.js: status %d, not patched to fetch the compressed program", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("/app.js: type %q", ct)
	}
	if rec := get(h, "/app-worker.js"); !strings.Contains(rec.Body.String(), `"/web/app.wasm.gz"`) {
		t.Error("/app-worker.js does not cache the compressed program")
	}
}
