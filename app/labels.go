package app

import (
	"fmt"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Outcomes of a finding, in the order the page lists them.
const (
	OutcomeFailed    = "failed"    // refused for good: the same message will not get through
	OutcomeTemporary = "temporary" // refused for now: the sending server may still deliver it
	OutcomeDelivered = "delivered" // the report confirms delivery
	OutcomeNotice    = "notice"    // an automatic reply or a feedback report, not a failure
)

// outcomeOrder lists the outcomes in display order.
var outcomeOrder = []string{OutcomeFailed, OutcomeTemporary, OutcomeDelivered, OutcomeNotice}

// outcomeOf sorts a finding into one of the outcomes.
func outcomeOf(f codes.Finding) string {
	switch {
	case f.Reason == "vacation" || f.Reason == "feedback":
		return OutcomeNotice
	case f.Reason == "delivered" || f.Action == "delivered" || f.Action == "relayed" || f.Action == "expanded":
		return OutcomeDelivered
	case f.Permanent:
		return OutcomeFailed
	}
	return OutcomeTemporary
}

// outcomeTitle says how many findings had an outcome: "3 failed
// permanently".
func outcomeTitle(outcome string, n int) string {
	switch outcome {
	case OutcomeFailed:
		return fmt.Sprintf("%d failed permanently", n)
	case OutcomeTemporary:
		return fmt.Sprintf("%d failed for now", n)
	case OutcomeDelivered:
		return fmt.Sprintf("%d delivered", n)
	}
	if n == 1 {
		return "1 automatic message, not a failure"
	}
	return fmt.Sprintf("%d automatic messages, not failures", n)
}

// reasonLabels name each reason of the vocabulary in a few plain words,
// for counts such as "10 unknown address, 2 mailbox full".
var reasonLabels = map[string]string{
	"userunknown":     "unknown address",
	"hostunknown":     "unknown domain",
	"hasmoved":        "address has moved",
	"notaccept":       "domain takes no mail",
	"mailboxfull":     "mailbox full",
	"suspend":         "mailbox disabled",
	"mesgtoobig":      "message too large",
	"exceedlimit":     "over a recipient limit",
	"systemfull":      "server out of storage",
	"systemerror":     "server error",
	"mailererror":     "delivery program failed",
	"networkerror":    "network or DNS trouble",
	"expired":         "gave up after retrying",
	"toomanyconn":     "too many connections",
	"speeding":        "rate limited",
	"blocked":         "sender blocked",
	"badreputation":   "poor sender reputation",
	"requireptr":      "no reverse DNS",
	"authfailure":     "SPF, DKIM or DMARC failure",
	"securityerror":   "sign-in or TLS failure",
	"failedstarttls":  "STARTTLS problem",
	"norelaying":      "relaying refused",
	"rejected":        "sender address refused",
	"spamdetected":    "judged as spam",
	"virusdetected":   "malware found",
	"policyviolation": "refused by policy",
	"contenterror":    "malformed content",
	"notcompliantrfc": "breaks format rules",
	"filtered":        "filtered after acceptance",
	"syntaxerror":     "SMTP command error",
	"suppressed":      "suppressed by the sending service",
	"onhold":          "cause not clear yet",
	"undefined":       "cause not stated",
	"delivered":       "delivered",
	"vacation":        "automatic reply",
	"feedback":        "feedback report",
}

// reasonLabel names a reason in a few plain words.
func reasonLabel(reason string) string {
	if l, ok := reasonLabels[reason]; ok {
		return l
	}
	if reason == "" {
		return "cause not stated"
	}
	return reason
}

// side is where the cause of a failure lies, as the fault picture shows
// it.
type side int

const (
	sideNone side = iota
	sideSender
	sideBetween
	sideRecipient
)

// faultInfo places a fault value (codes.Faults) on one side and names it.
func faultInfo(fault string) (side, string) {
	switch fault {
	case "sender-address":
		return sideSender, "the sender used a wrong or outdated address"
	case "sender-configuration":
		return sideSender, "the sender's mail setup"
	case "sender-reputation":
		return sideSender, "the sender's reputation"
	case "sender-content":
		return sideSender, "the message's content"
	case "sender-volume":
		return sideSender, "how much or how fast the sender sends"
	case "recipient-mailbox":
		return sideRecipient, "the recipient's mailbox"
	case "recipient-server":
		return sideRecipient, "the recipient's mail server"
	case "recipient-policy":
		return sideRecipient, "a rule of the recipient's organisation"
	case "network":
		return sideBetween, "the network or DNS between the servers"
	case "intermediary":
		return sideBetween, "a relay, forwarder or filter on the way"
	case "sending-service":
		return sideBetween, "the email service that sends for the sender"
	}
	return sideNone, "not clear from the text"
}

// sideName is the heading of a side of the fault picture.
func sideName(s side) string {
	switch s {
	case sideSender:
		return "Sender side"
	case sideBetween:
		return "In between"
	case sideRecipient:
		return "Recipient side"
	}
	return "Not clear"
}

// retryLabel says in a few words when to send again, from a finding's
// retry and retry_after values.
func retryLabel(f codes.Finding) string {
	switch f.Retry {
	case "now":
		return "Retry now"
	case "later":
		switch f.RetryAfter {
		case "minutes":
			return "Retry in a few minutes"
		case "hours":
			return "Retry in a few hours"
		case "days":
			return "Retry in a few days"
		}
		return "Retry later"
	case "after-fix":
		return "Fix the cause first, then resend"
	case "never":
		if o := outcomeOf(f); o == OutcomeDelivered || o == OutcomeNotice {
			return "Nothing to resend"
		}
		return "Do not retry this address as it is"
	}
	return "Not clear"
}

// retryClass is the CSS modifier of the retry verdict.
func retryClass(f codes.Finding) string {
	switch f.Retry {
	case "now", "later":
		return "retry-later"
	case "after-fix":
		return "retry-fix"
	case "never":
		if o := outcomeOf(f); o == OutcomeDelivered || o == OutcomeNotice {
			return "retry-none"
		}
		return "retry-never"
	}
	return "retry-none"
}

// plural returns "1 recipient" or "3 recipients".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
