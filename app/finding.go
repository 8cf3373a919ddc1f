package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// fact is one labelled row of a finding card. The card is a list of facts,
// so a new field of codes.Finding becomes one more entry in findingFacts.
type fact struct {
	key   string // stable name, used as a CSS class: "fact-<key>"
	label string // what the row is called on screen
	value app.UI // the row's content; rows without content are left out
}

// findingCard renders one finding: who it is about, what happened, the
// codes with their official titles, the server's words, the plain
// explanations and the warnings.
func findingCard(f codes.Finding) app.UI {
	recipient := f.Recipient
	if recipient == "" {
		recipient = "No recipient named"
	}
	body := []app.UI{
		app.Header().Class("finding-head").Body(
			app.H3().Class("recipient").Text(recipient),
			app.Div().Class("badges").Body(outcomeBadges(f)...),
		),
	}
	if f.Summary != "" {
		body = append(body, app.P().Class("summary").Text(f.Summary))
	}
	rows := make([]app.UI, 0, 10)
	for _, r := range findingFacts(f) {
		rows = append(rows, app.Div().Class("fact", "fact-"+r.key).Body(
			app.Dt().Text(r.label),
			app.Dd().Body(r.value),
		))
	}
	body = append(body, app.Dl().Class("facts").Body(rows...))
	if expl := explanations(f); len(expl) > 0 {
		body = append(body, app.Section().Class("explanations").Body(
			append([]app.UI{app.H4().Text("What it means")}, expl...)...,
		))
	}
	if len(f.Warnings) > 0 {
		items := make([]app.UI, 0, len(f.Warnings))
		for _, w := range f.Warnings {
			items = append(items, app.Li().Text(w))
		}
		body = append(body, app.Section().Class("finding-warnings").Body(
			app.H4().Text("Warnings"),
			app.Ul().Body(items...),
		))
	}
	return app.Article().Class("finding").Body(body...)
}

// findingFacts lists the rows of a finding card in display order, leaving
// out the ones with nothing to show.
func findingFacts(f codes.Finding) []fact {
	all := []fact{
		{key: "reply", label: "Reply code", value: codeFact(f.ReplyCode)},
		{key: "status", label: "Enhanced code", value: codeFact(f.Status)},
		{key: "reason", label: "Reason", value: reasonFact(f.Reason)},
		{key: "outcome", label: "Outcome", value: outcomeFact(f)},
		{key: "hard-bounce", label: "Hard bounce", value: hardBounceFact(f)},
		{key: "command", label: "SMTP stage", value: textFact(f.Command)},
		{key: "remote-host", label: "Remote server", value: textFact(f.RemoteHost)},
		{key: "provider", label: "Provider", value: textFact(f.Provider)},
		{key: "diagnostic", label: "Server said", value: diagnosticFact(f.Diagnostic)},
	}
	out := all[:0]
	for _, r := range all {
		if r.value != nil {
			out = append(out, r)
		}
	}
	return out
}

// codeFact links a code to its page and shows its official title.
func codeFact(code string) app.UI {
	if code == "" {
		return nil
	}
	info, err := codes.Lookup(code)
	if err != nil {
		return app.Span().Body(app.Code().Text(code))
	}
	return app.Span().Body(
		codeLink(code, info.Slug),
		app.Span().Class("code-title").Text(info.Title),
	)
}

func reasonFact(reason string) app.UI {
	if reason == "" {
		return nil
	}
	parts := []app.UI{app.Code().Class("reason").Text(reason)}
	for _, r := range codes.Default().Reasons() {
		if r.Name == reason && r.Meaning != "" {
			parts = append(parts, app.Span().Class("reason-meaning").Text(r.Meaning))
			break
		}
	}
	return app.Span().Body(parts...)
}

func outcomeFact(f codes.Finding) app.UI {
	switch {
	case f.Action == "delivered" || f.Action == "relayed" || f.Action == "expanded":
		return app.Text("Accepted: the message went through at this step.")
	case f.Permanent:
		return app.Text("Permanent failure: sending the same message again unchanged will fail.")
	case f.ReplyCode == "" && f.Status == "":
		return nil
	}
	return app.Text("Temporary failure: the sending server keeps retrying for a while; it may still be delivered.")
}

func hardBounceFact(f codes.Finding) app.UI {
	if f.HardBounce {
		return app.Text("Yes: the address itself is bad. Correct it or remove it from your list.")
	}
	if f.Permanent {
		return app.Text("No: the address may be fine; the cause is elsewhere.")
	}
	return app.Text("No")
}

func textFact(s string) app.UI {
	if s == "" {
		return nil
	}
	return app.Text(s)
}

func diagnosticFact(s string) app.UI {
	if s == "" {
		return nil
	}
	return app.Pre().Class("diagnostic").Text(s)
}

// outcomeBadges are the short labels beside the recipient.
func outcomeBadges(f codes.Finding) []app.UI {
	var badges []app.UI
	switch {
	case f.Action == "delivered" || f.Action == "relayed" || f.Action == "expanded":
		badges = append(badges, app.Span().Class("badge", "badge-ok").Text("Accepted"))
	case f.Permanent:
		badges = append(badges, app.Span().Class("badge", "badge-permanent").Text("Permanent failure"))
	case f.ReplyCode != "" || f.Status != "":
		badges = append(badges, app.Span().Class("badge", "badge-temporary").Text("Temporary failure"))
	}
	if f.HardBounce {
		badges = append(badges, app.Span().Class("badge", "badge-hard").Text("Hard bounce"))
	}
	return badges
}

// explanations are the finding's own explanation followed by the plain
// explanation of each of its codes.
func explanations(f codes.Finding) []app.UI {
	var out []app.UI
	if f.Explanation != "" {
		out = append(out, app.P().Text(f.Explanation))
	}
	for _, code := range []string{f.ReplyCode, f.Status} {
		if code == "" {
			continue
		}
		info, err := codes.Lookup(code)
		if err != nil || info.Explanation == "" {
			continue
		}
		out = append(out, app.P().Class("code-explanation").Body(
			codeLink(code, info.Slug),
			app.Text(" "+info.Explanation),
		))
	}
	return out
}
