package codes_test

import (
	"encoding/base64"
	"fmt"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/smtpexplain/smtpexplain/codes"
)

// expBool is an expectation about a boolean field that may be left
// unchecked.
type expBool int8

const (
	anyBool expBool = iota
	isTrue
	isFalse
)

// mailExp is what a test expects of one finding. An empty string leaves a
// field unchecked, "-" requires it to be empty and "+" requires it to be
// set; any other value must match exactly.
type mailExp struct {
	recipient, action, reply, status, reason, command, host, provider, client string
	permanent, hard                                                           expBool
	diag                                                                      []string // substrings the diagnostic must contain
	warn                                                                      string   // a substring some warning must contain
}

const (
	googleLabel   = "Google (Gmail / Workspace)"
	m365Label     = "Microsoft 365 (Exchange Online)"
	outlookLabel  = "Outlook.com / Hotmail"
	yahooLabel    = "Yahoo / AOL"
	icloudLabel   = "Apple iCloud Mail"
	exchangeLabel = "Microsoft Exchange Server"
)

// readFixture returns a file of testdata/mail.
func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mail", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decodeMail decodes text, turning a panic into a test failure, and checks
// the invariants every report must keep.
func decodeMail(t testing.TB, text string) (rep codes.Report) {
	t.Helper()
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("Decode(%.120q) panicked: %v\n%s", text, p, debug.Stack())
			}
		}()
		rep = codes.Decode(text)
	}()
	checkReportSpans(t, text, rep)
	return rep
}

// checkReportSpans checks that every offset of a report lies inside the
// input and that no range is reversed.
func checkReportSpans(t testing.TB, text string, rep codes.Report) {
	t.Helper()
	in := func(start, end int) bool { return start >= 0 && start <= end && end <= len(text) }
	for _, c := range rep.Codes {
		if !in(c.Start, c.End) {
			t.Errorf("code %s: span [%d,%d) is not inside the input of %d bytes", c.Code, c.Start, c.End, len(text))
		}
	}
	for _, f := range rep.Findings {
		for _, ev := range f.Evidence {
			if !in(ev.Start, ev.End) {
				t.Errorf("finding %q %s %s: evidence [%d,%d) is not inside the input of %d bytes",
					f.Recipient, f.ReplyCode, f.Status, ev.Start, ev.End, len(text))
			}
		}
	}
	for _, st := range rep.Session {
		if !in(st.Start, st.End) {
			t.Errorf("step %s %s: span [%d,%d) is not inside the input of %d bytes", st.From, st.Command, st.Start, st.End, len(text))
		}
	}
}

// describeReport lists a report's findings for failure messages.
func describeReport(rep codes.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind %q, %d findings, warnings %q", rep.Kind, len(rep.Findings), rep.Warnings)
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "\n  {recipient %q action %q reply %q status %q reason %q command %q host %q provider %q client %q permanent %v hard %v diagnostic %.100q warnings %q}",
			f.Recipient, f.Action, f.ReplyCode, f.Status, f.Reason, f.Command, f.RemoteHost, f.Provider, f.Client, f.Permanent, f.HardBounce, f.Diagnostic, f.Warnings)
	}
	return b.String()
}

// checkMailFindings compares the findings of a report with the
// expectations: as many findings as expectations, each matched by its
// recipient when one is expected, otherwise by position.
func checkMailFindings(t *testing.T, rep codes.Report, want []mailExp) {
	t.Helper()
	if len(rep.Findings) != len(want) {
		t.Errorf("got %d findings, want %d\n%s", len(rep.Findings), len(want), describeReport(rep))
	}
	used := map[int]bool{}
	for i, w := range want {
		idx := -1
		if w.recipient != "" && w.recipient != "-" && w.recipient != "+" {
			for j, f := range rep.Findings {
				if !used[j] && strings.EqualFold(f.Recipient, w.recipient) {
					idx = j
					break
				}
			}
			if idx < 0 {
				t.Errorf("no finding for recipient %q\n%s", w.recipient, describeReport(rep))
				continue
			}
		} else {
			if i >= len(rep.Findings) {
				continue
			}
			idx = i
		}
		used[idx] = true
		checkMailFinding(t, rep, rep.Findings[idx], w)
	}
}

