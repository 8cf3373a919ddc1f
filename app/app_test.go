package app

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

const sample = "550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown"

func TestHomeExplains(t *testing.T) {
	h := &Home{}
	disp := app.NewClientTester(h)
	defer disp.Close()
	if !h.ready {
		t.Fatal("the home page is not ready after mounting")
	}
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: h, Function: func(ctx app.Context) {
		h.Explain(sample)
	}})
	disp.Consume()
	html := app.HTMLString(h)
	for _, want := range []string{
		`id="card-1"`, "alice@example.net", "No mailbox exists for alice@example.net",
		`href="/codes/550/"`, `href="/codes/x.1.1/"`, "Permanent failure", "Hard bounce",
		"Whose side", "fault-on", "Sender side", "When to retry", "What to do", "If you sent the message",
		"Technical details", "Amazon SES", "Permanent / NoEmail", "userunknown", `id="source"`, `data-card="1"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the explained page lacks %s", want)
		}
	}
	if strings.Contains(html, " disabled") {
		t.Errorf("controls are still disabled after mounting:\n%s", html)
	}
	if strings.Contains(html, `id="anatomy-title"`) {
		t.Error("the empty-state help is still shown")
	}
}

func TestHomeEveryExample(t *testing.T) {
	h := &Home{}
	disp := app.NewClientTester(h)
	defer disp.Close()
	for _, ex := range examples() {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: h, Function: func(ctx app.Context) {
			h.Explain(ex.text)
		}})
		disp.Consume()
		if h.res == nil || h.res.Total == 0 {
			t.Errorf("example %s: nothing found", ex.key)
			continue
		}
		html := app.HTMLString(h)
		if !strings.Contains(html, `class="headline"`) || !strings.Contains(html, "Whose side") {
			t.Errorf("example %s: no card", ex.key)
		}
	}
}

func TestHomeWarnings(t *testing.T) {
	h := &Home{}
	disp := app.NewClientTester(h)
	defer disp.Close()
	for text, want := range map[string]string{"": `id="anatomy-title"`, "hello there": "No SMTP reply code"} {
		disp.Dispatch(app.Dispatch{Mode: app.Update, Source: h, Function: func(ctx app.Context) {
			h.Explain(text)
		}})
		disp.Consume()
		if html := app.HTMLString(h); !strings.Contains(html, want) {
			t.Errorf("%q: no %q", text, want)
		}
	}
}

func TestHomeTooLarge(t *testing.T) {
	h := &Home{}
	disp := app.NewClientTester(h)
	defer disp.Close()
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: h, Function: func(ctx app.Context) {
		h.Explain(strings.Repeat("550 5.1.1 x\n", MaxInputBytes/11+1))
	}})
	disp.Consume()
	html := app.HTMLString(h)
	if !strings.Contains(html, `id="too-large"`) || !strings.Contains(html, "This text is 10.9 MB") || strings.Contains(html, `id="card-1"`) {
		t.Errorf("no message about the size:\n%.2000s", html)
	}
}

func TestHomeEscapesInput(t *testing.T) {
	h := &Home{}
	disp := app.NewClientTester(h)
	defer disp.Close()
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: h, Function: func(ctx app.Context) {
		h.Explain(`550 5.1.1 <img src=x onerror=alert(1)>@example.net "quoted" <script>alert(2)</script>`)
	}})
	disp.Consume()
	html := app.HTMLString(h)
	if strings.Contains(html, "<img src=x") || strings.Contains(html, "<script>") {
		t.Errorf("user text rendered as markup:\n%s", html)
	}
}

// TestHomeBeforeMount checks the pre-rendered page: the text area takes
// text at once (the app carries it over when it starts), while the buttons,
// which need the app, are disabled.
func TestHomeBeforeMount(t *testing.T) {
	h := &Home{}
	disp := app.NewServerTester(h)
	defer disp.Close()
	html := app.HTMLString(h)
	area := regexp.MustCompile(`<textarea[^>]*>`).FindString(html)
	if area == "" {
		t.Fatalf("no text area:\n%s", html)
	}
	if strings.Contains(area, "disabled") {
		t.Errorf("the pre-rendered text area is disabled: %s", area)
	}
	if want := 2 + len(examples()); strings.Count(html, " disabled") != want {
		t.Errorf("%d disabled controls, want the %d buttons:\n%s", strings.Count(html, " disabled"), want, html)
	}
	if !strings.Contains(html, "You can paste your text already") {
		t.Errorf("the state line does not say the text area takes text already:\n%s", html)
	}
}

func TestCodePage(t *testing.T) {
	tests := []struct {
		path string
		want []string
	}{
		{"/codes/550/", []string{`id="code"`, ">550<", "Digit by digit", "RFC 5321 §4.2.3", `href="https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3"`, `href="/codes/x.7.27/"`}},
		{"/codes/x.1.1/", []string{">X.1.1<", "Registry description", "Bad destination mailbox address", `href="/codes/550/"`}},
		{"/repo/codes/x.7.8/", []string{">X.7.8<", "Notes"}},
		{"/codes/599/", []string{">599<", "Not registered"}},
		{"/codes/5.1.1/", []string{">5.1.1<", "The reference lists this code as", `href="/codes/x.1.1/"`}},
		{"/codes/nope/", []string{"Unknown code", ">nope<"}},
	}
	for _, tt := range tests {
		p := &CodePage{}
		disp := app.NewClientTester(p)
		disp.Nav(&url.URL{Path: tt.path})
		disp.Consume()
		html := app.HTMLString(p)
		for _, want := range tt.want {
			if !strings.Contains(html, want) {
				t.Errorf("%s: page lacks %s", tt.path, want)
			}
		}
		disp.Close()
	}
}

func TestCodePageTitles(t *testing.T) {
	for slug, want := range map[string]string{
		"550":   "SMTP 550: Requested action not taken: mailbox unavailable",
		"x.1.1": "Enhanced status code X.1.1: Bad destination mailbox address",
		"334":   "SMTP 334: (no fixed text: the text is the base64-encoded SASL challenge)",
		"bad":   "Unknown code · smtpexplain",
	} {
		p := &CodePage{}
		p.Load(slug)
		if got := p.title(); got != want {
			t.Errorf("title(%s) = %q, want %q", slug, got, want)
		}
		if d := p.description(); d == "" || len(d) > 210 {
			t.Errorf("description(%s) = %q", slug, d)
		}
	}
}

func TestCodeIndexLinksEveryCode(t *testing.T) {
	c := &CodeIndex{}
	disp := app.NewClientTester(c)
	defer disp.Close()
	html := app.HTMLString(c)
	for _, info := range codes.All() {
		if !strings.Contains(html, `href="`+CodePath(info.Slug)+`"`) {
			t.Errorf("the index does not link %s", info.Code)
		}
	}
	for _, group := range []string{`id="reply-5xx"`, `id="status-x.7"`, "X.1 Addressing Status"} {
		if !strings.Contains(html, group) {
			t.Errorf("the index lacks %s", group)
		}
	}
}

func TestLinksCarryBasePath(t *testing.T) {
	t.Setenv("GOAPP_ROOT_PREFIX", "/repo")
	h := &Home{}
	disp := app.NewClientTester(h)
	defer disp.Close()
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: h, Function: func(ctx app.Context) {
		h.Explain(sample)
	}})
	disp.Consume()
	html := app.HTMLString(h)
	for _, want := range []string{`href="/repo/"`, `href="/repo/codes/"`, `href="/repo/codes/550/"`, `href="/repo/codes/x.1.1/"`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s", want)
		}
	}
}

func TestPages(t *testing.T) {
	pages := Pages()
	if len(pages) != 2+len(codes.All()) || pages[0] != "/" || pages[1] != "/codes/" {
		t.Errorf("Pages() = %d paths starting %v", len(pages), pages[:2])
	}
	for _, p := range pages {
		if !IsPage(p) || !strings.HasSuffix(p, "/") {
			t.Errorf("%s is not a directory-style page", p)
		}
	}
	for _, p := range []string{"/nope", "/codes/a/b/", "/404.html", "/codes//"} {
		if IsPage(p) {
			t.Errorf("IsPage(%q) = true", p)
		}
	}
}

func TestFormatting(t *testing.T) {
	for in, want := range map[string]string{"/codes/x.1.1/": "x.1.1", "/repo/codes/550/": "550", "/codes/550": "550", "/": ""} {
		if got := slugFromPath(in); got != want {
			t.Errorf("slugFromPath(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"RFC 5321 §4.2.3":       "https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3",
		"RFC 3463":              "https://www.rfc-editor.org/rfc/rfc3463",
		"RFC 6531 §3.5; §4.2":   "https://www.rfc-editor.org/rfc/rfc6531#section-3.5",
		"IANA registry":         "",
		"RFC x":                 "",
		"RFC 7505 §6 (see too)": "https://www.rfc-editor.org/rfc/rfc7505#section-6",
	} {
		if got := rfcURL(in); got != want {
			t.Errorf("rfcURL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := firstSentence("One two. Three four.", 100); got != "One two." {
		t.Errorf("firstSentence = %q", got)
	}
	if got := firstSentence(strings.Repeat("word ", 50), 30); len(got) > 33 || !strings.HasSuffix(got, "…") {
		t.Errorf("firstSentence long = %q", got)
	}
	if got := firstSentence(strings.Repeat("é", 40), 31); !strings.HasSuffix(got, "…") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("firstSentence cut a character: %q", got)
	}
	for in, want := range map[string]string{
		"Requested action not taken: mailbox unavailable (e.g., mailbox busy)": "Requested action not taken: mailbox unavailable",
		"(no fixed text)": "(no fixed text)",
		"Mailbox full":    "Mailbox full",
	} {
		if got := shortTitle(in); got != want {
			t.Errorf("shortTitle(%q) = %q", in, got)
		}
	}
	if got := attrText(`say "hi"`); got != "say 'hi'" {
		t.Errorf("attrText = %q", got)
	}
}

func TestCodeSearch(t *testing.T) {
	first := func(q string) string {
		hits := searchCodes(q)
		if len(hits) == 0 {
			return ""
		}
		return hits[0].Info.Slug
	}
	for q, want := range map[string]string{
		"550": "550", "5.1.1": "x.1.1", "X.7.26": "x.7.26", "4.2.2": "x.2.2", "mailbox full": "x.2.2",
		"greylisted": "", "  ": "",
	} {
		got := first(q)
		if want == "" {
			continue
		}
		if got != want {
			t.Errorf("search %q: first hit %q, want %q", q, got, want)
		}
	}
	if hits := searchCodes("55"); len(hits) < 5 || hits[0].Info.Code[:2] != "55" {
		t.Errorf("search 55: %d hits", len(hits))
	}
	if hits := searchCodes("RecipientNotFound"); len(hits) < 2 || (hits[0].Info.Slug != "x.1.10" && hits[1].Info.Slug != "x.1.10") || hits[0].Via == "" {
		t.Errorf("search RecipientNotFound: %+v", hits)
	}
	if hits := searchCodes("zzqqxx"); len(hits) != 0 {
		t.Errorf("nonsense matches %d codes", len(hits))
	}
	var via bool
	for _, h := range searchCodes("NoSuchUser") {
		via = via || strings.Contains(h.Via, "NoSuchUser")
	}
	_ = via // the key may or may not be listed; the search must not fail on it

	c := &CodeIndex{}
	disp := app.NewClientTester(c)
	defer disp.Close()
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: c, Function: func(ctx app.Context) { c.Search("mailbox full") }})
	disp.Consume()
	html := app.HTMLString(c)
	if !strings.Contains(html, `id="search-results"`) || !strings.Contains(html, `href="/codes/x.2.2/"`) || strings.Contains(html, `id="reply-5xx"`) {
		t.Errorf("the search does not filter the index")
	}
	if !strings.Contains(html, "codes match “mailbox full”") && !strings.Contains(html, "code matches “mailbox full”") {
		t.Errorf("no result count")
	}
}

func TestCodePageCausesAndResponses(t *testing.T) {
	for path, want := range map[string][]string{
		"/codes/x.1.1/": {`id="causes"`, "Unknown address", `id="advice"`, "If you sent the message", `id="responses"`, "What providers say with it"},
		"/codes/550/":   {`id="causes"`, `id="advice"`, `id="responses"`},
		"/codes/x.7.1/": {`id="responses"`, "Show the other"},
		"/codes/250/":   {"Digit by digit"},
	} {
		p := &CodePage{}
		disp := app.NewClientTester(p)
		disp.Nav(&url.URL{Path: path})
		disp.Consume()
		html := app.HTMLString(p)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
		if path == "/codes/250/" && (strings.Contains(html, `id="advice"`) || strings.Contains(html, `id="causes"`)) {
			t.Errorf("a success code has causes or advice")
		}
		disp.Close()
	}
	checked := 0
	for _, r := range codes.Default().Responses() {
		switch r.Status {
		case "5.7.606-649":
			if !coversSlug(&r, "x.7.620") || coversSlug(&r, "x.7.1") || coversSlug(&r, "x.7.650") {
				t.Errorf("coversSlug with %s", r.Status)
			}
			checked++
		case "":
			if coversSlug(&r, "x.1.1") || coversSlug(&r, "x.0.0") {
				t.Errorf("coversSlug: a response without a code covers %q", r.Key)
			}
			checked++
		}
	}
	if checked < 2 {
		t.Errorf("coversSlug checked against %d responses, want a ranged one and one without a code", checked)
	}
}

// TestInOneGo checks which edits of the text area are decoded at once:
// those made in one go, not keystrokes.
func TestInOneGo(t *testing.T) {
	for _, tc := range []struct {
		inputType string
		want      bool
	}{
		{"insertFromPaste", true},
		{"insertFromPasteAsQuotation", true},
		{"insertFromDrop", true},
		{"insertFromYank", true},
		{"deleteByCut", true},
		{"deleteByDrag", true},
		{"insertText", false},
		{"insertLineBreak", false},
		{"insertCompositionText", false},
		{"deleteContentBackward", false},
		{"deleteWordBackward", false},
		{"historyUndo", false}, // a held key repeats it
		{"", false},            // an event without a type, as scripts send
		{"<undefined>", false},
	} {
		if got := inOneGo(tc.inputType); got != tc.want {
			t.Errorf("inOneGo(%q) = %v, want %v", tc.inputType, got, tc.want)
		}
	}
}
