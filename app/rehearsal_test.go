package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/smtpexplain/smtpexplain/codes"
)

// TestRehearsal runs a rehearsal through its stages and checks what each
// draws: always aria-hidden, under ids of its own, the headings one a
// stage, the card growing and shrinking again, the other text of a
// result, and nothing at the end.
func TestRehearsal(t *testing.T) {
	ex, _ := exampleByKey("postfix-bounce")
	res := Summarize(ex.text, codes.Decode(ex.text))
	var s rehearsalState
	if s.view() != nil {
		t.Fatal("a rehearsal that did not start draws something")
	}
	if !s.start(&res) {
		t.Fatal("no rehearsal with a result that has cards")
	}
	if s.chunk == nil || len(s.chunk.segs) == 0 || s.chunk.segs[0].Card == 0 {
		t.Fatalf("the rehearsal's text is %+v, want a highlight that leads to a card first", s.chunk)
	}
	if code := s.chunk.segs[len(s.chunk.segs)-1]; code.Kinds&markCode == 0 || len(s.chunk.segs) > 2 {
		t.Errorf("the rehearsal's text is %+v, want a highlight of a code last, and no more", s.chunk)
	}
	// What each stage draws: the result's heading, the status line, the
	// group heading; then the card's top, the whole card, its details,
	// its top again.
	want := []struct{ status, group, card, todo, facts bool }{
		{false, false, false, false, false}, {true, false, false, false, false}, {true, true, false, false, false},
		{true, true, true, false, false}, {true, true, true, true, false}, {true, true, true, true, true}, {true, true, true, false, false},
	}
	if len(want) != rehearsalStages {
		t.Fatalf("%d stages, the test knows %d", rehearsalStages, len(want))
	}
	card := func(stage int) int { return stage - headingStages + 1 } // the card's own stage
	for stage := 1; ; stage++ {
		if s.stage != stage {
			t.Fatalf("at stage %d, want %d", s.stage, stage)
		}
		html := drawHTML(t, s.view())
		w := want[stage-1]
		if !strings.Contains(html, `class="rehearsal"`) || !strings.Contains(html, "aria-hidden") {
			t.Errorf("stage %d is not hidden:\n%s", stage, html)
		}
		if strings.Contains(html, `id="card-`) || strings.Contains(html, `id="group-`) || strings.Contains(html, `id="session`) {
			t.Errorf("stage %d uses the ids of the page's cards or timeline:\n%s", stage, html)
		}
		if !strings.Contains(html, `<h2 class="visually-hidden">`) {
			t.Errorf("stage %d does not draw the result's heading:\n%s", stage, html)
		}
		if strings.Contains(html, `class="result-status"`) != w.status || strings.Contains(html, `class="group-head"`) != w.group {
			t.Errorf("stage %d: the status line drawn %v, the group heading %v; want %v, %v", stage, !w.status, !w.group, w.status, w.group)
		}
		if strings.Contains(html, `id="rehearsal-card"`) != w.card || strings.Contains(html, `class="verdict"`) != w.card {
			t.Errorf("stage %d: the card's top drawn %v, want %v", stage, !w.card, w.card)
		}
		// The other text of a result, in sizes and weights of its own:
		// from the card's third stage the annotated text's panel, with the
		// highlights; from its fourth, a timeline and the code chips.
		panel := strings.Contains(html, `class="legend"`) && strings.Contains(html, `<pre class="source"><div class="source-block `) && strings.Contains(html, "<mark")
		if panel != (card(stage) >= 3) {
			t.Errorf("stage %d: the annotated text's panel drawn %v", stage, panel)
		}
		if more := strings.Contains(html, `class="chips"`) && strings.Contains(html, `id="rehearsal-session"`); more != (card(stage) >= 4) {
			t.Errorf("stage %d: code chips and timeline drawn %v", stage, more)
		}
		if strings.Contains(html, `class="todo"`) != w.todo || strings.Contains(html, `class="facts"`) != w.facts {
			t.Errorf("stage %d: actions drawn %v, details drawn %v; want %v, %v", stage, !w.todo, !w.facts, w.todo, w.facts)
		}
		if !s.next(&res) {
			break
		}
	}
	if s.view() != nil || s.stage != 0 {
		t.Errorf("the rehearsal did not end after its stages: %+v", s)
	}

	// A new result ends it at once.
	s.start(&res)
	other := res
	if s.next(&other) || s.view() != nil {
		t.Error("the rehearsal goes on after the result changed")
	}

	// With an example's result, before the page shows one: it goes on
	// while there is no result, and ends once there is one.
	if !s.startSample(&res) || !s.next(nil) || s.stage != 2 {
		t.Errorf("a sample rehearsal did not go on without a result: %+v", s)
	}
	if s.next(&other) || s.view() != nil {
		t.Error("a sample rehearsal goes on after a result is shown")
	}
	if s.start(&res); s.sample {
		t.Error("a rehearsal with the result shown is taken for a sample one")
	}

	// Without cards there is nothing to rehearse with.
	if s.start(&Result{}) || s.start(nil) {
		t.Error("a rehearsal started without a card")
	}
}

// drawHTML mounts ui and returns its HTML.
func drawHTML(t *testing.T, ui app.UI) string {
	t.Helper()
	d := app.NewClientTester(ui)
	defer d.Close()
	d.Consume()
	return app.HTMLString(ui)
}
