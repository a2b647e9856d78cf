// Test pages only: ?name=value becomes data-name="value" on #widget, before
// the (deferred, module) loader mounts the widget.
const widget = document.getElementById("widget");
for (const [name, value] of new URLSearchParams(location.search)) {
  if (/^[a-z-]+$/.test(name)) widget.setAttribute(`data-${name}`, value);
}
