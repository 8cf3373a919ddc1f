//go:build browser

package main

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/smtpexplain/smtpexplain/app"
)

// Each payload sets window.pwned (or calls alert) if it ever runs.
const (
	xssScript  = `<script>window.pwned="script"</script>`
	xssImg     = `<img src=x onerror="window.pwned='img'">`
	xssSVG     = `<svg onload="window.pwned='svg'"><script>window.pwned='svg-script'</script></svg>`
	xssLink    = `<a href="javascript:window.pwned='link'">details</a>`
	xssJSURL   = `javascript:alert('url')`
	xssStyle   = `<style>*{display:none!important}</style><link rel="stylesheet" href="https://example.org/x.css">`
	xssFrame   = `"><iframe srcdoc="<script>parent.pwned='frame'</script>"></iframe>`
	xssEncoded = `&lt;script&gt;window.pwned="entity"&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;`
	xssAttr    = `" autofocus onfocus="window.pwned='attr'" x="`
	xssTmpl    = `{{constructor.constructor('window.pwned="template"')()}} ${alert(1)}`
)

// hostileInputs are texts a hostile person could paste or put in a share
// link: the payloads in a reply line, in the headers, body and recipients
// of a bounce (plain, MIME-encoded and quoted-printable), in an email
// service's JSON, in a session and in a log line.
func hostileInputs() map[string]string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	all := strings.Join([]string{xssScript, xssImg, xssSVG, xssLink, xssJSURL, xssStyle, xssFrame, xssEncoded, xssAttr, xssTmpl}, " ")
	return map[string]string{
		"reply": `550 5.1.1 <"` + xssImg + `"@example.org>: User unknown ` + all,
		"bounce": "From: " + xssScript + " <MAILER-DAEMON@mx.example.com>\n" +
			"To: =?UTF-8?B?" + b64(xssImg) + "?= <sender@example.com>\n" +
			"Subject: =?UTF-8?Q?Undelivered_=3Cscript=3Ewindow.pwned=3D1=3C/script=3E?=\n" +
			"MIME-Version: 1.0\n" +
			"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n" +
			"--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" +
			"Delivery to =3Csvg onload=3Dalert(1)=3E@example.org failed: " + xssLink + "\n\n" +
			"--b1\nContent-Type: message/delivery-status\n\n" +
			"Reporting-MTA: dns; " + xssSVG + "\n\n" +
			"Final-Recipient: rfc822; \"" + xssAttr + "\"@example.org\n" +
			"Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; " + xssFrame + "\n" +
			"Diagnostic-Code: smtp; 550 5.1.1 " + all + "\n\n" +
			"--b1\nContent-Type: text/rfc822-headers\nContent-Transfer-Encoding: base64\n\n" +
			b64("Subject: "+xssScript+"\nTo: "+xssImg+"\n") + "\n--b1--\n",
		"esp-json": `{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"` +
			strings.ReplaceAll(xssImg, `"`, `\"`) + `@example.org","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 ` +
			strings.ReplaceAll(all, `"`, `\"`) + `"}]},"mail":{"source":"a@example.com"}}`,
		"transcript": "<- 220 " + xssSVG + " ESMTP\n-> EHLO " + xssScript + "\n<- 250 ok\n-> MAIL FROM:<a@example.com>\n<- 250 ok\n" +
			"-> RCPT TO:<" + xssImg + "@example.org>\n<** 550 5.7.1 " + all + "\n",
		"log": "Mar  3 09:14:21 mx postfix/smtp[1]: 4X: to=<" + xssAttr + "@example.org>, relay=" + xssScript + "[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x said: 550 5.1.1 " + all + ")\n",
	}
}

