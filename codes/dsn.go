package codes

import (
	"strings"
)

// dsnRecipient is one per-recipient block of a delivery status
// notification (RFC 3464 §2.3).
type dsnRecipient struct {
	final, original string // Final-Recipient and Original-Recipient addresses
	action          string // failed, delayed, delivered, relayed, expanded
	status          string // the Status field's code
	remoteMTA       string // Remote-MTA name
	diagType        string // Diagnostic-Code type: smtp, x-unix, x-postfix, ...
	diagnostic      string // Diagnostic-Code text, unfolded
	willRetry       bool   // Will-Retry-Until present
	span            Span   // the block in the input
	statusSpan      Span
	diagSpan        Span
}

// dsnReport is a parsed message/delivery-status body.
type dsnReport struct {
	reportingMTA string
	recipients   []dsnRecipient
}

// parseDSN reads the fields of a delivery-status body: a per-message block,
// then per-recipient blocks separated by blank lines. It is lenient: a
// block that holds several Final-Recipient fields is split at each one, and
// fields found anywhere count.
func parseDSN(g segment) dsnReport {
	var rep dsnReport
	s := g.text
	pos := 0
	for pos < len(s) {
		// Skip blank lines between blocks.
		for pos < len(s) && strings.TrimSpace(s[pos:pos+lineLen(s[pos:])]) == "" {
			pos = nextLine(s, pos)
		}
		if pos >= len(s) {
			break
		}
		h, next, _ := parseHeader(s, pos)
		if len(h) == 0 {
			pos = nextLine(s, pos)
			continue
		}
		rep.addBlock(g, h)
		pos = next
	}
	return rep
}

// addBlock adds the recipients of one field block.
func (rep *dsnReport) addBlock(g segment, h header) {
	var cur *dsnRecipient
	flush := func() {
		if cur != nil && (cur.final != "" || cur.original != "") {
			rep.recipients = append(rep.recipients, *cur)
		}
		cur = nil
	}
	for _, f := range h {
		name := lowerText(strings.TrimSpace(f.name))
		val := strings.TrimSpace(f.value)
		sp := g.inputSpan(f.start, f.end)
		switch name {
		case "reporting-mta":
			rep.reportingMTA = typedValue(val)
			continue
		case "final-recipient", "original-recipient", "x-actual-recipient":
			addr := dsnAddress(val)
			if name == "final-recipient" && cur != nil && cur.final != "" {
				flush()
			}
			if name == "original-recipient" && cur != nil && cur.original != "" && cur.final != "" {
				flush()
			}
			if cur == nil {
				cur = &dsnRecipient{span: sp}
			}
			switch name {
			case "final-recipient":
				cur.final = addr
			case "original-recipient":
				cur.original = addr
			default:
				if cur.final == "" {
					cur.final = addr
				}
			}
			cur.span.End = max(cur.span.End, sp.End)
			continue
		}
		if cur == nil {
			switch name {
			case "action", "status", "diagnostic-code", "remote-mta":
				cur = &dsnRecipient{span: sp}
			default:
				continue
			}
		}
		cur.span.End = max(cur.span.End, sp.End)
		switch name {
		case "action":
			cur.action = lowerText(firstWord(val))
		case "status":
			cur.status = firstWord(val)
			cur.statusSpan = sp
		case "remote-mta":
			cur.remoteMTA = typedValue(val)
		case "diagnostic-code":
			t, text, ok := strings.Cut(val, ";")
			if ok && !strings.ContainsAny(strings.TrimSpace(t), " <>@") {
				cur.diagType = lowerText(strings.TrimSpace(t))
				cur.diagnostic = strings.TrimSpace(text)
			} else {
				cur.diagnostic = val
			}
			cur.diagSpan = sp
		case "will-retry-until":
			cur.willRetry = true
		}
	}
	flush()
}

// typedValue strips the type of a "type; value" field: "dns; mx.example.net"
// gives "mx.example.net".
func typedValue(v string) string {
	if _, rest, ok := strings.Cut(v, ";"); ok {
		v = rest
	}
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " ("); i > 0 {
		v = v[:i]
	}
	return strings.TrimSuffix(v, ".")
}

// dsnAddress reads the address of a Final-Recipient style field:
// "rfc822; <alice@example.net>" gives "alice@example.net".
func dsnAddress(v string) string {
	if t, rest, ok := strings.Cut(v, ";"); ok && !strings.Contains(t, "@") {
		v = rest
	}
	v = strings.TrimSpace(v)
	if a := firstAddress(v); a != "" {
		return a
	}
	return strings.Trim(v, "<> ")
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], "();,")
}
