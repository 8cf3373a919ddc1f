package codes

import (
	"fmt"
	"strings"
)

// Step is one exchange line of an SMTP session: a command the client sent
// or a reply the server gave. Multi-line replies are one step.
type Step struct {
	From    string `json:"from"`    // "client" or "server"
	Command string `json:"command"` // the command's verb, or for a reply the stage it answered
	Code    string `json:"code"`    // reply code of a server step
	Status  string `json:"status"`  // enhanced status code of a server step
	Text    string `json:"text"`    // the command line, or the reply's words
	Failed  bool   `json:"failed"`  // a 4xx or 5xx reply
	Start   int    `json:"start"`   // byte offset in the input
	End     int    `json:"end"`
}

type sessionPrefix struct{ from, prefix string }

func loadTranscriptPrefixes(src fileSource) ([]sessionPrefix, error) {
	t, err := src.table("transcript.tsv", "from", "prefix")
	if err != nil {
		return nil, err
	}
	var out []sessionPrefix
	for i, row := range t.rows() {
		p := sessionPrefix{t.get(row, "from"), t.get(row, "prefix")}
		if p.from != "client" && p.from != "server" || p.prefix == "" {
			return nil, t.errorf(i, "from must be client or server, and the prefix not empty")
		}
		out = append(out, p)
	}
	return out, nil
}

// smtpVerbs are the commands a client line may start with.
var smtpVerbs = []string{"EHLO", "HELO", "LHLO", "STARTTLS", "AUTH", "MAIL FROM", "RCPT TO", "DATA", "BDAT", "QUIT", "RSET", "NOOP", "VRFY", "EXPN", "HELP", "XCLIENT", "XFORWARD", "ETRN"}

// sessionLine is one classified transcript line.
type sessionLine struct {
	from       string // client, server, or "" for other text
	payload    string
	start, end int
}

// classifyLine tells whether a line is a client command, a server reply or
// neither, and strips the tool's prefix.
func classifyLine(line string, prefixes []sessionPrefix) (from, payload string) {
	trimmed := strings.TrimSpace(line)
	head := trimmed
	if len(head) > 80 {
		head = head[:80]
	}
	best, bestAt := -1, len(head)+1
	if !strings.ContainsAny(head, ":<>[-") {
		prefixes = nil // every tool prefix has one of these
	}
	for i, p := range prefixes {
		at := indexPrefix(head, p.prefix)
		if at >= 0 && (at < bestAt || at == bestAt && len(p.prefix) > len(prefixes[best].prefix)) {
			best, bestAt = i, at
		}
	}
	if best >= 0 {
		payload = strings.TrimSpace(trimmed[bestAt+len(prefixes[best].prefix):])
		return prefixes[best].from, unquoteDebug(payload)
	}
	if len(trimmed) >= 3 && isDigits(trimmed[:3]) && trimmed[0] >= '2' && trimmed[0] <= '5' &&
		(len(trimmed) == 3 || trimmed[3] == ' ' || trimmed[3] == '-') {
		return "server", trimmed
	}
	if verb := commandVerb(trimmed); verb != "" {
		return "client", trimmed
	}
	return "", trimmed
}

// indexPrefix finds a tool prefix at the start of the line or after a
// timestamp-like lead-in, followed by a space or the end.
func indexPrefix(head, prefix string) int {
	at := strings.Index(head, prefix)
	for at >= 0 {
		end := at + len(prefix)
		lead := head[:at]
		if (end == len(head) || head[end] == ' ' || head[end] == '\t') && (lead == "" || timestampLead(lead)) {
			return at
		}
		next := strings.Index(head[at+1:], prefix)
		if next < 0 {
			return -1
		}
		at += 1 + next
	}
	return -1
}

// timestampLead reports whether the text before a prefix is a timestamp or
// a log tag (digits, brackets, dashes, colons, "DEBUG"), not prose.
func timestampLead(s string) bool {
	s = strings.TrimSpace(s)
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			digits++
		case c == ' ' || c == '-' || c == ':' || c == '.' || c == '[' || c == ']' || c == 'T' || c == 'Z' || c == '/' || c == '+' || c == ',':
		case isAlpha(c):
		default:
			return false
		}
	}
	return digits >= 4 || strings.HasPrefix(s, "[")
}

// unquoteDebug strips the quoting of debug output: b'...\r\n', '...\r\n'.
func unquoteDebug(p string) string {
	p = strings.TrimPrefix(p, "retcode ")
	if strings.HasPrefix(p, "b'") || strings.HasPrefix(p, "b\"") {
		p = p[1:]
	}
	if len(p) >= 2 && (p[0] == '\'' || p[0] == '"') && p[len(p)-1] == p[0] {
		p = p[1 : len(p)-1]
	}
	p = strings.TrimSuffix(p, `\r\n`)
	p = strings.TrimSuffix(p, `\n`)
	return strings.TrimSpace(p)
}

// commandVerb returns the SMTP stage a client line starts: EHLO, STARTTLS,
// AUTH, MAIL, RCPT, DATA, QUIT, ... or "".
func commandVerb(line string) string {
	up := strings.ToUpper(line)
	for _, v := range smtpVerbs {
		colon := strings.Contains(v, " ") // MAIL FROM and RCPT TO take a colon
		if strings.HasPrefix(up, v) && (len(up) == len(v) || up[len(v)] == ' ' || up[len(v)] == '\r' || colon && up[len(v)] == ':') {
			switch v {
			case "HELO", "LHLO":
				return "EHLO"
			case "MAIL FROM":
				return "MAIL"
			case "RCPT TO":
				return "RCPT"
			case "BDAT":
				return "DATA-END"
			}
			return v
		}
	}
	return ""
}

