package codes

import (
	"fmt"
	"strings"
)

// phraseRule says that a phrase in a server's words implies a reason
// (data/phrases.tsv). Rules are tried in file order.
type phraseRule struct {
	reason, phrase string
	weak           bool // decides only when the codes do not
}

func loadPhrases(src fileSource, kb *knowledgeBase) ([]phraseRule, error) {
	t, err := src.table("phrases.tsv", "reason", "phrase", "strength")
	if err != nil {
		return nil, err
	}
	out := make([]phraseRule, 0, t.count())
	for i, row := range t.rows() {
		r, p := t.get(row, "reason"), lowerText(t.get(row, "phrase"))
		if _, ok := kb.reasons[r]; !ok {
			return nil, t.errorf(i, "unknown reason %q", r)
		}
		if p == "" {
			return nil, t.errorf(i, "empty phrase")
		}
		switch t.get(row, "strength") {
		case "", "weak":
		default:
			return nil, t.errorf(i, "strength must be empty or weak")
		}
		out = append(out, phraseRule{reason: r, phrase: p, weak: t.get(row, "strength") == "weak"})
	}
	return out, nil
}

// evidence is what the classifier knows about one recipient's failure.
type evidence struct {
	status     string // enhanced status code
	seenStatus string // the enhanced status code as written, before any inference
	replyCode  string // basic reply code
	diagnostic string // the server's words
	context    string // the bounce text around them
	command    string // SMTP stage
	diagType   string // DSN Diagnostic-Code type
	action     string // DSN action
	known      string // the reason of a known provider response, if one matched
	fallback   string // the reason a client's wording implies, used when nothing else decides
	bounce     bool   // read from a bounce (not a reply pasted on its own)
}

// phraseReason returns the reason of the first phrase rule matching text,
// and the phrase. With strongOnly, weak rules are skipped.
func (kb *knowledgeBase) phraseReason(text string) (reason, phrase string) {
	return kb.matchPhrases(text, false)
}

func (kb *knowledgeBase) matchPhrases(text string, strongOnly bool) (reason, phrase string) {
	m := kb.scanPhrases(text)
	if strongOnly {
		return m.strong()
	}
	return m.any()
}

// phraseHits is what the phrase rules found in one text: the first strong
// rule and the first rule of any strength, by precedence.
type phraseHits struct {
	kb                  *knowledgeBase
	bestStrong, bestAny int
}

func (h phraseHits) strong() (string, string) { return h.rule(h.bestStrong) }
func (h phraseHits) any() (string, string)    { return h.rule(h.bestAny) }

func (h phraseHits) rule(id int) (string, string) {
	if id < 0 {
		return "", ""
	}
	return h.kb.phrases[id].reason, h.kb.phrases[id].phrase
}

// scanPhrases runs every phrase rule over text once.
func (kb *knowledgeBase) scanPhrases(text string) phraseHits {
	h := phraseHits{kb: kb, bestStrong: -1, bestAny: -1}
	if text == "" {
		return h
	}
	low := lowerText(text)
	note := func(id int) {
		if h.bestAny < 0 || id < h.bestAny {
			h.bestAny = id
		}
		if !kb.phrases[id].weak && (h.bestStrong < 0 || id < h.bestStrong) {
			h.bestStrong = id
		}
	}
	kb.phraseIndex.each(low, func(id, _ int) bool {
		note(id)
		return true
	})
	// Phrases with digit wildcards are not in the automaton.
	for _, id := range kb.wildPhrases {
		if h.bestStrong >= 0 && id > h.bestStrong {
			break
		}
		if containsPhrase(low, kb.phrases[id].phrase) {
			note(id)
		}
	}
	return h
}

// containsPhrase reports whether low contains phrase, where a '#' in the
// phrase stands for a run of digits ("failed # attempts").
func containsPhrase(low, phrase string) bool {
	if strings.IndexByte(phrase, '#') < 0 {
		return strings.Contains(low, phrase)
	}
	parts := strings.Split(phrase, "#")
	for from := 0; ; {
		i := strings.Index(low[from:], parts[0])
		if i < 0 {
			return false
		}
		p := from + i + len(parts[0])
		ok := true
		for _, next := range parts[1:] {
			q := p
			for q < len(low) && isDigit(low[q]) {
				q++
			}
			if q == p || !strings.HasPrefix(low[q:], next) {
				ok = false
				break
			}
			p = q + len(next)
		}
		if ok {
			return true
		}
		from += i + 1
	}
}

