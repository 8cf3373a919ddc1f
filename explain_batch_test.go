//go:build !js

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bounceA = `From MAILER-DAEMON Tue May 14 10:55:21 2024
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: sender@example.net
Subject: Undelivered Mail Returned to Sender

<alice@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1
    <alice@example.com>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)

`

const bounceB = `From MAILER-DAEMON Tue May 14 11:02:09 2024
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: sender@example.net
Subject: Undelivered Mail Returned to Sender

<bob@example.org>: host mx.example.org[192.0.2.20] said: 552 5.2.2
    <bob@example.org>: Mailbox full (in reply to RCPT TO command)

`

// jsonLines decodes JSON Lines output.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var docs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line is not one JSON object: %v\n%s", err, line)
		}
		docs = append(docs, m)
	}
	return docs
}

func recipientOf(doc map[string]any) string {
	fs, _ := doc["findings"].([]any)
	if len(fs) == 0 {
		return ""
	}
	r, _ := fs[0].(map[string]any)["recipient"].(string)
	return r
}

func TestExplainMbox(t *testing.T) {
	dir := t.TempDir()
	mbox := writeFile(t, dir, "bounces.mbox", bounceA+bounceB)
	code, out, errOut := cli(t, "", "explain", "--json", mbox)
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, errOut)
	}
	docs := jsonLines(t, out)
	if len(docs) != 2 {
		t.Fatalf("%d JSON lines, want 2 (one per message):\n%s", len(docs), out)
	}
	for i, want := range []string{"alice@example.com", "bob@example.org"} {
		if got := recipientOf(docs[i]); got != want {
			t.Errorf("message %d: recipient %q, want %q", i+1, got, want)
		}
		if docs[i]["file"] != mbox {
			t.Errorf("message %d: file %v, want %s", i+1, docs[i]["file"], mbox)
		}
		if idx, _ := docs[i]["index"].(float64); int(idx) != i+1 {
			t.Errorf("message %d: index %v, want %d", i+1, docs[i]["index"], i+1)
		}
	}
	// Human output heads each message.
	_, text, _ := cli(t, "", "explain", mbox)
	if !strings.Contains(text, "(message 1)") || !strings.Contains(text, "(message 2)") {
		t.Errorf("text output does not name the messages:\n%s", text)
	}
}

func TestExplainMaildir(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "cur"), "1715680521.1.host:2,S", strings.SplitN(bounceA, "\n", 2)[1])
	writeFile(t, filepath.Join(dir, "new"), "1715680929.2.host", strings.SplitN(bounceB, "\n", 2)[1])
	code, out, errOut := cli(t, "", "explain", "--json", dir)
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, errOut)
	}
	docs := jsonLines(t, out)
	if len(docs) != 2 {
		t.Fatalf("%d JSON lines, want 2:\n%s", len(docs), out)
	}
	got := map[string]bool{recipientOf(docs[0]): true, recipientOf(docs[1]): true}
	if !got["alice@example.com"] || !got["bob@example.org"] {
		t.Errorf("recipients %v, want alice and bob", got)
	}
	for _, d := range docs {
		if f, _ := d["file"].(string); !strings.HasPrefix(f, dir) {
			t.Errorf("file %q is not inside the Maildir", f)
		}
	}
}

func TestExplainMaxSize(t *testing.T) {
	dir := t.TempDir()
	small := writeFile(t, dir, "small.txt", unknownUser)
	big := writeFile(t, dir, "big.txt", unknownUser+strings.Repeat("x", 2048))
	code, out, errOut := cli(t, "", "explain", "--json", "--max-size", "1024", big, small)
	if code != exitUsage {
		t.Errorf("exit %d, want %d when one file is too large", code, exitUsage)
	}
	if !strings.Contains(errOut, "big.txt") || !strings.Contains(errOut, "limit") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("stderr %q, want one line naming big.txt and the limit", errOut)
	}
	docs := jsonLines(t, out)
	if len(docs) != 1 || recipientOf(docs[0]) != "alice@example.net" {
		t.Errorf("the small file was not explained: %s", out)
	}
	code, _, errOut = cli(t, strings.Repeat("y", 2048), "explain", "--max-size", "1024")
	if code != exitUsage || !strings.Contains(errOut, "standard input") {
		t.Errorf("standard input over the limit: exit %d, stderr %q", code, errOut)
	}
}
