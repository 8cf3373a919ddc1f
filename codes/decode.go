package codes

import (
	"fmt"
	"strings"
)

// Decode reads text and reports every reply code and enhanced status code it
// holds, grouped into findings. It never fails: input it cannot read gives
// a Report with kind "unknown" and a warning.
func (d *Decoder) Decode(text string) Report {
	s := normalizeInput(text)
	var rep Report
	switch {
	case strings.TrimSpace(s) == "":
		rep.Kind = KindUnknown
		rep.Warnings = append(rep.Warnings, "The input is empty.")
	case looksBinary(s):
		rep.Kind = KindUnknown
		rep.Warnings = append(rep.Warnings, "The input looks like binary data, not text; nothing was decoded.")
	default:
		if at := findJSON(s); at >= 0 {
			if events, ok := parseESP(s[at:]); ok {
				rep.Kind = KindESPJSON
				rep.Findings = d.espFindings(events, Span{at, len(s)})
				rep.Codes = d.codeRefs(scanCodes(s), nil)
				break
			}
		}
		if sn := sniffHeader(s); sn.isMessage() {
			if sn.whole {
				// The header read to tell is the whole header.
				rep = d.decodeMessage(s, sn.at, parseMessageWith(s, sn.h, sn.body))
			} else {
				rep = d.decodeEmail(s, sn.at)
			}
			break
		}
		rep.Codes = d.codeRefs(scanCodes(s), nil)
		if events := readLog(s); len(events) > 0 {
			rep.Kind = KindLog
			rep.Findings = d.logFindings(events)
			if r := d.kb.providers.reporterFor(s[:min(len(s), 4096)]); r != "" {
				rep.Reporter = d.kb.providers.providers[r].Label
			}
			break
		}
		if steps := d.readTranscript(s); steps != nil {
			rep.Kind = KindTranscript
			rep.Session = steps
			rep.Findings = d.sessionFindings(steps)
			if len(rep.Findings) == 0 {
				rep.Warnings = append(rep.Warnings, "The session has no failed reply: every command was accepted.")
			}
			break
		}
		if client := d.kb.providers.clientFor(s); client != "" {
			rep.Kind = KindClientError
			rep.Findings = d.clientFindings(s, client)
			break
		}
		codes := rep.Codes
		rep = d.decodeText(s)
		rep.Codes = codes
		if r := d.kb.providers.reporterFor(s); r != "" && rep.Kind == KindBounce {
			rep.Reporter = d.kb.providers.providers[r].Label
		}
		if len(rep.Findings) == 0 {
			rep.Warnings = append(rep.Warnings, "No SMTP reply code, enhanced status code or bounce wording was found in the text.")
		}
	}
	rep.normalize()
	return rep
}

// decodeText decodes text without an email header: a bounce body copied
// from a mail client, or replies and codes pasted on their own.
func (d *Decoder) decodeText(s string) Report {
	var rep Report
	hits := scanCodes(s)
	g := segment{kind: segText, text: s, identity: true, span: Span{0, len(s)}}
	results := d.readBounceText(g, map[string]bool{}, false)
	// Delivery-status fields pasted on their own.
	if low := LowerASCII(s); strings.Contains(low, "final-recipient:") || strings.Contains(low, "original-recipient:") {
		if dsn := parseDSN(g).recipients; len(dsn) > 0 {
			rep.Kind = KindDSN
			rep.Findings = d.mergeDSN(dsn, results)
			return rep
		}
	}
	if hasRecipients(results) {
		rep.Kind = KindBounce
		for _, t := range results {
			if t.recipient != "" {
				rep.Findings = append(rep.Findings, d.findingFromText(t, false))
			}
		}
		return rep
	}
	rep.Findings = d.findingsFromReplies(s, extractReplies(s, hits))
	rep.Kind = guessKind(rep.Findings)
	if len(rep.Findings) == 0 && len(results) > 0 && results[0].text != "" {
		// Bounce wording without any code: classify the words alone.
		if r, _ := d.kb.phraseReason(results[0].text); r != "" {
			f := d.findingFromText(results[0], false)
			rep.Findings = append(rep.Findings, f)
			rep.Kind = KindBounce
		}
	}
	return rep
}