func checkMailFinding(t *testing.T, rep codes.Report, f codes.Finding, w mailExp) {
	t.Helper()
	field := func(name, got, want string) {
		t.Helper()
		switch want {
		case "":
		case "-":
			if got != "" {
				t.Errorf("finding %q: %s = %q, want it empty", f.Recipient, name, got)
			}
		case "+":
			if got == "" {
				t.Errorf("finding %q: %s is empty, want it set", f.Recipient, name)
			}
		default:
			if got != want {
				t.Errorf("finding %q: %s = %q, want %q", f.Recipient, name, got, want)
			}
		}
	}
	flag := func(name string, got bool, want expBool) {
		t.Helper()
		if want == isTrue && !got || want == isFalse && got {
			t.Errorf("finding %q: %s = %v, want %v", f.Recipient, name, got, want == isTrue)
		}
	}
	field("recipient", f.Recipient, w.recipient)
	field("action", f.Action, w.action)
	field("reply_code", f.ReplyCode, w.reply)
	field("status", f.Status, w.status)
	field("reason", f.Reason, w.reason)
	field("command", f.Command, w.command)
	field("remote_host", f.RemoteHost, w.host)
	field("provider", f.Provider, w.provider)
	field("client", f.Client, w.client)
	flag("permanent", f.Permanent, w.permanent)
	flag("hard_bounce", f.HardBounce, w.hard)
	for _, s := range w.diag {
		if !strings.Contains(f.Diagnostic, s) {
			t.Errorf("finding %q: diagnostic lacks %q: %q", f.Recipient, s, f.Diagnostic)
		}
	}
	if w.warn != "" {
		all := append(append([]string{}, f.Warnings...), rep.Warnings...)
		found := false
		for _, x := range all {
			if strings.Contains(x, w.warn) {
				found = true
			}
		}
		if !found {
			t.Errorf("finding %q: no warning mentions %q; finding warnings %q, report warnings %q", f.Recipient, w.warn, f.Warnings, rep.Warnings)
		}
	}
}

