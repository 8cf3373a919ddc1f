package codes

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
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
