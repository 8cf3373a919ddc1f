package codes_test

import (
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// dialogueShape writes an SMTP dialogue as "C:VERB" for commands and
// "S:STAGE:CODE" for replies, in order.
func dialogueShape(steps []codes.Step) []string {
	var out []string
	for _, st := range steps {
		if st.From == "client" {
			out = append(out, "C:"+st.Command)
		} else {
			out = append(out, "S:"+st.Command+":"+st.Code)
		}
	}
	return out
}

// TestTranscripts decodes SMTP dialogues in the formats that programs and
// libraries print, with a failure at each stage of the dialogue.
func TestTranscripts(t *testing.T) {
	tests := []struct {
		file  string
		steps string // dialogueShape, space-separated
		want  []mailExp
	}{
		{"swaks-rcpt.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL S:MAIL:250 C:RCPT S:RCPT:550 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "nobody@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				command: "RCPT", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}}}},
		// Pipelined commands are answered in order.
		{"swaks-pipelining.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL C:RCPT C:RCPT C:DATA S:MAIL:250 S:RCPT:250 S:RCPT:550 S:DATA:354 C:DATA-END S:DATA-END:250 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "zed@example.net", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				command: "RCPT", permanent: isTrue, hard: isTrue}}},
		// Refused at the greeting; the 503 that follows is a consequence.
		{"telnet-connect.txt",
			"S:CONNECT:554 C:EHLO S:EHLO:503 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "-", action: "failed", reply: "554", status: "5.7.1", reason: "blocked",
				command: "CONNECT", permanent: isTrue, hard: isFalse, diag: []string{"zen.spamhaus.org"}}}},
		{"verbose-ehlo.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:550 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "-", action: "failed", reply: "550", status: "5.7.1",
				command: "EHLO", permanent: isTrue, hard: isFalse, diag: []string{"Helo command rejected"}}}},
		{"nodemailer-starttls.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:STARTTLS S:STARTTLS:454",
			[]mailExp{{recipient: "-", reply: "454", status: "4.7.0", reason: "failedstarttls",
				command: "STARTTLS", permanent: isFalse, hard: isFalse}}},
		// The SASL answers are the client's lines after each 334.
		{"openssl-auth.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:AUTH S:AUTH:334 C:AUTH S:AUTH:334 C:AUTH S:AUTH:535 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "-", action: "failed", reply: "535", status: "5.7.8", reason: "securityerror",
				command: "AUTH", permanent: isTrue, hard: isFalse}}},
		{"sc-mail.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL S:MAIL:550 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "-", action: "failed", reply: "550", status: "5.7.1", reason: "rejected",
				command: "MAIL", permanent: isTrue, hard: isFalse, diag: []string{"Sender address rejected"}}}},
		{"sc-data.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL S:MAIL:250 C:RCPT S:RCPT:250 C:DATA S:DATA:554 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "rita@example.com", action: "failed", reply: "554", status: "5.7.1", reason: "blocked",
				command: "DATA", permanent: isTrue, hard: isFalse}}},
		// The 503 only follows the refused recipient.
		{"sc-503.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL S:MAIL:250 C:RCPT S:RCPT:550 C:DATA S:DATA:503 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "nobody@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				command: "RCPT", permanent: isTrue, hard: isTrue}}},
		// Refused after the message: every accepted recipient is affected.
		{"phpmailer-dataend.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:AUTH S:AUTH:334 C:AUTH S:AUTH:334 C:AUTH S:AUTH:235 C:MAIL S:MAIL:250 C:RCPT S:RCPT:250 C:RCPT S:RCPT:250 C:DATA S:DATA:354 C:DATA-END S:DATA-END:550 C:QUIT S:QUIT:221",
			[]mailExp{
				{recipient: "amy@example.com", action: "failed", reply: "550", status: "5.7.1", command: "DATA-END", permanent: isTrue, hard: isFalse},
				{recipient: "bill@example.com", action: "failed", reply: "550", status: "5.7.1", command: "DATA-END", permanent: isTrue, hard: isFalse},
			}},
		// One recipient refused at RCPT, the message refused after DATA
		// for the two that were accepted.
		{"sc-mixed.txt",
			"S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL S:MAIL:250 C:RCPT S:RCPT:250 C:RCPT S:RCPT:550 C:RCPT S:RCPT:250 C:DATA S:DATA:354 C:DATA-END S:DATA-END:552 C:QUIT S:QUIT:221",
			[]mailExp{
				{recipient: "zed@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown", command: "RCPT", permanent: isTrue, hard: isTrue},
				{recipient: "amy@example.com", action: "failed", reply: "552", status: "5.3.4", reason: "mesgtoobig", command: "DATA-END", permanent: isTrue, hard: isFalse},
				{recipient: "bill@example.com", action: "failed", reply: "552", status: "5.3.4", reason: "mesgtoobig", command: "DATA-END", permanent: isTrue, hard: isFalse},
			}},
		// smtplib prints the whole message, ending in "\r\n.\r\n", as one
		// send line, and its own "data:" lines are not commands.
		{"smtplib-dataend.txt",
			"C:EHLO S:EHLO:250 C:MAIL S:MAIL:250 C:RCPT S:RCPT:250 C:DATA S:DATA:354 C:DATA-END S:DATA-END:554 C:RSET S:RSET:250 C:QUIT S:QUIT:221",
			[]mailExp{{recipient: "paul@example.net", action: "failed", reply: "554", status: "5.7.1", reason: "spamdetected",
				command: "DATA-END", permanent: isTrue, hard: isFalse}}},
	}
	for _, tc := range tests {
		text := readFixture(t, tc.file)
		for _, v := range []struct{ name, text string }{{"LF", text}, {"CRLF", toCRLF(text)}} {
			t.Run(tc.file+"/"+v.name, func(t *testing.T) {
				rep := decodeMail(t, v.text)
				if rep.Kind != codes.KindTranscript {
					t.Fatalf("Kind = %q, want %q\n%s", rep.Kind, codes.KindTranscript, describeReport(rep))
				}
				if got := strings.Join(dialogueShape(rep.Session), " "); got != tc.steps {
					t.Errorf("steps\n got %s\nwant %s", got, tc.steps)
				}
				checkDialogueSteps(t, v.text, rep.Session)
				checkMailFindings(t, rep, tc.want)
			})
		}
	}
}

