package codes

import (
	"encoding/json"
	"fmt"
	"strings"
)

// espEvent is one recipient's outcome in an email service provider's
// event: what the provider reports, before classification.
type espEvent struct {
	esp        string // ses, sendgrid, mailgun, postmark
	kind       string // the provider's type (and subtype), as in esp-types.tsv
	recipient  string
	action     string
	status     string
	diagnostic string
	remoteHost string
}

// loadESPTypes reads data/esp-types.tsv: "esp\x00value" -> reason.
func loadESPTypes(src fileSource, kb *knowledgeBase) (map[string]string, error) {
	t, err := src.table("esp-types.tsv", "esp", "value", "reason")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, row := range t.rows() {
		r := t.get(row, "reason")
		if _, ok := kb.reasons[r]; r != "" && !ok {
			return nil, t.errorf(i, "unknown reason %q", r)
		}
		out[t.get(row, "esp")+"\x00"+lowerText(t.get(row, "value"))] = r
	}
	return out, nil
}

// findJSON returns the offset of the first JSON object or array in s when s
// (after leading space) is JSON, or -1.
func findJSON(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if i < len(s) && (s[i] == '{' || s[i] == '[') {
		return i
	}
	return -1
}

// parseESP reads an ESP event payload: Amazon SES notifications (also in
// an SNS envelope), SendGrid and Mailgun webhooks, Postmark bounce
// webhooks, one event or a list of them. ok is false when s is not JSON of
// a known shape.
func parseESP(s string) (events []espEvent, ok bool) {
	var v any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	walkESP(v, &events, 0)
	return events, len(events) > 0
}

func walkESP(v any, out *[]espEvent, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkESP(e, out, depth+1)
		}
	case map[string]any:
		// SNS envelope: the SES notification is a JSON string in Message.
		if msg, ok := x["Message"].(string); ok && str(x, "Type") == "Notification" {
			var inner any
			if json.Unmarshal([]byte(msg), &inner) == nil {
				walkESP(inner, out, depth+1)
				return
			}
		}
		if ed, ok := x["event-data"].(map[string]any); ok {
			walkESP(ed, out, depth+1)
			return
		}
		switch {
		case str(x, "notificationType") != "" || str(x, "eventType") != "":
			*out = append(*out, sesEvents(x)...)
		case str(x, "RecordType") != "" || (str(x, "Email") != "" && str(x, "Type") != ""):
			*out = append(*out, postmarkEvent(x))
		case str(x, "event") != "" && str(x, "recipient") != "":
			*out = append(*out, mailgunEvent(x))
		case str(x, "event") != "" && str(x, "email") != "":
			*out = append(*out, sendgridEvent(x))
		}
	}
}

func sesEvents(x map[string]any) []espEvent {
	typ := str(x, "notificationType")
	if typ == "" {
		typ = str(x, "eventType")
	}
	var out []espEvent
	switch typ {
	case "Bounce":
		b, _ := x["bounce"].(map[string]any)
		kind := str(b, "bounceType") + "/" + str(b, "bounceSubType")
		for _, r := range list(b, "bouncedRecipients") {
			rm, _ := r.(map[string]any)
			out = append(out, espEvent{esp: "ses", kind: kind, recipient: str(rm, "emailAddress"),
				action: str(rm, "action"), status: str(rm, "status"), diagnostic: str(rm, "diagnosticCode"),
				remoteHost: typedValue(str(b, "reportingMTA"))})
		}
	case "Complaint":
		c, _ := x["complaint"].(map[string]any)
		for _, r := range list(c, "complainedRecipients") {
			rm, _ := r.(map[string]any)
			out = append(out, espEvent{esp: "ses", kind: "Complaint", recipient: str(rm, "emailAddress"),
				diagnostic: strings.TrimSpace("Feedback-Type: " + str(c, "complaintFeedbackType"))})
		}
	case "Delivery":
		dl, _ := x["delivery"].(map[string]any)
		for _, r := range list(dl, "recipients") {
			rs, _ := r.(string)
			out = append(out, espEvent{esp: "ses", kind: "Delivery", recipient: rs, action: "delivered",
				diagnostic: str(dl, "smtpResponse"), remoteHost: str(dl, "remoteMtaIp")})
		}
	case "DeliveryDelay":
		dd, _ := x["deliveryDelay"].(map[string]any)
		for _, r := range list(dd, "delayedRecipients") {
			rm, _ := r.(map[string]any)
			out = append(out, espEvent{esp: "ses", kind: "DeliveryDelay", recipient: str(rm, "emailAddress"),
				action: "delayed", status: str(rm, "status"), diagnostic: str(rm, "diagnosticCode")})
		}
	case "Reject":
		rj, _ := x["reject"].(map[string]any)
		mail, _ := x["mail"].(map[string]any)
		for _, r := range list(mail, "destination") {
			rs, _ := r.(string)
			out = append(out, espEvent{esp: "ses", kind: "Reject", recipient: rs, action: "failed", diagnostic: str(rj, "reason")})
		}
	}
	return out
}

