package codes

import (
	"strings"
)

// textResult is what a bounce text says about one recipient.
type textResult struct {
	recipient  string
	rcptAt     Span   // where the recipient is named (input offsets)
	reply      reply  // the reply that decided the outcome (input offsets)
	hasReply   bool   // reply holds a code
	text       string // the block's words, for classification and as a diagnostic when there is no reply
	command    string // SMTP stage, from the wording
	remoteHost string
	span       Span // the block (input offsets)
}

// readBounceText reads the human-readable part of a bounce: it cuts off the
// returned message, finds the recipients the text names, splits the text
// into one block per recipient, and reads each block's reply, stage and
// remote host. senders holds addresses known to be the sender's, which are
// never taken for recipients.
func (d *Decoder) readBounceText(g segment, senders map[string]bool, loose bool) []textResult {
	t := g.text
	limit := g.limit
	if limit <= 0 || limit > len(t) {
		limit = d.kb.markers.returnedStart(t)
	}
	body := t[:limit]
	heads := d.recipientHeadings(body, senders, loose)
	var lines lineCursor
	lines.s = body

	var out []textResult
	if len(heads) == 0 {
		// No recipient named: one result for the text's best reply.
		r := d.readBlock(g, body, 0, len(body))
		if r.hasReply || r.text != "" {
			out = append(out, r)
		}
		return out
	}
	// Merge headings that name the same recipient; a single recipient's
	// block is the whole text.
	distinct := map[string]bool{}
	for _, h := range heads {
		distinct[lowerText(h.addr)] = true
	}
	if len(distinct) == 1 {
		r := d.readBlock(g, body, 0, len(body))
		r.recipient = heads[0].addr
		r.rcptAt = g.inputSpan(heads[0].start, heads[0].end)
		return []textResult{r}
	}
	index := map[string]int{}
	starts := make([]int, len(heads))
	floor := 0
	for i, h := range heads {
		ls, le := lines.at(h.start)
		starts[i] = transcriptStart(body, ls, floor)
		floor = le
	}
	for i, h := range heads {
		start := starts[i]
		end := len(body)
		if i+1 < len(heads) {
			end = strings.LastIndexByte(body[start:starts[i+1]], '\n') + 1 + start
			if end <= start {
				end = start
			}
		}
		if end < start {
			end = start
		}
		r := d.readBlock(g, body, start, end)
		r.recipient = h.addr
		r.rcptAt = g.inputSpan(h.start, h.end)
		key := lowerText(h.addr)
		if j, ok := index[key]; ok {
			prev := &out[j]
			if !prev.hasReply && r.hasReply || r.hasReply && prev.hasReply && replyScore(r.reply) > replyScore(prev.reply) {
				r.rcptAt = prev.rcptAt
				r.text = strings.TrimSpace(prev.text + " " + r.text)
				r.remoteHost = firstNonEmpty(r.remoteHost, prev.remoteHost)
				r.command = firstNonEmpty(r.command, prev.command)
				*prev = r
			} else {
				prev.text = strings.TrimSpace(prev.text + " " + r.text)
				if prev.command == "" {
					prev.command = r.command
				}
				if prev.remoteHost == "" {
					prev.remoteHost = r.remoteHost
				}
			}
			continue
		}
		index[key] = len(out)
		out = append(out, r)
	}
	// Recipients listed together before one shared error take that error.
	var shared *textResult
	for i := range out {
		if out[i].hasReply {
			shared = &out[i]
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].hasReply {
			shared = &out[i]
			continue
		}
		if shared != nil && strings.TrimSpace(out[i].text) == "" {
			out[i].reply, out[i].hasReply = shared.reply, true
			out[i].text = shared.text
			out[i].command, out[i].remoteHost = shared.command, shared.remoteHost
		}
	}
	return out
}

// heading is an address that opens a recipient's block.
type heading struct {
	addr       string
	start, end int
	strong     bool
}

