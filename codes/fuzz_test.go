package codes_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/smtpexplain/smtpexplain/codes"
)

// decodeSeeds are inputs for FuzzDecode: every shape of input the scanner
// and the readers know, and the lookalikes they must leave alone.
var decodeSeeds = []string{
	"", " ", "\n", "\r", "\r\n", "\x00", "\xff\xfe",
	"550", "5.1.1", "X.1.1", "550\n", "550 ", "550-",
	"550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown",
	"421 4.7.0 Try again later, closing connection.",
	"the server responded: 554 5.7.9 Message not accepted",
	"No mailbox here by that name. (#5.1.1)",
	"dsn=5.1.1, status=bounced",
	"Error #550", "Status: 5.1.1", "550 4.2.2 Mailbox full", "550 5.7.999 x", "599 x",
	"550-5.1.1 first\r550 5.1.1 second\r",
	"554-mx.example.org\n554-No SMTP service here\n554 Go away\n",
	">>> RCPT TO:<bob@example.org>\n<<< 452 4.2.2 Mailbox full\n",
	"192.0.2.55 203.0.113.250 4.16.55.1 2001:db8::550",
	"Postfix 2.4.5 Exim 4.92.3 version 5.1.1",
	"Date: Tue, 14 May 2024 10:55:23 +0200", "+1 555 123 4567 (555) 123-4567",
	"6.1.1 5.1.1000 700 abc550def 0x550 smtp.example.com:587 10.240 KB",
	"550 5.1.1 user\x00unknown", "550 5.1.1 caf\xe9 \xff unknown",
	"Content-Type: multipart/report; boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n\n--b--\n",
	"Content-Transfer-Encoding: quoted-printable\n\n550 5.1.1 =\nUser unknown=3D\n",
	"Content-Transfer-Encoding: base64\n\nNTUwIDUuMS4xIFVzZXIgdW5rbm93bgo=\n",
	"Subject: =?utf-8?q?Undelivered_Mail?=\n\n550 5.1.1 <a@example.net>: unknown\n",
	gmailMultiline, postfixFolded, postfixLog,
}

