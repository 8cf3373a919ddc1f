package codes

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
)

// ReplyUse is one RFC's meaning of a basic reply code. Some numbers are
// defined by several RFCs (251 means one thing after RCPT and another after
// ETRN); each definition is one ReplyUse.
type ReplyUse struct {
	Title    string `json:"title"`    // the reply text the RFC gives
	RFC      string `json:"rfc"`      // where it is defined, e.g. "RFC 5321 §4.2.3"
	Commands string `json:"commands"` // the commands it answers
	Notes    string `json:"notes"`    // what the RFC says about its use
	Enhanced string `json:"enhanced"` // enhanced codes the RFC pairs with it
}

// Digit is the meaning of one digit of a code.
type Digit struct {
	Position string `json:"position"` // "first", "second", "third" or "class", "subject", "detail"
	Value    string `json:"value"`    // the digit or number
	Name     string `json:"name"`     // the short name of that value
	Meaning  string `json:"meaning"`  // what it says
}

// CodeInfo holds everything the registry knows about one code.
type CodeInfo struct {
	Code        string     `json:"code"`        // canonical form: "550", "5.1.1", "X.1.1"
	Type        string     `json:"type"`        // TypeReply or TypeStatus
	Slug        string     `json:"slug"`        // path segment of its reference page: "550", "x.1.1"
	Title       string     `json:"title"`       // official title (RFC reply text or registry sample text)
	Registered  bool       `json:"registered"`  // defined by an RFC or listed in the IANA registry
	Class       string     `json:"class"`       // meaning of the first digit / class
	Subject     string     `json:"subject"`     // meaning of the second digit / subject
	Detail      string     `json:"detail"`      // meaning of the third digit / detail
	Digits      []Digit    `json:"digits"`      // digit-by-digit breakdown
	Associated  []string   `json:"associated"`  // basic codes of a status code, enhanced codes of a reply code
	Uses        []ReplyUse `json:"uses"`        // per-RFC definitions of a reply code
	References  []string   `json:"references"`  // RFC references
	Description string     `json:"description"` // the registry's description of a status code
	Explanation string     `json:"explanation"` // plain-language explanation
	Notes       []string   `json:"notes"`       // overloaded meanings and other cautions
}

// Registry holds the reply codes and enhanced status codes loaded from the
// embedded data files. It is read-only after loading and safe for
// concurrent use.
type Registry struct {
	replies   map[string]*replyEntry
	statuses  map[statusKey]*statusEntry
	classes   map[int]part
	subjects  map[int]part
	first     map[int]part
	second    map[int]part
	overloads map[string]string // "X.7.8" -> note
	replyKeys []string
	statList  []*statusEntry // in registry order
	titles    *matcher       // the titles that count in titled, lower-cased (ids index titleOf)
	titleOf   []titledCode
}

// titledCode is a code whose title titled looks for.
type titledCode struct {
	code  Code
	lower string // the title, lower-cased
}

// statusKey is the subject and detail of an enhanced code.
type statusKey struct{ subject, detail int }

type part struct{ title, description, explanation string }

type replyEntry struct {
	code        string
	uses        []ReplyUse
	explanation string
	info        atomic.Pointer[CodeInfo] // worked out on first use
}

type statusEntry struct {
	code        Code
	title       string
	basic       []string
	description string
	reference   string
	definedIn   string
	notes       string
	explanation string
	// infos[class] is the code's CodeInfo for class 0 (X), 2, 4 and 5,
	// worked out on first use.
	infos [6]atomic.Pointer[CodeInfo]
}

