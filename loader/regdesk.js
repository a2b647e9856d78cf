// Regdesk loader: the one script a member site includes.
//   <script type="module" src=".../regdesk.js"></script>
// It finds the wasm and its glue beside itself (import.meta.url), so the same
// files work from any origin, sub-path or CDN. The widget mounts itself into
// every [data-regdesk] element once the module has started.
const base = new URL("./", import.meta.url);
const glue = await import(new URL("regdesk-app.js", base).href);
await glue.default({ module_or_path: new URL("regdesk-app_bg.wasm", base) });
