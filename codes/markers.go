package codes

import (
	"fmt"
	"strings"
)

// markers are the phrases that structure bounce texts (data/markers.tsv).
type markers struct {
	returned  []string
	sender    []string
	recipient []string
	stages    []stagePhrase
	vacation  []string // subject phrases of auto-replies
	delayed   []string // wording of delay warnings

	returnedIndex, stageIndex, delayedIndex *matcher
}

type stagePhrase struct{ command, phrase string }

// Commands, as reported in Finding.Command.
var commands = map[string]bool{
	"CONNECT": true, "EHLO": true, "STARTTLS": true, "AUTH": true, "MAIL": true, "RCPT": true, "DATA": true, "DATA-END": true,
}

func loadMarkers(src fileSource) (markers, error) {
	var mk markers
	t, err := src.table("markers.tsv", "kind", "phrase")
	if err != nil {
		return mk, err
	}
	for i, row := range t.rows() {
		kind, phrase := t.get(row, "kind"), lowerText(t.get(row, "phrase"))
		if phrase == "" {
			return mk, t.errorf(i, "empty phrase for %s", kind)
		}
		switch {
		case kind == "returned":
			mk.returned = append(mk.returned, phrase)
		case kind == "sender":
			mk.sender = append(mk.sender, phrase)
		case kind == "delayed":
			mk.delayed = append(mk.delayed, phrase)
		case kind == "vacation":
			mk.vacation = append(mk.vacation, phrase)
		case kind == "recipient":
			mk.recipient = append(mk.recipient, phrase)
		case strings.HasPrefix(kind, "stage:") && commands[kind[6:]]:
			mk.stages = append(mk.stages, stagePhrase{kind[6:], phrase})
		default:
			return mk, t.errorf(i, "unknown kind %q", kind)
		}
	}
	stages := make([]string, len(mk.stages))
	for i, sp := range mk.stages {
		stages[i] = sp.phrase
	}
	for _, b := range []struct {
		m       **matcher
		phrases []string
	}{{&mk.returnedIndex, mk.returned}, {&mk.delayedIndex, mk.delayed}, {&mk.stageIndex, stages}} {
		if *b.m, err = newMatcher(b.phrases); err != nil {
			return mk, fmt.Errorf("markers.tsv: %w", err)
		}
	}
	return mk, nil
}

// stage returns the SMTP command a text says the reply answered, or "":
// the stage phrase that occurs last in the text.
func (mk *markers) stage(low string) string {
	low = collapseSpace(low)
	best, at := "", -1
	mk.stageIndex.each(low, func(id, end int) bool {
		if start := end - len(mk.stages[id].phrase); start > at {
			best, at = mk.stages[id].command, start
		}
		return true
	})
	return best
}

// returnedStart returns the offset of the line where the returned message
// starts in s, or len(s).
func (mk *markers) returnedStart(s string) int {
	best := len(s)
	mk.returnedIndex.eachFold(s, func(id, end int) bool {
		best = strings.LastIndexByte(s[:end-len(mk.returned[id])], '\n') + 1
		return false // the first marker in the text wins
	})
	return best
}

// hasSuffixCue reports whether low (the text before an address) ends with
// one of the phrases, allowing spaces, '<', quotes and "mailto:" between.
func hasSuffixCue(low string, cues []string) bool {
	t := strings.TrimRight(low, " \t<\"'(")
	t = strings.TrimSuffix(t, "mailto:")
	t = strings.TrimRight(t, " \t<\"'(")
	for _, c := range cues {
		if strings.HasSuffix(t, strings.TrimRight(c, " ")) {
			return true
		}
	}
	return false
}

// stageAt returns the SMTP command named by the stage phrase nearest before
// pos in low, or else the first one after it.
func (mk *markers) stageAt(low string, pos int) string {
	pos = min(max(pos, 0), len(low))
	before, beforeAt := "", -1
	after, afterAt := "", len(low)+1
	mk.stageIndex.each(low, func(id, end int) bool {
		start := end - len(mk.stages[id].phrase)
		switch {
		case end <= pos && start > beforeAt:
			before, beforeAt = mk.stages[id].command, start
		case end > pos && start >= pos && start < afterAt:
			after, afterAt = mk.stages[id].command, start
		}
		return true
	})
	if before != "" {
		return before
	}
	return after
}

// isDelayWarning reports whether a bounce text is a delay warning.
func (mk *markers) isDelayWarning(low string) bool {
	found := false
	mk.delayedIndex.each(collapseSpace(low), func(int, int) bool {
		found = true
		return false
	})
	return found
}
