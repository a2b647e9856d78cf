//! The sample catalogue shipped in `demo/` must read in full, with the special
//! cases the demo relies on.

use chrono::{DateTime, Utc};
use regdesk_core::{availability, parse_feed, AttendanceMode, Availability, EventStatus};

const CATALOGUE: &str = include_str!("../../demo/catalogue.json");

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().expect("a valid date")
}

#[test]
fn every_event_reads() {
    let feed = parse_feed(CATALOGUE).expect("the catalogue is a feed");
    assert_eq!(feed.skipped, vec![], "nothing skipped");
    assert!(feed.events.len() >= 12);
    for e in &feed.events {
        assert!(
            !e.name.get("vi").is_empty() && e.name.get("vi") != e.name.get("en"),
            "{} has Vietnamese",
            e.id
        );
        assert!(e.time_zone.is_some(), "{} has a zone", e.id);
    }
}

#[test]
fn special_cases_are_present() {
    let feed = parse_feed(CATALOGUE).expect("the catalogue is a feed");
    let get = |id: &str| {
        feed.events
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let board = get("assa-board-2026-12");
    assert_eq!(board.attendance_mode, AttendanceMode::Mixed);
    assert_eq!(board.locations.len(), 3);
    assert_eq!(board.countries().len(), 2);
    assert_eq!(
        availability::of_event(get("seminar-sustainable-financing-2027"), now()),
        Availability::Full { waitlist: true }
    );
    assert_eq!(
        availability::of_event(get("training-digital-services-2026-12"), now()),
        Availability::Closed
    );
    assert_eq!(
        get("forum-social-welfare-2027").status,
        EventStatus::Cancelled
    );
    assert!(
        availability::of_event(get("workshop-governance-yangon-2027"), now())
            .accepts_registrations()
    );
    let zones: std::collections::BTreeSet<_> = feed
        .events
        .iter()
        .filter_map(|e| e.time_zone.as_deref())
        .collect();
    assert!(
        zones.len() >= 4 && zones.contains("Asia/Yangon"),
        "{zones:?}"
    );
}
