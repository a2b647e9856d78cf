//! Reading the event feed (contract section 2). One bad entry never breaks
//! the feed: it is skipped and reported, and the rest are kept.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;

use crate::event::{
    Address, AttendanceMode, Consent, ConsentPurpose, Event, EventStatus, EventTime, Location,
    LocationKind, Organizer, RegistrationSettings,
};
use crate::form::{default_fields, FormField};
use crate::text::LocalizedText;

/// The events that could be read, and why the others could not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    pub events: Vec<Event>,
    pub skipped: Vec<SkippedEntry>,
}

/// A feed entry that was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedEntry {
    /// Position in the feed's list of events.
    pub index: usize,
    pub id: Option<String>,
    pub reason: String,
}

/// The feed as a whole could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FeedError {
    #[error("the feed is not JSON: {0}")]
    NotJson(String),
    #[error("the feed holds no list of events (expected an array, {{\"events\": [...]}} or an ItemList)")]
    NoEventList,
}

/// Parses feed text. Only text that is not JSON, or JSON with no list of
/// events in it, is an error; bad entries are skipped.
pub fn parse_feed(text: &str) -> Result<Feed, FeedError> {
    let value: Value = serde_json::from_str(text).map_err(|e| FeedError::NotJson(e.to_string()))?;
    parse_feed_value(&value)
}

/// Parses a feed already read as JSON.
pub fn parse_feed_value(value: &Value) -> Result<Feed, FeedError> {
    let entries = event_list(value).ok_or(FeedError::NoEventList)?;
    let mut feed = Feed::default();
    let mut seen = HashSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let id = entry_id(entry);
        let skip = |reason: String| SkippedEntry {
            index,
            id: id.clone(),
            reason,
        };
        match parse_event(entry) {
            Ok(event) if !seen.insert(event.id.clone()) => {
                feed.skipped.push(skip("duplicate id".to_string()));
            }
            Ok(event) => feed.events.push(event),
            Err(reason) => feed.skipped.push(skip(reason)),
        }
    }
    Ok(feed)
}

/// The entries of a bare array, `{"events": [...]}` or an `ItemList`.
pub fn event_list(value: &Value) -> Option<&Vec<Value>> {
    match value {
        Value::Array(items) => Some(items),
        Value::Object(map) => map
            .get("events")
            .or_else(|| map.get("itemListElement"))
            .and_then(Value::as_array),
        _ => None,
    }
}