// genericStatus reports enhanced codes too broad to decide a reason on
// their own: X.0.0, and the catch-all policy and protocol codes.
func genericStatus(status string) bool {
	c, err := ParseCode(status)
	if err != nil {
		return true
	}
	switch c.Generic().String() {
	case "X.0.0", "X.7.0", "X.7.1", "X.5.0", "X.3.0", "X.4.0", "X.2.0", "X.1.0", "X.6.0", "X.5.1", "X.5.2", "X.5.4", "X.4.4":
		return true
	}
	return false
}

// classify derives the reason from everything known: a known provider
// response or a decisive code first, then the server's words (they
// override a contradicting code), then a specific status code, then the
// surrounding text, then the codes' general meaning; the session stage
// refines the result. When a stage rule overrides the reason the words
// gave, words is that reason (the advice can then say both); else "".
func (kb *knowledgeBase) classify(ev evidence) (reason, words, note string) {
	switch ev.action {
	case "delivered", "relayed", "expanded":
		return "delivered", "", ""
	case "expired":
		// Not an RFC 3464 action, but some MTAs write it for a message
		// they gave up on.
		return "expired", "", ""
	}
	diag := kb.scanPhrases(ev.diagnostic)
	if ev.diagType == "x-unix" && ev.diagnostic != "" {
		// A local delivery program failed, unless it failed on a full mailbox.
		if r, _ := diag.strong(); r == "mailboxfull" {
			return r, "", ""
		}
		return "mailererror", "", ""
	}
	codeReason := kb.reasonForCodes(ev.status, ev.replyCode)
	specific := ev.status != "" && !genericStatus(ev.status)
	var phrase string
	byCode := false // decided by the codes' general meaning alone
	if g := genericCode(ev.status); g != "" && kb.decisive[g] {
		reason = kb.codeReason[g]
	}
	if ev.known != "" && ev.known != "undefined" {
		// A provider's documented response is more precise than the
		// generic meaning of its words or codes.
		reason = ev.known
	}
	if reason == "" {
		reason, phrase = diag.strong()
	}
	switch {
	case reason != "" && phrase == "":
	case reason != "":
		if specific && codeReason != reason && codeReason != "undefined" && codeReason != "onhold" {
			note = fmt.Sprintf("The enhanced code %s means %q, but the server's words (%q) say %s; the words were followed.",
				ev.status, kb.reasons[codeReason].Meaning, phrase, kb.reasons[reason].Meaning)
		}
	case specific:
		reason = codeReason
	default:
		ctx := kb.scanPhrases(ev.context)
		if r, _ := diag.any(); r != "" {
			reason = r
		} else if r, _ := ctx.strong(); r != "" {
			reason = r
		} else if r, _ := ctx.any(); r != "" && (codeReason == "undefined" || codeReason == "onhold") {
			reason = r
		} else {
			reason, byCode = codeReason, true
		}
	}
	// A recipient refused only after the message was sent was accepted at
	// RCPT time: what refused it is a filter.
	// Unknown-user wording said after the message was sent (the recipient
	// had been accepted at RCPT TO), or with a mailbox-status or policy code
	// (X.2.x, X.7.x), is a filter refusing the mail in those words, not a
	// bad address.
	if reason == "userunknown" && ev.known == "" && ev.command != "RCPT" && !strings.HasPrefix(genericCode(ev.status), "X.1.") &&
		(ev.command == "DATA" || ev.command == "DATA-END" || strings.HasPrefix(genericCode(ev.status), "X.2.") || strings.HasPrefix(genericCode(ev.status), "X.7.")) {
		reason, words = "filtered", reason
	}
	// In a bounce, unknown-user wording that neither a stage nor an
	// address code (X.1.x, as written, not inferred from the words) ties to
	// the recipient check is not proof of a bad address: the refusal may
	// come from a filter after the recipient was accepted, so it is read as
	// filtered. Formats that do state the check (a directory lookup, "in
	// reply to RCPT TO") carry a stage marker (markers.tsv).
	if reason == "userunknown" && ev.bounce && ev.command == "" && !strings.HasPrefix(genericCode(ev.seenStatus), "X.1.") {
		reason, words = "filtered", reason
	}
	class := classOf(ev.status, ev.replyCode)
	// Refused in answer to MAIL FROM: the sender was refused, unless the
	// words blame the connecting host.
	if ev.command == "MAIL" && (class == '5' || class == '4') && ev.known == "" {
		switch reason {
		case "blocked", "requireptr", "securityerror", "authfailure", "norelaying", "toomanyconn", "speeding", "policyviolation", "systemerror", "systemfull", "exceedlimit", "mesgtoobig", "badreputation":
			if r, _ := diag.strong(); r != reason && (reason == "blocked" || reason == "policyviolation") {
				reason = "rejected"
			}
		default:
			reason = "rejected"
		}
	}
	// Refused at connection or greeting time: the connecting host was
	// refused, whatever the reply's generic words.
	if (ev.command == "CONNECT" || ev.command == "EHLO") && (class == '5' || class == '4') && ev.known == "" {
		switch reason {
		case "undefined", "onhold", "rejected", "systemerror", "suspend", "syntaxerror", "userunknown", "filtered", "securityerror",
			"hostunknown", "notaccept", "hasmoved", "mailboxfull":
			// No recipient has been named yet: nothing about an address
			// can have failed.
			reason = "blocked"
		}
	}
	// "example.com does not exist": the subject is a host, not a mailbox.
	if (reason == "userunknown" || reason == "filtered") && ev.known == "" && hostSubject(ev.diagnostic) {
		reason = "hostunknown"
	}
	// A domain that cannot be found right now (a temporary DNS answer) is a
	// network problem, not proof that the domain does not exist.
	if reason == "hostunknown" && class == '4' {
		reason = "networkerror"
	}
	// The sending server gave up: a final failure after temporary network
	// trouble, or a delay that the report leaves undecided, is an expiry.
	if reason == "networkerror" && ev.action == "failed" && (class == '4' || class == 0) && timeoutWords(ev.diagnostic+" "+ev.context) {
		reason = "expired"
	}
	if ev.action == "delayed" && (reason == "undefined" || reason == "onhold" || reason == "systemerror" || reason == "expired" || reason == "" || byCode) {
		reason = "expired"
	}
	if (reason == "undefined" || reason == "onhold" || reason == "") && ev.fallback != "" && ev.fallback != "undefined" {
		reason = ev.fallback
	}
	// A bounce whose words nothing here can read: the failure is real but
	// its cause is undecided.
	if (reason == "undefined" || reason == "") && ev.bounce && strings.TrimSpace(ev.diagnostic) != "" {
		reason = "onhold"
	}
	return reason, words, note
}

