//! Filtering the catalogue: the visitor's choices ([`Filters`]), which
//! events match them, upcoming or past, grouped by month, and which
//! choices the catalogue offers ([`Facets`]).

use std::borrow::Borrow;

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::YearMonth;
use crate::event::{AttendanceMode, Event, Organizer};
use crate::search::{fold, Query};
use crate::text::LocalizedText;

/// What the visitor narrowed the catalogue to. `None` (or an empty query)
/// is no restriction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Free text, as typed.
    pub query: String,
    /// A category, compared without regard to case.
    pub category: Option<String>,
    /// `Online` and `Offline` include hybrid events (they can be attended
    /// either way); `Mixed` is hybrid events only.
    pub mode: Option<AttendanceMode>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    /// An organiser's key ([`organizer_key`]).
    pub organizer: Option<String>,
    /// A primary language subtag, lower case (`vi`, `th`).
    pub language: Option<String>,
    /// Events that take place on or after this day (in their own zone).
    pub from: Option<NaiveDate>,
    /// Events that take place on or before this day.
    pub to: Option<NaiveDate>,
}

impl Filters {
    /// How many filters are set (the search counts as one).
    pub fn active_count(&self) -> usize {
        usize::from(!self.query.trim().is_empty())
            + [
                self.category.is_some(),
                self.mode.is_some(),
                self.country.is_some(),
                self.organizer.is_some(),
                self.language.is_some(),
                self.from.is_some(),
                self.to.is_some(),
            ]
            .into_iter()
            .filter(|set| *set)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.active_count() == 0
    }
}

/// How the filters refer to an organiser: its `id`, else its name folded.
pub fn organizer_key(organizer: &Organizer) -> String {
    match &organizer.id {
        Some(id) => id.to_lowercase(),
        None => organizer
            .name
            .resolve("en", &[])
            .map(|(_, t)| fold(t))
            .unwrap_or_default(),
    }
}

/// The primary subtag of a BCP 47 tag, lower case: `vi-VN` gives `vi`.
pub fn primary_language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The filters made ready to test many events (the query folded once).
pub struct Matcher<'a> {
    filters: &'a Filters,
    query: Query,
    category: Option<String>,
    organizer: Option<String>,
}

impl<'a> Matcher<'a> {
    pub fn new(filters: &'a Filters) -> Self {
        Self {
            filters,
            query: Query::new(&filters.query),
            category: filters.category.as_deref().map(str::to_lowercase),
            organizer: filters.organizer.as_deref().map(str::to_lowercase),
        }
    }

    /// Whether `event` passes every filter; `haystack` is its folded text
    /// ([`crate::search::haystack`]).
    pub fn matches(&self, event: &Event, haystack: &str) -> bool {
        let f = self.filters;
        if let Some(category) = &self.category {
            if event.category.as_deref().map(str::to_lowercase).as_ref() != Some(category) {
                return false;
            }
        }
        if let Some(mode) = f.mode {
            let ok = match mode {
                AttendanceMode::Mixed => event.attendance_mode == AttendanceMode::Mixed,
                other => {
                    event.attendance_mode == other || event.attendance_mode == AttendanceMode::Mixed
                }
            };
            if !ok {
                return false;
            }
        }
        if let Some(country) = &f.country {
            if !event
                .countries()
                .iter()
                .any(|c| c.eq_ignore_ascii_case(country))
            {
                return false;
            }
        }
        if let Some(key) = &self.organizer {
            if !event.organizers.iter().any(|o| organizer_key(o) == *key) {
                return false;
            }
        }
        if let Some(lang) = &f.language {
            if !event.languages.iter().any(|l| primary_language(l) == *lang) {
                return false;
            }
        }
        if f.from.is_some() || f.to.is_some() {
            let (first, last) = event.local_days();
            if f.from.is_some_and(|from| last < from) || f.to.is_some_and(|to| first > to) {
                return false;
            }
        }
        self.query.matches(haystack)
    }
}

/// The events that match, as indices into the catalogue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Not yet over, soonest first.
    pub upcoming: Vec<usize>,
    /// Over, most recent first.
    pub past: Vec<usize>,
}

