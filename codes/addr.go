package codes

import "strings"

// addrSpan is one email address found in text.
type addrSpan struct {
	addr       string // as written, without angle brackets
	start, end int
}

// findAddresses returns the email addresses in s in order: local@domain
// where the domain has a dot. Angle brackets, quotes and mailto: around
// them are not part of the address. It runs in linear time.
func findAddresses(s string) []addrSpan {
	var out []addrSpan
	from := 0
	for {
		k := strings.IndexByte(s[from:], '@')
		if k < 0 {
			return out
		}
		at := from + k
		i := at
		for i > 0 && isLocalChar(s[i-1]) {
			i--
		}
		for i < at && s[i] == '.' {
			i++
		}
		j := at + 1
		for j < len(s) && isDomainChar(s[j]) {
			j++
		}
		for j > at+1 && (s[j-1] == '.' || s[j-1] == '-') {
			j--
		}
		dom := s[at+1 : j]
		if i < at && strings.IndexByte(dom, '.') > 0 && validDomain(dom) {
			out = append(out, addrSpan{addr: s[i:j], start: i, end: j})
		}
		from = j
		if from <= at {
			from = at + 1
		}
	}
}

func isLocalChar(b byte) bool {
	return isAlpha(b) || isDigit(b) || strings.IndexByte("!#$%&*+-/=?^_`{|}~.", b) >= 0 || b >= 0x80
}

func isDomainChar(b byte) bool {
	return isAlpha(b) || isDigit(b) || b == '-' || b == '.'
}

func validDomain(d string) bool {
	if strings.Contains(d, "..") || d[0] == '.' || d[0] == '-' {
		return false
	}
	tld := d[strings.LastIndexByte(d, '.')+1:]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if isDigit(tld[i]) {
			return false
		}
	}
	return true
}

// firstAddress returns the first address in s, or "".
func firstAddress(s string) string {
	if a := findAddresses(s); len(a) > 0 {
		return a[0].addr
	}
	return ""
}
