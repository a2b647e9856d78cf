//! Bad feeds never break the catalogue: the parser, search, filters,
//! calendar and hash reader never panic, whatever they are given, and bad
//! entries are skipped with a reason while the rest are kept.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use regdesk_core::calendar::{days_with_events, grid, move_day, Move, YearMonth};
use regdesk_core::filter::{by_month, facets, select, Filters};
use regdesk_core::markdown::{is_allowed_link, to_tree, Node};
use regdesk_core::route::{decode, encode, read, write, ViewState};
use regdesk_core::search::{fold, haystack, Query};
use regdesk_core::{ics, parse_feed, parse_feed_value, parse_jsonld_blocks, Event};
use serde_json::{json, Value};

const ALLOWED: [&str; 17] = [
    "p",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ol",
    "ul",
    "li",
    "em",
    "strong",
    "del",
    "a",
    "code",
    "br",
    "hr",
];

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

/// Every downstream use of a parsed feed, as the widget makes them.
fn exercise(events: &[Event]) {
    let hay: Vec<String> = events.iter().map(haystack).collect();
    let s = select(events, &hay, &Filters::default(), now());
    let _ = by_month(events, &s.upcoming);
    let _ = facets(events);
    let q = Filters {
        query: "hoi nghi".into(),
        ..Filters::default()
    };
    let _ = select(events, &hay, &q, now());
    for e in events.iter().take(50) {
        let (first, _) = e.local_days();
        let _ = days_with_events(events, &s.upcoming, YearMonth::of(first));
        let _ = ics::ics(e, "vi", now());
        let _ = ics::google_link(e, "en");
        let _ = ics::outlook_link(e, "en");
        let _ = regdesk_core::availability::of_event(e, now());
        let _ = to_tree(e.description.get("en"));
    }
}

fn event_json(i: usize) -> Value {
    let category = ["seminar", "workshop", "training"][i % 3];
    json!({
        "id": format!("e-{i}"), "@type": "EducationEvent", "category": category,
        "name": {"en": format!("Seminar number {i} on social security"), "vi": format!("Hội thảo số {i} về an sinh xã hội")},
        "description": "A **CommonMark** description with a [link](https://example.org).",
        "startDate": format!("2027-{:02}-{:02}T09:00:00+07:00", i % 12 + 1, i % 28 + 1),
        "timeZone": "Asia/Ho_Chi_Minh",
        "location": {"name": "Hà Nội", "address": {"addressLocality": "Hà Nội", "addressCountry": "VN"}},
        "organizer": {"id": format!("org-{}", i % 20), "name": format!("Organisation {}", i % 20)},
        "inLanguage": ["en", "vi"], "maximumAttendeeCapacity": 100, "remainingAttendeeCapacity": i % 100,
        "registration": {"waitlist": i % 2 == 0}
    })
}

#[test]
fn five_thousand_events() {
    let feed: Vec<Value> = (0..5000).map(event_json).collect();
    let feed = parse_feed_value(&Value::Array(feed)).unwrap();
    assert_eq!(feed.events.len(), 5000);
    assert!(feed.skipped.is_empty());
    exercise(&feed.events);
}

#[test]
fn a_ten_megabyte_feed() {
    let mut events: Vec<Value> = (0..400).map(event_json).collect();
    let long = "Mô tả dài. ".repeat(2200);
    for e in &mut events {
        e["description"] = json!(long);
    }
    let text = serde_json::to_string(&json!({ "events": events })).unwrap();
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    let feed = parse_feed(&text).unwrap();
    assert_eq!(feed.events.len(), 400);
    exercise(&feed.events);
}

