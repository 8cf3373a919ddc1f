package codes

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"mime"
	"strings"
	"unicode/utf8"
)

// Segment kinds: what a piece of a message is for.
const (
	segText     = iota // human-readable text of the report
	segDSN             // machine-readable delivery status (RFC 3464, RFC 6533)
	segReturned        // the returned message or its header
	segFeedback        // an abuse feedback report (RFC 5965)
)

// segment is a readable piece of a message with a map back into the input.
type segment struct {
	kind      int
	mediaType string
	text      string // decoded to UTF-8
	base      int    // input offset of text[0] when identity is true
	identity  bool   // text is a verbatim slice of the input
	span      Span   // the part's body in the input
	limit     int    // where the returned message starts in text (len(text) if it does not)
}

// inputSpan maps a range of the segment's text to the input: exact when
// the text is verbatim, otherwise the whole part.
func (g segment) inputSpan(start, end int) Span {
	if g.identity {
		return Span{g.base + start, g.base + end}
	}
	return g.span
}

// message is a parsed email: its header, its readable segments, and the
// header of the message it returns, if any.
type message struct {
	header    header
	body      int // offset of the top-level body in the input
	segments  []segment
	returned  header   // header of the returned original message
	forwarded []Span   // message/rfc822 parts, which may themselves be bounces
	warnings  []string // problems met while reading (malformed MIME)
}

// maxDepth bounds MIME nesting; deeper parts are read as plain text.
const maxDepth = 12

// parseMessage reads an email whose header starts at s[at:]. It never fails:
// malformed structure is read as text, with a warning.
func parseMessage(s string, at int) *message {
	h, body, _ := parseHeader(s, at)
	return parseMessageWith(s, h, body)
}

// parseMessageWith reads the message s whose header h is parsed already;
// its body starts at body.
func parseMessageWith(s string, h header, body int) *message {
	m := &message{}
	m.header, m.body = h, body
	m.entity(s, h, body, len(s), 0, false)
	return m
}

// entity reads one MIME entity whose body is s[start:end].
func (m *message) entity(s string, h header, start, end, depth int, inReport bool) {
	mediaType, params := contentType(h.get("Content-Type"))
	cte := lowerText(strings.TrimSpace(h.get("Content-Transfer-Encoding")))
	switch {
	case strings.HasPrefix(mediaType, "multipart/") && depth < maxDepth:
		boundary := params["boundary"]
		if boundary == "" {
			m.warn("A multipart section has no boundary; it was read as plain text.")
			m.text(s, start, end, cte, params["charset"], "text/plain")
			return
		}
		parts, closed := splitMultipart(s, start, end, boundary)
		if len(parts) == 0 {
			m.warn(fmt.Sprintf("The MIME boundary %q was not found; the section was read as plain text.", boundary))
			m.text(s, start, end, cte, params["charset"], "text/plain")
			return
		}
		if !closed {
			m.warn("A multipart section ends without its closing boundary (truncated message?); its parts were read as far as they go.")
		}
		report := mediaType == "multipart/report"
		for _, p := range parts {
			ph, pbody, _ := parseHeader(s, p.Start)
			if len(ph) == 0 {
				pbody = p.Start
				// A part without a header starts with its body; skip the
				// blank line that would have ended the header.
				if pbody < p.End && (s[pbody] == '\n' || strings.HasPrefix(s[pbody:], "\r\n")) {
					pbody = nextLine(s, pbody)
				}
			}
			m.entity(s, ph, min(pbody, p.End), p.End, depth+1, report || inReport)
		}
	case mediaType == "message/delivery-status" || mediaType == "message/global-delivery-status":
		m.text(s, start, end, cte, "utf-8", mediaType)
		m.segments[len(m.segments)-1].kind = segDSN
	case mediaType == "message/feedback-report":
		m.text(s, start, end, cte, "utf-8", mediaType)
		m.segments[len(m.segments)-1].kind = segFeedback
	case mediaType == "message/rfc822" || mediaType == "message/global" || mediaType == "text/rfc822-headers" ||
		mediaType == "message/global-headers" || mediaType == "message/rfc822-headers":
		inner := s[start:end]
		innerAt := start
		if cte == "base64" || cte == "quoted-printable" {
			dec, _ := decodeTransfer(inner, cte)
			inner, innerAt = dec, -1
		}
		rh, _, _ := parseHeader(inner, skipBlank(inner))
		if innerAt < 0 {
			for i := range rh {
				rh[i].start, rh[i].end = start, end
			}
		} else {
			for i := range rh {
				rh[i].start += innerAt
				rh[i].end += innerAt
			}
		}
		if m.returned == nil {
			m.returned = rh
		}
		if strings.HasPrefix(mediaType, "message/") && !inReport {
			m.forwarded = append(m.forwarded, Span{start, end})
		}
		m.segments = append(m.segments, segment{kind: segReturned, mediaType: mediaType, span: Span{start, end}})
	case strings.HasPrefix(mediaType, "text/") || mediaType == "" || depth >= maxDepth:
		if depth >= maxDepth && strings.HasPrefix(mediaType, "multipart/") {
			m.warn(fmt.Sprintf("MIME parts are nested more than %d deep; the deeper ones were read as plain text.", maxDepth))
		}
		m.text(s, start, end, cte, params["charset"], mediaType)
	default:
		// Attachments (images, archives, application data) carry no report.
	}
}