// Line-ending and mbox variants of a message.
func toCRLF(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
func toCR(s string) string   { return strings.ReplaceAll(s, "\n", "\r") }

const mboxLine = "From MAILER-DAEMON  Tue May 14 10:55:23 2024\n"

// base64Lines encodes b as MIME base64, 76 characters a line.
func base64Lines(b []byte) string {
	enc := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(enc) > 76 {
		out.WriteString(enc[:76])
		out.WriteByte('\n')
		enc = enc[76:]
	}
	out.WriteString(enc)
	out.WriteByte('\n')
	return out.String()
}

// quotedPrintable encodes b as MIME quoted-printable with LF line ends.
func quotedPrintable(b []byte) string {
	var out strings.Builder
	w := quotedprintable.NewWriter(&out)
	w.Write(b)
	w.Close()
	return strings.ReplaceAll(out.String(), "\r\n", "\n")
}

// encodeText converts UTF-8 text to a legacy charset; nil means UTF-8.
func encodeText(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	if enc == nil {
		return []byte(s)
	}
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

// transferEncode applies a Content-Transfer-Encoding to raw bytes.
func transferEncode(b []byte, cte string) string {
	switch cte {
	case "base64":
		return base64Lines(b)
	case "quoted-printable":
		return quotedPrintable(b)
	}
	s := string(b)
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// encodedWord writes s as one RFC 2047 "B" encoded-word in charset.
func encodedWord(t testing.TB, charset string, enc encoding.Encoding, s string) string {
	return "=?" + charset + "?B?" + base64.StdEncoding.EncodeToString(encodeText(t, enc, s)) + "?="
}

// mimePart is one body part of a multipart message built by a test.
type mimePart struct {
	header string // header lines, each ending in "\n"
	body   string
}

// multipart joins parts under boundary, with the closing delimiter.
func multipart(boundary string, parts ...mimePart) string {
	var b strings.Builder
	b.WriteString("This is a multi-part message in MIME format.\n")
	for _, p := range parts {
		b.WriteString("\n--" + boundary + "\n")
		b.WriteString(p.header)
		b.WriteString("\n")
		b.WriteString(p.body)
	}
	b.WriteString("\n--" + boundary + "--\n")
	return b.String()
}

// The finding every variant of postfix-dsn.eml must give.
var janeUnknown = mailExp{
	recipient: "jane.doe@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown",
	command: "RCPT", host: "gmail-smtp-in.l.google.com", provider: googleLabel,
	permanent: isTrue, hard: isTrue, diag: []string{"does not exist"},
}

// postfixNotice is the human-readable part of postfix-dsn.eml.
const postfixNotice = `This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<jane.doe@example.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said:
    550-5.1.1 The email account that you tried to reach does not exist. Please
    try 550-5.1.1 double-checking the recipient's email address for typos or
    550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1
    https://support.google.com/mail/?p=NoSuchUser a1si123456 - gsmtp (in reply
    to RCPT TO command)
`

const postfixStatus = `Reporting-MTA: dns; mail.example.net
X-Postfix-Queue-ID: 7D1E2A0123
X-Postfix-Sender: rfc822; olivia@example.org

Final-Recipient: rfc822; jane.doe@example.com
Original-Recipient: rfc822;jane.doe@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; gmail-smtp-in.l.google.com
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
    not exist. Please try 550-5.1.1 double-checking the recipient's email
    address for typos or 550-5.1.1 unnecessary spaces. For more information, go
    to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123456 -
    gsmtp
`

const returnedLunch = `Return-Path: <olivia@example.org>
From: Olivia Brown <olivia@example.org>
To: Jane Doe <jane.doe@example.com>
Subject: Lunch on Friday
Date: Tue, 14 May 2024 10:55:20 +0200
Message-ID: <lunch-42@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Hi Jane, are we still on for Friday?
`

const bounceHeader = `From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
To: olivia@example.org
Subject: Undelivered Mail Returned to Sender
Date: Tue, 14 May 2024 10:55:23 +0200
MIME-Version: 1.0
`

func reportHeader(boundary string) string {
	return bounceHeader + "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"" + boundary + "\"\n\n"
}

// TestMailTransferEncodings decodes reports whose parts are base64 or
// quoted-printable.
func TestMailTransferEncodings(t *testing.T) {
	const b = "enc.7D1E2A0123/mail.example.net"
	tests := []struct {
		name, kind, text string
	}{
		{"quoted-printable notice", codes.KindDSN, reportHeader(b) + multipart(b,
			mimePart{"Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: quoted-printable\n", quotedPrintable([]byte(postfixNotice))},
			mimePart{"Content-Type: message/delivery-status\n", postfixStatus},
			mimePart{"Content-Type: message/rfc822\n", returnedLunch},
		)},
		{"base64 notice, base64 global status and message", codes.KindDSN, reportHeader(b) + multipart(b,
			mimePart{"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n", base64Lines([]byte(postfixNotice))},
			mimePart{"Content-Type: message/global-delivery-status\nContent-Transfer-Encoding: base64\n", base64Lines([]byte(postfixStatus))},
			mimePart{"Content-Type: message/global\nContent-Transfer-Encoding: base64\n", base64Lines([]byte(returnedLunch))},
		)},
		{"quoted-printable status", codes.KindDSN, reportHeader(b) + multipart(b,
			mimePart{"Content-Type: text/plain; charset=us-ascii\n", postfixNotice},
			mimePart{"Content-Type: message/global-delivery-status\nContent-Transfer-Encoding: quoted-printable\n", quotedPrintable([]byte(postfixStatus))},
			mimePart{"Content-Type: text/rfc822-headers\n", returnedLunch},
		)},
		{"single base64 part", codes.KindBounce, bounceHeader +
			"Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n\n" + base64Lines([]byte(postfixNotice))},
		{"single quoted-printable part", codes.KindBounce, bounceHeader +
			"Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: quoted-printable\n\n" + quotedPrintable([]byte(postfixNotice))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, tc.text)
			if rep.Kind != tc.kind {
				t.Errorf("Kind = %q, want %q", rep.Kind, tc.kind)
			}
			checkMailFindings(t, rep, []mailExp{janeUnknown})
		})
	}
}

// charsetCases are bounce texts in the charsets bounces are written in;
// the test encodes them so that the fixtures stay readable.
var charsetCases = []struct {
	charset string
	enc     encoding.Encoding
	cte     string
	subject string
	intro   string
	rcpt    string
	reply   string // the server's reply as the bounce quotes it
	code    string
	status  string
	reason  string
	words   string // words that must come out decoded
}{
	{"UTF-8", nil, "8bit", "Unzustellbar: Angebot",
		"Diese Nachricht wurde automatisch erstellt. Ihre Nachricht konnte nicht zugestellt werden.",
		"hans.mueller@example.net", "550 5.1.1 Empfänger unbekannt, das Postfach existiert nicht", "550", "5.1.1", "userunknown", "Empfänger unbekannt"},
	{"ISO-8859-1", charmap.ISO8859_1, "quoted-printable", "Non distribué : Réunion",
		"Votre message n'a pas pu être remis à son destinataire.",
		"lucie.moreau@example.net", "552 5.2.2 Boîte aux lettres pleine, quota dépassé", "552", "5.2.2", "mailboxfull", "Boîte aux lettres pleine"},
	{"windows-1252", charmap.Windows1252, "8bit", "No entregado – “Factura”",
		"Su mensaje no pudo ser entregado – detalles a continuación.",
		"pedro.garcia@example.org", "550 5.1.1 El usuario “pedro.garcia” no existe – dirección desconocida", "550", "5.1.1", "userunknown", "“pedro.garcia” no existe –"},
	{"ISO-2022-JP", japanese.ISO2022JP, "7bit", "配信不能のお知らせ",
		"このメールは配信システムから自動的に送信されています。",
		"taro.yamada@example.net", "550 5.1.1 宛先のユーザーが存在しません", "550", "5.1.1", "userunknown", "ユーザーが存在しません"},
	{"Shift_JIS", japanese.ShiftJIS, "base64", "メール配信エラー",
		"送信されたメールは相手先に届きませんでした。",
		"hanako.suzuki@example.com", "552 5.2.2 メールボックスがいっぱいです（容量超過）", "552", "5.2.2", "mailboxfull", "メールボックスがいっぱいです"},
	{"EUC-JP", japanese.EUCJP, "8bit", "配送エラー",
		"以下の宛先へメールを配送できませんでした。",
		"ichiro.sato@example.org", "550 5.1.1 宛先不明のため配送できません", "550", "5.1.1", "userunknown", "宛先不明"},
	{"GB2312", simplifiedchinese.GBK, "base64", "退信通知",
		"很抱歉，您的邮件无法投递到以下收件人。",
		"wang.wei@example.com", "552 5.2.2 收件人邮箱已满，无法投递", "552", "5.2.2", "mailboxfull", "邮箱已满"},
	{"Big5", traditionalchinese.Big5, "8bit", "退信通知",
		"很抱歉，您的郵件無法傳送給下列收件人。",
		"chen.mei@example.net", "550 5.1.1 收件人不存在，請檢查地址", "550", "5.1.1", "userunknown", "收件人不存在"},
	{"KOI8-R", charmap.KOI8R, "quoted-printable", "Письмо не доставлено",
		"Ваше письмо не может быть доставлено следующим получателям.",
		"ivan.petrov@example.org", "550 5.1.1 Пользователь не найден", "550", "5.1.1", "userunknown", "Пользователь не найден"},
}

// TestMailCharsets decodes bounces in legacy and Unicode charsets, as a
// single text part and as the text part of a report whose delivery-status
// part gives no Diagnostic-Code.
func TestMailCharsets(t *testing.T) {
	for _, tc := range charsetCases {
		notice := tc.intro + "\n\n<" + tc.rcpt + ">: host mx.example.net[192.0.2.10] said: " + tc.reply +
			" (in reply to RCPT TO command)\n"
		body := transferEncode(encodeText(t, tc.enc, notice), tc.cte)
		head := "From: Mail Delivery System <MAILER-DAEMON@mail.example.net>\nTo: olivia@example.org\n" +
			"Subject: " + encodedWord(t, tc.charset, tc.enc, tc.subject) + "\n" +
			"Date: Thu, 23 May 2024 10:00:00 +0900\nMIME-Version: 1.0\n"
		partHeader := "Content-Type: text/plain; charset=\"" + tc.charset + "\"\nContent-Transfer-Encoding: " + tc.cte + "\n"
		status := "Reporting-MTA: dns; mail.example.net\n\nFinal-Recipient: rfc822; " + tc.rcpt +
			"\nAction: failed\nStatus: " + tc.status + "\nRemote-MTA: dns; mx.example.net\n"
		const b = "charset-report-boundary"
		want := mailExp{
			recipient: tc.rcpt, action: "failed", reply: tc.code, status: tc.status, reason: tc.reason,
			command: "RCPT", host: "mx.example.net", permanent: isTrue, hard: isFalse, diag: []string{tc.words},
		}
		if tc.reason == "userunknown" {
			want.hard = isTrue
		}
		variants := []struct{ name, kind, text string }{
			{"text", codes.KindBounce, head + partHeader + "\n" + body},
			{"report", codes.KindDSN, head + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + b + "\"\n\n" +
				multipart(b,
					mimePart{partHeader, body},
					mimePart{"Content-Type: message/delivery-status\n", status},
				)},
		}
		for _, v := range variants {
			t.Run(tc.charset+"/"+v.name, func(t *testing.T) {
				rep := decodeMail(t, v.text)
				if rep.Kind != v.kind {
					t.Errorf("Kind = %q, want %q", rep.Kind, v.kind)
				}
				checkMailFindings(t, rep, []mailExp{want})
			})
		}
	}
}

// TestMailNotABounce decodes messages that report no delivery failure.
func TestMailNotABounce(t *testing.T) {
	tests := []struct {
		name, text string
		want       []mailExp
	}{
		{"Auto-Submitted: auto-replied", readFixture(t, "autoreply-header.eml"), []mailExp{{
			recipient: "alice.martin@example.com", reason: "vacation", reply: "-", status: "-", permanent: isFalse, hard: isFalse}}},
		{"Out of Office subject", readFixture(t, "autoreply-subject.eml"), []mailExp{{
			recipient: "carlos.ruiz@example.net", reason: "vacation", reply: "-", status: "-", permanent: isFalse, hard: isFalse}}},
		{"encoded-word subject, ISO-8859-1", "From: Lucie Moreau <lucie.moreau@example.net>\nTo: olivia@example.org\n" +
			"Subject: =?ISO-8859-1?Q?R=E9ponse_automatique_:_Devis?=\nDate: Mon, 20 May 2024 09:00:00 +0200\n" +
			"Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\n" +
			"Je suis absente jusqu'au 3 juin.\n", []mailExp{{
			recipient: "lucie.moreau@example.net", reason: "vacation", permanent: isFalse, hard: isFalse}}},
		{"encoded-word subject, ISO-2022-JP", "From: " + encodedWord(t, "ISO-2022-JP", japanese.ISO2022JP, "山田太郎") + " <taro.yamada@example.net>\nTo: olivia@example.org\n" +
			"Subject: " + encodedWord(t, "ISO-2022-JP", japanese.ISO2022JP, "自動応答: 出張のお知らせ") + "\n" +
			"Date: Mon, 20 May 2024 16:00:00 +0900\nContent-Type: text/plain; charset=ISO-2022-JP\n\n" +
			string(encodeText(t, japanese.ISO2022JP, "6月3日まで出張のため不在です。\n")), []mailExp{{
			recipient: "taro.yamada@example.net", reason: "vacation", permanent: isFalse, hard: isFalse}}},
		{"encoded-word subject, UTF-8 Russian", "From: Ivan Petrov <ivan.petrov@example.org>\nTo: olivia@example.org\n" +
			"Subject: " + encodedWord(t, "UTF-8", nil, "Автоответ: Отпуск") + "\n" +
			"Date: Mon, 20 May 2024 10:00:00 +0300\nContent-Type: text/plain; charset=utf-8\n\nЯ в отпуске до 3 июня.\n", []mailExp{{
			recipient: "ivan.petrov@example.org", reason: "vacation", permanent: isFalse, hard: isFalse}}},
		{"abuse report", readFixture(t, "arf.eml"), []mailExp{{
			recipient: "paula@example.net", reason: "feedback", permanent: isFalse, hard: isFalse}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, tc.text)
			checkMailFindings(t, rep, tc.want)
		})
	}
	t.Run("text without codes", func(t *testing.T) {
		rep := decodeMail(t, readFixture(t, "no-codes.txt"))
		if len(rep.Findings) != 0 {
			t.Errorf("want no findings\n%s", describeReport(rep))
		}
		if len(rep.Warnings) == 0 {
			t.Errorf("want a warning that nothing was found\n%s", describeReport(rep))
		}
	})
}