// recipientHeadings finds the addresses that name recipients: an address
// that opens its line (alone, in angle brackets, after a display name, or
// followed by the error), or one that follows a recipient cue ("Your
// message to", "RCPT TO:"). Strong headings (line openers) win over cues.
func (d *Decoder) recipientHeadings(body string, senders map[string]bool, loose bool) []heading {
	mk := &d.kb.markers
	var strong, weak []heading
	lastLine := -1
	var lines lineCursor
	lines.s = body
	for _, a := range findAddresses(body) {
		ls, le := lines.at(a.start)
		if ls == lastLine {
			continue // only the first address of a line can open a block
		}
		low := lowerText(a.addr)
		// What precedes and follows the address on its line, within reason.
		pre := body[max(ls, a.start-200):a.start]
		whole := ls >= a.start-200 // pre starts at the line start
		lowPre := LowerASCII(pre)
		le = min(le, a.end+200)
		if hasSuffixCue(lowPre, mk.sender) {
			senders[low] = true
			continue
		}
		if senders[low] {
			continue
		}
		if isSystemAddress(low) && !hasSuffixCue(lowPre, mk.recipient) {
			continue // a postmaster address is a recipient only when the text says so
		}
		lastLine = ls
		name := strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(pre, " \t<\"'"), "mailto:"))
		name = strings.TrimRight(name, " \t<\"'")
		post := strings.TrimLeft(body[a.end:le], ">\"' \t")
		h := heading{addr: a.addr, start: a.start, end: a.end}
		switch {
		case !whole:
			// Far into a long line: not a heading.
		case name == "" || strings.Trim(name, "-*>|#") == "":
			h.strong = true
		case isDisplayName(name) && (post == "" || post[0] == ':' || post[0] == ','):
			h.strong = true
		case isReplyPrefix(name) && strings.HasPrefix(post, "..."):
			// Sendmail's error line: "550 <alice@example.net>... User unknown".
			h.strong = true
		case strings.HasSuffix(strings.TrimRight(lowerText(name), " <"), "rcpt to:"):
			// A transcript's "RCPT TO:<alice@example.net>": the replies that
			// follow are about this recipient.
			h.strong = true
		}
		if h.strong {
			strong = append(strong, h)
			continue
		}
		if hasSuffixCue(lowPre, mk.recipient) || cueOnPreviousLine(body, ls, mk.recipient) {
			weak = append(weak, h)
		}
	}
	if len(strong) > 0 {
		return strong
	}
	if len(weak) > 0 || !loose {
		return weak
	}
	// A report that names exactly one address besides the sender's is
	// about that address.
	var only *heading
	for _, a := range findAddresses(body) { // a second pass only when nothing else named a recipient
		low := lowerText(a.addr)
		if senders[low] || isSystemAddress(low) {
			continue
		}
		if only != nil && !strings.EqualFold(only.addr, a.addr) {
			return nil
		}
		if only == nil {
			only = &heading{addr: a.addr, start: a.start, end: a.end}
		}
	}
	if only != nil {
		return []heading{*only}
	}
	return nil
}

// isReplyPrefix reports whether s is a reply code, optionally followed by
// an enhanced code: the start of an MTA's error line.
func isReplyPrefix(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 || len(f[0]) != 3 || !isDigits(f[0]) {
		return false
	}
	return len(f) == 1 || isStatusToken(f[1])
}

// cueOnPreviousLine reports whether the nearest non-blank line before the
// line at ls ends with a recipient cue ("...to the following recipients:").
func cueOnPreviousLine(body string, ls int, cues []string) bool {
	end := ls
	for tries := 0; tries < 3 && end > 0; tries++ {
		ps, _ := lineAt(body, end-1)
		line := lowerText(strings.TrimSpace(body[ps : end-1]))
		end = ps
		if line == "" {
			continue
		}
		line = strings.TrimRight(line, ":")
		for _, c := range cues {
			if strings.HasSuffix(line, strings.TrimRight(c, ": ")) {
				return true
			}
		}
		return false
	}
	return false
}

// isDisplayName reports whether s looks like the name before an address:
// words without digits, colons or sentence punctuation.
func isDisplayName(s string) bool {
	if len(s) > 60 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) || c == ':' || c == ';' || c == '(' || c == ')' || c == '=' || c == '[' {
			return false
		}
	}
	return len(strings.Fields(s)) <= 5
}

