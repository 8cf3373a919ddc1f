package codes

import (
	"fmt"
	"strings"
)

// advice is what to tell people about one reason (data/advice.tsv).
type advice struct {
	summary, explanation string
	fault, faultWhy      string
	retryTemp, whyTemp   string
	retryPerm, whyPerm   string
	sender, admin        []string
}

// crosswalkRow is one reason's equivalents in ESP vocabularies
// (data/crosswalk.tsv).
type crosswalkRow struct {
	sesSubtype                   string
	sendgridPerm, sendgridTemp   string
	sparkpostPerm, sparkpostTemp string
	postmarkPerm, postmarkTemp   string
}

func loadAdvice(src fileSource, kb *knowledgeBase) error {
	kb.advice = map[string]advice{}
	t, err := src.table("advice.tsv", "reason", "summary", "explanation", "fault", "fault_why",
		"retry_temp", "why_temp", "retry_perm", "why_perm", "sender_action", "admin_action")
	if err != nil {
		return err
	}
	faults := map[string]bool{}
	for _, f := range Faults() {
		faults[f] = true
	}
	for i, row := range t.rows() {
		// "filtered/userunknown": the advice for a reason when the
		// server's words gave another one that the session stage overrode.
		r := t.get(row, "reason")
		for _, part := range strings.SplitN(r, "/", 2) {
			if _, ok := kb.reasons[part]; !ok {
				return t.errorf(i, "unknown reason %q", part)
			}
		}
		a := advice{
			summary: t.get(row, "summary"), explanation: t.get(row, "explanation"),
			fault: t.get(row, "fault"), faultWhy: t.get(row, "fault_why"),
			retryTemp: t.get(row, "retry_temp"), whyTemp: t.get(row, "why_temp"),
			retryPerm: t.get(row, "retry_perm"), whyPerm: t.get(row, "why_perm"),
			sender: splitSteps(t.get(row, "sender_action")), admin: splitSteps(t.get(row, "admin_action")),
		}
		if !faults[a.fault] {
			return t.errorf(i, "%s: unknown fault %q", r, a.fault)
		}
		for _, rv := range []string{a.retryTemp, a.retryPerm} {
			if _, _, ok := parseRetry(rv); !ok {
				return t.errorf(i, "%s: bad retry %q", r, rv)
			}
		}
		kb.advice[r] = a
	}
	kb.crosswalk = map[string]crosswalkRow{}
	c, err := src.table("crosswalk.tsv", "reason", "ses_subtype", "sendgrid_perm", "sendgrid_temp",
		"sparkpost_perm", "sparkpost_temp", "postmark_perm", "postmark_temp")
	if err != nil {
		return err
	}
	classes, err := src.table("sparkpost-classes.tsv", "class", "name")
	if err != nil {
		return err
	}
	kb.sparkpost = map[string]string{}
	for _, row := range classes.rows() {
		kb.sparkpost[classes.get(row, "class")] = classes.get(row, "name")
	}
	for i, row := range c.rows() {
		r := c.get(row, "reason")
		if _, ok := kb.reasons[r]; !ok {
			return c.errorf(i, "unknown reason %q", r)
		}
		cw := crosswalkRow{
			sesSubtype: c.get(row, "ses_subtype"), sendgridPerm: c.get(row, "sendgrid_perm"), sendgridTemp: c.get(row, "sendgrid_temp"),
			sparkpostPerm: c.get(row, "sparkpost_perm"), sparkpostTemp: c.get(row, "sparkpost_temp"),
			postmarkPerm: c.get(row, "postmark_perm"), postmarkTemp: c.get(row, "postmark_temp"),
		}
		for _, n := range []string{cw.sparkpostPerm, cw.sparkpostTemp} {
			if _, ok := kb.sparkpost[n]; n != "" && !ok {
				return c.errorf(i, "%s: unknown SparkPost class %q", r, n)
			}
		}
		kb.crosswalk[r] = cw
	}
	return nil
}

