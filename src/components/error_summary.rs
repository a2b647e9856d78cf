//! "There is a problem": every error at the top of the form, each a link that
//! moves focus to its field. Takes focus itself when it appears.

use regdesk_core::i18n::Key;
use yew::prelude::*;

use crate::hooks::{use_focus, use_ui};

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    /// Field element id and message, in form order.
    pub errors: Vec<(String, String)>,
    /// Changes at each submission stopped by errors, so the summary takes
    /// focus again even when the errors are the same.
    #[prop_or_default]
    pub round: u32,
}

/// Focuses the element with `id` inside this widget's shadow root.
pub fn focus_in_widget(host: &web_sys::Element, id: &str) {
    use wasm_bindgen::JsCast;
    let target = host
        .shadow_root()
        .and_then(|root| root.get_element_by_id(id));
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let ui = use_ui();
    let node = use_node_ref();
    use_focus(node.clone(), (props.errors.clone(), props.round), true);
    html! {
        <div class="error-summary" role="alert" tabindex="-1" ref={node} aria-labelledby="regdesk-error-summary-title">
            <h3 id="regdesk-error-summary-title">{ ui.t(Key::ErrorSummaryTitle) }</h3>
            <ul role="list">
                { for props.errors.iter().map(|(id, message)| {
                    let (host, target) = (ui.host.clone(), id.clone());
                    let onclick = Callback::from(move |e: MouseEvent| {
                        // The link must not change the host page's URL.
                        e.prevent_default();
                        focus_in_widget(&host, &target);
                    });
                    html! { <li><a href={format!("#{id}")} {onclick}>{ message }</a></li> }
                }) }
            </ul>
        </div>
    }
}
