package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// kindLabel names an input kind of codes.Report for people, with its
// article, or returns "" for a kind that needs no mention.
func kindLabel(kind string) string {
	switch kind {
	case codes.KindReply:
		return "an SMTP reply"
	case codes.KindBounce:
		return "a bounce message"
	case codes.KindDSN:
		return "a delivery status notification"
	case codes.KindLog:
		return "a mail server log"
	case codes.KindTranscript:
		return "an SMTP session"
	case codes.KindESPJSON:
		return "an email service event"
	case codes.KindClientError:
		return "a mail client error"
	case codes.KindCodes:
		return "a list of bare codes"
	}
	return ""
}

// codeChips lists each distinct code of the text once, linked to its page,
// or returns nil when there is none.
func codeChips(refs []codes.CodeRef) app.UI {
	seen := map[string]bool{}
	var items []app.UI
	for _, r := range refs {
		if seen[r.Code] || r.Slug == "" {
			continue
		}
		seen[r.Code] = true
		items = append(items, app.Li().Body(
			app.A().Class("chip").Href(href(CodePath(r.Slug))).Title(attrText(r.Title)).Body(
				app.Span().Class("code").Text(r.Code),
				app.Span().Class("chip-title").Text(shortTitle(r.Title)),
			),
		))
	}
	if items == nil {
		return nil
	}
	return app.Ul().Class("chips").Body(items...)
}
