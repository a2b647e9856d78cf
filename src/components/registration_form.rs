//! The registration form, built from the event's field schema: the site, one
//! block of answers per attendee, consent, and the submission's state.
//! Nothing is checked while the visitor types; on submit, an error summary
//! ("There is a problem") lists every error, each a link to its field.

use std::rc::Rc;

use regdesk_core::i18n::Key;
use regdesk_core::{availability, Availability, Event};
use yew::prelude::*;

use super::attendee_fields::{field_id, AttendeeFields};
use super::consent_fields::{consent_id, ConsentFields};
use super::error_summary::{focus_in_widget, ErrorSummary};
use super::honeypot::{Honeypot, HONEYPOT_ID};
use super::queued_notice::QueuedNotice;
use super::site_choice::{SiteChoice, SITE_ID};
use super::submission_status::SubmissionStatus;
use crate::hooks::{load_draft, use_draft, use_registration, use_ui, OutboxHandle};
use crate::platform::{now, now_ms, storage};
use crate::state::form::ErrorMessage;
use crate::state::outbox::OutboxOutcome;
use crate::state::retry::RetryPolicy;
use crate::state::{Confirmation, FormAction, FormState, Phase};

/// The id of the submit button (the summary's link for a form sent too fast).
const SUBMIT_ID: &str = "f-submit";

