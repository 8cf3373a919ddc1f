package app

import (
	"os"
	"strings"
	"testing"
)

// TestDrawNowGoAppVersion holds the go-app module to the version whose
// unexported (*Compo).updateRoot drawNow calls: another version may have
// changed it, so it must be checked again before go.mod moves.
func TestDrawNowGoAppVersion(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatalf("reading go.mod: %v", err)
	}
	const path = "github.com/maxence-charriere/go-app/v9"
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) < 2 || f[0] != path {
			continue
		}
		if f[1] != drawnowGoApp {
			t.Fatalf("go.mod requires go-app %s; drawNow calls its unexported (*Compo).updateRoot as in %s: check that method's signature and behaviour in the new version, then update drawnowGoApp", f[1], drawnowGoApp)
		}
		return
	}
	t.Fatalf("go.mod does not require %s", path)
}
