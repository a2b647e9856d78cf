//! Files made in the browser for the visitor to save (the `.ics` of an
//! event): a `Blob` behind an object URL, which an `<a download>` points at.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Url};

/// An object URL for `text` as a file of type `mime`; `None` if the browser
/// refuses. Free it with [`revoke`].
pub fn object_url(text: &str, mime: &str) -> Option<String> {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke(url: &str) {
    let _ = Url::revoke_object_url(url);
}
