package codes_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/smtpexplain/smtpexplain/codes"
)

// sharedDir is ../shared seen from the module root, i.e. two levels up from
// this package's folder. It holds the reference registry the embedded
// tables were built from.
const sharedDir = "../../shared"

// requireShared skips the test, loudly, when the reference folder is absent.
func requireShared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(sharedDir, rel)
	if _, err := os.Stat(p); err != nil {
		msg := fmt.Sprintf("REFERENCE NOT FOUND: %s is missing (%v); the registry is NOT being checked against the reference data. Provide ../shared next to the module root to run this test.", p, err)
		fmt.Fprintln(os.Stderr, "WARNING: "+msg)
		t.Log(msg)
		t.Skip(msg)
	}
	return p
}

// readCSV reads a reference CSV file into one map per row, keyed by header.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(records) < 2 {
		t.Fatalf("%s: no data rows", path)
	}
	header := records[0]
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// basicCodeList turns the registry's associated-basic-codes field ("451,
// 550", "451/550", "250 or 251", "Not given", ".") into the list of codes
// and patterns it names.
func basicCodeList(s string) []string {
	if i := strings.Index(s, "("); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, " or ", ",")
	s = strings.ReplaceAll(s, "/", ",")
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" || p == "." || strings.EqualFold(p, "Not given") {
			continue
		}
		out = append(out, p)
	}
	return out
}

func lookup(t *testing.T, code string) codes.CodeInfo {
	t.Helper()
	info, err := codes.Lookup(code)
	if err != nil {
		t.Fatalf("Lookup(%q): %v", code, err)
	}
	return info
}

func TestRegistryMatchesReferenceReplyCodes(t *testing.T) {
	dir := requireShared(t, "registry")
	rows := readCSV(t, filepath.Join(dir, "basic.csv"))

	byCode := map[string][]map[string]string{}
	var order []string
	for _, r := range rows {
		c := r["code"]
		if byCode[c] == nil {
			order = append(order, c)
		}
		byCode[c] = append(byCode[c], r)
	}
	if len(order) != 38 {
		t.Errorf("reference basic.csv has %d distinct reply codes, want 38", len(order))
	}

	for _, code := range order {
		want := byCode[code]
		t.Run(code, func(t *testing.T) {
			info := lookup(t, code)
			if !info.Registered {
				t.Errorf("Registered = false, want true")
			}
			if info.Type != codes.TypeReply || info.Code != code {
				t.Errorf("Type, Code = %q, %q; want %q, %q", info.Type, info.Code, codes.TypeReply, code)
			}
			if info.Title != want[0]["title"] {
				t.Errorf("Title = %q\nwant (first reference row) %q", info.Title, want[0]["title"])
			}
			if strings.TrimSpace(info.Explanation) == "" {
				t.Errorf("Explanation is empty")
			}
			if len(info.Uses) != len(want) {
				t.Fatalf("%d uses, reference has %d rows", len(info.Uses), len(want))
			}
			for i, w := range want {
				u := info.Uses[i]
				if u.Title != w["title"] || u.RFC != w["rfc"] {
					t.Errorf("use %d = %q (%s)\nwant %q (%s)", i, u.Title, u.RFC, w["title"], w["rfc"])
				}
			}
		})
	}

	// The registry has no reply code the reference does not have.
	for _, info := range codes.All() {
		if info.Type == codes.TypeReply && byCode[info.Code] == nil {
			t.Errorf("registry has reply code %s, which is not in basic.csv", info.Code)
		}
	}
}

