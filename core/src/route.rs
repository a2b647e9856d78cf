//! What a visitor sees (view, filters, open event), written into the page's
//! URL hash under the widget's own key, so a link reopens the same view and
//! Back works, without touching anything else in the hash or the query.
//!
//! The hash is read as `&`-separated parts; the widget owns the part
//! `<key>=<state>`. The state is `name:value` pairs joined by `;`, values
//! percent-encoded: `#/host/route&regdesk=view:calendar;q:hoi%20nghi`.

use chrono::NaiveDate;

use crate::calendar::YearMonth;
use crate::event::AttendanceMode;
use crate::filter::Filters;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    List,
    Calendar,
}

impl View {
    /// The contract's `data-view` names (`event` is not a view of the list).
    pub fn parse(s: &str) -> Option<View> {
        match s.trim().to_ascii_lowercase().as_str() {
            "list" => Some(View::List),
            "calendar" => Some(View::Calendar),
            _ => None,
        }
    }
}

/// Everything the hash records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub view: View,
    pub filters: Filters,
    /// Past events instead of upcoming ones.
    pub past: bool,
    /// The month the calendar shows.
    pub month: Option<YearMonth>,
    /// The open event.
    pub event: Option<String>,
}

/// Longest value kept from a hash: a pasted link is not a way to make the
/// widget hold megabytes.
const MAX_VALUE: usize = 500;

fn percent_encode(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
}

/// Percent-decoding that never fails: a stray `%` is kept, bytes that are
/// not UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mode_name(mode: AttendanceMode) -> &'static str {
    mode.as_str()
}

/// `online`, `offline` or `mixed` (the contract's `data-mode` values).
pub fn parse_mode(s: &str) -> Option<AttendanceMode> {
    match s.trim().to_ascii_lowercase().as_str() {
        "online" => Some(AttendanceMode::Online),
        "offline" => Some(AttendanceMode::Offline),
        "mixed" => Some(AttendanceMode::Mixed),
        _ => None,
    }
}

/// The state as the hash part's value. The default state is empty.
pub fn encode(state: &ViewState) -> String {
    let f = &state.filters;
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let pairs: [(&str, Option<String>); 12] = [
        (
            "view",
            (state.view == View::Calendar).then(|| "calendar".into()),
        ),
        (
            "q",
            Some(f.query.trim().to_string()).filter(|q| !q.is_empty()),
        ),
        ("cat", f.category.clone()),
        ("mode", f.mode.map(|m| mode_name(m).into())),
        ("country", f.country.clone()),
        ("org", f.organizer.clone()),
        ("lang", f.language.clone()),
        ("from", date(f.from)),
        ("to", date(f.to)),
        ("past", state.past.then(|| "1".into())),
        ("month", state.month.map(|m| m.to_string())),
        ("event", state.event.clone()),
    ];
    let mut out = String::new();
    for (name, value) in pairs {
        if let Some(value) = value {
            if !out.is_empty() {
                out.push(';');
            }
            out.push_str(name);
            out.push(':');
            percent_encode(&value, &mut out);
        }
    }
    out
}

/// Reads a hash part's value. Unknown names and bad values are left out:
/// a mangled link opens the widget as near to its state as it can.
pub fn decode(value: &str) -> ViewState {
    let mut state = ViewState::default();
    for pair in value.split(';') {
        let Some((name, raw)) = pair.split_once(':') else {
            continue;
        };
        let text = percent_decode(raw);
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_VALUE {
            continue;
        }
        let date = || NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        let f = &mut state.filters;
        match name {
            "view" => state.view = View::parse(text).unwrap_or_default(),
            "q" => f.query = text.to_string(),
            "cat" => f.category = Some(text.to_string()),
            "mode" => f.mode = parse_mode(text),
            "country" => {
                f.country = Some(text.to_ascii_uppercase()).filter(|c| crate::country::is_known(c))
            }
            "org" => f.organizer = Some(text.to_string()),
            "lang" => {
                f.language = Some(crate::filter::primary_language(text))
                    .filter(|l| !l.is_empty() && l.len() <= 8)
            }
            "from" => f.from = date(),
            "to" => f.to = date(),
            "past" => state.past = text == "1",
            "month" => state.month = YearMonth::parse(text),
            "event" => state.event = Some(text.to_string()),
            _ => {}
        }
    }
    state
}

fn parts(hash: &str) -> impl Iterator<Item = &str> {
    hash.trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty())
}

/// The value of the part `key=` in `hash` (with or without its `#`);
/// `None` when there is no such part.
pub fn read(hash: &str, key: &str) -> Option<String> {
    parts(hash).find_map(|p| {
        p.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix('='))
            .map(str::to_string)
    })
}

