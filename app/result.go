package app

import (
	"errors"
	"fmt"
	"sort"

	"github.com/smtpexplain/smtpexplain/codes"
)

// Limits of what the page shows for one input. Decoding covers the whole
// input; these only bound how much of the answer is drawn, so that a log
// of thousands of lines stays quick to show.
const (
	// MaxInputBytes is the largest input the explainer decodes.
	MaxInputBytes = 10 << 20
	// annotateBytes is how much of the input the annotated copy shows.
	annotateBytes = 64 << 10
	// maxMarks bounds the highlights of the annotated copy.
	maxMarks = 600
	// maxCards bounds the cards kept for each outcome.
	maxCards = 50
	// maxSteps bounds the steps of the session timeline.
	maxSteps = 400
	// maxChips bounds the list of codes seen in the text.
	maxChips = 60
)

// Result is what the explainer shows for one input: the decoded report
// grouped by outcome, with the annotated text. It is computed from a
// codes.Report by Summarize, on the page or in the decoding worker, and
// travels between the two as JSON.
type Result struct {
	Size         int             `json:"size"`          // bytes of input
	Kind         string          `json:"kind"`          // codes.Report.Kind
	Reporter     string          `json:"reporter"`      // who wrote the bounce or log
	Warnings     []string        `json:"warnings"`      // about the whole input
	Total        int             `json:"total"`         // findings in the report
	Groups       []Group         `json:"groups"`        // findings by outcome, in outcomeOrder
	Session      []Step          `json:"session"`       // the SMTP session of a transcript
	SessionTotal int             `json:"session_total"` // steps before cutting to maxSteps
	Codes        []codes.CodeRef `json:"codes"`         // each distinct code once
	Text         []Segment       `json:"text"`          // the annotated text
	TextCut      bool            `json:"text_cut"`      // Text stops before the end of the input
}

// Group is the findings of one outcome.
type Group struct {
	Outcome string        `json:"outcome"` // one of the Outcome constants
	Count   int           `json:"count"`   // findings with this outcome
	Reasons []ReasonCount `json:"reasons"` // how many for each reason, most frequent first
	Cards   []Card        `json:"cards"`   // the first maxCards findings
}

// ReasonCount is how many findings of a group have one reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// Card is one finding and its position in the report, which names its
// card on the page.
type Card struct {
	N             int `json:"n"`
	codes.Finding `json:"finding"`
}

// Step is one step of the session timeline and the card it is explained
// by (N+1 of the card, 0 for none).
type Step struct {
	codes.Step `json:"step"`
	Card       int `json:"card"`
}

// Summarize builds the Result of text from its decoded report.
func Summarize(text string, rep codes.Report) Result {
	res := Result{
		Size:     len(text),
		Kind:     rep.Kind,
		Reporter: rep.Reporter,
		Warnings: rep.Warnings,
		Total:    len(rep.Findings),
	}
	index := map[string]int{}
	for n, f := range rep.Findings {
		o := outcomeOf(f)
		i, ok := index[o]
		if !ok {
			i = len(res.Groups)
			index[o] = i
			res.Groups = append(res.Groups, Group{Outcome: o})
		}
		g := &res.Groups[i]
		g.Count++
		if len(g.Cards) < maxCards {
			g.Cards = append(g.Cards, Card{N: n, Finding: f})
		}
		counted := false
		for k := range g.Reasons {
			if g.Reasons[k].Reason == f.Reason {
				g.Reasons[k].Count++
				counted = true
				break
			}
		}
		if !counted {
			g.Reasons = append(g.Reasons, ReasonCount{Reason: f.Reason, Count: 1})
		}
	}
	rank := map[string]int{}
	for i, o := range outcomeOrder {
		rank[o] = i
	}
	sort.SliceStable(res.Groups, func(i, j int) bool { return rank[res.Groups[i].Outcome] < rank[res.Groups[j].Outcome] })
	for i := range res.Groups {
		r := res.Groups[i].Reasons
		sort.SliceStable(r, func(a, b int) bool { return r[a].Count > r[b].Count })
	}

	res.SessionTotal = len(rep.Session)
	for _, st := range rep.Session {
		if len(res.Session) == maxSteps {
			break
		}
		res.Session = append(res.Session, Step{Step: st, Card: cardAt(rep.Findings, st.Start, st.End) + 1})
	}

	seen := map[string]bool{}
	for _, c := range rep.Codes {
		if seen[c.Code] {
			continue
		}
		seen[c.Code] = true
		res.Codes = append(res.Codes, c)
		if len(res.Codes) == maxChips {
			break
		}
	}
	shown := map[int]bool{}
	for _, g := range res.Groups {
		for _, c := range g.Cards {
			shown[c.N] = true
		}
	}
	res.Text, res.TextCut = annotate(text, rep, shown)
	return res
}

// cardAt returns the index of the first finding whose evidence covers
// [start, end), or -1.
func cardAt(findings []codes.Finding, start, end int) int {
	for i, f := range findings {
		for _, ev := range f.Evidence {
			if ev.Start <= start && end <= ev.End && start < end {
				return i
			}
		}
	}
	return -1
}

// Card returns the card of finding n and whether the result holds it.
func (r *Result) Card(n int) (Card, bool) {
	for _, g := range r.Groups {
		for _, c := range g.Cards {
			if c.N == n {
				return c, true
			}
		}
	}
	return Card{}, false
}

// Failed reports how many findings failed, permanently or for now.
func (r *Result) Failed() int {
	n := 0
	for _, g := range r.Groups {
		if g.Outcome == OutcomeFailed || g.Outcome == OutcomeTemporary {
			n += g.Count
		}
	}
	return n
}

// errTextMismatch is returned when the lengths of a result's segments do
// not fit the text they are said to cut.
var errTextMismatch = errors.New("the annotated text does not fit the input")

// dropText empties the segments' text, keeping their lengths: the
// decoding worker's answer then carries the findings without a second copy
// of the input.
func (r *Result) dropText() {
	for i := range r.Text {
		r.Text[i].Text = ""
	}
}

// fillText puts back the segments' text from the input they were cut from.
func (r *Result) fillText(text string) error {
	at := 0
	for i := range r.Text {
		n := r.Text[i].Len
		if n <= 0 || n > len(text)-at {
			return fmt.Errorf("segment %d of %d bytes at %d of %d: %w", i, n, at, len(text), errTextMismatch)
		}
		r.Text[i].Text = text[at : at+n]
		at += n
	}
	if !r.TextCut && at != len(text) {
		return fmt.Errorf("the segments cover %d of %d bytes: %w", at, len(text), errTextMismatch)
	}
	return nil
}
