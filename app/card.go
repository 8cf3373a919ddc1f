package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// cardBox is one card as a component of its own. Its exported fields are
// compared when the explanation is drawn again: a card whose finding and
// state did not change is neither drawn nor compared element by element,
// so drawing a result in steps costs what each step adds.
type cardBox struct {
	app.Compo

	// Card is the card to draw; a new result brings new pointers.
	Card *Card
	// Level is the heading level of the headline.
	Level int
	// Active marks the card last gone to.
	Active bool
	// InText shows the button that leads to the card's place in the text.
	InText bool
	// Whole draws all of the card; otherwise only its top is: the
	// recipient, the headline, the badges and the verdict.
	Whole bool
	// Details draws the technical details, which are closed at first;
	// until then only their heading is there, and opening it asks for
	// them through onDetails.
	Details bool
	// ID is the card's element id; empty means cardID of its number.
	ID string

	onShowInText app.EventHandler // the explanation's, set when first drawn
	onDetails    app.EventHandler // the same
}

// Render draws the card.
func (b *cardBox) Render() app.UI {
	id := b.ID
	if id == "" {
		id = cardID(b.Card.N)
	}
	return cardView(*b.Card, id, b.Level, b.Active, b.InText, b.onShowInText, b.Whole, b.Details, b.onDetails)
}

// cardView draws the card of one finding, verdict first: the headline and
// badges, whose side the problem is on, when to retry, what to do, then
// what happened, the server's words and the technical details, in an
// element of the given id (its headline's is id-title); only its top, up
// to the verdict, unless whole is true. level is
// the heading level of the card's headline. onShowInText handles the
// button that leads back to the card's place in the text, shown when
// inText is true. The technical details are drawn when details is true;
// otherwise their closed heading is, and opening it calls onDetails.
func cardView(c Card, id string, level int, active, inText bool, onShowInText app.EventHandler, whole, details bool, onDetails app.EventHandler) app.UI {
	f := c.Finding
	recipient := f.Recipient
	if recipient == "" {
		recipient = "No recipient named"
	}
	headline := f.Summary
	if headline == "" {
		headline = "The text does not say what happened."
	}
	body := []app.UI{
		app.Header().Class("card-head").Body(
			app.P().Class("card-recipient").Text(recipient),
			heading(level, id+"-title", "headline", headline),
			app.Ul().Class("badges").Aria("label", "Outcome and codes").Body(cardBadges(f)...),
		),
		app.Div().Class("verdict").Body(
			faultView(f, level+1),
			retryView(f, level+1),
		),
	}
	cls := []string{"card", "outcome-" + outcomeOf(f)}
	if active {
		cls = append(cls, "card-active")
	}
	card := app.Article().ID(id).Class(cls...).TabIndex(-1).Aria("labelledby", id+"-title")
	if !whole {
		return card.Body(body...)
	}
	if len(f.SenderAction) > 0 || len(f.AdminAction) > 0 {
		body = append(body, todoView(f, level+1))
	}
	what := []app.UI{heading(level+1, "", "", "What happened")}
	if f.Explanation != "" {
		what = append(what, app.P().Class("explanation").Text(f.Explanation))
	}
	if f.Diagnostic != "" {
		what = append(what,
			app.P().Class("said-label").Text(saidBy(f)),
			app.Pre().Class("diagnostic").Text(f.Diagnostic),
		)
	}
	body = append(body, app.Section().Class("what").Body(what...))
	if len(f.Warnings) > 0 {
		items := make([]app.UI, 0, len(f.Warnings))
		for _, w := range f.Warnings {
			items = append(items, app.Li().Text(w))
		}
		body = append(body, app.Div().Class("card-warnings").Body(
			app.P().Class("card-warnings-title").Text("Be careful"),
			app.Ul().Body(items...),
		))
	}
	if details {
		body = append(body, detailsView(f))
	} else {
		body = append(body, app.Elem("details").Class("card-details").On("toggle", onDetails).Body(
			app.Elem("summary").Text("Technical details"),
		))
	}
	if inText {
		body = append(body, app.Div().Class("card-foot").Body(
			app.Button().Type("button").Class("link-button show-in-text").
				DataSet("card", c.N+1).Aria("describedby", id+"-title").
				OnClick(onShowInText).Text("Show in the text"),
		))
	}
	return card.Body(body...)
}

// heading is a heading of the given level (3 to 6) with an optional id and
// class.
func heading(level int, id, class, text string) app.UI {
	level = min(max(level, 3), 6)
	e := app.Elem("h" + strconv.Itoa(level)).Text(text)
	if id != "" {
		e = e.ID(id)
	}
	if class != "" {
		e = e.Class(class)
	}
	return e
}

