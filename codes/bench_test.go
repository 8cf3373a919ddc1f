package codes

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Benchmarks measure what decoding costs: over the shared corpus of real
// bounces by input kind, over synthetic inputs of growing size (the cost
// must grow linearly), and over pathological inputs. Run them with
// `make bench`; the output is in the format benchstat reads.

// BenchmarkDecodeCorpus decodes every email of the shared corpus, grouped
// by the kind the decoder reports, and all of them together.
func BenchmarkDecodeCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "emails", "*.eml"))
	if len(files) == 0 {
		b.Skip("SKIPPING: no corpus at " + corpusDir)
	}
	d := Default()
	byKind := map[string][]string{}
	var all []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(raw)
		byKind[d.Decode(text).Kind] = append(byKind[d.Decode(text).Kind], text)
		all = append(all, text)
	}
	run := func(name string, texts []string) {
		size := 0
		for _, t := range texts {
			size += len(t)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, t := range texts {
					d.Decode(t)
				}
			}
		})
	}
	run("all", all)
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		run("kind="+k, byKind[k])
	}
}

// synthBounce writes a bounce of about size bytes: a DSN with many
// recipients, each with its line in the human-readable part.
func synthBounce(size int) string {
	var human, dsn strings.Builder
	reasons := []string{"550 5.1.1 User unknown", "552 5.2.2 Mailbox full", "554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org", "451 4.3.0 Temporary local problem"}
	for i := 0; human.Len()+dsn.Len() < size; i++ {
		r := reasons[i%len(reasons)]
		fmt.Fprintf(&human, "<user%d@example.com>: host mx%d.example.com[192.0.2.%d] said: %s (in reply to RCPT TO\n    command)\n\n", i, i%7, i%250, r)
		fmt.Fprintf(&dsn, "Final-Recipient: rfc822; user%d@example.com\nAction: failed\nStatus: %s\nRemote-MTA: dns; mx%d.example.com\nDiagnostic-Code: smtp; %s\n\n", i, r[4:9], i%7, r)
	}
	return "From: MAILER-DAEMON@mail.example.net\nTo: sender@example.org\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nThis is the mail system at host mail.example.net.\n\n" +
		human.String() + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.net\n\n" + dsn.String() + "--b--\n"
}

// synthLog writes Postfix log lines for about size bytes.
func synthLog(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		status := []string{"bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <u@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
			"deferred (connect to mx.example.com[192.0.2.1]:25: Connection timed out)", "sent (250 2.0.0 Ok: queued as 4F1A2B)"}[i%3]
		dsn := []string{"5.1.1", "4.4.1", "2.0.0"}[i%3]
		fmt.Fprintf(&b, "May 14 10:%02d:%02d mx1 postfix/smtp[%d]: 4F1A2B%04X: to=<user%d@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, dsns=0/0/0/0, dsn=%s, status=%s\n",
			i/60%60, i%60, 1000+i, i, i, dsn, status)
	}
	return b.String()
}

// synthText writes prose with a reply quoted now and then, for about size
// bytes: what a long paste of a support thread looks like.
func synthText(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString("The customer says the message to the finance team never arrived, and asks whether we changed anything on our side last week.\n")
		if i%8 == 0 {
			fmt.Fprintf(&b, "The server responded: 550 5.7.1 <person%d@example.com>: Relay access denied\n", i)
		}
	}
	return b.String()
}

// BenchmarkMatcherScan runs the automata that find phrases over the
// emails of the shared corpus: the provider signatures with ASCII case
// folded, and the wording rules as they are. Scanning is a large share of
// a decode; this times it alone.
func BenchmarkMatcherScan(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "emails", "*.eml"))
	if len(files) == 0 {
		b.Skip("SKIPPING: no corpus at " + corpusDir)
	}
	var text strings.Builder
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(raw)
	}
	all := text.String()
	kb := Default().kb
	matches := 0
	count := func(id, end int) bool {
		matches++
		return true
	}
	b.Run("fold", func(b *testing.B) {
		b.SetBytes(int64(len(all)))
		for i := 0; i < b.N; i++ {
			kb.providers.signatureIndex.eachFold(all, count)
		}
	})
	b.Run("exact", func(b *testing.B) {
		b.SetBytes(int64(len(all)))
		for i := 0; i < b.N; i++ {
			kb.phraseIndex.each(all, count)
		}
	})
	if matches == 0 {
		b.Fatal("no phrase found in the corpus")
	}
}

// BenchmarkDecodeSize decodes synthetic inputs of 1 KB to 10 MB: MB/s must
// stay about constant as the size grows.
func BenchmarkDecodeSize(b *testing.B) {
	d := Default()
	for _, gen := range []struct {
		name string
		fn   func(int) string
	}{{"bounce", synthBounce}, {"log", synthLog}, {"text", synthText}} {
		for _, size := range []int{1 << 10, 100 << 10, 1 << 20, 10 << 20} {
			text := gen.fn(size)
			b.Run(fmt.Sprintf("%s/%s", gen.name, sizeName(size)), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					d.Decode(text)
				}
			})
		}
	}
}

// BenchmarkDecodeHostile decodes inputs built to trip a decoder: they must
// decode at a rate like ordinary text.
func BenchmarkDecodeHostile(b *testing.B) {
	d := Default()
	var nested strings.Builder
	nested.WriteString("From: a@example.com\nSubject: x\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&nested, "--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n", i, i+1)
	}
	nested.WriteString("550 5.1.1 <x@example.com>: User unknown\n")
	inputs := []struct{ name, text string }{
		{"million-lines", strings.Repeat("a\n", 1_000_000)},
		{"1MB-line-of-codes", strings.Repeat("550 5.1.1 x 451 4.3.0 y ", 1<<20/24)},
		{"1MB-line-of-addresses", strings.Repeat("<a@example.com> ", 1<<20/16)},
		{"endless-continuation", "From: a@example.com\nSubject: x\n" + strings.Repeat(" more\n", 400_000) + "\n550 5.1.1 User unknown\n"},
		{"endless-reply", "550-5.1.1 start\n" + strings.Repeat("550-5.1.1 more words of the reply\n", 60_000) + "550 5.1.1 end\n"},
		{"deep-mime", nested.String()},
		{"nul-bytes", strings.Repeat("\x00", 1<<20)},
		{"invalid-utf8", strings.Repeat("\xff\xfe\xc3", 1<<20/3)},
		{"html-tags", "From: a@example.com\nContent-Type: text/html\n\n" + strings.Repeat("<p><b>550</b> <i>5.1.1</i></p>", 1<<20/30)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for i := 0; i < b.N; i++ {
				d.Decode(in.text)
			}
		})
	}
}

// BenchmarkNew measures building a Decoder from the embedded tables: the
// start-up cost of the CLI and of the web page.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstDecode builds a Decoder and decodes one short bounce
// with it: what a command-line run pays besides starting the process, the
// lazy parts of the tables included.
func BenchmarkFirstDecode(b *testing.B) {
	const msg = "From: MAILER-DAEMON@mail.example.net\nSubject: Undelivered Mail Returned to Sender\n\n" +
		"<user@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <user@example.com>:\n" +
		"    Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)\n"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d, err := New()
		if err != nil {
			b.Fatal(err)
		}
		if rep := d.Decode(msg); len(rep.Findings) != 1 {
			b.Fatalf("%d findings, want 1", len(rep.Findings))
		}
	}
}

func sizeName(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}
