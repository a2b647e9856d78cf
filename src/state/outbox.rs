//! The outbox: registrations that could not be sent yet, kept in the browser
//! (localStorage, one list per endpoint) and sent again when the connection
//! returns or the page is next opened. Each keeps its Idempotency-Key and its
//! exact request, so a resend the endpoint already stored is a harmless
//! replay: delivered once, never twice.
//!
//! Only what sending needs is kept, and an entry is removed as soon as the
//! endpoint has answered it (or after [`MAX_AGE_MS`]).

use regdesk_core::RegistrationRequest;
use serde::{Deserialize, Serialize};

use super::submission::{EndpointFormat, SubmitProblem};
use super::Confirmation;

/// Entries older than this are dropped unsent: a month.
pub const MAX_AGE_MS: f64 = 30.0 * 24.0 * 3600.0 * 1000.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    pub key: String,
    pub format: EndpointFormat,
    /// Exactly what was sent the first time.
    pub request: RegistrationRequest,
    /// The event's name in the visitor's language, for the notice.
    pub event_name: String,
    pub queued_at_ms: f64,
    /// Not to be sent before this time by the timer (backoff); a page load,
    /// the `online` event or "Try now" sends sooner.
    pub not_before_ms: f64,
    /// Never to be sent before this time: the endpoint's `Retry-After`.
    #[serde(default)]
    pub hold_until_ms: f64,
    /// Rounds of tries made from the outbox.
    pub rounds: u32,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<OutboxEntry>,
}

impl Outbox {
    /// Reads the stored list; anything unreadable is dropped, never fatal.
    pub fn parse(text: Option<&str>) -> Self {
        let Some(value) = text.and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        else {
            return Self::default();
        };
        let entries = value
            .get("entries")
            .and_then(|e| e.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| serde_json::from_value(i.clone()).ok())
                    .collect()
            })
            .unwrap_or_default();
        Self { entries }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"entries":[]}"#.into())
    }

    /// Adds `entry`, replacing one with the same key and the one it
    /// `replaces` (the same form sent again with changed answers).
    pub fn put(&mut self, entry: OutboxEntry, replaces: Option<&str>) {
        self.entries
            .retain(|e| e.key != entry.key && Some(e.key.as_str()) != replaces);
        self.entries.push(entry);
    }

    pub fn remove(&mut self, key: &str) -> Option<OutboxEntry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i))
    }

    pub fn get(&self, key: &str) -> Option<&OutboxEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Entries that may be sent at `now_ms`: those whose backoff is over, or
    /// all of them when `eager` (page load, `online`, "Try now"), but never
    /// one the endpoint asked to wait for.
    pub fn due(&self, now_ms: f64, eager: bool) -> Vec<OutboxEntry> {
        self.entries
            .iter()
            .filter(|e| e.hold_until_ms <= now_ms && (eager || e.not_before_ms <= now_ms))
            .cloned()
            .collect()
    }

    /// When the next entry falls due, if any waits.
    pub fn next_due_ms(&self) -> Option<f64> {
        self.entries
            .iter()
            .map(|e| e.not_before_ms.max(e.hold_until_ms))
            .min_by(|a, b| a.total_cmp(b))
    }

    /// After a round of tries failed: not before `now_ms + delay_ms`, nor
    /// within `hold_ms` (the endpoint's `Retry-After`).
    pub fn postpone(&mut self, key: &str, now_ms: f64, delay_ms: u64, hold_ms: u64) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.key == key) {
            e.rounds += 1;
            e.not_before_ms = now_ms + delay_ms as f64;
            e.hold_until_ms = now_ms + hold_ms as f64;
        }
    }

    /// Drops entries older than [`MAX_AGE_MS`]; returns them.
    pub fn expire(&mut self, now_ms: f64) -> Vec<OutboxEntry> {
        let (old, kept): (Vec<_>, Vec<_>) = self
            .entries
            .drain(..)
            .partition(|e| now_ms - e.queued_at_ms > MAX_AGE_MS);
        self.entries = kept;
        old
    }
}

