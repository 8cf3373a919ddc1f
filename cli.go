//go:build !js

package main

import (
	"fmt"
	"io"
)

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
