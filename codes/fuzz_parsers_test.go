package codes

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addMailSeeds adds the files of testdata/mail whose names end in one of
// the extensions as seeds.
func addMailSeeds(f *testing.F, exts ...string) {
	dir := filepath.Join("testdata", "mail")
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		for _, ext := range exts {
			if strings.HasSuffix(e.Name(), ext) {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					f.Fatal(err)
				}
				f.Add(string(b))
				break
			}
		}
	}
}

// spanInside reports whether [start, end) is a range of a text of n bytes.
func spanInside(start, end, n int) bool {
	return start >= 0 && start <= end && end <= n
}

var messageSeeds = []string{
	"From: a@example.org\nTo: b@example.net\nSubject: x\n\nbody\n",
	"Content-Type: multipart/report; report-type=delivery-status\n\n--b\n\nFinal-Recipient: rfc822; a@example.net\n",
	"Content-Type: multipart/mixed; boundary=x\nMIME-Version: 1.0\n\n--x\nContent-Type: multipart/mixed; boundary=y\n\n--y\nContent-Type: text/plain\n\n550 5.1.1 a@example.net\n--y--\n--x",
	"Content-Type: text/plain\nContent-Transfer-Encoding: base64\nMIME-Version: 1.0\n\nNTUwIDUuMS4xIFVzZXIgdW5rbm93bg",
	"Content-Type: text/plain; charset=iso-2022-jp\nContent-Transfer-Encoding: quoted-printable\nMIME-Version: 1.0\n\n=1B$B%f=\n=ZZ\n",
	"From MAILER-DAEMON Tue May 14 10:55:23 2024\r\nFrom: x@example.org\r\nTo: y@example.org\r\nContent-Type: message/rfc822\r\n\r\nFrom: z@example.org\r\n",
	"Subject: =?utf-8?q?=E2=9C=93?=\nTo: a@example.org\nContent-Type: text/html\n\n<p>550 <b>5.1.1</b></p><script>x",
}

// FuzzParseMessage reads arbitrary text as an email: parsing must not
// panic, and every segment, header field and forwarded part must map back
// into the input.
func FuzzParseMessage(f *testing.F) {
	for _, s := range messageSeeds {
		f.Add(s)
	}
	addMailSeeds(f, ".eml")
	f.Fuzz(func(t *testing.T, text string) {
		s := normalizeInput(text)
		at, _ := looksLikeMessage(s)
		if at < 0 || at > len(s) {
			t.Fatalf("looksLikeMessage offset %d outside the input of %d bytes", at, len(s))
		}
		m := parseMessage(s, at)
		for i, g := range m.segments {
			if !spanInside(g.span.Start, g.span.End, len(s)) {
				t.Errorf("segment %d (%s): span %v outside the input of %d bytes", i, g.mediaType, g.span, len(s))
			}
			if g.identity {
				if !spanInside(g.base, g.base+len(g.text), len(s)) {
					t.Errorf("segment %d: verbatim text at %d (%d bytes) outside the input of %d bytes", i, g.base, len(g.text), len(s))
				} else if s[g.base:g.base+len(g.text)] != g.text {
					t.Errorf("segment %d: verbatim text differs from input[%d:%d]", i, g.base, g.base+len(g.text))
				}
			}
		}
		for _, h := range []header{m.header, m.returned} {
			for _, fl := range h {
				if !spanInside(fl.start, fl.end, len(s)) {
					t.Errorf("header field %q: [%d,%d) outside the input of %d bytes", fl.name, fl.start, fl.end, len(s))
				}
			}
		}
		for _, sp := range m.forwarded {
			if !spanInside(sp.Start, sp.End, len(s)) {
				t.Errorf("forwarded part %v outside the input of %d bytes", sp, len(s))
			}
		}
	})
}

var dsnSeeds = []string{
	"Reporting-MTA: dns; mail.example.net\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n",
	"Final-Recipient: rfc822;a@example.net\nFinal-Recipient: rfc822;b@example.net\nStatus: 4.4.1\n",
	"Original-Recipient: utf-8; jürgen@example.net\nAction: delayed\nStatus: 4.2.2\nWill-Retry-Until: Tue, 21 May 2024 09:10:00 +0200\n",
	"Action: failed\nStatus: 5.0.0\nRemote-MTA: dns; mx.example.com\nDiagnostic-Code: X-Postfix; host or domain name not found\n",
	"Final-Recipient: <a@example.net>\r\nStatus:\r\n Diagnostic-Code: ;\r\n\r\n\r\nX-Actual-Recipient: rfc822; b@example.net\r\n",
	"Final-Recipient",
	": ;\n:\n\n",
}

