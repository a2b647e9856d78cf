//! The registration form: what the visitor typed, what is wrong with it, and
//! where its submission stands. Pure: the hooks bring time, storage and HTTP.

use std::rc::Rc;

use regdesk_core::registration::{validate, Antispam, MIN_FILL_MS};
use regdesk_core::{
    Attendee, ConsentRecord, Event, FieldError, Lang, RegistrationRequest, WIDGET_ID,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use yew::Reducible;

use super::submission::SubmitProblem;

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

/// Where the submission stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Phase {
    #[default]
    Editing,
    /// Try `attempt` (from 1) is on its way.
    Sending { attempt: u32 },
    /// Try `attempt` failed for a passing reason; waiting to try again.
    Retrying { attempt: u32 },
    /// In the outbox: it will be sent when the connection returns.
    Queued,
}

impl Phase {
    pub fn busy(self) -> bool {
        matches!(self, Phase::Sending { .. } | Phase::Retrying { .. })
    }
}

/// A registration as sent: its request and Idempotency-Key are kept so that
/// sending the same answers again sends the very same request with the same
/// key (a retry the endpoint may already have stored is then a replay).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    /// The answers without the time stamps: the same answers, the same text.
    pub fingerprint: String,
    pub request: RegistrationRequest,
    pub key: String,
    /// How long to wait before the first try, so that the minimum time to
    /// fill has passed; zero for a resend.
    #[serde(skip)]
    pub wait_ms: u64,
}

/// What is saved as the visitor types, and restored after a reload.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Draft {
    pub attendees: Vec<Attendee>,
    pub same_as_first: Vec<bool>,
    pub location_id: Option<String>,
    pub consents: Vec<String>,
    pub started_at_ms: f64,
    pub sent: Option<Sent>,
}