// text adds a text segment for s[start:end], decoding the transfer encoding
// and the charset. HTML is reduced to its text.
func (m *message) text(s string, start, end int, cte, charset, mediaType string) {
	raw := s[start:end]
	g := segment{kind: segText, mediaType: mediaType, span: Span{start, end}}
	decoded, err := decodeTransfer(raw, cte)
	if err != nil {
		m.warn(err.Error())
	}
	dec, known := lookupCharset(charset)
	if !known && charset != "" {
		m.warn(fmt.Sprintf("The charset %q is not known; the text was read as UTF-8 or Windows-1252.", charset))
	}
	verbatim := decoded == raw && (dec == nil && known) && !needsFallback(raw)
	if verbatim {
		g.text, g.base, g.identity = raw, start, true
	} else {
		g.text = toUTF8(decoded, charset)
	}
	if mediaType == "text/html" {
		g.text, g.identity = htmlToText(g.text), false
	}
	m.segments = append(m.segments, g)
}

// needsFallback reports whether text declared as UTF-8 or ASCII is not,
// so that it must be converted (and is no longer a verbatim slice).
func needsFallback(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0x1b {
			return !utf8.ValidString(s)
		}
	}
	return false
}

func (m *message) warn(w string) {
	for _, x := range m.warnings {
		if x == w {
			return
		}
	}
	m.warnings = append(m.warnings, w)
}

// contentType parses a Content-Type value leniently: when the standard
// parser rejects it, the media type and the boundary and charset
// parameters are still read.
func contentType(v string) (string, map[string]string) {
	if v == "" {
		return "text/plain", map[string]string{}
	}
	mt, params, err := mime.ParseMediaType(v)
	if err == nil {
		return lowerText(mt), params
	}
	params = map[string]string{}
	fields := strings.Split(v, ";")
	mt = lowerText(strings.TrimSpace(fields[0]))
	for _, f := range fields[1:] {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		params[lowerText(strings.TrimSpace(k))] = strings.Trim(strings.TrimSpace(val), `"'`)
	}
	return mt, params
}

// splitMultipart finds the parts of a multipart body s[start:end] with the
// given boundary. It returns each part's range (after the delimiter line, up
// to the line break before the next delimiter) and whether the closing
// delimiter was seen. mime/multipart is not used here because it stops at
// the first malformed part and reports no offsets; bounces need both.
func splitMultipart(s string, start, end int, boundary string) (parts []Span, closed bool) {
	delim := "--" + boundary
	partStart := -1
	pos := start
	for pos < end {
		n := lineLen(s[pos:])
		line := strings.TrimRight(s[pos:pos+n], " \t")
		next := min(nextLine(s, pos), end)
		if strings.HasPrefix(line, delim) {
			rest := line[len(delim):]
			if rest == "" || rest == "--" {
				if partStart >= 0 {
					parts = append(parts, Span{partStart, trimLineBreak(s, partStart, pos)})
				}
				if rest == "--" {
					return parts, true
				}
				partStart = next
			}
		}
		pos = next
	}
	if partStart >= 0 && partStart < end {
		parts = append(parts, Span{partStart, end})
	}
	return parts, false
}

// trimLineBreak returns the end of a part that runs up to the delimiter at
// d: the line break before the delimiter belongs to the delimiter.
func trimLineBreak(s string, from, d int) int {
	if d > from && s[d-1] == '\n' {
		d--
		if d > from && s[d-1] == '\r' {
			d--
		}
	}
	return d
}

