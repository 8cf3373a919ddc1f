package codes

// Input kinds reported in Report.Kind.
const (
	KindReply       = "reply"        // one or more SMTP server replies
	KindBounce      = "bounce"       // a bounce email without a machine-readable DSN part
	KindDSN         = "dsn"          // an RFC 3464 delivery status notification
	KindLog         = "log"          // MTA log lines
	KindTranscript  = "transcript"   // an SMTP session as a client saw it
	KindESPJSON     = "esp-json"     // an email service provider's event JSON
	KindClientError = "client-error" // a mail client's or library's error message
	KindCodes       = "codes"        // bare codes without the server's words
	KindUnknown     = "unknown"      // nothing recognisable
)

// Report is what Decode found in one input. It is the JSON contract of the
// CLI's --json output: fields may be added, never renamed, and unknown
// values are empty strings rather than missing keys.
type Report struct {
	Kind     string    `json:"kind"`
	Findings []Finding `json:"findings"`
	Codes    []CodeRef `json:"codes"`
	Warnings []string  `json:"warnings"`
	Reporter string    `json:"reporter"` // the software or service that wrote the bounce or log, when recognised
	Session  []Step    `json:"session"`  // the SMTP session, for a transcript
}

// Span is a half-open byte range [Start, End) of the decoded input.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Finding is what happened to one recipient (or, when no recipient is
// named, to one reply).
type Finding struct {
	Recipient   string   `json:"recipient"`   // the affected address, "" if none is named
	Action      string   `json:"action"`      // failed, delayed, delivered, relayed, expanded or ""
	ReplyCode   string   `json:"reply_code"`  // basic reply code, e.g. "550"
	Status      string   `json:"status"`      // enhanced status code, e.g. "5.1.1"
	Reason      string   `json:"reason"`      // one reason from the vocabulary (Reasons)
	Permanent   bool     `json:"permanent"`   // retrying the same message unchanged will not help
	HardBounce  bool     `json:"hard_bounce"` // the address itself is bad and should be removed or fixed
	Command     string   `json:"command"`     // SMTP stage: CONNECT, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, DATA-END or ""
	RemoteHost  string   `json:"remote_host"` // the server that gave the reply
	Provider    string   `json:"provider"`    // who produced the reply, when recognised
	Client      string   `json:"client"`      // the mail client or library whose error this is, when recognised
	Diagnostic  string   `json:"diagnostic"`  // the server's words, unfolded
	Summary     string   `json:"summary"`     // one plain sentence
	Explanation string   `json:"explanation"` // what happened and why
	Evidence    []Span   `json:"evidence"`    // where in the input this was read
	Warnings    []string `json:"warnings"`    // conflicts and cautions about this finding

	Fault        string      `json:"fault"`         // whose side the problem is on (Faults)
	FaultWhy     string      `json:"fault_why"`     // why it is that side's
	Retry        string      `json:"retry"`         // now, later, after-fix or never
	RetryAfter   string      `json:"retry_after"`   // with later: minutes, hours or days
	RetryWhy     string      `json:"retry_why"`     // why
	SenderAction []string    `json:"sender_action"` // steps for the person who sent the message
	AdminAction  []string    `json:"admin_action"`  // steps for the sending system's administrator
	References   []Reference `json:"references"`    // RFC sections and providers' help pages
	Crosswalk    Crosswalk   `json:"crosswalk"`     // the same outcome in ESPs' vocabularies

	response *Response // the known provider response it matched, if any
	words    string    // the reason the words gave, when the stage overrode it
}

// Reference is a document that explains a finding.
type Reference struct {
	Title string `json:"title"` // "RFC 3463 §3.2" or a provider's page name
	URL   string `json:"url"`   // where to read it
}

// Crosswalk gives a finding's equivalent in the bounce vocabularies of
// email service providers, so results can be compared with theirs.
type Crosswalk struct {
	SESType        string `json:"ses_type"`        // Amazon SES bounceType: Permanent, Transient, Undetermined
	SESSubtype     string `json:"ses_subtype"`     // Amazon SES bounceSubType: General, NoEmail, MailboxFull, ...
	SendGrid       string `json:"sendgrid"`        // SendGrid event classification: bounce, blocked, deferred, ...
	SparkPostClass string `json:"sparkpost_class"` // SparkPost bounce class number
	SparkPostName  string `json:"sparkpost_name"`  // SparkPost bounce class name
	PostmarkType   string `json:"postmark_type"`   // Postmark bounce type: HardBounce, SoftBounce, ...
}

// Faults lists the values of Finding.Fault.
func Faults() []string {
	return []string{
		"sender-address", "sender-configuration", "sender-reputation", "sender-content", "sender-volume",
		"recipient-mailbox", "recipient-server", "recipient-policy", "network", "intermediary", "sending-service", "unknown",
	}
}

// Retries lists the values of Finding.Retry.
func Retries() []string { return []string{"now", "later", "after-fix", "never"} }

// CodeRef is one code found in the input, with its registry meaning.
type CodeRef struct {
	Code       string `json:"code"`       // as canonicalised: "550", "5.1.1"
	Type       string `json:"type"`       // TypeReply or TypeStatus
	Title      string `json:"title"`      // official title
	Registered bool   `json:"registered"` // known to the registry
	Class      string `json:"class"`      // meaning of the class / first digit
	Subject    string `json:"subject"`    // meaning of the subject / second digit
	Detail     string `json:"detail"`     // meaning of the detail / third digit
	Slug       string `json:"slug"`       // path segment of the code's reference page
	Start      int    `json:"start"`      // byte offset in the input
	End        int    `json:"end"`        // end offset (exclusive)
}

// normalize replaces nil slices by empty ones so that JSON shows [] rather
// than null.
func (r *Report) normalize() {
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	if r.Codes == nil {
		r.Codes = []CodeRef{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	if r.Session == nil {
		r.Session = []Step{}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Evidence == nil {
			f.Evidence = []Span{}
		}
		if f.Warnings == nil {
			f.Warnings = []string{}
		}
		if f.SenderAction == nil {
			f.SenderAction = []string{}
		}
		if f.AdminAction == nil {
			f.AdminAction = []string{}
		}
		if f.References == nil {
			f.References = []Reference{}
		}
	}
}
