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
	var out []reply
	for k := 0; k < len(hits); k++ {
		h := hits[k]
		var r reply
		if h.code.Type == TypeReply {
			r = readReply(s, h)
		} else {
			r = readStatusOnly(s, h)
			// A status-only reply ends where a reply code starts: in
			// "5.1.0 - Unknown address error 550-'5.7.1 ...'" the 550 opens
			// the server's own reply.
			for n := k + 1; n < len(hits) && hits[n].start < r.end; n++ {
				if hits[n].code.Type == TypeReply {
					r.end = hits[n].start
					if r.start < r.end {
						r.text = cleanReplyText([]string{s[h.end:r.end]}, "")
					}
					break
				}
			}
		}
		// Absorb the hits inside this reply (repeated codes on continuation
		// lines, the enhanced code after the reply code).
		for k+1 < len(hits) && hits[k+1].start < r.end {
			k++
			n := hits[k]
			if n.code.Type == TypeStatus && r.status == "" {
				r.status = n.code.String()
				r.statusAt = Span{n.start, n.end}
			}
		}
		out = append(out, r)
	}
	return out
}

// readReply reads the reply whose code is at h.
func readReply(s string, h hit) reply {
	code := h.code.String()
	r := reply{code: code, start: h.start}
	ls, le := lineAt(s, h.start)
	atLineStart := strings.Trim(s[ls:h.start], " \t>|") == ""
	var parts []string
	pos := h.end
	end := le
	if atLineStart && pos < len(s) && s[pos] == '-' {
		// Multi-line reply: NNN-text ... NNN text.
		line := s[pos+1 : le]
		parts = append(parts, line)
		next := nextLine(s, le)
		for next < len(s) {
			nls, nle := next, next+lineLen(s[next:])
			body := strings.TrimLeft(s[nls:nle], " \t>|")
			if !strings.HasPrefix(body, code) || len(body) > 3 && body[3] != '-' && body[3] != ' ' {
				break
			}
			end = nle
			last := len(body) == 3 || body[3] == ' '
			if len(body) > 4 {
				parts = append(parts, body[4:])
			}
			if last {
				break
			}
			next = nextLine(s, nle)
		}
	} else {
		parts = append(parts, s[pos:le])
		if !atLineStart {
			// A reply quoted inside a line may be folded onto indented lines.
			next := nextLine(s, le)
			for next < len(s) {
				nle := next + lineLen(s[next:])
				line := s[next:nle]
				if line == "" || (line[0] != ' ' && line[0] != '\t') || strings.TrimSpace(line) == "" {
					break
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

// readStatusOnly reads a reply that has an enhanced code but no reply code:
// its words are the rest of the line, or the line before the code when the
// code closes the line ("No mailbox here by that name. (#5.1.1)").
func readStatusOnly(s string, h hit) reply {
	ls, le := lineAt(s, h.start)
	r := reply{status: h.code.String(), start: h.start, end: h.end, statusAt: Span{h.start, h.end}}
	after := strings.TrimSpace(strings.TrimLeft(s[h.end:le], ")]};,: "))
	if after != "" {
		r.text = cleanReplyText([]string{s[h.end:le]}, "")
		r.end = le
	} else {
		before := strings.TrimRight(s[ls:h.start], " (#[")
		r.text = cleanReplyText([]string{before}, "")
		r.start = ls + (len(s[ls:h.start]) - len(strings.TrimLeft(s[ls:h.start], " \t")))
	}
	return r
}

// cleanReplyText joins the parts of a reply into one line: it collapses
// white space, drops a leading enhanced code, and removes the "550-5.1.1"
// markers that folded multi-line replies carry in the middle of the text.
func cleanReplyText(parts []string, code string) string {
	joined := strings.Join(parts, " ")
	f := strings.Fields(joined)
	out := f[:0]
	for i, w := range f {
		if code != "" && (w == code || strings.HasPrefix(w, code+"-")) && i > 0 {
			rest := strings.TrimPrefix(strings.TrimPrefix(w, code), "-")
			if rest == "" || isStatusToken(rest) {
				continue
			}
		}
		if i == 0 && isStatusToken(w) {
			continue
		}
		if i > 0 && isStatusToken(w) && len(out) > 0 && (out[len(out)-1] == code || i > 0 && f[i-1] == code) {
			continue
		}
		out = append(out, w)
	}
	return strings.TrimSpace(strings.Join(out, " "))
}

// isStatusToken reports whether w is exactly an enhanced status code.
func isStatusToken(w string) bool {
	c, err := ParseCode(w)
	return err == nil && c.Type == TypeStatus && c.Class != 0
}
