package codes_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

// gmailMultiline is a multi-line reply as the server sends it.
const gmailMultiline = "550-5.7.26 This mail has been blocked because the sender is\r\n" +
	"550-5.7.26 unauthenticated. Gmail requires all senders to authenticate with\r\n" +
	"550 5.7.26 either SPF or DKIM. - gsmtp\r\n"

// postfixFolded is the same kind of reply after Postfix has quoted it in a
// bounce: the lines of the multi-line reply are joined and folded again at
// other places, so the 550-5.1.1 markers land in the middle of lines.
const postfixFolded = "<jane.doe@example.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said:\n" +
	"    550-5.1.1 The email account that you tried to reach does not exist. Please\n" +
	"    try 550-5.1.1 double-checking the recipient's email address for typos or\n" +
	"    550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1\n" +
	"    https://support.google.com/mail/?p=NoSuchUser x12si3456789qkl.123 - gsmtp (in reply\n" +
	"    to RCPT TO command)\n"

// postfixLog is a Postfix log line whose relay has a port number.
const postfixLog = "Mar  3 09:14:07 mx1 postfix/smtp[20817]: 4F550A2B: to=<bob@example.org>, " +
	"relay=mx.example.org[192.0.2.1]:465, delay=2.5, delays=0.1/0/0.5/1.9, dsn=5.1.1, status=bounced " +
	"(host mx.example.org[192.0.2.1] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: " +
	"User unknown in local recipient table (in reply to RCPT TO command))"

// foundCodes decodes text and returns the codes of the report in order,
// checking on the way that each one's offsets point at its text.
func foundCodes(t *testing.T, text string) []string {
	t.Helper()
	rep := decode(t, text)
	out := []string{}
	prev := -1
	for _, c := range rep.Codes {
		out = append(out, c.Code)
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			t.Errorf("%s: span [%d,%d) is outside the input (%d bytes)", c.Code, c.Start, c.End, len(text))
			continue
		}
		if got := text[c.Start:c.End]; !strings.EqualFold(got, c.Code) {
			t.Errorf("%s: input[%d:%d] = %q, want the code's text", c.Code, c.Start, c.End, got)
		}
		if c.Start <= prev {
			t.Errorf("%s at %d is not after the previous code at %d", c.Code, c.Start, prev)
		}
		prev = c.Start
	}
	return out
}