/// Applies `filters` to `events` (sorted by start), whose folded texts are
/// `haystacks` (same order; a missing one counts as empty).
pub fn select<E: Borrow<Event>>(
    events: &[E],
    haystacks: &[String],
    filters: &Filters,
    now: DateTime<Utc>,
) -> Selection {
    let matcher = Matcher::new(filters);
    let mut out = Selection::default();
    for (i, event) in events.iter().enumerate() {
        let event = event.borrow();
        let hay = haystacks.get(i).map(String::as_str).unwrap_or("");
        if !matcher.matches(event, hay) {
            continue;
        }
        if event.ends_at() >= now {
            out.upcoming.push(i);
        } else {
            out.past.push(i);
        }
    }
    out.past.reverse();
    out
}

/// `order` cut into runs of the same month (of the event's first day, in
/// its zone), keeping the order.
pub fn by_month<E: Borrow<Event>>(events: &[E], order: &[usize]) -> Vec<(YearMonth, Vec<usize>)> {
    let mut groups: Vec<(YearMonth, Vec<usize>)> = Vec::new();
    for &i in order {
        let Some(event) = events.get(i) else { continue };
        let month = YearMonth::of(event.borrow().local_days().0);
        match groups.last_mut() {
            Some((m, list)) if *m == month => list.push(i),
            _ => groups.push((month, vec![i])),
        }
    }
    groups
}

/// The choices the catalogue offers for each filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    /// As first written in the feed, sorted without regard to case.
    pub categories: Vec<String>,
    pub modes: Vec<AttendanceMode>,
    /// Upper-case codes, sorted.
    pub countries: Vec<String>,
    /// Key and name, in the feed's order.
    pub organizers: Vec<(String, LocalizedText)>,
    /// Primary subtags, sorted.
    pub languages: Vec<String>,
}

