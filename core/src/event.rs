//! The event model: what the widget shows and the server registers for.
//! Built from feed entries by [`crate::feed`].

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::form::FormField;
use crate::text::LocalizedText;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    /// The schema.org `@type`, e.g. `EducationEvent`.
    pub schema_type: Option<String>,
    pub category: Option<String>,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub start: EventTime,
    pub end: Option<EventTime>,
    /// The event's own IANA zone; when absent the offset of `start` stands in.
    pub time_zone: Option<String>,
    pub attendance_mode: AttendanceMode,
    pub status: EventStatus,
    pub locations: Vec<Location>,
    pub organizers: Vec<Organizer>,
    /// BCP 47 tags of the languages spoken at the event.
    pub languages: Vec<String>,
    pub max_capacity: Option<u32>,
    pub remaining_capacity: Option<u32>,
    pub url: Option<String>,
    pub image: Option<String>,
    /// `None`: browse only.
    pub registration: Option<RegistrationSettings>,
}

impl Event {
    pub fn location(&self, id: &str) -> Option<&Location> {
        self.locations.iter().find(|l| l.id.as_deref() == Some(id))
    }

    /// Several locations are connection sites, and the visitor picks one.
    pub fn has_connection_sites(&self) -> bool {
        self.locations.len() > 1
    }

    /// The instant the event starts, for sorting and "upcoming".
    pub fn starts_at(&self) -> DateTime<Utc> {
        self.start.instant()
    }

    /// The instant the event is over (end, else start).
    pub fn ends_at(&self) -> DateTime<Utc> {
        match &self.end {
            Some(EventTime::Date(d)) => EventTime::Date(d.succ_opt().unwrap_or(*d)).instant(),
            Some(end) => end.instant(),
            None => match self.start {
                EventTime::Date(d) => EventTime::Date(d.succ_opt().unwrap_or(d)).instant(),
                EventTime::DateTime(_) => self.start.instant(),
            },
        }
    }

    /// The first and last day the event takes place, in its own zone (the
    /// offset its times carry). An end at midnight ends the day before.
    pub fn local_days(&self) -> (NaiveDate, NaiveDate) {
        let first = self.start.local_date();
        let last = match self.end {
            None => first,
            Some(EventTime::Date(d)) => d,
            Some(EventTime::DateTime(dt)) => {
                let day = dt.date_naive();
                if dt.time() == chrono::NaiveTime::MIN && dt.with_timezone(&Utc) > self.starts_at()
                {
                    day.pred_opt().unwrap_or(day)
                } else {
                    day
                }
            }
        };
        (first, last.max(first))
    }

    /// Writes the start and end in `offset`, keeping the instants: for a
    /// feed that gives UTC times but names the event's zone, whose offset
    /// the widget looks up.
    pub fn set_offset(&mut self, offset: FixedOffset) {
        for t in [Some(&mut self.start), self.end.as_mut()]
            .into_iter()
            .flatten()
        {
            if let EventTime::DateTime(dt) = t {
                *dt = dt.with_timezone(&offset);
            }
        }
    }

    /// Countries (ISO 3166-1 alpha-2, upper case) of the event's places.
    pub fn countries(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self
            .locations
            .iter()
            .filter_map(|l| l.address.as_ref()?.country.as_deref())
        {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

/// A start or end: an instant with the offset the feed gave, or a whole day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventTime {
    DateTime(DateTime<FixedOffset>),
    /// All day, in the event's own zone.
    Date(NaiveDate),
}

impl EventTime {
    /// The instant; a date alone counts from midnight UTC.
    pub fn instant(&self) -> DateTime<Utc> {
        match self {
            EventTime::DateTime(dt) => dt.with_timezone(&Utc),
            EventTime::Date(d) => d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        }
    }

    /// The calendar date in the event's own zone (its offset).
    pub fn local_date(&self) -> NaiveDate {
        match self {
            EventTime::DateTime(dt) => dt.date_naive(),
            EventTime::Date(d) => *d,
        }
    }

    pub fn is_all_day(&self) -> bool {
        matches!(self, EventTime::Date(_))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AttendanceMode {
    #[default]
    Offline,
    Online,
    Mixed,
}

impl AttendanceMode {
    /// The contract's short names for `data-mode`: `online`, `offline`, `mixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceMode::Offline => "offline",
            AttendanceMode::Online => "online",
            AttendanceMode::Mixed => "mixed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EventStatus {
    #[default]
    Scheduled,
    Cancelled,
    Postponed,
    Rescheduled,
    MovedOnline,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// Required when an event has several locations (connection sites).
    pub id: Option<String>,
    pub kind: LocationKind,
    pub name: LocalizedText,
    pub address: Option<Address>,
    pub url: Option<String>,
    pub max_capacity: Option<u32>,
    pub remaining_capacity: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationKind {
    Place,
    Virtual,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Address {
    /// An address given as one line of text.
    pub text: Option<String>,
    pub street: Option<String>,
    pub locality: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
}

impl Address {
    /// One line: the text, or street, locality and region joined.
    pub fn one_line(&self) -> String {
        if let Some(text) = &self.text {
            return text.clone();
        }
        [&self.street, &self.locality, &self.region]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Organizer {
    pub id: Option<String>,
    pub name: LocalizedText,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegistrationSettings {
    pub opens: Option<DateTime<FixedOffset>>,
    pub closes: Option<DateTime<FixedOffset>>,
    pub waitlist: bool,
    /// Group size, at least 1.
    pub max_attendees: u32,
    /// The feed's fields, or the default set.
    pub fields: Vec<FormField>,
    pub consent: Option<Consent>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Consent {
    pub version: String,
    pub text: LocalizedText,
    pub purposes: Vec<ConsentPurpose>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsentPurpose {
    pub id: String,
    pub text: LocalizedText,
    pub required: bool,
}
