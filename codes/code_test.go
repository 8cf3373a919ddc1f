package codes_test

import (
	"errors"
	"testing"

	"github.com/smtpexplain/smtpexplain/codes"
)

func TestParseCodeWellFormed(t *testing.T) {
	tests := []struct {
		in                     string
		typ                    string
		class, subject, detail int
		canonical, generic     string
		slug                   string
	}{
		{"550", codes.TypeReply, 5, 5, 0, "550", "550", "550"},
		{"250", codes.TypeReply, 2, 5, 0, "250", "250", "250"},
		{"354", codes.TypeReply, 3, 5, 4, "354", "354", "354"},
		{"421", codes.TypeReply, 4, 2, 1, "421", "421", "421"},
		{"599", codes.TypeReply, 5, 9, 9, "599", "599", "599"},
		{" 550\t", codes.TypeReply, 5, 5, 0, "550", "550", "550"},
		{"5.1.1", codes.TypeStatus, 5, 1, 1, "5.1.1", "X.1.1", "x.1.1"},
		{"4.2.2", codes.TypeStatus, 4, 2, 2, "4.2.2", "X.2.2", "x.2.2"},
		{"2.0.0", codes.TypeStatus, 2, 0, 0, "2.0.0", "X.0.0", "x.0.0"},
		{"X.1.1", codes.TypeStatus, 0, 1, 1, "X.1.1", "X.1.1", "x.1.1"},
		{"x.1.1", codes.TypeStatus, 0, 1, 1, "X.1.1", "X.1.1", "x.1.1"},
		{"X.7.30", codes.TypeStatus, 0, 7, 30, "X.7.30", "X.7.30", "x.7.30"},
		{"5.7.999", codes.TypeStatus, 5, 7, 999, "5.7.999", "X.7.999", "x.7.999"},
		{"4.4.20", codes.TypeStatus, 4, 4, 20, "4.4.20", "X.4.20", "x.4.20"},
		{"5.100.1", codes.TypeStatus, 5, 100, 1, "5.100.1", "X.100.1", "x.100.1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := codes.ParseCode(tt.in)
			if err != nil {
				t.Fatalf("ParseCode(%q): unexpected error %v", tt.in, err)
			}
			if c.Type != tt.typ || c.Class != tt.class || c.Subject != tt.subject || c.Detail != tt.detail {
				t.Errorf("ParseCode(%q) = %+v, want type %s class %d subject %d detail %d",
					tt.in, c, tt.typ, tt.class, tt.subject, tt.detail)
			}
			if got := c.String(); got != tt.canonical {
				t.Errorf("String() = %q, want %q", got, tt.canonical)
			}
			if got := c.Generic().String(); got != tt.generic {
				t.Errorf("Generic() = %q, want %q", got, tt.generic)
			}
			if got := c.Slug(); got != tt.slug {
				t.Errorf("Slug() = %q, want %q", got, tt.slug)
			}
			// The canonical form parses back to the same code.
			again, err := codes.ParseCode(c.String())
			if err != nil || again != c {
				t.Errorf("ParseCode(String()) = %+v, %v; want %+v", again, err, c)
			}
		})
	}
}

func TestParseCodeMalformed(t *testing.T) {
	tests := []string{
		"", " ", "abc", "5", "55", "5500", "050",
		"100", "199", "600", "700", "999", "000",
		"6.1.1", "1.2.3", "3.1.1", "0.1.1", "9.9.9",
		"5.1.1000", "5.1000.1", "05.1.1", "5.01.1", "5.1.01",
		"5..1", "5.1.", ".1.1", "5.1", "5.1.1.", "5.1.1.1", "4.16.55.1",
		"X.1.1.1", "Y.1.1", "XX.1.1", "5.a.1", "5.1.b", "5.-1.1", "5.+1.1",
		"550 5.1.1", "5 .1.1", "5,1,1", "５.1.1", "5.1.1\x00",
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			c, err := codes.ParseCode(in)
			if err == nil {
				t.Fatalf("ParseCode(%q) = %+v, want an error", in, c)
			}
			if !errors.Is(err, codes.ErrMalformed) {
				t.Errorf("ParseCode(%q) error %v does not wrap ErrMalformed", in, err)
			}
			if c != (codes.Code{}) {
				t.Errorf("ParseCode(%q) returned %+v with its error, want the zero Code", in, c)
			}
		})
	}
}
