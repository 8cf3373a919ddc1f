// Package app holds the go-app components of the smtpexplain web app. The
// components only call package codes and render; they hold no decoding
// logic.
//
// Every page lives at a path ending in a slash ("/", "/codes/",
// "/codes/550/"), so that a static host serves it as a directory index
// file without any rewrite rule.
package app

import (
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Paths of the app's pages, without the base path the site may be served
// under.
const (
	HomePath      = "/"         // the explainer
	CodeIndexPath = "/codes/"   // the list of every code
	NotFoundPath  = "/404.html" // the page a static host serves for a missing path
)

// Routes registers the app's routes with go-app: in the WebAssembly build
// before the app runs, natively before pages are served or written out.
// go-app keeps routes in a table of its own, so only the first call
// registers them; later calls do nothing.
func Routes() { registerRoutes() }

var registerRoutes = sync.OnceFunc(func() {
	app.Route(HomePath, &Home{})
	app.RouteWithRegexp(`^/codes/?$`, &CodeIndex{})
	app.RouteWithRegexp(`^/codes/[^/]+/?$`, &CodePage{})
	// Anything else, including the static host's 404.html, renders the
	// app's own not-found page.
	app.RouteWithRegexp(`^/`, &NotFound{})
})

// CodePath returns the path of a code's page from its slug ("550",
// "x.1.1").
func CodePath(slug string) string {
	return CodeIndexPath + slug + "/"
}

// Pages lists the path of every page to pre-render and to cache for
// offline use: the home page, the code index and one page per registered
// code.
func Pages() []string {
	all := codes.All()
	pages := make([]string, 0, len(all)+2)
	pages = append(pages, HomePath, CodeIndexPath)
	for _, c := range all {
		pages = append(pages, CodePath(c.Slug))
	}
	return pages
}

// IsPage reports whether path (without the base path) is one the app
// routes to a page of its own, rather than to the not-found page. Code
// slugs are not checked: an unknown code gets a page that says so.
func IsPage(path string) bool {
	switch {
	case path == HomePath, path == CodeIndexPath:
		return true
	case strings.HasPrefix(path, CodeIndexPath):
		slug := strings.TrimSuffix(strings.TrimPrefix(path, CodeIndexPath), "/")
		return slug != "" && !strings.Contains(slug, "/")
	}
	return false
}

// href prefixes an app path with the base path the site is served under
// (GOAPP_ROOT_PREFIX, "" at the root of a host). go-app sets the variable
// on the server when its handler starts and passes it to the browser.
func href(path string) string {
	return app.Getenv("GOAPP_ROOT_PREFIX") + path
}

// slugFromPath returns the last segment of a code page's path, which may
// carry the base path in front: "/repo/codes/x.1.1/" gives "x.1.1".
func slugFromPath(p string) string {
	p = strings.TrimSuffix(p, "/")
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	return p
}
