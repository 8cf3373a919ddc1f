//go:build !js

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkCLIStartup runs the built command line once per iteration on
// one small message, from process start to exit: what a user waits for
// when they explain a reply in a terminal.
func BenchmarkCLIStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "smtpexplain")
	// As "make build" builds it: static, without the C library's loader.
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	msg := filepath.Join(b.TempDir(), "reply.txt")
	if err := os.WriteFile(msg, []byte(unknownUser), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, run := range []struct {
		name string
		args []string
	}{
		{"help", []string{"help"}},
		{"explain", []string{"explain", msg}},
		{"explain-json", []string{"explain", "--json", msg}},
	} {
		args := run.args
		b.Run(run.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out, err := exec.Command(bin, args...).CombinedOutput()
				if err != nil && args[0] != "explain" {
					b.Fatalf("%v: %v\n%s", args, err, out)
				}
				if len(out) == 0 {
					b.Fatalf("%v wrote nothing", args)
				}
			}
		})
	}
}