func TestRegistryMatchesReferenceEnhancedCodes(t *testing.T) {
	dir := requireShared(t, "registry")
	rows := readCSV(t, filepath.Join(dir, "enhanced.csv"))
	if len(rows) != 81 {
		t.Errorf("reference enhanced.csv has %d codes, want 81", len(rows))
	}
	ref := map[string]bool{}
	for _, row := range rows {
		code := row["code"]
		ref[code] = true
		t.Run(code, func(t *testing.T) {
			info := lookup(t, code)
			if !info.Registered {
				t.Errorf("Registered = false, want true")
			}
			if info.Type != codes.TypeStatus || info.Code != code {
				t.Errorf("Type, Code = %q, %q; want %q, %q", info.Type, info.Code, codes.TypeStatus, code)
			}
			wantTitle := row["sample_text"]
			if wantTitle == "" {
				// X.6.10 has no sample text; the title falls back to
				// the registry's description so it is never empty.
				wantTitle = row["description"]
			}
			if info.Title != wantTitle {
				t.Errorf("Title = %q\nwant %q", info.Title, wantTitle)
			}
			if strings.TrimSpace(info.Title) == "" {
				t.Errorf("Title is empty")
			}
			if info.Description != row["description"] {
				t.Errorf("Description = %q\nwant %q", info.Description, row["description"])
			}
			wantBasic := basicCodeList(row["associated_basic_codes"])
			if !reflect.DeepEqual(nonNil(info.Associated), nonNil(wantBasic)) {
				t.Errorf("Associated = %q, want %q (from %q)", info.Associated, wantBasic, row["associated_basic_codes"])
			}
			if strings.TrimSpace(info.Explanation) == "" {
				t.Errorf("Explanation is empty")
			}
			// Each class-specific form reads the same registry entry.
			for _, class := range []string{"2", "4", "5"} {
				specific := class + strings.TrimPrefix(code, "X")
				si := lookup(t, specific)
				if !si.Registered || si.Title != info.Title || si.Explanation != info.Explanation {
					t.Errorf("Lookup(%q) = registered %v, title %q; want the entry of %s", specific, si.Registered, si.Title, code)
				}
			}
		})
	}
	for _, info := range codes.All() {
		if info.Type == codes.TypeStatus && !ref[info.Code] {
			t.Errorf("registry has enhanced code %s, which is not in enhanced.csv", info.Code)
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestRegistryMatchesReferenceDigits(t *testing.T) {
	dir := requireShared(t, "registry")
	for _, row := range readCSV(t, filepath.Join(dir, "basic-digits.csv")) {
		d := row["digit"]
		var code string
		var pos int
		switch row["position"] {
		case "first":
			if d < "2" || d > "5" {
				continue // 1yz is not an SMTP reply
			}
			code, pos = d+"00", 0
		case "second":
			code, pos = "5"+d+"0", 1
		default:
			t.Fatalf("basic-digits.csv: unexpected position %q", row["position"])
		}
		info := lookup(t, code)
		if len(info.Digits) != 3 {
			t.Fatalf("Lookup(%s): %d digits, want 3", code, len(info.Digits))
		}
		if got := info.Digits[pos]; got.Name != row["name"] || got.Value != d {
			t.Errorf("Lookup(%s).Digits[%d] = %q %q, want %q %q", code, pos, got.Value, got.Name, d, row["name"])
		}
	}
	for _, row := range readCSV(t, filepath.Join(dir, "enhanced-class.csv")) {
		class := row["code"][:1]
		if got := lookup(t, class+".0.0").Class; got != row["summary"] {
			t.Errorf("class %s: Class = %q, want %q", class, got, row["summary"])
		}
	}
	for _, row := range readCSV(t, filepath.Join(dir, "enhanced-subject.csv")) {
		subject := strings.Split(row["code"], ".")[1]
		if got := lookup(t, "X."+subject+".0").Subject; got != row["summary"] {
			t.Errorf("subject %s: Subject = %q, want %q", subject, got, row["summary"])
		}
	}
}

func TestRegistryCounts(t *testing.T) {
	all := codes.All()
	if len(all) != 38+81 {
		t.Errorf("All() has %d codes, want 119 (38 reply codes and 81 enhanced codes)", len(all))
	}
	if got := len(codes.Default().Registry().Codes()); got != len(all) {
		t.Errorf("Registry().Codes() has %d codes, All() has %d", got, len(all))
	}
	replies, statuses := 0, 0
	perSubject := map[int]int{}
	seen := map[string]bool{}
	for _, info := range all {
		if seen[info.Code] {
			t.Errorf("%s is listed twice", info.Code)
		}
		seen[info.Code] = true
		c, err := codes.ParseCode(info.Code)
		if err != nil {
			t.Errorf("listed code %q does not parse: %v", info.Code, err)
			continue
		}
		switch info.Type {
		case codes.TypeReply:
			replies++
		case codes.TypeStatus:
			statuses++
			perSubject[c.Subject]++
			if c.Class != 0 {
				t.Errorf("enhanced code %s is listed with a class, want the X form", info.Code)
			}
		default:
			t.Errorf("%s has type %q", info.Code, info.Type)
		}
	}
	if replies != 38 || statuses != 81 {
		t.Errorf("All() has %d reply codes and %d enhanced codes, want 38 and 81", replies, statuses)
	}
	// RFC 3463 and the IANA registry number every subject contiguously.
	want := map[int]int{0: 1, 1: 11, 2: 5, 3: 7, 4: 8, 5: 7, 6: 11, 7: 31}
	if !reflect.DeepEqual(perSubject, want) {
		t.Errorf("enhanced codes per subject = %v, want %v", perSubject, want)
	}
	for subj, n := range want {
		for detail := 0; detail < n; detail++ {
			if code := fmt.Sprintf("X.%d.%d", subj, detail); !seen[code] {
				t.Errorf("%s is missing", code)
			}
		}
	}
}

func TestRegistryOrder(t *testing.T) {
	// rank orders reply codes numerically before enhanced codes, and
	// enhanced codes by subject, then detail.
	rank := func(info codes.CodeInfo) int {
		c, err := codes.ParseCode(info.Code)
		if err != nil {
			t.Fatalf("listed code %q does not parse: %v", info.Code, err)
		}
		if c.Type == codes.TypeReply {
			return c.Class*100 + c.Subject*10 + c.Detail
		}
		return 1_000_000 + c.Subject*1000 + c.Detail
	}
	all := codes.All()
	if !sort.SliceIsSorted(all, func(i, j int) bool { return rank(all[i]) < rank(all[j]) }) {
		var got []string
		for _, info := range all {
			got = append(got, info.Code)
		}
		t.Errorf("All() is not in order (reply codes numerically, then X.subject.detail numerically): %v", got)
	}
}

func TestRegistryEveryCodeIsComplete(t *testing.T) {
	for _, info := range codes.All() {
		t.Run(info.Code, func(t *testing.T) {
			if !info.Registered {
				t.Errorf("Registered = false")
			}
			for name, v := range map[string]string{
				"Title": info.Title, "Class": info.Class, "Subject": info.Subject,
				"Detail": info.Detail, "Explanation": info.Explanation, "Slug": info.Slug,
			} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is empty", name)
				}
			}
			if want := strings.ToLower(info.Code); info.Slug != want {
				t.Errorf("Slug = %q, want %q", info.Slug, want)
			}
			positions := []string{"first", "second", "third"}
			if info.Type == codes.TypeStatus {
				positions = []string{"class", "subject", "detail"}
			}
			if len(info.Digits) != 3 {
				t.Fatalf("%d digits, want 3", len(info.Digits))
			}
			for i, d := range info.Digits {
				if d.Position != positions[i] || d.Value == "" || d.Name == "" || d.Meaning == "" {
					t.Errorf("digit %d = %+v, want position %q and a value, name and meaning", i, d, positions[i])
				}
			}
			if info.Type == codes.TypeReply {
				if len(info.Uses) == 0 {
					t.Errorf("a registered reply code has no uses")
				}
				if len(info.References) == 0 {
					t.Errorf("a registered reply code has no RFC reference")
				}
			}
			again := lookup(t, info.Code)
			if !reflect.DeepEqual(again, info) {
				t.Errorf("Lookup(%q) differs from the All() entry", info.Code)
			}
		})
	}
}

func TestLookupForms(t *testing.T) {
	tests := []struct {
		in, code, typ, slug, title, class, subject string
	}{
		{"550", "550", codes.TypeReply, "550",
			"Requested action not taken: mailbox unavailable (e.g., mailbox not found, no access, or command rejected for policy reasons)",
			"Permanent Negative Completion reply", "Mail system"},
		{"421", "421", codes.TypeReply, "421",
			"<domain> Service not available, closing transmission channel (This may be a reply to any command if the service knows it must shut down)",
			"Transient Negative Completion reply", "Connections"},
		{"5.1.1", "5.1.1", codes.TypeStatus, "x.1.1", "Bad destination mailbox address", "Permanent Failure", "Addressing Status"},
		{"4.2.2", "4.2.2", codes.TypeStatus, "x.2.2", "Mailbox full", "Persistent Transient Failure", "Mailbox Status"},
		{"2.0.0", "2.0.0", codes.TypeStatus, "x.0.0", "Other undefined Status", "Success", "Other or Undefined Status"},
		{"X.1.1", "X.1.1", codes.TypeStatus, "x.1.1", "Bad destination mailbox address", "", "Addressing Status"},
		{"x.1.1", "X.1.1", codes.TypeStatus, "x.1.1", "Bad destination mailbox address", "", "Addressing Status"},
		{" 5.7.26 ", "5.7.26", codes.TypeStatus, "x.7.26", "Multiple authentication checks failed", "Permanent Failure", "Security or Policy Status"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			info := lookup(t, tt.in)
			if info.Code != tt.code || info.Type != tt.typ || info.Slug != tt.slug {
				t.Errorf("Code, Type, Slug = %q, %q, %q; want %q, %q, %q", info.Code, info.Type, info.Slug, tt.code, tt.typ, tt.slug)
			}
			if info.Title != tt.title {
				t.Errorf("Title = %q, want %q", info.Title, tt.title)
			}
			if !info.Registered {
				t.Errorf("Registered = false, want true")
			}
			if tt.class != "" && info.Class != tt.class {
				t.Errorf("Class = %q, want %q", info.Class, tt.class)
			}
			if info.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", info.Subject, tt.subject)
			}
			if info.Explanation == "" {
				t.Errorf("Explanation is empty")
			}
		})
	}
}