func loadRegistry(files fileSource) (*Registry, error) {
	r := &Registry{
		replies:   map[string]*replyEntry{},
		statuses:  map[statusKey]*statusEntry{},
		classes:   map[int]part{},
		subjects:  map[int]part{},
		first:     map[int]part{},
		second:    map[int]part{},
		overloads: map[string]string{},
	}
	uses, err := files.table("reply-uses.tsv", "code", "title", "rfc", "commands", "notes", "enhanced")
	if err != nil {
		return nil, err
	}
	for i, row := range uses.rows() {
		code := uses.get(row, "code")
		if c, err := ParseCode(code); err != nil || c.Type != TypeReply {
			return nil, uses.errorf(i, "bad reply code %q", code)
		}
		e := r.replies[code]
		if e == nil {
			e = &replyEntry{code: code}
			r.replies[code] = e
			r.replyKeys = append(r.replyKeys, code)
		}
		e.uses = append(e.uses, ReplyUse{
			Title: uses.get(row, "title"), RFC: uses.get(row, "rfc"), Commands: uses.get(row, "commands"),
			Notes: uses.get(row, "notes"), Enhanced: uses.get(row, "enhanced"),
		})
	}
	expl, err := files.table("reply-codes.tsv", "code", "explanation")
	if err != nil {
		return nil, err
	}
	for i, row := range expl.rows() {
		e := r.replies[expl.get(row, "code")]
		if e == nil {
			return nil, expl.errorf(i, "%q has no row in reply-uses.tsv", expl.get(row, "code"))
		}
		if e.explanation != "" {
			return nil, expl.errorf(i, "%s is explained twice", e.code)
		}
		e.explanation = expl.get(row, "explanation")
	}
	digits, err := files.table("reply-digits.tsv", "position", "digit", "name", "meaning")
	if err != nil {
		return nil, err
	}
	for i, row := range digits.rows() {
		dg := digits.get(row, "digit")
		if len(dg) != 1 || !isDigit(dg[0]) {
			return nil, digits.errorf(i, "digit must be one digit, got %q", dg)
		}
		d := int(dg[0] - '0')
		p := part{title: digits.get(row, "name"), description: digits.get(row, "meaning")}
		switch digits.get(row, "position") {
		case "first":
			r.first[d] = p
		case "second":
			r.second[d] = p
		default:
			return nil, digits.errorf(i, "position must be first or second")
		}
	}
	stat, err := files.table("status-codes.tsv", "code", "title", "basic", "description", "reference", "defined_in", "notes", "explanation")
	if err != nil {
		return nil, err
	}
	for i, row := range stat.rows() {
		c, err := ParseCode(stat.get(row, "code"))
		if err != nil || c.Type != TypeStatus || c.Class != 0 {
			return nil, stat.errorf(i, "bad code %q: write enhanced codes as X.Y.Z", stat.get(row, "code"))
		}
		key := statusKey{c.Subject, c.Detail}
		if r.statuses[key] != nil {
			return nil, stat.errorf(i, "%s is listed twice", c)
		}
		e := &statusEntry{
			code: c, title: stat.get(row, "title"), basic: splitBasic(stat.get(row, "basic")),
			description: stat.get(row, "description"), reference: stat.get(row, "reference"),
			definedIn: stat.get(row, "defined_in"), notes: stat.get(row, "notes"),
			explanation: stat.get(row, "explanation"),
		}
		r.statuses[key] = e
		r.statList = append(r.statList, e)
	}
	parts, err := files.table("status-parts.tsv", "part", "digit", "title", "description", "explanation")
	if err != nil {
		return nil, err
	}
	for i, row := range parts.rows() {
		dg := parts.get(row, "digit")
		if len(dg) != 1 || !isDigit(dg[0]) {
			return nil, parts.errorf(i, "digit must be one digit, got %q", dg)
		}
		d := int(dg[0] - '0')
		p := part{title: parts.get(row, "title"), description: parts.get(row, "description"), explanation: parts.get(row, "explanation")}
		switch parts.get(row, "part") {
		case "class":
			r.classes[d] = p
		case "subject":
			r.subjects[d] = p
		default:
			return nil, parts.errorf(i, "part must be class or subject")
		}
	}
	over, err := files.table("status-overloads.tsv", "code", "note")
	if err != nil {
		return nil, err
	}
	for i, row := range over.rows() {
		c, err := ParseCode(over.get(row, "code"))
		if err != nil {
			return nil, over.errorf(i, "%v", err)
		}
		r.overloads[c.Generic().String()] = over.get(row, "note")
	}
	// The titles that titled looks for: long and specific ones.
	var titles []string
	for _, e := range r.statList {
		t := lowerText(e.title)
		if len(t) < 12 || strings.HasPrefix(t, "other") {
			continue
		}
		titles = append(titles, t)
		r.titleOf = append(r.titleOf, titledCode{e.code, t})
	}
	if r.titles, err = newMatcher(titles); err != nil {
		return nil, fmt.Errorf("status-codes.tsv: titles: %w", err)
	}
	return r, nil
}

