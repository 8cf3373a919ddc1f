package codes_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// wantFinding is what a test expects of one finding. Diagnostic is compared
// only when set; the booleans always.
type wantFinding struct {
	recipient, reply, status, reason, action string
	permanent, hardBounce                    bool
	diagnostic                               string
	words                                    []string // substrings expected in the diagnostic
	warns                                    []string // substrings, each expected in some warning
}

// checkFinding compares a finding with the expectation and checks that its
// evidence lies inside the input and covers its codes.
func checkFinding(t *testing.T, text string, f codes.Finding, w wantFinding) {
	t.Helper()
	if f.Recipient != w.recipient || f.ReplyCode != w.reply || f.Status != w.status {
		t.Errorf("recipient, reply, status = %q, %q, %q; want %q, %q, %q",
			f.Recipient, f.ReplyCode, f.Status, w.recipient, w.reply, w.status)
	}
	if w.reason != "" && f.Reason != w.reason {
		t.Errorf("Reason = %q, want %q", f.Reason, w.reason)
	}
	if w.action != "" && f.Action != w.action {
		t.Errorf("Action = %q, want %q", f.Action, w.action)
	}
	if f.Permanent != w.permanent {
		t.Errorf("Permanent = %v, want %v", f.Permanent, w.permanent)
	}
	if f.HardBounce != w.hardBounce {
		t.Errorf("HardBounce = %v, want %v", f.HardBounce, w.hardBounce)
	}
	if w.diagnostic != "" && f.Diagnostic != w.diagnostic {
		t.Errorf("Diagnostic = %q\nwant %q", f.Diagnostic, w.diagnostic)
	}
	for _, s := range w.words {
		if !strings.Contains(f.Diagnostic, s) {
			t.Errorf("Diagnostic lacks %q: %q", s, f.Diagnostic)
		}
	}
	// The markers of a multi-line or folded reply are not the server's words.
	if f.ReplyCode != "" && f.Status != "" {
		for _, marker := range []string{f.ReplyCode + "-" + f.Status, f.ReplyCode + " " + f.Status} {
			if strings.Contains(f.Diagnostic, marker) {
				t.Errorf("Diagnostic carries the marker %q: %q", marker, f.Diagnostic)
			}
		}
	}
	for _, s := range w.warns {
		if !containsSubstring(f.Warnings, s) {
			t.Errorf("Warnings %q lack one mentioning %q", f.Warnings, s)
		}
	}
	checkEvidence(t, text, f)
}

