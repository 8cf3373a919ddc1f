package codes

import (
	"strings"
)

// decodeEmail decodes a whole email: a bounce with or without a DSN part,
// an auto-reply, an abuse feedback report, or a message that forwards a
// bounce.
func (d *Decoder) decodeEmail(s string, at int) Report {
	return d.decodeMessage(s, at, parseMessage(s, at))
}

// decodeMessage decodes the email s, whose header starts at at, parsed as
// m.
func (d *Decoder) decodeMessage(s string, at int, m *message) Report {
	var rep Report
	rep.Warnings = append(rep.Warnings, m.warnings...)
	for i := range m.segments {
		if g := &m.segments[i]; g.kind == segText {
			g.limit = d.kb.markers.returnedStart(g.text)
		}
	}
	rep.Codes = d.messageCodes(s, m)
	rep.Reporter = d.reporter(s[at:m.body], m)

	if f, ok := d.feedbackFinding(m); ok {
		rep.Kind = KindBounce
		rep.Findings = []Finding{f}
		return rep
	}
	if f, ok := d.vacationFinding(m); ok {
		rep.Kind = KindBounce
		rep.Findings = []Finding{f}
		return rep
	}

	// Addresses that are the sender's: the bounce goes back to the sender,
	// and the returned message was written by the sender.
	senders := map[string]bool{}
	for _, v := range []string{m.header.get("To"), m.returned.get("From"), m.returned.get("Return-Path"), m.returned.get("Sender"), m.header.get("X-Postfix-Sender")} {
		for _, a := range findAddresses(v) {
			senders[lowerText(a.addr)] = true
		}
	}
	var dsn []dsnRecipient
	for _, g := range m.segments {
		if g.kind == segDSN || g.kind == segText && containsASCIIFold(g.text, "final-recipient:") {
			rp := parseDSN(g)
			for _, r := range rp.recipients {
				if r.remoteMTA == "" {
					r.remoteMTA = ""
				}
				dsn = append(dsn, r)
			}
		}
	}
	failed := findAddresses(m.header.get("X-Failed-Recipients"))
	for _, r := range dsn {
		delete(senders, lowerText(r.final))
		delete(senders, lowerText(r.original))
	}
	for _, a := range failed {
		delete(senders, lowerText(a.addr))
	}
	// An ESP notification sent as an email carries its event as JSON.
	for _, g := range m.segments {
		if g.kind != segText {
			continue
		}
		if at := findJSON(g.text); at >= 0 {
			if events, ok := parseESP(g.text[at:]); ok {
				rep.Kind = KindESPJSON
				rep.Findings = d.espFindings(events, g.span)
				return rep
			}
		}
	}
	var texts []textResult
	for _, g := range m.segments {
		if g.kind == segText && strings.TrimSpace(g.text) != "" {
			texts = append(texts, d.readBounceText(g, senders, true)...)
		}
	}

	switch {
	case len(dsn) > 0:
		rep.Kind = KindDSN
		rep.Findings = d.mergeDSN(dsn, texts)
	case len(failed) > 0 && len(texts) > 0:
		// X-Failed-Recipients names the recipients exactly.
		rep.Kind = KindBounce
		seen := map[string]bool{}
		for _, a := range failed {
			key := lowerText(a.addr)
			if seen[key] {
				continue
			}
			seen[key] = true
			t, ok := textFor(texts, a.addr)
			if !ok {
				t = bestText(texts)
			}
			t.recipient = a.addr
			rep.Findings = append(rep.Findings, d.findingFromText(t, true))
		}
	case hasRecipients(texts):
		rep.Kind = KindBounce
		// The same report in several parts (text and HTML alternatives)
		// names the same recipients: one finding each, from the part that
		// quotes the reply.
		index := map[string]int{}
		var merged []textResult
		for _, t := range texts {
			if t.recipient == "" {
				continue
			}
			key := lowerText(t.recipient)
			if i, ok := index[key]; ok {
				if !merged[i].hasReply && t.hasReply {
					merged[i] = t
				}
				continue
			}
			index[key] = len(merged)
			merged = append(merged, t)
		}
		for _, t := range merged {
			rep.Findings = append(rep.Findings, d.findingFromText(t, true))
		}
	case len(texts) > 0 && d.forwardedBounce(s, m, &rep):
		// The report is in an attached message.
	case len(texts) > 0:
		rep.Kind = KindBounce
		best := bestText(texts)
		rcpts := []string{}
		for _, a := range failed {
			rcpts = append(rcpts, a.addr)
		}
		if len(rcpts) == 0 {
			for _, a := range findAddresses(m.returned.get("To") + "," + m.returned.get("Cc")) {
				rcpts = append(rcpts, a.addr)
			}
		}
		if len(rcpts) == 0 {
			rcpts = append(rcpts, "")
		}
		for _, r := range rcpts {
			t := best
			t.recipient = r
			rep.Findings = append(rep.Findings, d.findingFromText(t, true))
		}
	}
	// A filtering gateway wrote this bounce: unknown-user wording that did
	// not answer RCPT TO is its filter's refusal.
	if p, ok := d.kb.providers.byLabel(rep.Reporter); ok && p.Kind == "gateway" {
		for i := range rep.Findings {
			f := &rep.Findings[i]
			if f.Reason == "userunknown" && f.Command != "RCPT" && !strings.HasPrefix(genericCode(f.Status), "X.1.") {
				f.Reason = "filtered"
				f.HardBounce = d.kb.hardBounce(f.Reason, f.Permanent)
				f.SenderAction, f.AdminAction = nil, nil
				d.advise(f)
			}
		}
	}
	if len(rep.Findings) == 0 && len(m.forwarded) > 0 {
		// A message that forwards a bounce as an attachment: decode the
		// attachment.
		for _, sp := range m.forwarded {
			inner := s[sp.Start:sp.End]
			if at, ok := looksLikeMessage(inner); ok {
				sub := d.decodeEmail(inner, at)
				shiftReport(&sub, sp.Start)
				if len(sub.Findings) > 0 {
					sub.Warnings = append(rep.Warnings, sub.Warnings...)
					return sub
				}
			}
		}
	}
	if rep.Kind == "" {
		rep.Kind = KindUnknown
	}
	return rep
}

