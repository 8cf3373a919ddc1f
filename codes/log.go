package codes

import (
	"strings"
)

// logEvent is one delivery attempt read from an MTA log line.
type logEvent struct {
	recipient  string
	action     string // failed, delayed, delivered
	status     string // dsn=
	diagnostic string // the server's words, or the MTA's
	remoteHost string
	line       Span
}

// readLog reads MTA log lines: Postfix and Sendmail delivery lines
// ("to=<...>, ..., dsn=5.1.1, status=bounced (...)", "stat=Deferred:
// ...") and Exim main-log delivery lines ("** bob@example.org ...: SMTP
// error ..."). Lines of other programs are skipped. It returns nil when no
// line is a delivery line.
func readLog(s string) []logEvent {
	var out []logEvent
	for pos := 0; pos < len(s); {
		n := lineLen(s[pos:])
		line := s[pos : pos+n]
		if e, ok := parseLogLine(line); ok {
			e.line = Span{pos, pos + n}
			out = append(out, e)
		}
		pos = nextLine(s, pos)
	}
	return out
}

// parseLogLine reads one log line.
func parseLogLine(line string) (logEvent, bool) {
	if i := strings.Index(line, " to=<"); i >= 0 || strings.HasPrefix(line, "to=<") {
		if strings.Contains(line, "status=") || strings.Contains(line, "stat=") {
			return parseKeyValueLog(line)
		}
	}
	return parseEximLog(line)
}

// parseKeyValueLog reads Postfix and Sendmail delivery lines.
func parseKeyValueLog(line string) (logEvent, bool) {
	var e logEvent
	e.recipient = logField(line, "to=")
	if e.recipient == "" {
		return e, false
	}
	e.status = logField(line, "dsn=")
	relay := logField(line, "relay=")
	if i := strings.IndexAny(relay, "[:"); i > 0 {
		relay = relay[:i]
	}
	e.remoteHost = strings.TrimSuffix(lowerText(relay), ".")
	if e.remoteHost == "none" || e.remoteHost == "local" {
		e.remoteHost = ""
	}
	if st := strings.Index(line, " status="); st >= 0 {
		// Postfix: status=bounced (host mx[ip] said: 550 ... (in reply to RCPT TO command))
		rest := line[st+len(" status="):]
		word, diag, _ := strings.Cut(rest, " ")
		e.action = logAction(word)
		diag = strings.TrimSpace(diag)
		if strings.HasPrefix(diag, "(") && strings.HasSuffix(diag, ")") {
			diag = diag[1 : len(diag)-1]
		}
		e.diagnostic = diag
	} else if st := strings.Index(line, "stat="); st >= 0 {
		// Sendmail: stat=Deferred: Connection timed out with mx.example.com.
		rest := line[st+len("stat="):]
		word, diag, _ := strings.Cut(rest, ":")
		e.action = logAction(strings.Fields(word + " x")[0])
		e.diagnostic = strings.TrimSpace(diag)
		if e.action == "" || e.diagnostic == "" {
			// "stat=User unknown": the status is the error itself; the
			// dsn= class tells the outcome.
			e.diagnostic = strings.TrimSpace(rest)
		}
		if e.action == "" {
			switch firstNonEmpty(e.status, "5")[0] {
			case '2':
				e.action = "delivered"
			case '4':
				e.action = "delayed"
			default:
				e.action = "failed"
			}
		}
	}
	if e.remoteHost == "" {
		e.remoteHost = remoteHost(e.diagnostic)
	}
	return e, e.action != ""
}

// logField returns the value of key in "key=value," style text, without
// angle brackets.
func logField(line, key string) string {
	i := strings.Index(line, key)
	for i > 0 && line[i-1] != ' ' && line[i-1] != ',' && line[i-1] != ':' {
		j := strings.Index(line[i+1:], key)
		if j < 0 {
			return ""
		}
		i += 1 + j
	}
	if i < 0 {
		return ""
	}
	v := line[i+len(key):]
	if end := strings.IndexAny(v, ", "); end >= 0 {
		v = v[:end]
	}
	return strings.Trim(v, "<>")
}

