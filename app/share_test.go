package app

import (
	"errors"
	"math/rand"
	"strings"
	"testing"
)

func TestShareRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	binary := make([]byte, 4096)
	rnd.Read(binary)
	for name, text := range map[string]string{
		"empty":   "",
		"reply":   "550 5.1.1 <alice@example.net>: User unknown\r\n",
		"utf8":    "Échec de remise 📨 — 配信エラー\n\t«550 5.1.1»\u2028\ufeff",
		"control": "\x00\x01\x02\x1b[31m\x7f\r\r\n\n",
		"binary":  string(binary), // not valid UTF-8: every byte must survive
		"large":   strings.Repeat("Mar  3 09:14:21 mx postfix/smtp[21877]: to=<a@example.org>, dsn=5.1.1\n", 20000),
	} {
		frag, err := EncodeShare(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !IsShare(frag) || strings.ContainsAny(frag[len(shareKey):], "+/=#%& ") {
			t.Errorf("%s: fragment %.40q is not plain base64url", name, frag)
		}
		got, err := DecodeShare(frag)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got != text {
			t.Errorf("%s: the text did not come back byte for byte", name)
		}
	}
	if frag, _ := EncodeShare(strings.Repeat("550 5.1.1 User unknown\n", 5000)); len(frag) > 2000 {
		t.Errorf("repetitive text compresses to %d characters", len(frag))
	}
}

func TestShareErrors(t *testing.T) {
	good, _ := EncodeShare("550 5.1.1 user unknown")
	for frag, want := range map[string]error{
		"x=abc":             ErrShareDamaged,
		"s=":                ErrShareDamaged,
		"s=!!!":             ErrShareDamaged,
		"s=Ag":              ErrShareFormat,
		good[:len(good)-6]:  ErrShareDamaged,
		"s=AQ" + "////AAAA": ErrShareDamaged,
	} {
		if _, err := DecodeShare(frag); !errors.Is(err, want) {
			t.Errorf("DecodeShare(%q) = %v, want %v", frag, err, want)
		}
	}
	// A small link that expands beyond the input limit is refused.
	bomb, _ := EncodeShare(strings.Repeat("a", MaxInputBytes+10))
	if _, err := DecodeShare(bomb); !errors.Is(err, ErrShareTooLarge) {
		t.Errorf("oversized text: %v", err)
	}
}

func FuzzShare(f *testing.F) {
	f.Add("550 5.1.1 user unknown")
	f.Add("\x00\xff\xfe")
	f.Fuzz(func(t *testing.T, text string) {
		frag, err := EncodeShare(text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeShare(frag)
		if err != nil || got != text {
			t.Fatalf("round trip: %v", err)
		}
		DecodeShare("s=" + text) // must not panic on junk
	})
}

func TestRedact(t *testing.T) {
	in := strings.Join([]string{
		"Message-ID: <march-news-7731@example.com>",
		"References: <a1@example.com>",
		"  <b2@example.com>",
		`{"messageId": "0100018e-example", "destination": ["oscar@example.org"]}`,
		"<carol@example.org>: host mail.example.org[198.51.100.25] said: 550 5.1.1",
		"    <carol@example.org>: Recipient address rejected (in reply to RCPT TO command)",
		"Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'",
		"Received: from app.example.com (app.example.com [IPv6:2001:db8:85a3::8a2e:370:7334]) at 09:14:22",
		"client=unknown[2001:db8:feed::9], relay=MX.EXAMPLE.NET[203.0.113.9]:25",
		"Failed to deliver to <bob@[192.0.2.44]>; see https://support.example.net/help?id=7",
		"Exim 4.96, RFC 5321 §4.2.3, e.g. 5.7.1",
	}, "\n")
	got := Redact(in)
	for _, leak := range []string{
		"march-news", "a1@", "b2@", "0100018e", "oscar", "carol", "example.org", "example.com", "example.net",
		"198.51.100.25", "2001:db8:85a3", "8a2e", "203.0.113.9", "192.0.2.44", "feed::9",
	} {
		if strings.Contains(got, leak) {
			t.Errorf("the redacted text still holds %q:\n%s", leak, got)
		}
	}
	for _, keep := range []string{
		"550 5.1.1", "RESOLVER.ADR.RecipientNotFound", "Recipient address rejected", "in reply to RCPT TO command",
		"09:14:22", "Exim 4.96", "RFC 5321 §4.2.3", "e.g. 5.7.1", "Message-ID: <message1@redacted.invalid>",
		`"destination": ["user1@host1.invalid"]`, "<user2@host1.invalid>: host host2.invalid[192.0.2.1] said: 550 5.1.1\n    <user2@host1.invalid>:",
		"(host3.invalid [IPv6:2001:db8::1])", "client=unknown[2001:db8::2], relay=host4.invalid[192.0.2.2]:25", "<user3@[192.0.2.3]>",
	} {
		if !strings.Contains(got, keep) {
			t.Errorf("the redacted text lost %q:\n%s", keep, got)
		}
	}
	if got := Redact("carol@exämple.org \xff 192.0.2.1"); got != "user1@host1.invalid \xff 192.0.2.1" {
		t.Errorf("Redact with a non-ASCII domain and a stray byte = %q", got)
	}
	if Redact("") != "" {
		t.Error("Redact of nothing is not nothing")
	}
}

func TestRedactKeepsDecoding(t *testing.T) {
	in := "<carol@example.org>: host mail.example.org[198.51.100.25] said: 550 5.1.1 <carol@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)"
	res := Summarize(Redact(in), decodeForTest(Redact(in)))
	if res.Total != 1 || res.Groups[0].Cards[0].Recipient != "user1@host1.invalid" || res.Groups[0].Cards[0].Reason != "userunknown" {
		t.Errorf("the redacted text decodes to %+v", res.Groups)
	}
}

func FuzzRedact(f *testing.F) {
	f.Add("Message-ID: <a@b.example>\n550 5.1.1 <carol@example.org> [2001:db8::1] 192.0.2.1 mx.example.net")
	f.Add("IPv6:::ffff:192.0.2.1 a@[IPv6:2001:db8::2] \"messageId\": \"x\"")
	f.Fuzz(func(t *testing.T, text string) {
		out := Redact(text)
		if Redact(text) != out {
			t.Fatal("Redact is not deterministic")
		}
	})
}
