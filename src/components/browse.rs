//! The catalogue screen: heading, list/calendar switch, search and
//! filters, the count of what matches, and the list or the calendar; when
//! nothing matches, what to change.

use std::rc::Rc;

use regdesk_core::calendar::YearMonth;
use regdesk_core::filter::{select, Facets, Filters};
use regdesk_core::i18n::Key;
use regdesk_core::route::View;
use regdesk_core::Event;
use yew::prelude::*;

use super::calendar::Calendar;
use super::event_card::category_label;
use super::event_list::EventList;
use super::filter_bar::{mode_filter_key, FilterBar};
use crate::hooks::{use_ui, Ui};
use crate::platform::{intl, mark, now};
use crate::state::browse::{without, FilterField};
use crate::state::{BrowseAction, BrowseState, Shared};

#[derive(Properties, PartialEq)]
pub struct BrowseProps {
    pub events: Shared<Vec<Rc<Event>>>,
    pub haystacks: Shared<Vec<String>>,
    pub facets: Shared<Facets>,
    /// Feed entries that could not be shown.
    pub skipped: usize,
    pub state: UseReducerHandle<BrowseState>,
    pub on_open: Callback<String>,
}

/// Each filter that is set, with the words that name it.
fn active_filters(ui: &Ui, f: &Filters, facets: &Facets) -> Vec<(FilterField, String)> {
    let mut out = Vec::new();
    if !f.query.trim().is_empty() {
        out.push((
            FilterField::Query,
            ui.tf(Key::SearchFor, &[("query", f.query.trim())]),
        ));
    }
    if let Some(c) = &f.category {
        out.push((FilterField::Category, category_label(ui, c)));
    }
    if let Some(m) = f.mode {
        out.push((FilterField::Mode, ui.t(mode_filter_key(m)).to_string()));
    }
    if let Some(c) = &f.country {
        out.push((FilterField::Country, intl::country_name(c, ui.lang)));
    }
    if let Some(o) = &f.organizer {
        let name = facets
            .organizers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(o))
            .map(|(_, n)| ui.pick(n).to_string())
            .unwrap_or_else(|| o.clone());
        out.push((FilterField::Organizer, name));
    }
    if let Some(l) = &f.language {
        out.push((FilterField::Language, intl::language_name(l, ui.lang)));
    }
    if let Some(d) = f.from {
        out.push((
            FilterField::From,
            format!("{}: {}", ui.t(Key::FilterFrom), intl::day_long(d, ui.lang)),
        ));
    }
    if let Some(d) = f.to {
        out.push((
            FilterField::To,
            format!("{}: {}", ui.t(Key::FilterTo), intl::day_long(d, ui.lang)),
        ));
    }
    out
}