/// Every category, mode, country, organiser and language among `events`.
pub fn facets<E: Borrow<Event>>(events: &[E]) -> Facets {
    let mut f = Facets::default();
    for event in events {
        let event = event.borrow();
        if let Some(c) = &event.category {
            if !f.categories.iter().any(|k| k.eq_ignore_ascii_case(c)) {
                f.categories.push(c.clone());
            }
        }
        if !f.modes.contains(&event.attendance_mode) {
            f.modes.push(event.attendance_mode);
        }
        for c in event.countries() {
            if !f.countries.iter().any(|k| k == c) {
                f.countries.push(c.to_string());
            }
        }
        for o in &event.organizers {
            let key = organizer_key(o);
            if !key.is_empty() && !f.organizers.iter().any(|(k, _)| *k == key) {
                f.organizers.push((key, o.name.clone()));
            }
        }
        for l in &event.languages {
            let p = primary_language(l);
            if !p.is_empty() && p.len() <= 8 && !f.languages.contains(&p) {
                f.languages.push(p);
            }
        }
    }
    f.categories.sort_by_key(|c| c.to_lowercase());
    f.modes.sort_by_key(|m| match m {
        AttendanceMode::Offline => 0,
        AttendanceMode::Online => 1,
        AttendanceMode::Mixed => 2,
    });
    f.countries.sort();
    f.languages.sort();
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_feed_value;
    use crate::search::haystack;
    use serde_json::json;

    fn catalogue() -> (Vec<Event>, Vec<String>) {
        let feed = parse_feed_value(&json!([
            {"id": "old", "name": "Diễn đàn 2025", "category": "Forum", "startDate": "2025-05-18",
             "location": {"name": "Phnom Penh", "address": {"addressCountry": "KH"}}, "inLanguage": "km"},
            {"id": "board", "name": {"en": "Board meeting", "vi": "Hội nghị Ban Chấp hành"}, "category": "meeting",
             "startDate": "2026-12-10T09:00:00+07:00", "endDate": "2026-12-11T12:00:00+07:00",
             "eventAttendanceMode": "MixedEventAttendanceMode",
             "location": [{"id": "hn", "name": "Hà Nội", "address": {"addressCountry": "VN"}},
                          {"id": "vte", "name": "Vientiane", "address": {"addressCountry": "LA"}},
                          {"id": "online", "@type": "VirtualLocation"}],
             "organizer": {"id": "VSS", "name": "Viet Nam Social Security"}, "inLanguage": ["en", "vi-VN"]},
            {"id": "course", "name": "การอบรมออนไลน์", "category": "training", "startDate": "2027-01-12T14:00:00+07:00",
             "eventAttendanceMode": "OnlineEventAttendanceMode", "organizer": "Social Security Office", "inLanguage": "th"},
            {"id": "yangon", "name": "Workshop", "category": "workshop", "startDate": "2027-02-23T09:00:00+06:30",
             "location": {"name": "Yangon", "address": {"addressCountry": "MM"}}, "organizer": {"id": "vss", "name": "VSS"}}
        ]))
        .unwrap();
        let hay = feed.events.iter().map(haystack).collect();
        (feed.events, hay)
    }

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    fn ids(events: &[Event], order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| events[i].id.clone()).collect()
    }

    fn run(f: Filters) -> Vec<String> {
        let (events, hay) = catalogue();
        let s = select(&events, &hay, &f, now());
        let mut all = ids(&events, &s.upcoming);
        all.extend(ids(&events, &s.past));
        all
    }

    #[test]
    fn upcoming_soonest_first_and_past_latest_first() {
        let (events, hay) = catalogue();
        let s = select(&events, &hay, &Filters::default(), now());
        assert_eq!(ids(&events, &s.upcoming), ["board", "course", "yangon"]);
        assert_eq!(ids(&events, &s.past), ["old"]);
    }

    #[test]
    fn each_filter_narrows() {
        let f = |g: fn(&mut Filters)| {
            let mut f = Filters::default();
            g(&mut f);
            run(f)
        };
        assert_eq!(f(|f| f.query = "hoi nghi".into()), ["board"]);
        assert_eq!(f(|f| f.query = "อบรม".into()), ["course"]);
        assert_eq!(f(|f| f.category = Some("FORUM".into())), ["old"]);
        assert_eq!(
            f(|f| f.mode = Some(AttendanceMode::Online)),
            ["board", "course"]
        );
        assert_eq!(
            f(|f| f.mode = Some(AttendanceMode::Offline)),
            ["board", "yangon", "old"]
        );
        assert_eq!(f(|f| f.mode = Some(AttendanceMode::Mixed)), ["board"]);
        assert_eq!(f(|f| f.country = Some("LA".into())), ["board"]);
        assert_eq!(f(|f| f.organizer = Some("vss".into())), ["board", "yangon"]);
        assert_eq!(
            f(|f| f.organizer = Some("social security office".into())),
            ["course"]
        );
        assert_eq!(f(|f| f.language = Some("vi".into())), ["board"]);
        assert_eq!(
            f(|f| f.from = Some("2026-12-11".parse().unwrap())),
            ["board", "course", "yangon"],
            "the board meeting's second day"
        );
        assert_eq!(
            f(|f| {
                f.from = Some("2026-12-12".parse().unwrap());
                f.to = Some("2027-01-31".parse().unwrap());
            }),
            ["course"]
        );
        assert!(f(|f| {
            f.query = "workshop".into();
            f.country = Some("VN".into());
        })
        .is_empty());
    }

    #[test]
    fn counts_active_filters() {
        let mut f = Filters::default();
        assert!(f.is_empty());
        f.query = "  ".into();
        assert!(f.is_empty(), "blank search is no filter");
        f.country = Some("VN".into());
        f.query = "x".into();
        assert_eq!(f.active_count(), 2);
    }

    #[test]
    fn groups_by_month_in_order() {
        let (events, hay) = catalogue();
        let s = select(&events, &hay, &Filters::default(), now());
        let groups = by_month(&events, &s.upcoming);
        let months: Vec<String> = groups.iter().map(|(m, _)| m.to_string()).collect();
        assert_eq!(months, ["2026-12", "2027-01", "2027-02"]);
    }

    #[test]
    fn facets_list_every_choice_once() {
        let (events, _) = catalogue();
        let f = facets(&events);
        assert_eq!(f.categories, ["Forum", "meeting", "training", "workshop"]);
        assert_eq!(f.countries, ["KH", "LA", "MM", "VN"]);
        assert_eq!(f.languages, ["en", "km", "th", "vi"]);
        assert_eq!(
            f.organizers
                .iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>(),
            ["vss", "social security office"]
        );
        assert_eq!(
            f.modes,
            [
                AttendanceMode::Offline,
                AttendanceMode::Online,
                AttendanceMode::Mixed
            ]
        );
    }
}
