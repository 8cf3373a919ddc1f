package main

import (
	"fmt"
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "smtpexplain: serve is not built yet")
	return exitUsage
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "smtpexplain: build is not built yet")
	return exitUsage
}
