package codes

import (
	"strings"
	"testing"
)

// TestAdviceEveryReason checks that every reason has its own human texts:
// non-empty, and no two reasons sharing a summary or an explanation.
func TestAdviceEveryReason(t *testing.T) {
	d := Default()
	summaries := map[string]string{}
	explanations := map[string]string{}
	for _, r := range d.Reasons() {
		a, ok := d.kb.advice[r.Name]
		if !ok {
			t.Errorf("%s: no advice row", r.Name)
			continue
		}
		for field, v := range map[string]string{"summary": a.summary, "explanation": a.explanation, "fault_why": a.faultWhy,
			"why_temp": a.whyTemp, "why_perm": a.whyPerm} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", r.Name, field)
			}
		}
		if len(a.sender) == 0 || len(a.admin) == 0 {
			t.Errorf("%s: no sender or admin actions", r.Name)
		}
		f := Finding{Recipient: "alice@example.net", Reason: r.Name, Permanent: true}
		d.advise(&f)
		if prev, dup := summaries[f.Summary]; dup {
			t.Errorf("%s and %s share the summary %q", prev, r.Name, f.Summary)
		}
		summaries[f.Summary] = r.Name
		if prev, dup := explanations[a.explanation]; dup {
			t.Errorf("%s and %s share an explanation", prev, r.Name)
		}
		explanations[a.explanation] = r.Name
		if strings.Contains(f.Summary, "{") || strings.Contains(f.Explanation, "{recipient}") {
			t.Errorf("%s: a placeholder was left: %q", r.Name, f.Summary)
		}
		if _, ok := d.kb.crosswalk[r.Name]; !ok {
			t.Errorf("%s: no crosswalk row", r.Name)
		}
	}
}

// TestAdvicePlaceholders checks how summaries read with and without a
// recipient.
func TestAdvicePlaceholders(t *testing.T) {
	d := Default()
	with := Finding{Recipient: "alice@example.net", Reason: "userunknown", Permanent: true}
	d.advise(&with)
	if !strings.Contains(with.Summary, "alice@example.net") {
		t.Errorf("summary %q does not name the recipient", with.Summary)
	}
	without := Finding{Reason: "userunknown", Permanent: true}
	d.advise(&without)
	if strings.Contains(without.Summary, "{") || without.Summary == "" || without.Summary[0] < 'A' || without.Summary[0] > 'Z' {
		t.Errorf("summary without a recipient reads badly: %q", without.Summary)
	}
}

// adviceCase is one fixture and the advice it must produce.
type adviceCase struct {
	name, text      string
	fault, retry    string
	after           string // retry_after, when retry is later
	provider        string // expected provider label, "" to skip
	wantSenderStep  string // a word the sender actions must contain, "" to skip
	wantReference   string // a substring of one reference URL, "" to skip
	wantCrosswalkSG string // SendGrid classification, "" to skip
}

