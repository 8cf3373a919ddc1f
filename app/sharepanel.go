package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Limits of share links.
const (
	// autoShareBytes is the largest text whose link is remade on every
	// change while the share panel is open; larger texts wait for a click.
	autoShareBytes = 256 << 10
	// longLink is the length from which a link may be cut by chat and
	// email apps.
	longLink = 8000
	// tooLongLink is the length browsers stop accepting in the address bar.
	tooLongLink = 2 << 20
	// previewBytes bounds the preview of what the link holds.
	previewBytes = 16 << 10
	// maxShareBytes is the largest text a link is made for; a larger one
	// would make a link browsers do not take.
	maxShareBytes = 1 << 20
)

// shareState is the share panel of the home page.
type shareState struct {
	open    bool
	keepAll bool   // the user turned redaction off
	link    string // the link, "" before it is made
	preview string // the beginning of the text the link holds
	stale   bool   // the text changed since the link was made
	copied  string // the result of the last copy
	err     string
}

func (h *Home) onShareToggle(ctx app.Context, e app.Event) {
	h.share.open = !h.share.open
	if h.share.open {
		h.makeLink()
		ctx.Defer(func(ctx app.Context) {
			if el := app.Window().GetElementByID("share-redact"); el.Truthy() {
				el.Call("focus")
			}
		})
	}
}

func (h *Home) onRedactToggle(ctx app.Context, e app.Event) {
	h.share.keepAll = !ctx.JSSrc().Get("checked").Bool()
	h.makeLink()
}

func (h *Home) onMakeLink(ctx app.Context, e app.Event) { h.makeLink() }

// shareRefresh remakes the link after the text changed, when the panel is
// open: at once for a short text, on request for a long one.
func (h *Home) shareRefresh() {
	if !h.share.open {
		return
	}
	if v := h.inputValue(); v != nil && jsLen(v) <= autoShareBytes {
		h.makeLink()
		return
	}
	h.share.stale = true
	h.share.copied = ""
}

// makeLink makes the share link of the text area's text, hiding personal
// details first unless the user chose to keep them.
func (h *Home) makeLink() {
	h.share.link, h.share.preview, h.share.err, h.share.copied, h.share.stale = "", "", "", "", false
	text := ""
	if v := h.inputValue(); v != nil {
		text = v.String()
	}
	switch {
	case text == "":
		h.share.err = "Paste or type something first: the link carries the text of the box."
		return
	case len(text) > maxShareBytes:
		h.share.err = fmt.Sprintf("This text is %s, too large for a link (up to 1 MB). Share the part that matters: the bounce or a few log lines.", sizeText(len(text)))
		return
	}
	if !h.share.keepAll {
		text = Redact(text)
	}
	frag, err := EncodeShare(text)
	if err != nil {
		h.share.err = "The link could not be made: " + err.Error()
		return
	}
	h.share.link = shareBase() + "#" + frag
	h.share.preview = text
	if len(text) > previewBytes {
		cut := previewBytes
		for cut > 0 && text[cut]&0xC0 == 0x80 {
			cut--
		}
		h.share.preview = text[:cut] + "\n…"
	}
}

// shareBase is the address of the home page, without a fragment.
func shareBase() string {
	if app.IsServer {
		return "https://smtpexplain.example" + href(HomePath)
	}
	u := *app.Window().URL()
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	u.Path = href(HomePath)
	return u.String()
}

func (h *Home) onCopy(ctx app.Context, e app.Event) {
	link := h.share.link
	if link == "" {
		return
	}
	field := app.Window().GetElementByID("share-link")
	fallback := func() {
		if field.Truthy() {
			field.Call("focus")
			field.Call("select")
		}
		h.share.copied = "Selected: press Ctrl+C (or ⌘C) to copy."
	}
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		fallback()
		return
	}
	var ok, fail app.Func
	done := func(msg string, selectText bool) {
		h.dispatch(func(ctx app.Context) {
			if selectText {
				fallback()
				return
			}
			h.share.copied = msg
		})
		ok.Release()
		fail.Release()
	}
	ok = app.FuncOf(func(this app.Value, args []app.Value) any {
		done("Link copied.", false)
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		done("", true)
		return nil
	})
	clip.Call("writeText", link).Call("then", ok, fail)
}

// sharePanel is the panel that makes a share link.
func (h *Home) sharePanel() app.UI {
	if !h.share.open {
		return app.Div().ID("share-panel").Class("share-panel").Hidden(true)
	}
	s := h.share
	body := []app.UI{
		app.H2().ID("share-title").Text("Share this text"),
		app.P().Class("share-about").Text("The link carries the text itself, compressed, after the # sign. " +
			"Browsers never send that part to a server, so the text goes only to whoever you give the link to."),
		app.Label().Class("switch").Body(
			app.Input().Type("checkbox").ID("share-redact").Attr("role", "switch").Checked(!s.keepAll).OnChange(h.onRedactToggle),
			app.Span().Class("switch-track").Aria("hidden", true),
			app.Span().Class("switch-label").Text("Hide email addresses, IP addresses, host names and Message-IDs"),
		),
	}
	if s.keepAll {
		body = append(body, app.P().Class("notice").Text("The link will show the text exactly as it is, with every address and host name in it."))
	} else {
		body = append(body, app.P().Class("help").Text("Codes and wording stay, so the link explains the same problem. Names in the wording, such as a person's name, are not hidden: check the preview."))
	}
	switch {
	case s.err != "":
		body = append(body, app.P().ID("share-error").Class("notice").Text(s.err))
	case s.stale:
		body = append(body, app.P().Class("notice").Body(
			app.Text("The text changed since the link was made. "),
			app.Button().Type("button").ID("share-remake").Class("link-button").Text("Make the link again").OnClick(h.onMakeLink),
		))
	case s.link != "":
		body = append(body,
			app.Div().Class("share-row").Body(
				app.Label().For("share-link").Class("visually-hidden").Text("Share link"),
				app.Input().Type("text").ID("share-link").Class("share-link").ReadOnly(true).Value(s.link).Spellcheck(false),
				app.Button().Type("button").ID("share-copy").Class("tool tool-primary").Text("Copy link").OnClick(h.onCopy),
			),
			app.P().ID("share-status").Class("help").Attr("role", "status").Text(linkNote(len(s.link), s.copied)),
			app.Elem("details").Class("share-preview").Body(
				app.Elem("summary").Text("Preview what the link holds"),
				app.Pre().ID("share-preview").Class("preview").TabIndex(0).Aria("label", "What the link holds").Text(s.preview),
			),
		)
	}
	return app.Section().ID("share-panel").Class("share-panel").Aria("labelledby", "share-title").Body(body...)
}

// linkNote says how long a link is and whether it may be too long.
func linkNote(n int, copied string) string {
	var b strings.Builder
	if copied != "" {
		b.WriteString(copied + " ")
	}
	fmt.Fprintf(&b, "The link is %s long.", strings.TrimSuffix(sizeText(n), " bytes")+pluralChars(n))
	switch {
	case n > tooLongLink:
		b.WriteString(" That is more than browsers accept: share a shorter piece of the text.")
	case n > longLink:
		b.WriteString(" Some chat and email apps cut long links: check that the whole link arrives.")
	}
	return b.String()
}

// pluralChars completes a length for sizeText: small lengths are counted
// in characters.
func pluralChars(n int) string {
	if n < 1<<10 {
		return " characters"
	}
	return ""
}
