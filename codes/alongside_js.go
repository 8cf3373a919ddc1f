//go:build js

package codes

// alongside returns load: WebAssembly runs on one thread, so the tables
// load one after the other, each when its result is asked for.
func alongside[T any](_ fileSource, load func() (T, error)) func() (T, error) {
	return load
}
