package codes

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decoder turns bytes in some charset into UTF-8 text. ok is false when
// the bytes could not be decoded.
type decoder func(b []byte) (text string, ok bool)

// singleByte maps the names of the 8-bit and UTF-16 charsets that bounces
// use (lower-case, aliases included) to their encodings. Multibyte East
// Asian charsets are in multibyteCharsets, decoded by the platform (see
// charset_native.go and charset_wasm.go).
var singleByte = map[string]encoding.Encoding{
	"iso-8859-1": charmap.ISO8859_1, "latin1": charmap.ISO8859_1, "l1": charmap.ISO8859_1,
	"iso-8859-2": charmap.ISO8859_2, "latin2": charmap.ISO8859_2,
	"iso-8859-3": charmap.ISO8859_3, "iso-8859-4": charmap.ISO8859_4,
	"iso-8859-5": charmap.ISO8859_5, "iso-8859-6": charmap.ISO8859_6,
	"iso-8859-7": charmap.ISO8859_7, "iso-8859-8": charmap.ISO8859_8,
	"iso-8859-9": charmap.ISO8859_9, "latin5": charmap.ISO8859_9,
	"iso-8859-10": charmap.ISO8859_10, "iso-8859-13": charmap.ISO8859_13,
	"iso-8859-14": charmap.ISO8859_14, "iso-8859-15": charmap.ISO8859_15, "latin-9": charmap.ISO8859_15,
	"iso-8859-16":  charmap.ISO8859_16,
	"windows-1250": charmap.Windows1250, "windows-1251": charmap.Windows1251,
	"windows-1252": charmap.Windows1252, "windows-1253": charmap.Windows1253,
	"windows-1254": charmap.Windows1254, "windows-1255": charmap.Windows1255,
	"windows-1256": charmap.Windows1256, "windows-1257": charmap.Windows1257,
	"windows-1258": charmap.Windows1258, "windows-874": charmap.Windows874, "tis-620": charmap.Windows874,
	"koi8-r": charmap.KOI8R, "koi8-u": charmap.KOI8U, "ibm866": charmap.CodePage866, "cp866": charmap.CodePage866,
	"macintosh": charmap.Macintosh,
	"utf-16":    unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
	"utf-16le":  unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf-16be":  unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
}

// multibyteCharsets maps the names (and aliases) of the East Asian
// charsets bounces use to a canonical name, as the WHATWG Encoding
// standard labels them.
var multibyteCharsets = map[string]string{
	"iso-2022-jp": "iso-2022-jp", "csiso2022jp": "iso-2022-jp",
	"shift_jis": "shift_jis", "shift-jis": "shift_jis", "sjis": "shift_jis", "x-sjis": "shift_jis",
	"cp932": "shift_jis", "windows-31j": "shift_jis", "ms_kanji": "shift_jis",
	"euc-jp": "euc-jp", "x-euc-jp": "euc-jp",
	"gb2312": "gbk", "gbk": "gbk", "cp936": "gbk", "x-gbk": "gbk", "euc-cn": "gbk", "gb18030": "gb18030",
	"big5": "big5", "big5-hkscs": "big5", "x-big5": "big5",
	"euc-kr": "euc-kr", "ks_c_5601-1987": "euc-kr", "cp949": "euc-kr",
}

// lookupCharset returns the decoder for a charset name, nil for UTF-8 and
// ASCII (no conversion), and ok false for names it does not know.
func lookupCharset(name string) (dec decoder, ok bool) {
	n := lowerText(strings.Trim(strings.TrimSpace(name), `"'`))
	switch n {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "x-unknown", "unknown-8bit", "default", "7bit", "8bit":
		return nil, true
	}
	if e, ok := singleByte[n]; ok {
		return encodingDecoder(e), true
	}
	if canonical, ok := multibyteCharsets[n]; ok {
		return multibyteDecoder(canonical), true
	}
	switch {
	case strings.HasPrefix(n, "iso8859-") || strings.HasPrefix(n, "iso_8859-"):
		return lookupCharset("iso-8859-" + n[strings.IndexByte(n, '-')+1:])
	case strings.HasPrefix(n, "cp125"):
		return lookupCharset("windows-" + n[2:])
	}
	return nil, false
}

// encodingDecoder wraps an x/text encoding.
func encodingDecoder(e encoding.Encoding) decoder {
	return func(b []byte) (string, bool) {
		out, err := e.NewDecoder().Bytes(b)
		if err != nil {
			return "", false
		}
		return string(out), true
	}
}

// toUTF8 converts text in the named charset to UTF-8. Unknown charsets and
// undecodable bytes do not fail: valid UTF-8 is kept, unlabelled
// ISO-2022-JP is recognised by its escapes, and other bytes are read as
// Windows-1252, the most common mislabelling.
func toUTF8(s string, charset string) string {
	dec, _ := lookupCharset(charset)
	if dec == nil {
		if utf8.ValidString(s) {
			return s
		}
		if looksISO2022(s) {
			dec = multibyteDecoder("iso-2022-jp")
		} else {
			dec = encodingDecoder(charmap.Windows1252)
		}
	}
	if out, ok := dec([]byte(s)); ok {
		return out
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// looksISO2022 reports whether 7-bit text carries ISO-2022-JP escapes, as
// Japanese bounces without a charset label do.
func looksISO2022(s string) bool {
	return strings.Contains(s, "\x1b$B") || strings.Contains(s, "\x1b$@")
}
