//! A `blob:` URL for text made in the browser (the `.ics` download), revoked
//! when the text changes or the component goes away.

use yew::prelude::*;

use crate::platform::download;

#[hook]
pub fn use_object_url(text: String, mime: &'static str) -> Option<String> {
    let url = use_state(|| None::<String>);
    {
        let url = url.clone();
        use_effect_with(text, move |text| {
            let made = download::object_url(text, mime);
            url.set(made.clone());
            move || {
                if let Some(u) = made {
                    download::revoke(&u);
                }
            }
        });
    }
    (*url).clone()
}
