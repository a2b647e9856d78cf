//! One form field from the event's schema, with its label, help and error.

use regdesk_core::form::FieldOption;
use regdesk_core::i18n::Key;
use regdesk_core::{country, FieldType, FormField};
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::hooks::{use_ui, Ui};
use crate::platform::intl;

#[derive(Properties, PartialEq)]
pub struct FormFieldProps {
    pub field: FormField,
    /// The element id; ids are scoped to the widget's shadow root.
    pub id: AttrValue,
    pub value: Option<Value>,
    pub error: Option<String>,
    pub on_change: Callback<Value>,
    /// Which attendee of a group (from 0): later ones get their own control
    /// names (radio groups must not join up) and autofill section.
    #[prop_or_default]
    pub attendee: usize,
}

fn text_of(value: &Option<Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The value of the input, select or textarea an event came from.
fn target_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else if let Some(t) = target.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else {
        String::new()
    }
}

/// Country options: ASEAN and Timor-Leste first, then all by name.
fn country_options(ui: &Ui) -> Vec<FieldOption> {
    let named = |code: &str| FieldOption {
        value: code.to_string(),
        label: regdesk_core::LocalizedText::plain(intl::country_name(code, ui.lang)),
    };
    let mut first: Vec<FieldOption> = country::FIRST.iter().map(|c| named(c)).collect();
    first.sort_by(|a, b| a.label.get("").cmp(b.label.get("")));
    let mut rest: Vec<FieldOption> = country::ALL
        .iter()
        .filter(|c| !country::FIRST.contains(c))
        .map(|c| named(c))
        .collect();
    rest.sort_by(|a, b| a.label.get("").cmp(b.label.get("")));
    first.extend(rest);
    first
}

#[component]
pub fn FormFieldView(props: &FormFieldProps) -> Html {
    let ui = use_ui();
    let f = &props.field;
    let id = props.id.to_string();
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described: Vec<&str> = [
        f.help.as_ref().map(|_| help_id.as_str()),
        props.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let describedby = (!described.is_empty()).then(|| described.join(" "));
    let invalid = props.error.as_ref().map(|_| "true");
    let on_text = props
        .on_change
        .reform(|e: InputEvent| Value::String(target_value(&e)));
    let on_select = props
        .on_change
        .reform(|e: Event| Value::String(target_value(&e)));
    let current = text_of(&props.value);
    let (name, autocomplete) = match props.attendee {
        0 => (f.name.clone(), f.autocomplete.clone()),
        n => (
            format!("{}-{}", f.name, n + 1),
            f.autocomplete
                .as_ref()
                .map(|a| format!("section-attendee{} {a}", n + 1)),
        ),
    };
    let label = html! {
        <>
            { ui.pick(&f.label) }
            if !f.required { <span class="optional">{ " " }{ ui.t(Key::Optional) }</span> }
        </>
    };
    let extras = html! {
        <>
            if let Some(help) = &f.help { <p class="help" id={help_id.clone()}>{ ui.pick(help) }</p> }
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id.clone()}>
                    <span class="visually-hidden">{ ui.t(Key::ErrorPrefix) }{ " " }</span>{ error }
                </p>
            }
        </>
    };
    let input_type = match f.field_type {
        FieldType::Email => "email",
        FieldType::Tel => "tel",
        FieldType::Url => "url",
        FieldType::Date => "date",
        FieldType::Number => "text",
        _ => "text",
    };
    let control = match f.field_type {
        FieldType::Textarea => html! {
            <textarea id={id.clone()} name={name.clone()} rows="4" value={current}
                autocomplete={autocomplete.clone()} aria-describedby={describedby} aria-invalid={invalid}
                oninput={on_text} />
        },
        FieldType::Select | FieldType::Country => {
            let options = if f.field_type == FieldType::Country {
                country_options(&ui)
            } else {
                f.options.clone()
            };
            html! {
                <select id={id.clone()} name={name.clone()} autocomplete={autocomplete.clone()}
                    aria-describedby={describedby} aria-invalid={invalid} onchange={on_select}>
                    <option value="" selected={current.is_empty()}>{ ui.t(Key::ChooseOne) }</option>
                    { for options.iter().map(|o| html! {
                        <option value={o.value.clone()} selected={o.value == current}>{ ui.pick(&o.label) }</option>
                    }) }
                </select>
            }
        }
        FieldType::Checkbox => {
            let checked = matches!(props.value, Some(Value::Bool(true)));
            let on_toggle = props.on_change.reform(|e: Event| {
                Value::Bool(
                    e.target()
                        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                        .is_some_and(|i| i.checked()),
                )
            });
            return html! {
                <div class={classes!("field", "checkbox", props.error.as_ref().map(|_| "has-error"))}>
                    { extras }
                    <input type="checkbox" id={id.clone()} name={name.clone()} {checked}
                        aria-describedby={describedby} aria-invalid={invalid} onchange={on_toggle} />
                    <label for={id}>{ label }</label>
                </div>
            };
        }
        FieldType::Radio | FieldType::Multiselect => {
            let multi = f.field_type == FieldType::Multiselect;
            let chosen: Vec<String> = match &props.value {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                Some(Value::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            };
            // The first option carries the field's id: the error summary's
            // link moves focus there.
            return html! {
                <fieldset class={classes!("field", props.error.as_ref().map(|_| "has-error"))} id={format!("{id}-group")}
                    aria-describedby={describedby}>
                    <legend>{ label }</legend>
                    { extras }
                    { for f.options.iter().enumerate().map(|(i, o)| {
                        let option_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                        let value = o.value.clone();
                        let chosen_now = chosen.clone();
                        let on_change = props.on_change.reform(move |e: Event| {
                            let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                            if !multi {
                                return Value::String(value.clone());
                            }
                            let mut next: Vec<String> = chosen_now.iter().filter(|v| **v != value).cloned().collect();
                            if on { next.push(value.clone()); }
                            Value::from(next)
                        });
                        html! {
                            <div class="choice">
                                <input type={if multi { "checkbox" } else { "radio" }} id={option_id.clone()}
                                    name={name.clone()} value={o.value.clone()} checked={chosen.contains(&o.value)}
                                    aria-invalid={invalid} onchange={on_change} />
                                <label for={option_id}>{ ui.pick(&o.label) }</label>
                            </div>
                        }
                    }) }
                </fieldset>
            };
        }
        _ => html! {
            <input type={input_type} id={id.clone()} name={name.clone()} value={current}
                inputmode={(f.field_type == FieldType::Number).then_some("decimal")}
                autocomplete={autocomplete.clone()} spellcheck={matches!(f.field_type, FieldType::Email | FieldType::Tel | FieldType::Url).then_some("false")}
                aria-describedby={describedby} aria-invalid={invalid} oninput={on_text} />
        },
    };
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "has-error"))}>
            <label for={id}>{ label }</label>
            { extras }
            { control }
        </div>
    }
}