func TestLookupDigits(t *testing.T) {
	tests := []struct {
		in     string
		values []string
	}{
		{"550", []string{"5", "5", "0"}},
		{"221", []string{"2", "2", "1"}},
		{"5.1.1", []string{"5", "1", "1"}},
		{"4.7.30", []string{"4", "7", "30"}},
		{"X.1.1", []string{"X", "1", "1"}},
		{"5.7.999", []string{"5", "7", "999"}},
	}
	for _, tt := range tests {
		info := lookup(t, tt.in)
		var got []string
		for _, d := range info.Digits {
			got = append(got, d.Value)
			if d.Name == "" || d.Meaning == "" {
				t.Errorf("Lookup(%q): digit %+v has no name or meaning", tt.in, d)
			}
		}
		if !reflect.DeepEqual(got, tt.values) {
			t.Errorf("Lookup(%q) digit values = %q, want %q", tt.in, got, tt.values)
		}
	}
}

func TestLookupUnregistered(t *testing.T) {
	tests := []struct {
		in, code, typ, class, subject string
	}{
		{"5.7.999", "5.7.999", codes.TypeStatus, "Permanent Failure", "Security or Policy Status"},
		{"4.4.20", "4.4.20", codes.TypeStatus, "Persistent Transient Failure", "Network and Routing Status"},
		{"2.1.99", "2.1.99", codes.TypeStatus, "Success", "Addressing Status"},
		{"X.2.50", "X.2.50", codes.TypeStatus, "", "Mailbox Status"},
		{"599", "599", codes.TypeReply, "Permanent Negative Completion reply", ""},
		{"526", "526", codes.TypeReply, "Permanent Negative Completion reply", "Connections"},
		{"299", "299", codes.TypeReply, "Positive Completion reply", ""},
		{"433", "433", codes.TypeReply, "Transient Negative Completion reply", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			info := lookup(t, tt.in)
			if info.Registered {
				t.Errorf("Registered = true, want false")
			}
			if info.Code != tt.code || info.Type != tt.typ {
				t.Errorf("Code, Type = %q, %q; want %q, %q", info.Code, info.Type, tt.code, tt.typ)
			}
			if strings.TrimSpace(info.Title) == "" {
				t.Errorf("Title is empty")
			}
			if strings.TrimSpace(info.Explanation) == "" {
				t.Errorf("Explanation is empty")
			}
			if !strings.Contains(info.Explanation, tt.code) {
				t.Errorf("Explanation %q does not name the code", info.Explanation)
			}
			if tt.class != "" && info.Class != tt.class {
				t.Errorf("Class = %q, want %q", info.Class, tt.class)
			}
			if tt.subject != "" && info.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", info.Subject, tt.subject)
			}
			if info.Subject == "" || info.Detail == "" {
				t.Errorf("Subject %q or Detail %q is empty", info.Subject, info.Detail)
			}
			if len(info.Uses) != 0 || len(info.Associated) != 0 {
				t.Errorf("an unregistered code has uses %v or associated codes %v", info.Uses, info.Associated)
			}
		})
	}
}

