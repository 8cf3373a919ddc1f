//go:build browser

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// interactiveJS records, on the page's own clock (milliseconds since the
// navigation started), when go-app removes its loader: the moment the
// WebAssembly app has mounted and the page answers.
const interactiveJS = `(() => {
	let seen = false;
	new MutationObserver((_, obs) => {
		if (document.getElementById("app-wasm-loader")) {
			seen = true;
		} else if (seen) {
			window.smtpexplainInteractive = performance.now();
			obs.disconnect();
		}
	}).observe(document, { childList: true, subtree: true });
})();`

// renderedJS waits until the explanation is that of the text area's text
// and two frames have been painted, then returns the milliseconds since
// the decode started (the app's "smtpexplain:decode" mark).
const renderedJS = `new Promise(resolve => {
	const check = () => {
		const r = document.getElementById("result");
		const want = new TextEncoder().encode(document.getElementById("input").value).length;
		if (r && r.dataset.size == want && document.querySelector("#result .card")) {
			requestAnimationFrame(() => requestAnimationFrame(() => {
				const marks = performance.getEntriesByName("smtpexplain:decode");
				resolve(performance.now() - marks[marks.length - 1].startTime);
			}));
			return;
		}
		setTimeout(check, 1);
	};
	check();
})`

// BenchmarkBrowser measures the built site in headless Chromium served
// from localhost: navigation to interactive with a fresh profile (cold)
// and again from the service worker (warm), and the time from the start
// of a decode to the painted result for the largest email of the shared
// corpus (when ../shared/corpus is there): the first time, which starts
// the decoding worker, and again. Each iteration is one fresh browser; the
// medians are reported as cold-ms, warm-ms, first-render-ms and render-ms.
// Run it with "make bench-browser".
func BenchmarkBrowser(b *testing.B) {
	root, _ := sites(b)
	host := newPagesHost(b, root, "")
	largest := largestCorpusEmail(b)
	var cold, warm, first, render []float64
	for i := 0; i < b.N; i++ {
		br := newBrowser(b)
		ctx, cancel := context.WithTimeout(br.ctx, step)
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: interactiveJS})
		cancel()
		if err != nil {
			b.Fatalf("adding the timing script: %v", err)
		}
		br.open(host.url("/"))
		cold = append(cold, evalJS[float64](br, "window.smtpexplainInteractive || 0"))
		br.waitOffline()
		br.do(chromedp.Reload())
		br.waitApp()
		warm = append(warm, evalJS[float64](br, "window.smtpexplainInteractive || 0"))
		if largest != "" {
			// The first large text also starts the decoding worker.
			br.setInput(largest)
			first = append(first, evalJS[float64](br, renderedJS))
			br.setInput(largest + "\n")
			render = append(render, evalJS[float64](br, renderedJS))
		}
		br.close()
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(median(cold), "cold-ms")
	b.ReportMetric(median(warm), "warm-ms")
	if len(render) > 0 {
		b.ReportMetric(median(first), "first-render-ms")
		b.ReportMetric(median(render), "render-ms")
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
