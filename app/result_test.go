package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

func decodeForTest(text string) codes.Report { return codes.Decode(text) }

func TestSummarizeGroupsByOutcome(t *testing.T) {
	text := exampleText(t, "postfix-log")
	res := Summarize(text, codes.Decode(text))
	if res.Total != 3 || res.Kind != codes.KindLog {
		t.Fatalf("total %d kind %q", res.Total, res.Kind)
	}
	var got []string
	for _, g := range res.Groups {
		got = append(got, g.Outcome+":"+outcomeTitle(g.Outcome, g.Count))
	}
	want := "failed:1 failed permanently|temporary:1 failed for now|delivered:1 delivered"
	if strings.Join(got, "|") != want {
		t.Errorf("groups %q, want %q", strings.Join(got, "|"), want)
	}
	if c, ok := res.Card(1); !ok || c.Recipient != "kim@example.net" {
		t.Errorf("card 1 = %+v", c)
	}
}

func TestSummarizeCountsReasons(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 100; i++ {
		b.WriteString("Mar  3 09:14:21 mx postfix/smtp[1]: 4XyZ: to=<u")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a'+i%26)) + string(rune('a'+i/26)))
		if i%5 == 0 {
			b.WriteString("@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.2.2, status=bounced (host mx.example.org[198.51.100.2] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command))\n")
		} else {
			b.WriteString("@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.2] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n")
		}
	}
	text := b.String()
	res := Summarize(text, codes.Decode(text))
	if len(res.Groups) != 1 {
		t.Fatalf("groups %+v", res.Groups)
	}
	g := res.Groups[0]
	if g.Count != 100 || len(g.Cards) != maxCards {
		t.Errorf("count %d, cards %d", g.Count, len(g.Cards))
	}
	if len(g.Reasons) != 2 || g.Reasons[0] != (ReasonCount{"userunknown", 80}) || g.Reasons[1] != (ReasonCount{"mailboxfull", 20}) {
		t.Errorf("reasons %+v", g.Reasons)
	}
	// The worker sends the result as JSON: it must come back whole.
	b2, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b2, &back); err != nil {
		t.Fatal(err)
	}
	if back.Groups[0].Cards[3].Recipient != g.Cards[3].Recipient || back.Groups[0].Cards[3].N != g.Cards[3].N || len(back.Text) != len(res.Text) {
		t.Error("the result does not survive JSON")
	}
}

func TestAnnotate(t *testing.T) {
	text := exampleText(t, "postfix-bounce")
	rep := codes.Decode(text)
	res := Summarize(text, rep)
	var whole strings.Builder
	stops := map[int]int{}
	kinds := map[int]bool{}
	for _, s := range res.Text {
		whole.WriteString(s.Text)
		if s.Stop {
			stops[s.Card]++
		}
		if s.Stop && s.Card == 0 {
			t.Errorf("a keyboard stop leads nowhere: %+v", s)
		}
		kinds[s.Kinds] = true
		if s.Kinds&markRecipient != 0 && !strings.EqualFold(s.Text, "carol@example.org") && !strings.EqualFold(s.Text, "dave@example.org") {
			t.Errorf("recipient highlight %q", s.Text)
		}
	}
	if whole.String() != text {
		t.Error("the segments do not add up to the text")
	}
	if stops[1] == 0 || stops[2] == 0 {
		t.Errorf("keyboard stops per card: %v", stops)
	}
	for _, k := range []int{markCode | markEvidence, markRecipient, markHost | markEvidence} {
		if !kinds[k] {
			t.Errorf("no segment of kinds %b; have %v", k, kinds)
		}
	}
	if res.TextCut {
		t.Error("a short text is cut")
	}
}

func TestAnnotateLongText(t *testing.T) {
	text := strings.Repeat("é", annotateBytes) + "550 5.1.1 <a@example.org>: user unknown"
	res := Summarize(text, codes.Decode(text))
	if !res.TextCut {
		t.Error("a long text is not cut")
	}
	n := 0
	for _, s := range res.Text {
		n += len(s.Text)
		if !strings.HasPrefix(s.Text, "é") {
			t.Errorf("segment %q", s.Text[:8])
		}
	}
	if n > annotateBytes || n < annotateBytes-1 {
		t.Errorf("annotated %d bytes", n)
	}
}