func containsSubstring(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// checkEvidence checks that a finding's evidence spans lie inside the input
// and that its codes are written inside them.
func checkEvidence(t *testing.T, text string, f codes.Finding) {
	t.Helper()
	if len(f.Evidence) == 0 {
		t.Errorf("finding %s %s has no evidence", f.ReplyCode, f.Status)
		return
	}
	var quoted strings.Builder
	for _, ev := range f.Evidence {
		if ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End {
			t.Errorf("evidence [%d,%d) is outside the input (%d bytes)", ev.Start, ev.End, len(text))
			continue
		}
		quoted.WriteString(text[ev.Start:ev.End])
		quoted.WriteByte('\n')
	}
	for _, c := range []string{f.ReplyCode, f.Status} {
		if c != "" && !strings.Contains(quoted.String(), c) {
			t.Errorf("evidence %v (%q) does not contain %s", f.Evidence, quoted.String(), c)
		}
	}
}

func TestDecodeReplies(t *testing.T) {
	tests := []struct {
		name, text string
		want       []wantFinding
	}{
		{"unknown user", "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
			[]wantFinding{{recipient: "alice@example.net", reply: "550", status: "5.1.1", reason: "userunknown", action: "failed",
				permanent: true, hardBounce: true,
				diagnostic: "<alice@example.net>: Recipient address rejected: User unknown in virtual mailbox table"}}},
		{"temporary", "421 4.7.0 Try again later, closing connection.",
			[]wantFinding{{reply: "421", status: "4.7.0", action: "delayed", diagnostic: "Try again later, closing connection."}}},
		{"mailbox full", "452 4.2.2 <bob@example.org>: Mailbox full",
			[]wantFinding{{recipient: "bob@example.org", reply: "452", status: "4.2.2", reason: "mailboxfull", action: "delayed"}}},
		{"blocked is permanent but not a hard bounce", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
			[]wantFinding{{reply: "554", status: "5.7.1", reason: "blocked", action: "failed", permanent: true}}},
		{"null MX domain", "556 5.1.10 Recipient address has null MX",
			[]wantFinding{{reply: "556", status: "5.1.10", reason: "notaccept", action: "failed", permanent: true, hardBounce: true}}},
		{"success", "250 2.0.0 Ok: queued as 4F550A2B",
			[]wantFinding{{reply: "250", status: "2.0.0", reason: "delivered", action: "delivered", diagnostic: "Ok: queued as 4F550A2B"}}},
		{"prose", "the server responded: 554 5.7.9 Message not accepted for policy reasons",
			[]wantFinding{{reply: "554", status: "5.7.9", action: "failed", permanent: true,
				diagnostic: "Message not accepted for policy reasons"}}},
		{"qmail", "No mailbox here by that name. (#5.1.1)",
			[]wantFinding{{status: "5.1.1", reason: "userunknown", action: "failed", permanent: true, hardBounce: true,
				diagnostic: "No mailbox here by that name."}}},
		{"a line-count limit is a size limit", "500 Line limit exceeded",
			[]wantFinding{{reply: "500", reason: "mesgtoobig", action: "failed", permanent: true, diagnostic: "Line limit exceeded"}}},
		{"bare reply code", "550",
			[]wantFinding{{reply: "550", action: "failed", permanent: true}}},
		{"bare enhanced code", "5.1.1",
			[]wantFinding{{status: "5.1.1", reason: "userunknown", action: "failed", permanent: true, hardBounce: true}}},
		{"two replies", "550 5.1.1 <a@example.net>: unknown\n452 4.2.2 <b@example.net>: over quota\n",
			[]wantFinding{
				{recipient: "a@example.net", reply: "550", status: "5.1.1", reason: "userunknown", permanent: true, hardBounce: true},
				{recipient: "b@example.net", reply: "452", status: "4.2.2", reason: "mailboxfull"},
			}},
		{"class mismatch", "550 4.2.2 Mailbox full",
			// The reply code decides what the sending server does: 550 is
			// permanent whatever the enhanced code says.
			[]wantFinding{{reply: "550", status: "4.2.2", action: "failed", permanent: true,
				warns: []string{"550", "4.2.2"}}}},
		{"unregistered enhanced code", "550 5.7.999 Rejected by local policy",
			[]wantFinding{{reply: "550", status: "5.7.999", action: "failed", permanent: true,
				diagnostic: "Rejected by local policy", warns: []string{"5.7.999"}}}},
		{"unregistered reply code", "599 Something unusual",
			[]wantFinding{{reply: "599", action: "failed", permanent: true, diagnostic: "Something unusual", warns: []string{"599"}}}},
		{"overloaded enhanced code", "535 5.7.8 Authentication credentials invalid",
			[]wantFinding{{reply: "535", status: "5.7.8", reason: "securityerror", action: "failed", permanent: true,
				warns: []string{"RFC 4468"}}}},
		{"multi-line reply", gmailMultiline,
			[]wantFinding{{reply: "550", status: "5.7.26", reason: "authfailure", action: "failed", permanent: true,
				diagnostic: "This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp"}}},
		{"multi-line reply, LF", strings.ReplaceAll(gmailMultiline, "\r\n", "\n"),
			[]wantFinding{{reply: "550", status: "5.7.26", reason: "authfailure", action: "failed", permanent: true,
				diagnostic: "This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp"}}},
		{"multi-line reply, CR only", strings.ReplaceAll(gmailMultiline, "\r\n", "\r"),
			[]wantFinding{{reply: "550", status: "5.7.26", reason: "authfailure", action: "failed", permanent: true,
				diagnostic: "This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp"}}},
		{"multi-line reply without enhanced codes", "554-mx.example.org\n554-No SMTP service here\n554 Go away\n",
			[]wantFinding{{reply: "554", action: "failed", permanent: true, diagnostic: "mx.example.org No SMTP service here Go away"}}},
		{"multi-line temporary reply", "452-4.2.2 The recipient's inbox is out of storage space.\n452-4.2.2 Please direct the recipient to\n452 4.2.2 https://support.google.com/mail/?p=OverQuotaTemp - gsmtp\n",
			[]wantFinding{{reply: "452", status: "4.2.2", reason: "mailboxfull", action: "delayed",
				diagnostic: "The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp"}}},
		{"nul byte", "550 5.1.1 user\x00unknown",
			[]wantFinding{{reply: "550", status: "5.1.1", reason: "userunknown", action: "failed", permanent: true, hardBounce: true,
				diagnostic: "user unknown"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := decode(t, tt.text)
			if len(rep.Findings) != len(tt.want) {
				t.Fatalf("Decode(%q): %d findings, want %d: %s", tt.text, len(rep.Findings), len(tt.want), summarize(rep))
			}
			for i, w := range tt.want {
				checkFinding(t, tt.text, rep.Findings[i], w)
			}
		})
	}
}

// decode runs codes.Decode and, should it panic, fails the test instead of
// crashing the whole test binary.
func decode(t testing.TB, text string) codes.Report {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("Decode(%.200q) panicked: %v\n%s", text, p, debug.Stack())
		}
	}()
	return codes.Decode(text)
}