impl Draft {
    /// Nothing typed or chosen yet: nothing worth saving.
    pub fn is_blank(&self) -> bool {
        self.sent.is_none()
            && self.consents.is_empty()
            && self.attendees.iter().all(|a| {
                a.values().all(|v| match v {
                    Value::String(s) => s.trim().is_empty(),
                    Value::Array(items) => items.is_empty(),
                    Value::Bool(b) => !b,
                    Value::Null => true,
                    _ => false,
                })
            })
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct FormState {
    pub attendees: Vec<Attendee>,
    /// For each attendee: whether the shared answers (organisation, country…)
    /// are attendee 1's. The first entry is ignored.
    pub same_as_first: Vec<bool>,
    pub location_id: Option<String>,
    /// Consent purposes ticked.
    pub consents: Vec<String>,
    /// The honeypot's content: empty for people.
    pub honeypot: String,
    /// When the visitor began, for the minimum time to fill.
    pub started_at_ms: f64,
    /// By JSON Pointer into the request, in form order.
    pub errors: Vec<(String, ErrorMessage)>,
    /// Counts submissions stopped by errors: the summary takes focus each time.
    pub error_round: u32,
    pub phase: Phase,
    pub problem: Option<SubmitProblem>,
    pub sent: Option<Sent>,
}

pub enum FormAction {
    Answer {
        attendee: usize,
        field: String,
        value: Value,
    },
    AddAttendee {
        max: usize,
    },
    RemoveAttendee(usize),
    SameAsFirst {
        attendee: usize,
        on: bool,
    },
    Location(String),
    Consent {
        purpose: String,
        agreed: bool,
    },
    Honeypot(String),
    /// Errors found before sending, already placed (see [`FormState::place`]).
    Invalid(Vec<(String, ErrorMessage)>),
    Sending(Box<Sent>),
    Attempt(u32),
    Retrying(u32),
    Queued,
    /// 422 from the endpoint, already placed.
    Rejected(Vec<(String, ErrorMessage)>),
    Failed(SubmitProblem),
}

impl FormState {
    pub fn new(event: &Event, now_ms: f64) -> Self {
        Self {
            attendees: vec![Attendee::new()],
            same_as_first: vec![false],
            // One site: nothing to choose.
            location_id: match event.locations.as_slice() {
                [only] => only.id.clone(),
                _ => None,
            },
            started_at_ms: now_ms,
            ..Self::default()
        }
    }

    /// The form as a saved draft left it; `queued` holds the outbox's keys.
    pub fn restore(event: &Event, draft: Option<Draft>, now_ms: f64, queued: &[String]) -> Self {
        let mut s = Self::new(event, now_ms);
        let Some(d) = draft else {
            return s;
        };
        let max = event
            .registration
            .as_ref()
            .map_or(1, |r| r.max_attendees.max(1) as usize);
        if !d.attendees.is_empty() {
            s.attendees = d.attendees.into_iter().take(max).collect();
        }
        s.same_as_first = (0..s.attendees.len())
            .map(|i| i > 0 && d.same_as_first.get(i).copied().unwrap_or(true))
            .collect();
        if let Some(id) = d.location_id.filter(|id| event.location(id).is_some()) {
            s.location_id = Some(id);
        }
        let purposes = event
            .registration
            .as_ref()
            .and_then(|r| r.consent.as_ref())
            .map(|c| c.purposes.as_slice())
            .unwrap_or(&[]);
        s.consents = d
            .consents
            .into_iter()
            .filter(|c| purposes.iter().any(|p| p.id == *c))
            .collect();
        if d.started_at_ms > 0.0 && d.started_at_ms <= now_ms {
            s.started_at_ms = d.started_at_ms;
        }
        if d.sent
            .as_ref()
            .is_some_and(|sent| queued.contains(&sent.key))
        {
            s.phase = Phase::Queued;
        }
        s.sent = d.sent;
        s
    }

    pub fn draft(&self) -> Draft {
        Draft {
            attendees: self.attendees.clone(),
            same_as_first: self.same_as_first.clone(),
            location_id: self.location_id.clone(),
            consents: self.consents.clone(),
            started_at_ms: self.started_at_ms,
            sent: self.sent.clone(),
        }
    }

    pub fn shares_with_first(&self, attendee: usize) -> bool {
        attendee > 0 && self.same_as_first.get(attendee).copied().unwrap_or(false)
    }

    /// The attendees as they will be sent: those "same as attendee 1" take
    /// attendee 1's shared answers.
    pub fn attendees_to_send(&self, event: &Event) -> Vec<Attendee> {
        let shared: Vec<&str> = event
            .registration
            .iter()
            .flat_map(|r| r.fields.iter())
            .filter(|f| f.is_shared())
            .map(|f| f.name.as_str())
            .collect();
        let first = self.attendees.first().cloned().unwrap_or_default();
        self.attendees
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut a = a.clone();
                if self.shares_with_first(i) {
                    for name in &shared {
                        match first.get(*name) {
                            Some(v) => a.insert(name.to_string(), v.clone()),
                            None => a.remove(*name),
                        };
                    }
                }
                a
            })
            .collect()
    }

    /// The registration as it would be sent now, without time stamps.
    pub fn request(&self, event: &Event, lang: Lang) -> RegistrationRequest {
        let consent = event
            .registration
            .as_ref()
            .and_then(|r| r.consent.as_ref())
            .map(|c| ConsentRecord {
                version: c.version.clone(),
                purposes: self.consents.clone(),
                at: String::new(),
            });
        RegistrationRequest {
            event_id: event.id.clone(),
            location_id: self.location_id.clone(),
            locale: Some(lang.tag().to_string()),
            attendees: self.attendees_to_send(event),
            consent,
            widget: Some(WIDGET_ID.to_string()),
            antispam: Some(Antispam {
                honeypot: self.honeypot.clone(),
                elapsed_ms: None,
            }),
        }
    }

