package codes

import (
	"fmt"
	"strings"
)

// ReasonInfo describes one reason of the vocabulary.
type ReasonInfo struct {
	Name       string `json:"name"`        // e.g. "userunknown"
	HardBounce string `json:"hard_bounce"` // "yes", "no" or "permanent"
	Nature     string `json:"nature"`      // "permanent", "temporary" or "none": what a failure is when no code says
	Meaning    string `json:"meaning"`     // one line for people
}

// knowledgeBase holds the tables beyond the code registry: reasons, the
// reason each code implies, and (later layers) phrases and providers.
type knowledgeBase struct {
	reasons     map[string]ReasonInfo
	reasonOrder []string
	codeReason  map[string]string // "X.1.1", "5.1.1", "550" -> reason
	decisive    map[string]bool   // codes whose reason wins over the wording
	phrases     []phraseRule      // wording -> reason, in precedence order
	phraseIndex *matcher          // finds the phrases without a wildcard
	wildPhrases []int             // ids of phrases with a '#' digit wildcard, in order
	markers     markers           // phrases that structure bounce texts
	// vacationSubjects are subject phrases of auto-replies (markers.tsv).
	vacationSubjects []string
	espTypes         map[string]string // "esp\x00type" -> reason (esp-types.tsv)
	providers        *providerBase     // providers, signatures, known responses
	prefixes         []sessionPrefix   // transcript line prefixes (transcript.tsv)
	advice           map[string]advice // what to tell people, per reason (advice.tsv)
	crosswalk        map[string]crosswalkRow
	sparkpost        map[string]string // SparkPost bounce class names
}

// newKnowledgeBase returns an empty knowledge base, for knowledgeParts to
// fill.
func newKnowledgeBase() *knowledgeBase {
	return &knowledgeBase{reasons: map[string]ReasonInfo{}, codeReason: map[string]string{}, decisive: map[string]bool{}}
}

// knowledgeParts returns the parts of loading the tables beyond the code
// registry into kb, to be run in order (each needs those before it) and
// each once; kb is complete when the last has run without error.
func knowledgeParts(src fileSource, kb *knowledgeBase) []func() error {
	var providers func() (*providerBase, error)
	return []func() error{
		func() error {
			if err := loadReasons(src, kb); err != nil {
				return err
			}
			// The provider tables need only the reasons, which are
			// complete now.
			providers = alongside(src, func() (*providerBase, error) { return loadProviders(src, kb) })
			return loadCodeReasons(src, kb)
		},
		func() error { return loadPhraseIndex(src, kb) },
		func() error {
			var err error
			if kb.markers, err = loadMarkers(src); err != nil {
				return err
			}
			kb.vacationSubjects = kb.markers.vacation
			kb.espTypes, err = loadESPTypes(src, kb)
			return err
		},
		func() error {
			var err error
			kb.providers, err = providers()
			return err
		},
		func() error {
			var err error
			if kb.prefixes, err = loadTranscriptPrefixes(src); err != nil {
				return err
			}
			return loadAdvice(src, kb)
		},
	}
}

// loadReasons reads the reason vocabulary (reasons.tsv) into kb.
func loadReasons(src fileSource, kb *knowledgeBase) error {
	t, err := src.table("reasons.tsv", "reason", "hard_bounce", "nature", "meaning")
	if err != nil {
		return err
	}
	for i, row := range t.rows() {
		ri := ReasonInfo{Name: t.get(row, "reason"), HardBounce: t.get(row, "hard_bounce"), Nature: t.get(row, "nature"), Meaning: t.get(row, "meaning")}
		if ri.Nature != "permanent" && ri.Nature != "temporary" && ri.Nature != "none" {
			return t.errorf(i, "%s: nature must be permanent, temporary or none", ri.Name)
		}
		switch ri.HardBounce {
		case "yes", "no", "permanent":
		default:
			return t.errorf(i, "%s: hard_bounce must be yes, no or permanent", ri.Name)
		}
		if _, dup := kb.reasons[ri.Name]; dup || ri.Name == "" {
			return t.errorf(i, "reason %q is empty or listed twice", ri.Name)
		}
		kb.reasons[ri.Name] = ri
		kb.reasonOrder = append(kb.reasonOrder, ri.Name)
	}
	return nil
}

