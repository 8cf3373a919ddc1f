package codes

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// charsets maps the charset names that bounces use (lower-case, aliases
// included) to their decoders. The set is chosen for what real bounces
// carry rather than every registered charset, to keep the WebAssembly
// build small.
var charsets = map[string]encoding.Encoding{
	"iso-8859-1": charmap.ISO8859_1, "latin1": charmap.ISO8859_1, "l1": charmap.ISO8859_1,
	"iso-8859-2": charmap.ISO8859_2, "latin2": charmap.ISO8859_2,
	"iso-8859-3": charmap.ISO8859_3, "iso-8859-4": charmap.ISO8859_4,
	"iso-8859-5": charmap.ISO8859_5, "iso-8859-6": charmap.ISO8859_6,
	"iso-8859-7": charmap.ISO8859_7, "iso-8859-8": charmap.ISO8859_8,
	"iso-8859-9": charmap.ISO8859_9, "latin5": charmap.ISO8859_9,
	"iso-8859-10": charmap.ISO8859_10, "iso-8859-13": charmap.ISO8859_13,
	"iso-8859-14": charmap.ISO8859_14, "iso-8859-15": charmap.ISO8859_15, "latin-9": charmap.ISO8859_15,
	"iso-8859-16":  charmap.ISO8859_16,
	"windows-1250": charmap.Windows1250, "cp1250": charmap.Windows1250,
	"windows-1251": charmap.Windows1251, "cp1251": charmap.Windows1251,
	"windows-1252": charmap.Windows1252, "cp1252": charmap.Windows1252,
	"windows-1253": charmap.Windows1253, "windows-1254": charmap.Windows1254,
	"windows-1255": charmap.Windows1255, "windows-1256": charmap.Windows1256,
	"windows-1257": charmap.Windows1257, "windows-1258": charmap.Windows1258,
	"windows-874": charmap.Windows874, "tis-620": charmap.Windows874,
	"koi8-r": charmap.KOI8R, "koi8-u": charmap.KOI8U, "ibm866": charmap.CodePage866, "cp866": charmap.CodePage866,
	"macintosh":   charmap.Macintosh,
	"iso-2022-jp": japanese.ISO2022JP, "csiso2022jp": japanese.ISO2022JP,
	"shift_jis": japanese.ShiftJIS, "shift-jis": japanese.ShiftJIS, "sjis": japanese.ShiftJIS,
	"x-sjis": japanese.ShiftJIS, "cp932": japanese.ShiftJIS, "windows-31j": japanese.ShiftJIS, "ms_kanji": japanese.ShiftJIS,
	"euc-jp": japanese.EUCJP, "x-euc-jp": japanese.EUCJP,
	"gb2312": simplifiedchinese.GBK, "gbk": simplifiedchinese.GBK, "cp936": simplifiedchinese.GBK,
	"x-gbk": simplifiedchinese.GBK, "euc-cn": simplifiedchinese.GBK, "gb18030": simplifiedchinese.GB18030,
	"hz-gb-2312": simplifiedchinese.HZGB2312,
	"big5":       traditionalchinese.Big5, "big5-hkscs": traditionalchinese.Big5, "x-big5": traditionalchinese.Big5,
	"euc-kr": korean.EUCKR, "ks_c_5601-1987": korean.EUCKR, "cp949": korean.EUCKR, "iso-2022-kr": korean.EUCKR,
	"utf-16":   unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
	"utf-16le": unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf-16be": unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
}

// lookupCharset returns the decoder for a charset name, nil for UTF-8 and
// ASCII (no conversion), and ok false for names it does not know.
func lookupCharset(name string) (enc encoding.Encoding, ok bool) {
	n := strings.ToLower(strings.Trim(strings.TrimSpace(name), `"'`))
	switch n {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "x-unknown", "unknown-8bit", "default", "7bit", "8bit":
		return nil, true
	}
	if e, ok := charsets[n]; ok {
		return e, true
	}
	if strings.HasPrefix(n, "iso8859-") || strings.HasPrefix(n, "iso_8859-") {
		return lookupCharset("iso-8859-" + n[len("iso8859-"):])
	}
	if strings.HasPrefix(n, "cp125") {
		return lookupCharset("windows-" + n[2:])
	}
	return nil, false
}

// toUTF8 converts text in the named charset to UTF-8. Unknown charsets and
// undecodable bytes do not fail: valid UTF-8 is kept, and other bytes are
// read as Windows-1252, the most common mislabelling.
func toUTF8(b []byte, charset string) string {
	enc, ok := lookupCharset(charset)
	if ok && enc == nil {
		if utf8.Valid(b) {
			return string(b)
		}
		if looksISO2022(b) {
			enc = japanese.ISO2022JP
		} else {
			enc = charmap.Windows1252
		}
	}
	if !ok {
		if utf8.Valid(b) {
			return string(b)
		}
		enc = charmap.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// Decode what can be decoded; keep the rest as replacement characters.
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// looksISO2022 reports whether 7-bit text carries ISO-2022-JP escapes, as
// Japanese bounces without a charset label do.
func looksISO2022(b []byte) bool {
	s := string(b)
	return strings.Contains(s, "\x1b$B") || strings.Contains(s, "\x1b$@")
}
