// Package app holds the go-app components of the smtpexplain web app. The
// components only call package codes and render; they hold no decoding
// logic.
package app

// Routes registers the app's routes with go-app. It must run in both the
// WebAssembly build and the native server.
func Routes() {}