// summarize lists the findings of a report in one line for failure messages.
func summarize(rep codes.Report) string {
	var parts []string
	for _, f := range rep.Findings {
		parts = append(parts, strings.TrimSpace(f.Recipient+" "+f.ReplyCode+" "+f.Status)+" ["+f.Diagnostic+"]")
	}
	return strings.Join(parts, "; ")
}

func TestDecodeWellFormedCodesHaveNoWarnings(t *testing.T) {
	rep := decode(t, "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown")
	if len(rep.Warnings) != 0 {
		t.Errorf("report warnings = %q, want none", rep.Warnings)
	}
	for _, f := range rep.Findings {
		if len(f.Warnings) != 0 {
			t.Errorf("finding warnings = %q, want none", f.Warnings)
		}
	}
}

// TestDecodeJoinsMultilineReplies checks that the lines of one reply make
// one finding whose diagnostic carries none of the line markers.
func TestDecodeJoinsMultilineReplies(t *testing.T) {
	tests := []struct {
		name, text, reply, status string
		words                     []string // words of the reply that must survive
	}{
		{"gmail", gmailMultiline, "550", "5.7.26", []string{"blocked", "unauthenticated", "either SPF or DKIM"}},
		{"postfix folded", postfixFolded, "550", "5.1.1", []string{"does not exist", "double-checking", "unnecessary spaces", "NoSuchUser"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := decode(t, tt.text)
			if len(rep.Findings) != 1 {
				t.Fatalf("%d findings, want 1: %s", len(rep.Findings), summarize(rep))
			}
			f := rep.Findings[0]
			if f.ReplyCode != tt.reply || f.Status != tt.status {
				t.Errorf("reply, status = %q, %q; want %q, %q", f.ReplyCode, f.Status, tt.reply, tt.status)
			}
			for _, marker := range []string{tt.reply + "-" + tt.status, tt.reply + " " + tt.status, tt.status} {
				if strings.Contains(f.Diagnostic, marker) {
					t.Errorf("Diagnostic still carries the marker %q: %q", marker, f.Diagnostic)
				}
			}
			if strings.HasPrefix(f.Diagnostic, "-") {
				t.Errorf("Diagnostic starts with a marker's dash: %q", f.Diagnostic)
			}
			for _, w := range tt.words {
				if !strings.Contains(f.Diagnostic, w) {
					t.Errorf("Diagnostic lacks %q: %q", w, f.Diagnostic)
				}
			}
			checkEvidence(t, tt.text, f)
		})
	}
}