func TestWordAt(t *testing.T) {
	s := "to=<carol@example.org>, xcarol@example.org, carol@example.org.uk, carol@example.org."
	var at []int
	for from := 0; ; {
		i := strings.Index(s[from:], "carol@example.org")
		if i < 0 {
			break
		}
		if wordAt(s, from+i, from+i+17) {
			at = append(at, from+i)
		}
		from += i + 1
	}
	if len(at) != 2 || at[0] != 4 || at[1] != len(s)-18 {
		t.Errorf("standalone matches at %v", at)
	}
}

// exampleText returns the text of the example with the given key.
func exampleText(t *testing.T, key string) string {
	t.Helper()
	ex, ok := exampleByKey(key)
	if !ok {
		t.Fatalf("no example %q", key)
	}
	return ex.text
}

func TestExplanationGroupsAndReveal(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "Mar  3 09:14:21 mx postfix/smtp[1]: Q%d: to=<user%d@example.org>, relay=mx.example.org[198.51.100.2]:25, dsn=5.1.1, status=bounced (host mx.example.org[198.51.100.2] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n", i, i)
	}
	b.WriteString("Mar  3 09:14:22 mx postfix/smtp[2]: Q99: to=<kim@example.net>, relay=mx.example.net[203.0.113.9]:25, dsn=4.4.1, status=deferred (connect to mx.example.net[203.0.113.9]:25: Connection timed out)\n")
	text := b.String()
	res := Summarize(text, codes.Decode(text))
	x := &Explanation{Res: &res}
	disp := app.NewClientTester(x)
	defer disp.Close()
	html := app.HTMLString(x)
	// Two groups: the large one starts closed, the small one open.
	for _, want := range []string{"30 failed permanently", "30 unknown address", "1 failed for now", `id="group-failed-toggle"`, `aria-expanded="false"`, `id="card-31"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the explanation lacks %s", want)
		}
	}
	if strings.Contains(html, `id="card-1"`) {
		t.Error("the cards of a closed group are drawn")
	}
	// Going to card 26 opens its group and shows enough cards.
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: x, Function: func(ctx app.Context) {
		if !x.reveal(25) {
			t.Error("card 26 is not in the result")
		}
	}})
	disp.Consume()
	html = app.HTMLString(x)
	if !strings.Contains(html, `id="card-26"`) || strings.Contains(html, `id="card-27"`) || !strings.Contains(html, "Show 4 more") {
		t.Errorf("after revealing card 26 the group shows the wrong cards")
	}
	if x.reveal(1000) {
		t.Error("a card that is not there is revealed")
	}
	// A new result resets the state.
	res2 := Summarize(text, codes.Decode(text))
	disp.Dispatch(app.Dispatch{Mode: app.Update, Source: x, Function: func(ctx app.Context) { x.Res = &res2 }})
	disp.Consume()
	if html := app.HTMLString(x); strings.Contains(html, `id="card-26"`) {
		t.Error("the state of the previous result stays")
	}
}

func FuzzSummarize(f *testing.F) {
	for _, ex := range examples() {
		f.Add(ex.text)
	}
	f.Add("550 5.1.1 \xff\xfe <a@b.c>")
	f.Fuzz(func(t *testing.T, text string) {
		res := Summarize(text, codes.Decode(text))
		var whole strings.Builder
		for _, s := range res.Text {
			whole.WriteString(s.Text)
			if s.Text == "" {
				t.Fatal("empty segment")
			}
		}
		if !strings.HasPrefix(text, whole.String()) || (!res.TextCut && whole.String() != text) {
			t.Fatal("the segments are not the beginning of the text")
		}
		// The blocks of the annotated text hold the segments' text, each
		// but the last ending a line.
		chunks := chunkText(res.Text)
		var blocks strings.Builder
		for i, c := range chunks {
			var block strings.Builder
			for _, s := range c.segs {
				block.WriteString(s.Text)
			}
			if block.Len() != c.size || block.Len() == 0 || i < len(chunks)-1 && !strings.HasSuffix(block.String(), "\n") {
				t.Fatalf("block %d of %d: %q", i, len(chunks), block.String())
			}
			blocks.WriteString(block.String())
		}
		if blocks.String() != whole.String() {
			t.Fatal("the blocks do not hold the annotated text")
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatal(err)
		}
	})
}