// logAction maps a log's status word to a DSN action.
func logAction(word string) string {
	switch lowerText(strings.TrimRight(word, ",:")) {
	case "bounced", "expired", "undeliverable", "rejected", "reject", "failed":
		return "failed"
	case "deferred", "deferral", "deferring", "queued":
		return "delayed"
	case "sent", "delivered", "deliverable":
		return "delivered"
	}
	return ""
}

// parseEximLog reads an Exim main-log delivery line: date, time, message
// id, then "**" (failed), "==" (deferred), "=>" or "->" (delivered) and the
// address; failures and deferrals carry the error after ": ".
func parseEximLog(line string) (logEvent, bool) {
	var e logEvent
	f := strings.Fields(line)
	for i, w := range f {
		if i > 4 {
			break
		}
		switch w {
		case "**":
			e.action = "failed"
		case "==":
			e.action = "delayed"
		case "=>", "->":
			e.action = "delivered"
		default:
			continue
		}
		if i+1 >= len(f) || i < 1 {
			return e, false
		}
		addr := strings.Trim(f[i+1], "<>:")
		if firstAddress(addr) == "" {
			return e, false
		}
		e.recipient = firstAddress(addr)
		at := strings.Index(line, f[i+1]) + len(f[i+1])
		rest := line[at:]
		if h := strings.Index(rest, " H="); h >= 0 {
			host := rest[h+3:]
			if end := strings.IndexAny(host, " ["); end >= 0 {
				host = host[:end]
			}
			e.remoteHost = lowerText(strings.TrimSuffix(host, "."))
		}
		if c := strings.Index(rest, ": "); c >= 0 && e.action != "delivered" {
			e.diagnostic = strings.TrimSpace(rest[c+2:])
		}
		return e, true
	}
	return e, false
}

// logFindings turns log events into findings: one per recipient, from its
// latest line (a deferral followed by a bounce is a bounce), with every
// line about it as evidence.
func (d *Decoder) logFindings(events []logEvent) []Finding {
	// Each event's recipient gets a slot, in the order recipients first
	// appear, so that out is allocated once: a Finding is large, and
	// growing the slice copied every one of them several times (on a 10 MB
	// log, a third of the decode).
	slot := make([]int, len(events))
	index := map[string]int{}
	for i, e := range events {
		key := lowerText(e.recipient)
		n, ok := index[key]
		if !ok {
			n = len(index)
			index[key] = n
		}
		slot[i] = n
	}
	out := make([]Finding, len(index))
	seen := make([]bool, len(index))
	for i, e := range events {
		f := Finding{Recipient: e.recipient, Action: e.action, RemoteHost: e.remoteHost}
		diag := e.diagnostic
		if rp, ok := primaryReply(extractReplies(diag, scanCodes(diag))); ok {
			f.ReplyCode = rp.code
			if rp.status != "" {
				f.Status = rp.status
			}
			f.Diagnostic = rp.text
		}
		if f.Diagnostic == "" {
			f.Diagnostic = diag
		}
		if sc, err := ParseCode(e.status); err == nil && sc.Type == TypeStatus && sc.Class != 0 {
			if f.Status != "" && f.Status != sc.String() {
				f.Warnings = append(f.Warnings, "The log's dsn= says "+sc.String()+" but the server's reply says "+f.Status+"; the server's reply was followed.")
			} else {
				f.Status = sc.String()
			}
		}
		f.Command = d.kb.markers.stage(LowerASCII(diag))
		f.Evidence = []Span{e.line}
		n := slot[i]
		var earlier []Span
		if seen[n] {
			earlier = out[n].Evidence
		}
		d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: diag, command: f.Command, action: f.Action})
		if e.action == "delivered" {
			f.Reason, f.Permanent, f.HardBounce = "delivered", false, false
		}
		if seen[n] {
			f.Evidence = append(earlier, f.Evidence...)
		}
		out[n], seen[n] = f, true
	}
	return out
}
