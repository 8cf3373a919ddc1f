//go:build !js

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/smtpexplain/smtpexplain/codes"
)

// defaultMaxSize is the largest message explained unless --max-size says
// otherwise.
const defaultMaxSize = 10 << 20

// message is one input to explain: a file, standard input, one message of
// an mbox file, or one file of a Maildir folder.
type message struct {
	file  string // as given on the command line ("-" for standard input)
	index int    // 1-based position in an mbox file, 0 otherwise
	text  string
}

// batchItem is one line of JSON Lines output: the report and where it came
// from.
type batchItem struct {
	File  string `json:"file"`
	Index int    `json:"index,omitempty"`
	codes.Report
}

// runExplain implements "smtpexplain explain".
func runExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the report as JSON (one object; JSON Lines for several messages)")
	maxSize := fl.Int64("max-size", defaultMaxSize, "largest message to explain, in bytes")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: smtpexplain explain [--json] [--max-size BYTES] [FILE|MAILDIR|MBOX|- ...]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	names := fl.Args()
	if len(names) == 0 {
		names = []string{"-"}
	}
	status := exitOK
	var msgs []message
	for _, name := range names {
		got, err := readMessages(name, stdin, *maxSize)
		if err != nil {
			fmt.Fprintf(stderr, "smtpexplain: %v\n", err)
			status = exitUsage
		}
		msgs = append(msgs, got...)
	}
	progress := isTerminal(stderr) && len(msgs) > 1
	lines := *asJSON && (len(msgs) > 1 || len(names) > 1)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for i, m := range msgs {
		if progress {
			fmt.Fprintf(stderr, "\r%d/%d %s", i+1, len(msgs), displayName(m))
		}
		rep := codes.Decode(m.text)
		var err error
		switch {
		case lines:
			err = enc.Encode(batchItem{File: m.file, Index: m.index, Report: rep})
		case *asJSON:
			err = enc.Encode(rep)
		default:
			if len(msgs) > 1 || len(names) > 1 {
				fmt.Fprintf(stdout, "== %s\n", displayName(m))
			}
			writeText(stdout, rep)
		}
		if err != nil {
			fmt.Fprintf(stderr, "smtpexplain: writing output: %v\n", err)
			return exitUsage
		}
	}
	if progress {
		fmt.Fprintln(stderr)
	}
	return status
}

func displayName(m message) string {
	name := m.file
	if name == "-" {
		name = "standard input"
	}
	if m.index > 0 {
		return fmt.Sprintf("%s (message %d)", name, m.index)
	}
	return name
}

// readMessages reads one command-line argument: standard input ("-"), a
// file, an mbox file (several messages), or a Maildir folder (cur/ and
// new/). Messages larger than maxSize are refused with an error; the
// others are still returned.
func readMessages(name string, stdin io.Reader, maxSize int64) ([]message, error) {
	if name == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, maxSize+1))
		if err != nil {
			return nil, fmt.Errorf("standard input: %w", err)
		}
		if int64(len(b)) > maxSize {
			return nil, fmt.Errorf("standard input: larger than the %s limit (see --max-size)", sizeText(maxSize))
		}
		return []message{{file: "-", text: string(b)}}, nil
	}
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	if st.IsDir() {
		return readMaildir(name, maxSize)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(5)
	if string(head) == "From " {
		return readMbox(name, br, maxSize)
	}
	if st.Size() > maxSize {
		return nil, fmt.Errorf("%s: %s is larger than the %s limit (see --max-size)", name, sizeText(st.Size()), sizeText(maxSize))
	}
	b, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	return []message{{file: name, text: string(b)}}, nil
}

// readMbox splits an mbox file into messages at "From " lines that follow
// an empty line (or start the file), streaming, so large mailboxes are not
// read whole. A message over maxSize is skipped with an error naming it.
func readMbox(name string, br *bufio.Reader, maxSize int64) ([]message, error) {
	var msgs []message
	var cur strings.Builder
	var errs []error
	index, blank, tooBig := 0, true, false
	flush := func() {
		if index == 0 {
			return
		}
		if tooBig {
			errs = append(errs, fmt.Errorf("%s: message %d is larger than the %s limit (see --max-size)", name, index, sizeText(maxSize)))
		} else {
			msgs = append(msgs, message{file: name, index: index, text: cur.String()})
		}
		cur.Reset()
		tooBig = false
	}
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			if blank && strings.HasPrefix(line, "From ") {
				flush()
				index++
			}
			if !tooBig {
				if int64(cur.Len()+len(line)) > maxSize {
					tooBig = true
					cur.Reset()
				} else {
					cur.WriteString(line)
				}
			}
			blank = strings.TrimRight(line, "\r\n") == ""
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return msgs, fmt.Errorf("%s: %w", name, err)
		}
	}
	flush()
	return msgs, errors.Join(errs...)
}