// loadCodeReasons reads the reason each code implies (code-reasons.tsv)
// into kb, whose reasons are loaded.
func loadCodeReasons(src fileSource, kb *knowledgeBase) error {
	cr, err := src.table("code-reasons.tsv", "code", "reason", "decisive")
	if err != nil {
		return err
	}
	for i, row := range cr.rows() {
		c, err := ParseCode(cr.get(row, "code"))
		if err != nil {
			return cr.errorf(i, "%v", err)
		}
		r := cr.get(row, "reason")
		if _, ok := kb.reasons[r]; !ok {
			return cr.errorf(i, "%s: unknown reason %q", c, r)
		}
		if _, dup := kb.codeReason[c.String()]; dup {
			return cr.errorf(i, "%s is listed twice", c)
		}
		kb.codeReason[c.String()] = r
		switch cr.get(row, "decisive") {
		case "yes":
			kb.decisive[c.String()] = true
		case "", "no":
		default:
			return cr.errorf(i, "%s: decisive must be yes or empty", c)
		}
	}
	return nil
}

// loadPhraseIndex reads the wording rules (phrases.tsv) into kb and
// builds the automaton that finds those without a wildcard.
func loadPhraseIndex(src fileSource, kb *knowledgeBase) error {
	var err error
	if kb.phrases, err = loadPhrases(src, kb); err != nil {
		return err
	}
	literal := make([]string, len(kb.phrases))
	for i, r := range kb.phrases {
		if strings.IndexByte(r.phrase, '#') >= 0 {
			kb.wildPhrases = append(kb.wildPhrases, i)
			continue
		}
		literal[i] = r.phrase
	}
	if kb.phraseIndex, err = newMatcher(literal); err != nil {
		return fmt.Errorf("phrases.tsv: %w", err)
	}
	return nil
}

// Reasons lists the reason vocabulary in its documented order.
func (d *Decoder) Reasons() []ReasonInfo {
	out := make([]ReasonInfo, 0, len(d.kb.reasonOrder))
	for _, n := range d.kb.reasonOrder {
		out = append(out, d.kb.reasons[n])
	}
	return out
}

// ReasonForCode returns the reason a code implies on its own, with no
// wording to go by: an enhanced status code ("5.1.1"), a basic reply code
// ("452") or both (either may be empty). It answers "undefined" when the
// codes say nothing about the cause.
func (d *Decoder) ReasonForCode(status, reply string) string {
	return d.kb.reasonForCodes(status, reply)
}

// reasonForCodes returns the reason implied by an enhanced status code and a
// reply code, preferring the more specific: the class-specific status code,
// then its generic X form, then the class default, then the reply code.
func (kb *knowledgeBase) reasonForCodes(status, reply string) string {
	if c, err := ParseCode(status); err == nil && c.Type == TypeStatus {
		if r, ok := kb.codeReason[c.String()]; ok && !(c.Subject == 0 && c.Detail == 0) {
			return r
		}
		// Codes that report success (X.1.5, X.3.6) mean delivery only in
		// class 2; in a failure they say nothing about its cause.
		if r, ok := kb.codeReason[c.Generic().String()]; ok && !(c.Subject == 0 && c.Detail == 0) && (r != "delivered" || c.Class == 2) {
			return r
		}
		if c.Class == 2 {
			return "delivered"
		}
	}
	if r, ok := kb.codeReason[reply]; ok {
		return r
	}
	if c, err := ParseCode(status); err == nil && c.Type == TypeStatus {
		if r, ok := kb.codeReason[fmt.Sprintf("%d.0.0", c.Class)]; ok {
			return r
		}
	}
	if reply != "" {
		switch reply[0] {
		case '2':
			return "delivered"
		case '4':
			return "onhold"
		}
	}
	return "undefined"
}

// hardBounce applies a reason's hard-bounce rule.
func (kb *knowledgeBase) hardBounce(reason string, permanent bool) bool {
	switch kb.reasons[reason].HardBounce {
	case "yes":
		return true
	case "permanent":
		return permanent
	}
	return false
}
