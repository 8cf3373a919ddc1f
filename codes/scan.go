package codes

import "strings"

// hit is one code found in the text, with its byte range and the bounds of
// its line (end excluding the line break). It holds no pointers, so that
// the hits of a large text cost the garbage collector nothing to scan.
type hit struct {
	start, end             int
	lineStart, lineEnd     int
	class, subject, detail int32
	status                 bool // an enhanced status code, else a reply code
}

// code returns the code the hit found.
func (h hit) code() Code {
	t := TypeReply
	if h.status {
		t = TypeStatus
	}
	return Code{Type: t, Class: int(h.class), Subject: int(h.subject), Detail: int(h.detail)}
}

func (h hit) String() string { return h.code().String() }

// scanCodes finds every reply code and enhanced status code in s, in order.
// It runs in one pass over s.
//
// An enhanced code is D.D.D (class 2, 4 or 5, subject 0 to 7, detail of one
// to three digits, no leading zeros) that is not part of a longer dotted
// number (an IP address, 4.16.55.1) and is not a software version (Postfix
// 2.4.5). A reply code is three digits, first digit 2 to 5, that is not
// part of a longer number and stands where replies stand: at the start of a
// line, before an enhanced code, after a cue such as "said:", "#",
// "error" or "code", or as the whole input.
func scanCodes(s string) []hit {
	var hits []hit
	lineStart, lineEnd := 0, -1 // lineEnd is found once per line, on its first hit
	add := func(h hit) {
		if lineEnd < 0 {
			lineEnd = lineStart + lineLen(s[lineStart:])
		}
		h.lineStart, h.lineEnd = lineStart, lineEnd
		hits = append(hits, h)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' {
			i++
			lineStart, lineEnd = i, -1
			continue
		}
		if !isDigit(c) {
			i++
			continue
		}
		// A run of digits and dots starting at i.
		if i > 0 && !boundaryBefore(s[i-1]) {
			i = skipNumber(s, i)
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		switch {
		case j-i == 1 && j < len(s) && s[j] == '.':
			if h, ok := scanStatus(s, i); ok {
				add(h)
				i = h.end
				continue
			}
			i = skipNumber(s, i)
			continue
		case j-i == 3 && c >= '2' && c <= '5' && boundaryAfter(s, j):
			if replyContext(s, lineStart, i, j) {
				add(hit{class: int32(c - '0'), subject: int32(s[i+1] - '0'), detail: int32(s[i+2] - '0'), start: i, end: j})
			}
			i = j
			continue
		}
		i = skipNumber(s, i)
	}
	return hits
}

// scanStatus reads D.D.D at s[i:]. It returns false for anything that is not
// a well-formed enhanced code standing on its own.
func scanStatus(s string, i int) (hit, bool) {
	class := int(s[i] - '0')
	p := i + 2 // after "D."
	subj, p, ok := readNum(s, p)
	if !ok || p >= len(s) || s[p] != '.' {
		return hit{}, false
	}
	det, q, ok := readNum(s, p+1)
	if !ok || !boundaryAfter(s, q) {
		return hit{}, false
	}
	if class != 2 && class != 4 && class != 5 {
		return hit{}, false
	}
	if subj > 7 || versionBefore(s, i) {
		return hit{}, false
	}
	return hit{status: true, class: int32(class), subject: int32(subj), detail: int32(det), start: i, end: q}, true
}

// readNum reads one to three digits without a leading zero.
func readNum(s string, p int) (n, end int, ok bool) {
	q := p
	for q < len(s) && isDigit(s[q]) {
		q++
	}
	if q == p || q-p > 3 || (q-p > 1 && s[p] == '0') {
		return 0, q, false
	}
	for k := p; k < q; k++ {
		n = n*10 + int(s[k]-'0')
	}
	return n, q, true
}

// skipNumber moves past a run of digits, dots and letters that started at i,
// so that the tail of a rejected number is not read as a code.
func skipNumber(s string, i int) int {
	for i < len(s) && (isDigit(s[i]) || isAlpha(s[i]) || s[i] == '_' ||
		(s[i] == '.' && i+1 < len(s) && isDigit(s[i+1]))) {
		i++
	}
	return i
}

func boundaryBefore(b byte) bool {
	return !(isDigit(b) || isAlpha(b) || b == '.' || b == '_' || b == '/' || b == '$' || b == '+' || b >= 0x80)
}

