package codes_test

import (
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// dsnFixtures are the whole bounce emails with a delivery-status part.
var dsnFixtures = []struct {
	file, reporter string
	want           []mailExp
}{
	{"postfix-dsn.eml", "Postfix", []mailExp{janeUnknown}},
	// Exim writes Status: 5.0.0 whatever the remote server said.
	{"exim-dsn-headers.eml", "Exim", []mailExp{{
		recipient: "ken@example.com", action: "failed", reply: "552", status: "5.2.2", reason: "mailboxfull",
		command: "RCPT", host: "mx1.example.com", permanent: isTrue, hard: isFalse,
		diag: []string{"Mailbox is full"}, warn: "5.0.0",
	}}},
	{"global-dsn.eml", "Postfix", []mailExp{{
		recipient: "jürgen@example.net", action: "failed", reply: "552", status: "5.2.2", reason: "mailboxfull",
		command: "DATA-END", host: "mail.example.net", permanent: isTrue, hard: isFalse,
		diag: []string{"Postfach", "überschritten"},
	}}},
	{"dsn-multi.eml", "Sendmail", []mailExp{
		{recipient: "amy@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}},
		{recipient: "bill@example.net", action: "failed", reply: "552", status: "5.2.2", reason: "mailboxfull",
			command: "RCPT", host: "mx.example.net", permanent: isTrue, hard: isFalse, diag: []string{"Mailbox full"}},
		{recipient: "cora@example.org", action: "delayed", reply: "-", status: "4.4.1",
			host: "mx.example.org", permanent: isFalse, hard: isFalse},
	}},
	{"dsn-conflict.eml", "", []mailExp{{
		recipient: "lena@example.com", action: "failed", reply: "550", status: "5.2.1", reason: "suspend",
		host: "mx.example.com", permanent: isTrue, hard: isFalse, diag: []string{"Mailbox disabled"}, warn: "5.1.1",
	}}},
	// A catch-all Status field (5.0.0) gives way to the code of the reply
	// the report's text quotes.
	{"dsn-catchall.eml", "", []mailExp{{
		recipient: "tom@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
		permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
	}}},
	// A number in the server's words ("#216") is not a reply of its own:
	// the provider's code after it still decides.
	{"dsn-stray-code.eml", "", []mailExp{{
		recipient: "uma@laposte.net", action: "failed", reply: "554", status: "5.7.1", reason: "policyviolation",
		command: "RCPT", permanent: isTrue, hard: isFalse,
	}}},
	// A delay warning: the sending server keeps trying.
	{"postfix-delay.eml", "Postfix", []mailExp{{
		recipient: "carol@example.com", action: "delayed", reply: "421", status: "4.7.28",
		command: "DATA-END", host: "gmail-smtp-in.l.google.com", provider: googleLabel,
		permanent: isFalse, hard: isFalse, diag: []string{"unusual rate"},
	}}},
	{"success-dsn.eml", "Postfix", []mailExp{{
		recipient: "quinn@example.com", action: "delivered", reply: "250", status: "2.0.0", reason: "delivered",
		host: "mx.example.com", permanent: isFalse, hard: isFalse,
	}}},
}

func TestDSN(t *testing.T) {
	for _, tc := range dsnFixtures {
		t.Run(tc.file, func(t *testing.T) {
			text := readFixture(t, tc.file)
			rep := decodeMail(t, text)
			if rep.Kind != codes.KindDSN {
				t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindDSN)
			}
			if tc.reporter != "" && rep.Reporter != tc.reporter {
				t.Errorf("Reporter = %q, want %q", rep.Reporter, tc.reporter)
			}
			checkMailFindings(t, rep, tc.want)
		})
	}
}

// TestDSNLineEndingsAndMbox decodes every DSN fixture with LF, CRLF and
// CR-only line ends, with and without the "From " line of an mbox file.
func TestDSNLineEndingsAndMbox(t *testing.T) {
	variants := []struct {
		name string
		conv func(string) string
	}{
		{"LF", func(s string) string { return s }},
		{"CRLF", toCRLF},
		{"CR", toCR},
		{"mbox LF", func(s string) string { return mboxLine + s }},
		{"mbox CRLF", func(s string) string { return toCRLF(mboxLine + s) }},
		{"mbox CR", func(s string) string { return toCR(mboxLine + s) }},
	}
	for _, tc := range dsnFixtures {
		for _, v := range variants {
			t.Run(tc.file+"/"+v.name, func(t *testing.T) {
				text := v.conv(readFixture(t, tc.file))
				rep := decodeMail(t, text)
				if rep.Kind != codes.KindDSN {
					t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindDSN)
				}
				checkMailFindings(t, rep, tc.want)
			})
		}
	}
}
