//go:build browser

package main

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// loadBreakdownJS reads, once the app is interactive, where the time of a
// first load went, in milliseconds since the navigation started, from the
// browser's own timeline: the navigation and resource entries, the
// paints, and the marks the app leaves (app.js when the program has
// compiled, main.go when the Go program starts).
const loadBreakdownJS = `(() => {
	const nav = performance.getEntriesByType("navigation")[0];
	const res = performance.getEntriesByType("resource");
	const find = (re) => res.find((e) => re.test(new URL(e.name).pathname)) || {};
	const mark = (n) => { const m = performance.getEntriesByName(n); return m.length ? m[0].startTime : 0; };
	const wasm = find(/\/app\.wasm(\.gz)?$/);
	return {
		document: nav.responseEnd,
		fcp: mark("first-contentful-paint"),
		dcl: nav.domContentLoadedEventEnd,
		appjs: find(/\/app\.js$/).responseEnd || 0,
		wasmStart: wasm.startTime || 0,
		wasmEnd: wasm.responseEnd || 0,
		wasmBytes: wasm.encodedBodySize || 0,
		compiled: mark("smtpexplain:compiled"),
		main: mark("smtpexplain:main"),
		interactive: window.smtpexplainInteractive || 0,
	};
})()`

// loadBreakdown is what loadBreakdownJS returns.
type loadBreakdown struct {
	Document    float64 `json:"document"`
	FCP         float64 `json:"fcp"`
	DCL         float64 `json:"dcl"`
	AppJS       float64 `json:"appjs"`
	WasmStart   float64 `json:"wasmStart"`
	WasmEnd     float64 `json:"wasmEnd"`
	WasmBytes   float64 `json:"wasmBytes"`
	Compiled    float64 `json:"compiled"`
	Main        float64 `json:"main"`
	Interactive float64 `json:"interactive"`
}

// BenchmarkBrowserLoad breaks a cold first load (fresh profile, each
// iteration a new browser) into its steps and reports the median time
// since navigation of each: document received, first contentful paint,
// app.js received, app.wasm requested and received, program compiled and
// instantiated (compiled-ms; compiling streams with the download), Go
// program started after package initialisation (main-ms) and page mounted
// (interactive-ms, as in BenchmarkBrowser). The steps' own lengths are
// reported too: init-ms is main minus compiled (runtime and package
// initialisation), mount-ms is interactive minus main, compile-tail-ms is
// compiled minus the end of the download. Run it with
//
//	make wasm build && ./bin/smtpexplain build --out dist-test && \
//	  ./bin/smtpexplain build --out dist-test-base --base-path /smtpexplain && \
//	  SMTPEXPLAIN_DIST=dist-test SMTPEXPLAIN_DIST_BASE=dist-test-base \
//	  go test -tags browser -run '^$' -bench BrowserLoad -benchtime 5x .
func BenchmarkBrowserLoad(b *testing.B) {
	root, _ := sites(b)
	host := newPagesHost(b, root, "")
	var runs []loadBreakdown
	for i := 0; i < b.N; i++ {
		br := newBrowser(b)
		ctx, cancel := context.WithTimeout(br.ctx, step)
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: interactiveJS})
		cancel()
		if err != nil {
			b.Fatalf("adding the timing script: %v", err)
		}
		br.open(host.url("/"))
		runs = append(runs, evalJS[loadBreakdown](br, loadBreakdownJS))
		br.close()
	}
	metric := func(name string, f func(loadBreakdown) float64) {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		b.ReportMetric(median(v), name)
	}
	b.ReportMetric(0, "ns/op")
	metric("document-ms", func(r loadBreakdown) float64 { return r.Document })
	metric("fcp-ms", func(r loadBreakdown) float64 { return r.FCP })
	metric("appjs-ms", func(r loadBreakdown) float64 { return r.AppJS })
	metric("wasm-start-ms", func(r loadBreakdown) float64 { return r.WasmStart })
	metric("wasm-end-ms", func(r loadBreakdown) float64 { return r.WasmEnd })
	metric("wasm-bytes", func(r loadBreakdown) float64 { return r.WasmBytes })
	metric("compiled-ms", func(r loadBreakdown) float64 { return r.Compiled })
	metric("main-ms", func(r loadBreakdown) float64 { return r.Main })
	metric("interactive-ms", func(r loadBreakdown) float64 { return r.Interactive })
	metric("compile-tail-ms", func(r loadBreakdown) float64 { return r.Compiled - r.WasmEnd })
	metric("init-ms", func(r loadBreakdown) float64 { return r.Main - r.Compiled })
	metric("mount-ms", func(r loadBreakdown) float64 { return r.Interactive - r.Main })
	for i, r := range runs {
		b.Logf("run %d: %+v", i+1, r)
	}
}