// TestMailForwardedBounce decodes a message that forwards a bounce as an
// attachment: the findings are those of the attached bounce.
func TestMailForwardedBounce(t *testing.T) {
	const b = "fwd-boundary-42"
	bounce := readFixture(t, "postfix-dsn.eml")
	text := "From: Olivia Brown <olivia@example.org>\nTo: IT Desk <desk@example.org>\n" +
		"Subject: Fwd: Undelivered Mail Returned to Sender\nDate: Tue, 14 May 2024 11:20:00 +0200\nMIME-Version: 1.0\n" +
		"Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\n" + multipart(b,
		mimePart{"Content-Type: text/plain; charset=us-ascii\n", "Hello, my mail to Jane came back. Can you have a look?\n\nOlivia\n"},
		mimePart{"Content-Type: message/rfc822\nContent-Disposition: attachment; filename=\"bounce.eml\"\n", bounce},
	)
	rep := decodeMail(t, text)
	checkMailFindings(t, rep, []mailExp{janeUnknown})
	for _, f := range rep.Findings {
		for _, ev := range f.Evidence {
			if ev.Start < strings.Index(text, "Return-Path: <>") {
				t.Errorf("evidence %v lies before the attached bounce", ev)
			}
		}
	}
}

// hasFinding reports whether some finding names the recipient.
func hasFinding(rep codes.Report, rcpt string) bool {
	for _, f := range rep.Findings {
		if strings.EqualFold(f.Recipient, rcpt) {
			return true
		}
	}
	return false
}

