package codes

import (
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
	for i, row := range t.rows {
		kind, phrase := t.get(row, "kind"), strings.ToLower(t.get(row, "phrase"))
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
	return mk, nil
}

// stage returns the SMTP command a text says the reply answered, or "".
// The phrase that occurs last before the reply wins; with no position
// given, the first match in table order.
func (mk *markers) stage(low string) string {
	low = collapseSpace(low)
	best, at := "", -1
	for _, sp := range mk.stages {
		if i := strings.LastIndex(low, sp.phrase); i > at {
			best, at = sp.command, i
		}
	}
	return best
}

// returnedStart returns the offset of the line where the returned message
// starts in s, or len(s).
func (mk *markers) returnedStart(s string) int {
	low := asciiLower(s)
	best := len(s)
	for _, p := range mk.returned {
		if i := strings.Index(low, p); i >= 0 && i < best {
			best = strings.LastIndexByte(s[:i], '\n') + 1
		}
	}
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
	for _, sp := range mk.stages {
		if i := strings.LastIndex(low[:pos], sp.phrase); i >= 0 && i > beforeAt {
			before, beforeAt = sp.command, i
		}
		if i := strings.Index(low[pos:], sp.phrase); i >= 0 && pos+i < afterAt {
			after, afterAt = sp.command, pos+i
		}
	}
	if before != "" {
		return before
	}
	return after
}

// isDelayWarning reports whether a bounce text is a delay warning.
func (mk *markers) isDelayWarning(low string) bool {
	low = collapseSpace(low)
	for _, p := range mk.delayed {
		if strings.Contains(low, p) {
			return true
		}
	}
	return false
}