func sendgridEvent(x map[string]any) espEvent {
	e := espEvent{esp: "sendgrid", kind: str(x, "event"), recipient: str(x, "email"), status: str(x, "status")}
	e.diagnostic = str(x, "reason")
	if e.diagnostic == "" {
		e.diagnostic = str(x, "response")
	}
	if t := str(x, "type"); t == "blocked" {
		e.kind = "blocked"
	}
	switch e.kind {
	case "delivered":
		e.action = "delivered"
	case "deferred":
		e.action = "delayed"
	default:
		e.action = "failed"
	}
	return e
}

func mailgunEvent(x map[string]any) espEvent {
	e := espEvent{esp: "mailgun", kind: str(x, "event"), recipient: str(x, "recipient")}
	if r := str(x, "reason"); e.kind == "failed" && strings.HasPrefix(r, "suppress-") {
		e.kind = r
	}
	ds, _ := x["delivery-status"].(map[string]any)
	code := str(ds, "code")
	msg := strings.TrimSpace(str(ds, "message"))
	if msg == "" {
		msg = str(ds, "description")
	}
	if code != "" && !strings.HasPrefix(msg, code) {
		msg = code + " " + msg
	}
	e.diagnostic = strings.TrimSpace(msg)
	e.status = str(ds, "enhanced-code")
	e.remoteHost = str(ds, "mx-host")
	switch {
	case e.kind == "delivered":
		e.action = "delivered"
	case str(x, "severity") == "temporary":
		e.action = "delayed"
	default:
		e.action = "failed"
	}
	return e
}

func postmarkEvent(x map[string]any) espEvent {
	e := espEvent{esp: "postmark", kind: str(x, "Type"), recipient: str(x, "Email"), action: "failed"}
	e.diagnostic = str(x, "Details")
	if e.diagnostic == "" {
		e.diagnostic = str(x, "Description")
	}
	if strings.EqualFold(e.kind, "SoftBounce") || strings.EqualFold(e.kind, "Transient") {
		e.action = "delayed"
	}
	return e
}

// str returns a field as a string (numbers included), or "".
func str(m map[string]any, key string) string {
	if m == nil {
		return ""
	}
	switch v := m[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case float64:
		return fmt.Sprint(v)
	}
	return ""
}

func list(m map[string]any, key string) []any {
	if m == nil {
		return nil
	}
	l, _ := m[key].([]any)
	return l
}

// espFindings classifies ESP events. The diagnostic's own codes and words
// come first; the provider's classification decides when they do not.
func (d *Decoder) espFindings(events []espEvent, span Span) []Finding {
	var out []Finding
	for _, e := range events {
		f := Finding{Recipient: e.recipient, Action: e.action, RemoteHost: lowerText(e.remoteHost), Diagnostic: e.diagnostic}
		diag := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(e.diagnostic, "smtp;"), "SMTP;"))
		if rp, ok := primaryReply(extractReplies(diag, scanCodes(diag))); ok {
			f.ReplyCode, f.Status = rp.code, rp.status
		}
		if sc, err := ParseCode(e.status); err == nil && sc.Type == TypeStatus && sc.Class != 0 {
			if f.Status != "" && f.Status != sc.String() {
				f.Warnings = append(f.Warnings, fmt.Sprintf("The provider reports status %s but the server's reply says %s; the server's reply was followed.", sc, f.Status))
			} else {
				f.Status = sc.String()
			}
		}
		f.Evidence = []Span{span}
		espReason, known := d.kb.espTypes[e.esp+"\x00"+lowerText(e.kind)]
		switch {
		case known && (espReason == "feedback" || espReason == "delivered" || espReason == "suppressed" || espReason == "vacation"):
			f.Reason = espReason
			d.complete(&f)
		default:
			d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: diag, action: f.Action, fallback: espReason})
		}
		out = append(out, f)
	}
	return out
}
