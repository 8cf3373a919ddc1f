package app

import (
	"strings"
)

// rfcURL returns the RFC Editor address of a reference such as
// "RFC 5321 §4.2.3" or "RFC 3463", pointing at the section when one is
// named, or "" when the reference does not name an RFC.
func rfcURL(ref string) string {
	f := strings.Fields(ref)
	if len(f) < 2 || f[0] != "RFC" || !allDigits(f[1]) {
		return ""
	}
	u := "https://www.rfc-editor.org/rfc/rfc" + f[1]
	if len(f) >= 3 && strings.HasPrefix(f[2], "§") {
		section := strings.TrimRight(strings.TrimPrefix(f[2], "§"), ".,;:")
		if section != "" && allDigitsOrDots(section) {
			u += "#section-" + section
		}
	}
	return u
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func allDigitsOrDots(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}
