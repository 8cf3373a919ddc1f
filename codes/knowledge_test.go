package codes

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEmbeddedTables checks that every data file is embedded, as it is on
// disk, so that New and NewFromFS(data) read the same tables.
func TestEmbeddedTables(t *testing.T) {
	entries, err := os.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".tsv") {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			disk, err := os.ReadFile("data/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			got, ok := embeddedTable(e.Name())
			if !ok {
				t.Fatalf("%s is not embedded: add it to knowledge.go", e.Name())
			}
			if got != string(disk) {
				t.Fatalf("the embedded %s differs from the file", e.Name())
			}
		})
	}
	if n == 0 {
		t.Fatal("no data files found")
	}
	if _, err := (fileSource{}).read("absent.tsv"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("reading an absent table: %v, want fs.ErrNotExist", err)
	}
	if _, err := NewFromFS(nil); err == nil {
		t.Fatal("NewFromFS(nil) succeeded")
	}
}

// TestLoaderParts builds a decoder a part at a time and checks that it
// takes every part, stops after the last and answers as New's does.
func TestLoaderParts(t *testing.T) {
	l := newLoader(fileSource{})
	n := 1
	for l.step() {
		n++
	}
	if l.err != nil {
		t.Fatal(l.err)
	}
	if n != len(l.parts) || n < 4 || l.d == nil {
		t.Fatalf("%d steps for %d parts, decoder %v", n, len(l.parts), l.d)
	}
	if l.step() || l.next != len(l.parts) {
		t.Error("a loader goes on after its last part")
	}
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"550 5.1.1 <a@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
		"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
	} {
		if got, want := l.d.Decode(text), d.Decode(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: a decoder loaded in parts gives\n%+v\nNew's\n%+v", text, got, want)
		}
	}
}

// TestLoaderStopsAtError checks that a part that fails ends the loading,
// with an error that names its table.
func TestLoaderStopsAtError(t *testing.T) {
	entries, err := os.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, e := range entries {
		if data, err := os.ReadFile("data/" + e.Name()); err == nil && e.Name() != "phrases.tsv" {
			fsys[e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	l := newLoader(fileSource{fsys})
	if !l.step() || l.err != nil {
		t.Fatalf("the first part (reasons) failed: %v", l.err)
	}
	if l.step() || l.err == nil || !strings.Contains(l.err.Error(), "phrases.tsv") {
		t.Fatalf("without phrases.tsv the second part gives %v, want an error naming it", l.err)
	}
	if l.step() || l.next != 2 || l.d != nil {
		t.Errorf("the loader went on after a failed part: next %d, decoder %v", l.next, l.d)
	}
}

// TestLoadDefaultPart loads the default decoder a part at a time, as the
// web page does, and checks that it ends and that Default then returns
// that decoder.
func TestLoadDefaultPart(t *testing.T) {
	for i := 0; LoadDefaultPart(); i++ {
		if i > 100 {
			t.Fatal("LoadDefaultPart never reports the end")
		}
	}
	if LoadDefaultPart() {
		t.Error("LoadDefaultPart reports more parts once loaded")
	}
	d := Default()
	if d == nil || Default() != d || defaultLoad.l.d != d {
		t.Error("Default does not return the decoder loaded in parts")
	}
	if got := d.Decode("550 5.1.1 user unknown").Findings; len(got) != 1 || got[0].Reason != "userunknown" {
		t.Errorf("the default decoder decodes 550 5.1.1 as %+v", got)
	}
}
