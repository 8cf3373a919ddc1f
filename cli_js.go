//go:build js

package main

import "io"

// run stands for the command line, which the WebAssembly build leaves out:
// main calls it only when not in a browser.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int { return 2 }