/// What became of a queued registration, told to the visitor.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxNotice {
    pub key: String,
    pub event_id: String,
    pub event_name: String,
    pub outcome: OutboxOutcome,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OutboxOutcome {
    Delivered(Confirmation),
    /// The endpoint refused it: a problem, or 422 pointers and details.
    Refused {
        problem: Option<SubmitProblem>,
        errors: Vec<(String, String)>,
    },
}

/// The notices not yet dismissed, newest last.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Notices {
    pub list: Vec<OutboxNotice>,
}

pub enum NoticeAction {
    Add(OutboxNotice),
    Dismiss(String),
}

impl yew::Reducible for Notices {
    type Action = NoticeAction;

    fn reduce(self: std::rc::Rc<Self>, action: NoticeAction) -> std::rc::Rc<Self> {
        let mut next = (*self).clone();
        match action {
            NoticeAction::Add(n) => {
                next.list.retain(|o| o.key != n.key);
                next.list.push(n);
            }
            NoticeAction::Dismiss(key) => next.list.retain(|o| o.key != key),
        }
        std::rc::Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regdesk_core::Attendee;

    fn entry(key: &str, not_before_ms: f64) -> OutboxEntry {
        OutboxEntry {
            key: key.into(),
            format: EndpointFormat::Json,
            request: RegistrationRequest {
                event_id: "e".into(),
                location_id: None,
                locale: Some("lo".into()),
                attendees: vec![Attendee::new()],
                consent: None,
                widget: None,
                antispam: None,
            },
            event_name: "E".into(),
            queued_at_ms: 1000.0,
            not_before_ms,
            hold_until_ms: 0.0,
            rounds: 0,
        }
    }

    #[test]
    fn survives_storage_and_skips_what_it_cannot_read() {
        let mut o = Outbox::default();
        o.put(entry("a", 0.0), None);
        let text = o.to_json();
        assert_eq!(Outbox::parse(Some(&text)), o);
        let damaged = text.replace(r#""entries":["#, r#""entries":[{"key": 3},"#);
        assert_eq!(Outbox::parse(Some(&damaged)), o, "the bad entry is skipped");
        assert_eq!(Outbox::parse(Some("{nope")), Outbox::default());
        assert_eq!(Outbox::parse(None), Outbox::default());
    }

    #[test]
    fn one_entry_per_key_and_a_resent_form_replaces_its_old_one() {
        let mut o = Outbox::default();
        o.put(entry("a", 0.0), None);
        o.put(entry("a", 5.0), None);
        assert_eq!(o.entries.len(), 1);
        o.put(entry("b", 0.0), Some("a"));
        assert_eq!(
            o.entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["b"]
        );
        assert_eq!(o.remove("b").map(|e| e.key), Some("b".into()));
        assert_eq!(o.remove("b"), None, "removed once");
    }

    #[test]
    fn due_postpone_and_expire() {
        let mut o = Outbox::default();
        o.put(entry("now", 0.0), None);
        o.put(entry("later", 10_000.0), None);
        let due: Vec<_> = o.due(5000.0, false).into_iter().map(|e| e.key).collect();
        assert_eq!(due, ["now"]);
        assert_eq!(o.due(5000.0, true).len(), 2, "a page load sends all");
        assert_eq!(o.next_due_ms(), Some(0.0));
        o.postpone("now", 5000.0, 20_000, 0);
        assert_eq!(
            o.get("now").map(|e| (e.rounds, e.not_before_ms)),
            Some((1, 25_000.0))
        );
        assert_eq!(o.next_due_ms(), Some(10_000.0));
        o.postpone("later", 5000.0, 1000, 60_000);
        assert_eq!(
            o.due(30_000.0, true)
                .into_iter()
                .map(|e| e.key)
                .collect::<Vec<_>>(),
            ["now"],
            "Retry-After holds even an eager send"
        );
        assert_eq!(o.next_due_ms(), Some(25_000.0));
        assert!(o.expire(1000.0 + MAX_AGE_MS).is_empty());
        assert_eq!(o.expire(1001.0 + MAX_AGE_MS).len(), 2);
        assert!(o.entries.is_empty());
    }
}
