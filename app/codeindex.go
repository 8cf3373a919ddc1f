package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// codeGroup is one group of the code index: the reply codes of one class
// or the enhanced status codes of one subject.
type codeGroup struct {
	id    string // anchor on the index page: "reply-5xx", "status-x.1"
	name  string // heading: "5xx Permanent Negative Completion reply"
	about string // what the group's shared digit means
	codes []codes.CodeInfo
}

// searchID is the id of the code index's search box.
const searchID = "code-search"

// CodeIndex lists every registered code, reply codes grouped by class and
// enhanced status codes grouped by subject, each linking to its page. A
// search box filters them as the user types, on the page: by code, by the
// words of their titles and explanations, by the causes they imply and by
// the provider responses that come with them.
//
// Like the explainer's text area, the search box is uncontrolled and stays
// disabled until the app has mounted.
type CodeIndex struct {
	app.Compo

	ready bool
	query string
}

// OnMount enables the search box.
func (c *CodeIndex) OnMount(ctx app.Context) { c.ready = true }

// Search shows the codes that match query; "" shows every code.
func (c *CodeIndex) Search(query string) { c.query = strings.TrimSpace(query) }

func (c *CodeIndex) onSearch(ctx app.Context, e app.Event) {
	c.Search(ctx.JSSrc().Get("value").String())
}

// OnPreRender sets the page title and description on the server.
func (c *CodeIndex) OnPreRender(ctx app.Context) { c.setMeta(ctx) }

// OnNav sets the page title and description in the browser.
func (c *CodeIndex) OnNav(ctx app.Context) { c.setMeta(ctx) }

func (c *CodeIndex) setMeta(ctx app.Context) {
	setPageMeta(ctx, "SMTP reply codes and enhanced status codes · "+siteName,
		"Every SMTP reply code from RFC 5321 and its extensions and every enhanced status code of the IANA registry, each explained digit by digit.")
}

// Render draws the page.
func (c *CodeIndex) Render() app.UI {
	replies, statuses := groupCodes(codes.All())
	nReply, nStatus := 0, 0
	for _, g := range replies {
		nReply += len(g.codes)
	}
	for _, g := range statuses {
		nStatus += len(g.codes)
	}
	return layout(CodeIndexPath,
		app.Div().Class("intro").Body(
			app.H1().Text("SMTP code reference"),
			app.P().Class("lede").Text(fmt.Sprintf(
				"The %d reply codes defined by RFC 5321 and its extensions, and the %d enhanced status codes of the IANA registry. "+
					"Each page explains the code digit by digit, in plain words and as the RFCs define it.", nReply, nStatus)),
		),
		c.searchBox(),
		c.listing(replies, statuses),
	)
}

// searchBox is the search field with its result count.
func (c *CodeIndex) searchBox() app.UI {
	input := app.Input().Type("search").ID(searchID).Name("q").
		Placeholder("550, 5.7.1, mailbox full, RecipientNotFound…").
		Attr("autocomplete", "off").Spellcheck(false).
		Aria("describedby", "search-status").
		OnInput(c.onSearch)
	if !c.ready {
		input = input.Disabled(true)
	}
	status := "Type a code, a few words or a phrase from a server's reply."
	if c.query != "" {
		n := len(searchCodes(c.query))
		switch n {
		case 0:
			status = "No code matches “" + c.query + "”."
		default:
			status = plural(n, "code matches", "codes match") + " “" + c.query + "”."
		}
	}
	return app.Div().Class("search").Attr("role", "search").Body(
		app.Label().For(searchID).Text("Search the codes"),
		input,
		app.P().ID("search-status").Class("help").Attr("role", "status").Text(status),
	)
}

