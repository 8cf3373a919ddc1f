package codes

import (
	"reflect"
	"slices"
	"testing"
)

func TestParseTable(t *testing.T) {
	tests := []struct {
		name, text string
		rows       [][]string
		lines      []int
		err        string
	}{
		{name: "plain", text: "a\tb\n1\t2\n3\t4\n", rows: [][]string{{"1", "2"}, {"3", "4"}}, lines: []int{2, 3}},
		{name: "comments and blank lines", text: "# about\n\na\tb\n# note\n1\t2\n\n3\t4", rows: [][]string{{"1", "2"}, {"3", "4"}}, lines: []int{5, 7}},
		{name: "CRLF", text: "a\tb\r\n1\t2\r\n", rows: [][]string{{"1", "2"}}, lines: []int{2}},
		{name: "short rows are padded", text: "a\tb\tc\n1\n2\t3\n", rows: [][]string{{"1", "", ""}, {"2", "3", ""}}, lines: []int{2, 3}},
		{name: "empty fields", text: "a\tb\n\t\n", rows: [][]string{{"", ""}}, lines: []int{2}},
		{name: "header only", text: "a\tb\n", rows: [][]string{}, lines: []int{}},
		{name: "too many fields", text: "a\tb\n1\t2\n1\t2\t3\n", err: "t.tsv line 3: 3 fields, header has 2"},
		{name: "no header", text: "# only a comment\n\n", err: "t.tsv: no header row"},
		{name: "empty", text: "", err: "t.tsv: no header row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := parseTable("t.tsv", tt.text)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var rows [][]string
			for i, row := range tab.rows() {
				if i != len(rows) {
					t.Fatalf("row index %d, want %d", i, len(rows))
				}
				rows = append(rows, slices.Clone(row))
			}
			if len(rows) != tab.count() {
				t.Fatalf("%d rows read, count says %d", len(rows), tab.count())
			}
			if len(rows) == 0 && len(tt.rows) == 0 && len(tab.lines) == 0 {
				return
			}
			if !reflect.DeepEqual(rows, tt.rows) || !reflect.DeepEqual(tab.lines, tt.lines) {
				t.Fatalf("rows %q lines %v, want %q %v", rows, tab.lines, tt.rows, tt.lines)
			}
			// Stopping early stops the rows.
			n := 0
			for range tab.rows() {
				n++
				break
			}
			if n != 1 {
				t.Fatalf("%d rows read after a break", n)
			}
		})
	}
}
