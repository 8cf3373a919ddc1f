// smtpexplain's decoding worker: it runs the same WebAssembly program as
// the page, which decodes large inputs here so that the page stays
// responsive. Requests are answered in the order they arrive.
importScripts("../wasm_exec.js");

const go = new Go();

// The site serves the program gzip-compressed, as the page loads it; it
// is inflated as it arrives and compiled while it streams. A host that
// marks the file with a Content-Encoding has had the browser inflate it.
async function start() {
  const url = "app.wasm.gz";
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error("fetching " + url + ": " + response.status);
  }
  let body = response.body;
  if (!response.headers.get("Content-Encoding")) {
    body = body.pipeThrough(new DecompressionStream("gzip"));
  }
  const wasm = new Response(body, { headers: { "Content-Type": "application/wasm" } });
  const result = await WebAssembly.instantiateStreaming(wasm, go.importObject);
  go.run(result.instance);
}

const ready = start();

self.onmessage = (event) => {
  const request = event.data;
  ready.then(
    () => self.postMessage(self.smtpexplainDecode(request)),
    (err) => self.postMessage({ id: request.id, error: String(err) })
  );
};