// readTranscript reads an SMTP session. It returns nil when the text does
// not look like one: at least two client commands and one server reply.
func (d *Decoder) readTranscript(s string) []Step {
	commands, replies := 0, 0
	for pos := 0; pos < len(s) && (commands < 2 || replies < 1); pos = nextLine(s, pos) {
		switch from, payload := classifyLine(s[pos:pos+lineLen(s[pos:])], d.kb.prefixes); from {
		case "client":
			if commandVerb(payload) != "" {
				commands++
			}
		case "server":
			replies++
		}
	}
	if commands < 2 || replies < 1 {
		return nil
	}
	var lines []sessionLine
	for pos := 0; pos < len(s); pos = nextLine(s, pos) {
		n := lineLen(s[pos:])
		from, payload := classifyLine(s[pos:pos+n], d.kb.prefixes)
		lines = append(lines, sessionLine{from, payload, pos, pos + n})
	}
	var steps []Step
	var pending []string // commands waiting for their reply (pipelining)
	inData, authing := false, false
	last := "CONNECT"
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.from == "" && authing && isBase64Line(l.payload) {
			l.from = "client" // a SASL response typed without a prefix
		}
		switch l.from {
		case "client":
			if inData {
				if l.payload == "." || strings.HasSuffix(l.payload, `\r\n.`) || strings.HasSuffix(l.payload, `\n.`) {
					inData = false
					pending = append(pending, "DATA-END")
					steps = append(steps, Step{From: "client", Command: "DATA-END", Text: ".", Start: l.start, End: l.end})
				}
				continue
			}
			verb := commandVerb(l.payload)
			if verb == "" {
				if !authing {
					continue
				}
				verb = "AUTH" // a SASL response line
			}
			pending = append(pending, verb)
			last = verb
			steps = append(steps, Step{From: "client", Command: verb, Text: l.payload, Start: l.start, End: l.end})
		case "server":
			code := ""
			if len(l.payload) >= 3 && isDigits(l.payload[:3]) {
				code = l.payload[:3]
			}
			if code == "" {
				continue
			}
			// Join a multi-line reply.
			start, end, texts := l.start, l.end, []string{strings.TrimLeft(l.payload[3:], " -")}
			for len(l.payload) > 3 && l.payload[3] == '-' && i+1 < len(lines) && lines[i+1].from == "server" && strings.HasPrefix(lines[i+1].payload, code) {
				i++
				l = lines[i]
				end = l.end
				texts = append(texts, strings.TrimLeft(l.payload[min(3, len(l.payload)):], " -"))
			}
			stage := last
			if len(pending) > 0 {
				stage, pending = pending[0], pending[1:]
			} else if len(steps) == 0 {
				stage = "CONNECT"
			}
			st := Step{From: "server", Command: stage, Code: code, Text: cleanReplyText(texts, code),
				Failed: code[0] == '4' || code[0] == '5', Start: start, End: end}
			if first := strings.Fields(strings.Join(texts, " ")); len(first) > 0 && isStatusToken(first[0]) {
				st.Status = first[0]
			}
			authing = code == "334"
			if stage == "DATA" && code == "354" {
				inData = true
			}
			steps = append(steps, st)
		}
	}
	return steps
}

// sessionFindings makes findings from a session: each failed reply, for the
// recipient it refused (RCPT), or for every accepted recipient when the
// message itself was refused (DATA). A 503 that only follows an earlier
// failure is a consequence and is skipped.
func (d *Decoder) sessionFindings(steps []Step) []Finding {
	var out []Finding
	var accepted []string
	pendingRcpt := []string{}
	failedBefore := false
	for _, st := range steps {
		if st.From == "client" {
			if st.Command == "RCPT" {
				pendingRcpt = append(pendingRcpt, firstAddress(st.Text))
			}
			continue
		}
		var rcpt string
		if st.Command == "RCPT" && len(pendingRcpt) > 0 {
			rcpt, pendingRcpt = pendingRcpt[0], pendingRcpt[1:]
			if !st.Failed {
				accepted = append(accepted, rcpt)
			}
		}
		if !st.Failed || st.Code == "503" && failedBefore {
			continue
		}
		failedBefore = true
		targets := []string{rcpt}
		if (st.Command == "DATA" || st.Command == "DATA-END") && len(accepted) > 0 {
			targets = accepted
		}
		for _, r := range targets {
			f := Finding{Recipient: r, ReplyCode: st.Code, Status: st.Status, Command: st.Command,
				Diagnostic: st.Text, Evidence: []Span{{st.Start, st.End}}}
			d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: st.Text, command: st.Command})
			out = append(out, f)
		}
	}
	return out
}

// String describes a step for debugging and for the CLI.
func (st Step) String() string {
	if st.From == "client" {
		return fmt.Sprintf("C: %s", st.Text)
	}
	return fmt.Sprintf("S: %s %s %s", st.Code, st.Status, st.Text)
}

// isBase64Line reports whether a line could be a base64 SASL response.
func isBase64Line(s string) bool {
	if s == "" || s == "*" {
		return s == "*"
	}
	for i := 0; i < len(s); i++ {
		if !(isAlpha(s[i]) || isDigit(s[i]) || s[i] == '+' || s[i] == '/' || s[i] == '=') {
			return false
		}
	}
	return true
}
