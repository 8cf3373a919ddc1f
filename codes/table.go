package codes

import (
	"fmt"
	"strings"
)

// table is a parsed tab-separated data file: a header row naming the
// columns, then one record per line. Blank lines and lines starting with
// '#' are ignored.
type table struct {
	name    string
	columns map[string]int
	rows    [][]string
	lines   []int // line number of each row, for error messages
}

// parseTable parses a data file. Short rows are padded with empty fields so
// that optional trailing columns may be left out.
func parseTable(name, text string) (*table, error) {
	t := &table{name: name}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if t.columns == nil {
			t.columns = make(map[string]int, len(fields))
			for i, f := range fields {
				t.columns[strings.TrimSpace(f)] = i
			}
			continue
		}
		if len(fields) > len(t.columns) {
			return nil, fmt.Errorf("%s line %d: %d fields, header has %d", name, n+1, len(fields), len(t.columns))
		}
		for len(fields) < len(t.columns) {
			fields = append(fields, "")
		}
		t.rows = append(t.rows, fields)
		t.lines = append(t.lines, n+1)
	}
	if t.columns == nil {
		return nil, fmt.Errorf("%s: no header row", name)
	}
	return t, nil
}

// get returns the named field of row i, or "" when the column is absent.
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
