package codes

import (
	"strings"
)

// reply is one server reply read from the text: a reply code and/or an
// enhanced status code with the words that go with them, joined across the
// lines of a multi-line reply or a folded log line.
type reply struct {
	code       string // "550", or "" when only an enhanced code was given
	status     string // "5.1.1", or ""
	text       string // the server's words, unfolded, codes of continuation lines removed
	start, end int    // span in the input
	statusAt   Span   // where the status code is, if any
}

// extractReplies groups code hits into replies. A reply code at the start
// of a line that ends in '-' opens a multi-line reply that runs to the line
// with the same code and a space. A reply code inside a line takes the rest
// of the line and the indented lines that continue it. An enhanced code
// with no reply code before it forms a reply of its own.
func extractReplies(s string, hits []hit) []reply {
	// limit[k] is where the reply of hits[k] must end at the latest: at the
	// next reply code that is not its own (a status-only reply ends at any
	// reply code). Worked out backwards, so the whole is linear.
	limit := make([]int, len(hits))
	next := -1 // index of the next reply-code hit
	for k := len(hits) - 1; k >= 0; k-- {
		h := hits[k]
		switch {
		case next < 0:
			limit[k] = len(s)
		case h.status || hits[next].code() != h.code():
			limit[k] = hits[next].start
		default:
			limit[k] = limit[next] // the same code continues: its bound is ours
		}
		if !h.status {
			next = k
		}
	}
	var out []reply
	for k := 0; k < len(hits); k++ {
		h := hits[k]
		var r reply
		if !h.status {
			r = readReply(s, h, limit[k])
		} else {
			// A status-only reply ends where a reply code starts: in
			// "5.1.0 - Unknown address error 550-'5.7.1 ...'" the 550 opens
			// the server's own reply.
			r = readStatusOnly(s, h, limit[k])
		}
		// Absorb the hits inside this reply (repeated codes on continuation
		// lines, the enhanced code after the reply code).
		for k+1 < len(hits) && hits[k+1].start < r.end {
			k++
			n := hits[k]
			if n.status && r.status == "" {
				r.status = n.code().String()
				r.statusAt = Span{n.start, n.end}
			}
		}
		out = append(out, r)
	}
	return out
}

// readReply reads the reply whose code is at h.
func readReply(s string, h hit, limit int) reply {
	code := h.code().String()
	r := reply{code: code, start: h.start}
	ls, le := h.lineStart, min(h.lineEnd, limit)
	atLineStart := strings.Trim(s[ls:h.start], " \t>|") == ""
	var parts []string
	pos := h.end
	end := le
	whole := le == h.lineEnd // the reply reaches the end of its line and may go on to the next
	if pos < len(s) && s[pos] == '-' && (atLineStart || whole && continues(s, le, code)) {
		// Multi-line reply: NNN-text ... NNN text.
		parts = append(parts, s[pos+1:le])
		indented := s[ls] == ' ' || s[ls] == '\t'
		next := nextLine(s, le)
		if !whole {
			next = limit
		}
		for next < limit {
			nle := min(next+lineLen(s[next:]), limit)
			line := s[next:nle]
			body := strings.TrimLeft(line, " \t>|")
			if strings.HasPrefix(body, code) && (len(body) == 3 || body[3] == '-' || body[3] == ' ') {
				end = nle
				if len(body) > 4 {
					parts = append(parts, body[4:])
				}
				if len(body) == 3 || body[3] == ' ' {
					break
				}
				next = nextLine(s, nle)
				continue
			}
			// A log or a bounce may fold the reply onto indented lines,
			// with the code markers inside them ("try 550-5.1.1 double-").
			if indented && line != "" && (line[0] == ' ' || line[0] == '\t') && strings.TrimSpace(line) != "" {
				parts = append(parts, line)
				end = nle
				next = nextLine(s, nle)
				continue
			}
			break
		}
	} else {
		parts = append(parts, s[pos:le])
		if whole && (!atLineStart || s[ls] == ' ' || s[ls] == '\t') {
			// A reply quoted inside a line, or indented, may be folded
			// onto the indented lines that follow.
			next := nextLine(s, le)
			for next < limit {
				nle := min(next+lineLen(s[next:]), limit)
				line := unquote(s[next:nle])
				if line == "" || (line[0] != ' ' && line[0] != '\t') || strings.TrimSpace(line) == "" {
					break
				}
				if b := strings.TrimLeft(line, " \t"); len(b) >= 3 && isDigits(b[:3]) && (len(b) == 3 || b[3] == ' ' || b[3] == '-') && b[:3] != code {
					break // another reply starts
				}
				parts = append(parts, line)
				end = nle
				next = nextLine(s, nle)
			}
		}
	}
	r.end = end
	r.text = cleanReplyText(parts, code)
	return r
}

