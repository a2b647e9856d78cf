//! One attendee's answers. In a group, each attendee after the first has
//! "same as attendee 1" for the shared answers (organisation, country…),
//! ticked by default, which hides those fields.

use regdesk_core::i18n::Key;
use regdesk_core::registration::is_visible;
use regdesk_core::{Attendee, FormField};
use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::form_field::FormFieldView;
use crate::hooks::use_ui;

#[derive(Properties, PartialEq)]
pub struct AttendeeFieldsProps {
    /// From 0.
    pub index: usize,
    /// Attendees in the form: with one, no "Attendee 1" heading.
    pub count: usize,
    pub fields: Vec<FormField>,
    pub answers: Attendee,
    /// By field name.
    pub errors: Vec<(String, String)>,
    pub same_as_first: bool,
    pub on_answer: Callback<(String, Value)>,
    pub on_same: Callback<bool>,
    pub on_remove: Callback<()>,
}

/// The element id of an attendee's field.
pub fn field_id(index: usize, name: &str) -> String {
    format!("f-{index}-{name}")
}

#[component]
pub fn AttendeeFields(props: &AttendeeFieldsProps) -> Html {
    let ui = use_ui();
    let i = props.index;
    let shared: Vec<&FormField> = props.fields.iter().filter(|f| f.is_shared()).collect();
    let hides = |f: &FormField| i > 0 && props.same_as_first && f.is_shared();
    let fields = props
        .fields
        .iter()
        .filter(|f| is_visible(f, &props.answers) && !hides(f))
        .map(|f| {
            let (on_answer, name) = (props.on_answer.clone(), f.name.clone());
            let on_change = Callback::from(move |value| on_answer.emit((name.clone(), value)));
            let error = props
                .errors
                .iter()
                .find(|(n, _)| *n == f.name)
                .map(|(_, m)| m.clone());
            html! {
                <FormFieldView key={f.name.clone()} field={f.clone()} id={field_id(i, &f.name)} attendee={i}
                    value={props.answers.get(&f.name).cloned()} {error} {on_change} />
            }
        });
    let body = html! { <>{ for fields }</> };
    if props.count <= 1 {
        return body;
    }
    let same = (i > 0 && !shared.is_empty()).then(|| {
        let id = format!("f-{i}-same");
        let names = shared
            .iter()
            .map(|f| ui.pick(&f.label).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let on_same = props.on_same.reform(|e: web_sys::Event| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.checked())
        });
        html! {
            <div class="field checkbox same-as-first">
                <input type="checkbox" id={id.clone()} checked={props.same_as_first} onchange={on_same} />
                <label for={id}>{ ui.tf(Key::SameAsFirst, &[("fields", &names)]) }</label>
            </div>
        }
    });
    let n = (i + 1).to_string();
    html! {
        <fieldset class="attendee" id={format!("f-attendee-{i}")}>
            <legend class="attendee-heading">{ ui.tf(Key::Attendee, &[("n", &n)]) }</legend>
            { same.unwrap_or_default() }
            { body }
            if i > 0 {
                <button type="button" class="link remove" onclick={props.on_remove.reform(|_| ())}>
                    { ui.tf(Key::RemoveAttendee, &[("n", &n)]) }
                </button>
            }
        </fieldset>
    }
}
