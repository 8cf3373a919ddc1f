package codes

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real bounces with reference answers,
// next to the project's root.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// corpusFloors are the scores the decoder must keep on the corpus, per
// field, in percent. They are regression floors set at (or just below) the
// measured scores; ARCHITECTURE.md gives the current figures.
var corpusFloors = map[string]float64{
	"recipient":   98.0,
	"reply_code":  98.5,
	"status":      98.5,
	"reason":      92.0,
	"hard_bounce": 96.5,
}

type corpusRow struct {
	file, recipient, reply, status, reason string
	replyInText, statusReal, hard          bool
	index                                  int
}

func readCorpus(t *testing.T) map[string][]corpusRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "expected.tsv"))
	if err != nil {
		msg := fmt.Sprintf("SKIPPING the corpus accuracy test: %v (the corpus lives in ../shared/corpus)", err)
		fmt.Fprintln(os.Stderr, msg)
		t.Skip(msg)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	head := strings.Split(lines[0], "\t")
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	rows := map[string][]corpusRow{}
	for _, line := range lines[1:] {
		rec := strings.Split(strings.TrimRight(line, "\r"), "\t")
		for len(rec) < len(head) {
			rec = append(rec, "")
		}
		idx, _ := strconv.Atoi(rec[col["index"]])
		row := corpusRow{
			file: rec[col["file"]], recipient: strings.ToLower(strings.Trim(rec[col["recipient"]], "<> ")),
			reply: rec[col["reply_code"]], status: rec[col["status"]], reason: rec[col["reason"]],
			replyInText: rec[col["reply_in_text"]] == "true", statusReal: rec[col["status_is_real"]] == "true",
			hard: rec[col["hard_bounce"]] == "true", index: idx,
		}
		rows[row.file] = append(rows[row.file], row)
	}
	for _, rs := range rows {
		sort.Slice(rs, func(i, j int) bool { return rs[i].index < rs[j].index })
	}
	return rows
}

// pairFindings pairs expected rows with findings as score.py does: by
// recipient first, then left-overs in order.
func pairFindings(rows []corpusRow, fs []Finding) ([]*Finding, []bool) {
	used := make([]bool, len(fs))
	paired := make([]*Finding, len(rows))
	byRcpt := make([]bool, len(rows))
	for i, e := range rows {
		if e.recipient == "" {
			continue
		}
		for j := range fs {
			if !used[j] && strings.ToLower(strings.Trim(fs[j].Recipient, "<> ")) == e.recipient {
				used[j], paired[i], byRcpt[i] = true, &fs[j], true
				break
			}
		}
	}
	for i := range rows {
		if paired[i] != nil {
			continue
		}
		for j := range fs {
			if !used[j] {
				used[j], paired[i] = true, &fs[j]
				break
			}
		}
	}
	return paired, byRcpt
}

// TestCorpus decodes every email of the shared corpus and scores each field
// against the reference answers the way the corpus's score.py does.
func TestCorpus(t *testing.T) {
	rows := readCorpus(t)
	files := make([]string, 0, len(rows))
	for f := range rows {
		files = append(files, f)
	}
	sort.Strings(files)
	ok, den := map[string]int{}, map[string]int{}
	perReason := map[string][2]int{}
	crashes := 0
	for _, file := range files {
		b, err := os.ReadFile(filepath.Join(corpusDir, file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var rep Report
		func() {
			defer func() {
				if r := recover(); r != nil {
					crashes++
					t.Errorf("%s: panic: %v", file, r)
				}
			}()
			rep = Decode(string(b))
		}()
		paired, byRcpt := pairFindings(rows[file], rep.Findings)
		for i, e := range rows[file] {
			g := paired[i]
			if g == nil {
				g = &Finding{}
			}
			score := func(field string, right bool) {
				den[field]++
				if right {
					ok[field]++
				}
			}
			if e.recipient != "" {
				score("recipient", byRcpt[i])
			}
			if e.replyInText {
				score("reply_code", g.ReplyCode == e.reply)
			}
			if e.statusReal {
				score("status", g.Status == e.status)
			}
			score("reason", g.Reason == e.reason)
			score("hard_bounce", g.HardBounce == e.hard)
			pr := perReason[e.reason]
			pr[1]++
			if g.Reason == e.reason {
				pr[0]++
			}
			perReason[e.reason] = pr
			if testing.Verbose() && g.Reason != e.reason {
				t.Logf("%s#%d: reason %q, want %q", file, e.index, g.Reason, e.reason)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "corpus: %d files\n", len(files))
	for _, field := range []string{"recipient", "reply_code", "status", "reason", "hard_bounce"} {
		pct := 100 * float64(ok[field]) / float64(max(den[field], 1))
		fmt.Fprintf(&b, "  %-12s %4d/%-4d %6.2f%%  (floor %.1f%%)\n", field, ok[field], den[field], pct, corpusFloors[field])
		if pct < corpusFloors[field] {
			t.Errorf("%s: %.2f%% is below the floor of %.1f%%", field, pct, corpusFloors[field])
		}
	}
	reasons := make([]string, 0, len(perReason))
	for r := range perReason {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool { return perReason[reasons[i]][1] > perReason[reasons[j]][1] })
	fmt.Fprintf(&b, "  reason agreement per expected reason:\n")
	for _, r := range reasons {
		fmt.Fprintf(&b, "    %-16s %3d/%-3d\n", r, perReason[r][0], perReason[r][1])
	}
	t.Log("\n" + b.String())
	if crashes > 0 {
		t.Errorf("%d files made Decode panic", crashes)
	}
}