// unquote removes the "> " marks of a quoted email line. A transcript's
// ">>> " (the command a client sent) is not a quote mark.
func unquote(line string) string {
	for strings.HasPrefix(line, ">") && !strings.HasPrefix(line, ">>> ") {
		line = strings.TrimPrefix(line[1:], " ")
	}
	return line
}

// continues reports whether the line after the one ending at le starts
// with the reply code: the rest of a multi-line reply that began inside a
// line ("Error: Invalid login: 535-5.7.8 ...").
func continues(s string, le int, code string) bool {
	next := nextLine(s, le)
	if next >= len(s) {
		return false
	}
	body := strings.TrimLeft(s[next:next+lineLen(s[next:])], " \t>|")
	return strings.HasPrefix(body, code) && (len(body) == 3 || body[3] == ' ' || body[3] == '-')
}

// readStatusOnly reads a reply that has an enhanced code but no reply code:
// its words are the rest of the line, or the line before the code when the
// code closes the line ("No mailbox here by that name. (#5.1.1)").
func readStatusOnly(s string, h hit, limit int) reply {
	ls, le := h.lineStart, min(h.lineEnd, limit)
	r := reply{status: h.code().String(), start: h.start, end: h.end, statusAt: Span{h.start, h.end}}
	after := strings.TrimSpace(strings.TrimLeft(s[h.end:le], ")]};,: "))
	if after != "" {
		r.text = cleanReplyText([]string{s[h.end:le]}, "")
		r.end = le
	} else {
		from := max(ls, h.start-300) // the words before the code, within reason
		before := strings.TrimRight(s[from:h.start], " (#[")
		r.text = cleanReplyText([]string{before}, "")
		r.start = from + (len(s[from:h.start]) - len(strings.TrimLeft(s[from:h.start], " \t")))
	}
	return r
}

// cleanReplyText joins the parts of a reply into one line: it collapses
// white space, drops the enhanced code that starts each line of a
// multi-line reply, and removes the "550-5.1.1" markers that folded
// replies carry in the middle of the text.
func cleanReplyText(parts []string, code string) string {
	var out []string
	for _, p := range parts {
		f := strings.Fields(strings.TrimLeft(p, "-"))
		for i, w := range f {
			if i == 0 && isStatusToken(strings.TrimSuffix(w, ",")) {
				continue
			}
			if code != "" && (w == code || strings.HasPrefix(w, code+"-")) {
				rest := strings.TrimPrefix(strings.TrimPrefix(w, code), "-")
				if rest == "" || isStatusToken(rest) {
					continue
				}
			}
			if isStatusToken(w) && i > 0 && (f[i-1] == code || len(out) == 0) {
				continue
			}
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// unfoldReply removes the repeated code markers of a multi-line reply that
// was joined into one line ("550-5.1.1 The email ... try 550-5.1.1
// double-checking"), keeping the first.
func unfoldReply(s string) string {
	f := strings.Fields(s)
	out := make([]string, 0, len(f))
	seen := false
	for i, w := range f {
		code, rest, dashed := strings.Cut(w, "-")
		isMarker := len(code) == 3 && isDigits(code) && (dashed && isStatusToken(rest) || !dashed && i+1 < len(f) && isStatusToken(f[i+1]))
		if isMarker {
			if seen {
				if !dashed {
					f[i+1] = "" // drop the enhanced code that follows
				}
				continue
			}
			seen = true
			if dashed {
				w = code + " " + rest
			}
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// isStatusToken reports whether w is exactly an enhanced status code.
func isStatusToken(w string) bool {
	c, ok := parseStatus(w)
	return ok && c.Class != 0
}
