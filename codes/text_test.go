package codes

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLowerASCII(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"already lower 550", "already lower 550"},
		{"User Unknown", "user unknown"},
		{"ALL UPPER", "all upper"},
		{"Ä stays, A goes", "Ä stays, a goes"},
		{"\xff\xfeBAD UTF-8", "\xff\xfebad utf-8"},
		{"İSTANBUL", "İstanbul"}, // only ASCII letters change, so offsets hold
	}
	for _, tt := range tests {
		if got := LowerASCII(tt.in); got != tt.want || len(got) != len(tt.in) {
			t.Errorf("LowerASCII(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Eight bytes at a time: every byte value at every place of a word,
	// around each boundary of the letters and beyond ASCII.
	for _, c := range []byte{0, '@', 'A', 'M', 'Z', '[', '`', 'a', 'z', 0x7f, 0x80, 0xc1, 0xda, 0xff} {
		for n := 1; n <= 19; n++ {
			for at := 0; at < n; at++ {
				b := []byte(strings.Repeat("xY", n)[:n])
				b[at] = c
				in := string(b)
				want := []byte(in)
				for i, c := range want {
					if c >= 'A' && c <= 'Z' {
						want[i] = c + 'a' - 'A'
					}
				}
				if got := LowerASCII(in); got != string(want) {
					t.Errorf("LowerASCII(%q) = %q, want %q", in, got, want)
				}
			}
		}
	}
}

// TestLowerText checks that lowerText lowers as strings.ToLower does, and
// isASCII, for ASCII and non-ASCII text, invalid UTF-8, and a byte of
// every kind at every place of an eight-byte word.
func TestLowerText(t *testing.T) {
	inputs := []string{"", "User Unknown", "ALL UPPER 550 5.1.1", "Ä stays? ÄÖÜ", "\xff\xfeBAD UTF-8", "İSTANBUL", "\u212a Kelvin", "Utilisateur INCONNU: é É"}
	for _, c := range []byte{0, 'A', 'Z', 'a', 0x7f, 0x80, 0xc3, 0xff} {
		for n := 1; n <= 19; n++ {
			for at := 0; at < n; at++ {
				b := []byte(strings.Repeat("xY", n)[:n])
				b[at] = c
				inputs = append(inputs, string(b))
			}
		}
	}
	// Long enough for LowerASCII to lower in buffers of 256 bytes.
	for _, n := range []int{255, 256, 257, 263, 264, 512, 1000} {
		long := strings.Repeat("Mail Delivery FAILED 550 ", n/25+1)[:n]
		inputs = append(inputs, long, "x"+long, long+"É")
	}
	for _, in := range inputs {
		if got, want := lowerText(in), strings.ToLower(in); got != want {
			t.Errorf("lowerText(%q) = %q, want %q", in, got, want)
		}
		ascii := true
		for i := 0; i < len(in); i++ {
			ascii = ascii && in[i] < 0x80
		}
		if isASCII(in) != ascii {
			t.Errorf("isASCII(%q) = %v", in, !ascii)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tags and entities", "<P>550 5.1.1 <B>user</B> unknown&amp;gone</P>", "\n550 5.1.1 user unknown&gone\n"},
		{"script and style dropped", "<STYLE>p{}</STYLE><script>x()</SCRIPT>text", "text"},
		{"table cells", "<table><tr><td>a</td><TD>b</td></tr></table>", "\n\n a  b \n\n"},
		// Letters whose lower case is shorter in UTF-8 must not shift the
		// tags (this used to read past the end of the text).
		{"non-ASCII capitals", "İİİİİİİİİİ<p>550 user unknown</p><br>", "İİİİİİİİİİ\n550 user unknown\n\n"},
		{"Kelvin sign", "\u212a\u212a\u212a<STYLE>x</STYLE>ok", "\u212a\u212a\u212aok"},
		{"unclosed tag", "text <b", "text "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.in); got != tt.want {
				t.Errorf("htmlToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTagName(t *testing.T) {
	// The name is the tag's first word (words as strings.Fields has them)
	// without its leading slashes.
	for _, tag := range []string{"", "p", "/p", " /td ", "br/", "table width=3D\"100%\"", "\tdiv\nclass=x", "//li", "p\u00a0class=x", "\u00a0p", "é", "  "} {
		want := ""
		if f := strings.Fields(tag); len(f) > 0 {
			want = strings.TrimLeft(f[0], "/")
		}
		if got := tagName(tag); got != want {
			t.Errorf("tagName(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestReadQuotedPrintable(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"plain", "plain", "plain"},
		{"soft break and escape", "550 5.1.1 =\nUser unknown=3D", "550 5.1.1 User unknown="},
		{"UTF-8 escapes, CRLF kept", "caf=C3=A9\r\n", "café\r\n"},
		{"lower-case hex", "caf=c3=a9", "café"},
		{"trailing white space dropped", "a \t\nb\t\r\n", "a\nb\r\n"},
		{"soft break after white space", "a =  \r\nb", "a b"},
		{"soft break at the end", "a=", "a"},
		{"lone equals kept", "a=b =4 =\tc=", "a=b =4 =\tc"},
		{"control bytes kept", "a\x01b\x7f", "a\x01b\x7f"},
		{"long lines", strings.Repeat("=41", 3000), strings.Repeat("A", 3000)},
		{"no newline", "=41=42", "AB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readQuotedPrintable(tt.in); string(got) != tt.want {
				t.Errorf("readQuotedPrintable(%.30q) = %.30q, want %.30q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeInput(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a\nb\n", "a\nb\n"},
		{"a\r\nb\r\n", "a\r\nb\r\n"},
		{"a\rb\r", "a\nb\n"},
		{"a\r\r\nb", "a \r\nb"},
		{"a\r\r\r\nb\r\n", "a  \r\nb\r\n"},
		{"a\r\nb\rc", "a\r\nb\nc"},
		{"a\x00b\r\n", "a b\r\n"},
		{"end\r", "end\n"},
	}
	for _, tt := range tests {
		got := normalizeInput(tt.in)
		if got != tt.want || len(got) != len(tt.in) {
			t.Errorf("normalizeInput(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if needsNormalizing(tt.in) != (tt.in != tt.want) {
			t.Errorf("needsNormalizing(%q) = %v", tt.in, !(tt.in != tt.want))
		}
	}
}

func TestFieldRoom(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 1},
		{"From: a\nTo: b\n\nbody\nmore: x\n", 2},
		{"From: a\r\n  folded\r\nTo: b\r\n\r\nbody", 2},
		{"Subject: no blank line", 1},
		{strings.Repeat("X: y\n", 100), 64},
	}
	for _, tt := range tests {
		if got := fieldRoom(tt.in, 0); got != tt.want {
			t.Errorf("fieldRoom(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseHeaderFolding(t *testing.T) {
	tests := []struct {
		name, in string
		values   []string
		body     int
		ended    bool
	}{
		{"simple", "From: a\nTo: b\n\nbody", []string{"a", "b"}, 15, true},
		{"folded", "Subject: one\n two\n\t three\nTo: b\n\n", []string{"one two three", "b"}, 33, true},
		{"folded CRLF", "Subject: one\r\n   two  \r\n\r\nbody", []string{"one two"}, 26, true},
		{"blank continuation", "Subject: one\n \t\nTo: b\n\n", []string{"one ", "b"}, 23, true},
		{"ends at a non-field line", "From: a\nnot a field\nTo: b\n", []string{"a"}, 8, false},
		{"leading continuation", " folded: x\nFrom: a\n", nil, 0, false},
		{"no blank line", "From: a\n  more", []string{"a more"}, 14, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, body, ended := parseHeader(tt.in, 0)
			var values []string
			for _, f := range h {
				values = append(values, f.value)
			}
			if strings.Join(values, "|") != strings.Join(tt.values, "|") || len(values) != len(tt.values) || body != tt.body || ended != tt.ended {
				t.Errorf("got %q body %d ended %v, want %q %d %v", values, body, ended, tt.values, tt.body, tt.ended)
			}
		})
	}
}

// TestContainsASCIIFold checks the copy-free case-insensitive search
// against strings.Contains on lower-cased text.
func TestContainsASCIIFold(t *testing.T) {
	for _, tt := range []struct {
		s, word string
	}{
		{"Final-Recipient: rfc822; a@example.net", "final-recipient:"},
		{"xx FINAL-RECIPIENT:", "final-recipient:"},
		{"final-recipient", "final-recipient:"},
		{"", "final-recipient:"},
		{"fffff-recipient: final-recipient:", "final-recipient:"},
		{"İstanbul Final-recipient:", "final-recipient:"},
		{"anything", ""},
		{"Fina", "final-recipient:"},
	} {
		want := strings.Contains(LowerASCII(tt.s), tt.word)
		if got := containsASCIIFold(tt.s, tt.word); got != want {
			t.Errorf("containsASCIIFold(%q, %q) = %v, want %v", tt.s, tt.word, got, want)
		}
	}
}

func TestAppendCollapsedLower(t *testing.T) {
	for _, s := range []string{
		"", " ", "\t\r\n", "Hello", "  Hello  World \n", "MAIL FROM:\t<A@B>\r\n550 5.1.1  User Unknown ",
		"already lower", "\v\fX\v\fY\v\f", "ÄÖ Ü: non-ASCII stays", "a\n\n\nb",
	} {
		for _, prefix := range []string{"", "before ", "x"} {
			got := string(appendCollapsedLower([]byte(prefix), s))
			if want := prefix + collapseSpace(LowerASCII(s)); got != want {
				t.Errorf("appendCollapsedLower(%q, %q) = %q, want %q", prefix, s, got, want)
			}
		}
	}
}

func TestSniffedHeaderIsTheWholeHeader(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "mail", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	long := "From: a@example.org\nTo: b@example.org\nSubject: x\nX-Long: " + strings.Repeat("y", sniffBytes) + "\n\nbody 550 5.1.1\n"
	texts := []string{long, "\n\nFrom MAILER-DAEMON Mon Mar  3 09:14:21 2025\nFrom: a@example.org\nTo: b@example.org\n\n550 no\n"}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	wholes := 0
	for i, s := range texts {
		sn := sniffHeader(s)
		if i == 0 && sn.whole {
			t.Errorf("a header longer than %d bytes was read whole", sniffBytes)
		}
		if !sn.whole {
			continue
		}
		wholes++
		if got, want := parseMessageWith(s, sn.h, sn.body), parseMessage(s, sn.at); !reflect.DeepEqual(got, want) {
			t.Errorf("text %d: the message read from the sniffed header differs from the one read afresh", i)
		}
	}
	if wholes < 2 {
		t.Errorf("only %d texts with a whole sniffed header", wholes)
	}
}
