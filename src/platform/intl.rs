//! Dates, times and country names through the browser's `Intl`, so no
//! locale or time-zone tables ship in the bundle. Every call that could throw
//! (an unknown zone, say) is caught: a bad feed value never stops the widget.

use chrono::{DateTime, FixedOffset, Utc};
use js_sys::{Array, Function, Object, Reflect};
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
    let f = construct("DateTimeFormat", "en", &[])?;
    let method: Function = Reflect::get(&f, &"resolvedOptions".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let resolved = method.call0(&f).ok()?;
    Reflect::get(&resolved, &"timeZone".into())
        .ok()?
        .as_string()
}

/// The zone to write an event's times in: its IANA zone if the browser knows
/// it, else the offset of its start as `+07:00`.
fn event_zone(event: &Event) -> String {
    if let Some(zone) = &event.time_zone {
        if construct("DateTimeFormat", "en", &[("timeZone", zone)]).is_some() {
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

/// When an event takes place, in its own zone, and in the visitor's when
/// that reads differently.
#[derive(Clone, Debug, PartialEq)]
pub struct When {
    pub event: String,
    pub visitor: Option<String>,
}

const DATE: [(&str, &str); 4] = [
    ("weekday", "short"),
    ("day", "numeric"),
    ("month", "short"),
    ("year", "numeric"),
];

fn range(
    locale: &str,
    zone: &str,
    with_date: bool,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
) -> Option<String> {
    let mut options: Vec<(&str, &str)> = vec![
        ("timeZone", zone),
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ];
    if with_date {
        options.extend(DATE);
    }
    let f = construct("DateTimeFormat", locale, &options)?;
    match end {
        Some(end) if end > start => call_str(&f, "formatRange", &[date(start), date(end)]),
        _ => call_str(&f, "format", &[date(start)]),
    }
}

/// How an event's dates read for a visitor in `lang`.
pub fn when(event: &Event, lang: Lang) -> When {
    let locale = lang.tag();
    let end = event.end.map(|e| e.instant());
    if event.start.is_all_day() {
        // Dates alone: written as dates, in no zone.
        let mut options = vec![("timeZone", "UTC")];
        options.extend(DATE);
        let text = construct("DateTimeFormat", locale, &options)
            .and_then(|f| match end {
                Some(end) if end > event.starts_at() => {
                    call_str(&f, "formatRange", &[date(event.starts_at()), date(end)])
                }
                _ => call_str(&f, "format", &[date(event.starts_at())]),
            })
            .unwrap_or_else(|| event.starts_at().format("%Y-%m-%d").to_string());
        return When {
            event: text,
            visitor: None,
        };
    }
    let zone = event_zone(event);
    let start = event.starts_at();
    let text = range(locale, &zone, true, start, end).unwrap_or_else(|| start.to_rfc3339());
    let visitor = visitor_zone().filter(|v| *v != zone).and_then(|v| {
        let theirs = range(locale, &v, true, start, end)?;
        // Same wall-clock reading (another zone, same offset): say nothing.
        let ours_no_name = range(locale, &zone, true, start, end)?;
        (theirs != ours_no_name).then_some(theirs)
    });
    When {
        event: text,
        visitor,
    }
}

/// A date and time in the visitor's zone, e.g. for "registration opens".
pub fn date_time(instant: DateTime<Utc>, lang: Lang) -> String {
    range(
        lang.tag(),
        &visitor_zone().unwrap_or_else(|| "UTC".into()),
        true,
        instant,
        None,
    )
    .unwrap_or_else(|| instant.to_rfc3339())
}

/// A country's name in `lang`, from its ISO 3166-1 alpha-2 code.
pub fn country_name(code: &str, lang: Lang) -> String {
    construct("DisplayNames", lang.tag(), &[("type", "region")])
        .and_then(|names| call_str(&names, "of", &[code.into()]))
        .unwrap_or_else(|| code.to_string())
}
