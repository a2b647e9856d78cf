// Regdesk loader: the one script a member site includes.
//
//   <script type="module" src="https://static.example.org/regdesk/0.1.0/regdesk.js"></script>
//   <div data-regdesk data-feed="..." data-endpoint="..."></div>
//
// The widget module mounts a widget in every [data-regdesk] element, now and
// whenever one is added, and unmounts it when the element goes. This file
// adds one global, window.Regdesk (see docs/embedding.md):
//
//   Regdesk.mount(element, options)  -> Promise<{ element, unmount() }>
//   Regdesk.unmount(element)         -> Promise<boolean>
//   Regdesk.widgets()                -> Promise<Element[]>
//   Regdesk.ready                    -> Promise, settled once the module runs
//   Regdesk.version
//
// The wasm is found beside this file (import.meta.url), so the same files
// work from any origin, sub-path or CDN. `cargo xtask dist` writes the
// release form of this file: the wasm-bindgen glue inlined (so the
// Subresource Integrity hash of this one file covers all the JavaScript) and
// the SHA-384 of the wasm, checked before it is instantiated. No eval, no
// inline script, no style attribute: a strict CSP needs only
// `script-src <origin> 'wasm-unsafe-eval'` and `connect-src` for the wasm,
// the feed and the endpoint.

import * as glue from "./regdesk-app.js"; // regdesk:glue
const VERSION = "dev"; // regdesk:version
const WASM = "regdesk-app_bg.wasm"; // regdesk:wasm
const WASM_SHA384 = ""; // regdesk:wasm-sha384

if (window.Regdesk) {
  console.warn(`regdesk: loaded twice (${window.Regdesk.version} and ${VERSION}); the second copy does nothing`);
} else {
  const wasmUrl = new URL(WASM, import.meta.url);

  const ready = (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`${wasmUrl} answered ${response.status}`);
    let source = response;
    // crypto.subtle exists only on https (and localhost) pages; on plain
    // http anyone on the way could change the page itself.
    if (WASM_SHA384 && globalThis.crypto?.subtle) {
      const bytes = await response.arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
      if (btoa(String.fromCharCode(...digest)) !== WASM_SHA384) {
        throw new Error(`${wasmUrl} is not the file this loader was released with (SHA-384 differs)`);
      }
      source = bytes;
    }
    // Runs the module's start function: the widgets mount.
    await glue.default({ module_or_path: source });
  })();
  ready.catch((e) => console.error("regdesk: the widget could not start:", e));

  // Unmounting finishes in the widget's own microtasks (effects cleaned up,
  // JSON-LD removed); a macrotask later it is all done.
  const settled = () => new Promise((done) => setTimeout(done, 0));

  const handle = (element, id) =>
    Object.freeze({
      element,
      async unmount() {
        const done = glue.regdeskUnmount(id);
        await settled();
        return done;
      },
    });

  const Regdesk = Object.freeze({
    version: VERSION,
    ready,
    async mount(element, options) {
      await ready;
      return handle(element, glue.regdeskMount(element, options));
    },
    async unmount(element) {
      await ready;
      const done = glue.regdeskUnmountElement(element);
      await settled();
      return done;
    },
    async widgets() {
      await ready;
      return glue.regdeskHosts();
    },
  });
  Object.defineProperty(window, "Regdesk", { value: Regdesk, enumerable: true, configurable: true });
}
