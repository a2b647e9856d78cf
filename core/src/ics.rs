//! "Add to calendar": an iCalendar file (RFC 5545) and Google and Outlook
//! calendar links for an event. Times are written in UTC, so they are right
//! whatever the event's or the visitor's zone; all-day events are dates.

use chrono::{DateTime, Utc};

use crate::event::{Event, EventStatus, EventTime, LocationKind};

/// Where the event takes place, as one line in `lang`.
fn location_line(event: &Event, lang: &str) -> String {
    event
        .locations
        .iter()
        .map(|l| {
            let name = l.name.get(lang);
            let address = l.address.as_ref().map(|a| {
                let mut parts = vec![a.one_line()];
                parts.extend(a.country.clone());
                parts.retain(|p| !p.is_empty());
                parts.join(", ")
            });
            let online = (l.kind == LocationKind::Virtual)
                .then(|| l.url.clone().unwrap_or_else(|| "Online".into()));
            [Some(name.to_string()), address, online]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Start and end as iCalendar values: UTC instants, or dates for all-day
/// events (the end date is exclusive, as RFC 5545 wants).
fn span(event: &Event) -> (String, String, bool) {
    match (event.start, event.end) {
        (EventTime::Date(start), end) => {
            let last = match end {
                Some(EventTime::Date(d)) => d,
                Some(EventTime::DateTime(dt)) => dt.date_naive(),
                None => start,
            };
            let after = last.succ_opt().unwrap_or(last);
            (
                start.format("%Y%m%d").to_string(),
                after.format("%Y%m%d").to_string(),
                true,
            )
        }
        (EventTime::DateTime(_), end) => {
            let start = event.starts_at();
            let end = end
                .map(|e| e.instant())
                .filter(|e| *e > start)
                .unwrap_or(start + chrono::Duration::hours(1));
            (utc_stamp(start), utc_stamp(end), false)
        }
    }
}

/// RFC 5545 TEXT escaping.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character, with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

/// The event as an `.ics` file's text, in `lang`.
pub fn ics(event: &Event, lang: &str, now: DateTime<Utc>) -> String {
    let (start, end, all_day) = span(event);
    let value = if all_day { ";VALUE=DATE" } else { "" };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Regdesk//Regdesk//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@regdesk", escape(&event.id)),
        format!("DTSTAMP:{}", utc_stamp(now)),
        format!("DTSTART{value}:{start}"),
        format!("DTEND{value}:{end}"),
        format!("SUMMARY:{}", escape(event.name.get(lang))),
    ];
    let description = event.description.get(lang);
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(description)));
    }
    let location = location_line(event, lang);
    if !location.is_empty() {
        lines.push(format!("LOCATION:{}", escape(&location)));
    }
    if let Some(url) = &event.url {
        lines.push(format!("URL:{url}"));
    }
    lines.push(format!(
        "STATUS:{}",
        if event.status == EventStatus::Cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        }
    ));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// The description for a calendar link, cut to keep the URL short enough
/// for every browser and calendar service.
fn link_details(event: &Event, lang: &str) -> String {
    event.description.get(lang).chars().take(1500).collect()
}

/// A link that opens Google Calendar with the event filled in.
pub fn google_link(event: &Event, lang: &str) -> String {
    let (start, end, _) = span(event);
    let dates = format!("{start}/{end}");
    let mut pairs = vec![
        ("action", "TEMPLATE"),
        ("text", event.name.get(lang)),
        ("dates", dates.as_str()),
    ];
    let details = link_details(event, lang);
    let location = location_line(event, lang);
    pairs.push(("details", &details));
    pairs.push(("location", &location));
    if let Some(zone) = &event.time_zone {
        pairs.push(("ctz", zone));
    }
    format!(
        "https://calendar.google.com/calendar/render?{}",
        query(&pairs)
    )
}

/// A link that opens Outlook on the web with the event filled in.
pub fn outlook_link(event: &Event, lang: &str) -> String {
    let all_day = event.start.is_all_day();
    let iso = |t: DateTime<Utc>| {
        if all_day {
            t.format("%Y-%m-%d").to_string()
        } else {
            t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        }
    };
    let start = iso(event.starts_at());
    let end = match event.end {
        Some(e) if !all_day => iso(e.instant()),
        _ if all_day => iso(event.ends_at()),
        _ => iso(event.starts_at() + chrono::Duration::hours(1)),
    };
    let details = link_details(event, lang);
    let location = location_line(event, lang);
    let mut pairs = vec![
        ("path", "/calendar/action/compose"),
        ("rru", "addevent"),
        ("subject", event.name.get(lang)),
        ("startdt", start.as_str()),
        ("enddt", end.as_str()),
        ("body", details.as_str()),
        ("location", location.as_str()),
    ];
    if all_day {
        pairs.push(("allday", "true"));
    }
    format!(
        "https://outlook.live.com/calendar/0/deeplink/compose?{}",
        query(&pairs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_event;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    fn yangon() -> Event {
        parse_event(&json!({
            "id": "ws-yangon", "name": {"en": "Workshop; governance, Yangon", "vi": "Hội thảo về quản trị tốt trong lĩnh vực an sinh xã hội tại Yangon, Myanmar"},
            "description": "Line one\nLine two",
            "startDate": "2027-02-23T09:00:00+06:30", "endDate": "2027-02-23T16:30:00+06:30", "timeZone": "Asia/Yangon",
            "location": {"name": "SSB", "address": {"addressLocality": "Yangon", "addressCountry": "MM"}},
            "url": "https://events.example.org/ws"
        }))
        .unwrap()
    }

    #[test]
    fn writes_utc_times_crlf_and_escapes() {
        let text = ics(&yangon(), "en", now());
        assert!(text.contains("DTSTART:20270223T023000Z\r\n"), "{text}");
        assert!(text.contains("DTEND:20270223T100000Z\r\n"));
        assert!(text.contains("DTSTAMP:20261122T100000Z\r\n"));
        assert!(text.contains("UID:ws-yangon@regdesk\r\n"));
        assert!(text.contains("SUMMARY:Workshop\\; governance\\, Yangon\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nLine two\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let text = ics(&yangon(), "vi", now());
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Hội thảo về quản trị tốt trong lĩnh vực an sinh xã hội tại Yangon\\, Myanmar\r\n"));
    }

    #[test]
    fn all_day_events_are_dates_with_an_exclusive_end() {
        let e = parse_event(&json!({"id": "d", "name": "Forum", "startDate": "2027-05-18", "endDate": "2027-05-19"})).unwrap();
        let text = ics(&e, "en", now());
        assert!(
            text.contains("DTSTART;VALUE=DATE:20270518\r\n")
                && text.contains("DTEND;VALUE=DATE:20270520\r\n")
        );
        assert!(google_link(&e, "en").contains("dates=20270518%2F20270520"));
        assert!(outlook_link(&e, "en").contains("allday=true"));
    }

    #[test]
    fn calendar_links_carry_utc_times() {
        let g = google_link(&yangon(), "en");
        assert!(g.starts_with(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Workshop"
        ));
        assert!(
            g.contains("dates=20270223T023000Z%2F20270223T100000Z")
                && g.contains("ctz=Asia%2FYangon")
        );
        let o = outlook_link(&yangon(), "en");
        assert!(
            o.contains("startdt=2027-02-23T02%3A30%3A00Z")
                && o.contains("enddt=2027-02-23T10%3A00%3A00Z")
        );
    }
}
