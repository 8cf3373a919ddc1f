//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	unknownUser = "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown\n"
	mailboxFull = "452 4.2.2 <bob@example.org>: Mailbox full\n"
)

// cli runs the command line with the given arguments and standard input.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeFile writes a file in a fresh temporary folder and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExplainText(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, dir, "reply.txt", unknownUser)
	tests := []struct {
		name  string
		stdin string
		args  []string
	}{
		{"standard input", unknownUser, []string{"explain"}},
		{"dash", unknownUser, []string{"explain", "-"}},
		{"file", "", []string{"explain", file}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, tt.stdin, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
			}
			if errOut != "" {
				t.Errorf("stderr = %q, want nothing", errOut)
			}
			for _, want := range []string{"alice@example.net", "550", "5.1.1", "userunknown", "Bad destination mailbox address"} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "== ") {
				t.Errorf("a single input is printed with a file header:\n%s", out)
			}
		})
	}
}

func TestExplainSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", unknownUser)
	b := writeFile(t, dir, "b.txt", mailboxFull)
	code, out, errOut := cli(t, "", "explain", a, b)
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
	}
	ia, ib := strings.Index(out, "== "+a), strings.Index(out, "== "+b)
	if ia < 0 || ib < 0 || ia > ib {
		t.Fatalf("output does not head each file in order:\n%s", out)
	}
	if first := out[ia:ib]; !strings.Contains(first, "alice@example.net") || strings.Contains(first, "bob@example.org") {
		t.Errorf("first file's section is wrong:\n%s", first)
	}
	if second := out[ib:]; !strings.Contains(second, "bob@example.org") || !strings.Contains(second, "4.2.2") {
		t.Errorf("second file's section is wrong:\n%s", second)
	}
}

func TestExplainFilesAndStandardInput(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", unknownUser)
	code, out, errOut := cli(t, mailboxFull, "explain", a, "-")
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
	}
	if !strings.Contains(out, "== standard input") || !strings.Contains(out, "bob@example.org") || !strings.Contains(out, "alice@example.net") {
		t.Errorf("output lacks one of the inputs:\n%s", out)
	}
}

// schemaKeys are the keys every report and finding carries in --json.
var (
	reportKeys  = []string{"kind", "findings", "codes", "warnings"}
	findingKeys = []string{"recipient", "action", "reply_code", "status", "reason", "permanent", "hard_bounce",
		"command", "remote_host", "provider", "diagnostic", "summary", "explanation", "evidence", "warnings"}
)

// decodeReports reads the JSON documents the CLI wrote, one per input.
func decodeReports(t *testing.T, out string) []map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var reps []map[string]any
	for {
		var m map[string]any
		err := dec.Decode(&m)
		if errors.Is(err, io.EOF) {
			return reps
		}
		if err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, out)
		}
		reps = append(reps, m)
	}
}

func checkSchema(t *testing.T, rep map[string]any) {
	t.Helper()
	for _, k := range reportKeys {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks key %q", k)
		}
	}
	for _, k := range []string{"findings", "codes", "warnings"} {
		if _, ok := rep[k].([]any); !ok {
			t.Errorf("report %q is %v, want a list", k, rep[k])
		}
	}
	findings, _ := rep["findings"].([]any)
	for _, f := range findings {
		fm, ok := f.(map[string]any)
		if !ok {
			t.Fatalf("finding is %T, want an object", f)
		}
		for _, k := range findingKeys {
			if _, ok := fm[k]; !ok {
				t.Errorf("finding lacks key %q", k)
			}
		}
		for _, k := range []string{"evidence", "warnings"} {
			if _, ok := fm[k].([]any); !ok {
				t.Errorf("finding %q is %v, want a list", k, fm[k])
			}
		}
	}
}

func TestExplainJSON(t *testing.T) {
	code, out, errOut := cli(t, unknownUser, "explain", "--json")
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
	}
	reps := decodeReports(t, out)
	if len(reps) != 1 {
		t.Fatalf("%d JSON documents, want 1", len(reps))
	}
	rep := reps[0]
	checkSchema(t, rep)
	findings, _ := rep["findings"].([]any)
	if len(findings) != 1 {
		t.Fatalf("%d findings, want 1", len(findings))
	}
	f := findings[0].(map[string]any)
	want := map[string]any{
		"recipient": "alice@example.net", "reply_code": "550", "status": "5.1.1",
		"reason": "userunknown", "action": "failed", "permanent": true, "hard_bounce": true,
	}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("finding %s = %v, want %v", k, f[k], v)
		}
	}
	if !strings.Contains(out, `"<alice@example.net>`) {
		t.Errorf("JSON escapes HTML characters; want them as written:\n%s", out)
	}
}