// messageCodes lists the codes in the readable parts of an email (not in
// the returned message).
func (d *Decoder) messageCodes(s string, m *message) []CodeRef {
	var out []CodeRef
	for _, g := range m.segments {
		if g.kind == segReturned {
			continue
		}
		t := g.text
		if g.kind == segText {
			t = t[:g.limit]
		}
		refs := d.codeRefs(scanCodes(t), &g)
		if !g.identity {
			// The text was decoded (charset, quoted-printable): find each
			// code in the part's raw bytes, in order, where it is intact.
			raw, cursor := s[g.span.Start:g.span.End], 0
			for i := range refs {
				if k := strings.Index(raw[cursor:], refs[i].Code); k >= 0 {
					refs[i].Start = g.span.Start + cursor + k
					refs[i].End = refs[i].Start + len(refs[i].Code)
					cursor += k + len(refs[i].Code)
				}
			}
		}
		out = append(out, refs...)
	}
	return out
}

// codeRefs turns hits into the report's code list; with a segment, hit
// offsets are mapped from its text to the input.
func (d *Decoder) codeRefs(hits []hit, g *segment) []CodeRef {
	out := make([]CodeRef, 0, len(hits))
	for _, h := range hits {
		code := h.code()
		info := d.reg.Info(code)
		sp := Span{h.start, h.end}
		if g != nil {
			sp = g.inputSpan(h.start, h.end)
		}
		out = append(out, CodeRef{
			Code: code.String(), Type: code.Type, Title: info.Title, Registered: info.Registered,
			Class: info.Class, Subject: info.Subject, Detail: info.Detail, Slug: info.Slug,
			Start: sp.Start, End: sp.End,
		})
	}
	return out
}

// findingsFromReplies makes one finding per reply, merging repeats of the
// same reply to the same recipient.
func (d *Decoder) findingsFromReplies(s string, replies []reply) []Finding {
	var out []Finding
	index := map[string]int{}
	for _, r := range replies {
		f := Finding{
			Recipient:  firstAddress(r.text),
			ReplyCode:  r.code,
			Status:     r.status,
			Diagnostic: r.text,
			Evidence:   []Span{{r.start, r.end}},
		}
		key := f.Recipient + "\x00" + f.ReplyCode + "\x00" + f.Status + "\x00" + f.Diagnostic
		if i, ok := index[key]; ok {
			out[i].Evidence = append(out[i].Evidence, f.Evidence...)
			continue
		}
		d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: r.text})
		index[key] = len(out)
		out = append(out, f)
	}
	return out
}

// conclude recognises the provider and the known response, classifies the
// reason from the evidence, and completes the finding.
func (d *Decoder) conclude(f *Finding, ev evidence) {
	pb := d.kb.providers
	provider := pb.providerFor(ev.diagnostic, f.RemoteHost)
	// The reply with its codes: some documented keys are codes ("5.7.515").
	said := strings.TrimSpace(f.ReplyCode + " " + f.Status + " " + ev.diagnostic + " " + clientContext(f, ev))
	r, sure, alone := pb.response(provider, f.ReplyCode, f.Status, said)
	fromContext := false
	if r == nil && ev.context != "" {
		r, sure, alone = pb.response(provider, f.ReplyCode, f.Status, ev.context)
		fromContext = true
	}
	if r != nil {
		switch {
		case (fromContext || !sure) && r.Reason != "undefined":
			// Known wording around the reply, not in it: a fallback only.
			if ev.fallback == "" {
				ev.fallback = r.Reason
			}
			if provider == "" && r.names(alone) {
				provider = r.Provider
			}
		case r.providerKind == "client":
			// A client's wording wraps the server's reply: the reply decides,
			// the client's meaning is the fallback.
			if f.Client == "" {
				f.Client = pb.providers[r.Provider].Label
			}
			ev.fallback = r.Reason
		case r.Reason == "undefined":
			// A wrapper (it names the format, not the cause): the inner
			// reply decides.
			r = nil
		default:
			if (provider == "" || pb.providers[provider].Kind != "receiver" && pb.providers[provider].Kind != "gateway") && r.names(alone) {
				provider = r.Provider
			}
			ev.known = r.Reason
		}
		f.response = r
	}
	if provider != "" {
		f.Provider = pb.providers[provider].Label
	}
	ev.seenStatus = f.Status
	d.inferStatus(f, ev.diagnostic, !fromContext && sure)
	ev.status = f.Status
	var note string
	f.Reason, f.words, note = d.kb.classify(ev)
	if note != "" {
		f.Warnings = append(f.Warnings, note)
	}
	d.complete(f)
}

