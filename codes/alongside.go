//go:build !js

package codes

import "runtime"

// alongside starts load in a goroutine of its own and returns a function
// that waits for its result. The registry and the provider tables load
// this way, beside the other tables: on a machine with more than one
// processor a decoder is ready sooner, which is a good part of what a
// command line run takes. With one processor, or with tables read from a
// file system that need not be safe for concurrent use, load runs only
// when its result is asked for.
func alongside[T any](src fileSource, load func() (T, error)) func() (T, error) {
	if src.fsys != nil || runtime.GOMAXPROCS(0) < 2 {
		return load
	}
	var (
		v    T
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		v, err = load()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}
