//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/app"
)

// The page and the decoding worker fetch the WebAssembly program
// gzip-compressed, as a plain file, and inflate it themselves with the
// browser's DecompressionStream: static hosts do not all compress
// application/wasm, and a precompressed file can be squeezed harder than a
// host would bother to.
const (
	wasmName   = "app.wasm"    // the program, as "make wasm" writes it to web/
	wasmGzName = "app.wasm.gz" // what the site serves in its place
)

// gzipResources names web/app.wasm.gz as the app's WebAssembly file, so
// that go-app's app.js fetches it and its service worker caches it.
type gzipResources struct{ goapp.ResourceProvider }

// AppWASM returns the path of the compressed program.
func (r gzipResources) AppWASM() string { return r.ResourceProvider.AppWASM() + ".gz" }

// ServeHTTP serves the static files, as the wrapped provider does.
func (r gzipResources) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	h, ok := r.ResourceProvider.(http.Handler)
	if !ok {
		http.NotFound(w, req)
		return
	}
	h.ServeHTTP(w, req)
}

// compressed is the gzip-compressed program and how it was compressed.
type compressed struct {
	data []byte
	how  string
}

// compressedWasm returns web/app.wasm gzip-compressed, and how it was
// compressed. "make wasm" leaves web/app.wasm.gz compressed with zopfli
// when zopfli is installed, which gives a smaller file than Go's
// compress/gzip; it is used when it holds exactly the current app.wasm.
// Otherwise the program is compressed here, with compress/gzip at
// BestCompression.
func compressedWasm(webDir string) (compressed, error) {
	raw, err := os.ReadFile(filepath.Join(webDir, wasmName))
	if err != nil {
		return compressed{}, fmt.Errorf("reading the WebAssembly program: %w", err)
	}
	pre := filepath.Join(webDir, wasmGzName)
	if b, err := os.ReadFile(pre); err == nil {
		if same, err := gunzipEquals(b, raw); err == nil && same {
			return compressed{b, pre + ", precompressed by make wasm"}, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return compressed{}, fmt.Errorf("reading %s: %w", pre, err)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return compressed{}, fmt.Errorf("compressing %s: %w", wasmName, err)
	}
	if _, err := zw.Write(raw); err != nil {
		return compressed{}, fmt.Errorf("compressing %s: %w", wasmName, err)
	}
	if err := zw.Close(); err != nil {
		return compressed{}, fmt.Errorf("compressing %s: %w", wasmName, err)
	}
	return compressed{buf.Bytes(), "app.wasm, compressed with compress/gzip at BestCompression (no up-to-date " + pre + ")"}, nil
}

// gunzipEquals reports whether gz inflates to exactly want.
func gunzipEquals(gz, want []byte) (bool, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return false, fmt.Errorf("reading gzip data: %w", err)
	}
	got, err := io.ReadAll(io.LimitReader(zr, int64(len(want))+1))
	if err != nil {
		return false, fmt.Errorf("inflating gzip data: %w", err)
	}
	return bytes.Equal(got, want), nil
}

// The edits patchAppJS makes to go-app's app.js. Each one must find its
// text exactly once, so that a go-app update that changes the script
// fails the build instead of silently loading the uncompressed way.
var appJSEdits = []struct{ what, old, new string }{
	{
		// On a first visit, register the service worker once the app
		// has started and settled (smtpexplainAfterStart): its install
		// downloads every page of the site, which would otherwise compete
		// with the first load and the page's start-up work. The files the
		// page has fetched by then come from the browser's HTTP cache.
		what: "service worker registration",
		old:  "goappInitServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly();\n",
		new:  "smtpexplainStartServiceWorker();\ngoappWatchForUpdate();\ngoappWatchForInstallable();\ngoappInitWebAssembly().finally(smtpexplainAfterStart);\n",
	},
	{
		what: "WebAssembly fetch",
		old:  `fetchWithProgress("`,
		new:  `smtpexplainFetchWasm("`,
	},
	{
		what: "WebAssembly start",
		// The loading indicator is removed once the app is mounted
		// (app.BeforeMount, smtpexplainMountSoon): go.run returns as soon
		// as the program first hands the page back to the browser, which
		// it now does before the mount.
		old: "    go.run(wasm.instance);\n    loader.remove();\n",
		new: "    performance.mark(\"smtpexplain:compiled\");\n    smtpexplainWasmModule = wasm.module;\n    await smtpexplainYield();\n    go.run(wasm.instance);\n",
	},
}