// checkDialogueSteps checks what holds for every dialogue: steps in input
// order, a reply's Failed flag matching its class, its enhanced code and
// text taken from the reply line.
func checkDialogueSteps(t *testing.T, text string, steps []codes.Step) {
	t.Helper()
	last := 0
	for i, st := range steps {
		if st.Start < last {
			t.Errorf("step %d (%s %s) starts at %d, before the previous step at %d", i, st.From, st.Command, st.Start, last)
		}
		last = st.Start
		if st.From != "client" && st.From != "server" {
			t.Errorf("step %d: From = %q", i, st.From)
		}
		if st.From != "server" {
			continue
		}
		if len(st.Code) != 3 {
			t.Errorf("step %d: reply code %q", i, st.Code)
			continue
		}
		if failed := st.Code[0] == '4' || st.Code[0] == '5'; st.Failed != failed {
			t.Errorf("step %d: reply %s has Failed = %v", i, st.Code, st.Failed)
		}
		if st.Start >= 0 && st.End <= len(text) && st.Start <= st.End {
			raw := text[st.Start:st.End]
			if !strings.Contains(raw, st.Code) || st.Status != "" && !strings.Contains(raw, st.Status) {
				t.Errorf("step %d: codes %s %s are not in its span %q", i, st.Code, st.Status, raw)
			}
		}
	}
}

// TestTranscriptAccepted decodes a dialogue in which every command was
// accepted: no finding, and a warning that says so.
func TestTranscriptAccepted(t *testing.T) {
	text := "S: 220 mx.example.com ESMTP\nC: EHLO client.example.org\nS: 250 mx.example.com\n" +
		"C: MAIL FROM:<olivia@example.org>\nS: 250 2.1.0 Ok\nC: RCPT TO:<quinn@example.com>\nS: 250 2.1.5 Ok\n" +
		"C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\nC: .\nS: 250 2.0.0 Ok: queued as 4VfX1k2LmNz5\nC: QUIT\nS: 221 2.0.0 Bye\n"
	rep := decodeMail(t, text)
	if rep.Kind != codes.KindTranscript {
		t.Fatalf("Kind = %q, want %q", rep.Kind, codes.KindTranscript)
	}
	const want = "S:CONNECT:220 C:EHLO S:EHLO:250 C:MAIL S:MAIL:250 C:RCPT S:RCPT:250 C:DATA S:DATA:354 C:DATA-END S:DATA-END:250 C:QUIT S:QUIT:221"
	if got := strings.Join(dialogueShape(rep.Session), " "); got != want {
		t.Errorf("steps\n got %s\nwant %s", got, want)
	}
	if len(rep.Findings) != 0 || len(rep.Warnings) == 0 {
		t.Errorf("want no finding and a warning\n%s", describeReport(rep))
	}
}
