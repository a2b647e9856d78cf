//! The browser entry point, run when the loader (`loader/regdesk.js`)
//! initialises the module: mount a widget in every `[data-regdesk]`, now and
//! whenever one is added. The loader's `window.Regdesk` API drives the rest
//! through the functions exported in `regdesk::platform::widgets`.

fn main() {
    regdesk::start();
}
