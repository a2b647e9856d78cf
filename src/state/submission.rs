//! What an endpoint's answer means (contract section 3), as a pure function.

use serde::{Deserialize, Serialize};

use crate::state::Confirmation;

/// `data-endpoint-format`: how a registration travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndpointFormat {
    /// JSON, with the `Idempotency-Key` header.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded` with the key in the body: a
    /// "simple" request, so no CORS preflight.
    Form,
}

impl EndpointFormat {
    pub fn from_attr(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            Some(v) if v.eq_ignore_ascii_case("form") => Self::Form,
            _ => Self::Json,
        }
    }
}

/// Why a submission did not succeed (other than answers to correct).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmitProblem {
    /// Not sent, and this browser cannot keep it in the outbox.
    Network,
    AlreadyRegistered,
    Closed,
    UnknownEvent,
    Full,
    /// Any other answer: the status.
    Server(u16),
}

impl SubmitProblem {
    /// The `code` of the `regdesk:error` DOM event.
    pub fn code(&self) -> String {
        match self {
            SubmitProblem::Network => "network".into(),
            SubmitProblem::AlreadyRegistered => "already-registered".into(),
            SubmitProblem::Closed => "closed".into(),
            SubmitProblem::UnknownEvent => "unknown-event".into(),
            SubmitProblem::Full => "full".into(),
            SubmitProblem::Server(status) => format!("http-{status}"),
        }
    }

    /// Whether sending the same registration again may work.
    pub fn can_retry(&self) -> bool {
        matches!(self, SubmitProblem::Server(_) | SubmitProblem::Network)
    }
}

/// The endpoint's answer, judged.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// A 2xx: registered (or a replay of a registration already made).
    Done(Confirmation),
    /// 422 with `errors[].pointer` and `detail`.
    Rejected(Vec<(String, String)>),
    /// Worth trying again with the same key.
    Transient,
    Failed(SubmitProblem),
}

#[derive(Deserialize)]
struct Created {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
struct Problem {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    errors: Vec<ProblemField>,
}

#[derive(Deserialize)]
struct ProblemField {
    #[serde(default)]
    pointer: String,
    #[serde(default)]
    detail: String,
}

/// What `status` and `body` mean for a registration for `event_id`.
pub fn judge(event_id: &str, location_id: Option<&str>, status: u16, body: &str) -> Verdict {
    let problem = || serde_json::from_str::<Problem>(body).ok();
    let code = || problem().and_then(|p| p.code);
    match status {
        200..=299 => {
            let created = serde_json::from_str::<Created>(body).ok();
            let status = created
                .as_ref()
                .and_then(|c| c.status.clone())
                .filter(|s| ["confirmed", "waitlisted", "pending"].contains(&s.as_str()))
                .unwrap_or_else(|| "pending".into());
            Verdict::Done(Confirmation {
                event_id: event_id.to_string(),
                reference: created.map(|c| c.reference).unwrap_or_default(),
                status,
                location_id: location_id.map(str::to_string),
            })
        }
        408 | 429 | 502 | 503 | 504 => Verdict::Transient,
        422 => match problem().filter(|p| !p.errors.is_empty()) {
            Some(p) => Verdict::Rejected(
                p.errors
                    .into_iter()
                    .map(|e| (e.pointer, e.detail))
                    .collect(),
            ),
            None => Verdict::Failed(SubmitProblem::Server(422)),
        },
        409 => match code().as_deref() {
            // The same key is still being processed elsewhere: ask again later.
            Some("in-flight") => Verdict::Transient,
            Some("full") => Verdict::Failed(SubmitProblem::Full),
            _ => Verdict::Failed(SubmitProblem::AlreadyRegistered),
        },
        410 => Verdict::Failed(SubmitProblem::Closed),
        404 => Verdict::Failed(SubmitProblem::UnknownEvent),
        status => Verdict::Failed(SubmitProblem::Server(status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_only_on_2xx() {
        let ok = judge(
            "e",
            Some("hanoi"),
            201,
            r#"{"reference": "RD-1", "status": "waitlisted"}"#,
        );
        assert_eq!(
            ok,
            Verdict::Done(Confirmation {
                event_id: "e".into(),
                reference: "RD-1".into(),
                status: "waitlisted".into(),
                location_id: Some("hanoi".into()),
            })
        );
        let Verdict::Done(replay) = judge("e", None, 200, "<html>thanks</html>") else {
            panic!("a 200 is a success");
        };
        assert_eq!(
            (replay.reference.as_str(), replay.status.as_str()),
            ("", "pending")
        );
        assert_eq!(
            judge("e", None, 302, ""),
            Verdict::Failed(SubmitProblem::Server(302))
        );
    }

    #[test]
    fn transient_answers_are_retried() {
        for status in [408, 429, 502, 503, 504] {
            assert_eq!(judge("e", None, status, ""), Verdict::Transient, "{status}");
        }
        assert_eq!(
            judge("e", None, 409, r#"{"code": "in-flight"}"#),
            Verdict::Transient
        );
        assert_eq!(
            judge("e", None, 500, ""),
            Verdict::Failed(SubmitProblem::Server(500))
        );
    }

    #[test]
    fn problems_are_told_apart() {
        assert_eq!(
            judge("e", None, 409, r#"{"code": "full"}"#),
            Verdict::Failed(SubmitProblem::Full)
        );
        assert_eq!(
            judge("e", None, 409, r#"{"code": "already-registered"}"#),
            Verdict::Failed(SubmitProblem::AlreadyRegistered)
        );
        assert_eq!(
            judge("e", None, 409, "not json"),
            Verdict::Failed(SubmitProblem::AlreadyRegistered)
        );
        assert_eq!(
            judge("e", None, 410, ""),
            Verdict::Failed(SubmitProblem::Closed)
        );
        assert_eq!(
            judge("e", None, 404, ""),
            Verdict::Failed(SubmitProblem::UnknownEvent)
        );
        assert_eq!(
            judge(
                "e",
                None,
                422,
                r#"{"errors": [{"pointer": "/attendees/0/email", "detail": "Bad"}]}"#
            ),
            Verdict::Rejected(vec![("/attendees/0/email".into(), "Bad".into())])
        );
        assert_eq!(
            judge("e", None, 422, r#"{"code": "idempotency-key-reused"}"#),
            Verdict::Failed(SubmitProblem::Server(422))
        );
        assert_eq!(SubmitProblem::Server(500).code(), "http-500");
        assert!(!SubmitProblem::Closed.can_retry());
    }

    #[test]
    fn reads_the_format_attribute() {
        assert_eq!(
            EndpointFormat::from_attr(Some(" FORM ")),
            EndpointFormat::Form
        );
        assert_eq!(EndpointFormat::from_attr(Some("xml")), EndpointFormat::Json);
        assert_eq!(EndpointFormat::from_attr(None), EndpointFormat::Json);
    }
}