// isSystemAddress reports mailer-daemon and postmaster style addresses,
// which send bounces and never are the failed recipient.
func isSystemAddress(low string) bool {
	local := low[:strings.IndexByte(low+"@", '@')]
	switch local {
	case "mailer-daemon", "postmaster", "mailerdaemon", "mail-daemon", "maildaemon", "noreply", "no-reply", "bounce", "bounces", "double-bounce":
		return true
	}
	return false
}

// readBlock reads the reply, stage and remote host of body[start:end].
func (d *Decoder) readBlock(g segment, body string, start, end int) textResult {
	text := body[start:end]
	r := textResult{span: g.inputSpan(start, end)}
	replies := extractReplies(text, scanCodes(text))
	pos := len(text)
	if best, ok := primaryReply(replies); ok {
		pos = best.start
		r.reply = best
		r.hasReply = best.code != "" || best.status != ""
		at := g.inputSpan(start+best.start, start+best.end)
		r.reply.start, r.reply.end = at.Start, at.End
		if best.statusAt != (Span{}) {
			r.reply.statusAt = g.inputSpan(start+best.statusAt.Start, start+best.statusAt.End)
		}
	}
	// The stage is told by the words before the reply, else after it:
	// both lower-cased, unquoted and with their white space collapsed, in
	// one buffer.
	stage := appendCollapsedLower(make([]byte, 0, len(text)+1), unquoteLines(text[:pos]))
	at := len(stage)
	stage = appendCollapsedLower(append(stage, ' '), unquoteLines(text[pos:]))
	r.command = d.kb.markers.stageAt(string(stage), at)
	if r.command == "" && containsASCIIFold(text, "while talking to ") && greetingReply(LowerASCII(text)) {
		r.command = "CONNECT"
	}
	r.remoteHost = remoteHost(text)
	r.text = collapseSpace(text)
	return r
}

// primaryReply picks the reply that decided the outcome: failures over
// successes, replies with both codes over one, the earliest among equals
// (later replies in a transcript are usually consequences).
func primaryReply(rs []reply) (reply, bool) {
	best, bestScore := reply{}, -1
	for i, r := range rs {
		// A reply that only wraps the next one ("554 <bob@example.org>...
		// 550 Host unknown", "... minutes.<421 4.4.2 Connection timed
		// out>") gives way to it: the inner reply is the remote server's.
		if i+1 < len(rs) && rs[i+1].start == r.end && wraps(r.text) && failing(rs[i+1]) {
			continue
		}
		if s := replyScore(r); s > bestScore {
			best, bestScore = r, s
		}
	}
	return best, bestScore >= 0
}

// wraps reports whether a reply's text ends where a quoted reply begins.
func wraps(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return true
	}
	for _, end := range []string{"...", "<", "'", "\"", ":", "(", "-"} {
		if strings.HasSuffix(t, end) {
			return true
		}
	}
	return false
}

// failing reports whether a reply's class is 4 or 5.
func failing(r reply) bool {
	c := classOf(r.status, r.code)
	return c == '4' || c == '5'
}

func replyScore(r reply) int {
	s := 0
	if r.code != "" {
		s++
	}
	class := byte(0)
	if r.code != "" {
		class = r.code[0]
	} else if r.status != "" {
		class = r.status[0]
	}
	if class == '4' || class == '5' {
		s += 4
	}
	if r.code != "" && r.status != "" {
		s += 2
	}
	if strings.TrimSpace(r.text) != "" {
		s++
	}
	return s
}

// remoteHost finds the server named in a bounce block: "Remote-MTA: dns;
// NAME", "while talking to NAME", "host NAME[ip] said", "host NAME [ip]:",
// "connect to NAME[ip]", or a line that names "NAME [ip]:". Banners such
// as "the mail system at host NAME" name the reporting host and are
// skipped.
func remoteHost(text string) string {
	low := LowerASCII(text)
	for _, cue := range []string{"remote-mta: dns;", "while talking to ", "host ", "connect to ", "remote host "} {
		for from := 0; ; {
			i := strings.Index(low[from:], cue)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(cue)
			if at > 0 && isAlpha(low[at-1]) {
				continue
			}
			if cue == "host " && strings.HasSuffix(strings.TrimRight(low[:at], " "), " at") {
				continue // "the mail system at host ..." names the reporter
			}
			name, end := hostAt(text, from)
			if name == "" {
				continue
			}
			if cue == "host " || cue == "remote host " {
				// Only a host that the text ties to the reply: followed by
				// its address, "said" or a colon.
				rest := strings.TrimLeft(low[end:], " ")
				if !(strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "said") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "(")) {
					continue
				}
			}
			return name
		}
	}
	// "    mx.example.com [192.0.2.10]:" on a line of its own.
	for pos := 0; pos < len(text); pos = nextLine(text, pos) {
		line := strings.TrimSpace(text[pos : pos+lineLen(text[pos:])])
		name, end := hostAt(line, 0)
		if name != "" && strings.HasPrefix(strings.TrimLeft(line[end:], " "), "[") && strings.HasSuffix(line, ":") {
			return name
		}
	}
	return ""
}

