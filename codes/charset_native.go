//go:build !(js && wasm)

package codes

import (
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// multibyteDecoder decodes an East Asian charset with the x/text tables.
// The WebAssembly build asks the browser instead (charset_wasm.go), which
// has the same tables built in, so they need not be downloaded.
func multibyteDecoder(canonical string) decoder {
	var e encoding.Encoding
	switch canonical {
	case "iso-2022-jp":
		e = japanese.ISO2022JP
	case "shift_jis":
		e = japanese.ShiftJIS
	case "euc-jp":
		e = japanese.EUCJP
	case "gbk":
		e = simplifiedchinese.GBK
	case "gb18030":
		e = simplifiedchinese.GB18030
	case "big5":
		e = traditionalchinese.Big5
	case "euc-kr":
		e = korean.EUCKR
	default:
		return func([]byte) (string, bool) { return "", false }
	}
	return encodingDecoder(e)
}
