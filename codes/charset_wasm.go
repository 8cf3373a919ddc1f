//go:build js && wasm

package codes

import "syscall/js"

// multibyteDecoder decodes an East Asian charset with the browser's
// TextDecoder (the WHATWG Encoding standard), which carries the same
// tables as x/text: the WebAssembly file stays smaller by about 300 KB of
// compressed tables.
func multibyteDecoder(canonical string) decoder {
	return func(b []byte) (text string, ok bool) {
		defer func() {
			if recover() != nil { // no TextDecoder, or the label is refused
				text, ok = "", false
			}
		}()
		ctor := js.Global().Get("TextDecoder")
		if ctor.IsUndefined() {
			return "", false
		}
		arr := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(arr, b)
		return ctor.New(canonical).Call("decode", arr).String(), true
	}
}
