//! How the visitor looks at the catalogue: list or calendar, the filters,
//! upcoming or past, and the calendar's month and day. What of it a link
//! should keep goes into the URL hash ([`regdesk_core::route`]).

use std::rc::Rc;

use chrono::NaiveDate;
use regdesk_core::calendar::YearMonth;
use regdesk_core::filter::{primary_language, Filters};
use regdesk_core::route::{parse_mode, View, ViewState};
use yew::Reducible;

use crate::platform::mount::WidgetConfig;

/// One filter, to remove it alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Query,
    Category,
    Mode,
    Country,
    Organizer,
    Language,
    From,
    To,
}

/// `filters` without `field`.
pub fn without(filters: &Filters, field: FilterField) -> Filters {
    let mut f = filters.clone();
    match field {
        FilterField::Query => f.query.clear(),
        FilterField::Category => f.category = None,
        FilterField::Mode => f.mode = None,
        FilterField::Country => f.country = None,
        FilterField::Organizer => f.organizer = None,
        FilterField::Language => f.language = None,
        FilterField::From => f.from = None,
        FilterField::To => f.to = None,
    }
    f
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BrowseState {
    pub view: View,
    pub filters: Filters,
    pub past: bool,
    /// The calendar's month; `None`: the month of the first event shown.
    pub month: Option<YearMonth>,
    /// The calendar's chosen day (focus stays on it).
    pub day: Option<NaiveDate>,
}

pub enum BrowseAction {
    Filters(Filters),
    View(View),
    Past(bool),
    Month(YearMonth),
    Day(NaiveDate),
    /// The state a link or Back brought.
    Restore(ViewState),
}

impl BrowseState {
    pub fn from_view(v: &ViewState) -> Self {
        Self {
            view: v.view,
            filters: v.filters.clone(),
            past: v.past,
            month: v.month,
            day: None,
        }
    }

    /// What the URL hash records, with the open event.
    pub fn to_view(&self, event: Option<String>) -> ViewState {
        ViewState {
            view: self.view,
            filters: self.filters.clone(),
            past: self.past,
            month: if self.view == View::Calendar {
                self.month
            } else {
                None
            },
            event,
        }
    }
}

impl Reducible for BrowseState {
    type Action = BrowseAction;

    fn reduce(self: Rc<Self>, action: BrowseAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            BrowseAction::Filters(f) => next.filters = f,
            BrowseAction::View(v) => next.view = v,
            BrowseAction::Past(p) => next.past = p,
            BrowseAction::Month(m) => {
                next.month = Some(m);
                // Keep the chosen day in the month shown.
                next.day = next.day.map(|d| {
                    if YearMonth::of(d) == m {
                        d
                    } else {
                        m.first_day()
                    }
                });
            }
            BrowseAction::Day(d) => {
                next.day = Some(d);
                next.month = Some(YearMonth::of(d));
            }
            BrowseAction::Restore(v) => {
                let day = next
                    .day
                    .filter(|d| v.month.is_none_or(|m| YearMonth::of(*d) == m));
                next = Self::from_view(&v);
                next.day = day;
            }
        }
        if next == *self {
            return self;
        }
        Rc::new(next)
    }
}

/// The state a widget starts in before any link or Back: `data-view` and
/// the preset filters of its attributes (contract section 1).
pub fn presets(config: &WidgetConfig) -> ViewState {
    let filters = Filters {
        query: String::new(),
        category: config.category.clone(),
        mode: config.mode.as_deref().and_then(parse_mode),
        country: config
            .country
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| regdesk_core::country::is_known(c)),
        organizer: config.organizer.clone(),
        language: None,
        from: None,
        to: None,
    };
    ViewState {
        view: config
            .view
            .as_deref()
            .and_then(View::parse)
            .unwrap_or_default(),
        filters,
        past: false,
        month: None,
        event: config.event.clone(),
    }
}

/// The language filter's value for a BCP 47 tag.
pub fn language_filter(tag: &str) -> Option<String> {
    Some(primary_language(tag)).filter(|l| !l.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regdesk_core::AttendanceMode;

    fn config() -> WidgetConfig {
        WidgetConfig {
            view: Some("calendar".into()),
            organizer: Some("vss".into()),
            category: Some("seminar".into()),
            country: Some("vn".into()),
            mode: Some("online".into()),
            ..WidgetConfig::default()
        }
    }

    #[test]
    fn presets_come_from_the_attributes() {
        let v = presets(&config());
        assert_eq!(v.view, View::Calendar);
        assert_eq!(v.filters.country.as_deref(), Some("VN"));
        assert_eq!(v.filters.mode, Some(AttendanceMode::Online));
        assert_eq!(v.filters.active_count(), 4);
        let bad = WidgetConfig {
            view: Some("event".into()),
            country: Some("Vietnam".into()),
            mode: Some("both".into()),
            ..WidgetConfig::default()
        };
        let v = presets(&bad);
        assert_eq!((v.view, v.filters.active_count()), (View::List, 0));
    }

    #[test]
    fn round_trips_through_the_view_state() {
        let v = presets(&config());
        let s = BrowseState::from_view(&v);
        assert_eq!(s.to_view(None), v);
        let list = BrowseState {
            month: YearMonth::new(2027, 3),
            ..BrowseState::default()
        };
        assert_eq!(
            list.to_view(None).month,
            None,
            "the month matters to the calendar only"
        );
    }

    #[test]
    fn days_pick_their_month_and_months_keep_the_day_inside() {
        let s = Rc::new(BrowseState::default());
        let day: NaiveDate = "2027-03-31".parse().unwrap();
        let s = s.reduce(BrowseAction::Day(day));
        assert_eq!(s.month, YearMonth::new(2027, 3));
        let s = s.reduce(BrowseAction::Month(YearMonth::new(2027, 4).unwrap()));
        assert_eq!(s.day, Some("2027-04-01".parse().unwrap()));
    }

    #[test]
    fn removing_one_filter_keeps_the_others() {
        let f = presets(&config()).filters;
        let g = without(&f, FilterField::Country);
        assert_eq!(g.country, None);
        assert_eq!(g.active_count(), 3);
        assert_eq!(without(&g, FilterField::Query), g);
    }

    #[test]
    fn an_unchanged_state_is_the_same_state() {
        let s = Rc::new(BrowseState::default());
        let same = s.clone().reduce(BrowseAction::Past(false));
        assert!(Rc::ptr_eq(&s, &same), "no re-render for nothing");
    }
}