// TestMailMalformed decodes damaged messages: each gives a warning and
// whatever the damage left readable.
func TestMailMalformed(t *testing.T) {
	full := readFixture(t, "postfix-dsn.eml")
	cut := full[:strings.Index(full, "Hi Jane, are we still")]
	const b = "damaged.7D1E2A0123"
	notice64 := base64.StdEncoding.EncodeToString([]byte(postfixNotice + strings.Repeat("Additional detail line.\n", 20)))
	truncated := func(rest int) string {
		n := len(notice64) - 40
		for n%4 != rest {
			n--
		}
		return bounceHeader + "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: base64\n\n" + notice64[:n] + "\n"
	}
	badQP := strings.Replace(quotedPrintable([]byte(postfixNotice)), "I'm sorry", "I=ZZm sorry=4", 1)
	nested := func(levels int) string {
		var s strings.Builder
		s.WriteString(bounceHeader + "Content-Type: multipart/mixed; boundary=\"level0\"\n\n")
		for i := 0; i < levels; i++ {
			fmt.Fprintf(&s, "--level%d\nContent-Type: multipart/mixed; boundary=\"level%d\"\n\n", i, i+1)
		}
		inner := "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + b + "\"\n\n" + multipart(b,
			mimePart{"Content-Type: text/plain; charset=us-ascii\n", postfixNotice},
			mimePart{"Content-Type: message/delivery-status\n", postfixStatus},
		)
		fmt.Fprintf(&s, "--level%d\n%s", levels, inner)
		for i := levels; i >= 0; i-- {
			fmt.Fprintf(&s, "\n--level%d--\n", i)
		}
		return s.String()
	}
	tests := []struct {
		name, text string
	}{
		{"missing boundary", bounceHeader + "Content-Type: multipart/report; report-type=delivery-status\n\n" +
			multipart(b,
				mimePart{"Content-Type: text/plain; charset=us-ascii\n", postfixNotice},
				mimePart{"Content-Type: message/delivery-status\n", postfixStatus},
			)},
		{"unterminated multipart", cut},
		{"truncated base64, one character over", truncated(1)},
		{"truncated base64, two characters over", truncated(2)},
		{"bad quoted-printable", bounceHeader + "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: quoted-printable\n\n" + badQP},
		{"nested 50 levels", nested(50)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, tc.text)
			if len(rep.Warnings) == 0 {
				t.Errorf("want a warning about the damage\n%s", describeReport(rep))
			}
			if !hasFinding(rep, "jane.doe@example.com") {
				t.Errorf("want a finding for jane.doe@example.com\n%s", describeReport(rep))
			}
		})
	}
}

