package codes

import (
	_ "embed" // the data tables
	"errors"
	"fmt"
	"io/fs"
	"sync"
)

// The data tables, embedded each as a string, which loading reads in place
// (an embed.FS would copy each file). TestEmbeddedTables checks that every
// file of data/ is here.
var (
	//go:embed data/advice.tsv
	adviceTSV string
	//go:embed data/code-reasons.tsv
	codeReasonsTSV string
	//go:embed data/crosswalk.tsv
	crosswalkTSV string
	//go:embed data/esp-types.tsv
	espTypesTSV string
	//go:embed data/markers.tsv
	markersTSV string
	//go:embed data/phrases.tsv
	phrasesTSV string
	//go:embed data/provider-responses.tsv
	providerResponsesTSV string
	//go:embed data/provider-signatures.tsv
	providerSignaturesTSV string
	//go:embed data/providers.tsv
	providersTSV string
	//go:embed data/reasons.tsv
	reasonsTSV string
	//go:embed data/reply-codes.tsv
	replyCodesTSV string
	//go:embed data/reply-digits.tsv
	replyDigitsTSV string
	//go:embed data/reply-uses.tsv
	replyUsesTSV string
	//go:embed data/sparkpost-classes.tsv
	sparkpostClassesTSV string
	//go:embed data/status-codes.tsv
	statusCodesTSV string
	//go:embed data/status-overloads.tsv
	statusOverloadsTSV string
	//go:embed data/status-parts.tsv
	statusPartsTSV string
	//go:embed data/transcript.tsv
	transcriptTSV string
)

// embeddedTable returns the embedded text of a data file.
func embeddedTable(name string) (string, bool) {
	switch name {
	case "advice.tsv":
		return adviceTSV, true
	case "code-reasons.tsv":
		return codeReasonsTSV, true
	case "crosswalk.tsv":
		return crosswalkTSV, true
	case "esp-types.tsv":
		return espTypesTSV, true
	case "markers.tsv":
		return markersTSV, true
	case "phrases.tsv":
		return phrasesTSV, true
	case "provider-responses.tsv":
		return providerResponsesTSV, true
	case "provider-signatures.tsv":
		return providerSignaturesTSV, true
	case "providers.tsv":
		return providersTSV, true
	case "reasons.tsv":
		return reasonsTSV, true
	case "reply-codes.tsv":
		return replyCodesTSV, true
	case "reply-digits.tsv":
		return replyDigitsTSV, true
	case "reply-uses.tsv":
		return replyUsesTSV, true
	case "sparkpost-classes.tsv":
		return sparkpostClassesTSV, true
	case "status-codes.tsv":
		return statusCodesTSV, true
	case "status-overloads.tsv":
		return statusOverloadsTSV, true
	case "status-parts.tsv":
		return statusPartsTSV, true
	case "transcript.tsv":
		return transcriptTSV, true
	}
	return "", false
}

// fileSource reads the data tables: the embedded copy, or a file system
// (a folder a contributor is editing).
type fileSource struct{ fsys fs.FS }

// read returns the text of a data file.
func (f fileSource) read(name string) (string, error) {
	if f.fsys == nil {
		if text, ok := embeddedTable(name); ok {
			return text, nil
		}
		return "", fmt.Errorf("reading %s: %w", name, fs.ErrNotExist)
	}
	b, err := fs.ReadFile(f.fsys, name)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	return string(b), nil
}

func (f fileSource) table(name string, columns ...string) (*table, error) {
	text, err := f.read(name)
	if err != nil {
		return nil, err
	}
	t, err := parseTable(name, text)
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
func New() (*Decoder, error) { return newDecoder(fileSource{}) }

// NewFromFS returns a Decoder built from the data files in fsys (laid out
// like the package's data folder), so edited tables can be tried without
// rebuilding. It returns an error naming the file and line of the first
// problem.
func NewFromFS(fsys fs.FS) (*Decoder, error) {
	if fsys == nil {
		return nil, errors.New("NewFromFS: no file system")
	}
	return newDecoder(fileSource{fsys})
}

func newDecoder(src fileSource) (*Decoder, error) {
	l := newLoader(src)
	for l.step() {
	}
	return l.d, l.err
}

// loader builds a Decoder a part at a time (each table, or a few small
// ones, with what is built from them). Natively the registry and the
// provider tables load alongside the rest (see alongside).
type loader struct {
	parts []func() error
	next  int // the part to run next
	d     *Decoder
	err   error
}

// newLoader returns a loader of a Decoder built from src.
func newLoader(src fileSource) *loader {
	kb := newKnowledgeBase()
	registry := alongside(src, func() (*Registry, error) { return loadRegistry(src) })
	l := &loader{}
	l.parts = append(knowledgeParts(src, kb), func() error {
		reg, err := registry()
		if err == nil {
			l.d = &Decoder{reg: reg, kb: kb}
		}
		return err
	})
	return l
}

// step runs the next part, and reports whether more remain: not after the
// last part, nor after one that failed (err says why).
func (l *loader) step() bool {
	if l.next >= len(l.parts) || l.err != nil {
		return false
	}
	l.err = l.parts[l.next]()
	l.next++
	return l.next < len(l.parts) && l.err == nil
}

// defaultLoad is the default Decoder, loaded on first use (Default) or a
// part at a time (LoadDefaultPart).
var defaultLoad struct {
	mu sync.Mutex
	l  *loader
}

// loadDefault runs the next part of the default Decoder's loader, or every
// part that remains, and returns the loader. The embedded tables are
// checked by the package tests, so a failure here is a build defect and
// panics.
func loadDefault(all bool) *loader {
	defaultLoad.mu.Lock()
	defer defaultLoad.mu.Unlock()
	if defaultLoad.l == nil {
		defaultLoad.l = newLoader(fileSource{})
	}
	l := defaultLoad.l
	for l.step() && all {
	}
	if l.err != nil {
		panic("codes: embedded data: " + l.err.Error())
	}
	return l
}

// LoadDefaultPart loads the next part of the default Decoder's tables, if
// it is not loaded yet, and reports whether parts remain. A program that
// must not be busy for long at a time (a web page: the whole takes tens of
// milliseconds there) calls it once per idle moment until it reports
// false; Default, called meanwhile, loads the rest at once.
func LoadDefaultPart() bool { return loadDefault(false).d == nil }

// Default returns the Decoder built from the embedded data, loading it on
// first use. The embedded tables are checked by the package tests, so a
// failure here is a build defect and panics.
func Default() *Decoder { return loadDefault(true).d }

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