#[test]
fn strings_of_a_hundred_thousand_characters_are_cut() {
    let long = "ก".repeat(100_000);
    let entry = json!({"id": "long", "name": long, "description": long, "category": long,
        "startDate": "2027-01-01", "location": {"name": long, "address": long}, "organizer": long});
    let feed =
        parse_feed_value(&json!([entry, {"id": long, "name": "x", "startDate": "2027-01-01"}]))
            .unwrap();
    let e = &feed.events[0];
    assert_eq!(e.name.get("en").chars().count(), 300);
    assert!(e.name.get("en").ends_with('…'));
    assert_eq!(e.description.get("en").chars().count(), 50_000);
    assert_eq!(e.category.as_deref().map(|c| c.chars().count()), Some(100));
    assert_eq!(e.locations[0].name.get("").chars().count(), 300);
    assert_eq!(feed.skipped[0].reason, "id longer than 200 characters");
    exercise(&feed.events);
}

#[test]
fn html_and_script_in_every_field_stay_text() {
    let x = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let entry = json!({"id": x, "@type": x, "category": x, "name": x, "description": x,
        "startDate": "2027-01-01T09:00:00+07:00", "endDate": x, "timeZone": x,
        "eventAttendanceMode": x, "eventStatus": x, "url": "javascript:alert(1)", "image": x,
        "location": {"id": x, "name": x, "url": "javascript:x", "address": {"addressCountry": x, "addressLocality": x}},
        "organizer": {"id": x, "name": x, "url": "data:text/html,x"}, "inLanguage": x});
    let feed = parse_feed_value(&json!([entry.clone()])).unwrap();
    assert_eq!(
        feed.skipped[0].reason, "invalid endDate",
        "a bad end date skips the entry"
    );
    let mut entry = entry;
    entry["endDate"] = Value::Null;
    let feed = parse_feed_value(&json!([entry])).unwrap();
    let e = &feed.events[0];
    assert_eq!(
        e.name.get("en"),
        x,
        "kept as text: the widget renders text, never HTML"
    );
    assert_eq!(
        (e.url.as_ref(), e.image.as_ref(), e.time_zone.as_ref()),
        (None, None, None)
    );
    assert_eq!(e.locations[0].url, None);
    assert_eq!(e.organizers[0].url, None);
    assert_eq!(e.countries(), Vec::<&str>::new());
    exercise(&feed.events);
}

#[test]
fn invalid_dates_zones_and_types() {
    let feed = parse_feed_value(&json!([
        {"id": "a", "name": "x", "startDate": "2027-02-30"},
        {"id": "b", "name": "x", "startDate": "2027-01-01T25:00:00+07:00"},
        {"id": "c", "name": "x", "startDate": 20270101},
        {"id": "d", "name": "x", "startDate": "2027-01-01T09:00:00+99:00"},
        {"id": "e", "name": "x", "startDate": "2027-01-01", "timeZone": "Mars/Olympus_Mons"},
        {"id": "f", "name": "x", "startDate": "2027-01-01", "timeZone": 7},
        {"id": ["g"], "name": "x", "startDate": "2027-01-01"},
        {"id": "h", "name": {"en": 1}, "startDate": "2027-01-01"},
        {"id": "i", "name": "x", "startDate": "9999-12-31", "endDate": "9999-12-31"},
        {"id": "j", "name": "x", "startDate": "0001-01-01T00:00:00-12:00"},
        null, "event", [], {}
    ]))
    .unwrap();
    let ids: Vec<&str> = feed.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["e", "f", "i", "j"],
        "a zone the browser does not know is checked there"
    );
    assert_eq!(feed.skipped.len(), 10);
    assert!(feed.skipped.iter().all(|s| !s.reason.is_empty()));
    exercise(&feed.events);
}

#[test]
fn invalid_json_and_no_list() {
    for text in [
        "",
        "{",
        "[1,",
        "null",
        "\"events\"",
        "{\"events\": {}}",
        "<!doctype html>",
        "\u{feff}[]",
    ] {
        assert!(parse_feed(text).is_err(), "{text:?}");
    }
    let deep = "[".repeat(100_000);
    assert!(
        parse_feed(&deep).is_err(),
        "deep nesting is refused, not a stack overflow"
    );
    assert!(parse_jsonld_blocks([deep.as_str(), "{}", "[]"])
        .events
        .is_empty());
}

