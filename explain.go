package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/smtpexplain/smtpexplain/codes"
)

// runExplain implements "smtpexplain explain".
func runExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	files := fl.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := exitOK
	for _, name := range files {
		text, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "smtpexplain: %v\n", err)
			status = exitUsage
			continue
		}
		rep := codes.Decode(text)
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(rep); err != nil {
				fmt.Fprintf(stderr, "smtpexplain: writing output: %v\n", err)
				return exitUsage
			}
			continue
		}
		if len(files) > 1 {
			fmt.Fprintf(stdout, "== %s\n", displayName(name))
		}
		writeText(stdout, rep)
	}
	return status
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// readInput reads a named file, or standard input for "-".
func readInput(name string, stdin io.Reader) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", fmt.Errorf("standard input: %w", err)
		}
		return string(b), nil
	}
	st, err := os.Stat(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if st.IsDir() {
		return "", fmt.Errorf("%s: is a directory", name)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	return string(b), nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeText prints a report for people.
func writeText(w io.Writer, rep codes.Report) {
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "Note: %s\n", warn)
	}
	if len(rep.Findings) == 0 {
		if len(rep.Warnings) == 0 {
			fmt.Fprintln(w, "Nothing to explain was found.")
		}
		return
	}
	for i, f := range rep.Findings {
		if i > 0 {
			fmt.Fprintln(w)
		}
		head := strings.TrimSpace(strings.Join([]string{f.ReplyCode, f.Status}, " "))
		if f.Recipient != "" {
			fmt.Fprintf(w, "%s  %s\n", f.Recipient, head)
		} else {
			fmt.Fprintf(w, "%s\n", head)
		}
		if f.Summary != "" {
			fmt.Fprintf(w, "  %s\n", f.Summary)
		}
		outcome := "temporary failure: the sending server retries"
		switch {
		case f.Action == "delivered":
			outcome = "delivered"
		case f.Permanent:
			outcome = "permanent failure: sending the same message again will not help"
		}
		fmt.Fprintf(w, "  Outcome: %s\n", outcome)
		fmt.Fprintf(w, "  Reason:  %s%s\n", f.Reason, map[bool]string{true: " (hard bounce: fix or remove the address)", false: ""}[f.HardBounce])
		if f.Diagnostic != "" {
			fmt.Fprintf(w, "  Server said: %s\n", f.Diagnostic)
		}
		for _, c := range []string{f.ReplyCode, f.Status} {
			if c == "" {
				continue
			}
			info, err := codes.Lookup(c)
			if err != nil {
				continue
			}
			fmt.Fprintf(w, "  %s  %s\n", c, info.Title)
			if info.Explanation != "" {
				fmt.Fprintf(w, "        %s\n", info.Explanation)
			}
		}
		if f.Explanation != "" {
			fmt.Fprintf(w, "  %s\n", f.Explanation)
		}
		for _, warn := range f.Warnings {
			fmt.Fprintf(w, "  Warning: %s\n", warn)
		}
	}
}
