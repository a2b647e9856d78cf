//! Files the visitor downloads, made in the browser: a `Blob` behind an
//! object URL (a `blob:` link needs no change to the host's CSP).

use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Url};

/// An object URL for `text` of type `mime`; release it with [`revoke`].
pub fn object_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke(url: &str) {
    let _ = Url::revoke_object_url(url);
}