// TestDecodeBounceFixtures checks the per-recipient result of the
// hand-written messages in testdata.
func TestDecodeBounceFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []wantFinding
	}{
		{"postfix-bounce.txt", []wantFinding{{recipient: "jane.doe@example.com", reply: "550", status: "5.1.1",
			reason: "userunknown", action: "failed", permanent: true, hardBounce: true,
			words: []string{"does not exist", "double-checking", "unnecessary spaces"}}}},
		{"exim-bounce.txt", []wantFinding{{recipient: "bob@example.org", reply: "550", status: "5.7.1",
			action: "failed", permanent: true, words: []string{"rejected as spam"}}}},
		{"qmail-bounce.txt", []wantFinding{{recipient: "nobody@example.org", status: "5.1.1",
			reason: "userunknown", action: "failed", permanent: true, hardBounce: true,
			words: []string{"no mailbox here"}}}},
		{"dsn-fields.txt", []wantFinding{{recipient: "carol@example.com", reply: "552", status: "5.2.2",
			reason: "mailboxfull", action: "failed", permanent: true, words: []string{"over quota"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			rep := decode(t, text)
			if len(rep.Findings) != len(tt.want) {
				t.Fatalf("%d findings, want %d: %s", len(rep.Findings), len(tt.want), summarize(rep))
			}
			for i, w := range tt.want {
				checkFinding(t, text, rep.Findings[i], w)
			}
		})
	}
}

func TestDecodeOddInput(t *testing.T) {
	tests := []struct {
		name, text string
		kind       string // "" accepts any kind
		warning    string // substring of a report warning; "" when none is required
		codes      []string
	}{
		{"empty", "", codes.KindUnknown, "empty", nil},
		{"spaces", "   ", codes.KindUnknown, "empty", nil},
		{"white space and newlines", " \n\t\r\n \r ", codes.KindUnknown, "empty", nil},
		{"only NUL bytes", "\x00\x00\x00\x00", codes.KindUnknown, "", nil},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00", codes.KindUnknown, "binary", nil},
		{"control bytes", strings.Repeat("\x01\x02\x03\x04\x05\x06\x07\x08", 8), codes.KindUnknown, "binary", nil},
		{"invalid utf-8 only", "\xff\xfe\xfd\xfc", codes.KindUnknown, "", nil},
		{"invalid utf-8 before a host cue", "\xa1000BY ", "", "", nil},
		{"invalid utf-8 in a bounce", "Mail delivery failed\n\xa1\xa1 by mx.example.org\n", "", "", nil},
		{"no codes", "Hello, this is just a note.", codes.KindUnknown, "", nil},
		{"NUL inside a reply", "550 5.1.1 user\x00unknown", "", "", []string{"550", "5.1.1"}},
		{"CR line ends", "550-5.1.1 first line\r550 5.1.1 second line\r", "", "", []string{"550", "5.1.1", "550", "5.1.1"}},
		{"invalid utf-8 in a reply", "550 5.1.1 caf\xe9 \xff unknown", "", "", []string{"550", "5.1.1"}},
		{"latin-1 text", "550 5.1.1 Empf\xe4nger unbekannt", "", "", []string{"550", "5.1.1"}},
		{"very long line", "550 5.1.1 " + strings.Repeat("x", 1<<20), "", "", []string{"550", "5.1.1"}},
		{"many lines", strings.Repeat("550-5.1.1 no\n", 5000) + "550 5.1.1 end\n", "", "", repeat(5001, "550", "5.1.1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := decode(t, tt.text)
			if rep.Kind == "" {
				t.Errorf("Kind is empty")
			}
			if tt.kind != "" && rep.Kind != tt.kind {
				t.Errorf("Kind = %q, want %q", rep.Kind, tt.kind)
			}
			if tt.codes == nil {
				if len(rep.Findings) != 0 || len(rep.Codes) != 0 {
					t.Errorf("findings %s, codes %d; want none", summarize(rep), len(rep.Codes))
				}
				if len(rep.Warnings) == 0 {
					t.Errorf("no warning says why nothing was found")
				}
			} else if got := foundCodes(t, tt.text); strings.Join(got, " ") != strings.Join(tt.codes, " ") {
				t.Errorf("codes = %q, want %q", shorten(got), shorten(tt.codes))
			}
			if tt.warning != "" && !containsSubstring(rep.Warnings, tt.warning) {
				t.Errorf("Warnings %q lack one mentioning %q", rep.Warnings, tt.warning)
			}
			for _, f := range rep.Findings {
				checkEvidence(t, tt.text, f)
				if strings.ContainsRune(f.Diagnostic, 0) {
					t.Errorf("Diagnostic %q carries a NUL byte", f.Diagnostic)
				}
			}
			b, err := json.Marshal(rep)
			if err != nil || !json.Valid(b) {
				t.Errorf("json.Marshal: %v", err)
			}
		})
	}
}

func shorten(list []string) []string {
	if len(list) > 6 {
		return append(list[:6:6], "…")
	}
	return list
}

// TestReportJSONEmptyLists checks the JSON contract: lists are [] and never
// null, and every key is present.
func TestReportJSONEmptyLists(t *testing.T) {
	for _, text := range []string{"", "nothing here", "550 5.1.1 <alice@example.net>: unknown", "\x00\x01\x02\x03\x04\x05"} {
		b, err := json.Marshal(decode(t, text))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"findings", "codes", "warnings"} {
			if _, ok := m[key].([]any); !ok {
				t.Errorf("Decode(%q): %q is %v in %s, want a list", text, key, m[key], b)
			}
		}
		if _, ok := m["kind"].(string); !ok {
			t.Errorf("Decode(%q): kind is missing from %s", text, b)
		}
		findings, _ := m["findings"].([]any)
		for _, f := range findings {
			fm := f.(map[string]any)
			for _, key := range []string{"evidence", "warnings"} {
				if _, ok := fm[key].([]any); !ok {
					t.Errorf("Decode(%q): finding %q is %v, want a list", text, key, fm[key])
				}
			}
			for _, key := range []string{"recipient", "action", "reply_code", "status", "reason", "command",
				"remote_host", "provider", "diagnostic", "summary", "explanation"} {
				if _, ok := fm[key].(string); !ok {
					t.Errorf("Decode(%q): finding key %q is %v, want a string", text, key, fm[key])
				}
			}
			for _, key := range []string{"permanent", "hard_bounce"} {
				if _, ok := fm[key].(bool); !ok {
					t.Errorf("Decode(%q): finding key %q is %v, want a bool", text, key, fm[key])
				}
			}
		}
	}
	b, _ := json.Marshal(decode(t, ""))
	for _, want := range []string{`"findings":[]`, `"codes":[]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("empty report %s lacks %s", b, want)
		}
	}
	b, _ = json.Marshal(decode(t, "550 5.1.1 <alice@example.net>: unknown"))
	if !strings.Contains(string(b), `"warnings":[]`) {
		t.Errorf("report without warnings %s does not write \"warnings\":[]", b)
	}
}

func TestDecoderIsSafeForConcurrentUse(t *testing.T) {
	inputs := []string{gmailMultiline, postfixFolded, postfixLog, "550", "", "5.7.999"}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		b, _ := json.Marshal(codes.Decode(in))
		want[i] = string(b)
	}
	done := make(chan string, 8*len(inputs))
	for g := 0; g < 8; g++ {
		go func() {
			for i, in := range inputs {
				b, _ := json.Marshal(codes.Decode(in))
				if string(b) != want[i] {
					done <- "differs for " + in
					continue
				}
				done <- ""
			}
		}()
	}
	for n := 0; n < 8*len(inputs); n++ {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}