// TestAdviceFaultsAndRetries covers every fault and retry value with
// realistic replies.
func TestAdviceFaultsAndRetries(t *testing.T) {
	tests := []adviceCase{
		{name: "unknown user", text: "<alice@example.net>: host mx.example.net[192.0.2.10] said: 550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)\n",
			fault: "sender-address", retry: "never", wantSenderStep: "typo", wantReference: "rfc3463", wantCrosswalkSG: "bounce"},
		{name: "DMARC at Gmail", text: "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's\n550-5.7.26 DMARC policy. Please contact the administrator of example.org domain if\n550 5.7.26 this was a legitimate mail. https://support.google.com/mail/?p=DmarcRejection a1si2 - gsmtp\n",
			fault: "sender-configuration", retry: "after-fix", provider: "Google (Gmail / Workspace)", wantReference: "support.google.com"},
		{name: "Spamhaus listing", text: "554 5.7.1 Service unavailable; Client host [198.51.100.47] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.47\n",
			fault: "sender-reputation", retry: "after-fix", provider: "a DNS block list"},
		{name: "spam content", text: "550 5.7.1 Message rejected as spam by Content Filtering.\n",
			fault: "sender-content", retry: "after-fix"},
		{name: "rate limited", text: "450 4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time. a1si2 - gsmtp\n",
			fault: "sender-volume", retry: "later", provider: "Google (Gmail / Workspace)"},
		{name: "mailbox full", text: "552 5.2.2 <bob@example.org>: Mailbox full\n",
			fault: "recipient-mailbox", retry: "later", after: "days"},
		{name: "server error", text: "451 4.3.0 Error: queue file write error\n",
			fault: "recipient-server", retry: "later"},
		{name: "policy refusal", text: "550 5.7.1 Message rejected due to local policy: attachments of this type are prohibited\n",
			fault: "recipient-policy", retry: "after-fix"},
		{name: "timeout", text: "Jun 28 13:23:00 mx sendmail[15824]: r5R7jL4I003663: to=<nora@example.com>, delay=1+04:37:39, mailer=esmtp, relay=mx.example.com. [192.0.2.91], dsn=4.0.0, stat=Deferred: Connection timed out with mx.example.com.\n",
			fault: "network", retry: "later"},
		{name: "gateway policy", text: "<ann@example.com>: host us-smtp-inbound-1.mimecast.com[192.0.2.60] said: 550 Administrative prohibition envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 (in reply to RCPT TO command)\n",
			fault: "intermediary", provider: "Mimecast"},
		{name: "ESP suppression", text: `{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"Suppressed","bouncedRecipients":[{"emailAddress":"carl@example.com","action":"failed","status":"5.1.1","diagnosticCode":"Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address."}]},"mail":{"destination":["carl@example.com"]}}`,
			fault: "sending-service", retry: "after-fix"},
		{name: "bare code", text: "Message not sent. Error #550\n",
			fault: "unknown", retry: "after-fix"},
		{name: "client cannot connect", text: "Your server has unexpectedly terminated the connection. Account: 'mail.example.net', Server: 'smtp.example.net', Protocol: SMTP, Port: 587, Secure(SSL): No, Error Number: 0x800CCC0F\n",
			fault: "network", retry: "now"},
		{name: "delay warning", text: "From: MAILER-DAEMON@mail.example.net\nTo: olivia@example.org\nSubject: Delayed Mail (still being retried)\n\nThis is the mail system at host mail.example.net.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\n<carol@example.com>: host mx.example.com[192.0.2.27] said: 421 4.7.0 Try again later (in reply to end of DATA command)\n",
			retry: "later"},
	}
	faults, retries := map[string]bool{}, map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Decode(tc.text)
			if len(rep.Findings) == 0 {
				t.Fatalf("no finding (kind %s, warnings %v)", rep.Kind, rep.Warnings)
			}
			f := rep.Findings[0]
			faults[f.Fault], retries[f.Retry] = true, true
			if tc.fault != "" && f.Fault != tc.fault {
				t.Errorf("fault %q (%s), want %q", f.Fault, f.FaultWhy, tc.fault)
			}
			if tc.retry != "" && f.Retry != tc.retry {
				t.Errorf("retry %q (%s), want %q", f.Retry, f.RetryWhy, tc.retry)
			}
			if tc.after != "" && f.RetryAfter != tc.after {
				t.Errorf("retry_after %q, want %q", f.RetryAfter, tc.after)
			}
			if f.Retry == "later" && f.RetryAfter == "" {
				t.Errorf("retry later without a horizon")
			}
			if f.FaultWhy == "" || f.RetryWhy == "" || f.Summary == "" || f.Explanation == "" {
				t.Errorf("empty text: fault_why %q, retry_why %q, summary %q", f.FaultWhy, f.RetryWhy, f.Summary)
			}
			if len(f.SenderAction) == 0 || len(f.AdminAction) == 0 {
				t.Errorf("no actions: %v / %v", f.SenderAction, f.AdminAction)
			}
			if tc.provider != "" && f.Provider != tc.provider {
				t.Errorf("provider %q, want %q", f.Provider, tc.provider)
			}
			if tc.wantSenderStep != "" && !strings.Contains(strings.ToLower(strings.Join(f.SenderAction, " ")), tc.wantSenderStep) {
				t.Errorf("sender actions %q lack %q", f.SenderAction, tc.wantSenderStep)
			}
			if tc.wantReference != "" {
				found := false
				for _, r := range f.References {
					found = found || strings.Contains(r.URL, tc.wantReference)
				}
				if !found {
					t.Errorf("references %v lack %q", f.References, tc.wantReference)
				}
			}
			if tc.wantCrosswalkSG != "" && f.Crosswalk.SendGrid != tc.wantCrosswalkSG {
				t.Errorf("crosswalk %+v, want SendGrid %q", f.Crosswalk, tc.wantCrosswalkSG)
			}
			bounce := f.Reason != "delivered" && f.Reason != "vacation" && f.Reason != "feedback"
			if (f.Crosswalk.SESType != "") != bounce {
				t.Errorf("reason %s: crosswalk SES bounce type %q, want one only for bounces", f.Reason, f.Crosswalk.SESType)
			}
		})
	}
	for _, v := range Faults() {
		if !faults[v] {
			t.Errorf("no fixture produced the fault %q", v)
		}
	}
	for _, v := range Retries() {
		if !retries[v] {
			t.Errorf("no fixture produced the retry %q", v)
		}
	}
}