// hostAt reads a host name at text[p:] (after spaces), returning it in
// lower case and the offset after it, or "" when there is none.
func hostAt(text string, p int) (string, int) {
	for p < len(text) && text[p] == ' ' {
		p++
	}
	q := p
	for q < len(text) && (isAlpha(text[q]) || isDigit(text[q]) || text[q] == '.' || text[q] == '-' || text[q] == '_') {
		q++
	}
	name := strings.TrimRight(text[p:q], ".")
	if strings.Count(name, ".") >= 1 && !isDigits(strings.ReplaceAll(name, ".", "")) && validDomain(lowerText(name)) {
		return lowerText(name), q
	}
	return "", q
}

// collapseSpace replaces every run of white space with one space, so that
// phrases match across folded lines.
func collapseSpace(s string) string {
	// Most texts need only a few changes: copy in one pass.
	b := make([]byte, 0, len(s))
	space := true // drop leading white space
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			if !space {
				b = append(b, ' ')
				space = true
			}
			continue
		}
		b = append(b, c)
		space = false
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// appendCollapsedLower appends s to b as collapseSpace(LowerASCII(s))
// would return it, without the intermediate strings.
func appendCollapsedLower(b []byte, s string) []byte {
	from := len(b)
	space := true // drop leading white space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			if !space {
				b = append(b, ' ')
				space = true
			}
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
		space = false
	}
	if len(b) > from && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// unquoteLines removes the "> " marks at the start of each line of a
// quoted email, so that phrases match across the quoted lines.
func unquoteLines(s string) string {
	if !strings.Contains(s, "\n>") && !strings.HasPrefix(s, ">") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = unquote(l)
	}
	return strings.Join(lines, "\n")
}

// greetingReply reports a Sendmail transcript in which the remote server's
// reply ("<<< 554 ...") came right after "... while talking to host:", with
// no command (">>> ...") sent before it: the server refused the greeting.
func greetingReply(low string) bool {
	if !strings.Contains(low, "while talking to ") {
		return false
	}
	lines := strings.Split(low, "\n")
	for i, line := range lines {
		if !strings.Contains(line, "while talking to ") || !strings.HasSuffix(strings.TrimSpace(line), ":") {
			continue
		}
		for _, next := range lines[i+1:] {
			next = strings.TrimSpace(next)
			if next == "" {
				continue
			}
			if strings.HasPrefix(next, "<<< ") && len(next) > 4 && (next[4] == '4' || next[4] == '5') {
				return true
			}
			break
		}
	}
	return false
}

// transcriptStart moves the start of a recipient's block back over the
// Sendmail transcript lines just before its heading line: the remote
// server's reply ("<<< 501 ..."), the command it answered (">>> MAIL
// From:...") and "while talking to host:". Sendmail writes its own summary
// for the recipient ("554 <bob@example.org>... Remote protocol error")
// right after the remote reply it sums up, so that reply is the
// recipient's. It never goes back before floor.
func transcriptStart(body string, start, floor int) int {
	out := start
	for first := true; out > floor; first = false {
		le := out - 1 // the line break ending the previous line
		ls := strings.LastIndexByte(body[floor:le], '\n') + 1 + floor
		line := strings.TrimSpace(LowerASCII(body[ls:le]))
		switch {
		case strings.HasPrefix(line, "<<< "):
		case first:
			return start // no remote reply right before the heading
		case strings.HasPrefix(line, ">>> ") || strings.Contains(line, "while talking to "):
		default:
			return out
		}
		out = ls
	}
	return out
}
