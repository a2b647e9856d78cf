//! Consent: the notice, then one unticked box per purpose. Required purposes
//! must be ticked to register; optional ones are separate and marked so.

use regdesk_core::event::Consent;
use regdesk_core::i18n::Key;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::hooks::use_ui;

#[derive(Properties, PartialEq)]
pub struct ConsentFieldsProps {
    pub consent: Consent,
    /// Purposes ticked.
    pub ticked: Vec<String>,
    /// By purpose id.
    pub errors: Vec<(String, String)>,
    pub on_toggle: Callback<(String, bool)>,
}

/// The element id of a purpose's box.
pub fn consent_id(purpose: &str) -> String {
    format!("f-consent-{purpose}")
}

/// The notice's text: paragraphs, with `[words](https://…)` links (the only
/// CommonMark a consent notice needs; everything else stays text).
fn notice(text: &str) -> Html {
    let paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty());
    html! { <>{ for paragraphs.map(|p| html! { <p class="help">{ with_links(p.trim()) }</p> }) }</> }
}

fn with_links(mut rest: &str) -> Html {
    let mut out = Vec::new();
    while let Some(open) = rest.find('[') {
        let link = rest[open + 1..].split_once("](").and_then(|(words, tail)| {
            let (url, after) = tail.split_once(')')?;
            let safe = ["https://", "http://", "mailto:"]
                .iter()
                .any(|s| url.to_ascii_lowercase().starts_with(s));
            (safe && !words.contains('[')).then_some((words, url, after))
        });
        match link {
            Some((words, url, after)) => {
                out.push(html! { { &rest[..open] } });
                out.push(html! {
                    <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ words }</a>
                });
                rest = after;
            }
            None => {
                out.push(html! { { &rest[..=open] } });
                rest = &rest[open + 1..];
            }
        }
    }
    out.push(html! { { rest } });
    html! { <>{ for out }</> }
}

#[component]
pub fn ConsentFields(props: &ConsentFieldsProps) -> Html {
    let ui = use_ui();
    let c = &props.consent;
    html! {
        <fieldset class="field consent">
            <legend>{ ui.t(Key::ConsentHeading) }</legend>
            if !c.text.is_empty() { { notice(ui.pick(&c.text)) } }
            { for c.purposes.iter().map(|p| {
                let id = consent_id(&p.id);
                let error_id = format!("{id}-error");
                let error = props.errors.iter().find(|(k, _)| *k == p.id).map(|(_, m)| m.clone());
                let purpose = p.id.clone();
                let onchange = props.on_toggle.reform(move |e: web_sys::Event| {
                    let agreed = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .is_some_and(|i| i.checked());
                    (purpose.clone(), agreed)
                });
                html! {
                    <div class={classes!("choice", error.as_ref().map(|_| "has-error"))}>
                        if let Some(error) = &error {
                            <p class="field-error" id={error_id.clone()}>
                                <span class="visually-hidden">{ ui.t(Key::ErrorPrefix) }{ " " }</span>{ error }
                            </p>
                        }
                        <input type="checkbox" id={id.clone()} name={format!("consent-{}", p.id)}
                            checked={props.ticked.contains(&p.id)} {onchange}
                            aria-invalid={error.as_ref().map(|_| "true")}
                            aria-describedby={error.as_ref().map(|_| error_id.clone())} />
                        <label for={id}>
                            { ui.pick(&p.text) }
                            if !p.required { <span class="optional">{ " " }{ ui.t(Key::Optional) }</span> }
                        </label>
                    </div>
                }
            }) }
        </fieldset>
    }
}