// TestConflictWarnings checks every kind of conflict warning.
func TestConflictWarnings(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"reply class against enhanced class", "550 4.2.2 <bob@example.org>: Mailbox full\n", "class 5"},
		{"words against the code", "550 5.1.1 Rate limit exceeded: too many messages from your IP, slow down\n", "the words were followed"},
		{"DSN status against the reply", "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; amy@example.com\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.1.1 <amy@example.com>: User unknown\n", "server's reply was followed"},
		{"unregistered code", "550 5.7.999 Blocked by local rule\n", "not in the IANA registry"},
		{"overloaded code", "535 5.7.8 Authentication credentials invalid\n", "RFC 4468"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Decode(tc.text)
			if len(rep.Findings) == 0 {
				t.Fatal("no finding")
			}
			all := strings.Join(rep.Findings[0].Warnings, " | ")
			if !strings.Contains(all, tc.want) {
				t.Errorf("warnings %q lack %q", all, tc.want)
			}
		})
	}
}

// TestProvidersNamed checks that every provider the product names is known
// and recognised from its mail host.
func TestProvidersNamed(t *testing.T) {
	d := Default()
	hosts := map[string]string{
		"Google (Gmail / Workspace)":      "gmail-smtp-in.l.google.com",
		"Microsoft 365 (Exchange Online)": "example-com.mail.protection.outlook.com",
		"Outlook.com / Hotmail":           "hotmail-com.olc.protection.outlook.com",
		"Yahoo / AOL":                     "mta7.am0.yahoodns.net",
		"Apple iCloud Mail":               "mx01.mail.icloud.com",
		"Comcast / Xfinity":               "mx1.comcast.net",
		"GMX / WEB.DE / IONOS":            "mx00.emig.gmx.net",
		"Mail.ru":                         "mxs.mail.ru",
		"Yandex Mail":                     "mx.yandex.ru",
		"QQ Mail / Tencent":               "mx3.qq.com",
		"Zoho Mail":                       "mx.zoho.com",
		"Proton Mail":                     "mail.protonmail.ch",
		"Fastmail":                        "in1-smtp.messagingengine.com",
		"Orange / La Poste":               "smtp-in.orange.fr",
		"GoDaddy":                         "mx1.secureserver.net",
		"Mimecast":                        "eu-smtp-inbound-1.mimecast.com",
		"Proofpoint":                      "mx0a-00000000.pphosted.com",
		"Barracuda":                       "d000000a.ess.barracudanetworks.com",
		"Cisco Secure Email (IronPort)":   "mx1.hc0000-00.iphmx.com",
		"Trend Micro":                     "in.tmes.trendmicro.com",
		"Sophos Email":                    "mx-01-eu-west-1.prod.hydra.sophos.com",
	}
	for label, host := range hosts {
		text := "<bob@example.com>: host " + host + "[192.0.2.25] said: 550 5.7.1 Message refused (in reply to RCPT TO command)\n"
		rep := d.Decode(text)
		if len(rep.Findings) == 0 || rep.Findings[0].Provider != label {
			got := ""
			if len(rep.Findings) > 0 {
				got = rep.Findings[0].Provider
			}
			t.Errorf("host %s: provider %q, want %q", host, got, label)
		}
	}
	// The sending side, from the bounce's own wording.
	reporters := map[string]string{
		"Postfix":                   "This is the mail system at host mail.example.net.\n\n<a@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n",
		"Exim":                      "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  a@example.com\n    host mx.example.com [192.0.2.1]\n    SMTP error from remote mail server after RCPT TO:<a@example.com>:\n    550 5.1.1 User unknown\n",
		"Microsoft Exchange Server": "Delivery has failed to these recipients or groups:\n\na@example.com\n\nDiagnostic information for administrators:\n\nGenerating server: mail.example.com\n\na@example.com\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n",
		"qmail":                     "Hi. This is the qmail-send program at mail.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\n<a@example.com>:\nSorry, no mailbox here by that name. (#5.1.1)\n",
	}
	for label, text := range reporters {
		rep := d.Decode(text)
		if rep.Reporter != label {
			t.Errorf("%s bounce: reporter %q", label, rep.Reporter)
		}
	}
}

