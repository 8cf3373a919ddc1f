package codes_test

import (
	"errors"
	"fmt"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Decode reads a pasted reply and reports what happened to the recipient.
func ExampleDecode() {
	rep := codes.Decode("550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown")
	for _, f := range rep.Findings {
		fmt.Println("recipient:", f.Recipient)
		fmt.Println("codes:", f.ReplyCode, f.Status)
		fmt.Println("reason:", f.Reason)
		fmt.Println("permanent:", f.Permanent, "hard bounce:", f.HardBounce)
	}
	// Output:
	// recipient: alice@example.net
	// codes: 550 5.1.1
	// reason: userunknown
	// permanent: true hard bounce: true
}

// Every code found is listed with its byte offsets in the input, so a user
// interface can highlight it.
func ExampleDecode_codes() {
	text := "the server responded: 554 5.7.9 Message not accepted"
	for _, c := range codes.Decode(text).Codes {
		fmt.Printf("%-6s %-6s %q at [%d,%d)\n", c.Type, c.Code, text[c.Start:c.End], c.Start, c.End)
	}
	// Output:
	// reply  554    "554" at [22,25)
	// status 5.7.9  "5.7.9" at [26,31)
}

// Input with nothing to decode gives an empty report with a warning, never
// an error.
func ExampleDecode_empty() {
	rep := codes.Decode("   ")
	fmt.Println(rep.Kind, len(rep.Findings), rep.Warnings)
	// Output:
	// unknown 0 [The input is empty.]
}

// Lookup explains one code. Enhanced codes may be given with their class
// (5.1.1) or in the registry's generic form (X.1.1).
func ExampleLookup() {
	info, err := codes.Lookup("5.1.1")
	if err != nil {
		panic(err)
	}
	fmt.Println(info.Code, "-", info.Title)
	fmt.Println("class:", info.Class)
	fmt.Println("subject:", info.Subject)
	fmt.Println("registered:", info.Registered, "page:", info.Slug)
	// Output:
	// 5.1.1 - Bad destination mailbox address
	// class: Permanent Failure
	// subject: Addressing Status
	// registered: true page: x.1.1
}

// A reply code defined by several RFCs lists each definition.
func ExampleLookup_uses() {
	info, _ := codes.Lookup("251")
	for _, u := range info.Uses {
		fmt.Printf("%s: %s\n", u.RFC, u.Title)
	}
	// Output:
	// RFC 5321 §4.2.3; §3.4: User not local; will forward to <forward-path> (See Section 3.4)
	// RFC 1985 §5.1: OK, no messages waiting for node <x>
}

// A well-formed code that no RFC or registry defines is explained from its
// class and subject; a malformed one is an error.
func ExampleLookup_unregistered() {
	info, err := codes.Lookup("5.7.999")
	fmt.Println(info.Registered, info.Class, "/", info.Subject, err)

	_, err = codes.Lookup("6.1.1")
	fmt.Println(errors.Is(err, codes.ErrMalformed))
	// Output:
	// false Permanent Failure / Security or Policy Status <nil>
	// true
}

func ExampleParseCode() {
	for _, s := range []string{"550", "4.2.2", "x.7.26"} {
		c, err := codes.ParseCode(s)
		if err != nil {
			panic(err)
		}
		fmt.Println(c, c.Type, c.Generic())
	}
	// Output:
	// 550 reply 550
	// 4.2.2 status X.2.2
	// X.7.26 status X.7.26
}
