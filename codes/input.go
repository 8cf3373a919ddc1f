package codes

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// normalizeInput prepares pasted text for decoding without moving any byte,
// so that offsets into the result are offsets into the input: a lone CR
// (old Mac line ends) becomes LF, the extra CRs of "\r\r\n" become spaces,
// and NUL becomes a space. CRLF is kept; readers strip the CR at the end of
// a line.
func normalizeInput(s string) string {
	if !needsNormalizing(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\r':
			// A run of CRs ending in LF ("\r\r\n", written by gateways that
			// convert line ends twice) is one line end: the extra CRs become
			// spaces. A CR not followed by LF is a line end of its own.
			j := i
			for j < len(b) && b[j] == '\r' {
				j++
			}
			if j < len(b) && b[j] == '\n' {
				for k := i; k < j-1; k++ {
					b[k] = ' '
				}
			} else {
				for k := i; k < j; k++ {
					b[k] = '\n'
				}
			}
			i = j - 1
		case 0:
			b[i] = ' '
		}
	}
	return string(b)
}

// needsNormalizing reports whether normalizeInput changes s: it has a NUL,
// or a CR that does not end a line as CRLF does.
func needsNormalizing(s string) bool {
	if strings.IndexByte(s, 0) >= 0 {
		return true
	}
	for i := strings.IndexByte(s, '\r'); i >= 0; {
		if i+1 >= len(s) || s[i+1] != '\n' {
			return true
		}
		j := strings.IndexByte(s[i+2:], '\r')
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// looksBinary reports whether the start of s is mostly not text: many
// control bytes or invalid UTF-8 that no 8-bit charset explains.
func looksBinary(s string) bool {
	if len(s) > 8192 {
		s = s[:8192]
	}
	if s == "" {
		return false
	}
	ctl := 0
	for i := 0; i < len(s); i++ {
		ctl += int(controlByte[s[i]])
	}
	return ctl*10 > len(s) || (!utf8.ValidString(s) && ctl*50 > len(s))
}

// controlByte is 1 for the control bytes that text does not hold (all
// below 0x20 but line breaks, tab, form feed and escape), else 0.
var controlByte = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		switch c {
		case '\n', '\r', '\t', '\f', 0x1b:
		default:
			t[c] = 1
		}
	}
	return t
}()

// lineAt returns the bounds [start, end) of the line containing offset i,
// end excluding the newline and a CR before it.
func lineAt(s string, i int) (start, end int) {
	start = strings.LastIndexByte(s[:i], '\n') + 1
	end = i + lineLen(s[i:])
	return start, end
}

// lineLen is the length of the first line of s without its line break.
func lineLen(s string) int {
	n := strings.IndexByte(s, '\n')
	if n < 0 {
		n = len(s)
	}
	if n > 0 && s[n-1] == '\r' {
		n--
	}
	return n
}

// nextLine returns the offset of the line after the one containing i, or
// len(s).
func nextLine(s string, i int) int {
	n := strings.IndexByte(s[i:], '\n')
	if n < 0 {
		return len(s)
	}
	return i + n + 1
}

// LowerASCII returns s with its ASCII capital letters in lower case and
// every other byte as it is, so that an offset into the result is the same
// offset into s, as Evidence spans need (strings.ToLower may change the
// length of non-ASCII or invalid UTF-8). It returns s itself when s has no
// capital letter. Eight bytes are lowered at a time.
func LowerASCII(s string) string {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if capitals(word(s[i:])) != 0 {
			break
		}
	}
	for ; i < len(s) && (s[i] < 'A' || s[i] > 'Z'); i++ {
	}
	if i >= len(s) {
		return s
	}
	var b strings.Builder // one allocation, where a []byte would take two
	b.Grow(len(s))
	b.WriteString(s[:i])
	var buf [256]byte // a piece of s, lowered, then written out
	for i < len(s) {
		piece := s[i:min(i+len(buf), len(s))]
		n := 0
		for ; n+8 <= len(piece); n += 8 {
			x := word(piece[n:])
			binary.LittleEndian.PutUint64(buf[n:], x|capitals(x)>>2) // 0x80>>2 is 'a'-'A'
		}
		for ; n < len(piece); n++ {
			c := piece[n]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[n] = c
		}
		b.Write(buf[:n])
		i += n
	}
	return b.String()
}

// lowerText returns s in lower case, as strings.ToLower does; ASCII text
// (most of what mail servers write) is lowered eight bytes at a time.
func lowerText(s string) string {
	if isASCII(s) {
		return LowerASCII(s)
	}
	return strings.ToLower(s)
}

// isASCII reports whether s has only ASCII bytes, reading eight at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if word(s[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// word reads the first eight bytes of s as a little-endian number.
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// capitals has the top bit of each byte of x that is an ASCII capital
// letter set, and nothing else. Each byte's low seven bits are compared
// with 'A' and 'Z' by addition into its top bit, which never carries into
// the next byte.
func capitals(x uint64) uint64 {
	const ones, low7, top = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	h := x & low7
	return (h + ones*(0x80-'A')) &^ (h + ones*(0x80-'Z'-1)) &^ x & top
}

// lineCursor finds the line of increasing offsets in linear total time:
// each call reuses what the previous one found.
type lineCursor struct {
	s          string
	start, end int // the current line; end excludes the line break
	valid      bool
}

// at returns the bounds of the line containing offset i. Offsets must not
// decrease from one call to the next.
func (c *lineCursor) at(i int) (start, end int) {
	if c.valid && i >= c.start && i <= c.end {
		return c.start, c.end
	}
	from := 0
	if c.valid {
		from = c.end
	}
	c.start = strings.LastIndexByte(c.s[from:i], '\n') + 1 + from
	c.end = i + lineLen(c.s[i:])
	c.valid = true
	return c.start, c.end
}

// containsASCIIFold reports whether s contains the lower-case ASCII word,
// ignoring the case of ASCII letters in s, without copying s. It takes at
// most len(s)*len(word) steps.
func containsASCIIFold(s, word string) bool {
	if word == "" {
		return true
	}
	first := word[0]
	for i := 0; i+len(word) <= len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == first && equalASCIIFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// equalASCIIFold reports whether s equals the lower-case ASCII word when
// the ASCII letters of s are lower-cased.
func equalASCIIFold(s, word string) bool {
	for k := 0; k < len(word); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k] {
			return false
		}
	}
	return true
}