func TestAppendNew(t *testing.T) {
	tests := []struct {
		name        string
		list, items []string
		want        []string
	}{
		{"new step", []string{"Check the address."}, []string{"Ask the recipient."}, []string{"Check the address.", "Ask the recipient."}},
		{"same words other case", []string{"Check the address."}, []string{"check the ADDRESS"}, []string{"Check the address."}},
		{"same first four words", []string{"Check the address spelling carefully."}, []string{"Check the address spelling for typos."}, []string{"Check the address spelling carefully."}},
		{"short step opens a longer one", []string{"Retry later."}, []string{"Retry later, after an hour."}, []string{"Retry later.", "Retry later, after an hour."}},
		{"longer step replaces its opening", []string{"Verify the address.", "Retry."}, []string{"Verify the address with the recipient."}, []string{"Verify the address with the recipient.", "Retry."}},
		{"longer step after its opening", []string{"Verify the address with the recipient."}, []string{"Verify the address."}, []string{"Verify the address with the recipient."}},
		{"differs on the third word", []string{"Verify the domain."}, []string{"Verify the address with the recipient."}, []string{"Verify the domain.", "Verify the address with the recipient."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := appendNew(append([]string(nil), tt.list...), tt.items...)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("appendNew(%q, %q) = %q, want %q", tt.list, tt.items, got, tt.want)
			}
		})
	}
}

// TestAdviceWordsOverridden checks that a finding whose unknown-user
// wording was overridden by the session stage says both what the words
// said and why the reason differs, while the plain reasons keep their own
// texts.
func TestAdviceWordsOverridden(t *testing.T) {
	d := Default()
	tests := []struct {
		name, text   string
		reason, want string // want: a phrase the summary must contain
	}{
		{"unstaged bounce", "From: MAILER-DAEMON@mx.example.net\nTo: ann@example.org\nSubject: Undeliverable\n\n" +
			"Delivery to the following recipient failed:\n\n<bo@example.com>:\nNo such user bo@example.com\n",
			"filtered", "user is unknown"},
		{"after data", "550 5.7.1 <bo@example.com>... User unknown (in reply to end of DATA command)",
			"filtered", "user is unknown"},
		{"at rcpt", "550 5.1.1 <bo@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)",
			"userunknown", "No mailbox exists"},
		{"filter words", "550 5.7.1 Message rejected by recipient's filter rules (in reply to end of DATA command)",
			"filtered", "accepted for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := d.Decode(tt.text)
			if len(rep.Findings) == 0 {
				t.Fatalf("no finding")
			}
			f := rep.Findings[0]
			if f.Reason != tt.reason {
				t.Fatalf("reason %q, want %q", f.Reason, tt.reason)
			}
			if !strings.Contains(f.Summary, tt.want) {
				t.Errorf("summary %q does not contain %q", f.Summary, tt.want)
			}
		})
	}
}