func TestScanFindsCodes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"single reply", "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown", []string{"550", "5.1.1"}},
		{"temporary reply", "421 4.7.0 Try again later, closing connection.", []string{"421", "4.7.0"}},
		{"reply without enhanced code", "554 Transaction failed", []string{"554"}},
		{"bare reply code", "550", []string{"550"}},
		{"bare reply code with newline", "550\n", []string{"550"}},
		{"bare enhanced code", "5.1.1", []string{"5.1.1"}},
		{"bare enhanced code with spaces", "  4.2.2  ", []string{"4.2.2"}},
		{"prose", "the server responded: 554 5.7.9 Message not accepted for policy reasons", []string{"554", "5.7.9"}},
		{"qmail style", "No mailbox here by that name. (#5.1.1)", []string{"5.1.1"}},
		{"postfix dsn field", "to=<bob@example.org>, relay=none, delay=0.2, dsn=5.1.1, status=bounced", []string{"5.1.1"}},
		{"error number", "Error #550", []string{"550"}},
		{"error number in a sentence", "Delivery failed with Error #550: mailbox unavailable", []string{"550"}},
		{"dsn status field", "Status: 5.1.1", []string{"5.1.1"}},
		{"dsn fields", "Action: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 Requested action not taken", []string{"5.0.0", "550"}},
		{"exim", "SMTP error from remote mail server after RCPT TO:<bob@example.org>:\n    550 5.1.1 <bob@example.org>: Recipient address rejected", []string{"550", "5.1.1"}},
		{"exchange", "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'", []string{"550", "5.1.10"}},
		{"exchange hashes", "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", []string{"550", "5.1.1"}},
		{"transcript", ">>> RCPT TO:<bob@example.org>\n<<< 452 4.2.2 Mailbox full\n", []string{"452", "4.2.2"}},
		{"said with ip", "host 192.0.2.55 said: 550 5.7.1 Access denied", []string{"550", "5.7.1"}},
		{"version before a reply", "Exim 4.92.3 said: 421 4.7.0 try later", []string{"421", "4.7.0"}},
		{"two replies", "550 5.1.1 <a@example.net>: unknown\n452 4.2.2 <b@example.net>: over quota\n", []string{"550", "5.1.1", "452", "4.2.2"}},
		{"unregistered enhanced code", "550 5.7.999 Rejected by local policy", []string{"550", "5.7.999"}},
		{"unregistered detail", "error: 4.4.20 too many hops", []string{"4.4.20"}},
		{"unregistered reply code", "599 Something unusual", []string{"599"}},
		{"success", "250 2.0.0 Ok: queued as 4F550A2B", []string{"250", "2.0.0"}},
		{"three digit detail", "550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification", []string{"550", "5.7.509"}},
		{"multi-line reply", gmailMultiline, []string{"550", "5.7.26", "550", "5.7.26", "550", "5.7.26"}},
		{"postfix folded gmail", postfixFolded, []string{"550", "5.1.1", "550", "5.1.1", "550", "5.1.1", "550", "5.1.1"}},
		{"cr line ends", "550-5.1.1 first line\r550 5.1.1 second line\r", []string{"550", "5.1.1", "550", "5.1.1"}},
		{"nul byte inside", "550 5.1.1 user\x00unknown", []string{"550", "5.1.1"}},
		{"invalid utf-8 around", "\xff\xfe 550 5.1.1 caf\xe9 unknown", []string{"550", "5.1.1"}},
		{"log line with a port", postfixLog, []string{"5.1.1", "550", "5.1.1"}},
		{"message with a latin-1 body", "Subject: test\nMessage-Id: <a@b.example>\n\n550 5.1.1 Empf\xe4nger unbekannt\n", []string{"550", "5.1.1"}},
		{"message with a quoted-printable body", "Subject: x\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n" +
			"Content-Transfer-Encoding: quoted-printable\n\nHello =3D world, a long line that is soft=\nbroken.\n" +
			"550 5.1.1 unknown caf=C3=A9\n", []string{"550", "5.1.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := foundCodes(t, tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode(%q).Codes = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestScanIgnoresLookalikes(t *testing.T) {
	tests := []struct{ name, text string }{
		{"ipv4 address", "connect to mx.example.org[192.0.2.55]:25: Connection timed out"},
		{"ipv4 address alone", "203.0.113.250"},
		{"ipv4 address in prose", "client 203.0.113.250 was refused"},
		{"ipv4 address after a cue", "said: 192.0.2.55 refused"},
		{"ipv4 address in brackets", "client=[203.0.113.250]"},
		{"ipv4 starting like a code", "relay via 5.1.1.1 failed"},
		{"ipv6 address", "IPv6 2001:db8::550"},
		{"four-part number", "see section 4.16.55.1"},
		{"four-part number alone", "4.16.55.1"},
		{"postfix version", "Postfix 2.4.5"},
		{"exim version", "Exim 4.92.3"},
		{"version word", "version 5.1.1"},
		{"version with v", "v5.1.1"},
		{"version and build", "MTA version 5.1.1 build 550"},
		{"date header", "Date: Tue, 14 May 2024 10:55:23 +0200"},
		{"iso date and time", "2024-05-12 12:55:01"},
		{"slashed date", "12/05/2024"},
		{"dotted date", "on 12.05.2024 at 22:11"},
		{"time", "at 10:55:23"},
		{"phone number", "call +1 555 123 4567"},
		{"phone number with area code in parentheses", "call (555) 123-4567"},
		{"phone number after a label", "Phone: 555-123-4567"},
		{"class 6", "6.1.1"},
		{"detail too long", "5.1.1000"},
		{"first digit 7", "700"},
		{"first digit 1", "1.2.3"},
		{"leading zero", "5.01.1"},
		{"inside a word", "abc550def"},
		{"hex prefix", "0x550"},
		{"hex queue id", "queue id 4F550A2B"},
		{"id with letters", "id=550abc"},
		{"letters and digits", "x12si3456789qkl.123"},
		{"message id", "Message-ID: <550.1234@example.org>"},
		{"port 587", "smtp.example.com:587"},
		{"port 465 after an address", "relay=mx.example.org[192.0.2.1]:465"},
		{"port in prose", "Connected to smtp.example.com:587 over TLS"},
		{"size with decimals", "message size 10.240 KB"},
		{"size with decimals and a label", "Size: 10.240 KB"},
		{"four digits", "5501"},
		{"count in prose", "delivered 250 messages in 3 batches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := foundCodes(t, tt.text); len(got) != 0 {
				t.Errorf("Decode(%q).Codes = %q, want none", tt.text, got)
			}
		})
	}
}

// TestScanFixtures decodes the hand-written inputs in testdata and checks
// the codes found in each.
func TestScanFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"postfix-bounce.txt", append(append(repeat(4, "550", "5.1.1"), "5.1.1"), repeat(4, "550", "5.1.1")...)},
		{"exim-bounce.txt", []string{"550", "5.7.1"}},
		{"qmail-bounce.txt", []string{"5.1.1"}},
		{"dsn-fields.txt", []string{"5.2.2", "552", "5.2.2"}},
		{"no-codes.txt", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := foundCodes(t, string(b)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("codes = %q, want %q", got, tt.want)
			}
		})
	}
}

// repeat returns n copies of the codes, one after the other.
func repeat(n int, codes ...string) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, codes...)
	}
	return out
}

func TestScanCodeRefMeaning(t *testing.T) {
	rep := decode(t, "550 5.7.999 x\n421 4.7.0 y")
	want := []struct {
		code, typ, slug string
		registered      bool
	}{
		{"550", codes.TypeReply, "550", true},
		{"5.7.999", codes.TypeStatus, "x.7.999", false},
		{"421", codes.TypeReply, "421", true},
		{"4.7.0", codes.TypeStatus, "x.7.0", true},
	}
	if len(rep.Codes) != len(want) {
		t.Fatalf("%d codes, want %d: %+v", len(rep.Codes), len(want), rep.Codes)
	}
	for i, w := range want {
		c := rep.Codes[i]
		if c.Code != w.code || c.Type != w.typ || c.Slug != w.slug || c.Registered != w.registered {
			t.Errorf("code %d = %s %s %s registered %v, want %s %s %s registered %v",
				i, c.Code, c.Type, c.Slug, c.Registered, w.code, w.typ, w.slug, w.registered)
		}
		info := lookup(t, c.Code)
		if c.Title != info.Title || c.Class != info.Class || c.Subject != info.Subject || c.Detail != info.Detail {
			t.Errorf("code %s: title/class/subject/detail differ from Lookup", c.Code)
		}
	}
}