func splitSteps(s string) []string {
	var out []string
	for _, p := range strings.Split(s, " | ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseRetry reads "now", "later:hours", "after-fix" or "never".
func parseRetry(v string) (retry, after string, ok bool) {
	retry, after, _ = strings.Cut(v, ":")
	switch retry {
	case "now", "after-fix", "never":
		return retry, "", after == ""
	case "later":
		return retry, after, after == "minutes" || after == "hours" || after == "days"
	}
	return "", "", false
}

// fill replaces the placeholders of an advice text.
func fill(tmpl string, f *Finding) string {
	rcpt, domain, provider := "the recipient", "the recipient's domain", "the receiving server"
	if f.Recipient != "" {
		rcpt = f.Recipient
		if i := strings.LastIndexByte(f.Recipient, '@'); i >= 0 {
			domain = f.Recipient[i+1:]
		}
	}
	if f.Provider != "" {
		provider = f.Provider
	}
	out := tmpl
	if strings.IndexByte(tmpl, '{') >= 0 {
		out = strings.ReplaceAll(out, "{recipient}", rcpt)
		out = strings.ReplaceAll(out, "{domain}", domain)
		out = strings.ReplaceAll(out, "{provider}", provider)
	}
	// A sentence that starts with a placeholder starts with a capital.
	if len(out) > 0 && out[0] >= 'a' && out[0] <= 'z' && strings.HasPrefix(tmpl, "{") {
		out = strings.ToUpper(out[:1]) + out[1:]
	}
	return out
}

// advise writes the human side of a finding: summary, explanation, whose
// fault, when to retry, what to do, references and the crosswalk. It
// uses the reason's advice, refined by the provider's documented response
// when one matched.
func (d *Decoder) advise(f *Finding) {
	a, ok := d.kb.advice[f.Reason+"/"+f.words]
	if !ok || f.words == "" {
		a, ok = d.kb.advice[f.Reason]
	}
	if !ok {
		a = d.kb.advice["undefined"]
	}
	f.Summary = fill(a.summary, f)
	f.Fault, f.FaultWhy = a.fault, a.faultWhy
	retry, why := a.retryPerm, a.whyPerm
	if !f.Permanent {
		retry, why = a.retryTemp, a.whyTemp
	}
	f.Retry, f.RetryAfter, _ = parseRetry(retry)
	f.RetryWhy = why
	r := f.response
	if r != nil {
		if r.SenderAction != "" {
			f.SenderAction = appendNew(f.SenderAction, r.SenderAction)
		}
		if r.AdminAction != "" {
			f.AdminAction = appendNew(f.AdminAction, r.AdminAction)
		}
		switch r.Retry {
		case "no":
			// Resending unchanged fails the same way: never again for a bad
			// address, after a fix for anything else.
			if f.Fault == "sender-address" {
				f.Retry, f.RetryAfter = "never", ""
			} else {
				f.Retry, f.RetryAfter = "after-fix", ""
			}
		case "later":
			if f.Retry != "later" {
				f.Retry, f.RetryAfter = "later", "hours"
			}
		case "yes":
			// The provider says to try again at once, after a local fix for
			// anything but a network hiccup.
			if f.Fault == "network" {
				f.Retry, f.RetryAfter = "now", ""
			} else {
				f.Retry, f.RetryAfter = "after-fix", ""
			}
		}
	}
	if p, ok := d.kb.providers.byLabel(f.Provider); ok && p.Kind == "gateway" && (strings.HasPrefix(f.Fault, "recipient-") || gatewayDecision(f.Reason)) {
		f.Fault = "intermediary"
		f.FaultWhy = fmt.Sprintf("%s, a filtering service in front of the recipient's server, refused the message.", f.Provider)
	}
	if f.Action == "delayed" && f.Retry != "never" {
		f.Retry, f.RetryAfter = "later", firstNonEmpty(f.RetryAfter, "hours")
		f.RetryWhy = "The sending server is still retrying on its own; nothing needs resending unless it finally gives up."
	}
	f.SenderAction = appendNew(f.SenderAction, a.sender...)
	f.AdminAction = appendNew(f.AdminAction, a.admin...)
	f.Explanation = d.explain(f, a)
	f.References = d.references(f)
	f.Crosswalk = d.crosswalk(f)
}

// gatewayDecision reports reasons that, from a filtering gateway, are the
// gateway's own policy decision.
func gatewayDecision(reason string) bool {
	switch reason {
	case "filtered", "policyviolation", "rejected", "onhold", "undefined":
		return true
	}
	return false
}

// explain writes what happened and why: the reason's explanation, what the
// codes mean, and what the provider's documentation says.
func (d *Decoder) explain(f *Finding, a advice) string {
	parts := []string{fill(a.explanation, f)}
	var codes []string
	for _, c := range []string{f.ReplyCode, f.Status} {
		if c == "" {
			continue
		}
		if info, err := d.reg.Lookup(c); err == nil {
			codes = append(codes, fmt.Sprintf("%s means %q", c, info.Title))
		}
	}
	if len(codes) > 0 {
		parts = append(parts, "The code "+strings.Join(codes, " and ")+".")
	}
	if r := f.response; r != nil && r.Meaning != "" {
		who := firstNonEmpty(d.kb.providers.providers[r.Provider].Label, r.Provider)
		parts = append(parts, fmt.Sprintf("%s's wording %q is documented: %s", who, r.Key, r.Meaning))
	}
	return strings.Join(parts, " ")
}

// references lists the RFC sections behind the codes and the provider's
// help pages.
func (d *Decoder) references(f *Finding) []Reference {
	var out []Reference
	seen := map[string]bool{}
	add := func(title, url string) {
		if url == "" || seen[url] {
			return
		}
		seen[url] = true
		out = append(out, Reference{Title: title, URL: url})
	}
	for _, c := range []string{f.ReplyCode, f.Status} {
		if c == "" {
			continue
		}
		info, err := d.reg.Lookup(c)
		if err != nil {
			continue
		}
		refs := info.References
		if info.Type == TypeReply && len(info.Uses) > 0 {
			// A reply code's other RFCs are about other commands; cite the
			// one that defines its general meaning.
			refs = splitRefs(info.Uses[0].RFC)[:1]
		}
		for _, ref := range refs {
			add(ref, d.reg.refURL(ref))
		}
	}
	if r := f.response; r != nil {
		for _, u := range providerURLs(r.Source) {
			add(d.kb.providers.providers[r.Provider].Label+" documentation", u)
		}
	}
	if p, ok := d.kb.providers.byLabel(f.Provider); ok && p.Help != "" {
		add(p.Label+" help for senders", p.Help)
	}
	return out
}

// rfcURL turns "RFC 5321 §4.2.3" into the RFC Editor's address of that
// section, or "" when the reference is not an RFC.
func rfcURL(ref string) string {
	f := strings.Fields(ref)
	if len(f) < 2 || f[0] != "RFC" || !isDigits(f[1]) {
		return ""
	}
	u := "https://www.rfc-editor.org/rfc/rfc" + f[1]
	if len(f) >= 3 && strings.HasPrefix(f[2], "§") {
		sec := strings.TrimRight(strings.TrimPrefix(f[2], "§"), ".,;")
		if sec != "" {
			u += "#section-" + sec
		}
	}
	return u
}

// providerURLs returns the provider's own pages from a source note,
// leaving out copies kept in code repositories.
func providerURLs(source string) []string {
	var out []string
	for _, w := range strings.Fields(source) {
		w = strings.Trim(w, "();,")
		if !strings.HasPrefix(w, "https://") && !strings.HasPrefix(w, "http://") {
			continue
		}
		if strings.Contains(w, "github.com") || strings.Contains(w, "pastebin") {
			continue
		}
		out = append(out, w)
	}
	return out
}

// crosswalk maps a finding into ESP vocabularies.
func (d *Decoder) crosswalk(f *Finding) Crosswalk {
	row, ok := d.kb.crosswalk[f.Reason]
	if !ok {
		return Crosswalk{}
	}
	cw := Crosswalk{SESSubtype: row.sesSubtype}
	switch {
	case d.kb.reasons[f.Reason].Nature == "none":
		// Not a bounce (a delivery, an auto-reply, a complaint): SES
		// reports these as other notification types, with no bounceType.
	case f.Reason == "undefined" || f.Reason == "onhold":
		cw.SESType = "Undetermined"
	case f.Permanent:
		cw.SESType = "Permanent"
	default:
		cw.SESType = "Transient"
	}
	if f.Permanent {
		cw.SendGrid, cw.SparkPostClass, cw.PostmarkType = row.sendgridPerm, row.sparkpostPerm, row.postmarkPerm
	} else {
		cw.SendGrid, cw.SparkPostClass, cw.PostmarkType = row.sendgridTemp, row.sparkpostTemp, row.postmarkTemp
	}
	cw.SparkPostName = d.kb.sparkpost[cw.SparkPostClass]
	return cw
}

// appendNew appends the items not already in list. Two steps that start
// with the same four words say the same thing, and so does a step of three
// words or more that opens another ("Check the address." and "Check the
// address for typos."). The first one stays, in its place, unless the
// later one is the longer step it opens.
func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		dup := false
		for k, x := range list {
			if opens(x, it) && len(it) > len(x) {
				list[k] = it // the longer step says more
				dup = true
				break
			}
			if strings.EqualFold(x, it) || sameStart(x, it, 4) || opens(it, x) {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, it)
		}
	}
	return list
}

// sameStart reports whether a and b start with the same n words, ignoring
// case and punctuation, without allocating.
func sameStart(a, b string, n int) bool {
	i, j := 0, 0
	for w := 0; w < n; w++ {
		wa, na := nextWord(a, i)
		wb, nb := nextWord(b, j)
		if wa == "" || wb == "" || !strings.EqualFold(wa, wb) {
			return false
		}
		i, j = na, nb
	}
	return true
}

// opens reports whether every word of a, three at least, starts b,
// ignoring case and punctuation.
func opens(a, b string) bool {
	i, j, n := 0, 0, 0
	for {
		if strings.TrimSpace(a[i:]) == "" {
			return n >= 3
		}
		wa, na := nextWord(a, i)
		wb, nb := nextWord(b, j)
		if !strings.EqualFold(wa, wb) {
			return false
		}
		i, j, n = na, nb, n+1
	}
}

// nextWord returns the word of s starting at or after i, without the
// punctuation around it, and the offset after it.
func nextWord(s string, i int) (string, int) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != '\t' {
		j++
	}
	return strings.Trim(s[i:j], ".,;:"), j
}