/// The `id` (or `@id`) of an entry, when it has one.
pub fn entry_id(entry: &Value) -> Option<String> {
    let id = entry.get("id").or_else(|| entry.get("@id"))?;
    match id {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads one feed entry; the error is the reason it was skipped.
pub fn parse_event(entry: &Value) -> Result<Event, String> {
    // An ItemList's ListItem wraps the event in `item`.
    let entry = match entry.get("item") {
        Some(item) if item.is_object() => item,
        _ => entry,
    };
    if !entry.is_object() {
        return Err("entry is not an object".into());
    }
    let id = entry_id(entry).ok_or("missing id")?;
    if id.chars().count() > MAX_ID {
        return Err(format!("id longer than {MAX_ID} characters"));
    }
    let name = entry
        .get("name")
        .and_then(LocalizedText::from_json)
        .ok_or("missing name")?
        .truncated(MAX_NAME);
    let start = match entry.get("startDate") {
        None => return Err("missing startDate".into()),
        Some(v) => {
            event_time(v).ok_or("invalid startDate (ISO 8601 with a UTC offset, or a date)")?
        }
    };
    let end = match entry.get("endDate") {
        None | Some(Value::Null) => None,
        Some(v) => Some(event_time(v).ok_or("invalid endDate")?),
    };
    if end.is_some_and(|e| e.instant() < start.instant()) {
        return Err("endDate is before startDate".into());
    }
    let locations = one_or_many(entry.get("location"))
        .filter_map(location)
        .collect::<Vec<_>>();
    if locations.len() > 1 && locations.iter().any(|l| l.id.is_none()) {
        return Err("each of several locations needs an id".into());
    }
    Ok(Event {
        id,
        schema_type: string(entry.get("@type")),
        category: string(entry.get("category")).map(|mut c| {
            crate::text::cut(&mut c, MAX_SHORT);
            c
        }),
        name,
        description: entry
            .get("description")
            .and_then(LocalizedText::from_json)
            .unwrap_or_default()
            .truncated(MAX_DESCRIPTION),
        start,
        end,
        time_zone: string(entry.get("timeZone")).filter(|z| plausible_zone(z)),
        attendance_mode: attendance_mode(entry.get("eventAttendanceMode"), &locations),
        status: event_status(entry.get("eventStatus")),
        locations,
        organizers: one_or_many(entry.get("organizer"))
            .filter_map(organizer)
            .collect(),
        languages: one_or_many(entry.get("inLanguage"))
            .filter_map(|v| string(Some(v)))
            .filter(|l| l.len() <= 35)
            .take(20)
            .collect(),
        max_capacity: count(entry.get("maximumAttendeeCapacity")),
        remaining_capacity: count(entry.get("remainingAttendeeCapacity")),
        url: web_url(entry.get("url")),
        image: web_url(one_or_many(entry.get("image")).next()),
        registration: entry.get("registration").and_then(registration),
    })
}

/// Longest `id` accepted: ids go into links and the URL hash.
const MAX_ID: usize = 200;
/// Longest name kept (event, place, organiser); longer ones are cut.
const MAX_NAME: usize = 300;
/// Longest category kept.
const MAX_SHORT: usize = 100;
/// Longest description kept: about 8,000 words.
const MAX_DESCRIPTION: usize = 50_000;

fn one_or_many(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    let items: &[Value] = match value {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => &[],
        Some(one) => std::slice::from_ref(one),
    };
    items.iter()
}

fn string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A non-negative whole number (a float with no fraction, or numeric text, is accepted).
fn count(value: Option<&Value>) -> Option<u32> {
    match value? {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                    .map(|f| f as u64)
            })
            .map(|n| n.min(u64::from(u32::MAX)) as u32),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn web_url(value: Option<&Value>) -> Option<String> {
    let url = match value? {
        Value::Object(o) => string(o.get("url").or_else(|| o.get("@id"))),
        v => string(Some(v)),
    }?;
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

/// An instant with an offset, or a date alone (all day).
pub fn event_time(value: &Value) -> Option<EventTime> {
    let s = value.as_str()?.trim();
    if let Some(dt) = date_time(s) {
        return Some(EventTime::DateTime(dt));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(EventTime::Date)
}

/// RFC 3339, also without seconds (`2027-03-10T09:00+07:00`).
pub fn date_time(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z"))
        .ok()
}

/// An IANA zone name looks like `Area/City` (or `UTC`); the widget checks it
/// against the browser's own zone data.
fn plausible_zone(zone: &str) -> bool {
    zone.len() <= 64
        && (zone == "UTC"
            || (zone.contains('/')
                && zone
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))))
}

fn short_schema_name(value: &str) -> &str {
    value.rsplit('/').next().unwrap_or(value)
}

fn attendance_mode(value: Option<&Value>, locations: &[Location]) -> AttendanceMode {
    match string(value).as_deref().map(short_schema_name) {
        Some("OnlineEventAttendanceMode") => AttendanceMode::Online,
        Some("MixedEventAttendanceMode") => AttendanceMode::Mixed,
        Some("OfflineEventAttendanceMode") => AttendanceMode::Offline,
        // Unstated: judge by the locations.
        _ => {
            let online = locations.iter().any(|l| l.kind == LocationKind::Virtual);
            let offline = locations.iter().any(|l| l.kind == LocationKind::Place);
            match (online, offline) {
                (true, true) => AttendanceMode::Mixed,
                (true, false) => AttendanceMode::Online,
                _ => AttendanceMode::Offline,
            }
        }
    }
}

fn event_status(value: Option<&Value>) -> EventStatus {
    match string(value).as_deref().map(short_schema_name) {
        Some("EventCancelled") => EventStatus::Cancelled,
        Some("EventPostponed") => EventStatus::Postponed,
        Some("EventRescheduled") => EventStatus::Rescheduled,
        Some("EventMovedOnline") => EventStatus::MovedOnline,
        _ => EventStatus::Scheduled,
    }
}

fn location(value: &Value) -> Option<Location> {
    if let Value::String(text) = value {
        // A bare string is a place's name or address.
        return Some(Location {
            id: None,
            kind: LocationKind::Place,
            name: LocalizedText::plain(text.trim()).truncated(MAX_NAME),
            address: None,
            url: None,
            max_capacity: None,
            remaining_capacity: None,
        });
    }
    let kind = match string(value.get("@type")).as_deref().map(short_schema_name) {
        Some("VirtualLocation") => LocationKind::Virtual,
        _ => LocationKind::Place,
    };
    let address = match value.get("address") {
        Some(Value::String(text)) => Some(Address {
            text: Some(text.clone()),
            ..Address::default()
        }),
        Some(a @ Value::Object(_)) => Some(Address {
            text: None,
            street: string(a.get("streetAddress")),
            locality: string(a.get("addressLocality")),
            region: string(a.get("addressRegion")),
            postal_code: string(a.get("postalCode")),
            country: country_code(a.get("addressCountry")),
        }),
        _ => None,
    };
    let name = value
        .get("name")
        .and_then(LocalizedText::from_json)
        .unwrap_or_default()
        .truncated(MAX_NAME);
    if name.is_empty() && address.is_none() && kind == LocationKind::Place {
        return None;
    }
    Some(Location {
        id: entry_id(value),
        kind,
        name,
        address,
        url: web_url(value.get("url")),
        max_capacity: count(value.get("maximumAttendeeCapacity")),
        remaining_capacity: count(value.get("remainingAttendeeCapacity")),
    })
}

/// ISO 3166-1 alpha-2, from a string or a schema.org `Country` with a `name`.
fn country_code(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::Object(o) => string(o.get("name")),
        v => string(Some(v)),
    }?;
    let code = text.to_ascii_uppercase();
    crate::country::is_known(&code).then_some(code)
}

fn organizer(value: &Value) -> Option<Organizer> {
    match value {
        Value::String(name) => Some(Organizer {
            id: None,
            name: LocalizedText::plain(name.trim()).truncated(MAX_NAME),
            url: None,
        }),
        Value::Object(_) => Some(Organizer {
            id: entry_id(value).filter(|id| id.len() <= MAX_ID),
            name: value
                .get("name")
                .and_then(LocalizedText::from_json)?
                .truncated(MAX_NAME),
            url: web_url(value.get("url")),
        }),
        _ => None,
    }
}

fn registration(value: &Value) -> Option<RegistrationSettings> {
    if !value.is_object() {
        return None;
    }
    let fields: Vec<FormField> = match value.get("fields").and_then(Value::as_array) {
        Some(list) => {
            let mut names = HashSet::new();
            list.iter()
                .filter_map(FormField::from_json)
                .filter(|f| names.insert(f.name.clone()))
                .collect()
        }
        None => Vec::new(),
    };
    Some(RegistrationSettings {
        opens: string(value.get("opens")).and_then(|s| date_time(&s)),
        closes: string(value.get("closes")).and_then(|s| date_time(&s)),
        waitlist: value
            .get("waitlist")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        max_attendees: count(value.get("maxAttendees")).unwrap_or(1).clamp(1, 50),
        fields: if fields.is_empty() {
            default_fields()
        } else {
            fields
        },
        consent: value.get("consent").and_then(consent),
    })
}

fn consent(value: &Value) -> Option<Consent> {
    let purposes = value
        .get("purposes")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|p| {
                    Some(ConsentPurpose {
                        id: string(p.get("id"))?,
                        text: p.get("text").and_then(LocalizedText::from_json)?,
                        required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Consent {
        version: match value.get("version") {
            Some(Value::Number(n)) => n.to_string(),
            v => string(v)?,
        },
        text: value
            .get("text")
            .and_then(LocalizedText::from_json)
            .unwrap_or_default(),
        purposes,
    })
}

/// Events among schema.org JSON-LD blocks (the text of a page's
/// `<script type="application/ld+json">`), including those in `@graph`. An
/// event with no `id`/`@id` is known by its `url`. Blocks that are not JSON
/// are counted as skipped.
pub fn parse_jsonld_blocks<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Feed {
    fn collect(value: &Value, out: &mut Vec<Value>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    collect(graph, out);
                }
                let is_event = one_or_many(map.get("@type"))
                    .filter_map(Value::as_str)
                    .any(|t| {
                        short_schema_name(t).ends_with("Event")
                            || short_schema_name(t) == "CourseInstance"
                    });
                if is_event {
                    let mut entry = value.clone();
                    if entry_id(&entry).is_none() {
                        if let Some(url) = map.get("url").cloned() {
                            entry["id"] = url;
                        }
                    }
                    out.push(entry);
                }
            }
            _ => {}
        }
    }
    let mut entries = Vec::new();
    let mut broken = Vec::new();
    for (index, block) in blocks.into_iter().enumerate() {
        match serde_json::from_str::<Value>(block) {
            Ok(v) => collect(&v, &mut entries),
            Err(e) => broken.push(SkippedEntry {
                index,
                id: None,
                reason: format!("JSON-LD block is not JSON: {e}"),
            }),
        }
    }
    let mut feed = parse_feed_value(&Value::Array(entries)).unwrap_or_default();
    feed.skipped.extend(broken);
    feed
}

