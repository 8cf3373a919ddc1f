package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// timeline shows the SMTP session of a transcript step by step, marking
// the step where it failed; the steps after it are dimmed. A failed step
// leads to its card through onGoToCard. Its ids start with idPrefix.
func timeline(res *Result, idPrefix string, onGoToCard app.EventHandler) app.UI {
	failedAt := -1
	for i, st := range res.Session {
		if st.Failed {
			failedAt = i
			break
		}
	}
	items := make([]app.UI, 0, len(res.Session))
	for i, st := range res.Session {
		cls := []string{"step", "step-" + st.From}
		if st.Failed {
			cls = append(cls, "step-failed")
		}
		if failedAt >= 0 && i > failedAt {
			cls = append(cls, "step-after")
		}
		who, arrow := "Client", "→"
		if st.From == "server" {
			who, arrow = "Server", "←"
		}
		line := []app.UI{
			app.Span().Class("step-who").Body(
				app.Span().Class("step-arrow").Aria("hidden", true).Text(arrow),
				app.Text(who),
			),
		}
		if st.From == "server" {
			code := strings.TrimSpace(st.Code + " " + st.Status)
			if code != "" {
				line = append(line, app.Span().Class("step-code").Text(code))
			}
		}
		line = append(line, app.Code().Class("step-text").Text(st.Text))
		if i == failedAt {
			line = append(line, app.Elem("strong").Class("step-flag").Text("Failed here"))
		} else if st.Failed {
			line = append(line, app.Elem("strong").Class("step-flag").Text("Failed"))
		}
		if st.Failed && st.Card > 0 {
			line = append(line, app.Button().Type("button").Class("link-button step-go").
				DataSet("card", st.Card).OnClick(onGoToCard).Text("Explanation"))
		}
		items = append(items, app.Li().Class(cls...).Body(line...))
	}
	summary := fmt.Sprintf("%d steps.", res.SessionTotal)
	if failedAt >= 0 {
		st := res.Session[failedAt]
		summary = fmt.Sprintf("%d steps; it failed at step %d, when the server answered %s with %s.",
			res.SessionTotal, failedAt+1, stageName(st.Command), strings.TrimSpace(st.Code+" "+st.Status))
	}
	body := []app.UI{
		app.H3().ID(idPrefix + "session-title").Text("The SMTP session"),
		app.P().Class("help").Text(summary),
		app.Ol().Class("timeline").Body(items...),
	}
	if res.SessionTotal > len(res.Session) {
		body = append(body, app.P().Class("help").Text(fmt.Sprintf("The first %d steps are shown.", len(res.Session))))
	}
	return app.Section().ID(idPrefix+"session").Class("session").Aria("labelledby", idPrefix+"session-title").Body(body...)
}

// stageName names the command a reply answered, for a sentence.
func stageName(cmd string) string {
	switch cmd {
	case "CONNECT":
		return "the connection"
	case "DATA-END":
		return "the end of the message"
	case "":
		return "a command"
	}
	return cmd
}
