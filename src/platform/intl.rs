//! Dates, times and country names through the browser's `Intl`, so no
//! locale or time-zone tables ship in the bundle. Every call that could throw
//! (an unknown zone, say) is caught: a bad feed value never stops the widget.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use js_sys::{Array, Function, Object, Reflect};
use regdesk_core::calendar::YearMonth;
use regdesk_core::{Event, EventTime, Lang};
use wasm_bindgen::{JsCast, JsValue};

/// `new Intl.<name>(locale, options)`, or `None` if it throws.
fn construct(name: &str, locale: &str, options: &[(&str, &str)]) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &name.into()).ok()?.dyn_into().ok()?;
    let opts = Object::new();
    for (k, v) in options {
        Reflect::set(&opts, &(*k).into(), &(*v).into()).ok()?;
    }
    let args = Array::of2(&locale.into(), &opts);
    Reflect::construct(&ctor, &args).ok()
}

thread_local! {
    /// Formatters already made: making one is far slower than using it, and
    /// a catalogue asks for the same few again and again.
    static FORMATTERS: RefCell<HashMap<String, Option<JsValue>>> = RefCell::new(HashMap::new());
}

/// [`construct`], remembered.
fn cached(name: &str, locale: &str, options: &[(&str, &str)]) -> Option<JsValue> {
    let mut key = format!("{name}|{locale}");
    for (k, v) in options {
        key.push('|');
        key.push_str(k);
        key.push('=');
        key.push_str(v);
    }
    if let Some(found) = FORMATTERS.with(|f| f.borrow().get(&key).cloned()) {
        return found;
    }
    let made = construct(name, locale, options);
    FORMATTERS.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() > 500 {
            f.clear();
        }
        f.insert(key, made.clone());
    });
    made
}

/// `target[method](...args)` as a string, or `None` if it throws.
fn call_str(target: &JsValue, method: &str, args: &[JsValue]) -> Option<String> {
    let f: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    let list = Array::new();
    for a in args {
        list.push(a as &JsValue);
    }
    f.apply(target, &list).ok()?.as_string()
}

fn date(instant: DateTime<Utc>) -> JsValue {
    js_sys::Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64)).into()
}

/// The visitor's own IANA zone.
pub fn visitor_zone() -> Option<String> {
    thread_local! {
        static ZONE: Option<String> = {
            construct("DateTimeFormat", "en", &[]).and_then(|f| {
                let method: Function = Reflect::get(&f, &"resolvedOptions".into()).ok()?.dyn_into().ok()?;
                let resolved = method.call0(&f).ok()?;
                Reflect::get(&resolved, &"timeZone".into()).ok()?.as_string()
            })
        };
    }
    ZONE.with(Clone::clone)
}

/// Whether the browser knows the IANA zone `zone`.
pub fn knows_zone(zone: &str) -> bool {
    cached("DateTimeFormat", "en", &[("timeZone", zone)]).is_some()
}

/// The zone to write an event's times in: its IANA zone if the browser knows
/// it, else the offset of its start as `+07:00`.
fn event_zone(event: &Event) -> String {
    if let Some(zone) = &event.time_zone {
        if knows_zone(zone) {
            return zone.clone();
        }
    }
    match event.start {
        EventTime::DateTime(dt) => offset_name(*dt.offset()),
        EventTime::Date(_) => "UTC".into(),
    }
}

fn offset_name(offset: FixedOffset) -> String {
    let secs = offset.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    format!(
        "{sign}{:02}:{:02}",
        secs.abs() / 3600,
        (secs.abs() % 3600) / 60
    )
}