// clientContext is the text a client's error wraps the reply in, where the
// client's own codes (0x800CCC79, EAUTH) are; "" for other findings.
func clientContext(f *Finding, ev evidence) string {
	if f.Client == "" {
		return ""
	}
	return ev.context
}

// inferStatus fills a missing or catch-all enhanced code (X.0.0) when the
// reply says more: its words quote a registered code's title ("Multiple
// authentication checks failed" is X.7.26), or it matched a provider
// response documented with one code. The class comes from the reply.
func (d *Decoder) inferStatus(f *Finding, diag string, useResponse bool) {
	c, err := ParseCode(f.Status)
	if f.Status != "" && (err != nil || c.Subject != 0 || c.Detail != 0) {
		return
	}
	class := classOf(f.Status, f.ReplyCode)
	if class != '2' && class != '4' && class != '5' {
		return
	}
	var found Code
	if r := f.response; useResponse && r != nil && r.hasRange && r.span.lo == r.span.hi {
		found = Code{Type: TypeStatus, Class: int(r.span.class), Subject: int(r.span.subject), Detail: int(r.span.lo)}
	} else if t, ok := d.reg.titled(diag); ok {
		found = t
	} else {
		return
	}
	found.Class = int(class - '0')
	f.Warnings = append(f.Warnings, fmt.Sprintf("The enhanced code %s was inferred from the server's words; the report itself gave %s.", found, firstNonEmpty(f.Status, "none")))
	f.Status = found.String()
}

// complete fills the fields that follow from the codes: reason, permanence,
// hard bounce, action, and the warnings about the codes themselves.
func (d *Decoder) complete(f *Finding) {
	if f.Reason == "" {
		f.Reason = d.kb.reasonForCodes(f.Status, f.ReplyCode)
	}
	// The reply code decides what the sending server does; the enhanced
	// code only refines it.
	class := byte(0)
	if f.ReplyCode != "" {
		class = f.ReplyCode[0]
	} else if f.Status != "" {
		class = f.Status[0]
	}
	f.Permanent = class == '5'
	if class == 0 && f.Action == "failed" {
		// A final failure without any code: the reason's nature decides.
		f.Permanent = d.kb.reasons[f.Reason].Nature == "permanent"
	}
	f.HardBounce = d.kb.hardBounce(f.Reason, f.Permanent)
	switch f.Action {
	case "failed", "delayed", "delivered", "relayed", "expanded", "":
	default:
		f.Action = "" // not an RFC 3464 action ("expired" and the like)
	}
	if f.Action == "" && f.Reason != "vacation" && f.Reason != "feedback" && f.Reason != "suppressed" {
		switch class {
		case '5':
			f.Action = "failed"
		case '4':
			f.Action = "delayed"
		case '2':
			f.Action = "delivered"
		}
	}
	f.Warnings = append(f.Warnings, d.codeWarnings(f.ReplyCode, f.Status)...)
	d.advise(f)
}

// codeWarnings notes disagreements between the reply code and the enhanced
// code, unregistered codes and overloaded code numbers.
func (d *Decoder) codeWarnings(replyCode, status string) []string {
	var w []string
	rc, rerr := ParseCode(replyCode)
	sc, serr := ParseCode(status)
	if rerr == nil && serr == nil && rc.Class != sc.Class {
		w = append(w, fmt.Sprintf("The reply code %s is class %d but the enhanced code %s is class %d; the reply code decides what the sending server does, so the failure is treated as %s.",
			replyCode, rc.Class, status, sc.Class, classWord(rc.Class)))
	}
	if rerr == nil && !d.reg.Info(rc).Registered {
		w = append(w, fmt.Sprintf("The reply code %s is not defined by any RFC; only its first digits carry meaning.", replyCode))
	}
	if serr == nil {
		if !d.reg.Info(sc).Registered {
			w = append(w, fmt.Sprintf("The enhanced code %s is not in the IANA registry; it is read from its class and subject.", status))
		}
		if n := d.reg.Overload(sc); n != "" {
			w = append(w, n)
		}
	}
	return w
}

func classWord(class int) string {
	switch class {
	case 2:
		return "a success"
	case 4:
		return "temporary"
	case 5:
		return "permanent"
	}
	return "unknown"
}

// guessKind names the input kind from what the generic reader found.
func guessKind(fs []Finding) string {
	if len(fs) == 0 {
		return KindUnknown
	}
	for _, f := range fs {
		if f.Diagnostic != "" {
			return KindReply
		}
	}
	return KindCodes
}
