package app

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Kinds of highlight in the annotated text, as bits of Segment.Kinds.
const (
	markCode      = 1 << iota // a reply code or an enhanced status code
	markRecipient             // an affected address
	markHost                  // the server that replied
	markEvidence              // text a finding was read from
)

// maxIntervals bounds the highlighted ranges the annotated text is cut
// into, evidence included.
const maxIntervals = 4 * maxMarks

// Segment is a piece of the annotated text: plain text, or a highlight
// that belongs to a card.
type Segment struct {
	// Text is the piece of the input. The decoding worker leaves it out of
	// its answer and sends Len instead: the page has the input already.
	Text string `json:"t,omitempty"`
	Len  int    `json:"n"` // bytes of Text

	Kinds int  `json:"k,omitempty"` // markCode | markRecipient | markHost | markEvidence
	Card  int  `json:"c,omitempty"` // N+1 of the card it leads to, 0 for none
	Stop  bool `json:"s,omitempty"` // reachable with the Tab key
}

// interval is one highlighted range before the ranges are flattened.
type interval struct {
	start, end int
	kind       int
	card       int // finding index, or -1
}

// annotate cuts the beginning of text into segments from the report's
// evidence spans, its codes, and the places where recipients and remote
// hosts are named. Only findings in shown get a card to lead to. It
// reports whether the text was cut short.
func annotate(text string, rep codes.Report, shown map[int]bool) ([]Segment, bool) {
	limit, cut := len(text), false
	if limit > annotateBytes {
		limit, cut = annotateBytes, true
		for limit > 0 && !utf8.RuneStart(text[limit]) {
			limit--
		}
	}
	s := text[:limit]
	var ivs []interval
	add := func(start, end, kind, card int) {
		start, end = max(start, 0), min(end, limit)
		if start < end && len(ivs) < maxIntervals {
			ivs = append(ivs, interval{start, end, kind, card})
		}
	}
	for n, f := range rep.Findings {
		for _, ev := range f.Evidence {
			add(ev.Start, ev.End, markEvidence, n)
		}
	}
	marks := 0
	for _, c := range rep.Codes {
		if marks >= maxMarks {
			break
		}
		if c.Start >= limit || c.End > len(text) {
			continue
		}
		card := cardAt(rep.Findings, c.Start, c.End)
		if card < 0 {
			card = codeOwner(rep.Findings, c.Code)
		}
		add(c.Start, c.End, markCode, card)
		marks++
	}
	lower := codes.LowerASCII(s)
	named := func(kind int, value func(codes.Finding) string) {
		seen := map[string]bool{}
		for n, f := range rep.Findings {
			needle := codes.LowerASCII(strings.TrimSpace(value(f)))
			if len(needle) < 3 || seen[needle] || (kind == markHost && !strings.Contains(needle, ".")) {
				continue
			}
			seen[needle] = true
			for from := 0; marks < maxMarks; {
				i := strings.Index(lower[from:], needle)
				if i < 0 {
					break
				}
				start := from + i
				end := start + len(needle)
				from = end
				if wordAt(lower, start, end) {
					add(start, end, kind, n)
					marks++
				}
			}
		}
	}
	named(markRecipient, func(f codes.Finding) string { return f.Recipient })
	named(markHost, func(f codes.Finding) string { return f.RemoteHost })
	return flatten(s, ivs, shown), cut
}

// codeOwner returns the first finding that has code as its reply code or
// enhanced status code, or -1.
func codeOwner(findings []codes.Finding, code string) int {
	for i, f := range findings {
		if f.ReplyCode == code || f.Status == code {
			return i
		}
	}
	return -1
}

// wordAt reports whether s[start:end] stands on its own: not part of a
// longer address or host name.
func wordAt(s string, start, end int) bool {
	inName := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '.' || b == '+' || b == '@'
	}
	if start > 0 && inName(s[start-1]) {
		return false
	}
	if end < len(s) && inName(s[end]) && !(s[end] == '.' && (end+1 == len(s) || !inName(s[end+1]))) {
		return false
	}
	return true
}

// flatten turns overlapping intervals over s into a sequence of segments
// that covers s exactly once. A segment leads to the card of its
// innermost code, recipient or host highlight, or else of its innermost
// evidence; each card gets at least one keyboard stop.
func flatten(s string, ivs []interval, shown map[int]bool) []Segment {
	points := []int{0, len(s)}
	for _, iv := range ivs {
		points = append(points, iv.start, iv.end)
	}
	sort.Ints(points)
	sort.SliceStable(ivs, func(i, j int) bool { return ivs[i].start < ivs[j].start })
	var out []Segment
	var active []interval
	next := 0
	for k := 0; k+1 < len(points); k++ {
		a, b := points[k], points[k+1]
		if a == b {
			continue
		}
		kept := active[:0]
		for _, iv := range active {
			if iv.end > a {
				kept = append(kept, iv)
			}
		}
		active = kept
		for next < len(ivs) && ivs[next].start <= a {
			if ivs[next].end > a {
				active = append(active, ivs[next])
			}
			next++
		}
		seg := Segment{Text: s[a:b]}
		bestMark, bestEv := -1, -1
		markLen, evLen := 0, 0
		for _, iv := range active {
			seg.Kinds |= iv.kind
			if iv.card < 0 || !shown[iv.card] {
				continue
			}
			l := iv.end - iv.start
			if iv.kind == markEvidence {
				if bestEv < 0 || l < evLen {
					bestEv, evLen = iv.card, l
				}
			} else if bestMark < 0 || l < markLen {
				bestMark, markLen = iv.card, l
			}
		}
		switch {
		case bestMark >= 0:
			seg.Card = bestMark + 1
		case bestEv >= 0:
			seg.Card = bestEv + 1
		}
		seg.Stop = seg.Card > 0 && seg.Kinds&^markEvidence != 0
		if n := len(out); n > 0 && out[n-1].Kinds == seg.Kinds && out[n-1].Card == seg.Card && out[n-1].Stop == seg.Stop && !seg.Stop {
			out[n-1].Text += seg.Text
			continue
		}
		out = append(out, seg)
	}
	hasStop := map[int]bool{}
	for _, seg := range out {
		if seg.Stop {
			hasStop[seg.Card] = true
		}
	}
	for i := range out {
		if c := out[i].Card; c > 0 && !hasStop[c] {
			out[i].Stop = true
			hasStop[c] = true
		}
		out[i].Len = len(out[i].Text)
	}
	return out
}
