package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// kindLabel names an input kind of codes.Report for people, or returns ""
// for a kind that needs no mention.
func kindLabel(kind string) string {
	switch kind {
	case codes.KindReply:
		return "SMTP reply"
	case codes.KindBounce:
		return "bounce message"
	case codes.KindDSN:
		return "delivery status notification"
	case codes.KindLog:
		return "mail server log"
	case codes.KindTranscript:
		return "SMTP session"
	case codes.KindESPJSON:
		return "email service event"
	case codes.KindClientError:
		return "mail client error"
	case codes.KindCodes:
		return "list of bare codes"
	}
	return ""
}

// reportView renders a decoded report: a one-line status, the report's
// warnings, one card per finding and the codes seen in the text.
func reportView(rep codes.Report) app.UI {
	body := []app.UI{
		app.P().ID("result-status").Class("result-status").Aria("live", "polite").Text(statusLine(rep)),
	}
	for _, w := range rep.Warnings {
		body = append(body, app.P().Class("notice").Text(w))
	}
	for _, f := range rep.Findings {
		body = append(body, findingCard(f))
	}
	if chips := codeChips(rep.Codes); chips != nil {
		body = append(body, app.Section().Class("codes-seen").Body(
			app.H3().Text("Codes in the text"),
			chips,
		))
	}
	return app.Div().ID("result").Class("result").Body(body...)
}

// statusLine summarises a report in a few words.
func statusLine(rep codes.Report) string {
	n := len(rep.Findings)
	if n == 0 {
		return "Nothing to explain yet."
	}
	what := "finding"
	if n > 1 {
		what = "findings"
	}
	if kind := kindLabel(rep.Kind); kind != "" {
		return fmt.Sprintf("%d %s in what looks like %s.", n, what, article(kind))
	}
	return fmt.Sprintf("%d %s.", n, what)
}

// article puts "a" or "an" before a label.
func article(s string) string {
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + s
	}
	return "a " + s
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