// boundaryAfter reports whether the code that ends before s[j] stands alone:
// not followed by another digit, a letter, or ".digit" (a longer dotted
// number) or ":digit" / "-digit-" style identifiers.
func boundaryAfter(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	b := s[j]
	if isDigit(b) || isAlpha(b) || b == '_' || b >= 0x80 || b == '@' || b == '%' {
		return false
	}
	if (b == '.' || b == ',' || b == ':' || b == '/') && j+1 < len(s) && isDigit(s[j+1]) {
		return false
	}
	return true
}

// versionBefore reports whether the dotted number at i follows a word that
// makes it a software version ("Postfix 2.4.5", "version 4.2.1").
func versionBefore(s string, i int) bool {
	k := i
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	if k == i || k == 0 {
		return false
	}
	e := k
	for k > 0 && isAlpha(s[k-1]) {
		k--
	}
	if e-k < 1 || e-k > 12 {
		return false
	}
	// The word is ASCII letters, at most 12: lower-case it on the stack.
	var buf [12]byte
	word := buf[:e-k]
	for x := range word {
		word[x] = s[k+x] | 0x20
	}
	switch string(word) {
	case "version", "ver", "v", "release", "rev", "revision", "build", "postfix", "exim", "sendmail",
		"qmail", "courier", "opensmtpd", "haraka", "php", "python", "node", "openssl", "java", "go",
		"dovecot", "amavis", "amavisd", "spamassassin", "rspamd", "mailman", "squirrelmail", "roundcube",
		"exchange", "windows", "firefox", "thunderbird", "outlook", "chrome", "mozilla", "gmime", "libc":
		return true
	}
	return false
}

// replyCues are words that, right before a three-digit number, make it a
// reply code. They are matched case-insensitively at the end of the text
// that precedes the number on its line (spaces trimmed).
var replyCues = []string{
	"#", "(", "'", "\"", ":", ";", "...", "<<<", "<-", "error", "code", "reply", "replied",
	"response", "responsecode", "responded", "returned", "return", "status", "smtp", "said", "answer", "answered",
	"rejected", "failed", "failure", "with", "got", "received", "erreur", "fehler", "errore",
}

// replyContext decides whether the three digits at s[i:j] are a reply code.
func replyContext(s string, lineStart, i, j int) bool {
	// A quoted reply: "problem 550-'Unknown user ...'".
	if j+1 < len(s) && s[j] == '-' && (s[j+1] == '\'' || s[j+1] == '"') {
		return true
	}
	// Followed by an enhanced code: "550 5.1.1", "550-5.1.1".
	if j+1 < len(s) && (s[j] == ' ' || s[j] == '-') && isDigit(s[j+1]) {
		if _, ok := scanStatus(s, j+1); ok {
			return true
		}
	}
	// Not a phone number ("(555) 123-4567", "555-123-4567") nor part of
	// a dashed number.
	if j+1 < len(s) && s[j] == '-' && isDigit(s[j+1]) {
		return false
	}
	if j+2 < len(s) && s[j] == ')' && s[j+1] == ' ' && isDigit(s[j+2]) {
		return false
	}
	from := max(lineStart, i-256) // what precedes a code further back does not matter
	pre := strings.TrimRight(s[from:i], " \t")
	spaced := len(pre) < i-from // white space between the cue and the code
	bare := strings.TrimLeft(pre, " \t>|")
	if from > lineStart {
		bare = "-" // far into a long line: not at its start
	}
	if bare == "" {
		// Start of line: "550 text", "550-text", "550" alone.
		if j+1 < len(s) && s[j] == ':' && s[j+1] == ' ' {
			return true // "550: 5.1.1 <alice@example.net>... User unknown"
		}
		return j >= len(s) || s[j] == ' ' || s[j] == '-' || s[j] == '\r' || s[j] == '\n' || s[j] == '\t'
	}
	if len(pre) > 40 {
		pre = pre[len(pre)-40:]
	}
	low := lowerText(pre)
	// "Port: 587", "port 465": a port number, not a reply.
	if w := strings.TrimRight(low, " :=#"); strings.HasSuffix(w, "port") && (len(w) == 4 || !isAlpha(w[len(w)-5])) {
		return false
	}
	for _, cue := range replyCues {
		if strings.HasSuffix(low, cue) {
			// A colon right against the number is a port or an IPv6
			// address ("mx.example.com:587", "2001:db8::550").
			if (cue == ":" || cue == ";") && !spaced && len(low) >= 2 && (isAlpha(low[len(low)-2]) || isDigit(low[len(low)-2]) || low[len(low)-2] == ']' || low[len(low)-2] == ':') {
				continue
			}
			// A cue word must be a whole word: "said", not "unsaid".
			if isAlpha(cue[0]) && len(low) > len(cue) && isAlpha(low[len(low)-len(cue)-1]) {
				continue
			}
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isAlpha(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
