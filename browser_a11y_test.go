//go:build browser

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// testdata/axe.min.js is axe-core 4.14.1, the file axe.min.js of the npm
// package axe-core@4.14.1 (MPL-2.0, testdata/axe.LICENSE), unchanged.
// Its hash pins the version.
const (
	axeFile   = "testdata/axe.min.js"
	axeSHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
)

// axeResult is the part of axe.run's result the test reads.
type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes []struct {
		ID string `json:"id"`
	} `json:"passes"`
}

// loadAxe reads axe-core and checks that it is the pinned version.
func loadAxe(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axeFile)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != axeSHA256 {
		t.Fatalf("%s is not axe-core 4.14.1 (sha256 %s)", axeFile, got)
	}
	return string(src)
}

// axe runs axe-core on the page for WCAG 2.0, 2.1 and 2.2 A and AA and the
// best practices, and reports every violation.
func (b *browser) axe(src, what string) {
	b.t.Helper()
	if !evalJS[bool](b, `typeof window.axe === "object"`) {
		value(b, chromedp.Evaluate[chromedp.Void](src))
	}
	res := evalJS[axeResult](b, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})`)
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target)+" "+n.HTML[:min(len(n.HTML), 120)])
		}
		b.t.Errorf("%s: axe %s (%s): %s\n\t%s", what, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
	}
	if len(res.Passes) < 10 {
		b.t.Errorf("%s: axe passed only %d rules; is it running?", what, len(res.Passes))
	}
}

// TestBrowserAccessibility runs axe-core, in the light and the dark theme,
// on the home page empty and with results (cards, details opened, the
// session timeline, the share panel), on the code index with and without
// a search, and on code pages. No violation is allowed.
func TestBrowserAccessibility(t *testing.T) {
	src := loadAxe(t)
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		b.open(host.url("/"))
		b.axe(src, scheme+" home")

		b.example("postfix-bounce")
		b.do(chromedp.WaitVisible(chromedp.CSS("#source mark")))
		evalJS[bool](b, `(() => { document.querySelectorAll("main details:not(#examples)").forEach((d) => d.open = true); return true; })()`)
		b.do(chromedp.Click(chromedp.ID("share-toggle")), chromedp.WaitVisible(chromedp.ID("share-link")))
		evalJS[bool](b, `(() => { document.querySelectorAll("main details:not(#examples)").forEach((d) => d.open = true); return true; })()`)
		b.axe(src, scheme+" bounce explained, share panel open")
		// The card the text leads to, and the active highlights.
		b.clickInText(`#source mark.hl-code[data-card="2"]`)
		b.waitActive("card-2")
		b.axe(src, scheme+" card selected")

		b.example("transcript")
		b.do(chromedp.WaitVisible(chromedp.ID("session")))
		b.axe(src, scheme+" session explained")

		b.example("postfix-log")
		b.axe(src, scheme+" log explained")

		b.open(host.url("/codes/"))
		b.axe(src, scheme+" code index")
		b.do(chromedp.WaitEnabled(chromedp.ID("code-search")), chromedp.SendKeys(chromedp.ID("code-search"), "mailbox"),
			chromedp.WaitVisible(chromedp.ID("search-results")))
		b.axe(src, scheme+" code search")

		for _, p := range []string{"/codes/x.1.1/", "/codes/550/", "/codes/x.7.1/"} {
			b.open(host.url(p))
			evalJS[bool](b, `(() => { document.querySelectorAll("main details:not(#examples)").forEach((d) => d.open = true); return true; })()`)
			b.axe(src, scheme+" "+p)
		}
	}
}
