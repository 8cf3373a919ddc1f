package codes

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

//go:embed data/*.tsv
var embedded embed.FS

// fileSource reads the data tables from a file system: the embedded copy, or
// a folder a contributor is editing.
type fileSource struct{ fsys fs.FS }

func (f fileSource) table(name string, columns ...string) (*table, error) {
	b, err := fs.ReadFile(f.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	t, err := parseTable(name, string(b))
	if err != nil {
		return nil, err
	}
	if err := t.need(columns...); err != nil {
		return nil, err
	}
	return t, nil
}

// Decoder decodes pasted text with one set of knowledge tables. It is
// read-only after New returns and safe for concurrent use.
type Decoder struct {
	reg *Registry
	kb  *knowledgeBase
}

// New returns a Decoder built from the embedded data files.
func New() (*Decoder, error) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	return NewFromFS(sub)
}

// NewFromFS returns a Decoder built from the data files in fsys (laid out
// like the package's data folder), so edited tables can be tried without
// rebuilding. It returns an error naming the file and line of the first
// problem.
func NewFromFS(fsys fs.FS) (*Decoder, error) {
	src := fileSource{fsys}
	reg, err := loadRegistry(src)
	if err != nil {
		return nil, err
	}
	kb, err := loadKnowledge(src, reg)
	if err != nil {
		return nil, err
	}
	return &Decoder{reg: reg, kb: kb}, nil
}

var defaultDecoder = sync.OnceValues(New)

// Default returns the Decoder built from the embedded data, loading it on
// first use. The embedded tables are checked by the package tests, so a
// failure here is a build defect and panics.
func Default() *Decoder {
	d, err := defaultDecoder()
	if err != nil {
		panic("codes: embedded data: " + err.Error())
	}
	return d
}

// Registry returns the decoder's code registry.
func (d *Decoder) Registry() *Registry { return d.reg }

// Decode decodes text with the default Decoder.
func Decode(text string) Report { return Default().Decode(text) }

// Lookup explains one code with the default registry; see Registry.Lookup.
func Lookup(code string) (CodeInfo, error) { return Default().reg.Lookup(code) }

// All lists every registered code with the default registry.
func All() []CodeInfo { return Default().reg.Codes() }

// Reason describes one reason of the vocabulary with the default Decoder.
func Reason(name string) (ReasonInfo, bool) {
	r, ok := Default().kb.reasons[name]
	return r, ok
}
