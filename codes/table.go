package codes

import (
	"fmt"
	"iter"
	"strings"
)

// table is a parsed tab-separated data file: a header row naming the
// columns, then one record per line. Blank lines and lines starting with
// '#' are ignored. Rows are not stored: rows() splits them again from the
// text as they are read, so loading a table allocates almost nothing
// beyond what its loader keeps.
type table struct {
	name    string
	text    string // the lines after the header
	first   int    // line number of the header
	columns map[string]int
	lines   []int // line number of each row, for error messages
}

// parseTable parses a data file and checks that no row has more fields
// than the header. Short rows are padded with empty fields so that
// optional trailing columns may be left out.
func parseTable(name, text string) (*table, error) {
	t := &table{name: name}
	for n, rest := 0, text; rest != "" || n == 0; n++ {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if t.columns == nil {
			t.columns = make(map[string]int, strings.Count(line, "\t")+1)
			for i, f := range strings.Split(line, "\t") {
				t.columns[strings.TrimSpace(f)] = i
			}
			t.text, t.first = rest, n+1
			t.lines = make([]int, 0, strings.Count(rest, "\n")+1)
			continue
		}
		if tabs := strings.Count(line, "\t"); tabs >= len(t.columns) {
			return nil, fmt.Errorf("%s line %d: %d fields, header has %d", name, n+1, tabs+1, len(t.columns))
		}
		t.lines = append(t.lines, n+1)
	}
	if t.columns == nil {
		return nil, fmt.Errorf("%s: no header row", name)
	}
	return t, nil
}

// count returns the number of rows.
func (t *table) count() int { return len(t.lines) }

// rows yields each row's index and fields. The fields are slices of the
// text, but the slice holding them is reused: keep the strings, not the
// slice. It is not inlined (nor is get): the loaders call both in many
// places, and copies of them in each would add tens of kilobytes to the
// WebAssembly program for no gain, tables being read once.
//
//go:noinline
func (t *table) rows() iter.Seq2[int, []string] {
	return func(yield func(int, []string) bool) {
		row := make([]string, len(t.columns))
		i := 0
		for rest := t.text; rest != ""; {
			line, next, _ := strings.Cut(rest, "\n")
			rest = next
			line = strings.TrimRight(line, "\r")
			if line == "" || line[0] == '#' {
				continue
			}
			k := 0
			for k < len(row)-1 {
				f, more, ok := strings.Cut(line, "\t")
				if !ok {
					break
				}
				row[k], line = f, more
				k++
			}
			row[k] = line
			clear(row[k+1:])
			if !yield(i, row) {
				return
			}
			i++
		}
	}
}

// get returns the named field of row i, or "" when the column is absent.
//
//go:noinline
func (t *table) get(row []string, column string) string {
	i, ok := t.columns[column]
	if !ok {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// need reports an error when one of the columns is missing.
func (t *table) need(columns ...string) error {
	for _, c := range columns {
		if _, ok := t.columns[c]; !ok {
			return fmt.Errorf("%s: missing column %q", t.name, c)
		}
	}
	return nil
}

// errorf returns an error naming the file and the line of row i.
func (t *table) errorf(i int, format string, args ...any) error {
	return fmt.Errorf("%s line %d: %s", t.name, t.lines[i], fmt.Sprintf(format, args...))
}
