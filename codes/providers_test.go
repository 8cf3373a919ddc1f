package codes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realisticReply wraps a provider response's key phrase in the kind of text
// it arrives in: a Postfix bounce line naming the provider's mail host for
// receivers and gateways, the reply alone for mail servers and block lists,
// an error message for clients.
func realisticReply(d *Decoder, r Response) string {
	reply := r.ReplyCode
	status := r.Status
	if i := strings.IndexByte(status, '-'); i >= 0 {
		status = status[:i] // the first code of a range
	}
	if reply == "" {
		switch {
		case strings.HasPrefix(status, "4"):
			reply = "451"
		case r.Retry == "later":
			reply = "451"
		default:
			reply = "550"
		}
	}
	line := strings.TrimSpace(reply + " " + status + " " + r.Key)
	p := d.kb.providers.providers[r.Provider]
	switch p.Kind {
	case "client":
		return clientText(r, reply, status)
	case "receiver", "gateway", "esp":
		host := ""
		for _, s := range d.kb.providers.signatures {
			if s.provider == r.Provider && s.where == "host" {
				host = "mx1." + s.pattern
				break
			}
		}
		if host != "" {
			return "<bob@example.com>: host " + host + "[192.0.2.25] said: " + line + " (in reply to RCPT TO command)\n"
		}
	}
	return line + "\n"
}

// clientText writes a client's or library's error the way it prints it,
// with the server's reply when the row documents one.
func clientText(r Response, reply, status string) string {
	server := ""
	if r.ReplyCode != "" || r.Status != "" {
		server = strings.TrimSpace(reply + " " + status + " Requested action not taken")
	}
	switch {
	case strings.HasPrefix(r.Provider, "Microsoft Outlook"):
		if strings.HasPrefix(r.Key, "0x") {
			out := "Sending reported error (" + r.Key + "): The operation failed. Account: 'mail.example.net', Server: 'smtp.example.net', Protocol: SMTP"
			if server != "" {
				out += ", Server Response: '" + server + "', Server Error: " + reply
			}
			return out + ", Port: 587, Secure(SSL): No, Error Number: " + r.Key + "\n"
		}
	case strings.HasPrefix(r.Provider, "Nodemailer"):
		if strings.ToUpper(r.Key) == r.Key && !strings.Contains(r.Key, " ") {
			return "Error: " + strings.ToLower(r.Key[1:]) + " failed\n    at SMTPConnection._formatError\n    code: '" + r.Key + "',\n    command: 'CONN'\n"
		}
		return "Error: " + r.Key + "\n    code: 'EENVELOPE',\n    response: '" + server + "'\n"
	case strings.HasPrefix(r.Provider, "Python smtplib"):
		if strings.HasPrefix(r.Key, "SMTP") && !strings.Contains(r.Key, " ") {
			return "Traceback (most recent call last):\n  File \"send.py\", line 12, in <module>\nsmtplib." + r.Key + ": (" + firstNonEmpty(reply, "421") + ", b'" + strings.TrimSpace(status+" Service closing") + "')\n"
		}
		return "smtplib.SMTPNotSupportedError: " + r.Key + "\n"
	case strings.HasPrefix(r.Provider, "Mozilla Thunderbird"):
		return "Send Message Error\nAn error occurred while sending mail. " + r.Key + ".\n"
	case strings.HasPrefix(r.Provider, "PHPMailer"):
		return "2024-05-14 10:00:00 " + r.Key + " https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting\n"
	}
	return "Error: " + r.Key + "\nThe mail server responded: " + server + "\n"
}

