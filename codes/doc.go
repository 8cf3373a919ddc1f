// Package codes is the smtpexplain engine: a registry of SMTP reply codes
// (RFC 5321 and its extensions) and enhanced status codes (RFC 3463, the
// IANA registry of RFC 5248), and a decoder that reads whatever a person
// pastes (a reply line, a bounce email, a DSN, an MTA log, an SMTP session,
// an ESP event) and reports, per affected recipient, what happened.
//
// The pipeline, one file per step:
//
//	input.go      normalise the text (line endings, NUL bytes, size)
//	scan.go       find reply codes and enhanced status codes with offsets
//	reply.go      join reply lines and multi-line replies into replies
//	decode.go     choose the input kind and run the matching reader
//	report.go     the Report and Finding types (the JSON contract)
//	classify.go   derive the reason from codes, wording and stage
//	registry.go   the code registry, loaded from data/*.tsv
//
// Knowledge lives in the embedded files under data/; the Go code only reads
// them. The package has no user-interface code and does not import go-app,
// so it compiles unchanged for the CLI and for WebAssembly.
package codes