// cardBadges are the short labels under a card's headline.
func cardBadges(f codes.Finding) []app.UI {
	var out []app.UI
	badge := func(class, text string) {
		out = append(out, app.Li().Body(app.Span().Class("badge", class).Text(text)))
	}
	switch outcomeOf(f) {
	case OutcomeFailed:
		badge("badge-permanent", "Permanent failure")
	case OutcomeTemporary:
		badge("badge-temporary", "Temporary failure")
	case OutcomeDelivered:
		badge("badge-ok", "Delivered")
	default:
		if f.Reason == "feedback" {
			badge("badge-info", "Feedback report")
		} else {
			badge("badge-info", "Automatic reply")
		}
	}
	if f.HardBounce {
		badge("badge-hard", "Hard bounce")
	}
	for _, code := range []string{f.ReplyCode, f.Status} {
		if code == "" {
			continue
		}
		if info, err := codes.Lookup(code); err == nil {
			out = append(out, app.Li().Body(
				app.A().Class("badge", "badge-code").Href(href(CodePath(info.Slug))).Title(attrText(shortTitle(info.Title))).Body(
					app.Span().Class("visually-hidden").Text(codeKindLabel(info)+" "),
					app.Text(code),
				),
			))
		} else {
			badge("badge-code", code)
		}
	}
	if f.Provider != "" {
		badge("badge-provider", f.Provider)
	}
	if f.Client != "" && f.Client != f.Provider {
		badge("badge-provider", f.Client)
	}
	if f.Command != "" {
		badge("badge-stage", "At "+f.Command)
	}
	return out
}

// codeKindLabel names a code's kind for screen readers, before the code.
func codeKindLabel(info codes.CodeInfo) string {
	if info.Type == codes.TypeReply {
		return "Reply code"
	}
	return "Enhanced status code"
}

// faultView shows whose side the problem is on: sender, in between or
// recipient, with the reason.
func faultView(f codes.Finding, level int) app.UI {
	s, label := faultInfo(f.Fault)
	stops := make([]app.UI, 0, 3)
	for _, st := range []side{sideSender, sideBetween, sideRecipient} {
		cls := []string{"fault-stop"}
		if st == s {
			cls = append(cls, "fault-on")
		}
		stops = append(stops, app.Li().Class(cls...).Body(
			app.Span().Class("fault-dot"),
			app.Span().Class("fault-name").Text(sideName(st)),
		))
	}
	body := []app.UI{
		heading(level, "", "verdict-title", "Whose side"),
		app.Ol().Class("fault-track").Aria("hidden", true).Body(stops...),
		app.P().Class("fault-label").Body(
			app.Elem("strong").Text(sideName(s)+": "),
			app.Text(label),
		),
	}
	if f.FaultWhy != "" {
		body = append(body, app.P().Class("verdict-why").Text(f.FaultWhy))
	}
	return app.Section().Class("fault", "fault-"+sideClass(s)).Body(body...)
}

// sideClass is the CSS modifier of a side.
func sideClass(s side) string {
	switch s {
	case sideSender:
		return "sender"
	case sideBetween:
		return "between"
	case sideRecipient:
		return "recipient"
	}
	return "none"
}

// retryView shows when to send again and why.
func retryView(f codes.Finding, level int) app.UI {
	body := []app.UI{
		heading(level, "", "verdict-title", "When to retry"),
		app.P().Class("retry-label").Body(
			app.Span().Class("retry-icon").Aria("hidden", true),
			app.Text(retryLabel(f)),
		),
	}
	if f.RetryWhy != "" {
		body = append(body, app.P().Class("verdict-why").Text(f.RetryWhy))
	}
	return app.Section().Class("retry", retryClass(f)).Body(body...)
}

// todoView lists the steps for the sender and for the administrator.
func todoView(f codes.Finding, level int) app.UI {
	cols := []app.UI{}
	list := func(title string, steps []string, cls string) {
		if len(steps) == 0 {
			return
		}
		items := make([]app.UI, 0, len(steps))
		for _, s := range steps {
			items = append(items, app.Li().Text(s))
		}
		cols = append(cols, app.Div().Class("todo-col", cls).Body(
			app.P().Class("todo-who").Text(title),
			app.Ul().Body(items...),
		))
	}
	list("If you sent the message", f.SenderAction, "todo-sender")
	list("If you run the mail system", f.AdminAction, "todo-admin")
	return app.Section().Class("todo").Body(
		heading(level, "", "", "What to do"),
		app.Div().Class("todo-cols").Body(cols...),
	)
}