/// The element id of the control a JSON Pointer names; `first_field` is the
/// name of the form's first field.
pub fn pointer_to_id(pointer: &str, first_field: &str) -> String {
    let unescape = |t: &str| t.replace("~1", "/").replace("~0", "~");
    let parts: Vec<String> = pointer
        .trim_start_matches('/')
        .split('/')
        .map(unescape)
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["attendees", i, field, ..] => field_id(i.parse().unwrap_or(0), field),
        ["locationId"] => SITE_ID.into(),
        ["consent", "purposes", id] => consent_id(id),
        ["antispam", "honeypot"] => HONEYPOT_ID.into(),
        ["antispam", ..] => SUBMIT_ID.into(),
        _ => field_id(0, first_field),
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
    let endpoint = ui.config.endpoint.clone();
    let draft_key = endpoint
        .as_deref()
        .map(|e| storage::draft_key(e, &event.id));
    let form = {
        let (event, key, endpoint) = (event.clone(), draft_key.clone(), endpoint.clone());
        use_reducer(move || {
            let draft = key.as_deref().and_then(load_draft);
            let queued: Vec<String> = endpoint
                .map(|e| {
                    storage::load_outbox(&e)
                        .entries
                        .into_iter()
                        .map(|x| x.key)
                        .collect()
                })
                .unwrap_or_default();
            FormState::restore(&event, draft, now_ms(), &queued)
        })
    };
    use_draft(draft_key, form.draft());
    let submit = use_registration(event.clone(), form.clone(), props.on_done.clone());
    let outbox = use_context::<OutboxHandle>();
    // The outbox refused this form's queued registration: back to the form.
    {
        let (form, event) = (form.clone(), event.clone());
        let notices = outbox.as_ref().map(|o| o.notices.clone());
        let dismiss = outbox.as_ref().map(|o| o.dismiss.clone());
        use_effect_with(notices, move |notices| {
            let mine = form
                .sent
                .as_ref()
                .and_then(|sent| notices.as_ref()?.list.iter().find(|n| n.key == sent.key));
            if let (Some(n), Phase::Queued) = (mine, form.phase) {
                if let OutboxOutcome::Refused { problem, errors } = &n.outcome {
                    match problem {
                        Some(p) => form.dispatch(FormAction::Failed(p.clone())),
                        None => form.dispatch(FormAction::Rejected(
                            form.place(
                                &event,
                                errors
                                    .iter()
                                    .map(|(p, d)| (p.clone(), ErrorMessage::Remote(d.clone())))
                                    .collect(),
                            ),
                        )),
                    }
                    if let Some(dismiss) = dismiss {
                        dismiss.emit(n.key.clone());
                    }
                }
            }
        });
    }
    // When an attendee is added, focus moves to their first answer; when one
    // is removed, to "Add another person" (their block, and the focus, are gone).
    let first_field = event
        .registration
        .as_ref()
        .and_then(|r| r.fields.first())
        .map(|f| f.name.clone())
        .unwrap_or_else(|| "fullName".into());
    {
        let count = form.attendees.len();
        let before = use_mut_ref(|| count);
        let (host, first_field) = (ui.host.clone(), first_field.clone());
        use_effect_with(count, move |count| {
            let was = std::mem::replace(&mut *before.borrow_mut(), *count);
            if *count > was {
                focus_in_widget(&host, &field_id(count - 1, &first_field));
            } else if *count < was {
                focus_in_widget(&host, "f-add-attendee");
            }
        });
    }
    let Some(settings) = event.registration.as_ref() else {
        return Html::default();
    };
    let back = props.on_back.reform(|_| ());
    let heading = ui.tf(Key::RegisterHeading, &[("event", ui.pick(&event.name))]);
    let head = html! {
        <>
            <button type="button" class="link back" onclick={back.clone()}>{ "← " }{ ui.pick(&event.name) }</button>
            <h2 id="regdesk-form-heading" tabindex="-1">{ heading }</h2>
        </>
    };
    if form.phase == Phase::Queued {
        let send_now = outbox
            .as_ref()
            .map(|o| o.kick.reform(|()| true))
            .unwrap_or_default();
        return html! {
            <section class="register" aria-labelledby="regdesk-form-heading">
                { head }
                <QueuedNotice on_send_now={send_now} on_back={props.on_back.clone()} />
            </section>
        };
    }

    let text = |m: &ErrorMessage| m.text(ui.lang);
    let summary: Vec<(String, String)> = form
        .errors
        .iter()
        .map(|(p, m)| (pointer_to_id(p, &first_field), text(m)))
        .collect();
    let error_at = |pointer: &str| form.error_at(pointer).map(text);

    // Seats where the visitor is registering: the chosen site, else the event.
    let now = now();
    let seats = match form
        .location_id
        .as_deref()
        .and_then(|id| event.location(id))
    {
        Some(l) if event.has_connection_sites() => availability::of_location(&event, l, now),
        _ => availability::of_event(&event, now),
    };
    let waitlist = seats.is_waitlist();
    let group = form.attendees.len() as u32;
    let short_of_seats = match seats {
        Availability::AlmostFull(n) | Availability::Open(Some(n)) => {
            Some(n).filter(|n| *n < group && settings.waitlist)
        }
        _ => None,
    };

    let sites = event.has_connection_sites().then(|| {
        let (selected, error) = (form.location_id.clone(), error_at("/locationId"));
        let form = form.clone();
        let on_choose = Callback::from(move |id| form.dispatch(FormAction::Location(id)));
        html! { <SiteChoice event={event.clone()} {selected} {error} {on_choose} /> }
    });

    let max = settings.max_attendees.max(1) as usize;
    let attendees = form.attendees.iter().enumerate().map(|(i, answers)| {
        let prefix = format!("/attendees/{i}/");
        let errors: Vec<(String, String)> = form
            .errors
            .iter()
            .filter_map(|(p, m)| Some((p.strip_prefix(&prefix)?.replace("~1", "/").replace("~0", "~"), text(m))))
            .collect();
        let on_answer = {
            let form = form.clone();
            Callback::from(move |(field, value)| {
                form.dispatch(FormAction::Answer { attendee: i, field, value })
            })
        };
        let on_same = {
            let form = form.clone();
            Callback::from(move |on| form.dispatch(FormAction::SameAsFirst { attendee: i, on }))
        };
        let on_remove = {
            let form = form.clone();
            Callback::from(move |()| form.dispatch(FormAction::RemoveAttendee(i)))
        };
        html! {
            <AttendeeFields key={i} index={i} count={form.attendees.len()} fields={settings.fields.clone()}
                answers={answers.clone()} {errors} same_as_first={form.shares_with_first(i)}
                {on_answer} {on_same} {on_remove} />
        }
    });
    let add = (form.attendees.len() < max).then(|| {
        let form = form.clone();
        let onclick = Callback::from(move |_: MouseEvent| form.dispatch(FormAction::AddAttendee { max }));
        html! {
            <div class="field add-attendee">
                <button type="button" id="f-add-attendee" class="button secondary" part="button" {onclick}>
                    { "+ " }{ ui.t(Key::AddAttendee) }
                </button>
                <p class="help">{ ui.tf(Key::GroupHint, &[("max", &max.to_string())]) }</p>
            </div>
        }
    });

    let consent = settings.consent.as_ref().map(|c| {
        let errors: Vec<(String, String)> = form
            .errors
            .iter()
            .filter_map(|(p, m)| Some((p.strip_prefix("/consent/purposes/")?.to_string(), text(m))))
            .collect();
        let ticked = form.consents.clone();
        let form = form.clone();
        let on_toggle = Callback::from(move |(purpose, agreed)| {
            form.dispatch(FormAction::Consent { purpose, agreed })
        });
        html! { <ConsentFields consent={c.clone()} {ticked} {errors} {on_toggle} /> }
    });

    let on_trap = {
        let form = form.clone();
        Callback::from(move |v| form.dispatch(FormAction::Honeypot(v)))
    };
    let busy = form.phase.busy();
    let label = if busy {
        ui.t(Key::Sending)
    } else if waitlist {
        ui.t(Key::JoinWaitlist)
    } else {
        ui.t(Key::Submit)
    };
    let policy = RetryPolicy::FORM.scaled(ui.config.retry_base_ms, ui.config.timeout_ms);
    let onsubmit = submit.reform(|e: SubmitEvent| e.prevent_default());

    html! {
        <section class="register" aria-labelledby="regdesk-form-heading">
            { head }
            if !summary.is_empty() { <ErrorSummary errors={summary} round={form.error_round} /> }
            <form novalidate=true {onsubmit} part="form">
                <p class="hint">{ ui.t(Key::RequiredHint) }</p>
                { sites.unwrap_or_default() }
                if waitlist { <p class="notice waitlist">{ ui.t(Key::WaitlistNotice) }</p> }
                { for attendees }
                { add.unwrap_or_default() }
                if let Some(n) = short_of_seats {
                    <p class="notice waitlist">{ ui.tf(Key::GroupOverSeats, &[("count", &n.to_string())]) }</p>
                }
                { consent.unwrap_or_default() }
                <Honeypot value={form.honeypot.clone()} error={error_at("/antispam/honeypot")} on_change={on_trap} />
                <SubmissionStatus phase={form.phase} problem={form.problem.clone()} max_tries={policy.max_tries}
                    on_retry={submit.clone()} />
                <div class="actions">
                    <button type="submit" id={SUBMIT_ID} class="button" part="button" aria-disabled={busy.then_some("true")}>
                        { label }
                    </button>
                </div>
            </form>
        </section>
    }
}