// pageIsClean reports what hostile input managed to do to the page: run
// script, add elements or handlers, or leave the page.
func (b *browser) pageIsClean(name string, baseline int) {
	b.t.Helper()
	const probe = `(() => {
		const bad = [];
		if (window.pwned !== undefined) bad.push("script ran: " + window.pwned);
		const n = document.querySelectorAll("script, iframe, object, embed, svg, img, style, link, base, form, meta[http-equiv]").length;
		bad.push("count:" + n);
		document.querySelectorAll("*").forEach((el) => {
			for (const a of el.attributes) {
				if (/^on/i.test(a.name)) bad.push("handler attribute " + a.name + " on " + el.tagName);
				if (/^\s*javascript:/i.test(a.value)) bad.push("javascript: in " + a.name + " of " + el.tagName);
			}
		});
		if (location.pathname !== "/") bad.push("navigated to " + location.href);
		return bad;
	})()`
	found := evalJS[[]string](b, probe)
	for _, f := range found {
		if strings.HasPrefix(f, "count:") {
			if f != fmt.Sprintf("count:%d", baseline) {
				b.t.Errorf("%s: the page now has %s elements of the risky kinds, %d before", name, strings.TrimPrefix(f, "count:"), baseline)
			}
			continue
		}
		b.t.Errorf("%s: %s", name, f)
	}
	b.mu.Lock()
	dialogs := append([]string(nil), b.dialogs...)
	b.mu.Unlock()
	if len(dialogs) > 0 {
		b.t.Errorf("%s: dialogs opened: %q", name, dialogs)
	}
}

// TestBrowserHostileInput pastes texts full of script, markup and
// javascript: URLs, and opens share links carrying them: everything must
// show as inert text. The page must not run anything, gain elements or
// handlers, open a dialog or navigate.
func TestBrowserHostileInput(t *testing.T) {
	root, _ := sites(t)
	b := newBrowser(t)
	host := newPagesHost(t, root, "")
	b.open(host.url("/"))
	b.do(chromedp.WaitEnabled(chromedp.ID("input")))
	const count = `document.querySelectorAll("script, iframe, object, embed, svg, img, style, link, base, form, meta[http-equiv]").length`
	baseline := evalJS[int](b, count)
	navs := len(b.navs)

	for name, text := range hostileInputs() {
		b.setInput(text)
		b.waitResult()
		b.do(chromedp.WaitVisible(chromedp.CSS("#source")))
		b.pageIsClean("pasted "+name, baseline)
		// The words are on the page, as text.
		if src := value(b, chromedp.TextContent(chromedp.ID("source"))); !strings.Contains(src, "window.pwned") {
			t.Errorf("pasted %s: the annotated text does not show the payload as text", name)
		}
		// Open the share panel too: the link and the preview show the text.
		b.shareLink(false)
		b.pageIsClean("shared "+name, baseline)
		b.do(chromedp.Click(chromedp.ID("share-toggle")))
	}
	b.mu.Lock()
	if len(b.navs) != navs {
		t.Errorf("the page navigated: %q", b.navs[navs:])
	}
	b.mu.Unlock()

	// The same texts through share links, opened in a fresh page.
	for name, text := range hostileInputs() {
		frag, err := app.EncodeShare(text)
		if err != nil {
			t.Fatal(err)
		}
		b.do(chromedp.Navigate("about:blank"))
		b.open(host.url("/") + "#" + frag)
		b.waitFor(`document.getElementById("input").value.includes("window.pwned")`, "the shared text")
		b.do(chromedp.WaitVisible(chromedp.CSS("#source")))
		b.pageIsClean("link "+name, baseline)
	}

	// Fragments that are not share links, or are made to look like markup.
	for _, frag := range []string{
		"s=" + xssScript, "s=%3Cscript%3Ewindow.pwned=1%3C/script%3E", xssImg, "javascript:alert(1)", "s=AQ" + strings.Repeat("A", 5000),
	} {
		b.do(chromedp.Navigate("about:blank"))
		b.open(host.url("/") + "#" + frag)
		b.pageIsClean("fragment "+frag[:min(len(frag), 20)], baseline)
	}
}
