package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// CodePage is the reference page of one code, at /codes/<slug>/. The slug
// is read from the URL, so one component serves every code; a slug that
// is not a code renders an "unknown code" page.
type CodePage struct {
	app.Compo

	slug  string         // the last segment of the URL
	info  codes.CodeInfo // what the registry says, when found
	found bool           // slug is a well-formed code
}

// OnPreRender loads the code named by the URL on the server.
func (p *CodePage) OnPreRender(ctx app.Context) { p.nav(ctx) }

// OnNav loads the code named by the URL in the browser.
func (p *CodePage) OnNav(ctx app.Context) { p.nav(ctx) }

func (p *CodePage) nav(ctx app.Context) {
	p.Load(slugFromPath(ctx.Page().URL().Path))
	setPageMeta(ctx, p.title(), p.description())
}

// Load looks up the code named by slug ("550", "x.1.1").
func (p *CodePage) Load(slug string) {
	p.slug = slug
	info, err := codes.Lookup(slug)
	p.info, p.found = info, err == nil
}

// title is the document title: "SMTP 550: …" or "Enhanced status code
// X.1.1: …".
func (p *CodePage) title() string {
	if !p.found {
		return "Unknown code · " + siteName
	}
	return codeKindName(p.info, true) + " " + p.info.Code + ": " + shortTitle(p.info.Title)
}

func (p *CodePage) description() string {
	if !p.found {
		return "This is not an SMTP reply code or an enhanced status code."
	}
	return firstSentence(p.info.Code+": "+p.info.Explanation, 200)
}

// Render draws the page.
func (p *CodePage) Render() app.UI {
	if !p.found {
		return layout(CodeIndexPath, p.renderUnknown()...)
	}
	return layout(CodeIndexPath, p.renderCode()...)
}

func (p *CodePage) renderUnknown() []app.UI {
	slug := p.slug
	if len([]rune(slug)) > 40 {
		slug = string([]rune(slug)[:40]) + "…"
	}
	return []app.UI{
		breadcrumbs("", ""),
		app.H1().ID("code-title").Text("Unknown code"),
		app.P().Class("lede").Body(
			app.Code().Class("unknown-slug").Text(slug),
			app.Text(" is not an SMTP reply code or an enhanced status code."),
		),
		app.P().Text("Reply codes have three digits and start with 2, 3, 4 or 5, such as 550. " +
			"Enhanced status codes are three numbers joined by dots and start with 2, 4 or 5, such as 5.1.1; " +
			"the reference writes them with an X in front (X.1.1), because the meaning is the same for every class."),
		app.Ul().Class("actions").Body(
			app.Li().Body(app.A().Href(href(CodeIndexPath)).Text("Browse every code")),
			app.Li().Body(app.A().Href(href(HomePath)).Text("Paste the whole error to have it explained")),
		),
	}
}