/// How a zone is named next to a time: the city of an IANA name
/// (`Asia/Ho_Chi_Minh` gives "Ho Chi Minh"), else `UTC+07:00`.
pub fn zone_label(zone: &str) -> String {
    if zone.starts_with(['+', '-']) {
        return format!("UTC{zone}");
    }
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// The offset of `zone` at `instant`, from the browser's zone data.
pub fn zone_offset(zone: &str, instant: DateTime<Utc>) -> Option<FixedOffset> {
    let f = cached(
        "DateTimeFormat",
        "en-US",
        &[("timeZone", zone), ("timeZoneName", "longOffset")],
    )?;
    let parts: Function = Reflect::get(&f, &"formatToParts".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let parts: Array = parts.call1(&f, &date(instant)).ok()?.dyn_into().ok()?;
    let name = parts.iter().find_map(|p| {
        let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
        (kind == "timeZoneName")
            .then(|| Reflect::get(&p, &"value".into()).ok()?.as_string())
            .flatten()
    })?;
    // "GMT+07:00", "GMT-03:30", or "GMT" for UTC itself.
    let rest = name.strip_prefix("GMT")?;
    if rest.is_empty() {
        return FixedOffset::east_opt(0);
    }
    let sign = if rest.starts_with('-') { -1 } else { 1 };
    let (h, m) = rest[1..].split_once(':').unwrap_or((&rest[1..], "0"));
    let secs = h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60;
    FixedOffset::east_opt(sign * secs)
}

/// The offset `zone` keeps all through `year`, when it has no summer
/// time then (as no ASEAN zone has); `None` when it changes.
fn steady_offset(zone: &str, year: i32) -> Option<FixedOffset> {
    let at = |month| {
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    };
    let jan = zone_offset(zone, at(1)?)?;
    let jul = zone_offset(zone, at(7)?)?;
    (jan == jul).then_some(jan)
}

/// Puts each event's times in the offset its IANA zone has at that moment,
/// and forgets zones the browser does not know, so that days and times
/// read in the event's own zone even when a feed writes them in UTC. Zones
/// without summer time are looked up once a year, not once an event.
pub fn settle_zones(events: &mut [Event]) {
    let mut steady: HashMap<(String, i32), Option<FixedOffset>> = HashMap::new();
    for event in events {
        let Some(zone) = event.time_zone.clone() else {
            continue;
        };
        if !knows_zone(&zone) {
            gloo::console::warn!(format!(
                "regdesk: event {:?}: unknown time zone {zone:?}; using the offset of its startDate",
                event.id
            ));
            event.time_zone = None;
            continue;
        }
        if let EventTime::DateTime(start) = event.start {
            let instant = start.with_timezone(&Utc);
            let year = chrono::Datelike::year(&instant);
            let offset = *steady
                .entry((zone.clone(), year))
                .or_insert_with(|| steady_offset(&zone, year));
            match offset.or_else(|| zone_offset(&zone, instant)) {
                Some(offset) if offset != *start.offset() => event.set_offset(offset),
                _ => {}
            }
        }
    }
}

/// When an event takes place: the date and time in its own zone, and the
/// time in the visitor's when that reads differently.
#[derive(Clone, Debug, PartialEq)]
pub struct When {
    /// The day or days.
    pub date: String,
    /// The hours, in the primary zone; `None` for an all-day event.
    pub time: Option<String>,
    /// The primary zone, as a place name or `UTC+07:00`.
    pub zone: String,
    /// The hours in the other zone (the visitor's, or with `visitor_first`
    /// the event's), with the date when it differs; `None` when the same.
    pub other: Option<String>,
    /// The other zone's name.
    pub other_zone: String,
    /// The visitor's zone is the primary one.
    pub visitor_first: bool,
}

const DATE: [(&str, &str); 4] = [
    ("weekday", "short"),
    ("day", "numeric"),
    ("month", "short"),
    ("year", "numeric"),
];
const TIME: [(&str, &str); 3] = [
    ("hour", "2-digit"),
    ("minute", "2-digit"),
    ("hourCycle", "h23"),
];
const DAY_TIME: [(&str, &str); 5] = [
    ("day", "numeric"),
    ("month", "short"),
    ("hour", "2-digit"),
    ("minute", "2-digit"),
    ("hourCycle", "h23"),
];

/// `format` or `formatRange` with a zone and options.
fn span(
    locale: &str,
    zone: &str,
    options: &[(&str, &str)],
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
) -> Option<String> {
    let mut all = vec![("timeZone", zone)];
    all.extend_from_slice(options);
    let f = cached("DateTimeFormat", locale, &all)?;
    match end {
        Some(end) if end > start => call_str(&f, "formatRange", &[date(start), date(end)]),
        _ => call_str(&f, "format", &[date(start)]),
    }
}

/// The date of `instant` in `zone`, as `2027-03-10`.
fn day_in(zone: &str, instant: DateTime<Utc>) -> Option<String> {
    span(
        "en-CA",
        zone,
        &[
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
        ],
        instant,
        None,
    )
}

/// How an event's dates read for a visitor in `lang`: in the event's zone
/// with the visitor's beside it, or, with `visitor_first` (the visitor's
/// choice, issue 7), the other way round.
pub fn when(event: &Event, lang: Lang, visitor_first: bool) -> When {
    let locale = lang.tag();
    let start = event.starts_at();
    let end = event.end.map(|e| e.instant());
    if event.start.is_all_day() {
        // Dates alone: written as dates, in no zone.
        let last = event.local_days().1;
        let last = last.and_hms_opt(12, 0, 0).map(|d| d.and_utc());
        let date = span(locale, "UTC", &DATE, start, last.filter(|l| *l > start))
            .unwrap_or_else(|| start.format("%Y-%m-%d").to_string());
        return When {
            date,
            time: None,
            zone: String::new(),
            other: None,
            other_zone: String::new(),
            visitor_first: false,
        };
    }
    let event_zone = event_zone(event);
    let visitor = visitor_zone().filter(|v| *v != event_zone);
    let (zone, other_zone, visitor_first) = match visitor {
        Some(v) if visitor_first => (v, Some(event_zone), true),
        v => (event_zone, v, false),
    };
    // The last instant of the event, for the day it ends on in `zone`.
    let last = end
        .filter(|e| *e > start)
        .map(|e| e - chrono::Duration::seconds(1));
    let first_day = day_in(&zone, start);
    let one_day = last.is_none_or(|l| day_in(&zone, l) == first_day);
    let (date, time) = if one_day {
        (
            span(locale, &zone, &DATE, start, None),
            span(locale, &zone, &TIME, start, end),
        )
    } else {
        (
            span(locale, &zone, &DATE, start, end),
            span(locale, &zone, &DAY_TIME, start, end),
        )
    };
    let date = date.unwrap_or_else(|| event.local_days().0.format("%Y-%m-%d").to_string());
    let time = time.or_else(|| Some(start.format("%H:%M UTC").to_string()));
    let other = other_zone.as_ref().and_then(|o| {
        let same_day = day_in(o, start) == first_day;
        let options: &[(&str, &str)] = if one_day && same_day {
            &TIME
        } else {
            &DAY_TIME
        };
        let theirs = span(locale, o, options, start, end)?;
        let ours = span(locale, &zone, options, start, end)?;
        (theirs != ours).then_some(theirs)
    });
    When {
        date,
        time,
        zone: zone_label(&zone),
        other_zone: other_zone.map(|o| zone_label(&o)).unwrap_or_default(),
        other,
        visitor_first,
    }
}

/// A date and time in the visitor's zone, e.g. for "registration opens".
pub fn date_time(instant: DateTime<Utc>, lang: Lang) -> String {
    let zone = visitor_zone().unwrap_or_else(|| "UTC".into());
    let mut options = DATE.to_vec();
    options.extend(TIME);
    options.push(("timeZoneName", "short"));
    span(lang.tag(), &zone, &options, instant, None).unwrap_or_else(|| instant.to_rfc3339())
}

/// Noon UTC of a calendar day: formatted in UTC it is that day everywhere.
fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
}

/// A calendar day in words, e.g. "Wednesday, 10 March 2027".
pub fn day_long(day: NaiveDate, lang: Lang) -> String {
    let options = [
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
    ];
    span(lang.tag(), "UTC", &options, noon(day), None).unwrap_or_else(|| day.to_string())
}

/// A month in words, e.g. "March 2027".
pub fn month_long(month: YearMonth, lang: Lang) -> String {
    let options = [("month", "long"), ("year", "numeric")];
    span(lang.tag(), "UTC", &options, noon(month.first_day()), None)
        .unwrap_or_else(|| month.to_string())
}

/// The short names of the days of the week, Monday first.
pub fn weekdays(lang: Lang) -> Vec<(String, String)> {
    // 1 March 2027 is a Monday.
    let monday = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    monday
        .iter_days()
        .take(7)
        .map(|d| {
            let short = span(lang.tag(), "UTC", &[("weekday", "short")], noon(d), None);
            let long = span(lang.tag(), "UTC", &[("weekday", "long")], noon(d), None);
            let fallback = d.format("%a").to_string();
            (
                short.unwrap_or_else(|| fallback.clone()),
                long.unwrap_or(fallback),
            )
        })
        .collect()
}

/// Today in the visitor's zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// A country's name in `lang`, from its ISO 3166-1 alpha-2 code.
pub fn country_name(code: &str, lang: Lang) -> String {
    cached("DisplayNames", lang.tag(), &[("type", "region")])
        .and_then(|names| call_str(&names, "of", &[code.into()]))
        .unwrap_or_else(|| code.to_string())
}

/// Whether `n` takes the "one" form in `lang`, from `Intl.PluralRules`
/// (English and Portuguese say "1 event", "2 events"; Thai, Vietnamese and
/// the others have one form for every number). Issue 7.
pub fn is_one(n: usize, lang: Lang) -> bool {
    cached("PluralRules", lang.tag(), &[])
        .and_then(|rules| call_str(&rules, "select", &[JsValue::from_f64(n as f64)]))
        .is_some_and(|category| category == "one")
}

/// A language's name in `lang`, from its BCP 47 tag (`lo` gives "Lao").
pub fn language_name(tag: &str, lang: Lang) -> String {
    cached("DisplayNames", lang.tag(), &[("type", "language")])
        .and_then(|names| call_str(&names, "of", &[tag.into()]))
        .unwrap_or_else(|| tag.to_string())
}
