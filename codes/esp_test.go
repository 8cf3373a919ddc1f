package codes_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// snsEnvelope wraps an Amazon SES notification in the Amazon SNS message
// that delivers it: the notification is a JSON string in Message.
func snsEnvelope(t *testing.T, notification string) string {
	t.Helper()
	b, err := json.MarshalIndent(map[string]string{
		"Type":             "Notification",
		"MessageId":        "8e1a6f3c-5d2b-4c7a-9e0f-1a2b3c4d5e6f",
		"TopicArn":         "arn:aws:sns:eu-west-1:123456789012:ses-notifications",
		"Message":          notification,
		"Timestamp":        "2024-05-24T08:00:02.000Z",
		"SignatureVersion": "1",
		"Signature":        "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
		"SigningCertURL":   "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
		"UnsubscribeURL":   "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:ses-notifications:0000",
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkESPHosts checks that a remote host is a host name or an address,
// not a typed DSN value such as "dsn; host".
func checkESPHosts(t *testing.T, rep codes.Report) {
	t.Helper()
	for _, f := range rep.Findings {
		if strings.ContainsAny(f.RemoteHost, "; ") {
			t.Errorf("finding %q: remote_host %q is not a host", f.Recipient, f.RemoteHost)
		}
	}
}

var (
	sesJane = mailExp{recipient: "jane.doe@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
		provider: googleLabel, permanent: isTrue, hard: isTrue, diag: []string{"does not exist"}}
	sesPaula    = mailExp{recipient: "paula@example.net", reason: "feedback", reply: "-", status: "-", permanent: isFalse, hard: isFalse}
	sesDelivery = []mailExp{
		{recipient: "quinn@example.com", action: "delivered", reply: "250", status: "2.0.0", reason: "delivered", permanent: isFalse, hard: isFalse},
		{recipient: "rita@example.com", action: "delivered", reply: "250", status: "2.0.0", reason: "delivered", permanent: isFalse, hard: isFalse},
	}
	sesSam = mailExp{recipient: "sam@example.com", reply: "452", status: "4.2.2", reason: "mailboxfull", provider: googleLabel,
		permanent: isFalse, hard: isFalse, diag: []string{"out of storage space"}}
)

func TestESPEvents(t *testing.T) {
	tests := []struct {
		name, file string
		sns        bool
		want       []mailExp
	}{
		{"SES bounce", "ses-bounce.json", false, []mailExp{sesJane}},
		{"SES complaint", "ses-complaint.json", false, []mailExp{sesPaula}},
		{"SES delivery", "ses-delivery.json", false, sesDelivery},
		{"SES transient bounce", "ses-transient.json", false, []mailExp{sesSam}},
		{"SNS bounce", "ses-bounce.json", true, []mailExp{sesJane}},
		{"SNS complaint", "ses-complaint.json", true, []mailExp{sesPaula}},
		{"SNS delivery", "ses-delivery.json", true, sesDelivery},
		{"SNS transient bounce", "ses-transient.json", true, []mailExp{sesSam}},
		{"SendGrid events", "sendgrid-events.json", false, []mailExp{
			{recipient: "vic@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
				provider: googleLabel, permanent: isTrue, hard: isTrue, diag: []string{"does not exist"}},
			// Dropped: the service did not even try, because of an earlier bounce.
			{recipient: "wes@example.com", reply: "-", reason: "suppressed", hard: isFalse},
			{recipient: "xia@example.com", action: "delayed", reply: "421", status: "4.7.0", reason: "badreputation",
				provider: yahooLabel, permanent: isFalse, hard: isFalse, diag: []string{"[TSS04]"}},
			{recipient: "yan@example.com", action: "delivered", reply: "250", status: "2.0.0", reason: "delivered",
				permanent: isFalse, hard: isFalse},
		}},
		{"Mailgun failed permanent", "mailgun-failed.json", false, []mailExp{{
			recipient: "zoe@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			host: "gmail-smtp-in.l.google.com", provider: googleLabel, permanent: isTrue, hard: isTrue, diag: []string{"does not exist"}}}},
		{"Mailgun failed temporary", "mailgun-temporary.json", false, []mailExp{{
			recipient: "amos@example.net", action: "delayed", reply: "452", status: "4.2.2", reason: "mailboxfull",
			host: "mx.example.net", permanent: isFalse, hard: isFalse, diag: []string{"over quota"}}}},
		{"Postmark hard bounce", "postmark-hardbounce.json", false, []mailExp{{
			recipient: "abe@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
			provider: googleLabel, permanent: isTrue, hard: isTrue, diag: []string{"does not exist"}}}},
		{"Postmark spam complaint", "postmark-spamcomplaint.json", false, []mailExp{{
			recipient: "bea@example.com", reason: "feedback", reply: "-", status: "-", permanent: isFalse, hard: isFalse}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := readFixture(t, tc.file)
			if tc.sns {
				text = snsEnvelope(t, text)
			}
			rep := decodeMail(t, text)
			if rep.Kind != codes.KindESPJSON {
				t.Errorf("Kind = %q, want %q", rep.Kind, codes.KindESPJSON)
			}
			checkMailFindings(t, rep, tc.want)
			checkESPHosts(t, rep)
		})
	}
}

// TestESPNotJSONOfAProvider checks that JSON of no known shape is not read
// as provider events.
func TestESPNotJSONOfAProvider(t *testing.T) {
	for _, text := range []string{
		`{"status": "ok", "items": [1, 2, 3]}`,
		`[{"email": "olivia@example.org", "name": "Olivia"}]`,
		`{"notificationType": `,
	} {
		rep := decodeMail(t, text)
		if rep.Kind == codes.KindESPJSON {
			t.Errorf("%s: Kind = %q\n%s", text, rep.Kind, describeReport(rep))
		}
	}
}