// hasRecipients reports whether any text result names a recipient.
func hasRecipients(ts []textResult) bool {
	for _, t := range ts {
		if t.recipient != "" {
			return true
		}
	}
	return false
}

// textFor returns the text result about a recipient.
func textFor(ts []textResult, addr string) (textResult, bool) {
	for _, t := range ts {
		if strings.EqualFold(t.recipient, addr) {
			return t, true
		}
	}
	return textResult{}, false
}

// bestText returns the text result with the most telling reply.
func bestText(ts []textResult) textResult {
	best, score := ts[0], -1
	for _, t := range ts {
		s := 0
		if t.hasReply {
			s = 10 + replyScore(t.reply)
		}
		if s > score {
			best, score = t, s
		}
	}
	return best
}

// mergeDSN makes one finding per DSN recipient, completing each with what
// the human-readable text says about the same recipient.
func (d *Decoder) mergeDSN(dsn []dsnRecipient, texts []textResult) []Finding {
	out := make([]Finding, 0, len(dsn)) // at most one a recipient; grown, the large Findings were copied again and again
	seen := map[string]int{}
	byRcpt := make(map[string]int, len(texts))
	for i := len(texts) - 1; i >= 0; i-- { // the first text about a recipient wins
		if texts[i].recipient != "" {
			byRcpt[lowerText(texts[i].recipient)] = i
		}
	}
	for _, r := range dsn {
		rcpt := r.final
		if rcpt == "" || !strings.Contains(rcpt, "@") && strings.Contains(r.original, "@") {
			rcpt = r.original
		}
		if !strings.Contains(rcpt, "@") && len(dsn) == 1 && len(texts) == 1 && texts[0].recipient != "" {
			// A local delivery to a file or a program ("/var/mail/x"): the
			// text names the address it was for.
			rcpt = texts[0].recipient
		}
		var t *textResult
		i, ok := byRcpt[lowerText(r.final)]
		if j, ok2 := byRcpt[lowerText(r.original)]; ok2 && (!ok || j < i) && r.original != "" {
			i, ok = j, true
		}
		if ok && r.final+r.original != "" {
			t = &texts[i]
		}
		if t == nil && len(dsn) == 1 && len(texts) > 0 {
			b := bestText(texts)
			t = &b
		}
		f := Finding{Recipient: rcpt, Action: r.action, RemoteHost: lowerText(r.remoteMTA)}
		f.Evidence = append(f.Evidence, r.span)
		diag := r.diagnostic
		var diagReply reply
		if diag != "" {
			rs := extractReplies(diag, scanCodes(diag))
			if b, ok := primaryReply(rs); ok {
				diagReply = b
			}
		}
		f.Status = r.status
		f.ReplyCode = diagReply.code
		f.Diagnostic = unfoldReply(diag)
		if diagReply.code != "" && strings.HasPrefix(strings.TrimSpace(diag), diagReply.code) {
			f.Diagnostic = diagReply.text // the codes have fields of their own
		}
		ctx := ""
		if t != nil {
			if f.ReplyCode == "" && t.hasReply {
				f.ReplyCode = t.reply.code
			}
			if f.Diagnostic == "" {
				f.Diagnostic = textDiagnostic(*t)
			}
			if f.RemoteHost == "" {
				f.RemoteHost = t.remoteHost
			}
			f.Command = t.command
			ctx = t.text
			if t.hasReply {
				f.Evidence = append(f.Evidence, Span{t.reply.start, t.reply.end})
			}
		}
		if f.Command == "" {
			f.Command = d.kb.markers.stage(lowerText(diag))
		}
		// The remote server's own enhanced code wins over the Status field.
		if diagReply.status != "" && f.Status != diagReply.status && !strings.HasPrefix(f.Status, "2.") {
			if f.Status != "" {
				f.Warnings = append(f.Warnings, "The DSN's Status field says "+f.Status+" but the server's reply says "+diagReply.status+"; the server's reply was followed.")
			}
			f.Status = diagReply.status
		}
		if t != nil && t.reply.status != "" && (f.Status == "" || catchAllFor(f.Status, t.reply.status)) {
			// The report's own text quotes the server's reply, whose code
			// says more than a catch-all Status field (5.0.0).
			f.Status = t.reply.status
		}
		if sc, err := ParseCode(f.Status); err == nil && sc.Type == TypeStatus {
			f.Status = sc.String()
		} else if f.Status != "" {
			f.Warnings = append(f.Warnings, "The DSN's Status field "+f.Status+" is not a well-formed enhanced status code; it was ignored.")
			f.Status = ""
		}
		said := f.Diagnostic
		if diag != "" {
			said = unfoldReply(diag) // the whole field: text after a stray code is still the server's
		}
		d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: said,
			context: ctx, command: f.Command, diagType: r.diagType, action: r.action, bounce: true})
		key := lowerText(f.Recipient)
		if i, ok := seen[key]; ok && key != "" {
			out[i].Evidence = append(out[i].Evidence, f.Evidence...)
			continue
		}
		seen[key] = len(out)
		out = append(out, f)
	}
	return out
}

