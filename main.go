// Command smtpexplain explains SMTP errors and bounces. In the browser it is
// a go-app progressive web app compiled to WebAssembly; natively it is the
// command-line tool:
//
//	smtpexplain explain [--json] [--max-size BYTES] [FILE|MAILDIR|MBOX ...]
//	                                          decode files, folders or standard input
//	smtpexplain serve [--addr 127.0.0.1:8000] serve the app locally
//	smtpexplain build [--out dist] [--base-path /REPO]  write the static site
package main

import (
	"os"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/app"
)

func main() {
	// app.IsServer is a constant: the compiler drops this branch from the
	// WebAssembly build, and the CLI's files (cli.go, explain.go, site.go,
	// wasmgz.go) are built for other systems only, so that neither the CLI
	// nor the packages it imports are in app.wasm. Natively nothing else
	// runs first: the routes are registered by the commands that serve or
	// write pages, not for explaining a message.
	if goapp.IsServer {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	// The Go runtime and every package are initialised: mark it on the
	// page's timeline, between the compiled program and the mounted page
	// (see browser_load_bench_test.go).
	if perf := goapp.Window().Get("performance"); perf.Truthy() {
		perf.Call("mark", "smtpexplain:main")
	}
	app.TuneMemory()
	// In the decoding worker the same program decodes large inputs for
	// the page instead of drawing it.
	if app.InWorker() {
		app.ServeDecodeWorker()
	}
	app.Routes()
	app.BeforeMount()
	goapp.RunWhenOnBrowser()
}
