package codes

import (
	"fmt"
	"sort"
	"strings"
)

// Provider is someone who produces replies or bounces: a mailbox provider,
// a filtering gateway, a block list, mail server software, a sending
// service or a mail client (data/providers.tsv).
type Provider struct {
	Name  string `json:"name"`  // the name used in the data tables
	Kind  string `json:"kind"`  // receiver, gateway, dnsbl, mta, esp or client
	Label string `json:"label"` // short name for people
	Help  string `json:"help"`  // the provider's page for senders, or ""
}

// Response is one known provider response (data/provider-responses.tsv):
// a key phrase as it appears in replies, with what it means and what to
// do about it.
type Response struct {
	Provider     string `json:"provider"`
	ReplyCode    string `json:"reply_code"`
	Status       string `json:"status"` // a code or a range such as 5.7.606-649
	Key          string `json:"key"`
	Meaning      string `json:"meaning"`
	Reason       string `json:"reason"`
	Retry        string `json:"retry"` // yes, later or no
	SenderAction string `json:"sender_action"`
	AdminAction  string `json:"admin_action"`
	Source       string `json:"source"`

	key          string     // lower-case key
	span         statusSpan // the documented status code range
	hasRange     bool
	distinctive  bool // the key alone identifies the provider
	providerKind string
}

// statusSpan is a range of enhanced status codes, class.subject.lo to
// class.subject.hi, kept small: there is one in every response.
type statusSpan struct{ class, subject, lo, hi int16 }

// holds reports whether c has the span's subject and a detail in it,
// whatever its class.
func (s statusSpan) holds(c Code) bool {
	return c.Subject == int(s.subject) && c.Detail >= int(s.lo) && c.Detail <= int(s.hi)
}

// signature says how to recognise a provider.
type signature struct {
	provider, where, pattern string
}

type providerBase struct {
	providers  map[string]Provider
	order      []string
	signatures []signature
	responses  []Response

	signatureIndex *matcher // phrases of reply, text and client signatures (ids index signatures)
	responseIndex  *matcher // response keys (ids index responses)
}

func loadProviders(src fileSource, kb *knowledgeBase) (*providerBase, error) {
	pb := &providerBase{providers: map[string]Provider{}}
	t, err := src.table("providers.tsv", "provider", "kind", "label", "help")
	if err != nil {
		return nil, err
	}
	for i, row := range t.rows() {
		p := Provider{Name: t.get(row, "provider"), Kind: t.get(row, "kind"), Label: t.get(row, "label"), Help: t.get(row, "help")}
		switch p.Kind {
		case "receiver", "gateway", "dnsbl", "mta", "esp", "client":
		default:
			return nil, t.errorf(i, "%s: unknown kind %q", p.Name, p.Kind)
		}
		if _, dup := pb.providers[p.Name]; dup || p.Name == "" || p.Label == "" {
			return nil, t.errorf(i, "provider %q is empty, has no label, or is listed twice", p.Name)
		}
		pb.providers[p.Name] = p
		pb.order = append(pb.order, p.Name)
	}
	sig, err := src.table("provider-signatures.tsv", "provider", "where", "pattern")
	if err != nil {
		return nil, err
	}
	for i, row := range sig.rows() {
		s := signature{provider: sig.get(row, "provider"), where: sig.get(row, "where"), pattern: lowerText(sig.get(row, "pattern"))}
		if _, ok := pb.providers[s.provider]; !ok {
			return nil, sig.errorf(i, "unknown provider %q", s.provider)
		}
		switch {
		case s.pattern == "":
			return nil, sig.errorf(i, "empty pattern")
		case s.where == "host", s.where == "reply", s.where == "text", s.where == "client":
		default:
			return nil, sig.errorf(i, "where must be host, reply, text or client")
		}
		pb.signatures = append(pb.signatures, s)
	}
	rt, err := src.table("provider-responses.tsv", "provider", "reply_code", "enhanced_code", "key", "meaning", "reason", "retry", "sender_action", "admin_action", "source")
	if err != nil {
		return nil, err
	}
	pb.responses = make([]Response, 0, rt.count())
	for i, row := range rt.rows() {
		r := Response{
			Provider: rt.get(row, "provider"), ReplyCode: rt.get(row, "reply_code"), Status: rt.get(row, "enhanced_code"),
			Key: rt.get(row, "key"), Meaning: rt.get(row, "meaning"), Reason: rt.get(row, "reason"), Retry: rt.get(row, "retry"),
			SenderAction: rt.get(row, "sender_action"), AdminAction: rt.get(row, "admin_action"), Source: rt.get(row, "source"),
		}
		p, ok := pb.providers[r.Provider]
		if !ok {
			return nil, rt.errorf(i, "unknown provider %q", r.Provider)
		}
		r.providerKind = p.Kind
		if _, ok := kb.reasons[r.Reason]; !ok {
			return nil, rt.errorf(i, "unknown reason %q", r.Reason)
		}
		if r.Retry != "yes" && r.Retry != "later" && r.Retry != "no" {
			return nil, rt.errorf(i, "retry must be yes, later or no")
		}
		if r.Key == "" {
			return nil, rt.errorf(i, "empty key")
		}
		r.key = lowerText(r.Key)
		if r.Status != "" {
			lo, hi, err := parseStatusRange(r.Status)
			if err != nil {
				return nil, rt.errorf(i, "%v", err)
			}
			r.span = statusSpan{class: int16(lo.Class), subject: int16(lo.Subject), lo: int16(lo.Detail), hi: int16(hi.Detail)}
			r.hasRange = true
		}
		r.distinctive = distinctiveKey(r.Key)
		pb.responses = append(pb.responses, r)
	}
	sigs := make([]string, len(pb.signatures))
	for i, sg := range pb.signatures {
		if sg.where != "host" {
			sigs[i] = sg.pattern
		}
	}
	if pb.signatureIndex, err = newMatcher(sigs); err != nil {
		return nil, fmt.Errorf("provider-signatures.tsv: %w", err)
	}
	keys := make([]string, len(pb.responses))
	for i, r := range pb.responses {
		keys[i] = r.key
	}
	if pb.responseIndex, err = newMatcher(keys); err != nil {
		return nil, fmt.Errorf("provider-responses.tsv: %w", err)
	}
	return pb, nil
}

