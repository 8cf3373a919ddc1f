package app

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// shareKey starts the fragment of a share link: "#s=" followed by the
// compressed text.
const shareKey = "s="

// shareFormat is the first byte of a share link's payload, before the
// deflate stream, so that the format can change without breaking old
// links.
const shareFormat = 1

// Errors of DecodeShare, wrapped with details.
var (
	ErrShareDamaged  = errors.New("the link is damaged or cut short")
	ErrShareFormat   = errors.New("the link was made by a newer version of smtpexplain")
	ErrShareTooLarge = errors.New("the text in the link is larger than 10 MB")
)

// EncodeShare compresses text with deflate and encodes it in base64url,
// as the fragment of a share link (without the '#'). The fragment is never
// sent to a server. Every byte of text comes back from DecodeShare.
func EncodeShare(text string) (string, error) {
	var buf bytes.Buffer
	buf.WriteByte(shareFormat)
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", fmt.Errorf("compressing the text: %w", err)
	}
	if _, err := io.WriteString(w, text); err != nil {
		return "", fmt.Errorf("compressing the text: %w", err)
	}
	if err := w.Close(); err != nil {
		return "", fmt.Errorf("compressing the text: %w", err)
	}
	return shareKey + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// IsShare reports whether a URL fragment (without the '#') is a share
// link's.
func IsShare(fragment string) bool {
	return strings.HasPrefix(fragment, shareKey)
}

// DecodeShare returns the text of a share link's fragment (without the
// '#'). It fails with ErrShareDamaged, ErrShareFormat or ErrShareTooLarge
// (wrapped), and never returns more than MaxInputBytes.
func DecodeShare(fragment string) (string, error) {
	if !IsShare(fragment) {
		return "", fmt.Errorf("no %q at the start: %w", shareKey, ErrShareDamaged)
	}
	payload := strings.TrimRight(strings.TrimPrefix(fragment, shareKey), "=")
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrShareDamaged, err)
	}
	if len(raw) == 0 {
		return "", fmt.Errorf("empty payload: %w", ErrShareDamaged)
	}
	if raw[0] != shareFormat {
		return "", fmt.Errorf("format %d: %w", raw[0], ErrShareFormat)
	}
	r := flate.NewReader(bytes.NewReader(raw[1:]))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrShareDamaged, err)
	}
	if len(out) > MaxInputBytes {
		return "", ErrShareTooLarge
	}
	return string(out), nil
}