#[component]
pub fn Browse(props: &BrowseProps) -> Html {
    let ui = use_ui();
    let state = &props.state;
    use_effect_with((), |_| mark("regdesk:list-rendered"));
    let selection = use_memo(
        (
            props.events.clone(),
            props.haystacks.clone(),
            state.filters.clone(),
        ),
        |(events, haystacks, filters)| {
            let s = select(events, haystacks, filters, now());
            let mut all: Vec<usize> = s.past.iter().rev().copied().collect();
            all.extend(&s.upcoming);
            (
                Shared::new(s.upcoming),
                Shared::new(s.past),
                Shared::new(all),
            )
        },
    );
    let (upcoming, past, all) = (*selection).clone();
    let shown = if state.past {
        past.clone()
    } else {
        upcoming.clone()
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: BrowseAction| state.dispatch(a))
    };
    let on_filters = dispatch.reform(BrowseAction::Filters);
    let set_view = |v: View| dispatch.reform(move |_: MouseEvent| BrowseAction::View(v));
    let set_past = |p: bool| dispatch.reform(move |_: MouseEvent| BrowseAction::Past(p));
    let chips = active_filters(&ui, &state.filters, &props.facets);
    let count = if state.past {
        past.len()
    } else {
        upcoming.len()
    };
    let count_text = ui.tf(
        if state.past {
            Key::ResultsPast
        } else {
            Key::ResultsUpcoming
        },
        &[("count", &count.to_string())],
    );
    let filtered = !state.filters.is_empty();
    let other = if state.past {
        upcoming.len()
    } else {
        past.len()
    };

    let empty = || {
        let (message, switch) = match (filtered, state.past) {
            (true, _) => (
                Key::NoMatches,
                if state.past {
                    Key::UpcomingMatch
                } else {
                    Key::PastMatch
                },
            ),
            (false, false) => (Key::NoUpcoming, Key::PastMatch),
            (false, true) => (Key::NoPast, Key::UpcomingMatch),
        };
        html! {
            <div class="empty-state">
                <p class="empty">{ ui.t(message) }</p>
                if filtered {
                    <p class="hint">{ ui.t(Key::NoMatchesHint) }</p>
                }
                if other > 0 {
                    <button type="button" class="button secondary" part="button" onclick={set_past(!state.past)}>
                        { ui.tf(switch, &[("count", &other.to_string())]) }
                    </button>
                }
            </div>
        }
    };
    let calendar_month = state.month.unwrap_or_else(|| {
        let first = upcoming.first().or_else(|| past.first());
        first
            .and_then(|&i| props.events.get(i))
            .map(|e| YearMonth::of(e.local_days().0))
            .unwrap_or_else(|| YearMonth::of(intl::today()))
    });
    let pressed = |on: bool| if on { "true" } else { "false" };
    html! {
        <section class="browse" aria-labelledby="regdesk-events-heading">
            <div class="browse-head">
                <h2 id="regdesk-events-heading" tabindex="-1">{ ui.t(Key::EventsHeading) }</h2>
                <div class="switch" role="group" aria-label={ui.t(Key::ViewSwitch)}>
                    <button type="button" aria-pressed={pressed(state.view == View::List)} onclick={set_view(View::List)}>
                        { ui.t(Key::ViewList) }
                    </button>
                    <button type="button" aria-pressed={pressed(state.view == View::Calendar)} onclick={set_view(View::Calendar)}>
                        { ui.t(Key::ViewCalendar) }
                    </button>
                </div>
            </div>
            if props.skipped > 0 {
                <p class="notice muted skipped">
                    { ui.tf(
                        if intl::is_one(props.skipped, ui.lang) { Key::SkippedEntriesOne } else { Key::SkippedEntries },
                        &[("count", &props.skipped.to_string())],
                    ) }{ " " }
                    { ui.t(Key::SkippedDetails) }
                </p>
            }
            <FilterBar filters={state.filters.clone()} facets={props.facets.clone()} on_change={on_filters.clone()} />
            <div class="results-head">
                if state.view == View::List {
                    <div class="switch period" role="group" aria-label={ui.t(Key::Period)}>
                        <button type="button" aria-pressed={pressed(!state.past)} onclick={set_past(false)}>
                            { ui.t(Key::ShowUpcoming) }{ format!(" ({})", upcoming.len()) }
                        </button>
                        <button type="button" aria-pressed={pressed(state.past)} onclick={set_past(true)}>
                            { ui.t(Key::ShowPast) }{ format!(" ({})", past.len()) }
                        </button>
                    </div>
                }
                <p class="result-count" role="status" aria-live="polite">{ count_text }</p>
            </div>
            if !chips.is_empty() {
                <ul class="chips" role="list">
                    { for chips.into_iter().map(|(field, label)| {
                        let onclick = {
                            let (filters, on_filters) = (state.filters.clone(), on_filters.clone());
                            Callback::from(move |_: MouseEvent| on_filters.emit(without(&filters, field)))
                        };
                        html! {
                            <li>
                                <button type="button" class="chip" {onclick}
                                    aria-label={ui.tf(Key::RemoveFilter, &[("filter", &label)])}>
                                    <span>{ label }</span><span class="chip-x" aria-hidden="true">{ "×" }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            if state.view == View::Calendar {
                <Calendar events={props.events.clone()} order={all} month={calendar_month} day={state.day}
                    dispatch={dispatch.clone()} on_open={props.on_open.clone()} />
            } else if shown.is_empty() {
                { empty() }
            } else {
                <EventList events={props.events.clone()} order={shown} on_open={props.on_open.clone()} />
            }
        </section>
    }
}