func TestLookupMalformed(t *testing.T) {
	for _, in := range []string{
		"6.1.1", "5.1.1000", "700", "1.2.3", "05.1.1", "5.01.1", "", "abc", "4.16.55.1",
		"100", "5.1", "5.1.1.1", "X.1", "55", "5500", "550 5.1.1",
	} {
		t.Run(in, func(t *testing.T) {
			info, err := codes.Lookup(in)
			if err == nil {
				t.Fatalf("Lookup(%q) = %+v, want an error", in, info.Code)
			}
			if !errors.Is(err, codes.ErrMalformed) {
				t.Errorf("Lookup(%q) error %q does not wrap ErrMalformed", in, err)
			}
			if in != "" && !strings.Contains(err.Error(), in) {
				t.Errorf("Lookup(%q) error %q does not quote the input", in, err)
			}
			if info.Code != "" || info.Title != "" {
				t.Errorf("Lookup(%q) returned %q %q with its error", in, info.Code, info.Title)
			}
		})
	}
}

func TestLookupOverloadedCodes(t *testing.T) {
	tests := []struct {
		in, mention string
	}{
		{"X.7.8", "RFC 4468"},
		{"5.7.8", "RFC 4468"},
		{"X.7.16", "RFC 4865"},
		{"5.7.16", "RFC 4865"},
		{"X.7.17", "RFC 4865"},
		{"4.7.17", "RFC 4865"},
	}
	reg := codes.Default().Registry()
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			info := lookup(t, tt.in)
			if !info.Registered {
				t.Errorf("Registered = false")
			}
			notes := strings.Join(info.Notes, "\n")
			if !strings.Contains(notes, tt.mention) {
				t.Errorf("Notes %q do not mention the other meaning (%s)", info.Notes, tt.mention)
			}
			c, _ := codes.ParseCode(tt.in)
			if reg.Overload(c) == "" {
				t.Errorf("Overload(%s) is empty", tt.in)
			}
		})
	}
	for _, in := range []string{"X.7.1", "5.1.1", "X.7.14", "550"} {
		c, _ := codes.ParseCode(in)
		if n := reg.Overload(c); n != "" {
			t.Errorf("Overload(%s) = %q, want no note", in, n)
		}
	}
}

