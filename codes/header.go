package codes

import (
	"strings"
)

// field is one header field, unfolded.
type field struct {
	name  string // as written
	value string // unfolded, raw (encoded-words not yet decoded)
	start int    // offset of the field's first byte in the input
	end   int    // offset after its last line
}

// header is a parsed header block. Lookups are case-insensitive.
type header []field

// get returns the value of the first field with the given name, or "".
func (h header) get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.name, name) {
			return f.value
		}
	}
	return ""
}

// getField returns the first field with the given name.
func (h header) getField(name string) (field, bool) {
	for _, f := range h {
		if strings.EqualFold(f.name, name) {
			return f, true
		}
	}
	return field{}, false
}

// parseHeader reads a header block from s[at:]: "Name: value" lines, with
// continuation lines starting with a space or tab, up to the first empty
// line. It is lenient: a line that is neither a field nor a continuation
// ends the block without error. It returns the fields and the offset where
// the body starts (after the empty line), and whether an empty line ended
// the block.
func parseHeader(s string, at int) (h header, body int, ended bool) {
	pos := at
	for pos < len(s) {
		n := lineLen(s[pos:])
		line := s[pos : pos+n]
		next := nextLine(s, pos)
		if line == "" {
			return h, next, true
		}
		name, ok := fieldName(line)
		if !ok {
			return h, pos, false
		}
		if h == nil {
			h = make(header, 0, fieldRoom(s, pos))
		}
		f := field{name: name, value: strings.TrimSpace(line[len(name)+1:]), start: pos, end: pos + n}
		// Continuation lines, joined to the value with single spaces, in
		// one allocation.
		size, p := len(f.value), next
		for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
			k := lineLen(s[p:])
			size += 1 + len(strings.TrimSpace(s[p:p+k]))
			f.end = p + k
			p = nextLine(s, p)
		}
		if p != next {
			var b strings.Builder
			b.Grow(size)
			b.WriteString(f.value)
			for q := next; q < p; q = nextLine(s, q) {
				b.WriteByte(' ')
				b.WriteString(strings.TrimSpace(s[q : q+lineLen(s[q:])]))
			}
			f.value = b.String()
		}
		h = append(h, f)
		pos = p
	}
	return h, pos, false
}

// fieldRoom guesses how many fields the header block at s[at:] has: its
// lines that do not continue another, up to the first empty line, at most
// 64 (a larger header grows as it is read).
func fieldRoom(s string, at int) int {
	n := 0
	for p := at; p < len(s) && n < 64; {
		i := strings.IndexByte(s[p:], '\n')
		if i < 0 {
			i = len(s) - p
		}
		if i == 0 || i == 1 && s[p] == '\r' {
			break
		}
		if s[p] != ' ' && s[p] != '\t' {
			n++
		}
		p += i + 1
	}
	return max(n, 1)
}

// fieldName returns the field name of a header line "Name: value". Names
// are printable ASCII without spaces or colons (RFC 5322 §3.6.8); a space
// before the colon is tolerated, as some gateways write it.
func fieldName(line string) (string, bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 || i > 76 {
		return "", false
	}
	name := strings.TrimRight(line[:i], " ")
	if name == "" {
		return "", false
	}
	for k := 0; k < len(name); k++ {
		c := name[k]
		if c <= ' ' || c >= 0x7f {
			return "", false
		}
	}
	return line[:i], true
}

// knownHeaders are fields whose presence at the top of a text marks it as
// an email message rather than a pasted body.
var knownHeaders = map[string]bool{
	"from": true, "to": true, "subject": true, "date": true, "received": true, "return-path": true,
	"message-id": true, "mime-version": true, "content-type": true, "delivered-to": true,
	"x-failed-recipients": true, "auto-submitted": true, "reply-to": true, "cc": true,
	"x-original-to": true, "content-transfer-encoding": true, "dkim-signature": true,
	"arc-seal": true, "authentication-results": true, "x-mailer": true, "sender": true,
	"in-reply-to": true, "references": true, "precedence": true, "thread-topic": true,
	"x-ms-exchange-message-is-ndr": true, "feedback-type": true,
}

// sniffBytes is how much of a text is read to tell whether it is an
// email: its first lines are enough, and it is the whole header of most.
const sniffBytes = 8 << 10

// sniffed is the header block a text starts with, as sniffHeader read it.
type sniffed struct {
	at    int    // where the header starts (after an mbox "From " line)
	h     header // its fields, as far as read
	body  int    // where the body starts, when whole
	whole bool   // an empty line ended the block within what was read
}

// sniffHeader reads the header block s starts with, at most sniffBytes of
// it.
func sniffHeader(s string) sniffed {
	at := 0
	for at < len(s) && (s[at] == '\n' || s[at] == '\r') {
		at++
	}
	if strings.HasPrefix(s[at:], "From ") {
		at = nextLine(s, at)
	}
	h, body, ended := parseHeader(s[:min(len(s), at+sniffBytes)], at)
	return sniffed{at: at, h: h, body: body, whole: ended}
}

// isMessage reports whether the sniffed header is an email's: two known
// field names, or one among three fields.
func (sn sniffed) isMessage() bool {
	known := 0
	var buf [32]byte
	for _, f := range sn.h {
		name := strings.TrimSpace(f.name)
		if len(name) > len(buf) {
			continue // longer than any known name
		}
		low := buf[:len(name)]
		for i := 0; i < len(name); i++ {
			c := name[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[i] = c
		}
		if knownHeaders[string(low)] {
			known++
		}
	}
	return known >= 2 || (known == 1 && len(sn.h) >= 3)
}

// looksLikeMessage reports whether s starts with an email header (after an
// optional mbox "From " line), returning the offset where the header
// starts.
func looksLikeMessage(s string) (int, bool) {
	sn := sniffHeader(s)
	return sn.at, sn.isMessage()
}
