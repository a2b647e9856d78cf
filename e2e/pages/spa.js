// A single-page app's router: the events view adds a widget after load and
// the home view removes it, as React, Vue or a hand-made router would.
const view = document.getElementById("view");
const feed = document.body.dataset.feed;

function show(route) {
  view.replaceChildren();
  const h2 = document.createElement("h2");
  if (route === "#events") {
    h2.textContent = "Events";
    const widget = document.createElement("div");
    widget.dataset.regdesk = "";
    widget.dataset.feed = feed;
    widget.dataset.lang = "en";
    widget.dataset.theme = "light";
    widget.dataset.seo = "jsonld";
    view.append(h2, widget);
  } else {
    h2.textContent = "Welcome";
    const p = document.createElement("p");
    p.textContent = "Choose “Events” to see what is coming.";
    view.append(h2, p);
  }
}

addEventListener("hashchange", () => show(location.hash));
show(location.hash);