// saidBy introduces the server's words.
func saidBy(f codes.Finding) string {
	switch {
	case f.RemoteHost != "":
		return "What " + f.RemoteHost + " said:"
	case f.Client != "" && f.Provider == "":
		return "The error message:"
	}
	return "What the server said:"
}

// detailsView holds the technical details of a finding, folded away: the
// facts, the codes with their titles, the crosswalk to email services'
// vocabularies and the references.
func detailsView(f codes.Finding) app.UI {
	var facts []app.UI
	fact := func(label string, value app.UI) {
		facts = append(facts, app.Div().Class("fact").Body(app.Dt().Text(label), app.Dd().Body(value)))
	}
	for _, code := range []string{f.ReplyCode, f.Status} {
		if code == "" {
			continue
		}
		info, err := codes.Lookup(code)
		if err != nil {
			fact("Code", app.Code().Text(code))
			continue
		}
		label := "Reply code"
		if info.Type == codes.TypeStatus {
			label = "Enhanced code"
		}
		fact(label, app.Span().Body(
			codeLink(code, info.Slug),
			app.Span().Class("code-title").Text(shortTitle(info.Title)),
		))
	}
	if f.Reason != "" {
		meaning := ""
		if r, ok := codes.Reason(f.Reason); ok {
			meaning = r.Meaning
		}
		fact("Reason", app.Span().Body(app.Code().Class("reason").Text(f.Reason), app.Span().Class("reason-meaning").Text(meaning)))
	}
	if f.Action != "" {
		fact("Action", app.Text(f.Action))
	}
	if f.Command != "" {
		fact("SMTP stage", app.Text(stageText(f.Command)))
	}
	if f.RemoteHost != "" {
		fact("Remote server", app.Text(f.RemoteHost))
	}
	if f.Provider != "" {
		fact("Answered by", app.Text(f.Provider))
	}
	if f.Client != "" {
		fact("Mail client", app.Text(f.Client))
	}
	body := []app.UI{
		app.Elem("summary").Text("Technical details"),
		app.Dl().Class("facts").Body(facts...),
	}
	if cw := crosswalkView(f.Crosswalk); cw != nil {
		body = append(body, cw)
	}
	if len(f.References) > 0 {
		items := make([]app.UI, 0, len(f.References))
		for _, r := range f.References {
			if r.URL == "" {
				items = append(items, app.Li().Text(r.Title))
				continue
			}
			items = append(items, app.Li().Body(app.A().Href(r.URL).Rel("noopener noreferrer").Text(r.Title)))
		}
		body = append(body, app.P().Class("details-label").Text("Read more"), app.Ul().Class("references").Body(items...))
	}
	return app.Elem("details").Class("card-details").Body(body...)
}

// stageText names an SMTP stage for people.
func stageText(cmd string) string {
	switch cmd {
	case "CONNECT":
		return "connecting (the server's greeting)"
	case "EHLO":
		return "EHLO (the client introducing itself)"
	case "STARTTLS":
		return "STARTTLS (switching to encryption)"
	case "AUTH":
		return "AUTH (signing in)"
	case "MAIL":
		return "MAIL FROM (the sender's address)"
	case "RCPT":
		return "RCPT TO (the recipient's address)"
	case "DATA":
		return "DATA (before the message was sent)"
	case "DATA-END":
		return "end of DATA (after the whole message was sent)"
	}
	return cmd
}

// crosswalkView is the table of the same outcome in email services'
// vocabularies, or nil when there is nothing to show.
func crosswalkView(cw codes.Crosswalk) app.UI {
	var rows []app.UI
	row := func(service, value string) {
		if value == "" {
			return
		}
		rows = append(rows, app.Elem("tr").Body(app.Elem("th").Attr("scope", "row").Text(service), app.Elem("td").Text(value)))
	}
	ses := cw.SESType
	if cw.SESSubtype != "" {
		ses += " / " + cw.SESSubtype
	}
	row("Amazon SES", ses)
	row("SendGrid", cw.SendGrid)
	sp := cw.SparkPostName
	if cw.SparkPostClass != "" {
		sp = cw.SparkPostClass + " " + sp
	}
	row("SparkPost", sp)
	row("Postmark", cw.PostmarkType)
	if rows == nil {
		return nil
	}
	return app.Elem("table").Class("crosswalk").Body(
		app.Elem("caption").Text("The same outcome as email services name it"),
		app.Elem("thead").Body(app.Elem("tr").Body(app.Elem("th").Attr("scope", "col").Text("Service"), app.Elem("th").Attr("scope", "col").Text("Bounce type"))),
		app.Elem("tbody").Body(rows...),
	)
}
