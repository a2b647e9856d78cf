//! `cargo xtask bench`: builds the release folder of the widget (as `cargo
//! xtask dist` does), generates a 50- and a 5,000-event feed, and runs
//! bench/run.mjs: shipped bytes (raw, gzip, brotli), first card, filter
//! keystrokes and memory in headless Chromium (median of at least 7 runs),
//! for the widget and for the no-framework floor in bench/floor/, each widget
//! figure as a ratio to the floor. Prints a table and JSON (also written to
//! target/bench/results.json). Not part of `cargo xtask test`: goals are
//! reported, not asserted. See docs/performance.md.

use std::path::Path;

use serde_json::{json, Value};

use crate::setup::{self, cmd, root, run, Result};

/// Events in the generated feeds: a small catalogue and a large one.
pub const SIZES: [usize; 2] = [50, 5000];
/// Runs per measurement; the median is reported.
pub const RUNS: usize = 7;

const ZONES: [(&str, &str, &str, &str); 8] = [
    ("Asia/Ho_Chi_Minh", "+07:00", "VN", "Hà Nội"),
    ("Asia/Bangkok", "+07:00", "TH", "Bangkok"),
    ("Asia/Vientiane", "+07:00", "LA", "Vientiane"),
    ("Asia/Phnom_Penh", "+07:00", "KH", "Phnom Penh"),
    ("Asia/Yangon", "+06:30", "MM", "Yangon"),
    ("Asia/Kuala_Lumpur", "+08:00", "MY", "Kuala Lumpur"),
    ("Asia/Manila", "+08:00", "PH", "Manila"),
    ("Asia/Jakarta", "+07:00", "ID", "Jakarta"),
];
const CATEGORIES: [&str; 6] = [
    "conference",
    "meeting",
    "seminar",
    "workshop",
    "training",
    "forum",
];
const TOPICS: [(&str, &str); 6] = [
    (
        "Social security coverage for informal workers",
        "Mở rộng diện bao phủ an sinh xã hội cho lao động phi chính thức",
    ),
    (
        "Actuarial valuation of pension schemes",
        "Định giá tính toán bảo hiểm cho các quỹ hưu trí",
    ),
    (
        "Digital services for members",
        "Dịch vụ số cho người tham gia",
    ),
    (
        "Investment of social security funds",
        "Đầu tư quỹ an sinh xã hội",
    ),
    (
        "Occupational safety and health",
        "An toàn, vệ sinh lao động",
    ),
    (
        "Good governance in administration",
        "Quản trị tốt trong quản lý an sinh xã hội",
    ),
];

/// A catalogue of `n` varied events from `today` on: every attendance mode,
/// zones from +06:30 to +08:00, connection sites, several organisers and
/// languages, CommonMark descriptions, seats in every state.
pub fn feed(n: usize, today: chrono::NaiveDate) -> Value {
    let events: Vec<Value> = (0..n)
        .map(|i| {
            let (zone, offset, country, city) = ZONES[i % ZONES.len()];
            let (en, vi) = TOPICS[i % TOPICS.len()];
            let day = today + chrono::Duration::days((i as i64 * 7) % 730 + 1);
            let start = format!("{}T{:02}:{:02}:00{offset}", day.format("%Y-%m-%d"), 8 + i % 6, (i % 2) * 30);
            let end = format!("{}T{:02}:00:00{offset}", day.format("%Y-%m-%d"), 15 + i % 3);
            let place = json!({"@type": "Place", "id": "main", "name": city,
                "address": {"@type": "PostalAddress", "addressLocality": city, "addressCountry": country},
                "maximumAttendeeCapacity": 120, "remainingAttendeeCapacity": (i * 13) % 121});
            let online = json!({"@type": "VirtualLocation", "id": "online", "url": "https://events.example.org/live",
                "maximumAttendeeCapacity": 500, "remainingAttendeeCapacity": (i * 31) % 501});
            let (mode, location) = match i % 3 {
                0 => ("OfflineEventAttendanceMode", json!([place])),
                1 => ("OnlineEventAttendanceMode", json!([online])),
                _ => ("MixedEventAttendanceMode", json!([place, online])),
            };
            json!({
                "id": format!("bench-{i}"), "@type": "Event", "category": CATEGORIES[i % CATEGORIES.len()],
                "name": {"en": format!("{en} ({i})"), "vi": format!("{vi} ({i})")},
                "description": {"en": format!("**{en}**: a meeting of member institutions.\n\n- sessions on practice\n- a site visit\n\nSee [the programme](https://events.example.org/{i})."),
                                "vi": format!("**{vi}**: hội nghị của các tổ chức thành viên.\n\n- các phiên thảo luận\n- đi thực tế\n\nXem [chương trình](https://events.example.org/{i}).")},
                "startDate": start, "endDate": end, "timeZone": zone,
                "eventAttendanceMode": mode, "eventStatus": if i % 97 == 0 { "EventCancelled" } else { "EventScheduled" },
                "location": location,
                "organizer": {"id": format!("org-{}", i % 20), "name": format!("Social Security Institution {}", i % 20)},
                "inLanguage": if i % 4 == 0 { json!(["en", "vi"]) } else { json!("en") },
                "url": format!("https://events.example.org/e/{i}"),
                "registration": {"waitlist": i % 2 == 0, "maxAttendees": 3}
            })
        })
        .collect();
    json!({ "events": events })
}

fn write(path: &Path, text: &str) -> Result {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn bench() -> Result {
    setup::install_all()?;
    println!("==> release build of the widget and its release folder");
    let release = crate::dist::build(None)?;
    let dir = root().join("target/bench");
    let today = chrono::Utc::now().date_naive();
    let sizes = SIZES.map(|n| n.to_string()).join(",");
    for n in SIZES {
        let feed = serde_json::to_string(&feed(n, today)).map_err(|e| e.to_string())?;
        write(&dir.join(format!("feed-{n}.json")), &feed)?;
        println!("==> {n}-event feed: {} bytes", feed.len());
    }
    println!("==> widget and no-framework floor (bench/floor/) in headless Chromium");
    run(cmd("node")
        .arg("bench/run.mjs")
        .env("WIDGET_DIR", &release.dir)
        .env("FLOOR_DIR", root().join("bench/floor"))
        .env("BENCH_DIR", &dir)
        .env("BENCH_SIZES", sizes)
        .env("BENCH_RUNS", RUNS.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_feed_reads_in_full() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let parsed = regdesk_core::parse_feed_value(&feed(300, today)).unwrap();
        assert_eq!((parsed.events.len(), parsed.skipped.len()), (300, 0));
        assert!(parsed.events.iter().any(|e| e.has_connection_sites()));
    }
}