func TestExplainJSONEmpty(t *testing.T) {
	code, out, _ := cli(t, "", "explain", "--json")
	if code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	reps := decodeReports(t, out)
	if len(reps) != 1 {
		t.Fatalf("%d JSON documents, want 1", len(reps))
	}
	checkSchema(t, reps[0])
	if !strings.Contains(out, `"findings":[]`) || !strings.Contains(out, `"codes":[]`) {
		t.Errorf("empty lists are not written as []:\n%s", out)
	}
}

func TestExplainJSONSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", unknownUser)
	b := writeFile(t, dir, "b.txt", mailboxFull)
	code, out, errOut := cli(t, "", "explain", "--json", a, b)
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr %q", code, errOut)
	}
	reps := decodeReports(t, out)
	if len(reps) != 2 {
		t.Fatalf("%d JSON documents, want one per file (2)", len(reps))
	}
	for i, wantRcpt := range []string{"alice@example.net", "bob@example.org"} {
		checkSchema(t, reps[i])
		findings, _ := reps[i]["findings"].([]any)
		if len(findings) != 1 || findings[0].(map[string]any)["recipient"] != wantRcpt {
			t.Errorf("report %d: findings %v, want one for %s", i, findings, wantRcpt)
		}
	}
}

func TestExplainEmptyInput(t *testing.T) {
	for _, in := range []string{"", "  \n\t\n"} {
		code, out, errOut := cli(t, in, "explain")
		if code != 0 {
			t.Errorf("explain of %q: exit %d, want 0", in, code)
		}
		if !strings.Contains(strings.ToLower(out+errOut), "empty") {
			t.Errorf("explain of %q does not say the input is empty: stdout %q, stderr %q", in, out, errOut)
		}
	}
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.txt", "")
	code, out, _ := cli(t, "", "explain", empty)
	if code != 0 || !strings.Contains(strings.ToLower(out), "empty") {
		t.Errorf("explain of an empty file: exit %d, output %q; want 0 and a note that it is empty", code, out)
	}
}

func TestExplainNothingFound(t *testing.T) {
	code, out, _ := cli(t, "Hello, this is an ordinary note.\n", "explain")
	if code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	if strings.TrimSpace(out) == "" {
		t.Errorf("no output for text without codes; want a note that nothing was found")
	}
}

// stderrLine checks that stderr is one line that names what it must.
func stderrLine(t *testing.T, stderr string, names ...string) {
	t.Helper()
	if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr is not one line: %q", stderr)
	}
	for _, n := range names {
		if !strings.Contains(stderr, n) {
			t.Errorf("stderr %q does not name %q", stderr, n)
		}
	}
}

func TestExplainMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-file.txt")
	code, out, errOut := cli(t, "", "explain", missing)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	stderrLine(t, errOut, missing)
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
}

func TestExplainDirectory(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := cli(t, "", "explain", dir)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	stderrLine(t, errOut, dir)
}

func TestExplainBatchWithAFailure(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", unknownUser)
	missing := filepath.Join(dir, "missing.txt")
	b := writeFile(t, dir, "b.txt", mailboxFull)
	t.Run("text", func(t *testing.T) {
		code, out, errOut := cli(t, "", "explain", a, missing, b)
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
		stderrLine(t, errOut, missing)
		if !strings.Contains(out, "alice@example.net") || !strings.Contains(out, "bob@example.org") {
			t.Errorf("the readable files are not all explained:\n%s", out)
		}
	})
	t.Run("json", func(t *testing.T) {
		code, out, errOut := cli(t, "", "explain", "--json", a, missing, b)
		if code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
		stderrLine(t, errOut, missing)
		if reps := decodeReports(t, out); len(reps) != 2 {
			t.Errorf("%d JSON documents, want 2 (one per readable file)", len(reps))
		}
	})
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"frobnicate"}},
		{"unknown flag", []string{"explain", "--no-such-flag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cli(t, unknownUser, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if errOut == "" {
				t.Errorf("nothing on stderr")
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
	code, _, errOut := cli(t, "", "frobnicate")
	if code == 2 && !strings.Contains(errOut, "frobnicate") {
		t.Errorf("stderr %q does not name the unknown command", errOut)
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"help", "-h", "--help"} {
		code, out, _ := cli(t, "", arg)
		if code != 0 || !strings.Contains(out, "explain") {
			t.Errorf("%s: exit %d, output %q; want 0 and the usage", arg, code, out)
		}
	}
}