// textDiagnostic is the server's words for a text result: its reply's
// text, or the block's text when no reply was quoted.
func textDiagnostic(t textResult) string {
	if t.hasReply && t.reply.text != "" {
		return t.reply.text
	}
	return t.text
}

// findingFromText makes a finding from a text result alone. In a bounce
// (final) the failure is final unless the text says it is a delay warning;
// in text pasted on its own, the reply's class decides.
func (d *Decoder) findingFromText(t textResult, final bool) Finding {
	f := Finding{Recipient: t.recipient, Command: t.command, RemoteHost: t.remoteHost}
	if t.hasReply {
		f.ReplyCode, f.Status = t.reply.code, t.reply.status
		f.Evidence = append(f.Evidence, Span{t.reply.start, t.reply.end})
	}
	if t.rcptAt != (Span{}) {
		f.Evidence = append(f.Evidence, t.rcptAt)
	}
	f.Diagnostic = textDiagnostic(t)
	if final {
		f.Action = "failed"
		if d.kb.markers.isDelayWarning(lowerText(t.text)) {
			f.Action = "delayed"
		}
	}
	if classOf(f.Status, f.ReplyCode) == '2' {
		f.Action = "delivered"
	}
	d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: f.Diagnostic, context: t.text, command: f.Command, action: f.Action, bounce: true})
	return f
}

// shiftReport moves every offset of a report decoded from a slice of the
// input by base.
func shiftReport(r *Report, base int) {
	for i := range r.Findings {
		for j := range r.Findings[i].Evidence {
			r.Findings[i].Evidence[j].Start += base
			r.Findings[i].Evidence[j].End += base
		}
	}
	for i := range r.Codes {
		r.Codes[i].Start += base
		r.Codes[i].End += base
	}
}