/// `hash` (without `#`) with the part `key=` set to `value`, or removed when
/// `None`; every other part stays as it was, in place.
pub fn write(hash: &str, key: &str, value: Option<&str>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut done = false;
    for p in parts(hash) {
        let ours = p
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('='));
        if !ours {
            out.push(p.to_string());
        } else if let (Some(v), false) = (value, done) {
            out.push(format!("{key}={v}"));
            done = true;
        }
    }
    if let (Some(v), false) = (value, done) {
        out.push(format!("{key}={v}"));
    }
    out.join("&")
}

/// The hash key of a widget: `regdesk`, or `regdesk-<name>` for
/// `data-regdesk="<name>"`, or `regdesk-<n>` for the n-th unnamed widget
/// (counted from 1) after the first, so several widgets on a page each keep
/// their own state.
pub fn key_for(name: &str, index: usize) -> String {
    let clean: String = name
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(40)
        .collect();
    match (clean.is_empty(), index) {
        (false, _) => format!("regdesk-{clean}"),
        (true, 0) => "regdesk".to_string(),
        (true, n) => format!("regdesk-{}", n + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> ViewState {
        ViewState {
            view: View::Calendar,
            filters: Filters {
                query: "hội nghị; a:b & c=d #x %".into(),
                category: Some("seminar".into()),
                mode: Some(AttendanceMode::Mixed),
                country: Some("VN".into()),
                organizer: Some("vss".into()),
                language: Some("th".into()),
                from: Some("2027-01-01".parse().unwrap()),
                to: Some("2027-03-31".parse().unwrap()),
            },
            past: true,
            month: YearMonth::new(2027, 3),
            event: Some("assa board/2026".into()),
        }
    }

    #[test]
    fn round_trips_every_field() {
        let encoded = encode(&full());
        assert!(!encoded.contains(['&', '#', '=', ' ']), "{encoded}");
        assert_eq!(decode(&encoded), full());
        assert_eq!(encode(&ViewState::default()), "");
        assert_eq!(decode(""), ViewState::default());
    }

    #[test]
    fn reads_what_people_type() {
        let s = decode("view:calendar;q:hoi nghi;country:vn;mode:ONLINE;month:2027-3");
        assert_eq!(s.view, View::Calendar);
        assert_eq!(s.filters.query, "hoi nghi");
        assert_eq!(s.filters.country.as_deref(), Some("VN"));
        assert_eq!(s.filters.mode, Some(AttendanceMode::Online));
        assert_eq!(s.month, YearMonth::new(2027, 3));
        // A browser may hand back the hash with UTF-8 percent-encoded, or not.
        assert_eq!(decode("q:H%E1%BB%99i").filters.query, "Hội");
        assert_eq!(decode("q:Hội").filters.query, "Hội");
    }

    #[test]
    fn bad_values_are_dropped_not_fatal() {
        let s = decode(
            "view:grid;country:XX;from:2027-02-30;month:13-2027;past:yes;zzz;q:%;q2:1;event:%FF",
        );
        assert_eq!(s.view, View::List);
        assert_eq!(s.filters.country, None);
        assert_eq!(s.filters.from, None);
        assert_eq!(s.month, None);
        assert!(!s.past);
        assert_eq!(s.filters.query, "%");
        assert_eq!(s.event.as_deref(), Some("\u{FFFD}"));
        assert_eq!(decode(&format!("q:{}", "a".repeat(501))).filters.query, "");
    }

    #[test]
    fn leaves_the_host_routers_hash_alone() {
        let host = "#/news/2027?page=2&sort=date";
        assert_eq!(read(host, "regdesk"), None);
        let ours = write(host, "regdesk", Some("view:calendar"));
        assert_eq!(ours, "/news/2027?page=2&sort=date&regdesk=view:calendar");
        assert_eq!(read(&ours, "regdesk").as_deref(), Some("view:calendar"));
        let changed = write(&ours, "regdesk", Some("q:x"));
        assert_eq!(changed, "/news/2027?page=2&sort=date&regdesk=q:x");
        assert_eq!(
            write(&changed, "regdesk", None),
            "/news/2027?page=2&sort=date"
        );
        assert_eq!(write("", "regdesk", Some("")), "regdesk=");
        assert_eq!(read("#regdesk=", "regdesk").as_deref(), Some(""));
    }

    #[test]
    fn several_widgets_keep_separate_parts() {
        let a = key_for("", 0);
        let b = key_for("", 1);
        let named = key_for("  vss events! ", 2);
        assert_eq!(
            (a.as_str(), b.as_str(), named.as_str()),
            ("regdesk", "regdesk-2", "regdesk-vssevents")
        );
        let hash = write(&write("top", &a, Some("q:a")), &b, Some("q:b"));
        assert_eq!(hash, "top&regdesk=q:a&regdesk-2=q:b");
        assert_eq!(
            read(&hash, &a).as_deref(),
            Some("q:a"),
            "regdesk is not regdesk-2"
        );
        assert_eq!(read(&hash, &b).as_deref(), Some("q:b"));
        assert_eq!(write(&hash, &a, None), "top&regdesk-2=q:b");
    }
}