func (p *CodePage) renderCode() []app.UI {
	info := p.info
	header := []app.UI{
		app.P().Class("eyebrow").Text(codeKindName(info, false)),
		app.H1().ID("code-title").Body(
			app.Span().ID("code").Class("code-big").Text(info.Code),
			app.Span().Class("code-name").Text(shortTitle(info.Title)),
		),
	}
	if full := strings.TrimSpace(info.Title); full != shortTitle(info.Title) {
		header = append(header, app.P().Class("official").Body(
			app.Span().Class("muted").Text("Official text: "), app.Text(full),
		))
	}
	header = append(header, app.Div().Class("badges").Body(codeBadges(info)...))
	body := []app.UI{
		breadcrumbs(groupOf(info)),
		app.Header().Class("code-header").Body(header...),
	}
	if !info.Registered {
		body = append(body, app.P().Class("notice").Text("This code is well formed but not registered: no RFC defines it and the IANA registry does not list it. It is explained from its digits."))
	}
	if p.slug != info.Slug {
		body = append(body, app.P().Class("notice").Body(
			app.Text("The reference lists this code as "),
			codeLink(canonicalName(info), info.Slug),
			app.Text("."),
		))
	}
	if info.Explanation != "" {
		body = append(body, app.P().ID("explanation").Class("lede").Text(info.Explanation))
	}
	body = append(body, digitsSection(info))
	advice := codeAdvice(info)
	responses := responsesFor(info)
	if causes := codeCauses(advice, responses); len(causes) > 0 {
		body = append(body, causesSection(causes))
	}
	if len(advice) > 0 {
		body = append(body, adviceSection(info, advice[0]))
	}
	if info.Description != "" {
		body = append(body, app.Section().ID("description").Body(
			app.H2().Text("Registry description"),
			app.P().Text(info.Description),
		))
	}
	if len(info.Uses) > 0 {
		body = append(body, usesSection(info))
	}
	if len(info.Associated) > 0 {
		heading := "Enhanced status codes used with it"
		if info.Type == codes.TypeStatus {
			heading = "Reply codes used with it"
		}
		body = append(body, app.Section().ID("associated").Body(
			app.H2().Text(heading),
			relatedCodes(info.Associated),
		))
	}
	if len(responses) > 0 {
		body = append(body, responsesSection(responses))
	}
	if len(info.Notes) > 0 {
		items := make([]app.UI, 0, len(info.Notes))
		for _, n := range info.Notes {
			items = append(items, app.Li().Text(n))
		}
		body = append(body, app.Section().ID("notes").Body(
			app.H2().Text("Notes"),
			app.Ul().Class("notes").Body(items...),
		))
	}
	if len(info.References) > 0 {
		items := make([]app.UI, 0, len(info.References))
		for _, r := range info.References {
			items = append(items, app.Li().Body(rfcLink(r)))
		}
		body = append(body, app.Section().ID("references").Body(
			app.H2().Text("References"),
			app.Ul().Class("references").Body(items...),
		))
	}
	return body
}

// causesSection lists the typical causes of a code: the reasons it
// implies, then the reasons of the provider responses that come with it.
func causesSection(causes []cause) app.UI {
	items := make([]app.UI, 0, len(causes))
	for _, c := range causes {
		meaning := ""
		if r, ok := codes.Reason(c.reason); ok {
			meaning = r.Meaning
		}
		note := ""
		switch {
		case c.implied && c.responses > 0:
			note = fmt.Sprintf("what the code means on its own; also %s", plural(c.responses, "known provider response", "known provider responses"))
		case c.implied:
			note = "what the code means on its own"
		default:
			note = plural(c.responses, "known provider response", "known provider responses")
		}
		items = append(items, app.Li().Class("cause").Body(
			app.Span().Class("cause-name").Text(capitalize(reasonLabel(c.reason))),
			app.Span().Class("cause-meaning").Text(capitalize(meaning)+"."),
			app.Span().Class("cause-note").Text(note),
		))
	}
	return app.Section().ID("causes").Body(
		app.H2().Text("Typical causes"),
		app.Ul().Class("causes").Body(items...),
	)
}

// adviceSection says what to do when the code comes without more telling
// words, from the decoder's advice for the code alone.
func adviceSection(info codes.CodeInfo, f codes.Finding) app.UI {
	list := func(title string, steps []string) app.UI {
		items := make([]app.UI, 0, len(steps))
		for _, s := range steps {
			items = append(items, app.Li().Text(s))
		}
		return app.Div().Class("todo-col").Body(app.H3().Class("todo-who").Text(title), app.Ul().Body(items...))
	}
	cols := []app.UI{}
	if len(f.SenderAction) > 0 {
		cols = append(cols, list("If you sent the message", f.SenderAction))
	}
	if len(f.AdminAction) > 0 {
		cols = append(cols, list("If you run the mail system", f.AdminAction))
	}
	code := f.Status
	if code == "" {
		code = f.ReplyCode
	}
	return app.Section().ID("advice").Class("todo").Body(
		app.H2().Text("What to do"),
		app.P().Class("muted").Body(
			app.Text("When "+code+" comes without more telling words. The server's own words often say more: "),
			app.A().Href(href(HomePath)).Text("paste the whole error"),
			app.Text(" to have it explained."),
		),
		app.Div().Class("todo-cols").Body(cols...),
	)
}