// listing is every code by group, or the codes that match the search.
func (c *CodeIndex) listing(replies, statuses []codeGroup) app.UI {
	if c.query != "" {
		hits := searchCodes(c.query)
		items := make([]app.UI, 0, len(hits))
		for _, h := range hits {
			link := []app.UI{
				app.Span().Class("code").Text(canonicalName(h.Info)),
				app.Span().Class("code-list-title").Text(shortTitle(h.Info.Title)),
			}
			if h.Via != "" {
				link = append(link, app.Span().Class("code-list-via").Text("Said with "+h.Via))
			}
			items = append(items, app.Li().Body(app.A().Href(href(CodePath(h.Info.Slug))).Body(link...)))
		}
		return app.Section().ID("search-results").Class("index-part").Aria("labelledby", "search-title").Body(
			app.H2().ID("search-title").Class("visually-hidden").Text("Search results"),
			app.Ul().Class("code-list code-list-results").Body(items...),
		)
	}
	return app.Div().ID("all-codes").Body(
		app.Nav().Class("toc").Aria("label", "Code groups").Body(
			tocList("Reply codes", replies),
			tocList("Enhanced status codes", statuses),
		),
		app.Section().ID("reply-codes").Class("index-part").Body(
			app.H2().Text("Reply codes"),
			app.P().Class("muted").Text("Three digits at the start of every server reply. The first digit says how the command went; the second, what it concerns."),
			app.Div().Body(groupSections(replies)...),
		),
		app.Section().ID("status-codes").Class("index-part").Body(
			app.H2().Text("Enhanced status codes"),
			app.P().Class("muted").Text("Class.subject.detail, as in 5.1.1. The registry writes the class as X because the meaning does not depend on it: 2 is success, 4 a temporary failure, 5 a permanent one."),
			app.Div().Body(groupSections(statuses)...),
		),
	)
}

// tocList links to each group of one part of the index.
func tocList(title string, groups []codeGroup) app.UI {
	items := make([]app.UI, 0, len(groups))
	for _, g := range groups {
		items = append(items, app.Li().Body(app.A().Href(href(CodeIndexPath+"#"+g.id)).Text(g.name)))
	}
	return app.Div().Class("toc-part").Body(
		app.P().Class("toc-title").Text(title),
		app.Ul().Body(items...),
	)
}

// groupSections renders the groups of one part of the index.
func groupSections(groups []codeGroup) []app.UI {
	out := make([]app.UI, 0, len(groups))
	for _, g := range groups {
		items := make([]app.UI, 0, len(g.codes))
		for _, info := range g.codes {
			items = append(items, app.Li().Body(
				app.A().Href(href(CodePath(info.Slug))).Body(
					app.Span().Class("code").Text(canonicalName(info)),
					app.Span().Class("code-list-title").Text(shortTitle(info.Title)),
				),
			))
		}
		section := []app.UI{app.H3().Text(g.name)}
		if g.about != "" {
			section = append(section, app.P().Class("group-about").Text(g.about))
		}
		section = append(section, app.Ul().Class("code-list").Body(items...))
		out = append(out, app.Section().ID(g.id).Class("code-group").Body(section...))
	}
	return out
}

// groupCodes sorts codes into reply-code groups by class and status-code
// groups by subject, keeping the order of codes.All.
func groupCodes(all []codes.CodeInfo) (replies, statuses []codeGroup) {
	index := map[string]int{}
	for _, info := range all {
		id, name := groupOf(info)
		i, ok := index[id]
		if !ok {
			g := codeGroup{id: id, name: name, about: groupAbout(info)}
			if info.Type == codes.TypeReply {
				replies = append(replies, g)
				i = len(replies) - 1
			} else {
				statuses = append(statuses, g)
				i = len(statuses) - 1
			}
			index[id] = i
		}
		if info.Type == codes.TypeReply {
			replies[i].codes = append(replies[i].codes, info)
		} else {
			statuses[i].codes = append(statuses[i].codes, info)
		}
	}
	return replies, statuses
}

// groupOf returns the anchor and the heading of a code's group.
func groupOf(info codes.CodeInfo) (id, name string) {
	if info.Type == codes.TypeReply {
		first := info.Code[:1]
		return "reply-" + first + "xx", first + "xx " + info.Class
	}
	subject := "?"
	if parts := strings.Split(info.Slug, "."); len(parts) == 3 {
		subject = parts[1]
	}
	return "status-x." + subject, "X." + subject + " " + info.Subject
}

// groupAbout is the meaning of the digit a group shares.
func groupAbout(info codes.CodeInfo) string {
	want := "first"
	if info.Type == codes.TypeStatus {
		want = "subject"
	}
	for _, d := range info.Digits {
		if d.Position == want {
			return d.Meaning
		}
	}
	return ""
}