/// The date the sample catalogue in `demo/` was written for.
pub const SAMPLE_AS_OF: &str = "2026-11-22";

/// Moves every `startDate`, `endDate`, `opens` and `closes` in a feed by
/// `days`, keeping times of day and offsets. Demos and tests use it to keep a
/// sample catalogue in the future: shift by the days since it was written.
pub fn shift_dates(value: &mut Value, days: i64) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| shift_dates(v, days)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let is_date = matches!(key.as_str(), "startDate" | "endDate" | "opens" | "closes");
                match v {
                    Value::String(s) if is_date => {
                        if let Some(shifted) = shift_one(s, days) {
                            *s = shifted;
                        }
                    }
                    _ => shift_dates(v, days),
                }
            }
        }
        _ => {}
    }
}

fn shift_one(s: &str, days: i64) -> Option<String> {
    let delta = chrono::Duration::try_days(days)?;
    if let Some(dt) = date_time(s) {
        return Some((dt + delta).to_rfc3339());
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some((d + delta).format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal(id: &str) -> Value {
        json!({"id": id, "name": "Board meeting", "startDate": "2026-12-09T09:00:00+07:00"})
    }

    #[test]
    fn accepts_the_three_list_shapes() {
        let bare = json!([minimal("a")]);
        let wrapped = json!({"events": [minimal("a")]});
        let item_list = json!({"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "item": minimal("a")}
        ]});
        for v in [bare, wrapped, item_list] {
            let feed = parse_feed_value(&v).unwrap();
            assert_eq!(feed.events.len(), 1, "{v}");
            assert_eq!(feed.events[0].id, "a");
        }
        assert_eq!(parse_feed("{\"x\": 1}"), Err(FeedError::NoEventList));
        assert!(matches!(parse_feed("<html>"), Err(FeedError::NotJson(_))));
    }

    #[test]
    fn skips_bad_entries_and_says_why() {
        let feed = parse_feed_value(&json!([
            minimal("ok"),
            {"name": "no id", "startDate": "2026-12-09"},
            {"id": "no-start", "name": "x"},
            {"id": "bad-date", "name": "x", "startDate": "next tuesday"},
            minimal("ok"),
            42,
            {"id": "backwards", "name": "x", "startDate": "2026-12-09", "endDate": "2026-12-01"},
        ]))
        .unwrap();
        assert_eq!(feed.events.len(), 1);
        let reasons: Vec<_> = feed
            .skipped
            .iter()
            .map(|s| (s.index, s.reason.as_str()))
            .collect();
        assert_eq!(reasons[0], (1, "missing id"));
        assert_eq!(reasons[1], (2, "missing startDate"));
        assert!(reasons[2].1.starts_with("invalid startDate"));
        assert_eq!(reasons[3], (4, "duplicate id"));
        assert_eq!(reasons[4], (5, "entry is not an object"));
        assert_eq!(reasons[5], (6, "endDate is before startDate"));
    }

    #[test]
    fn reads_a_hybrid_event_in_full() {
        let entry = json!({
            "@id": "assa-board", "@type": "BusinessEvent", "category": "meeting",
            "name": {"en": "Board meeting", "vi": "Họp Ban Chấp hành"},
            "startDate": "2026-12-09T14:00:00+07:00", "endDate": "2026-12-09T17:00+07:00",
            "timeZone": "Asia/Ho_Chi_Minh",
            "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": [
                {"@type": "Place", "id": "hanoi", "name": "Hà Nội", "maximumAttendeeCapacity": 40,
                 "address": {"@type": "PostalAddress", "addressLocality": "Hà Nội", "addressCountry": "vn"}},
                {"@type": "Place", "id": "vientiane", "name": "Vientiane", "address": {"addressCountry": "LA"}},
                {"@type": "VirtualLocation", "id": "online", "url": "https://meet.example.org/x"}
            ],
            "organizer": [{"id": "vss", "name": "Viet Nam Social Security"}, "ASSA"],
            "inLanguage": ["en", "vi"],
            "registration": {"waitlist": true, "maxAttendees": 3, "closes": "2026-12-01T00:00:00Z",
                "consent": {"version": "2026-01", "purposes": [{"id": "processing", "text": "OK", "required": true}]}}
        });
        let e = parse_event(&entry).unwrap();
        assert_eq!(e.id, "assa-board");
        assert_eq!(e.attendance_mode, AttendanceMode::Mixed);
        assert_eq!(e.locations.len(), 3);
        assert_eq!(e.countries(), ["VN", "LA"]);
        assert_eq!(e.location("online").unwrap().kind, LocationKind::Virtual);
        assert_eq!(e.organizers.len(), 2);
        let reg = e.registration.unwrap();
        assert_eq!(reg.max_attendees, 3);
        assert_eq!(reg.fields.len(), 6, "default fields");
        assert_eq!(reg.consent.unwrap().purposes[0].id, "processing");
    }

    #[test]
    fn shifts_every_date_by_whole_days() {
        let mut v = json!({"events": [{"startDate": "2026-12-31T09:00:00+06:30", "endDate": "2027-01-01",
            "name": "2026-12-31", "registration": {"opens": "2026-11-01T00:00:00Z", "closes": "bad"}}]});
        shift_dates(&mut v, 2);
        let e = &v["events"][0];
        assert_eq!(e["startDate"], "2027-01-02T09:00:00+06:30");
        assert_eq!(e["endDate"], "2027-01-03");
        assert_eq!(e["name"], "2026-12-31", "other text untouched");
        assert_eq!(e["registration"]["opens"], "2026-11-03T00:00:00+00:00");
        assert_eq!(e["registration"]["closes"], "bad");
    }

    #[test]
    fn finds_events_in_json_ld_blocks() {
        let page = [
            r#"{"@context": "https://schema.org", "@type": "Organization", "name": "VSS"}"#,
            r#"{"@context": "https://schema.org", "@graph": [
                {"@type": "EducationEvent", "name": "Course", "startDate": "2027-01-10", "url": "https://x.example/c"},
                {"@type": "WebPage", "name": "Page"}]}"#,
            r#"[{"@type": "Event", "@id": "e1", "name": "Seminar", "startDate": "2027-02-01T09:00:00+07:00"}]"#,
            "{broken",
        ];
        let feed = parse_jsonld_blocks(page);
        let ids: Vec<_> = feed.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["https://x.example/c", "e1"]);
        assert_eq!(feed.skipped.len(), 1);
    }

    #[test]
    fn several_locations_need_ids() {
        let mut entry = minimal("x");
        entry["location"] = json!([{"name": "A"}, {"name": "B"}]);
        assert_eq!(
            parse_event(&entry).unwrap_err(),
            "each of several locations needs an id"
        );
    }

    #[test]
    fn all_day_and_yangon_offsets() {
        let mut entry = minimal("x");
        entry["startDate"] = json!("2027-03-10");
        assert!(parse_event(&entry).unwrap().start.is_all_day());
        entry["startDate"] = json!("2027-03-10T09:00:00+06:30");
        let e = parse_event(&entry).unwrap();
        assert_eq!(e.starts_at().to_rfc3339(), "2027-03-10T02:30:00+00:00");
    }

    #[test]
    fn wrong_types_never_fail_the_entry_when_optional() {
        let mut entry = minimal("x");
        for (k, v) in [
            ("location", json!(7)),
            ("organizer", json!(true)),
            ("url", json!("javascript:alert(1)")),
            ("maximumAttendeeCapacity", json!(-3)),
            ("registration", json!("yes")),
            ("timeZone", json!("<script>")),
        ] {
            entry[k] = v;
        }
        let e = parse_event(&entry).unwrap();
        assert!(e.locations.is_empty() && e.organizers.is_empty());
        assert_eq!(
            (e.url, e.max_capacity, e.registration, e.time_zone),
            (None, None, None, None)
        );
    }
}