func TestLookupReplyCodeUses(t *testing.T) {
	tests := []struct {
		code string
		rfcs []string // every RFC that defines a use, in registry order
	}{
		{"211", []string{"RFC 5321"}},
		{"354", []string{"RFC 5321"}},
		{"220", []string{"RFC 5321", "RFC 3207"}},
		{"251", []string{"RFC 5321", "RFC 1985"}},
		{"252", []string{"RFC 5321", "RFC 6531", "RFC 1985"}},
		{"530", []string{"RFC 4954", "RFC 3207", "RFC 2645"}},
		{"550", []string{"RFC 5321", "RFC 7505", "RFC 6531", "RFC 6710", "RFC 7293"}},
		{"554", []string{"RFC 5321", "RFC 3207", "RFC 4468", "RFC 4468", "RFC 4468", "RFC 4468", "RFC 4468"}},
		{"556", []string{"RFC 7504", "RFC 7505"}},
		{"501", []string{"RFC 5321", "RFC 4954", "RFC 3207", "RFC 1985", "RFC 3461", "RFC 2852", "RFC 4865", "RFC 6710"}},
	}
	rfcOf := regexp.MustCompile(`^RFC \d+`)
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			info := lookup(t, tt.code)
			var got []string
			for _, u := range info.Uses {
				got = append(got, rfcOf.FindString(u.RFC))
				if u.Title == "" || u.Commands == "" {
					t.Errorf("use %+v has no title or commands", u)
				}
			}
			if !reflect.DeepEqual(got, tt.rfcs) {
				t.Errorf("uses come from %q, want %q", got, tt.rfcs)
			}
			if len(tt.rfcs) > 1 {
				notes := strings.Join(info.Notes, " ")
				if !strings.Contains(notes, strconv.Itoa(len(tt.rfcs))) {
					t.Errorf("Notes %q do not say that %s has %d definitions", info.Notes, tt.code, len(tt.rfcs))
				}
			}
			for _, rfc := range tt.rfcs {
				if !containsPrefixed(info.References, rfc) {
					t.Errorf("References %q lack %s", info.References, rfc)
				}
			}
		})
	}
}

