//! Moving focus to what just appeared (a summary, a title, an alert), so
//! that keyboard and screen-reader users land where the news is.

use yew::prelude::*;

/// Focuses `node` after each render in which `key` changed, if `when`.
#[hook]
pub fn use_focus<T>(node: NodeRef, key: T, when: bool)
where
    T: PartialEq + 'static,
{
    use_effect_with(key, move |_| {
        if when {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