// firstSignature returns the provider of the first signature (in table
// order) of the given kind found in text (ASCII case folded), or "".
func (pb *providerBase) firstSignature(low, where string) string {
	id := pb.signatureIndex.lowest(low, func(id int) bool { return pb.signatures[id].where == where })
	if id < 0 {
		return ""
	}
	return pb.signatures[id].provider
}

// parseStatusRange reads "5.7.1" or "5.7.606-649" (detail range).
func parseStatusRange(s string) (lo, hi Code, err error) {
	base, end, isRange := strings.Cut(s, "-")
	lo, err = ParseCode(base)
	if err != nil || lo.Type != TypeStatus {
		return lo, hi, fmt.Errorf("bad enhanced code %q", s)
	}
	hi = lo
	if isRange {
		n := 0
		if _, err := fmt.Sscan(end, &n); err != nil || n < lo.Detail {
			return lo, hi, fmt.Errorf("bad range %q", s)
		}
		hi.Detail = n
	}
	return lo, hi, nil
}

// Covers reports whether an enhanced status code ("5.7.620") falls in
// the range of codes the response is documented with. A response without
// a documented code covers nothing.
func (r *Response) Covers(status string) bool {
	if !r.hasRange {
		return false
	}
	c, err := ParseCode(status)
	if err != nil || c.Type != TypeStatus {
		return false
	}
	return c.Class == int(r.span.class) && r.span.holds(c)
}

// names reports whether matching the response tells who wrote the reply.
// A short sentence of mail server software ("Connection timed out") says
// what happened, but when another provider's response fits too, either
// server could have written it.
func (r *Response) names(alone bool) bool {
	return alone || r.providerKind != "mta" || r.distinctive || len(r.key) >= 24
}

// distinctiveKey reports keys that identify their provider on their own:
// codes and tags ("TSS04", "SC-004", "RESOLVER.ADR.RecipientNotFound",
// "[HM08]") rather than sentences any server could say.
func distinctiveKey(k string) bool {
	if len(k) < 4 {
		return false
	}
	hasDigit, hasUpper, spaces := false, false, strings.Count(k, " ")
	for i := 0; i < len(k); i++ {
		switch {
		case isDigit(k[i]):
			hasDigit = true
		case k[i] >= 'A' && k[i] <= 'Z':
			hasUpper = true
		}
	}
	return spaces == 0 && (hasDigit || hasUpper && strings.ContainsAny(k, ".#[_"))
}

