package codes_test

import (
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Single delivery lines of MTA logs.
var (
	postfixBounced  = "May 23 10:09:14 mx1 postfix/smtp[3201]: 5A6B7C8D9E: to=<jane.doe@example.com>, relay=gmail-smtp-in.l.google.com[192.0.2.27]:25, delay=633, delays=632/0/0.5/0.6, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123456 - gsmtp (in reply to RCPT TO command))"
	postfixDeferred = "May 23 09:59:12 mx1 postfix/smtp[3111]: 5A6B7C8D9E: to=<ivy@example.com>, relay=mta5.am0.yahoodns.net[192.0.2.54]:25, delay=31, delays=0.1/0/30/0.9, dsn=4.7.0, status=deferred (host mta5.am0.yahoodns.net[192.0.2.54] said: 421 4.7.0 [TSS04] Messages from 198.51.100.46 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command))"
	postfixSent     = "May 23 09:59:13 mx1 postfix/smtp[3112]: 5A6B7C8D9E: to=<quinn@example.com>, relay=mx.example.com[192.0.2.60]:25, delay=32, delays=0.1/0/0.7/1.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4VfX1k2LmNz5)"
	postfixTimeout  = "May 23 09:59:11 mx1 postfix/smtp[3110]: 5A6B7C8D9E: to=<jane.doe@example.com>, relay=none, delay=30, delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to gmail-smtp-in.l.google.com[192.0.2.27]:25: Connection timed out)"
	eximFailed      = "2024-05-23 11:00:02 1sA1b2-0000Xy-3c ** nina@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.90]: SMTP error from remote mail server after RCPT TO:<nina@example.com>: 550 5.1.1 <nina@example.com>: Recipient address rejected: User unknown in local recipient table"
	eximDeferred    = "2024-05-23 11:00:02 1sA1b2-0000Xy-3c == oscar@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.91]: SMTP error from remote mail server after RCPT TO:<oscar@example.net>: 451 4.7.1 <oscar@example.net>: Recipient address rejected: Greylisted, please try again in 300 seconds"
	eximDelivered   = "2024-05-23 11:00:03 1sA1b2-0000Xy-3c => quinn@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.60] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 Ok: queued as 4VfX1k2LmNz5\""
	sendmailTimeout = "May 23 12:00:01 mail sendmail[15824]: 44NA0ZxY015820: to=<nora@example.com>, delay=00:00:40, xdelay=00:00:40, mailer=esmtp, pri=121310, relay=mx.example.com. [192.0.2.91], dsn=4.0.0, stat=Deferred: Connection timed out with mx.example.com."
	sendmailUnknown = "May 23 12:00:02 mail sendmail[15824]: 44NA0ZxY015820: to=<mia@example.com>, ctladdr=<olivia@example.org> (1001/1001), delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=121310, relay=mx.example.com. [192.0.2.90], dsn=5.1.1, stat=User unknown"
	sendmailSent    = "May 23 12:00:03 mail sendmail[15824]: 44NA0ZxY015820: to=<quinn@example.com>, delay=00:00:03, xdelay=00:00:01, mailer=esmtp, pri=121310, relay=mx.example.com. [192.0.2.60], dsn=2.0.0, stat=Sent (44NA0ZxZ015830 Message accepted for delivery)"
)

var (
	janeLogged = mailExp{recipient: "jane.doe@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
		command: "RCPT", host: "gmail-smtp-in.l.google.com", provider: googleLabel, permanent: isTrue, hard: isTrue,
		diag: []string{"does not exist"}}
	ivyDeferred = mailExp{recipient: "ivy@example.com", action: "delayed", reply: "421", status: "4.7.0", reason: "badreputation",
		command: "MAIL", host: "mta5.am0.yahoodns.net", provider: yahooLabel, permanent: isFalse, hard: isFalse, diag: []string{"[TSS04]"}}
	quinnSent = mailExp{recipient: "quinn@example.com", action: "delivered", reason: "delivered", host: "mx.example.com",
		permanent: isFalse, hard: isFalse}
	ninaFailed = mailExp{recipient: "nina@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
		command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}}
	// Greylisting: a temporary refusal that says nothing against the address.
	oscarGreylisted = mailExp{recipient: "oscar@example.net", action: "delayed", reply: "451", status: "4.7.1",
		command: "RCPT", host: "mx.example.net", permanent: isFalse, hard: isFalse, diag: []string{"Greylisted"}}
	noraDeferred = mailExp{recipient: "nora@example.com", action: "delayed", reply: "-", status: "4.0.0", reason: "networkerror",
		host: "mx.example.com", permanent: isFalse, hard: isFalse, diag: []string{"Connection timed out"}}
	miaUnknown = mailExp{recipient: "mia@example.com", action: "failed", status: "5.1.1", reason: "userunknown",
		host: "mx.example.com", permanent: isTrue, hard: isTrue}
)