// responsesSection lists the known provider responses that come with a
// code.
func responsesSection(responses []codes.Response) app.UI {
	labels := providerLabels()
	const shown = 12
	row := func(r codes.Response) app.UI {
		who := labels[r.Provider]
		if who == "" {
			who = r.Provider
		}
		codesText := strings.TrimSpace(r.ReplyCode + " " + r.Status)
		// The roles keep the table a table for screen readers when a
		// narrow screen lays its rows out as blocks.
		return app.Elem("tr").Attr("role", "row").Body(
			app.Elem("th").Attr("scope", "row").Attr("role", "rowheader").Body(app.Span().Class("resp-provider").Text(who), app.Span().Class("resp-codes").Text(codesText)),
			app.Elem("td").Attr("role", "cell").Body(app.Elem("q").Class("resp-key").Text(r.Key)),
			app.Elem("td").Attr("role", "cell").Body(
				app.Text(r.Meaning),
				app.Span().Class("resp-reason").Text(" "+capitalize(reasonLabel(r.Reason))+"."),
			),
		)
	}
	head := func() app.UI {
		return app.Elem("thead").Attr("role", "rowgroup").Body(app.Elem("tr").Attr("role", "row").Body(
			app.Elem("th").Attr("scope", "col").Attr("role", "columnheader").Text("Who says it"),
			app.Elem("th").Attr("scope", "col").Attr("role", "columnheader").Text("Words in the reply"),
			app.Elem("th").Attr("scope", "col").Attr("role", "columnheader").Text("What it means"),
		))
	}
	table := func(rs []codes.Response, caption string) app.UI {
		rows := make([]app.UI, 0, len(rs))
		for _, r := range rs {
			rows = append(rows, row(r))
		}
		return app.Div().Class("table-scroll").Body(app.Elem("table").Class("responses").Attr("role", "table").Body(
			app.Elem("caption").Class("visually-hidden").Text(caption),
			head(),
			app.Elem("tbody").Attr("role", "rowgroup").Body(rows...),
		))
	}
	body := []app.UI{
		app.H2().Text("What providers say with it"),
		app.P().Class("muted").Text(fmt.Sprintf("%s from mail providers, filters and mail server software that come with this code.",
			capitalize(plural(len(responses), "known response", "known responses")))),
	}
	if len(responses) <= shown+3 {
		body = append(body, table(responses, "Known provider responses"))
	} else {
		body = append(body,
			table(responses[:shown], "Known provider responses"),
			app.Elem("details").Class("more-responses").Body(
				app.Elem("summary").Text(fmt.Sprintf("Show the other %d", len(responses)-shown)),
				table(responses[shown:], "More known provider responses"),
			),
		)
	}
	return app.Section().ID("responses").Body(body...)
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// breadcrumbs leads back to the code index and to the group (id, name)
// of the current code, when there is one.
func breadcrumbs(id, name string) app.UI {
	items := []app.UI{app.Li().Body(app.A().Href(href(CodeIndexPath)).Text("Code reference"))}
	if id != "" {
		items = append(items, app.Li().Body(
			app.A().Href(href(CodeIndexPath+"#"+id)).Text(name),
		))
	}
	return app.Nav().Class("crumbs").Aria("label", "Breadcrumb").Body(app.Ol().Body(items...))
}

// digitsSection explains the code digit by digit.
func digitsSection(info codes.CodeInfo) app.UI {
	items := make([]app.UI, 0, len(info.Digits))
	for _, d := range info.Digits {
		items = append(items, app.Li().Body(
			app.Span().Class("digit").Text(d.Value),
			app.Div().Class("digit-text").Body(
				app.P().Class("digit-position").Text(digitPosition(d.Position)),
				app.P().Class("digit-name").Text(d.Name),
				app.P().Class("digit-meaning").Text(d.Meaning),
			),
		))
	}
	return app.Section().ID("digits").Body(
		app.H2().Text("Digit by digit"),
		app.Ol().Class("digits").Body(items...),
	)
}

// usesSection lists each RFC's definition of a reply code.
func usesSection(info codes.CodeInfo) app.UI {
	heading := "Definition"
	if len(info.Uses) > 1 {
		heading = "Definitions"
	}
	items := make([]app.UI, 0, len(info.Uses))
	for _, u := range info.Uses {
		rows := []app.UI{}
		add := func(label string, value app.UI) {
			rows = append(rows, app.Div().Class("fact").Body(app.Dt().Text(label), app.Dd().Body(value)))
		}
		if u.Commands != "" {
			add("Answers", app.Text(u.Commands))
		}
		if u.Enhanced != "" {
			add("Enhanced codes", relatedCodes(splitCodeList(u.Enhanced)))
		}
		if u.Notes != "" {
			add("Notes", app.Text(u.Notes))
		}
		items = append(items, app.Li().Class("use").Body(
			app.H3().Body(rfcLink(u.RFC)),
			app.P().Class("use-title").Text(u.Title),
			app.Dl().Class("facts").Body(rows...),
		))
	}
	return app.Section().ID("uses").Body(
		app.H2().Text(heading),
		app.Ul().Class("uses").Body(items...),
	)
}

// relatedCodes links each code of list to its page; entries that are not
// codes (patterns such as "5XX") are shown as text.
func relatedCodes(list []string) app.UI {
	items := make([]app.UI, 0, len(list))
	for _, c := range list {
		info, err := codes.Lookup(c)
		if err != nil {
			items = append(items, app.Li().Body(app.Span().Class("chip").Body(app.Span().Class("code").Text(c))))
			continue
		}
		items = append(items, app.Li().Body(
			app.A().Class("chip").Href(href(CodePath(info.Slug))).Title(attrText(info.Title)).Body(
				app.Span().Class("code").Text(c),
				app.Span().Class("chip-title").Text(shortTitle(info.Title)),
			),
		))
	}
	return app.Ul().Class("chips").Body(items...)
}

// splitCodeList splits a list such as "X.6.7; X.6.8" into its codes.
func splitCodeList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == ',' || r == '/' || r == ' '
	})
}