// TestMailLargePaste decodes a 5 MB bounce (a large returned attachment)
// and a 5 MB log.
func TestMailLargePaste(t *testing.T) {
	const size = 5 << 20
	attachment := base64Lines(make([]byte, size*3/4))
	const b = "large.7D1E2A0123"
	const mb = "large-inner"
	returned := "From: Olivia Brown <olivia@example.org>\nTo: jane.doe@example.com\nSubject: Photos\nMIME-Version: 1.0\n" +
		"Content-Type: multipart/mixed; boundary=\"" + mb + "\"\n\n" + multipart(mb,
		mimePart{"Content-Type: text/plain\n", "Photos attached.\n"},
		mimePart{"Content-Type: image/jpeg; name=\"photos.jpg\"\nContent-Transfer-Encoding: base64\n", attachment},
	)
	email := reportHeader(b) + multipart(b,
		mimePart{"Content-Type: text/plain; charset=us-ascii\n", postfixNotice},
		mimePart{"Content-Type: message/delivery-status\n", postfixStatus},
		mimePart{"Content-Type: message/rfc822\n", returned},
	)
	line := "May 23 10:09:14 mx1 postfix/smtp[3201]: 5A6B7C8D9E: to=<jane.doe@example.com>, relay=gmail-smtp-in.l.google.com[192.0.2.27]:25, delay=633, delays=632/0/0.5/0.6, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.27] said: 550 5.1.1 The email account that you tried to reach does not exist. - gsmtp (in reply to RCPT TO command))\n"
	filler := "May 23 10:09:15 mx1 postfix/smtpd[3300]: connect from unknown[198.51.100.99]\n"
	log := line + strings.Repeat(filler, (size-len(line))/len(filler)+1)
	for _, tc := range []struct{ name, text, kind string }{
		{"bounce", email, codes.KindDSN},
		{"log", log, codes.KindLog},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.text) < size {
				t.Fatalf("the input is only %d bytes", len(tc.text))
			}
			start := time.Now()
			rep := decodeMail(t, tc.text)
			t.Logf("%d bytes decoded in %v", len(tc.text), time.Since(start))
			if rep.Kind != tc.kind {
				t.Errorf("Kind = %q, want %q", rep.Kind, tc.kind)
			}
			checkMailFindings(t, rep, []mailExp{{recipient: "jane.doe@example.com", action: "failed", reply: "550", status: "5.1.1", reason: "userunknown"}})
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("decoding took %v", d)
			}
		})
	}
}