func TestLogLines(t *testing.T) {
	tests := []struct {
		name, line string
		want       mailExp
	}{
		{"Postfix bounced", postfixBounced, janeLogged},
		{"Postfix deferred", postfixDeferred, ivyDeferred},
		{"Postfix sent", postfixSent, mailExp{recipient: "quinn@example.com", action: "delivered", reply: "250", status: "2.0.0",
			reason: "delivered", host: "mx.example.com", permanent: isFalse, hard: isFalse}},
		{"Postfix connection timed out", postfixTimeout, mailExp{recipient: "jane.doe@example.com", action: "delayed", reply: "-",
			status: "4.4.1", command: "CONNECT", permanent: isFalse, hard: isFalse, diag: []string{"Connection timed out"}}},
		{"Exim failed", eximFailed, ninaFailed},
		{"Exim deferred", eximDeferred, oscarGreylisted},
		{"Exim delivered", eximDelivered, quinnSent},
		{"Sendmail deferred", sendmailTimeout, noraDeferred},
		{"Sendmail user unknown", sendmailUnknown, miaUnknown},
		{"Sendmail sent", sendmailSent, mailExp{recipient: "quinn@example.com", action: "delivered", status: "2.0.0",
			reason: "delivered", host: "mx.example.com", permanent: isFalse, hard: isFalse}},
	}
	for _, tc := range tests {
		for _, end := range []struct{ name, s string }{{"unterminated", ""}, {"LF", "\n"}, {"CRLF", "\r\n"}} {
			t.Run(tc.name+"/"+end.name, func(t *testing.T) {
				text := tc.line + end.s
				rep := decodeMail(t, text)
				if rep.Kind != codes.KindLog {
					t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindLog)
				}
				checkMailFindings(t, rep, []mailExp{tc.want})
				if len(rep.Findings) == 1 {
					f := rep.Findings[0]
					if len(f.Evidence) != 1 || f.Evidence[0].Start != 0 || f.Evidence[0].End != len(tc.line) {
						t.Errorf("Evidence = %v, want the whole line [0,%d)", f.Evidence, len(tc.line))
					}
				}
			})
		}
	}
}

// TestLogWhole decodes whole logs: lines of other programs are skipped, and
// each recipient gets one finding with its latest outcome and every line
// about it as evidence.
func TestLogWhole(t *testing.T) {
	tests := []struct {
		file     string
		reporter string
		want     []mailExp
		lines    map[string]int // evidence lines per recipient
	}{
		// jane: deferred, then bounced; ivy: deferred twice, then sent.
		{"postfix.log", "Postfix", []mailExp{janeLogged, {recipient: "ivy@example.com", action: "delivered", reply: "250",
			status: "2.0.0", reason: "delivered", host: "mta5.am0.yahoodns.net", permanent: isFalse, hard: isFalse}, quinnSent},
			map[string]int{"jane.doe@example.com": 2, "ivy@example.com": 3, "quinn@example.com": 1}},
		{"exim.log", "Exim", []mailExp{ninaFailed, oscarGreylisted, quinnSent},
			map[string]int{"nina@example.com": 1, "oscar@example.net": 1, "quinn@example.com": 1}},
		{"sendmail.log", "Sendmail", []mailExp{noraDeferred, miaUnknown, {recipient: "quinn@example.com", action: "delivered",
			status: "2.0.0", reason: "delivered", permanent: isFalse, hard: isFalse}},
			map[string]int{"nora@example.com": 1, "mia@example.com": 1, "quinn@example.com": 1}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			text := readFixture(t, tc.file)
			for _, v := range []string{text, toCRLF(text)} {
				rep := decodeMail(t, v)
				if rep.Kind != codes.KindLog {
					t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindLog)
				}
				if rep.Reporter != tc.reporter {
					t.Errorf("Reporter = %q, want %q", rep.Reporter, tc.reporter)
				}
				checkMailFindings(t, rep, tc.want)
				for _, f := range rep.Findings {
					if n, ok := tc.lines[f.Recipient]; ok && len(f.Evidence) != n {
						t.Errorf("%s: %d evidence spans, want %d: %v", f.Recipient, len(f.Evidence), n, f.Evidence)
					}
					for _, ev := range f.Evidence {
						if ev.Start < 0 || ev.End > len(v) || ev.Start > ev.End {
							continue
						}
						line := v[ev.Start:ev.End]
						if strings.ContainsAny(line, "\r\n") || !strings.Contains(line, f.Recipient) {
							t.Errorf("%s: evidence %v is not one line about the recipient: %q", f.Recipient, ev, line)
						}
						if ev.Start > 0 && v[ev.Start-1] != '\n' {
							t.Errorf("%s: evidence %v does not start a line", f.Recipient, ev)
						}
					}
				}
			}
		})
	}
}