// refURL returns the address of an RFC reference such as "RFC 5321 §4.2.3".
func (r *Registry) refURL(ref string) string { return rfcURL(ref) }

// splitBasic turns the registry's basic-code field ("451, 550", "451/550",
// "250 or 251", "Not given") into a list of codes and patterns.
func splitBasic(s string) []string {
	if s == "" || strings.EqualFold(s, "Not given") || s == "." {
		return nil
	}
	if i := strings.Index(s, "("); i >= 0 {
		s = s[:i]
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '/' || r == ' ' })
	var out []string
	for _, x := range f {
		if x != "or" && x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Lookup explains one code, given as "550", "5.1.1" or "X.1.1". A code that
// is well formed but not registered (599, 5.7.999) is explained from its
// digits and has Registered false; a malformed code returns an error
// wrapping ErrMalformed.
func (r *Registry) Lookup(s string) (CodeInfo, error) {
	c, err := ParseCode(s)
	if err != nil {
		return CodeInfo{}, err
	}
	return r.Info(c), nil
}

// Info explains a parsed code; see Lookup. The slices of the result are
// shared and must not be modified.
func (r *Registry) Info(c Code) CodeInfo {
	// A registered code's info is worked out once, on first use: decoding
	// looks codes up often.
	var slot *atomic.Pointer[CodeInfo]
	switch c.Type {
	case TypeReply:
		if c.Class >= 0 && c.Class <= 9 && c.Subject >= 0 && c.Subject <= 9 && c.Detail >= 0 && c.Detail <= 9 {
			if e := r.replies[c.String()]; e != nil {
				slot = &e.info
			}
		}
	case TypeStatus:
		if c.Class == 0 || c.Class == 2 || c.Class == 4 || c.Class == 5 {
			if e := r.statuses[statusKey{c.Subject, c.Detail}]; e != nil {
				slot = &e.infos[c.Class]
			}
		}
	}
	if slot == nil {
		return r.info(c)
	}
	if p := slot.Load(); p != nil {
		return *p
	}
	info := r.info(c)
	slot.CompareAndSwap(nil, &info)
	return info
}

func (r *Registry) info(c Code) CodeInfo {
	if c.Type == TypeReply {
		return r.replyInfo(c)
	}
	return r.statusInfo(c)
}

func (r *Registry) replyInfo(c Code) CodeInfo {
	code := c.String()
	info := CodeInfo{Code: code, Type: TypeReply, Slug: c.Slug()}
	first, second := r.first[c.Class], r.second[c.Subject]
	info.Class = first.title
	info.Subject = second.title
	if info.Subject == "" {
		info.Subject = "No category defined"
		second.description = "RFC 5321 defines second digits 0 to 5 only; this digit has no assigned meaning."
	}
	info.Detail = "Finer distinction within the category; it has no fixed meaning of its own"
	info.Digits = []Digit{
		{Position: "first", Value: code[:1], Name: first.title, Meaning: first.description},
		{Position: "second", Value: code[1:2], Name: info.Subject, Meaning: second.description},
		{Position: "third", Value: code[2:], Name: "Detail", Meaning: "Distinguishes replies within the same category; read it together with the first two digits."},
	}
	e := r.replies[code]
	if e == nil {
		info.Title = fmt.Sprintf("Unregistered reply: %s, %s", lowerText(first.title), lowerText(info.Subject))
		info.Explanation = unregisteredReplyExplanation(c, first, second)
		info.References = []string{"RFC 5321 §4.2.1"}
		return info
	}
	info.Registered = true
	info.Title = e.uses[0].Title
	info.Uses = e.uses
	info.Explanation = e.explanation
	seen := map[string]bool{}
	for _, u := range e.uses {
		for _, ref := range splitRefs(u.RFC) {
			if !seen[ref] {
				seen[ref] = true
				info.References = append(info.References, ref)
			}
		}
		for _, x := range strings.FieldsFunc(u.Enhanced, func(r rune) bool { return r == ';' || r == ' ' || r == '/' }) {
			if sc, err := ParseCode(x); err == nil && sc.Type == TypeStatus && !seen[x] {
				seen[x] = true
				info.Associated = append(info.Associated, sc.String())
			}
		}
	}
	if len(e.uses) > 1 {
		info.Notes = append(info.Notes, fmt.Sprintf("%s has %d definitions in different RFCs; the meaning depends on the command it answers.", code, len(e.uses)))
	}
	return info
}

func unregisteredReplyExplanation(c Code, first, second part) string {
	var b strings.Builder
	fmt.Fprintf(&b, "No RFC defines the reply %s, so it is read from its digits. ", c)
	switch c.Class {
	case 2:
		b.WriteString("A first digit 2 means the command succeeded.")
	case 3:
		b.WriteString("A first digit 3 means the server is waiting for more input.")
	case 4:
		b.WriteString("A first digit 4 means a temporary failure: the same command may succeed if tried again later.")
	case 5:
		b.WriteString("A first digit 5 means a permanent failure: repeating the same command unchanged will fail again.")
	}
	if second.title != "" && c.Subject <= 5 {
		fmt.Fprintf(&b, " The second digit %d is about: %s.", c.Subject, lowerText(second.title))
	} else {
		fmt.Fprintf(&b, " The second digit %d has no meaning in RFC 5321, which suggests a non-standard server.", c.Subject)
	}
	return b.String()
}

func (r *Registry) statusInfo(c Code) CodeInfo {
	info := CodeInfo{Code: c.String(), Type: TypeStatus, Slug: c.Slug()}
	class := r.classes[c.Class]
	subj, subjOK := r.subjects[c.Subject]
	if c.Class == 0 {
		info.Class = "Any class (2 success, 4 temporary, 5 permanent)"
	} else {
		info.Class = class.title
	}
	info.Subject = subj.title
	if !subjOK {
		info.Subject = "Unknown subject"
		subj.description = "RFC 3463 defines subjects 0 to 7 only; this subject has no registered meaning."
	}
	e := r.statuses[statusKey{c.Subject, c.Detail}]
	classValue := "X"
	if c.Class != 0 {
		classValue = strconv.Itoa(c.Class)
	}
	info.Digits = []Digit{
		{Position: "class", Value: classValue, Name: info.Class, Meaning: classMeaning(r, c)},
		{Position: "subject", Value: strconv.Itoa(c.Subject), Name: info.Subject, Meaning: firstNonEmpty(subj.explanation, subj.description)},
	}
	if e == nil {
		info.Detail = "Unregistered detail"
		info.Title = fmt.Sprintf("Unregistered code: %s", lowerText(info.Subject))
		info.Digits = append(info.Digits, Digit{Position: "detail", Value: strconv.Itoa(c.Detail), Name: info.Detail,
			Meaning: "The IANA registry lists no code with this detail number; only the class and subject carry meaning."})
		info.Explanation = unregisteredStatusExplanation(c, info.Subject)
		info.References = []string{"RFC 3463", "RFC 5248"}
		return info
	}
	info.Registered = true
	info.Title = e.title
	if info.Title == "" {
		info.Title = e.description
	}
	info.Detail = info.Title
	info.Digits = append(info.Digits, Digit{Position: "detail", Value: strconv.Itoa(c.Detail), Name: info.Title, Meaning: e.description})
	info.Associated = e.basic
	info.Description = e.description
	info.Explanation = e.explanation
	info.References = splitRefs(e.definedIn)
	for _, ref := range splitRefs(registryRefs(e.reference)) {
		if strings.HasPrefix(ref, "RFC ") && !containsPrefix(info.References, ref) {
			info.References = append(info.References, ref)
		}
	}
	if e.notes != "" {
		info.Notes = append(info.Notes, e.notes)
	}
	if n := r.overloads[c.Generic().String()]; n != "" {
		info.Notes = append(info.Notes, n)
	}
	return info
}

func classMeaning(r *Registry, c Code) string {
	if c.Class == 0 {
		return "The registry lists the code without a class; 2 reports success, 4 a temporary failure, 5 a permanent one."
	}
	p := r.classes[c.Class]
	return firstNonEmpty(p.explanation, p.description)
}

func unregisteredStatusExplanation(c Code, subject string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is well formed but not in the IANA registry, so only its class and subject say something. ", c)
	switch c.Class {
	case 2:
		b.WriteString("Class 2 reports success.")
	case 4:
		b.WriteString("Class 4 is a temporary failure: a later attempt may succeed.")
	case 5:
		b.WriteString("Class 5 is a permanent failure: sending the same message again will fail the same way.")
	}
	fmt.Fprintf(&b, " The subject is %s; the server's own words around the code usually say more.", lowerText(subject))
	return b.String()
}

// Overload returns the caution for codes whose number carries more than one
// meaning (X.7.8, X.7.16, X.7.17), or "".
func (r *Registry) Overload(c Code) string { return r.overloads[c.Generic().String()] }

// Codes lists every registered code: the reply codes in numeric order, then
// the enhanced status codes in registry order (X.0.0, X.1.0, ...).
func (r *Registry) Codes() []CodeInfo {
	out := make([]CodeInfo, 0, len(r.replyKeys)+len(r.statList))
	keys := append([]string(nil), r.replyKeys...)
	sort.Strings(keys)
	for _, k := range keys {
		c, _ := ParseCode(k)
		out = append(out, r.Info(c))
	}
	for _, e := range r.statList {
		out = append(out, r.Info(e.code))
	}
	return out
}

// registryRefs writes the registry's reference field ("[RFC3463]
// (Standards Track)") the way the RFC text is cited: brackets dropped and
// "RFC 3463" spaced.
func registryRefs(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '[' || s[i] == ']':
		case strings.HasPrefix(s[i:], "RFC"):
			b.WriteString("RFC ")
			i += 2
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitRefs splits "RFC 5321 §4.2.3; §3.1" style references into parts,
// keeping section marks with the RFC they follow.
func splitRefs(s string) []string {
	var out []string
	rfc := ""
	for _, p := range strings.Split(s, ";") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if i := strings.Index(p, "("); i > 0 {
			p = strings.TrimSpace(p[:i])
		}
		if strings.HasPrefix(p, "RFC") {
			f := strings.Fields(p)
			if len(f) >= 2 {
				rfc = f[0] + " " + strings.TrimPrefix(f[1], "RFC")
			}
			out = append(out, p)
		} else if strings.HasPrefix(p, "§") && rfc != "" {
			out = append(out, rfc+" "+p)
		}
	}
	return out
}

func containsPrefix(list []string, p string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, p) {
			return true
		}
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// titled returns the registered enhanced code whose title the text quotes
// ("Mailbox full", "Reverse DNS validation failed"), case-insensitively.
// Short, generic titles ("Other address status") do not count. The longest
// title quoted wins; of equally long ones, the first in the registry.
func (r *Registry) titled(text string) (Code, bool) {
	best := -1
	found := func(id, _ int) bool {
		if best < 0 || len(r.titleOf[id].lower) > len(r.titleOf[best].lower) ||
			len(r.titleOf[id].lower) == len(r.titleOf[best].lower) && id < best {
			best = id
		}
		return true
	}
	if isASCII(text) {
		r.titles.eachFold(text, found)
	} else {
		r.titles.each(lowerText(text), found)
	}
	if best < 0 {
		return Code{}, false
	}
	return r.titleOf[best].code, true
}
