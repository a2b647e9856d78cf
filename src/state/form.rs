//! The registration form: what the visitor typed, what is wrong with it, and
//! where its submission stands.

use std::rc::Rc;

use regdesk_core::registration::validate;
use regdesk_core::{
    Attendee, ConsentRecord, Event, FieldError, Lang, RegistrationRequest, WIDGET_ID,
};
use serde_json::Value;
use yew::Reducible;

/// A message shown at a field and in the error summary.
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorMessage {
    /// Found by the widget: written in whatever language is current.
    Local(FieldError),
    /// Sent by the endpoint (422 `errors[].detail`).
    Remote(String),
}

impl ErrorMessage {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ErrorMessage::Local(e) => e.message(lang),
            ErrorMessage::Remote(s) => s.clone(),
        }
    }
}

/// Why a submission did not succeed (other than answers to correct).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitProblem {
    Network,
    AlreadyRegistered,
    Closed,
    UnknownEvent,
    Full,
    Server(u16),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct FormState {
    pub attendees: Vec<Attendee>,
    pub location_id: Option<String>,
    /// Consent purposes ticked.
    pub consents: Vec<String>,
    /// By JSON Pointer into the request, in form order.
    pub errors: Vec<(String, ErrorMessage)>,
    pub sending: bool,
    pub problem: Option<SubmitProblem>,
    /// The body last sent and its Idempotency-Key: the same data keeps its key.
    pub last_sent: Option<(String, String)>,
}

pub enum FormAction {
    Answer {
        attendee: usize,
        field: String,
        value: Value,
    },
    Location(String),
    Consent {
        purpose: String,
        agreed: bool,
    },
    Invalid(Vec<FieldError>),
    Sending {
        body: String,
        key: String,
    },
    Rejected(Vec<(String, String)>),
    Failed(SubmitProblem),
}

impl FormState {
    pub fn new(event: &Event) -> Self {
        Self {
            attendees: vec![Attendee::new()],
            // One site: nothing to choose.
            location_id: match event.locations.as_slice() {
                [only] => only.id.clone(),
                _ => None,
            },
            ..Self::default()
        }
    }

    /// The registration as it would be sent now.
    pub fn request(&self, event: &Event, lang: Lang, now_rfc3339: &str) -> RegistrationRequest {
        let consent = event
            .registration
            .as_ref()
            .and_then(|r| r.consent.as_ref())
            .map(|c| ConsentRecord {
                version: c.version.clone(),
                purposes: self.consents.clone(),
                at: now_rfc3339.to_string(),
            });
        RegistrationRequest {
            event_id: event.id.clone(),
            location_id: self.location_id.clone(),
            locale: Some(lang.tag().to_string()),
            attendees: self.attendees.clone(),
            consent,
            widget: Some(WIDGET_ID.to_string()),
        }
    }

    /// Checks the answers as the server will; the errors, if any.
    pub fn check(&self, event: &Event, lang: Lang) -> Vec<FieldError> {
        validate(event, &self.request(event, lang, ""))
            .err()
            .unwrap_or_default()
    }

    /// The Idempotency-Key to reuse for `body`, when it was sent before unchanged.
    pub fn key_for(&self, body: &str) -> Option<&str> {
        self.last_sent
            .as_ref()
            .filter(|(b, _)| b == body)
            .map(|(_, k)| k.as_str())
    }

    pub fn error_at(&self, pointer: &str) -> Option<&ErrorMessage> {
        self.errors
            .iter()
            .find(|(p, _)| p == pointer)
            .map(|(_, m)| m)
    }

    pub fn answer(&self, attendee: usize, field: &str) -> Option<&Value> {
        self.attendees.get(attendee)?.get(field)
    }
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FormAction::Answer {
                attendee,
                field,
                value,
            } => {
                if let Some(a) = next.attendees.get_mut(attendee) {
                    a.insert(field, value);
                }
            }
            FormAction::Location(id) => next.location_id = Some(id),
            FormAction::Consent { purpose, agreed } => {
                next.consents.retain(|p| *p != purpose);
                if agreed {
                    next.consents.push(purpose);
                }
            }
            FormAction::Invalid(errors) => {
                next.errors = errors
                    .into_iter()
                    .map(|e| (e.pointer.clone(), ErrorMessage::Local(e)))
                    .collect();
                next.problem = None;
            }
            FormAction::Sending { body, key } => {
                next.errors.clear();
                next.problem = None;
                next.sending = true;
                next.last_sent = Some((body, key));
            }
            FormAction::Rejected(errors) => {
                next.sending = false;
                next.errors = errors
                    .into_iter()
                    .map(|(p, d)| (p, ErrorMessage::Remote(d)))
                    .collect();
            }
            FormAction::Failed(problem) => {
                next.sending = false;
                next.problem = Some(problem);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regdesk_core::feed::parse_event;
    use serde_json::json;

    fn event() -> Event {
        parse_event(&json!({"id": "e", "name": "E", "startDate": "2027-01-01",
            "location": {"id": "yangon", "name": "Yangon"},
            "registration": {"consent": {"version": "v1", "purposes": [{"id": "processing", "text": "OK", "required": true}]}}}))
        .expect("an event")
    }

    #[test]
    fn builds_the_request_from_answers() {
        let e = event();
        let s = Rc::new(FormState::new(&e))
            .reduce(FormAction::Answer {
                attendee: 0,
                field: "fullName".into(),
                value: json!("Aung Kyaw"),
            })
            .reduce(FormAction::Consent {
                purpose: "processing".into(),
                agreed: true,
            });
        let r = s.request(&e, Lang::Vi, "2026-11-22T10:00:00Z");
        assert_eq!(r.location_id.as_deref(), Some("yangon"));
        assert_eq!(r.attendees[0]["fullName"], "Aung Kyaw");
        assert_eq!(r.consent.unwrap().purposes, ["processing"]);
        assert_eq!(r.locale.as_deref(), Some("vi"));
        let errors = s.check(&e, Lang::En);
        assert!(errors.iter().any(|e| e.pointer == "/attendees/0/email"));
        assert!(!errors.iter().any(|e| e.pointer.starts_with("/consent")));
    }

    #[test]
    fn the_same_body_keeps_its_key() {
        let s = Rc::new(FormState::new(&event())).reduce(FormAction::Sending {
            body: "A".into(),
            key: "k1".into(),
        });
        assert_eq!(s.key_for("A"), Some("k1"));
        assert_eq!(s.key_for("B"), None);
        let s = s.reduce(FormAction::Failed(SubmitProblem::Network));
        assert!(!s.sending && s.problem == Some(SubmitProblem::Network));
        assert_eq!(s.key_for("A"), Some("k1"), "kept across a failure");
    }
}