// feedbackFinding recognises an abuse feedback report (RFC 5965).
func (d *Decoder) feedbackFinding(m *message) (Finding, bool) {
	_, params := contentType(m.header.get("Content-Type"))
	var fb *segment
	for i := range m.segments {
		if m.segments[i].kind == segFeedback {
			fb = &m.segments[i]
		}
	}
	// A one-click unsubscribe request (RFC 8058 mailto form, or Apple
	// Mail's) is an opt-out report, not a bounce.
	unsubscribe := m.header.get("X-Apple-Unsubscribe") != "" || strings.EqualFold(strings.TrimSpace(decodeWords(m.header.get("Subject"))), "unsubscribe")
	if fb == nil && !unsubscribe && !strings.EqualFold(params["report-type"], "feedback-report") {
		return Finding{}, false
	}
	f := Finding{Reason: "feedback", Action: ""}
	if fb == nil && unsubscribe {
		f.Recipient = firstAddress(m.header.get("From"))
		f.Diagnostic = "Unsubscribe request (opt-out)"
		if fl, ok := m.header.getField("Subject"); ok {
			f.Evidence = append(f.Evidence, Span{fl.start, fl.end})
		}
		d.complete(&f)
		return f, true
	}
	if fb != nil {
		h, _, _ := parseHeader(fb.text, skipBlank(fb.text))
		for _, name := range []string{"Original-Rcpt-To", "Removal-Recipient"} {
			if a := firstAddress(h.get(name)); a != "" && f.Recipient == "" {
				f.Recipient = a
			}
		}
		if ft := h.get("Feedback-Type"); ft != "" {
			f.Diagnostic = "Feedback-Type: " + ft
		}
		f.Evidence = append(f.Evidence, fb.span)
	}
	if f.Recipient == "" {
		f.Recipient = firstAddress(m.returned.get("To"))
	}
	d.complete(&f)
	return f, true
}

// vacationFinding recognises an auto-reply (RFC 3834): an automatic
// answer from a person's mailbox, not a delivery failure.
func (d *Decoder) vacationFinding(m *message) (Finding, bool) {
	from := lowerText(m.header.get("From"))
	if strings.Contains(from, "mailer-daemon") || strings.Contains(from, "postmaster") {
		return Finding{}, false
	}
	for _, g := range m.segments {
		if g.kind == segDSN {
			return Finding{}, false
		}
	}
	auto := lowerText(m.header.get("Auto-Submitted"))
	subject := lowerText(decodeWords(m.header.get("Subject")))
	isAuto := strings.HasPrefix(auto, "auto-replied") || m.header.get("X-Autoreply") != "" ||
		m.header.get("X-Autorespond") != "" || strings.Contains(lowerText(m.header.get("Precedence")), "auto_reply")
	if !isAuto {
		for _, p := range d.kb.vacationSubjects {
			if strings.Contains(subject, p) {
				isAuto = true
				break
			}
		}
	}
	if !isAuto {
		return Finding{}, false
	}
	f := Finding{Recipient: firstAddress(m.header.get("From")), Reason: "vacation", Diagnostic: decodeWords(m.header.get("Subject"))}
	if fl, ok := m.header.getField("Subject"); ok {
		f.Evidence = append(f.Evidence, Span{fl.start, fl.end})
	}
	d.complete(&f)
	f.Action = ""
	return f, true
}

// forwardedBounce decodes a bounce attached to a message whose own text
// names no recipient, replacing rep when the attachment holds findings.
func (d *Decoder) forwardedBounce(s string, m *message, rep *Report) bool {
	for _, sp := range m.forwarded {
		inner := s[sp.Start:sp.End]
		at, ok := looksLikeMessage(inner)
		if !ok {
			continue
		}
		sub := d.decodeEmail(inner, at)
		if len(sub.Findings) == 0 {
			continue
		}
		shiftReport(&sub, sp.Start)
		sub.Warnings = append(rep.Warnings, sub.Warnings...)
		*rep = sub
		return true
	}
	return false
}

// reporter recognises the software or service that wrote a bounce from its
// header and its report text (not the returned message).
func (d *Decoder) reporter(head string, m *message) string {
	pb := d.kb.providers
	if r := pb.reporterFor(head); r != "" {
		return pb.providers[r].Label
	}
	for _, g := range m.segments {
		if g.kind == segText {
			if r := pb.reporterFor(g.text[:g.limit]); r != "" {
				return pb.providers[r].Label
			}
		}
	}
	return ""
}

// catchAllFor reports whether status is a catch-all code (X.0.0) of the
// same class as the more specific code other.
func catchAllFor(status, other string) bool {
	c, err := ParseCode(status)
	o, err2 := ParseCode(other)
	if err != nil || err2 != nil || c.Type != TypeStatus || o.Type != TypeStatus {
		return false
	}
	return c.Subject == 0 && c.Detail == 0 && c.Class == o.Class && (o.Subject != 0 || o.Detail != 0)
}
