package app

import (
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// redactPatterns are the patterns of what Redact hides. They are
// deliberately generous: hiding a file name that looks like a host is
// better than leaking a host. They are compiled on first use, so that
// starting the app does not wait for them.
type redactPatterns struct {
	messageIDHeader *regexp.Regexp // a header that carries Message-IDs, with its folded lines
	messageIDJSON   *regexp.Regexp // a Message-ID field of an email service's JSON event
	angleID         *regexp.Regexp
	jsonValue       *regexp.Regexp
	email           *regexp.Regexp
	ipv4            *regexp.Regexp
	ipv6            *regexp.Regexp
	host            *regexp.Regexp
}

var patterns = sync.OnceValue(func() *redactPatterns {
	return &redactPatterns{
		messageIDHeader: regexp.MustCompile(`(?im)^(?:resent-|original-|x-[a-z0-9-]*)?(?:message-id|in-reply-to|references)[ \t]*:[^\n]*(?:\n[ \t][^\n]*)*`),
		messageIDJSON:   regexp.MustCompile(`(?i)"(?:message[-_]?id|smtp-id|sg_message_id)"[ \t]*:[ \t]*"[^"\n]*"`),
		angleID:         regexp.MustCompile(`<[^<>\s]+>`),
		jsonValue:       regexp.MustCompile(`:[ \t]*"[^"\n]*"$`),
		email:           regexp.MustCompile(`[\p{L}\p{N}._%+'-]+@(?:\[[^\]\s]{1,60}\]|(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}|(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+xn--[a-zA-Z0-9-]+)`),
		ipv4:            regexp.MustCompile(`\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\b`),
		ipv6:            regexp.MustCompile(`(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:(?::|\b)(?:[0-9]{1,3}\.){3}[0-9]{1,3})?`),
		host:            regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)\b`),
	}
})

// replacement is one piece of text to hide and what to show instead.
type replacement struct {
	start, end int
	rank       int           // lower wins when two start together
	with       func() string // the stand-in, made in reading order
}

// redactor gives each distinct value the same stand-in every time it
// appears, so the redacted text still shows which addresses are the same.
type redactor struct {
	names map[string]string
	count map[string]int
}

// stand returns the stand-in of value for a kind of value.
func (r *redactor) stand(kind, value string, make func(n int) string) string {
	key := kind + "\x00" + strings.ToLower(value)
	if s, ok := r.names[key]; ok {
		return s
	}
	r.count[kind]++
	s := make(r.count[kind])
	r.names[key] = s
	return s
}

func (r *redactor) host(h string) string {
	return r.stand("host", h, func(n int) string { return fmt.Sprintf("host%d.invalid", n) })
}

func (r *redactor) ipv4(ip string) string {
	return r.stand("ipv4", ip, func(n int) string {
		switch {
		case n < 255:
			return fmt.Sprintf("192.0.2.%d", n)
		case n < 509:
			return fmt.Sprintf("198.51.100.%d", n-254)
		case n < 763:
			return fmt.Sprintf("203.0.113.%d", n-508)
		}
		return fmt.Sprintf("240.%d.%d.%d", n>>16&255, n>>8&255, n&255)
	})
}

func (r *redactor) ipv6(ip string) string {
	return r.stand("ipv6", ip, func(n int) string { return fmt.Sprintf("2001:db8::%x", n) })
}

func (r *redactor) email(addr string) string {
	return r.stand("email", addr, func(n int) string {
		at := strings.LastIndexByte(addr, '@')
		domain := addr[at+1:]
		if strings.HasPrefix(domain, "[") {
			inner := strings.TrimSuffix(strings.TrimPrefix(domain, "["), "]")
			if ip, err := netip.ParseAddr(strings.TrimPrefix(strings.TrimPrefix(inner, "IPv6:"), "ipv6:")); err == nil && ip.Is4() {
				domain = "[" + r.ipv4(inner) + "]"
			} else {
				domain = "[IPv6:" + r.ipv6(inner) + "]"
			}
		} else {
			domain = r.host(domain)
		}
		return fmt.Sprintf("user%d@%s", n, domain)
	})
}

// Redact hides the email addresses, IPv4 and IPv6 addresses, host names
// and Message-IDs of text, keeping the codes and the wording. Each
// distinct value is replaced by the same stand-in everywhere: addresses by
// userN@hostM.invalid, hosts by hostM.invalid, IP addresses by
// documentation addresses and Message-IDs by <messageN@redacted.invalid>.
func Redact(text string) string {
	p := patterns()
	r := &redactor{names: map[string]string{}, count: map[string]int{}}
	var reps []replacement
	msgID := func(id string) string {
		return r.stand("msgid", id, func(n int) string { return fmt.Sprintf("message%d@redacted.invalid", n) })
	}
	add := func(start, end, rank int, with func(string) string) {
		value := text[start:end]
		reps = append(reps, replacement{start, end, rank, func() string { return with(value) }})
	}
	for _, h := range p.messageIDHeader.FindAllStringIndex(text, -1) {
		for _, m := range p.angleID.FindAllStringIndex(text[h[0]:h[1]], -1) {
			add(h[0]+m[0], h[0]+m[1], 0, func(v string) string { return "<" + msgID(v[1:len(v)-1]) + ">" })
		}
	}
	for _, j := range p.messageIDJSON.FindAllStringIndex(text, -1) {
		field := text[j[0]:j[1]]
		if v := p.jsonValue.FindStringIndex(field); v != nil {
			q := strings.IndexByte(field[v[0]:], '"') + v[0]
			start, end := j[0]+q+1, j[1]-1
			if start < end {
				add(start, end, 0, msgID)
			}
		}
	}
	for _, m := range p.email.FindAllStringIndex(text, -1) {
		add(m[0], m[1], 1, r.email)
	}
	for _, m := range p.ipv6.FindAllStringIndex(text, -1) {
		start, end, ok := validIPv6(text, m[0], m[1])
		if ok {
			add(start, end, 2, r.ipv6)
		}
	}
	for _, m := range p.ipv4.FindAllStringIndex(text, -1) {
		add(m[0], m[1], 3, r.ipv4)
	}
	for _, m := range p.host.FindAllStringIndex(text, -1) {
		name := text[m[0]:m[1]]
		tld := name[strings.LastIndexByte(name, '.')+1:]
		if tld != strings.ToLower(tld) && tld != strings.ToUpper(tld) {
			continue // "RESOLVER.ADR.RecipientNotFound" is a code, not a host
		}
		add(m[0], m[1], 4, r.host)
	}
	return applyReplacements(text, reps)
}

// validIPv6 checks an IPv6 candidate text[start:end], also without a
// leading part that belongs to the word before it ("IPv6:2001:db8::1").
// Only addresses with "::" or all eight groups count, so that times such
// as 09:14:22 are left alone.
func validIPv6(text string, start, end int) (int, int, bool) {
	for try := 0; try < 2 && start < end; try++ {
		c := text[start:end]
		glued := start > 0 && isAlnum(text[start-1])
		if ip, err := netip.ParseAddr(c); err == nil && ip.Is6() && !glued && (strings.Contains(c, "::") || strings.Count(c, ":") == 7) {
			return start, end, true
		}
		i := strings.IndexByte(c, ':')
		if i < 0 {
			break
		}
		start += i + 1
	}
	return 0, 0, false
}

// isAlnum reports ASCII letters and digits.
func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// applyReplacements replaces non-overlapping pieces of text, preferring
// the one that starts first, then the lower rank.
func applyReplacements(text string, reps []replacement) string {
	sort.SliceStable(reps, func(i, j int) bool {
		if reps[i].start != reps[j].start {
			return reps[i].start < reps[j].start
		}
		return reps[i].rank < reps[j].rank
	})
	var b strings.Builder
	b.Grow(len(text))
	at := 0
	for _, rp := range reps {
		if rp.start < at {
			continue
		}
		b.WriteString(text[at:rp.start])
		b.WriteString(rp.with())
		at = rp.end
	}
	b.WriteString(text[at:])
	return b.String()
}