func skipBlank(s string) int {
	i := 0
	for i < len(s) && (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return strings.LastIndexByte(s[:i], '\n') + 1
}

// decodeTransfer undoes a Content-Transfer-Encoding. Damaged input decodes
// as far as it can; the error says what was lost.
func decodeTransfer(raw, cte string) (string, error) {
	switch lowerText(strings.TrimSpace(cte)) {
	case "base64":
		return decodeBase64(raw)
	case "quoted-printable":
		b := readQuotedPrintable(raw)
		if badEscape(raw) {
			return string(b), fmt.Errorf("quoted-printable text has damaged escapes (an = not followed by two hex digits); they were kept as they are")
		}
		return string(b), nil
	}
	return raw, nil
}

// readQuotedPrintable decodes quoted-printable text (RFC 2045, 6.7) in one
// pass, leniently: trailing white space is dropped from each line, a line
// that ends in "=" is joined to the next, "=" and two hex digits (either
// case) is the byte they spell, and anything else, a lone "=" or a control
// byte included, is kept as it is. Lines may be of any length. Its output
// is that of mime/quotedprintable wherever that one does not fail
// (FuzzReadQuotedPrintable checks), without that reader's limit of 4 KB a
// line; badEscape tells whether escapes were damaged.
func readQuotedPrintable(raw string) []byte {
	out := make([]byte, 0, len(raw))
	for len(raw) > 0 {
		line := raw
		if i := strings.IndexByte(raw, '\n'); i >= 0 {
			line, raw = raw[:i+1], raw[i+1:]
		} else {
			raw = ""
		}
		content := strings.TrimRight(line, " \t\r\n")
		soft := strings.HasSuffix(content, "=")
		if soft {
			content = content[:len(content)-1]
		}
		for {
			i := strings.IndexByte(content, '=')
			if i < 0 {
				out = append(out, content...)
				break
			}
			out = append(out, content[:i]...)
			if i+2 < len(content) && isHex(content[i+1]) && isHex(content[i+2]) {
				out = append(out, unhex(content[i+1])<<4|unhex(content[i+2]))
				content = content[i+3:]
			} else {
				out = append(out, '=')
				content = content[i+1:]
			}
		}
		switch {
		case soft:
		case strings.HasSuffix(line, "\r\n"):
			out = append(out, '\r', '\n')
		case strings.HasSuffix(line, "\n"):
			out = append(out, '\n')
		}
	}
	return out
}

// unhex is the value of a hex digit.
func unhex(b byte) byte {
	switch {
	case b >= 'a':
		return b - 'a' + 10
	case b >= 'A':
		return b - 'A' + 10
	}
	return b - '0'
}

// decodeBase64 decodes base64 that may be wrapped, padded or not, and
// truncated. Characters outside the alphabet are skipped.
func decodeBase64(raw string) (string, error) {
	clean := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if isAlpha(c) || isDigit(c) || c == '+' || c == '/' {
			clean = append(clean, c)
		} else if c == '=' {
			break
		}
	}
	var err error
	switch r := len(clean) % 4; {
	case r == 1:
		clean = clean[:len(clean)-1]
		err = fmt.Errorf("base64 text is truncated; the last byte was dropped")
	case r != 0 && !strings.Contains(raw, "="):
		err = fmt.Errorf("base64 text ends early (truncated message?); it was decoded as far as it goes")
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
	n, derr := base64.RawStdEncoding.Decode(out, clean)
	if derr != nil && err == nil {
		err = fmt.Errorf("base64 text is damaged; it was decoded up to the damage: %w", derr)
	}
	return string(out[:n]), err
}

// decodeWords decodes RFC 2047 encoded-words in a header value, in any
// charset the decoder knows. Undecodable words are left as they are.
func decodeWords(v string) string {
	if !strings.Contains(v, "=?") {
		return v
	}
	d := mime.WordDecoder{CharsetReader: func(charset string, input io.Reader) (io.Reader, error) {
		dec, ok := lookupCharset(charset)
		if !ok {
			return nil, fmt.Errorf("unknown charset %q", charset)
		}
		if dec == nil {
			return input, nil
		}
		b, err := io.ReadAll(input)
		if err != nil {
			return nil, err
		}
		text, ok := dec(b)
		if !ok {
			return nil, fmt.Errorf("undecodable %s text", charset)
		}
		return strings.NewReader(text), nil
	}}
	out, err := d.DecodeHeader(v)
	if err != nil {
		return v
	}
	return out
}

// htmlToText reduces HTML to its text: tags removed (block tags become line
// breaks), script and style content dropped, entities decoded.
func htmlToText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	low := LowerASCII(s) // tag names are ASCII; offsets stay those of s
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		tag := low[i+1 : i+j]
		switch name := tagName(tag); name {
		case "script", "style", "head", "title":
			if !strings.HasPrefix(tag, "/") {
				if k := strings.Index(low[i:], "</"+name); k >= 0 {
					i += k
					continue
				}
			}
		case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "pre", "blockquote":
			b.WriteByte('\n')
		case "td", "th":
			b.WriteByte(' ')
		}
		i += j + 1
	}
	return html.UnescapeString(b.String())
}

// tagName is the name of an HTML tag from the text between its angle
// brackets: its first word, without the slashes in front.
func tagName(tag string) string {
	i := 0
	for i < len(tag) && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r' || tag[i] == '\f' || tag[i] == '\v') {
		i++
	}
	j := i
	for j < len(tag) {
		c := tag[j]
		if c >= 0x80 { // a space beyond ASCII may end the word
			if f := strings.Fields(tag); len(f) > 0 {
				return strings.TrimLeft(f[0], "/")
			}
			return ""
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			break
		}
		j++
	}
	return strings.TrimLeft(tag[i:j], "/")
}

// badEscape reports whether quoted-printable text has an "=" that neither
// ends a line nor starts two hex digits.
func badEscape(raw string) bool {
	for i := strings.IndexByte(raw, '='); i >= 0 && i < len(raw); {
		rest := raw[i+1:]
		ok := strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "\r\n") || rest == "" ||
			len(rest) >= 2 && isHex(rest[0]) && isHex(rest[1]) || strings.TrimRight(rest[:lineLen(rest)], " \t") == ""
		if !ok {
			return true
		}
		j := strings.IndexByte(rest, '=')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isHex(b byte) bool { return isDigit(b) || b >= 'A' && b <= 'F' || b >= 'a' && b <= 'f' }
