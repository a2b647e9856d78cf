//! schema.org `Event` JSON-LD for events a widget shows, so search engines
//! index them (`data-seo="jsonld"`, contract section 1). The output reads back
//! through [`crate::feed::parse_jsonld_blocks`] as the same events.

use serde_json::{json, Map, Value};

use crate::event::{AttendanceMode, Event, EventStatus, EventTime, Location, LocationKind};
use crate::text::LocalizedText;

/// One `{"@context", "@graph"}` document for `events`, texts in `lang`.
pub fn events_document<'a>(events: impl IntoIterator<Item = &'a Event>, lang: &str) -> Value {
    let graph: Vec<Value> = events.into_iter().map(|e| event(e, lang)).collect();
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// JSON text safe to place in a `<script>` element even if the page is later
/// serialised as HTML: `<`, `>` and `&` are written as `\u` escapes.
pub fn script_text(document: &Value) -> String {
    document
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// One event as a schema.org `Event` (or its own `@type`).
pub fn event(event: &Event, lang: &str) -> Value {
    let mut out = Map::new();
    let kind = event.schema_type.as_deref().unwrap_or("Event");
    out.insert("@type".into(), kind.into());
    out.insert("identifier".into(), event.id.as_str().into());
    insert_text(&mut out, "name", &event.name, lang);
    insert_text(&mut out, "description", &event.description, lang);
    out.insert("startDate".into(), time(&event.start).into());
    if let Some(end) = &event.end {
        out.insert("endDate".into(), time(end).into());
    }
    out.insert(
        "eventAttendanceMode".into(),
        format!(
            "https://schema.org/{}",
            attendance_mode(event.attendance_mode)
        )
        .into(),
    );
    out.insert(
        "eventStatus".into(),
        format!("https://schema.org/{}", status(event.status)).into(),
    );
    let locations: Vec<Value> = event.locations.iter().map(|l| location(l, lang)).collect();
    if !locations.is_empty() {
        out.insert("location".into(), locations.into());
    }
    let organizers: Vec<Value> = event
        .organizers
        .iter()
        .map(|o| {
            let mut org = Map::new();
            org.insert("@type".into(), "Organization".into());
            insert_text(&mut org, "name", &o.name, lang);
            if let Some(url) = &o.url {
                org.insert("url".into(), url.as_str().into());
            }
            Value::Object(org)
        })
        .collect();
    if !organizers.is_empty() {
        out.insert("organizer".into(), organizers.into());
    }
    if !event.languages.is_empty() {
        out.insert("inLanguage".into(), event.languages.clone().into());
    }
    if let Some(max) = event.max_capacity {
        out.insert("maximumAttendeeCapacity".into(), max.into());
    }
    if let Some(remaining) = event.remaining_capacity {
        out.insert("remainingAttendeeCapacity".into(), remaining.into());
    }
    if let Some(url) = &event.url {
        out.insert("url".into(), url.as_str().into());
    }
    if let Some(image) = &event.image {
        out.insert("image".into(), image.as_str().into());
    }
    Value::Object(out)
}

fn insert_text(out: &mut Map<String, Value>, key: &str, text: &LocalizedText, lang: &str) {
    let text = text.get(lang);
    if !text.is_empty() {
        out.insert(key.into(), text.into());
    }
}

fn time(t: &EventTime) -> String {
    match t {
        EventTime::DateTime(dt) => dt.to_rfc3339(),
        EventTime::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

fn attendance_mode(mode: AttendanceMode) -> &'static str {
    match mode {
        AttendanceMode::Offline => "OfflineEventAttendanceMode",
        AttendanceMode::Online => "OnlineEventAttendanceMode",
        AttendanceMode::Mixed => "MixedEventAttendanceMode",
    }
}

fn status(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Scheduled => "EventScheduled",
        EventStatus::Cancelled => "EventCancelled",
        EventStatus::Postponed => "EventPostponed",
        EventStatus::Rescheduled => "EventRescheduled",
        EventStatus::MovedOnline => "EventMovedOnline",
    }
}

fn location(l: &Location, lang: &str) -> Value {
    let mut out = Map::new();
    let kind = match l.kind {
        LocationKind::Place => "Place",
        LocationKind::Virtual => "VirtualLocation",
    };
    out.insert("@type".into(), kind.into());
    if let Some(id) = &l.id {
        out.insert("@id".into(), id.as_str().into());
    }
    insert_text(&mut out, "name", &l.name, lang);
    if let Some(a) = &l.address {
        let address = match &a.text {
            Some(text) => Value::String(text.clone()),
            None => {
                let mut postal = Map::new();
                postal.insert("@type".into(), "PostalAddress".into());
                for (key, value) in [
                    ("streetAddress", &a.street),
                    ("addressLocality", &a.locality),
                    ("addressRegion", &a.region),
                    ("postalCode", &a.postal_code),
                    ("addressCountry", &a.country),
                ] {
                    if let Some(v) = value {
                        postal.insert(key.into(), v.as_str().into());
                    }
                }
                Value::Object(postal)
            }
        };
        out.insert("address".into(), address);
    }
    if let Some(url) = &l.url {
        out.insert("url".into(), url.as_str().into());
    }
    if let Some(max) = l.max_capacity {
        out.insert("maximumAttendeeCapacity".into(), max.into());
    }
    if let Some(remaining) = l.remaining_capacity {
        out.insert("remainingAttendeeCapacity".into(), remaining.into());
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{parse_feed, parse_jsonld_blocks};

    const SAMPLE: &str = include_str!("../../demo/catalogue.json");

    /// What JSON-LD keeps of an event: everything but the registration
    /// settings, with texts in one language.
    fn seen(e: &Event, lang: &str) -> Event {
        let one = |t: &LocalizedText| {
            let s = t.get(lang);
            if s.is_empty() {
                LocalizedText::default()
            } else {
                LocalizedText::plain(s)
            }
        };
        let mut e = e.clone();
        e.schema_type.get_or_insert_with(|| "Event".into());
        e.category = None;
        e.time_zone = None;
        e.registration = None;
        e.name = one(&e.name);
        e.description = one(&e.description);
        for l in &mut e.locations {
            l.name = one(&l.name);
        }
        for o in &mut e.organizers {
            o.name = one(&o.name);
            o.id = None;
        }
        e
    }

    #[test]
    fn the_sample_catalogue_reads_back_as_the_same_events() {
        let feed = parse_feed(SAMPLE).expect("sample parses");
        assert!(feed.events.len() >= 5, "a real sample");
        for lang in ["en", "vi"] {
            let doc = events_document(&feed.events, lang);
            let text = script_text(&doc);
            let back = parse_jsonld_blocks([text.as_str()]);
            assert!(back.skipped.is_empty(), "{:?}", back.skipped);
            assert_eq!(back.events.len(), feed.events.len());
            for (orig, read) in feed.events.iter().zip(&back.events) {
                let mut read = read.clone();
                // JSON-LD has no event id property the feed reads: the id
                // travels as `identifier`, the parser keys on `url`.
                assert_eq!(
                    doc["@graph"]
                        .as_array()
                        .and_then(|g| g.iter().find(|v| v["identifier"] == orig.id.as_str()))
                        .map(|v| v["startDate"].clone()),
                    Some(Value::String(time(&orig.start)))
                );
                read.id = orig.id.clone();
                assert_eq!(read, seen(orig, lang), "event {}", orig.id);
            }
        }
    }

    #[test]
    fn texts_are_in_the_widget_language_and_markup_cannot_close_the_script() {
        let feed = parse_feed(
            r#"[{"id": "x", "url": "https://example.org/x",
                 "name": {"en": "Seminar </script><b>", "vi": "Hội thảo"},
                 "startDate": "2027-03-10", "eventAttendanceMode": "OnlineEventAttendanceMode"}]"#,
        )
        .expect("parses");
        let vi = events_document(&feed.events, "vi");
        assert_eq!(vi["@graph"][0]["name"], "Hội thảo");
        assert_eq!(vi["@graph"][0]["startDate"], "2027-03-10");
        assert_eq!(
            vi["@graph"][0]["eventAttendanceMode"],
            "https://schema.org/OnlineEventAttendanceMode"
        );
        let en = script_text(&events_document(&feed.events, "en"));
        assert!(!en.contains("</script>"), "{en}");
        assert!(!en.contains('<'), "{en}");
        let back: Value = serde_json::from_str(&en).expect("still JSON");
        assert_eq!(back["@graph"][0]["name"], "Seminar </script><b>");
    }
}