func containsPrefixed(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// hardBounceReasons are the reasons that mean the address itself is bad
// (reasons.md): hard always, or only when the failure is permanent.
var hardBounceReasons = map[string]string{
	"userunknown": "yes",
	"hostunknown": "yes",
	"hasmoved":    "yes",
	"notaccept":   "permanent",
}

func TestReasonsVocabulary(t *testing.T) {
	reasons := codes.Default().Reasons()
	if len(reasons) != 36 {
		t.Errorf("%d reasons, want 36", len(reasons))
	}
	seen := map[string]bool{}
	for _, r := range reasons {
		if seen[r.Name] {
			t.Errorf("reason %q is listed twice", r.Name)
		}
		seen[r.Name] = true
		if r.Meaning == "" {
			t.Errorf("reason %q has no meaning", r.Name)
		}
		want := hardBounceReasons[r.Name]
		if want == "" {
			want = "no"
		}
		if r.HardBounce != want {
			t.Errorf("reason %q: HardBounce = %q, want %q", r.Name, r.HardBounce, want)
		}
	}
	for _, name := range []string{"userunknown", "blocked", "onhold", "undefined", "delivered", "feedback"} {
		if !seen[name] {
			t.Errorf("reason %q is missing", name)
		}
	}
}

func TestReasonsMatchReference(t *testing.T) {
	path := requireShared(t, "reasons.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| ([a-z]+) \| (.+?) \|$`)
	var names, meanings []string
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		if m[1] == "reason" {
			continue
		}
		names = append(names, m[1])
		meanings = append(meanings, m[2])
	}
	if len(names) == 0 {
		t.Fatalf("%s: no reason table found", path)
	}
	var gotNames, gotMeanings []string
	for _, r := range codes.Default().Reasons() {
		gotNames = append(gotNames, r.Name)
		gotMeanings = append(gotMeanings, r.Meaning)
	}
	if !reflect.DeepEqual(gotNames, names) {
		t.Errorf("reasons = %q\nwant (reasons.md order) %q", gotNames, names)
	}
	if !reflect.DeepEqual(gotMeanings, meanings) {
		t.Errorf("reason meanings differ from reasons.md")
	}
}

// dataTable reads one of the package's own data files (tab-separated,
// '#' comments, a header row).
func dataTable(t *testing.T, name string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("data", name))
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	var rows []map[string]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if header == nil {
			header = fields
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(fields) {
				row[h] = strings.TrimSpace(fields[i])
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func TestCodeReasonsTable(t *testing.T) {
	known := map[string]bool{}
	for _, r := range codes.Default().Reasons() {
		known[r.Name] = true
	}
	covered := map[string]bool{}
	rows := dataTable(t, "code-reasons.tsv")
	if len(rows) == 0 {
		t.Fatal("code-reasons.tsv has no rows")
	}
	for _, row := range rows {
		c, err := codes.ParseCode(row["code"])
		if err != nil {
			t.Errorf("code-reasons.tsv: code %q: %v", row["code"], err)
			continue
		}
		if !known[row["reason"]] {
			t.Errorf("code-reasons.tsv: %s: reason %q is not in the vocabulary", row["code"], row["reason"])
		}
		if covered[c.String()] {
			t.Errorf("code-reasons.tsv: %s is listed twice", c)
		}
		covered[c.String()] = true
	}
	// Every registered enhanced code implies some reason.
	for _, info := range codes.All() {
		if info.Type == codes.TypeStatus && !covered[info.Code] {
			t.Errorf("code-reasons.tsv has no row for %s", info.Code)
		}
	}
}

// dataFS copies the package's data files into a map file system that a
// test may alter.
func dataFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	entries, err := os.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = &fstest.MapFile{Data: b}
	}
	return m
}

// errPanic marks an error made from a panic inside NewFromFS.
var errPanic = errors.New("NewFromFS panicked")

// newFromFS calls NewFromFS and turns a panic into an error wrapping
// errPanic, so that one bad table does not stop the other cases.
func newFromFS(fsys fs.FS) (d *codes.Decoder, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("%w: %v", errPanic, p)
		}
	}()
	return codes.NewFromFS(fsys)
}

