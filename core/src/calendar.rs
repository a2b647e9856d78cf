//! The month grid: which days it shows, which events fall on each day (in
//! the event's own zone), and how the arrow keys move between days.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::event::Event;

/// A month of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl YearMonth {
    /// `None` when the month is not 1 to 12 or the year is out of range.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Its first day (always valid for a month made by [`YearMonth::new`]).
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        let first = self.first_day();
        first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first)
    }

    /// The month after; itself at the end of the calendar.
    pub fn next(self) -> Self {
        self.first_day()
            .checked_add_months(Months::new(1))
            .map(Self::of)
            .unwrap_or(self)
    }

    /// The month before; itself at the start of the calendar.
    pub fn prev(self) -> Self {
        self.first_day()
            .checked_sub_months(Months::new(1))
            .map(Self::of)
            .unwrap_or(self)
    }

    /// Reads `2027-03`.
    pub fn parse(s: &str) -> Option<Self> {
        let (y, m) = s.trim().split_once('-')?;
        if y.is_empty() || y.len() > 6 || m.len() > 2 {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The days the grid shows for `month`: whole weeks from Monday, so the
/// first row may start in the month before and the last end in the next.
pub fn grid(month: YearMonth) -> Vec<NaiveDate> {
    let first = month.first_day();
    let last = month.last_day();
    let start = first
        .checked_sub_days(Days::new(u64::from(first.weekday().num_days_from_monday())))
        .unwrap_or(first);
    let end = last
        .checked_add_days(Days::new(u64::from(
            6 - last.weekday().num_days_from_monday(),
        )))
        .unwrap_or(last);
    start.iter_days().take_while(|d| *d <= end).collect()
}

/// The events of `order` (indices into `events`) on each day of `month`, in
/// the event's zone; an event of several days is on each of them.
pub fn days_with_events<E: Borrow<Event>>(
    events: &[E],
    order: &[usize],
    month: YearMonth,
) -> BTreeMap<NaiveDate, Vec<usize>> {
    let (first, last) = (month.first_day(), month.last_day());
    let mut days: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for &i in order {
        let Some(event) = events.get(i) else { continue };
        let (start, end) = event.borrow().local_days();
        if end < first || start > last {
            continue;
        }
        let from = start.max(first);
        let to = end.min(last);
        for day in from.iter_days().take_while(|d| *d <= to) {
            days.entry(day).or_default().push(i);
        }
    }
    days
}

/// A key press in the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    PrevDay,
    NextDay,
    PrevWeek,
    NextWeek,
    WeekStart,
    WeekEnd,
    PrevMonth,
    NextMonth,
}

impl Move {
    /// The move for a `KeyboardEvent.key`, as the WAI-ARIA date grid
    /// pattern has it; `None` for other keys.
    pub fn from_key(key: &str, shift: bool) -> Option<Self> {
        Some(match key {
            "ArrowLeft" => Move::PrevDay,
            "ArrowRight" => Move::NextDay,
            "ArrowUp" => Move::PrevWeek,
            "ArrowDown" => Move::NextWeek,
            "Home" => Move::WeekStart,
            "End" => Move::WeekEnd,
            "PageUp" if !shift => Move::PrevMonth,
            "PageDown" if !shift => Move::NextMonth,
            _ => return None,
        })
    }
}

/// The day a move leads to; the same day at the calendar's ends. A month
/// move keeps the day of the month where it can (31 March → 30 April).
pub fn move_day(day: NaiveDate, step: Move) -> NaiveDate {
    let weekday = u64::from(day.weekday().num_days_from_monday());
    let moved = match step {
        Move::PrevDay => day.checked_sub_days(Days::new(1)),
        Move::NextDay => day.checked_add_days(Days::new(1)),
        Move::PrevWeek => day.checked_sub_days(Days::new(7)),
        Move::NextWeek => day.checked_add_days(Days::new(7)),
        Move::WeekStart => day.checked_sub_days(Days::new(weekday)),
        Move::WeekEnd => day.checked_add_days(Days::new(6 - weekday)),
        Move::PrevMonth => day.checked_sub_months(Months::new(1)),
        Move::NextMonth => day.checked_add_months(Months::new(1)),
    };
    moved.unwrap_or(day)
}

/// Whether a day falls on a weekend (Saturday or Sunday), for styling.
pub fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_event;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn grid_covers_whole_weeks_from_monday() {
        let g = grid(YearMonth::new(2027, 3).unwrap());
        assert_eq!(
            g.first(),
            Some(&d("2027-03-01")),
            "1 March 2027 is a Monday"
        );
        assert_eq!(g.last(), Some(&d("2027-04-04")));
        assert_eq!(g.len() % 7, 0);
        let feb = grid(YearMonth::new(2026, 2).unwrap());
        assert_eq!(feb.first(), Some(&d("2026-01-26")));
        assert_eq!(feb.len(), 35);
    }

    #[test]
    fn months_step_and_parse() {
        let m = YearMonth::parse("2026-12").unwrap();
        assert_eq!(m.next().to_string(), "2027-01");
        assert_eq!(m.prev().prev().to_string(), "2026-10");
        assert_eq!(m.last_day(), d("2026-12-31"));
        for bad in ["2026-13", "2026", "x-01", "2026-00", "", "99999999-01"] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let end = YearMonth::of(NaiveDate::MAX);
        assert_eq!(end.next(), end, "no month after the last");
    }

    #[test]
    fn events_fall_on_their_days_in_their_own_zone() {
        let events = [
            // 23:30 in Yangon is already the next day in UTC.
            parse_event(&json!({"id": "a", "name": "A", "startDate": "2027-03-09T23:30:00+06:30"})).unwrap(),
            parse_event(&json!({"id": "b", "name": "B", "startDate": "2027-02-27", "endDate": "2027-03-02"})).unwrap(),
            parse_event(&json!({"id": "c", "name": "C", "startDate": "2027-03-30T09:00:00+07:00",
                "endDate": "2027-04-01T00:00:00+07:00"})).unwrap(),
            parse_event(&json!({"id": "d", "name": "D", "startDate": "2027-05-01"})).unwrap(),
        ];
        let days = days_with_events(&events, &[0, 1, 2, 3], YearMonth::new(2027, 3).unwrap());
        assert_eq!(days.get(&d("2027-03-09")), Some(&vec![0]));
        assert_eq!(days.get(&d("2027-03-10")), None);
        assert_eq!(days.get(&d("2027-03-01")), Some(&vec![1]));
        assert_eq!(days.get(&d("2027-03-02")), Some(&vec![1]));
        assert_eq!(
            days.get(&d("2027-03-31")),
            Some(&vec![2]),
            "ends at midnight: not on 1 April"
        );
        assert_eq!(days.len(), 5);
    }

    #[test]
    fn keys_move_between_days() {
        let day = d("2027-03-31");
        let mv = |k: &str| move_day(day, Move::from_key(k, false).unwrap());
        assert_eq!(mv("ArrowLeft"), d("2027-03-30"));
        assert_eq!(mv("ArrowRight"), d("2027-04-01"));
        assert_eq!(mv("ArrowUp"), d("2027-03-24"));
        assert_eq!(mv("ArrowDown"), d("2027-04-07"));
        assert_eq!(mv("Home"), d("2027-03-29"));
        assert_eq!(mv("End"), d("2027-04-04"));
        assert_eq!(mv("PageDown"), d("2027-04-30"));
        assert_eq!(mv("PageUp"), d("2027-02-28"));
        assert_eq!(Move::from_key("a", false), None);
        assert_eq!(move_day(NaiveDate::MAX, Move::NextDay), NaiveDate::MAX);
        assert!(is_weekend(d("2027-04-04")) && !is_weekend(day));
    }
}