// appJSTail is added to go-app's app.js.
const appJSTail = `
// -----------------------------------------------------------------------------
// smtpexplain
// -----------------------------------------------------------------------------

// smtpexplainWasmModule is the compiled program, which the page hands to
// its decoding worker (app/worker.go) so that the worker need not compile
// it again.
var smtpexplainWasmModule = null;

// smtpexplainEarlyInput is the state of the pre-rendered text area just
// before the app is mounted (app.BeforeMount reads it with
// smtpexplainReadEarlyInput, the home page takes it): the page can be
// typed into before the app runs, and the app's first mount replaces that
// text area with its own, which then gets the text, the focus and the
// selection.
var smtpexplainEarlyInput = null;

// smtpexplainMountSoon calls resume, a function of the program, from a
// new task, so that the browser handles what waits (keys typed meanwhile)
// first. The program mounts the app before that call returns: go-app's
// loading indicator is removed then, in the same task, as go-app itself
// does once the program first returns.
function smtpexplainMountSoon(resume) {
  setTimeout(() => {
    resume();
    const loader = document.getElementById("app-wasm-loader");
    if (loader) {
      loader.remove();
    }
  }, 0);
}

function smtpexplainReadEarlyInput() {
  const area = document.getElementById("` + app.InputID + `");
  if (!(area instanceof HTMLTextAreaElement)) {
    return null;
  }
  const focused = document.activeElement === area;
  if (area.value === "" && !focused) {
    return null;
  }
  return { text: area.value, focused, start: area.selectionStart, end: area.selectionEnd };
}

// smtpexplainYield lets the browser handle what is waiting (keys typed
// into the page, a paint) before the page goes on loading the program.
function smtpexplainYield() {
  if (window.scheduler && typeof scheduler.yield === "function") {
    return scheduler.yield();
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// smtpexplainSlice is how long, in milliseconds, the page inflates and
// hands the program to the compiler before it lets the browser handle
// input: under the 50 ms from which a task counts as long, with room for
// the piece that goes over it on a busy machine (at 40 ms, tasks of 41–49
// ms), and not so short that the turns add up (at 8 ms the page was
// interactive about a tenth later). smtpexplainPiece is how many
// compressed bytes it takes at a time.
const smtpexplainSlice = 30;
const smtpexplainPiece = 32 * 1024;

// smtpexplainFetchWasm fetches the gzip-compressed program and inflates it
// as it arrives, so that the browser compiles it while it downloads. The
// bytes go on in pieces, and the browser gets its turn at least every
// smtpexplainSlice milliseconds: a program that has arrived whole (as it
// does from a fast host) would otherwise be inflated and compiled in one
// go, with keys typed meanwhile waiting the whole time. The progress counts the
// compressed bytes, which Content-Length gives. A host that marks the file
// with a Content-Encoding has had the browser inflate it already.
async function smtpexplainFetchWasm(url, progress) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error("fetching " + url + ": " + response.status);
  }
  const total = parseInt(response.headers.get("Content-Length"), 10);
  const pipe = response.headers.get("Content-Encoding") ? new TransformStream() : new DecompressionStream("gzip");
  const reader = response.body.getReader();
  const writer = pipe.writable.getWriter();
  (async () => {
    let loaded = 0;
    let since = performance.now();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        for (let at = 0; at < value.byteLength; at += smtpexplainPiece) {
          const piece = value.subarray(at, Math.min(at + smtpexplainPiece, value.byteLength));
          await writer.write(piece);
          loaded += piece.byteLength;
          if (total > 0) {
            progress(Math.min(100, Math.round((loaded * 100) / total)));
          }
          if (performance.now() - since >= smtpexplainSlice) {
            await smtpexplainYield();
            since = performance.now();
          }
        }
      }
      await writer.close();
    } catch (err) {
      writer.abort(err).catch(() => {});
      reader.cancel(err).catch(() => {});
    }
  })();
  return new Response(pipe.readable, { headers: { "Content-Type": "application/wasm" } });
}

// smtpexplainStartServiceWorker registers the service worker at once, as
// go-app does, on a page that it already controls: an update found while
// the page loads is then announced. Nothing is downloaded again unless
// there is a new version.
function smtpexplainStartServiceWorker() {
  if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
    goappInitServiceWorker();
  }
}

// smtpexplainAfterStart registers the service worker on a first visit,
// once the app has started (or failed to) and says that it has settled
// (smtpexplainSettled), or smtpexplainSettleMs after it started, whichever
// comes first. The install fetches and caches every page of the site,
// which keeps the browser process busy; meanwhile each font the page lays
// out for the first time waits for that process, and the app's start-up
// work (its rehearsal) lays out several: tasks of 50 to 90 ms in half the
// first visits, against none once the install waits for it.
function smtpexplainAfterStart() {
  if (!("serviceWorker" in navigator) || navigator.serviceWorker.controller) {
    return;
  }
  smtpexplainStarted = true;
  if (smtpexplainHasSettled) {
    smtpexplainRegister();
    return;
  }
  setTimeout(smtpexplainRegister, smtpexplainSettleMs);
}

// smtpexplainSettleMs is how long after the app starts the service worker
// is registered on a first visit at the latest.
const smtpexplainSettleMs = 8000;
let smtpexplainStarted = false;
let smtpexplainHasSettled = false;
let smtpexplainRegistered = false;

// smtpexplainSettled is called by the app once its start-up work is over.
function smtpexplainSettled() {
  smtpexplainHasSettled = true;
  performance.mark("smtpexplain:settled");
  if (smtpexplainStarted) {
    smtpexplainRegister();
  }
}

// smtpexplainRegister registers the service worker, once.
function smtpexplainRegister() {
  if (smtpexplainRegistered) {
    return;
  }
  smtpexplainRegistered = true;
  goappInitServiceWorker();
}
`

// patchAppJS makes go-app's app.js fetch the compressed program and
// register the service worker after the app has started.
func patchAppJS(js []byte) ([]byte, error) {
	for _, e := range appJSEdits {
		if n := bytes.Count(js, []byte(e.old)); n != 1 {
			return nil, fmt.Errorf("patching app.js (%s): found %q %d times, want once; has go-app changed?", e.what, e.old, n)
		}
		js = bytes.Replace(js, []byte(e.old), []byte(e.new), 1)
	}
	return append(js, appJSTail...), nil
}