    /// Checks the answers as the server will. When they pass: what to send,
    /// the same request and key as last time if the answers are the same,
    /// else a new request stamped `now` with a key from `new_key`.
    pub fn prepare(
        &self,
        event: &Event,
        lang: Lang,
        now_rfc3339: &str,
        now_ms: f64,
        new_key: impl FnOnce() -> String,
    ) -> Result<Sent, Vec<(String, ErrorMessage)>> {
        let clean = validate(event, &self.request(event, lang)).map_err(|errors| {
            self.place(
                event,
                errors
                    .into_iter()
                    .map(|e| (e.pointer.clone(), ErrorMessage::Local(e)))
                    .collect(),
            )
        })?;
        let fingerprint = serde_json::to_string(&clean).unwrap_or_default();
        if let Some(sent) = self.sent.as_ref().filter(|s| s.fingerprint == fingerprint) {
            return Ok(Sent {
                wait_ms: 0,
                ..sent.clone()
            });
        }
        let elapsed = (now_ms - self.started_at_ms).max(0.0) as u64;
        let wait_ms = MIN_FILL_MS.saturating_sub(elapsed);
        let mut request = clean;
        if let Some(c) = request.consent.as_mut() {
            c.at = now_rfc3339.to_string();
        }
        request.antispam = Some(Antispam {
            honeypot: self.honeypot.clone(),
            elapsed_ms: Some(elapsed + wait_ms),
        });
        Ok(Sent {
            fingerprint,
            request,
            key: new_key(),
            wait_ms,
        })
    }