// readMaildir reads the messages of a Maildir folder (its cur and new
// subfolders), in name order. A folder that is not a Maildir is an error.
func readMaildir(dir string, maxSize int64) ([]message, error) {
	var files []string
	found := false
	for _, sub := range []string{"cur", "new"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if e.Type().IsRegular() {
				files = append(files, filepath.Join(dir, sub, e.Name()))
			}
		}
	}
	if !found {
		return nil, fmt.Errorf("%s: is a directory, not a Maildir (no cur or new folder)", dir)
	}
	sort.Strings(files)
	var msgs []message
	var errs []error
	for _, f := range files {
		got, err := readMessages(f, nil, maxSize)
		if err != nil {
			errs = append(errs, err)
		}
		msgs = append(msgs, got...)
	}
	return msgs, errors.Join(errs...)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// isTerminal reports whether w is a terminal (progress is shown only there).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeText prints a report for people: per finding the verdict first,
// then whose problem it is, when to retry, what to do, and what the codes
// mean.
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
	if rep.Reporter != "" {
		fmt.Fprintf(w, "Written by: %s\n", rep.Reporter)
	}
	for _, st := range rep.Session {
		if st.Failed {
			fmt.Fprintf(w, "The SMTP session failed at %s: %s %s %s\n", st.Command, st.Code, st.Status, st.Text)
			break
		}
	}
	for i, f := range rep.Findings {
		if i > 0 || rep.Reporter != "" {
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
		case f.Action == "delivered" || f.Reason == "delivered":
			outcome = "delivered"
		case f.Reason == "vacation":
			outcome = "an automatic reply, not a failure"
		case f.Reason == "feedback":
			outcome = "a complaint or feedback report, not a bounce"
		case f.Permanent:
			outcome = "permanent failure: sending the same message again will not help"
		}
		fmt.Fprintf(w, "  Outcome:  %s\n", outcome)
		hard := ""
		if f.HardBounce {
			hard = " (hard bounce: fix or remove the address)"
		}
		fmt.Fprintf(w, "  Reason:   %s%s\n", f.Reason, hard)
		for _, kv := range [][2]string{{"Stage", f.Command}, {"Server", f.RemoteHost}, {"Provider", f.Provider}, {"Client", f.Client}} {
			if kv[1] != "" {
				fmt.Fprintf(w, "  %-9s %s\n", kv[0]+":", kv[1])
			}
		}
		if f.Diagnostic != "" {
			fmt.Fprintf(w, "  Server said: %s\n", f.Diagnostic)
		}
		if f.Fault != "" {
			fmt.Fprintf(w, "  Whose problem: %s. %s\n", f.Fault, f.FaultWhy)
		}
		if f.Retry != "" {
			when := f.Retry
			if f.RetryAfter != "" {
				when += " (" + f.RetryAfter + ")"
			}
			fmt.Fprintf(w, "  Retry:    %s. %s\n", when, f.RetryWhy)
		}
		writeSteps(w, "What the sender can do", f.SenderAction)
		writeSteps(w, "What the administrator can do", f.AdminAction)
		if f.Explanation != "" {
			fmt.Fprintf(w, "  Why: %s\n", f.Explanation)
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
		for _, warn := range f.Warnings {
			fmt.Fprintf(w, "  Warning: %s\n", warn)
		}
		if len(f.References) > 0 {
			fmt.Fprintln(w, "  References:")
			for _, r := range f.References {
				fmt.Fprintf(w, "    %s  %s\n", r.Title, r.URL)
			}
		}
	}
}

// writeSteps prints a titled list of steps.
func writeSteps(w io.Writer, title string, steps []string) {
	if len(steps) == 0 {
		return
	}
	fmt.Fprintf(w, "  %s:\n", title)
	for _, s := range steps {
		fmt.Fprintf(w, "    - %s\n", s)
	}
}
