// smtpexplain's decoding worker: it runs the same WebAssembly program as
// the page, which decodes large inputs here so that the page stays
// responsive. Requests are answered in the order they arrive.
importScripts("../wasm_exec.js");

const go = new Go();

async function start() {
  const url = "app.wasm";
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
  } catch (err) {
    // A host that serves the file with another content type.
    const bytes = await (await fetch(url)).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
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
