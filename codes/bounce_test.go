package codes_test

import (
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// TestBounceWithoutDSN decodes bounces that carry no delivery-status part,
// each written in the style of the software or service that sends it.
func TestBounceWithoutDSN(t *testing.T) {
	tests := []struct {
		file, reporter string
		want           []mailExp
	}{
		{"postfix-text.eml", "Postfix", []mailExp{{
			recipient: "grace@example.com", action: "failed", reply: "550", status: "5.7.606", reason: "blocked",
			command: "RCPT", host: "example-com.mail.protection.outlook.com", provider: m365Label,
			permanent: isTrue, hard: isFalse, diag: []string{"banned sending IP"},
		}}},
		{"exim.eml", "Exim", []mailExp{{
			recipient: "bob@example.com", action: "failed", reply: "550", status: "5.7.26", reason: "authfailure",
			command: "DATA-END", host: "gmail-smtp-in.l.google.com", provider: googleLabel,
			permanent: isTrue, hard: isFalse, diag: []string{"DMARC policy"},
		}}},
		{"exim-two.eml", "Exim", []mailExp{
			{recipient: "nina@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}},
			{recipient: "oscar@example.net", action: "failed", reply: "552", status: "5.3.4", reason: "mesgtoobig",
				command: "DATA-END", host: "mx.example.net", permanent: isTrue, hard: isFalse, diag: []string{"size exceeds"}},
		}},
		{"sendmail.eml", "Sendmail", []mailExp{{
			recipient: "mia@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		{"qmail.eml", "qmail", []mailExp{{
			recipient: "jack@example.com", action: "failed", reply: "554", status: "-", reason: "userunknown",
			command: "DATA-END", provider: yahooLabel, permanent: isTrue, hard: isTrue, diag: []string{"yahoo.com account"},
		}}},
		{"qmail-local.eml", "qmail", []mailExp{{
			recipient: "leo@example.net", action: "failed", reply: "-", status: "5.1.1", reason: "userunknown",
			permanent: isTrue, hard: isTrue, diag: []string{"no mailbox here by that name"},
		}}},
		{"courier.eml", "Courier", []mailExp{{
			recipient: "ann@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		{"opensmtpd.eml", "", []mailExp{{
			recipient: "ben@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		// Microsoft NDRs come as text and HTML alternatives of one report.
		{"exchange-online.eml", "", []mailExp{{
			recipient: "dave@example.com", action: "failed", reply: "550", status: "5.1.10", reason: "userunknown",
			provider: m365Label, permanent: isTrue, hard: isTrue, diag: []string{"RecipientNotFound"},
		}}},
		{"exchange-onprem.eml", "", []mailExp{{
			recipient: "henry@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			provider: exchangeLabel, permanent: isTrue, hard: isTrue, diag: []string{"RecipNotFound"},
		}}},
		// A directory lookup that failed is the recipient check: the address
		// is bad, whatever the stage the text does not name.
		{"domino.eml", "", []mailExp{{
			recipient: "carol@example.com", action: "failed", reply: "-", status: "-", reason: "userunknown",
			command: "RCPT", hard: isTrue, diag: []string{"not listed in Domino Directory"},
		}}},
		{"notes.eml", "", []mailExp{{
			recipient: "sam@example.com", action: "failed", reply: "-", status: "-", reason: "userunknown",
			command: "RCPT", permanent: isTrue, hard: isTrue, diag: []string{"not listed in public Name & Address Book"},
		}}},
		{"exchange-ims.eml", "", []mailExp{{
			recipient: "rita@example.com", action: "failed", reply: "-", status: "-", reason: "userunknown",
			command: "RCPT", permanent: isTrue, hard: isTrue, diag: []string{"recipient name is not recognized"},
		}}},
		// A Sendmail transcript whose remote reply came before any command:
		// the greeting was refused, so the connecting host was.
		{"sendmail-greeting.eml", "Sendmail", []mailExp{{
			recipient: "vera@example.com", action: "failed", reply: "554", reason: "blocked",
			command: "CONNECT", permanent: isTrue, hard: isFalse,
		}}},
		// Sendmail sums up each recipient after the remote reply it got: that
		// reply, and the command it answered, are the recipient's.
		{"sendmail-v5-transcript.eml", "Sendmail", []mailExp{
			{recipient: "xena@example.net", action: "failed", reply: "501", reason: "blocked",
				command: "MAIL", permanent: isTrue, hard: isFalse, diag: []string{"no access from mail server"}},
			{recipient: "yuri@example.com", action: "failed", reply: "550", reason: "userunknown",
				command: "RCPT", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"}},
		}},
		// The remote server dropped the session in the middle of the dialogue.
		{"sendmail-reset.eml", "Sendmail", []mailExp{{
			recipient: "walt@example.com", action: "failed", reply: "554", reason: "blocked",
			permanent: isTrue, hard: isFalse, diag: []string{"reset by peer"},
		}}},
		// Unknown-user words with neither a stage nor an address code: the
		// recipient may have been refused by a filter after it was accepted.
		{"unstaged-unknown.eml", "", []mailExp{{
			recipient: "paul@example.com", action: "failed", reply: "-", status: "-", reason: "filtered",
			command: "-", permanent: isTrue, hard: isFalse, diag: []string{"Unknown user"},
		}}},
		{"gmail.eml", "", []mailExp{{
			recipient: "dan@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		{"outlookcom.eml", "", []mailExp{{
			recipient: "erin@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		{"yahoo.eml", "", []mailExp{{
			recipient: "fred@example.com", action: "failed", reply: "552", status: "5.2.2", reason: "mailboxfull",
			permanent: isTrue, hard: isFalse, diag: []string{"Mailbox full"},
		}}},
		// The service's own code (5.1.0) wraps the remote server's reply.
		{"amazonses.eml", "", []mailExp{{
			recipient: "fay@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		{"sendgrid.eml", "", []mailExp{{
			recipient: "gus@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue, diag: []string{"User unknown"},
		}}},
		// Bodies naming two recipients, each with its own error.
		{"postfix-two.txt", "", []mailExp{
			{recipient: "amy@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				command: "RCPT", host: "mx.example.com", permanent: isTrue, hard: isTrue},
			{recipient: "bill@example.net", action: "failed", reply: "552", status: "5.2.2", reason: "mailboxfull",
				command: "DATA-END", host: "mx.example.net", permanent: isTrue, hard: isFalse},
		}},
		{"qmail-two.txt", "", []mailExp{
			{recipient: "leo@example.net", action: "failed", reply: "-", status: "5.1.1", reason: "userunknown",
				permanent: isTrue, hard: isTrue},
			{recipient: "mona@example.com", action: "failed", reply: "552", status: "5.2.2", reason: "mailboxfull",
				command: "RCPT", permanent: isTrue, hard: isFalse},
		}},
		{"exchange-two.txt", "", []mailExp{
			{recipient: "henry@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				permanent: isTrue, hard: isTrue},
			{recipient: "iris@example.com", action: "failed", reply: "550", status: "5.2.2", reason: "mailboxfull",
				permanent: isTrue, hard: isFalse},
		}},
		// A bounce body copied without its header.
		{"body-only.txt", "", []mailExp{{
			recipient: "ivy@example.com", action: "failed", reply: "554", status: "5.7.9",
			command: "DATA-END", host: "mta5.am0.yahoodns.net", provider: yahooLabel,
			permanent: isTrue, hard: isFalse, diag: []string{"not accepted for policy reasons"},
		}}},
		// Only the middle of a bounce: the recipient's paragraph.
		{"middle.txt", "", []mailExp{{
			recipient: "kate@example.com", action: "failed", reply: "554", status: "5.7.1", reason: "policyviolation",
			command: "DATA-END", host: "mx01.mail.icloud.com", provider: icloudLabel,
			permanent: isTrue, hard: isFalse, diag: []string{"[HM08]"},
		}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			rep := decodeMail(t, readFixture(t, tc.file))
			if rep.Kind != codes.KindBounce {
				t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindBounce)
			}
			if tc.reporter != "" && rep.Reporter != tc.reporter {
				t.Errorf("Reporter = %q, want %q", rep.Reporter, tc.reporter)
			}
			checkMailFindings(t, rep, tc.want)
		})
	}
}

// TestBounceQuoted decodes bounce paragraphs quoted in a reply ("> ").
func TestBounceQuoted(t *testing.T) {
	tests := []struct {
		file string
		want mailExp
	}{
		{"body-only.txt", mailExp{recipient: "ivy@example.com", reply: "554", status: "5.7.9", command: "DATA-END",
			host: "mta5.am0.yahoodns.net", provider: yahooLabel, permanent: isTrue, hard: isFalse}},
		{"middle.txt", mailExp{recipient: "kate@example.com", reply: "554", status: "5.7.1", reason: "policyviolation",
			command: "DATA-END", host: "mx01.mail.icloud.com", provider: icloudLabel, permanent: isTrue, hard: isFalse}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			text := readFixture(t, tc.file)
			quoted := "> " + strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n> ") + "\n"
			checkMailFindings(t, decodeMail(t, quoted), []mailExp{tc.want})
		})
	}
}

// TestBounceProviders checks that replies are attributed to the provider
// that wrote them, by their words and by the host that gave them.
func TestBounceProviders(t *testing.T) {
	tests := []struct {
		name, text, provider string
	}{
		{"- gsmtp", "421-4.7.0 Try again later, closing connection. (EHLO)\n421 4.7.0 For more information, go to the sender guidelines. a1si123456 - gsmtp",
			googleLabel},
		{"(S3140)", "550 5.7.1 Unfortunately, messages from [198.51.100.44] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM5EUR02FT027.eop-EUR02.prod.protection.outlook.com]",
			outlookLabel},
		{"[TSS04]", "421 4.7.0 [TSS04] Messages from 198.51.100.46 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1",
			yahooLabel},
		{"RESOLVER.ADR.RecipientNotFound", "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
			m365Label},
		{"host gmail-smtp-in.l.google.com", "<amy@example.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said: 452 4.2.2 The recipient's inbox is out of storage space. (in reply to RCPT TO command)",
			googleLabel},
		{"host *.mail.protection.outlook.com", "<bill@example.com>: host example-com.mail.protection.outlook.com[192.0.2.36] said: 550 5.4.1 Recipient address rejected: Access denied. (in reply to RCPT TO command)",
			m365Label},
		{"host mta5.am0.yahoodns.net", "<cora@example.com>: host mta5.am0.yahoodns.net[192.0.2.54] said: 554 delivery error: dd Not a valid recipient (in reply to end of DATA command)",
			yahooLabel},
		{"host mx01.mail.icloud.com", "<dan@example.com>: host mx01.mail.icloud.com[192.0.2.80] said: 550 5.1.1 <dan@example.com>: user does not exist (in reply to RCPT TO command)",
			icloudLabel},
		{"relay= of a log line", "May 23 10:09:14 mx1 postfix/smtp[3201]: 5A6B7C8D9E: to=<erin@example.com>, relay=mx01.mail.icloud.com[192.0.2.80]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host mx01.mail.icloud.com[192.0.2.80] said: 550 5.1.1 <erin@example.com>: user does not exist (in reply to RCPT TO command))",
			icloudLabel},
		{"Remote-MTA of a DSN", "Final-Recipient: rfc822; fred@example.com\nAction: failed\nStatus: 5.2.2\nRemote-MTA: dns; mta5.am0.yahoodns.net\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n",
			yahooLabel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, tc.text)
			if len(rep.Findings) != 1 {
				t.Fatalf("got %d findings, want 1\n%s", len(rep.Findings), describeReport(rep))
			}
			if got := rep.Findings[0].Provider; got != tc.provider {
				t.Errorf("Provider = %q, want %q\n%s", got, tc.provider, describeReport(rep))
			}
		})
	}
}