// classOf returns the class digit of the reply code, else of the status
// code, else 0.
func classOf(status, reply string) byte {
	if reply != "" {
		return reply[0]
	}
	if status != "" {
		return status[0]
	}
	return 0
}

// genericCode returns the X form of an enhanced code ("X.1.1"), or "".
func genericCode(status string) string {
	c, err := ParseCode(status)
	if err != nil || c.Type != TypeStatus {
		return ""
	}
	return c.Generic().String()
}

// timeoutWords reports wording of connections that timed out or were
// refused, which ends in an expiry when it lasts.
func timeoutWords(text string) bool {
	low := lowerText(text)
	for _, w := range []string{"timed out", "timeout", "did not accept our requests to connect"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// hostSubject reports whether the server's words say that a host name (not
// an address) does not exist: "neko.example.com does not exist".
func hostSubject(diag string) bool {
	low := LowerASCII(diag)
	for _, p := range []string{" does not exist", " doesn't exist", " not found"} {
		i := strings.Index(low, p)
		if i <= 0 {
			continue
		}
		f := strings.Fields(low[:i])
		if len(f) == 0 {
			continue
		}
		last := strings.Trim(f[len(f)-1], "<>()[]'\":,;")
		// Host names are written in lower case; "RESOLVER.ADR.RecipNotFound"
		// is an identifier, not a host.
		orig := diag[strings.Index(low, last):][:len(last)]
		if strings.Count(last, ".") >= 1 && !strings.Contains(last, "@") && validDomain(last) && orig == last {
			return true
		}
	}
	return false
}