// addFixtureSeeds adds every file under testdata (not the fuzz corpus) as a
// seed.
func addFixtureSeeds(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add(s)
	}
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		rep := decode(t, text)
		if rep.Kind == "" {
			t.Errorf("Kind is empty")
		}
		if rep.Findings == nil || rep.Codes == nil || rep.Warnings == nil {
			t.Errorf("a list of the report is nil: findings %v, codes %v, warnings %v",
				rep.Findings == nil, rep.Codes == nil, rep.Warnings == nil)
		}
		for _, c := range rep.Codes {
			if c.Start < 0 || c.Start > c.End || c.End > len(text) {
				t.Fatalf("code %s: span [%d,%d) outside the input of %d bytes", c.Code, c.Start, c.End, len(text))
			}
			if got := text[c.Start:c.End]; !strings.EqualFold(got, c.Code) {
				t.Errorf("code %s: input[%d:%d] = %q", c.Code, c.Start, c.End, got)
			}
			pc, err := codes.ParseCode(c.Code)
			if err != nil || pc.Type != c.Type {
				t.Errorf("code %q of type %s does not parse as that type: %v", c.Code, c.Type, err)
			}
		}
		for _, fd := range rep.Findings {
			if fd.Evidence == nil || fd.Warnings == nil {
				t.Errorf("finding %s %s has a nil list", fd.ReplyCode, fd.Status)
			}
			for _, ev := range fd.Evidence {
				if ev.Start < 0 || ev.Start > ev.End || ev.End > len(text) {
					t.Errorf("finding %s %s: evidence [%d,%d) outside the input of %d bytes",
						fd.ReplyCode, fd.Status, ev.Start, ev.End, len(text))
				}
			}
			for _, code := range []string{fd.ReplyCode, fd.Status} {
				if code == "" {
					continue
				}
				if _, err := codes.ParseCode(code); err != nil {
					t.Errorf("finding code %q is malformed: %v", code, err)
				}
			}
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Errorf("json.Marshal: %v", err)
		}
	})
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{
		"550", "250", "599", "100", "700", "000", "5.1.1", "4.2.2", "2.0.0", "X.1.1", "x.7.30",
		"5.7.999", "4.4.20", "5.1.1000", "05.1.1", "5.01.1", "5.1.01", "6.1.1", "1.2.3",
		"4.16.55.1", "", " ", "abc", "5..1", ".1.1", "5.1.", "X.1", " 550 ", "5.1.1\n", "５.1.1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := codes.ParseCode(s)
		info, lerr := codes.Lookup(s)
		if err != nil {
			if !errors.Is(err, codes.ErrMalformed) {
				t.Errorf("ParseCode(%q) error %v does not wrap ErrMalformed", s, err)
			}
			if c != (codes.Code{}) {
				t.Errorf("ParseCode(%q) returned %+v with its error", s, c)
			}
			if lerr == nil {
				t.Errorf("Lookup(%q) succeeded where ParseCode failed", s)
			}
			return
		}
		switch c.Type {
		case codes.TypeReply:
			if c.Class < 2 || c.Class > 5 || c.Subject < 0 || c.Subject > 9 || c.Detail < 0 || c.Detail > 9 {
				t.Errorf("ParseCode(%q) = %+v: digits out of range", s, c)
			}
		case codes.TypeStatus:
			if (c.Class != 0 && c.Class != 2 && c.Class != 4 && c.Class != 5) ||
				c.Subject < 0 || c.Subject > 999 || c.Detail < 0 || c.Detail > 999 {
				t.Errorf("ParseCode(%q) = %+v: parts out of range", s, c)
			}
			if c.Generic().Class != 0 {
				t.Errorf("Generic() of %v keeps class %d", c, c.Generic().Class)
			}
		default:
			t.Fatalf("ParseCode(%q) type %q", s, c.Type)
		}
		again, err := codes.ParseCode(c.String())
		if err != nil || again != c {
			t.Errorf("ParseCode(%q) = %+v, but its String %q parses to %+v, %v", s, c, c.String(), again, err)
		}
		if want := strings.ToLower(c.Generic().String()); c.Slug() != want {
			t.Errorf("Slug() = %q, want %q", c.Slug(), want)
		}
		if lerr != nil {
			t.Fatalf("Lookup(%q) failed where ParseCode succeeded: %v", s, lerr)
		}
		if info.Code != c.String() || info.Title == "" || info.Explanation == "" || len(info.Digits) != 3 {
			t.Errorf("Lookup(%q) = code %q, title %q, explanation %q, %d digits", s, info.Code, info.Title, info.Explanation, len(info.Digits))
		}
	})
}

// FuzzNewFromFS replaces one data table with arbitrary text: loading must
// return a decoder or an error, never panic, and a decoder it returns must
// work. The table is named by file; a name that is not one of the tables
// picks one by its length.
func FuzzNewFromFS(f *testing.F) {
	base := map[string][]byte{}
	entries, err := os.ReadDir("data")
	if err != nil {
		f.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("data", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		base[e.Name()] = b
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		f.Add(n, string(base[n]))
		f.Add(n, "")
		f.Add(n, "# comment only\n")
		lines := strings.SplitN(string(base[n]), "\n", 5)
		f.Add(n, strings.Join(lines[:len(lines)-1], "\n")+"\n")
	}
	f.Fuzz(func(t *testing.T, file, content string) {
		if _, ok := base[file]; !ok {
			file = names[len(file)%len(names)]
		}
		fsys := fstest.MapFS{}
		for n, b := range base {
			fsys[n] = &fstest.MapFile{Data: b}
		}
		fsys[file] = &fstest.MapFile{Data: []byte(content)}
		d, err := newFromFS(fsys)
		if errors.Is(err, errPanic) {
			t.Fatalf("NewFromFS with %s = %.300q: %v", file, content, err)
		}
		if err != nil {
			return
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("a decoder loaded with %s = %.300q panicked: %v", file, content, p)
				}
			}()
			d.Registry().Codes()
			d.Decode("550 5.1.1 <alice@example.net>: unknown")
		}()
	})
}
