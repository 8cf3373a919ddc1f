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
// that optional trailing columns may be left out. The fields are slices of
// text, and the rows share one array of fields.
func parseTable(name, text string) (*table, error) {
	t := &table{name: name}
	var fields []string // every row's fields, one row after the other
	lines := strings.Count(text, "\n") + 1
	for n, rest := 0, text; rest != "" || n == 0; n++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		if t.columns == nil {
			t.columns = make(map[string]int, strings.Count(line, "\t")+1)
			for i, f := range strings.Split(line, "\t") {
				t.columns[strings.TrimSpace(f)] = i
			}
			ncol := len(t.columns)
			fields = make([]string, 0, lines*ncol)
			t.rows = make([][]string, 0, lines)
			t.lines = make([]int, 0, lines)
			continue
		}
		ncol := len(t.columns)
		if strings.Count(line, "\t") >= ncol {
			return nil, fmt.Errorf("%s line %d: %d fields, header has %d", name, n+1, strings.Count(line, "\t")+1, ncol)
		}
		at := len(fields)
		for {
			i := strings.IndexByte(line, '\t')
			if i < 0 {
				fields = append(fields, line)
				break
			}
			fields = append(fields, line[:i])
			line = line[i+1:]
		}
		for len(fields) < at+ncol {
			fields = append(fields, "")
		}
		t.rows = append(t.rows, fields[at:at+ncol:at+ncol])
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
