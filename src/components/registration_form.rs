//! The registration form, built from the event's field schema.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::registration::is_visible;
use regdesk_core::{availability, Event, LocationKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::availability_badge::describe;
use super::error_summary::ErrorSummary;
use super::form_field::FormFieldView;
use crate::hooks::{use_registration, use_ui};
use crate::platform::now;
use crate::state::{Confirmation, FormAction, FormState, SubmitProblem};

/// The element id of the control a JSON Pointer names.
pub fn pointer_to_id(pointer: &str) -> String {
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["attendees", i, field, ..] => format!("f-{i}-{field}"),
        ["locationId"] => "f-location-0".into(),
        ["consent", "purposes", id] => format!("f-consent-{id}"),
        _ => "f-0-fullName".into(),
    }
}

#[derive(Properties, PartialEq)]
pub struct RegistrationFormProps {
    pub event: Rc<Event>,
    pub on_back: Callback<()>,
    pub on_done: Callback<Confirmation>,
}

#[component]
pub fn RegistrationForm(props: &RegistrationFormProps) -> Html {
    let ui = use_ui();
    let event = props.event.clone();
    let form = use_reducer(|| FormState::new(&event));
    let submit = use_registration(event.clone(), form.clone(), props.on_done.clone());
    let Some(settings) = event.registration.as_ref() else {
        return Html::default();
    };
    let onsubmit = submit.reform(|e: SubmitEvent| e.prevent_default());
    let error_text = |pointer: &str| form.error_at(pointer).map(|m| m.text(ui.lang));
    let summary: Vec<(String, String)> = form
        .errors
        .iter()
        .map(|(p, m)| (pointer_to_id(p), m.text(ui.lang)))
        .collect();
    let attendee = form.attendees.first().cloned().unwrap_or_default();
    let now = now();

    let sites = event.has_connection_sites().then(|| {
        let error = error_text("/locationId");
        html! {
            <fieldset class={classes!("field", "sites", error.as_ref().map(|_| "has-error"))}>
                <legend>{ ui.t(Key::ConnectionSite) }</legend>
                if let Some(error) = &error { <p class="field-error" id="f-location-error">{ error }</p> }
                { for event.locations.iter().enumerate().filter_map(|(i, l)| {
                    let id = l.id.clone()?;
                    let state = availability::of_location(&event, l, now);
                    let (seats, _) = describe(&ui, state);
                    let name = if l.kind == LocationKind::Virtual && l.name.is_empty() { ui.t(Key::Online).to_string() } else { ui.pick(&l.name).to_string() };
                    let checked = form_location_is(&form, &id);
                    let (form, value) = (form.clone(), id.clone());
                    let onchange = Callback::from(move |_: web_sys::Event| form.dispatch(FormAction::Location(value.clone())));
                    Some(html! {
                        <div class="choice">
                            <input type="radio" name="locationId" id={format!("f-location-{i}")} value={id.clone()}
                                {checked} disabled={!state.accepts_registrations()} {onchange} />
                            <label for={format!("f-location-{i}")}>
                                { name }
                                if !seats.is_empty() { <span class="seats">{ " · " }{ seats }</span> }
                            </label>
                        </div>
                    })
                }) }
            </fieldset>
        }
    });

    let consent = settings.consent.as_ref().map(|c| html! {
        <fieldset class="field consent">
            <legend>{ ui.t(Key::ConsentHeading) }</legend>
            if !c.text.is_empty() { <p class="help">{ ui.pick(&c.text) }</p> }
            { for c.purposes.iter().map(|p| {
                let id = format!("f-consent-{}", p.id);
                let error = error_text(&format!("/consent/purposes/{}", p.id));
                let checked = form.consents.contains(&p.id);
                let (form, purpose) = (form.clone(), p.id.clone());
                let onchange = Callback::from(move |e: web_sys::Event| {
                    let agreed = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                    form.dispatch(FormAction::Consent { purpose: purpose.clone(), agreed });
                });
                html! {
                    <div class={classes!("choice", error.as_ref().map(|_| "has-error"))}>
                        if let Some(error) = &error { <p class="field-error" id={format!("{id}-error")}>{ error }</p> }
                        <input type="checkbox" id={id.clone()} {checked} {onchange}
                            aria-describedby={error.as_ref().map(|_| format!("{id}-error"))} />
                        <label for={id}>
                            { ui.pick(&p.text) }
                            if !p.required { <span class="optional">{ " " }{ ui.t(Key::Optional) }</span> }
                        </label>
                    </div>
                }
            }) }
        </fieldset>
    });

    let problem = form.problem.as_ref().map(|p| match p {
        SubmitProblem::Network => ui.t(Key::ErrNetwork).to_string(),
        SubmitProblem::AlreadyRegistered => ui.t(Key::ErrAlreadyRegistered).to_string(),
        SubmitProblem::Closed => ui.t(Key::ErrClosed).to_string(),
        SubmitProblem::UnknownEvent => ui.t(Key::ErrUnknownEvent).to_string(),
        SubmitProblem::Full => ui.t(Key::Full).to_string(),
        SubmitProblem::Server(status) => ui.tf(Key::ErrServer, &[("status", &status.to_string())]),
    });

    html! {
        <section class="register" aria-labelledby="regdesk-form-heading">
            <button type="button" class="link back" onclick={props.on_back.reform(|_| ())}>
                { "← " }{ ui.pick(&event.name) }
            </button>
            <h2 id="regdesk-form-heading" tabindex="-1">{ ui.tf(Key::RegisterHeading, &[("event", ui.pick(&event.name))]) }</h2>
            if !summary.is_empty() { <ErrorSummary errors={summary} /> }
            if let Some(problem) = problem { <div class="notice error" role="alert"><p>{ problem }</p></div> }
            <form novalidate=true {onsubmit} part="form">
                <p class="hint">{ ui.t(Key::RequiredHint) }</p>
                { sites.unwrap_or_default() }
                { for settings.fields.iter().filter(|f| is_visible(f, &attendee)).map(|f| {
                    let pointer = format!("/attendees/0/{}", f.name);
                    let (form, name) = (form.clone(), f.name.clone());
                    let on_change = Callback::from(move |value| {
                        form.dispatch(FormAction::Answer { attendee: 0, field: name.clone(), value })
                    });
                    html! {
                        <FormFieldView key={f.name.clone()} field={f.clone()} id={pointer_to_id(&pointer)}
                            value={attendee.get(&f.name).cloned()} error={error_text(&pointer)} {on_change} />
                    }
                }) }
                { consent.unwrap_or_default() }
                <div class="actions">
                    <button type="submit" class="button" part="button" disabled={form.sending} aria-busy={form.sending.then_some("true")}>
                        { if form.sending { ui.t(Key::Sending) } else { ui.t(Key::Submit) } }
                    </button>
                </div>
            </form>
        </section>
    }
}

fn form_location_is(form: &FormState, id: &str) -> bool {
    form.location_id.as_deref() == Some(id)
}
