package app

import (
	"sort"
	"strings"
	"sync"

	"github.com/smtpexplain/smtpexplain/codes"
)

// searchEntry is one code as the code search sees it.
type searchEntry struct {
	info  codes.CodeInfo
	forms []string // how people write it: "550"; "x.1.1", "5.1.1", "4.1.1"
	title string   // lower-case title
	text  string   // lower-case words: explanation, description, notes, causes
	keys  []respKey
}

// respKey is a provider response's key phrase, searchable.
type respKey struct {
	low, key, provider string
}

// searchHit is a code that matches a search, and the provider response
// that made it match when its own words did not.
type searchHit struct {
	Info codes.CodeInfo
	Via  string // "“key” (Provider)", or ""
}

// searchIndex is built on first use from the registry and the provider
// responses.
var searchIndex = sync.OnceValue(func() []searchEntry {
	labels := providerLabels()
	all := codes.All()
	out := make([]searchEntry, 0, len(all))
	for _, info := range all {
		e := searchEntry{info: info, title: strings.ToLower(info.Title)}
		if info.Type == codes.TypeStatus {
			rest := strings.TrimPrefix(info.Slug, "x")
			e.forms = []string{info.Slug, "5" + rest, "4" + rest, "2" + rest}
		} else {
			e.forms = []string{info.Code}
		}
		words := []string{info.Explanation, info.Description, info.Class, info.Subject, info.Detail}
		words = append(words, info.Notes...)
		responses := responsesFor(info)
		for _, c := range codeCauses(codeAdvice(info), responses) {
			words = append(words, c.reason, reasonLabel(c.reason))
		}
		for _, r := range responses {
			who := labels[r.Provider]
			if who == "" {
				who = r.Provider
			}
			words = append(words, who)
			e.keys = append(e.keys, respKey{low: strings.ToLower(r.Key), key: r.Key, provider: who})
		}
		e.text = strings.ToLower(strings.Join(words, " \n "))
		out = append(out, e)
	}
	return out
})

// searchCodes returns the codes that match every word of query, best
// first: a code written as typed, then a code that starts so, then the
// title, then the other words, then the provider responses.
func searchCodes(query string) []searchHit {
	var tokens []string
	for _, t := range strings.Fields(strings.ToLower(query)) {
		t = strings.Trim(t, `.,;:!?"'()[]<>“”`)
		if t != "" {
			tokens = append(tokens, t)
		}
	}
	if len(tokens) == 0 {
		return nil
	}
	type scored struct {
		hit   searchHit
		score int
		order int
	}
	var found []scored
	for i, e := range searchIndex() {
		total, via := 0, ""
		for _, t := range tokens {
			s, v := e.match(t)
			if s == 0 {
				total = 0
				break
			}
			total += s
			if v != "" && via == "" {
				via = v
			}
		}
		if total > 0 {
			found = append(found, scored{searchHit{e.info, via}, total, i})
		}
	}
	sort.SliceStable(found, func(a, b int) bool { return found[a].score > found[b].score })
	out := make([]searchHit, len(found))
	for i, f := range found {
		out[i] = f.hit
	}
	return out
}

// match scores one search word against a code, and names the provider
// response it matched through, if that is the only place it matched.
func (e searchEntry) match(t string) (int, string) {
	for _, f := range e.forms {
		if f == t {
			return 100, ""
		}
	}
	for _, f := range e.forms {
		if strings.HasPrefix(f, t) && len(t) >= 1 && (t[0] >= '0' && t[0] <= '9' || t[0] == 'x') {
			return 40, ""
		}
	}
	switch {
	case strings.Contains(e.title, t):
		return 20, ""
	case strings.Contains(e.text, t):
		return 8, ""
	}
	for _, k := range e.keys {
		if strings.Contains(k.low, t) {
			return 4, "“" + k.key + "” (" + k.provider + ")"
		}
	}
	return 0, ""
}