// TestProviderResponses decodes every row of the provider table, ours and
// (when present) the shared reference copy, in a realistic reply and checks
// that the provider and the reason come out. Wrapper rows (reason
// undefined) only name the format and are not scored for the reason.
func TestProviderResponses(t *testing.T) {
	d := Default()
	rows := d.Responses()
	shared := filepath.Join("..", "..", "shared", "providers", "providers.tsv")
	if b, err := os.ReadFile(shared); err == nil {
		if n := strings.Count(strings.TrimSpace(string(b)), "\n"); n != len(rows) {
			t.Logf("the shared table has %d rows, ours %d", n, len(rows))
		}
	} else {
		msg := fmt.Sprintf("NOTE: %s is absent; checking the project's own copy of the provider table only", shared)
		fmt.Fprintln(os.Stderr, msg)
		t.Log(msg)
	}
	providerOK, reasonOK, reasonN := 0, 0, 0
	var misses []string
	for _, r := range rows {
		text := realisticReply(d, r)
		rep := d.Decode(text)
		if len(rep.Findings) == 0 {
			misses = append(misses, fmt.Sprintf("%s %q: no finding", r.Provider, r.Key))
			continue
		}
		f := rep.Findings[0]
		label := d.kb.providers.providers[r.Provider].Label
		got := f.Provider
		if d.kb.providers.providers[r.Provider].Kind == "client" {
			got = f.Client
		}
		if got != label && r.Reason == "undefined" && rep.Reporter == label {
			got = rep.Reporter // a wrapper names the software that wrote the report
		}
		if got == label {
			providerOK++
		} else {
			misses = append(misses, fmt.Sprintf("%s %q: provider %q", r.Provider, r.Key, got))
		}
		if r.Reason != "undefined" {
			reasonN++
			if f.Reason == r.Reason {
				reasonOK++
			} else {
				misses = append(misses, fmt.Sprintf("%s %q: reason %q, want %q", r.Provider, r.Key, f.Reason, r.Reason))
			}
		}
	}
	pp := 100 * float64(providerOK) / float64(len(rows))
	rp := 100 * float64(reasonOK) / float64(max(reasonN, 1))
	t.Logf("provider responses: provider %d/%d (%.1f%%), reason %d/%d (%.1f%%)", providerOK, len(rows), pp, reasonOK, reasonN, rp)
	if testing.Verbose() {
		for _, m := range misses {
			t.Log(m)
		}
	}
	if pp < 95 || rp < 95 {
		t.Errorf("agreement below 95%%: provider %.1f%%, reason %.1f%%", pp, rp)
	}
}

// A short sentence that several programs write names none of them: the
// reason holds, the provider stays unnamed unless one response alone fits.
func TestProviderShortSentences(t *testing.T) {
	d := Default()
	tests := []struct {
		name, text, provider, reason string
	}{
		{"Postfix log, wording Exchange also writes",
			"Nov 28 10:00:00 mx postfix/smtp[123]: 4ABC: to=<bob@example.org>, relay=none, delay=30, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.1]:25: Connection timed out)",
			"", "networkerror"},
		{"distinctive code names its provider",
			"550 5.7.1 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints",
			"Yahoo / AOL", "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := d.Decode(tt.text)
			if len(rep.Findings) == 0 {
				t.Fatalf("no finding in %q", tt.text)
			}
			f := rep.Findings[0]
			if f.Provider != tt.provider {
				t.Errorf("provider %q, want %q", f.Provider, tt.provider)
			}
			if tt.reason != "" && f.Reason != tt.reason {
				t.Errorf("reason %q, want %q", f.Reason, tt.reason)
			}
		})
	}
}

// Providers' own codes and wordings decide the reason, in the forms real
// replies print them.
func TestProviderConventions(t *testing.T) {
	d := Default()
	tests := []struct {
		name, text, reason string
	}{
		{"Spectrum incoming code as printed (AUP#In-)",
			"<ann@example.com>: host mx1.charter.net[192.0.2.25] said: 550 5.1.0 <x@example.org> sender rejected. Please see the error codes page for more information. AUP#In-1312 (in reply to MAIL FROM command)\n",
			"toomanyconn"},
		{"Orange content refusal",
			"<ann@example.fr>: host smtp-in.orange.fr[192.0.2.1] said: 550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506] (in reply to end of DATA command)\n",
			"spamdetected"},
		{"La Poste policy refusal of the client host",
			"<ann@laposte.net>: host smtpz4.laposte.net[192.0.2.2] said: 554 5.7.1 <mx.example.org>: Client host rejected: LPN000_630 (in reply to RCPT TO command)\n",
			"policyviolation"},
		{"Exchange group that takes only authenticated senders",
			"Remote Server returned '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required'\n",
			"securityerror"},
		{"reputation named at MAIL FROM stays a reputation problem",
			"<ann@example.com>: host mx1.hotmail.com[192.0.2.3] said: 451 4.7.650 The mail server [192.0.2.9] has been temporarily rate limited due to IP reputation. (in reply to MAIL FROM command)\n",
			"badreputation"},
		{"Gmail's Send mail as refusal",
			"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: ann@example.com\nSubject: Delivery Status Notification (Failure)\n\n** Message not delivered **\n\nYou're sending this from a different address or alias using the 'Send mail as' feature. The settings for your 'Send mail as' account are misconfigured or out of date. Check those settings and try resending.\n\nLearn more here: https://support.google.com/mail/?p=CustomFromDenied\n",
			"rejected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := d.Decode(tt.text)
			if len(rep.Findings) == 0 {
				t.Fatalf("no finding in %q", tt.text)
			}
			if f := rep.Findings[0]; f.Reason != tt.reason {
				t.Errorf("reason %q, want %q (provider %q)", f.Reason, tt.reason, f.Provider)
			}
		})
	}
}
