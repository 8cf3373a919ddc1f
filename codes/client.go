package codes

import "strings"

// clientFindings reads a mail client's or library's error message: the
// server's reply it quotes, the recipient it names, and the stage its
// wording implies ("SMTPRecipientsRefused" is RCPT, "EAUTH" is AUTH).
func (d *Decoder) clientFindings(s, client string) []Finding {
	g := segment{kind: segText, text: s, identity: true, span: Span{0, len(s)}}
	results := d.readBounceText(g, map[string]bool{}, true)
	if len(results) == 0 {
		results = []textResult{{text: strings.Join(strings.Fields(s), " "), span: Span{0, len(s)}}}
	}
	stage := d.kb.markers.stage(LowerASCII(s))
	label := d.kb.providers.providers[client].Label
	var out []Finding
	for _, t := range results {
		f := Finding{Recipient: t.recipient, Command: firstNonEmpty(stage, t.command), RemoteHost: t.remoteHost, Client: label}
		if t.hasReply {
			f.ReplyCode, f.Status = t.reply.code, t.reply.status
			f.Evidence = append(f.Evidence, Span{t.reply.start, t.reply.end})
		}
		if t.rcptAt != (Span{}) {
			f.Evidence = append(f.Evidence, t.rcptAt)
		}
		if len(f.Evidence) == 0 {
			f.Evidence = []Span{t.span}
		}
		f.Diagnostic = textDiagnostic(t)
		diag := t.reply.text
		if !t.hasReply {
			diag = t.text
		}
		d.conclude(&f, evidence{status: f.Status, replyCode: f.ReplyCode, diagnostic: diag, context: t.text, command: f.Command})
		out = append(out, f)
	}
	return out
}