// providerFor recognises who produced a reply: by the phrases of the reply
// itself ("- gsmtp", "(S3140)"), then by the remote host and the hosts the
// reply names. It returns "" when no one is recognised.
func (pb *providerBase) providerFor(diag, host string) string {
	low := lowerText(diag)
	if p := pb.firstSignature(low, "reply"); p != "" {
		return p
	}
	hosts := append([]string{lowerText(host)}, hostsIn(low)...)
	for _, h := range hosts {
		if h == "" {
			continue
		}
		for _, s := range pb.signatures {
			if s.where == "host" && (h == s.pattern || strings.HasSuffix(h, "."+s.pattern)) {
				return s.provider
			}
		}
	}
	return ""
}

// reporterFor recognises the software or service that wrote a bounce from
// its wording, or returns "".
func (pb *providerBase) reporterFor(text string) string {
	return pb.firstSignature(text, "text")
}

// clientFor recognises the mail client or library whose error message the
// text is, or returns "".
func (pb *providerBase) clientFor(text string) string {
	return pb.firstSignature(text, "client")
}

// hostsIn returns the host names (with a dot, not addresses) in lower-case
// text.
func hostsIn(low string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(low, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '@')
	}) {
		f = strings.Trim(f, ".-")
		if strings.Count(f, ".") >= 1 && !strings.Contains(f, "@") && validDomain(f) {
			out = append(out, f)
		}
	}
	return out
}

// response finds the known provider response that a reply matches: its
// key in the reply's words, codes that agree, and a provider that agrees
// with the one recognised (MTA, block list and client responses apply
// whoever runs them). It returns nil when none fits. sure is false when
// the match is only likely: a short phrase of mail server or client
// software that other software could also write, whose reason should be
// a fallback rather than a verdict. alone is false when a response of
// another provider also fits.
func (pb *providerBase) response(provider, replyCode, status, diag string) (best *Response, sure, alone bool) {
	low := lowerText(diag)
	if low == "" {
		return nil, false, false
	}
	var fits []string // providers of the responses that fit
	bestScore := 0
	kind := pb.providers[provider].Kind
	var found []int
	pb.responseIndex.each(low, func(id, _ int) bool {
		found = append(found, id)
		return true
	})
	sort.Ints(found)
	for k, i := range found {
		if k > 0 && found[k-1] == i {
			continue
		}
		r := &pb.responses[i]
		score := 1 + min(len(r.key), 40)/4
		certain := true
		switch {
		case r.Provider == provider:
			score += 20
		case provider != "" && (kind == "receiver" || kind == "gateway") && r.providerKind != "dnsbl" && r.providerKind != "mta" && len(r.key) < 30:
			continue // another receiver's short wording
		case r.distinctive || r.providerKind == "dnsbl":
			score += 5
		case (r.providerKind == "mta" || r.providerKind == "client") && len(r.key) >= 24:
			score += 3 // a sentence particular to that software, whoever runs it
		case r.providerKind == "mta" || r.providerKind == "client":
			certain = r.hasRange && status != "" && r.Covers(status) // the documented code confirms it
		default:
			continue // a sentence any server could say: only with its provider
		}
		if r.hasRange && status != "" {
			c, _ := ParseCode(status)
			switch {
			case r.Covers(status):
				score += 6
			case r.span.holds(c):
				score -= 4 // the same code in the other class
			default:
				continue // the reply's code says something else
			}
		}
		if r.ReplyCode != "" && replyCode != "" {
			if r.ReplyCode == replyCode {
				score += 3
			} else if r.ReplyCode[0] != replyCode[0] {
				score -= 6
			}
		}
		if !certain {
			score -= 10
		}
		fits = append(fits, r.Provider)
		if best == nil || score > bestScore {
			best, bestScore, sure = r, score, certain
		}
	}
	alone = best != nil
	for _, p := range fits {
		alone = alone && p == best.Provider
	}
	return best, sure, alone
}

// byLabel finds a provider by its label.
func (pb *providerBase) byLabel(label string) (Provider, bool) {
	if label == "" {
		return Provider{}, false
	}
	for _, p := range pb.providers {
		if p.Label == label {
			return p, true
		}
	}
	return Provider{}, false
}

// Providers lists the providers the decoder knows.
func (d *Decoder) Providers() []Provider {
	out := make([]Provider, 0, len(d.kb.providers.order))
	for _, n := range d.kb.providers.order {
		out = append(out, d.kb.providers.providers[n])
	}
	return out
}

// Responses lists the known provider responses.
func (d *Decoder) Responses() []Response {
	return append([]Response(nil), d.kb.providers.responses...)
}