/// Any JSON value, up to a few levels deep, with the feed's own names as
/// keys more often than not, so the parser's paths are reached.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        3 => prop::sample::select(vec![
            "id", "@id", "@type", "name", "startDate", "endDate", "timeZone", "location", "address",
            "addressCountry", "organizer", "inLanguage", "registration", "opens", "closes", "fields",
            "consent", "purposes", "type", "options", "events", "itemListElement", "item", "@graph",
            "@value", "@language", "en", "vi", "eventAttendanceMode", "eventStatus", "url",
            "maximumAttendeeCapacity", "remainingAttendeeCapacity", "category", "description", "showIf",
        ])
        .prop_map(str::to_string),
        1 => ".{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,20}".prop_map(Value::String),
        prop::sample::select(vec![
            "2027-03-10",
            "2027-03-10T09:00:00+06:30",
            "2027-03-10T09:00+07:00",
            "9999-12-31",
            "Asia/Yangon",
            "MixedEventAttendanceMode",
            "VirtualLocation",
            "VN",
            "xx",
            "EventCancelled",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_parser_never_panics_on_any_text(text in ".{0,400}") {
        if let Ok(feed) = parse_feed(&text) {
            exercise(&feed.events);
        }
        let _ = parse_jsonld_blocks([text.as_str()]);
    }

    #[test]
    fn the_parser_never_panics_on_any_json(value in json_value()) {
        for v in [value.clone(), json!([value.clone()]), json!({"events": [value.clone(), value.clone()]})] {
            if let Ok(feed) = parse_feed_value(&v) {
                prop_assert!(feed.events.len() + feed.skipped.len() <= regdesk_core::feed::event_list(&v).map_or(0, Vec::len));
                exercise(&feed.events);
            }
        }
        let _ = parse_jsonld_blocks([value.to_string().as_str()]);
    }

    #[test]
    fn descriptions_only_ever_hold_allowed_elements(text in "(\\PC|[<>\\[\\]()*_`#!\n-]){0,300}") {
        fn check(nodes: &[Node]) -> Result<(), TestCaseError> {
            for n in nodes {
                if let Node::Element { tag, attrs, children } = n {
                    prop_assert!(ALLOWED.contains(tag), "{tag}");
                    for (k, v) in attrs {
                        prop_assert!(["href", "title", "start"].contains(k));
                        prop_assert!(*k != "href" || is_allowed_link(v), "{v}");
                    }
                    check(children)?;
                }
            }
            Ok(())
        }
        check(&to_tree(&text))?;
    }

    #[test]
    fn search_folding_never_panics_and_is_stable(text in "\\PC{0,60}") {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone(), "folding twice changes nothing");
        prop_assert!(Query::new(&text).matches(&once), "text finds itself");
    }

    #[test]
    fn any_hash_reads_without_panic(hash in "\\PC{0,120}", key in "[a-z-]{1,10}") {
        let state = decode(&hash);
        prop_assert_eq!(decode(&encode(&state)), state);
        let _ = read(&hash, &key);
        let written = write(&hash, &key, Some("q:x"));
        prop_assert_eq!(read(&written, &key), Some("q:x".to_string()));
    }

    #[test]
    fn typed_searches_survive_the_hash(q in "\\PC{0,40}", event in "\\PC{0,40}") {
        let mut state = ViewState::default();
        state.filters.query = q.trim().to_string();
        state.event = Some(event.trim().to_string()).filter(|e| !e.is_empty());
        prop_assert_eq!(decode(&encode(&state)), state);
    }

    #[test]
    fn calendar_moves_stay_in_range(y in -5000i32..5000, m in 1u32..=12, step in 0usize..8) {
        let month = YearMonth::new(y, m).unwrap();
        let days = grid(month);
        prop_assert!(days.len() % 7 == 0 && days.len() >= 28);
        let moves = [Move::PrevDay, Move::NextDay, Move::PrevWeek, Move::NextWeek,
            Move::WeekStart, Move::WeekEnd, Move::PrevMonth, Move::NextMonth];
        let _ = move_day(month.first_day(), moves[step]);
    }
}