// TestMailOddBytes decodes text with invalid UTF-8 and NUL bytes.
func TestMailOddBytes(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"reply", "550 5.1.1 <bob@example.com>: Recipient address rejected: User\x00 unknown \xff\xfe in local recipient table\n"},
		{"bounce body", "<bob@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1 User unknown \xe9\xe8\x00\x00 (in reply\n    to RCPT TO command)\n"},
		{"email", bounceHeader + "Content-Type: text/plain; charset=utf-8\nX-Junk: \xc3\x28\x00\n\n" +
			"<bob@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1 Destinataire inconnu caf\xe9 \x00 (in reply to RCPT TO command)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, tc.text)
			checkMailFindings(t, rep, []mailExp{{recipient: "bob@example.com", reply: "550", status: "5.1.1", permanent: isTrue}})
		})
	}
}

// TestMailHTMLOnly decodes bounces whose only text is HTML, including
// markup a careless generator leaves unescaped ("MAIL FROM:<>").
func TestMailHTMLOnly(t *testing.T) {
	head := bounceHeader + "Content-Type: text/html; charset=us-ascii\n\n"
	tests := []struct{ name, html string }{
		{"clean", "<html><body><p>Delivery has failed to these recipients:</p>\n<p>jane.doe@example.com<br>\n" +
			"Remote Server returned '550 5.1.1 &lt;jane.doe@example.com&gt;: Recipient address rejected: User unknown'</p></body></html>\n"},
		{"empty tag", "<html><body><p>Delivery has failed to these recipients:</p>\n<p>jane.doe@example.com<br>\n" +
			"The dialogue was MAIL FROM:<> then RCPT TO.<br>\n" +
			"Remote Server returned '550 5.1.1 &lt;jane.doe@example.com&gt;: Recipient address rejected: User unknown'</p></body></html>\n"},
		{"blank tag", "<html><body><p>jane.doe@example.com</p>< >\n" +
			"<p>Remote Server returned '550 5.1.1 User unknown'</p></body></html>\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := decodeMail(t, head+tc.html)
			checkMailFindings(t, rep, []mailExp{{recipient: "jane.doe@example.com", reply: "550", status: "5.1.1", reason: "userunknown"}})
		})
	}
}

// TestMailEvidence checks the offsets of every fixture: codes, evidence and
// dialogue steps lie inside the input, and the codes of these verbatim
// (7bit or 8bit UTF-8) fixtures are exactly where the report says.
func TestMailEvidence(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "mail"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			text := readFixture(t, e.Name())
			for _, v := range []string{text, toCRLF(text)} {
				rep := decodeMail(t, v)
				for _, c := range rep.Codes {
					if c.Start < 0 || c.End > len(v) || c.Start > c.End {
						continue // reported by decodeMail
					}
					if got := v[c.Start:c.End]; got != c.Code {
						t.Errorf("code %s: input[%d:%d] = %q", c.Code, c.Start, c.End, got)
					}
				}
				for _, f := range rep.Findings {
					if len(f.Evidence) == 0 {
						t.Errorf("finding %q %s %s has no evidence", f.Recipient, f.ReplyCode, f.Status)
					}
				}
			}
		})
	}
}