// rfcLink links a reference to the RFC Editor's copy, or shows it as text
// when it does not name an RFC.
func rfcLink(ref string) app.UI {
	if u := rfcURL(ref); u != "" {
		return app.A().Href(u).Rel("noopener").Text(ref)
	}
	return app.Text(ref)
}

// codeBadges label the class of a code and whether it is registered.
func codeBadges(info codes.CodeInfo) []app.UI {
	var badges []app.UI
	switch info.Code[0] {
	case '2':
		badges = append(badges, app.Span().Class("badge", "badge-ok").Text("Success"))
	case '3':
		badges = append(badges, app.Span().Class("badge", "badge-info").Text("Waiting for more input"))
	case '4':
		badges = append(badges, app.Span().Class("badge", "badge-temporary").Text("Temporary failure"))
	case '5':
		badges = append(badges, app.Span().Class("badge", "badge-permanent").Text("Permanent failure"))
	default:
		badges = append(badges, app.Span().Class("badge", "badge-info").Text("Any class"))
	}
	if !info.Registered {
		badges = append(badges, app.Span().Class("badge", "badge-warn").Text("Not registered"))
	}
	return badges
}

// codeKindName names the kind of a code: "SMTP" for a reply code in
// titles, "Enhanced status code" otherwise.
func codeKindName(info codes.CodeInfo, inTitle bool) string {
	switch {
	case info.Type == codes.TypeReply && inTitle:
		return "SMTP"
	case info.Type == codes.TypeReply:
		return "SMTP reply code"
	}
	return "Enhanced status code"
}

// canonicalName is how the reference writes a code: "550" or "X.1.1".
func canonicalName(info codes.CodeInfo) string {
	if info.Type == codes.TypeStatus {
		return strings.ToUpper(info.Slug)
	}
	return info.Code
}

// digitPosition names a digit position for people.
func digitPosition(pos string) string {
	switch pos {
	case "first":
		return "First digit"
	case "second":
		return "Second digit"
	case "third":
		return "Third digit"
	case "class":
		return "Class"
	case "subject":
		return "Subject"
	case "detail":
		return "Detail"
	}
	return pos
}

// shortTitle drops a trailing parenthesised remark from an official title
// ("Requested action not taken: mailbox unavailable (e.g., …)"), unless
// nothing would be left.
func shortTitle(t string) string {
	t = strings.TrimSpace(t)
	if i := strings.Index(t, " ("); i > 0 && strings.HasSuffix(t, ")") {
		return t[:i]
	}
	return t
}
