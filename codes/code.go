package codes

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Code types as they appear in JSON output.
const (
	TypeReply  = "reply"  // a basic SMTP reply code such as 550
	TypeStatus = "status" // an enhanced status code such as 5.1.1
)

// ErrMalformed is returned (wrapped) for text that is not a well-formed
// reply code or enhanced status code.
var ErrMalformed = errors.New("not a well-formed SMTP code")

// Code is a parsed reply code (550) or enhanced status code (5.1.1). An
// enhanced code may have the generic class X (X.1.1), as the registry
// writes them.
type Code struct {
	Type    string // TypeReply or TypeStatus
	Class   int    // first digit; 0 stands for X in a generic enhanced code
	Subject int    // second digit of a reply code, or the subject of a status code
	Detail  int    // third digit of a reply code, or the detail of a status code
}

// ParseCode parses "550", "5.1.1" or "X.1.1". Reply codes must be three
// digits whose first digit is 2 to 5; enhanced codes need class 2, 4, 5 or
// X and one to three digits, without leading zeros, in the subject and the
// detail (RFC 3463 §2). Anything else is reported as ErrMalformed.
func ParseCode(s string) (Code, error) {
	s = strings.TrimSpace(s)
	if len(s) == 3 && isDigits(s) {
		c := Code{Type: TypeReply, Class: int(s[0] - '0'), Subject: int(s[1] - '0'), Detail: int(s[2] - '0')}
		if c.Class < 2 || c.Class > 5 {
			return Code{}, fmt.Errorf("%q: first digit must be 2 to 5: %w", s, ErrMalformed)
		}
		return c, nil
	}
	c, ok := parseStatus(s)
	if !ok {
		return Code{}, fmt.Errorf("%q: %w", s, ErrMalformed)
	}
	return c, nil
}

// parseStatus reads an enhanced code "5.1.1" or "X.1.1" without
// allocating.
func parseStatus(s string) (Code, bool) {
	if len(s) < 5 || s[1] != '.' {
		return Code{}, false
	}
	c := Code{Type: TypeStatus}
	switch s[0] {
	case '2', '4', '5':
		c.Class = int(s[0] - '0')
	case 'X', 'x':
	default:
		return Code{}, false
	}
	subj, p, ok := readNum(s, 2)
	if !ok || p >= len(s) || s[p] != '.' {
		return Code{}, false
	}
	det, q, ok := readNum(s, p+1)
	if !ok || q != len(s) {
		return Code{}, false
	}
	c.Subject, c.Detail = subj, det
	return c, true
}

// String writes the code back in its canonical form: "550", "5.1.1", "X.1.1".
func (c Code) String() string {
	var b [11]byte
	if c.Type == TypeReply {
		return string(append(b[:0], byte('0'+c.Class), byte('0'+c.Subject), byte('0'+c.Detail)))
	}
	out := b[:0]
	if c.Class == 0 {
		out = append(out, 'X')
	} else {
		out = strconv.AppendInt(out, int64(c.Class), 10)
	}
	out = append(out, '.')
	out = strconv.AppendInt(out, int64(c.Subject), 10)
	out = append(out, '.')
	out = strconv.AppendInt(out, int64(c.Detail), 10)
	return string(out)
}

// Generic returns the registry form of an enhanced code (X.1.1); a reply
// code is returned unchanged.
func (c Code) Generic() Code {
	if c.Type == TypeStatus {
		c.Class = 0
	}
	return c
}

// Slug is the code's path segment in the code reference: "550" or "x.1.1".
func (c Code) Slug() string {
	if c.Type == TypeStatus {
		return lowerText(c.Generic().String())
	}
	return c.String()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