// FuzzParseDSN reads arbitrary text as a delivery-status body: no panic,
// every recipient named, and every span inside the text.
func FuzzParseDSN(f *testing.F) {
	for _, s := range dsnSeeds {
		f.Add(s)
	}
	addMailSeeds(f, "dsn.eml", "dsn-multi.eml", "dsn-conflict.eml")
	f.Fuzz(func(t *testing.T, text string) {
		g := segment{kind: segDSN, text: text, identity: true, span: Span{0, len(text)}}
		rep := parseDSN(g)
		for i, r := range rep.recipients {
			if r.final == "" && r.original == "" {
				t.Errorf("recipient %d names no address: %+v", i, r)
			}
			for _, sp := range []Span{r.span, r.statusSpan, r.diagSpan} {
				if !spanInside(sp.Start, sp.End, len(text)) {
					t.Errorf("recipient %d (%q): span %v outside the text of %d bytes", i, r.final, sp, len(text))
				}
			}
		}
	})
}

// FuzzParseESP reads arbitrary text as provider event JSON: no panic, ok
// exactly when events were found, and findings within the vocabulary.
func FuzzParseESP(f *testing.F) {
	addMailSeeds(f, ".json")
	entries, _ := os.ReadDir(filepath.Join("testdata", "mail"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "ses-") {
			b, err := os.ReadFile(filepath.Join("testdata", "mail", e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			env, _ := json.Marshal(map[string]string{"Type": "Notification", "Message": string(b)})
			f.Add(string(env))
		}
	}
	for _, s := range []string{
		`[]`, `{}`, `null`, `[[[[[[[[[[{"event":"bounce","email":"a@example.net"}]]]]]]]]]]`,
		`{"Type":"Notification","Message":"{\"Type\":\"Notification\",\"Message\":\"{}\"}"}`,
		`{"event-data":{"event-data":{"event":"failed","recipient":"a@example.net","delivery-status":{"code":5.5e2}}}}`,
		`{"notificationType":"Bounce","bounce":{"bouncedRecipients":[1,"x",null,{}]}}`,
		`{"RecordType":"Bounce","Email":7,"Type":[]}`,
	} {
		f.Add(s)
	}
	d := Default()
	f.Fuzz(func(t *testing.T, text string) {
		events, ok := parseESP(text)
		if ok != (len(events) > 0) {
			t.Errorf("ok = %v with %d events", ok, len(events))
		}
		// The findings made from the events keep to the report's
		// vocabulary whatever the provider wrote.
		for i, fd := range d.espFindings(events, Span{0, len(text)}) {
			switch fd.Action {
			case "", "failed", "delayed", "delivered", "relayed", "expanded":
			default:
				t.Errorf("finding %d: action %q", i, fd.Action)
			}
			if _, known := d.kb.reasons[fd.Reason]; !known {
				t.Errorf("finding %d: reason %q is not in the vocabulary", i, fd.Reason)
			}
			for _, code := range []string{fd.ReplyCode, fd.Status} {
				if _, err := ParseCode(code); code != "" && err != nil {
					t.Errorf("finding %d: malformed code %q", i, code)
				}
			}
		}
	})
}

// FuzzReadLog reads arbitrary text as an MTA log: no panic, each event one
// whole line of the input, in order, with a recipient and an action.
func FuzzReadLog(f *testing.F) {
	addMailSeeds(f, ".log")
	for _, s := range []string{
		"to=<a@example.net>, status=bounced (said: 550 5.1.1 x)",
		"x to=<a@example.net>, stat=Deferred:",
		"2024-05-23 11:00:02 id ** a@example.net: 550 x\n2024-05-23 11:00:02 id == b@example.net",
		"1 2 3 4 5 => a@example.net",
		"to=<, status=",
		" to=<a@example.net> to=<b@example.net> stat=sent status=sent",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := normalizeInput(text)
		last := -1
		for i, e := range readLog(s) {
			if !spanInside(e.line.Start, e.line.End, len(s)) {
				t.Fatalf("event %d: line %v outside the input of %d bytes", i, e.line, len(s))
			}
			if strings.ContainsRune(s[e.line.Start:e.line.End], '\n') {
				t.Errorf("event %d: line %v spans several lines", i, e.line)
			}
			if e.line.Start <= last {
				t.Errorf("event %d: line %v not after the previous one at %d", i, e.line, last)
			}
			last = e.line.Start
			if e.recipient == "" {
				t.Errorf("event %d: no recipient", i)
			}
			switch e.action {
			case "failed", "delayed", "delivered":
			default:
				t.Errorf("event %d: action %q", i, e.action)
			}
		}
	})
}

// FuzzReadTranscript reads arbitrary text as an SMTP dialogue: no panic,
// steps in input order inside the input, replies with a three-digit code.
func FuzzReadTranscript(f *testing.F) {
	addMailSeeds(f, ".txt")
	for _, s := range []string{
		"C: EHLO a\nC: MAIL FROM:<a@example.org>\nS: 250-",
		"S: 354 go\nC: DATA\nC: DATA\nC: .\nS: 550",
		"send: b'x\\r\\n.\\r\\n'\nreply: b'250 ok'\nsend: 'quit'\nreply: retcode (221)",
		"334 x\nAUTH\nEHLO\n334\n235",
		"<- 250-a\n<- 250-b\n-> RCPT TO:<a@example.net>\n-> RCPT TO:<b@example.net>\n<** 550",
	} {
		f.Add(s)
	}
	d := Default()
	f.Fuzz(func(t *testing.T, text string) {
		s := normalizeInput(text)
		last := 0
		for i, st := range d.readTranscript(s) {
			if !spanInside(st.Start, st.End, len(s)) {
				t.Fatalf("step %d: [%d,%d) outside the input of %d bytes", i, st.Start, st.End, len(s))
			}
			if st.Start < last {
				t.Errorf("step %d starts at %d, before the previous step at %d", i, st.Start, last)
			}
			last = st.Start
			switch st.From {
			case "client":
			case "server":
				if len(st.Code) != 3 || !isDigits(st.Code) {
					t.Errorf("step %d: reply code %q", i, st.Code)
				} else if st.Failed != (st.Code[0] == '4' || st.Code[0] == '5') {
					t.Errorf("step %d: reply %s with Failed = %v", i, st.Code, st.Failed)
				}
			default:
				t.Errorf("step %d: From = %q", i, st.From)
			}
		}
	})
}

// FuzzScanCodes scans arbitrary text: no panic, hits in order without
// overlap, each the exact text of a well-formed code.
func FuzzScanCodes(f *testing.F) {
	for _, s := range []string{
		"550 5.1.1 user unknown", "550-5.7.26 x\n550 5.7.26 y", "said: 421 4.7.0 [TSS04] - 4.16.55.1",
		"(#5.1.1)", "Error #550", "192.0.2.55 5.1.1000 05.1.1 5.01.1 Postfix 2.4.5", "2001:db8::550 :550 550:",
		"５５０ ５.１.１", "5.1.1.", "5.1.", "550\x00550", "\xff550 5.1.1\xfe",
	} {
		f.Add(s)
	}
	addMailSeeds(f, ".txt", ".log")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for i, h := range scanCodes(text) {
			if h.start < last || h.start >= h.end || h.end > len(text) {
				t.Fatalf("hit %d (%s): [%d,%d) is not after %d inside the input of %d bytes", i, h.code(), h.start, h.end, last, len(text))
			}
			last = h.end
			raw := text[h.start:h.end]
			if raw != h.code().String() {
				t.Errorf("hit %d: input[%d:%d] = %q, code %s", i, h.start, h.end, raw, h.code())
			}
			c, err := ParseCode(raw)
			if err != nil || c != h.code() {
				t.Errorf("hit %d: %q parses as %+v, %v; the hit says %+v", i, raw, c, err, h.code())
			}
		}
	})
}

// FuzzReadQuotedPrintable decodes arbitrary quoted-printable text: no
// panic, never longer than its input, and the output of Go's
// mime/quotedprintable wherever that reader does not fail.
func FuzzReadQuotedPrintable(f *testing.F) {
	for _, s := range []string{"", "caf=C3=A9\r\n", "550 5.1.1 =\nUser unknown=3D", "a =  \r\nb", "=4=\t= \n=", "a\x01b\x7f\r\r\n", strings.Repeat("=41", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := readQuotedPrintable(raw)
		if len(got) > len(raw) {
			t.Fatalf("decoded %d bytes from %d", len(got), len(raw))
		}
		want, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(raw)))
		if err == nil && !bytes.Equal(got, want) {
			t.Fatalf("readQuotedPrintable(%q) = %q, mime/quotedprintable %q", raw, got, want)
		}
	})
}