func TestNewFromFSUnchangedData(t *testing.T) {
	d, err := newFromFS(dataFS(t))
	if err != nil {
		t.Fatalf("NewFromFS(data): %v", err)
	}
	if got, want := len(d.Registry().Codes()), len(codes.All()); got != want {
		t.Errorf("NewFromFS(data) has %d codes, the embedded registry %d", got, want)
	}
	if got := d.Decode("550 5.1.1 <a@example.net>: no such user").Findings; len(got) != 1 || got[0].Reason != "userunknown" {
		t.Errorf("a decoder from the data folder decodes 550 5.1.1 as %+v", got)
	}
}

func TestNewFromFSReportsFileAndLine(t *testing.T) {
	tests := []struct {
		name, file, row string
	}{
		{"too many fields", "reasons.tsv", "extra\tno\tmeaning\tsurplus\n"},
		{"unknown reason", "code-reasons.tsv", "X.1.1\tnosuchreason\n"},
		{"malformed code in code-reasons", "code-reasons.tsv", "6.1.1\tblocked\n"},
		{"malformed enhanced code", "status-codes.tsv", "6.1.1\tTitle\t550\tDescription\t\t\t\tExplanation\n"},
		{"malformed reply code", "reply-uses.tsv", "700\tTitle\tRFC 5321\tRCPT (E)\t\t\n"},
		{"explanation without a code", "reply-codes.tsv", "599\tExplanation\n"},
		{"bad hard_bounce value", "reasons.tsv", "newreason\tmaybe\tmeaning\n"},
		{"empty digit", "reply-digits.tsv", "first\t\tName\tMeaning\tRFC 5321\n"},
		{"duplicate enhanced code", "status-codes.tsv", "X.1.1\tBad destination mailbox address\t550\tDuplicate\t\t\t\tDuplicate\n"},
		{"duplicate reason", "reasons.tsv", "userunknown\tyes\tduplicate\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := dataFS(t)
			orig := fsys[tt.file].Data
			if len(orig) > 0 && orig[len(orig)-1] != '\n' {
				orig = append(orig, '\n')
			}
			line := strings.Count(string(orig), "\n") + 1
			fsys[tt.file] = &fstest.MapFile{Data: append(append([]byte(nil), orig...), tt.row...)}
			_, err := newFromFS(fsys)
			if errors.Is(err, errPanic) {
				t.Fatalf("%s line %d (%q): %v", tt.file, line, tt.row, err)
			}
			if err == nil {
				t.Fatalf("NewFromFS accepted %s line %d: %q", tt.file, line, tt.row)
			}
			if !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q does not name %s", err, tt.file)
			}
			if want := fmt.Sprintf("line %d", line); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not give the line (%s)", err, want)
			}
		})
	}
}

func TestNewFromFSMissingFile(t *testing.T) {
	for name := range dataFS(t) {
		t.Run(name, func(t *testing.T) {
			fsys := dataFS(t)
			delete(fsys, name)
			_, err := newFromFS(fsys)
			if errors.Is(err, errPanic) {
				t.Fatalf("without %s: %v", name, err)
			}
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("NewFromFS without %s: error %v, want one naming the file", name, err)
			}
		})
	}
}
