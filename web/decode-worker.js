// smtpexplain's decoding worker: it runs the same WebAssembly program as
// the page, which decodes large inputs here so that the page stays
// responsive. Requests are answered in the order they arrive.
importScripts("../wasm_exec.js");

const go = new Go();

// The page first sends the module it has compiled, when it can: the
// program is then only instantiated here. Otherwise the worker fetches it
// the way the page does: gzip-compressed, inflated as it arrives and
// compiled while it streams (a host that marks the file with a
// Content-Encoding has had the browser inflate it already).
async function start(module) {
  if (module) {
    go.run(await WebAssembly.instantiate(module, go.importObject));
    return;
  }
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

let ready = null;

self.onmessage = (event) => {
  const request = event.data;
  if (request.module) {
    if (!ready) {
      // A module the worker cannot use: load the program instead.
      ready = start(request.module).catch(() => start(null));
    }
    return;
  }
  if (!ready) {
    ready = start(null);
  }
  ready.then(
    () => self.postMessage(self.smtpexplainDecode(request)),
    (err) => self.postMessage({ id: request.id, error: String(err) })
  );
};