    /// Puts errors where the visitor can see them: an answer taken from
    /// attendee 1 is corrected at attendee 1; one message per place.
    pub fn place(
        &self,
        event: &Event,
        errors: Vec<(String, ErrorMessage)>,
    ) -> Vec<(String, ErrorMessage)> {
        let shared = |name: &str| {
            event
                .registration
                .iter()
                .flat_map(|r| r.fields.iter())
                .any(|f| f.name == name && f.is_shared())
        };
        let mut placed: Vec<(String, ErrorMessage)> = Vec::new();
        for (pointer, message) in errors {
            let parts: Vec<&str> = pointer.splitn(4, '/').collect();
            let pointer = match parts.as_slice() {
                ["", "attendees", i, name]
                    if i.parse::<usize>().is_ok_and(|i| self.shares_with_first(i))
                        && shared(name) =>
                {
                    format!("/attendees/0/{name}")
                }
                _ => pointer,
            };
            if !placed.iter().any(|(p, _)| *p == pointer) {
                placed.push((pointer, message));
            }
        }
        placed
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
            FormAction::AddAttendee { max } => {
                if next.attendees.len() < max {
                    next.attendees.push(Attendee::new());
                    next.same_as_first.resize(next.attendees.len() - 1, false);
                    next.same_as_first.push(true);
                }
            }
            FormAction::RemoveAttendee(i) => {
                if i > 0 && i < next.attendees.len() {
                    next.attendees.remove(i);
                    if i < next.same_as_first.len() {
                        next.same_as_first.remove(i);
                    }
                    // Pointers after it no longer name the same people.
                    next.errors.clear();
                }
            }
            FormAction::SameAsFirst { attendee, on } => {
                if attendee > 0 && attendee < next.attendees.len() {
                    next.same_as_first.resize(next.attendees.len(), false);
                    next.same_as_first[attendee] = on;
                }
            }
            FormAction::Location(id) => next.location_id = Some(id),
            FormAction::Consent { purpose, agreed } => {
                next.consents.retain(|p| *p != purpose);
                if agreed {
                    next.consents.push(purpose);
                }
            }
            FormAction::Honeypot(value) => next.honeypot = value,
            FormAction::Invalid(errors) => {
                next.errors = errors;
                next.error_round += 1;
                next.problem = None;
            }
            FormAction::Sending(sent) => {
                next.errors.clear();
                next.problem = None;
                next.phase = Phase::Sending { attempt: 1 };
                next.sent = Some(*sent);
            }
            FormAction::Attempt(attempt) => next.phase = Phase::Sending { attempt },
            FormAction::Retrying(attempt) => next.phase = Phase::Retrying { attempt },
            FormAction::Queued => next.phase = Phase::Queued,
            FormAction::Rejected(errors) => {
                next.phase = Phase::Editing;
                next.errors = errors;
                next.error_round += 1;
            }
            FormAction::Failed(problem) => {
                next.phase = Phase::Editing;
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
    use regdesk_core::ValidationCode;
    use serde_json::json;

    fn event() -> Event {
        parse_event(&json!({"id": "e", "name": "E", "startDate": "2027-01-01",
            "location": {"id": "yangon", "name": "Yangon"},
            "registration": {"maxAttendees": 3, "consent": {"version": "v1", "purposes": [
                {"id": "processing", "text": "OK", "required": true},
                {"id": "news", "text": "News", "required": false}]}}}))
        .expect("an event")
    }

    fn answer(attendee: usize, field: &str, value: &str) -> FormAction {
        FormAction::Answer {
            attendee,
            field: field.into(),
            value: json!(value),
        }
    }

    /// A form with attendee 1 filled in and the required consent ticked.
    fn filled() -> Rc<FormState> {
        Rc::new(FormState::new(&event(), 1000.0))
            .reduce(answer(0, "fullName", "Aung Kyaw"))
            .reduce(answer(0, "email", "aung@ssb.gov.mm"))
            .reduce(answer(0, "organisation", "Social Security Board"))
            .reduce(answer(0, "country", "MM"))
            .reduce(FormAction::Consent {
                purpose: "processing".into(),
                agreed: true,
            })
    }

    fn key(k: &'static str) -> impl FnOnce() -> String {
        move || k.to_string()
    }

    #[test]
    fn builds_the_request_from_answers() {
        let e = event();
        let s = filled();
        let r = s.request(&e, Lang::Vi);
        assert_eq!(r.location_id.as_deref(), Some("yangon"));
        assert_eq!(r.attendees[0]["fullName"], "Aung Kyaw");
        assert_eq!(
            r.consent.map(|c| c.purposes),
            Some(vec!["processing".into()])
        );
        assert_eq!(r.locale.as_deref(), Some("vi"));
        let blank = FormState::new(&e, 0.0);
        let errors = blank.prepare(&e, Lang::En, "", 0.0, key("k")).unwrap_err();
        assert!(errors.iter().any(|(p, _)| p == "/attendees/0/email"));
        assert!(errors
            .iter()
            .any(|(p, _)| p == "/consent/purposes/processing"));
    }

    #[test]
    fn stamps_consent_time_and_waits_out_the_minimum_time_to_fill() {
        let e = event();
        let sent = filled()
            .prepare(&e, Lang::En, "2026-11-22T10:00:00Z", 2000.0, key("k1"))
            .expect("valid");
        assert_eq!(sent.key, "k1");
        assert_eq!(sent.wait_ms, MIN_FILL_MS - 1000, "began at 1000, now 2000");
        let c = sent.request.consent.as_ref().expect("consent");
        assert_eq!(
            (c.version.as_str(), c.at.as_str()),
            ("v1", "2026-11-22T10:00:00Z")
        );
        assert_eq!(
            sent.request.antispam,
            Some(Antispam {
                honeypot: String::new(),
                elapsed_ms: Some(MIN_FILL_MS)
            }),
            "reported as sent: after the wait"
        );
        let slow = filled()
            .prepare(&e, Lang::En, "", 60_000.0, key("k"))
            .expect("valid");
        assert_eq!(slow.wait_ms, 0);
    }

    #[test]
    fn the_same_answers_keep_their_request_and_key_and_new_ones_get_new() {
        let e = event();
        let s = filled();
        let first = s
            .prepare(&e, Lang::En, "2026-11-22T10:00:00Z", 2000.0, key("k1"))
            .expect("valid");
        let s = s.reduce(FormAction::Sending(Box::new(first.clone())));
        let s = s.reduce(FormAction::Failed(SubmitProblem::Server(500)));
        // Later, another click: same answers, so the same request and key,
        // though the clock moved on.
        let again = s
            .prepare(&e, Lang::En, "2026-11-22T10:05:00Z", 9000.0, key("k2"))
            .expect("valid");
        assert_eq!((again.key.as_str(), again.wait_ms), ("k1", 0));
        assert_eq!(again.request, first.request, "byte for byte the same body");
        // Whitespace the server trims away is not a change either.
        let same = s
            .clone()
            .reduce(answer(0, "fullName", "  Aung Kyaw "))
            .prepare(&e, Lang::En, "", 9000.0, key("k3"))
            .expect("valid");
        assert_eq!(same.key, "k1");
        let changed = s
            .reduce(answer(0, "organisation", "SSB Myanmar"))
            .prepare(&e, Lang::En, "2026-11-22T10:06:00Z", 9000.0, key("k4"))
            .expect("valid");
        assert_eq!(changed.key, "k4");
        assert_eq!(
            changed.request.consent.map(|c| c.at),
            Some("2026-11-22T10:06:00Z".into())
        );
    }

    #[test]
    fn a_group_shares_answers_with_attendee_one() {
        let e = event();
        let s = filled()
            .reduce(FormAction::AddAttendee { max: 3 })
            .reduce(answer(1, "fullName", "Thida Win"))
            .reduce(answer(1, "email", "thida@ssb.gov.mm"))
            .reduce(answer(1, "organisation", "typed before ticking"));
        assert!(s.shares_with_first(1), "on by default");
        let sent = s
            .prepare(&e, Lang::En, "", 9000.0, key("k"))
            .expect("valid");
        let second = &sent.request.attendees[1];
        assert_eq!(second["organisation"], "Social Security Board");
        assert_eq!(second["country"], "MM");
        assert_eq!(second["fullName"], "Thida Win", "never shared");
        let own = s
            .clone()
            .reduce(FormAction::SameAsFirst {
                attendee: 1,
                on: false,
            })
            .reduce(answer(1, "country", "TH"));
        let sent = own
            .prepare(&e, Lang::En, "", 9000.0, key("k"))
            .expect("valid");
        assert_eq!(
            sent.request.attendees[1]["organisation"],
            "typed before ticking"
        );
        assert_eq!(sent.request.attendees[1]["country"], "TH");
        // Up to the maximum, and attendee 1 cannot be removed.
        let s = s
            .reduce(FormAction::AddAttendee { max: 3 })
            .reduce(FormAction::AddAttendee { max: 3 })
            .reduce(FormAction::RemoveAttendee(0));
        assert_eq!(s.attendees.len(), 3);
        let s = s.reduce(FormAction::RemoveAttendee(1));
        assert_eq!((s.attendees.len(), s.same_as_first.len()), (2, 2));
        assert_eq!(s.attendees[1].get("fullName"), None, "the third moved up");
    }

    #[test]
    fn errors_in_shared_answers_are_shown_at_attendee_one_once() {
        let e = event();
        let s = Rc::new(FormState::new(&e, 0.0))
            .reduce(FormAction::AddAttendee { max: 3 })
            .reduce(answer(1, "fullName", "Thida Win"))
            .reduce(answer(1, "email", "thida@ssb.gov.mm"));
        let errors = s.prepare(&e, Lang::En, "", 9000.0, key("k")).unwrap_err();
        let pointers: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/attendees/0/fullName",
                "/attendees/0/email",
                "/attendees/0/organisation",
                "/attendees/0/country",
                "/consent/purposes/processing"
            ],
            "attendee 2's organisation and country are attendee 1's"
        );
        let remote = s.place(
            &e,
            vec![(
                "/attendees/1/organisation".into(),
                ErrorMessage::Remote("No".into()),
            )],
        );
        assert_eq!(remote[0].0, "/attendees/0/organisation");
    }

