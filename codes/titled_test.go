package codes

import (
	"sync"
	"testing"
)

func TestTitled(t *testing.T) {
	reg := Default().reg
	tests := []struct {
		text string
		want string // the generic code, "" for none
	}{
		{"552 sorry, Mailbox full", "X.2.2"},
		{"552 SORRY, MAILBOX FULL", "X.2.2"},
		{"550 Multiple authentication checks failed for this message", "X.7.26"},
		{"550 reverse dns validation failed", "X.7.25"},
		{"La boîte est pleine: Mailbox full", "X.2.2"},
		{"ÉCHEC: MAILBOX FULL", "X.2.2"},
		{"550 Bad destination mailbox address; Mailbox full", "X.1.1"}, // the longer title wins
		{"Other address status", ""},                                   // generic titles do not count
		{"mailbox ful", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c, ok := reg.titled(tt.text)
			got := ""
			if ok {
				got = c.String()
			}
			if got != tt.want {
				t.Errorf("titled(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestInfoConcurrent looks codes up from several goroutines while their
// infos are first worked out (run with -race): every caller gets the same
// answer.
func TestInfoConcurrent(t *testing.T) {
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	want := map[Code]string{}
	for _, s := range []string{"550", "5.1.1", "4.7.1", "X.7.8", "599", "5.7.999"} {
		c, _ := ParseCode(s)
		want[c] = d.reg.info(c).Title
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c, title := range want {
				if got := d.reg.Info(c).Title; got != title {
					errs <- c.String() + ": " + got
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
