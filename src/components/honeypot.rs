//! The honeypot: a field that people never see or hear of (off-screen,
//! `aria-hidden`, out of the tab order, never autofilled) and that spam
//! robots fill in. Should a browser fill it in anyway, the check fails with
//! a message, and the field is then shown with it, so that the visitor can
//! empty it: it never stops a person.

use regdesk_core::i18n::Key;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::hooks::use_ui;

/// Its element id, for the error summary.
pub const HONEYPOT_ID: &str = "f-trap";

#[derive(Properties, PartialEq)]
pub struct HoneypotProps {
    pub value: String,
    pub error: Option<String>,
    pub on_change: Callback<String>,
}

#[component]
pub fn Honeypot(props: &HoneypotProps) -> Html {
    let ui = use_ui();
    let oninput = props.on_change.reform(|e: InputEvent| {
        e.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    });
    let error_id = format!("{HONEYPOT_ID}-error");
    match &props.error {
        None => html! {
            <div class="trap" aria-hidden="true">
                <label for={HONEYPOT_ID}>{ ui.t(Key::HoneypotLabel) }</label>
                <input type="text" id={HONEYPOT_ID} name="regdesk-website" tabindex="-1"
                    autocomplete="off" value={props.value.clone()} {oninput} />
            </div>
        },
        Some(error) => html! {
            <div class="field has-error">
                <label for={HONEYPOT_ID}>{ ui.t(Key::HoneypotLabel) }</label>
                <p class="field-error" id={error_id.clone()}>
                    <span class="visually-hidden">{ ui.t(Key::ErrorPrefix) }{ " " }</span>{ error }
                </p>
                <input type="text" id={HONEYPOT_ID} name="regdesk-website" autocomplete="off"
                    aria-invalid="true" aria-describedby={error_id} value={props.value.clone()} {oninput} />
            </div>
        },
    }
}
