package app

import (
	"sort"
	"strings"

	"github.com/smtpexplain/smtpexplain/codes"
)

// This file gathers what the code pages and the code search show beyond
// the registry: the provider responses that come with a code, and the
// causes a code implies.

// responsesFor lists the known provider responses that come with a code:
// those with the same reply code for a reply code, those whose enhanced
// code or range covers the code (in either class) for an enhanced code.
func responsesFor(info codes.CodeInfo) []codes.Response {
	var out []codes.Response
	for _, r := range codes.Default().Responses() {
		if info.Type == codes.TypeReply {
			if r.ReplyCode == info.Code {
				out = append(out, r)
			}
			continue
		}
		if coversSlug(&r, info.Slug) {
			out = append(out, r)
		}
	}
	return out
}

// coversSlug reports whether a response's documented enhanced code, such
// as "5.7.1" or the range "5.7.606-649", covers the generic code slug
// "x.7.1", in any class.
func coversSlug(r *codes.Response, slug string) bool {
	if !strings.HasPrefix(slug, "x.") {
		return false
	}
	for _, class := range "245" {
		if r.Covers(string(class) + slug[1:]) {
			return true
		}
	}
	return false
}

// providerLabels maps provider names to their labels for people.
func providerLabels() map[string]string {
	m := map[string]string{}
	for _, p := range codes.Default().Providers() {
		m[p.Name] = p.Label
	}
	return m
}

// cause is one reason a code is seen with.
type cause struct {
	reason    string
	implied   bool // the code itself implies it, with no other words
	responses int  // provider responses with this reason
}

// codeAdvice is what the decoder says about the code alone: for an
// enhanced code, in its permanent (5) and temporary (4) forms; for a reply
// code of class 4 or 5, as it is. Codes of success and of intermediate
// replies have none.
func codeAdvice(info codes.CodeInfo) []codes.Finding {
	var forms []string
	switch {
	case info.Type == codes.TypeReply && (info.Code[0] == '4' || info.Code[0] == '5'):
		forms = []string{info.Code}
	case info.Type == codes.TypeStatus && strings.HasPrefix(info.Slug, "x."):
		forms = []string{"5" + info.Slug[1:], "4" + info.Slug[1:]}
	case info.Type == codes.TypeStatus && (info.Code[0] == '4' || info.Code[0] == '5'):
		forms = []string{info.Code}
	}
	var out []codes.Finding
	for _, code := range forms {
		rep := codes.Decode(code)
		if len(rep.Findings) == 1 && rep.Findings[0].Reason != "" && rep.Findings[0].Reason != "delivered" {
			out = append(out, rep.Findings[0])
		}
	}
	return out
}

// codeCauses lists the reasons a code comes with: the ones the code
// implies first, then those of its provider responses, most frequent
// first.
func codeCauses(advice []codes.Finding, responses []codes.Response) []cause {
	var out []cause
	index := map[string]int{}
	for _, f := range advice {
		if _, ok := index[f.Reason]; ok || f.Reason == "undefined" {
			continue
		}
		index[f.Reason] = len(out)
		out = append(out, cause{reason: f.Reason, implied: true})
	}
	implied := len(out)
	for _, r := range responses {
		if r.Reason == "undefined" || r.Reason == "" {
			continue
		}
		i, ok := index[r.Reason]
		if !ok {
			i = len(out)
			index[r.Reason] = i
			out = append(out, cause{reason: r.Reason})
		}
		out[i].responses++
	}
	rest := out[implied:]
	sort.SliceStable(rest, func(a, b int) bool { return rest[a].responses > rest[b].responses })
	return out
}
