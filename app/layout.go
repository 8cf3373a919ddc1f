package app

import (
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// siteName is the app's name as shown in the header and in page titles.
const siteName = "smtpexplain"

// layout wraps a page's content in the site header, the main landmark and
// the footer. current is the path of the navigation entry to mark as the
// current page, or "".
func layout(current string, content ...app.UI) app.UI {
	page := "page"
	if current == HomePath {
		page = "page page-wide"
	}
	return app.Div().Class(page).Body(
		app.Header().Class("site-header").Body(
			app.Div().Class("bar").Body(
				app.A().Class("brand").Href(href(HomePath)).Text(siteName),
				app.Nav().Class("site-nav").Aria("label", "Main").Body(
					navLink(current, HomePath, "Explain"),
					navLink(current, CodeIndexPath, "Code reference"),
				),
			),
		),
		app.Main().ID("main").Class("content").Body(content...),
		app.Footer().Class("site-footer").Body(
			app.P().Text("Everything is decoded in your browser: nothing you paste leaves this page."),
			app.P().Text("Reply codes from RFC 5321 and its extensions; enhanced status codes from RFC 3463 and the IANA registry (RFC 5248)."),
		),
		&UpdateNotice{},
	)
}

// navLink is one entry of the site navigation.
func navLink(current, path, label string) app.UI {
	a := app.A().Href(href(path)).Text(label)
	if current == path {
		a = a.Aria("current", "page")
	}
	return a
}

// codeLink links a code ("550", "5.1.1") to its page, given its slug.
func codeLink(code, slug string) app.UI {
	return app.A().Class("code").Href(href(CodePath(slug))).Text(code)
}

// setPageMeta sets the document title and the meta description, both when
// the page is pre-rendered and when the browser navigates to it.
func setPageMeta(ctx app.Context, title, description string) {
	ctx.Page().SetTitle(attrText(title))
	ctx.Page().SetDescription(attrText(description))
}

// attrText prepares text for an attribute value. go-app writes attribute
// values of pre-rendered pages with Go quoting, which turns '"' into '\"'
// and so ends the attribute early in HTML; use apostrophes instead.
func attrText(s string) string {
	return strings.ReplaceAll(s, `"`, "'")
}

// firstSentence shortens text to its first sentence, for meta
// descriptions, cutting at a word boundary when even that is too long.
func firstSentence(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.Index(text, ". "); i >= 0 {
		text = text[:i+1]
	}
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexByte(text[:max], ' ')
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], " ,;:") + "…"
}