    #[test]
    fn the_honeypot_is_checked_like_any_answer() {
        let e = event();
        let s = filled().reduce(FormAction::Honeypot("http://spam".into()));
        let errors = s.prepare(&e, Lang::En, "", 9000.0, key("k")).unwrap_err();
        assert!(matches!(
            &errors[0],
            (p, ErrorMessage::Local(fe)) if p == "/antispam/honeypot" && fe.code == ValidationCode::Spam
        ));
    }

    #[test]
    fn phases_of_a_submission() {
        let e = event();
        let s = filled();
        let sent = s
            .prepare(&e, Lang::En, "", 9000.0, key("k"))
            .expect("valid");
        let s = s.reduce(FormAction::Sending(Box::new(sent)));
        assert_eq!(s.phase, Phase::Sending { attempt: 1 });
        assert!(s.phase.busy());
        let s = s
            .reduce(FormAction::Retrying(1))
            .reduce(FormAction::Attempt(2));
        assert_eq!(s.phase, Phase::Sending { attempt: 2 });
        let s = s.reduce(FormAction::Queued);
        assert!(!s.phase.busy() && s.phase == Phase::Queued);
        let s = s.reduce(FormAction::Rejected(vec![(
            "/attendees/0/email".into(),
            ErrorMessage::Remote("Blocked".into()),
        )]));
        assert_eq!(s.phase, Phase::Editing);
        assert_eq!(
            s.error_at("/attendees/0/email").map(|m| m.text(Lang::En)),
            Some("Blocked".into())
        );
        assert_eq!(
            s.answer(0, "fullName"),
            Some(&json!("Aung Kyaw")),
            "input kept"
        );
    }

