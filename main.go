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
	"fmt"
	"io"
	"os"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/app"
)

func main() {
	if !goapp.IsServer {
		// The Go runtime and every package are initialised: mark it on the
		// page's timeline, between the compiled program and the mounted
		// page (see browser_load_bench_test.go).
		if perf := goapp.Window().Get("performance"); perf.Truthy() {
			perf.Call("mark", "smtpexplain:main")
		}
	}
	// In the decoding worker the same program decodes large inputs for
	// the page instead of drawing it.
	if !goapp.IsServer && app.InWorker() {
		app.ServeDecodeWorker()
	}
	app.Routes()
	goapp.RunWhenOnBrowser()
	// app.IsServer is a constant: the compiler drops this branch from the
	// WebAssembly build, keeping the CLI and the server out of app.wasm.
	if goapp.IsServer {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
}

// Exit statuses of the CLI.
const (
	exitOK    = 0 // success, including "nothing found"
	exitUsage = 2 // bad usage or a file that cannot be read
)

// run dispatches a CLI command and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "explain":
		return runExplain(args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "smtpexplain: unknown command %q (try: explain, serve, build)\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  smtpexplain explain [--json] [--max-size BYTES] [FILE|MAILDIR|MBOX ...]
                                                explain files, Maildir folders, mbox files,
                                                or standard input when none or "-"
  smtpexplain serve [--addr 127.0.0.1:8000]      serve the app locally
  smtpexplain build [--out dist] [--base-path /REPO]  write the static site
`)
}