    #[test]
    fn a_draft_restores_the_form_and_its_key() {
        let e = event();
        let s = filled()
            .reduce(FormAction::AddAttendee { max: 3 })
            .reduce(answer(1, "fullName", "ဒေါ်သီတာ"))
            .reduce(answer(1, "email", "thida@ssb.gov.mm"));
        let sent = s
            .prepare(&e, Lang::En, "", 9000.0, key("k1"))
            .expect("valid");
        let s = s.reduce(FormAction::Sending(Box::new(sent)));
        let text = serde_json::to_string(&s.draft()).expect("json");
        let draft: Draft = serde_json::from_str(&text).expect("a draft");
        let back = FormState::restore(&e, Some(draft.clone()), 50_000.0, &[]);
        assert_eq!(back.attendees, s.attendees);
        assert_eq!(back.same_as_first, vec![false, true]);
        assert_eq!(back.consents, ["processing"]);
        assert_eq!(
            back.started_at_ms, 1000.0,
            "the clock started with the draft"
        );
        assert_eq!(back.phase, Phase::Editing);
        assert_eq!(
            back.prepare(&e, Lang::En, "", 60_000.0, key("k2"))
                .expect("valid")
                .key,
            "k1",
            "resending after a reload reuses the key"
        );
        let queued = FormState::restore(&e, Some(draft), 50_000.0, &["k1".into()]);
        assert_eq!(queued.phase, Phase::Queued);
    }

    #[test]
    fn a_draft_from_elsewhere_is_tamed() {
        let e = event();
        let wild = Draft {
            attendees: vec![Attendee::new(); 9],
            same_as_first: vec![],
            location_id: Some("mars".into()),
            consents: vec!["processing".into(), "sell-my-data".into()],
            started_at_ms: 9e15,
            sent: None,
        };
        let s = FormState::restore(&e, Some(wild), 1000.0, &[]);
        assert_eq!(s.attendees.len(), 3, "at most maxAttendees");
        assert_eq!(s.same_as_first, vec![false, true, true]);
        assert_eq!(s.location_id.as_deref(), Some("yangon"));
        assert_eq!(s.consents, ["processing"]);
        assert_eq!(s.started_at_ms, 1000.0, "a time in the future is ignored");
        assert!(FormState::new(&e, 0.0).draft().is_blank());
        assert!(!filled().draft().is_blank());
    }
}
