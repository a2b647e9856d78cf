//! The month grid. Keyboard: the grid is one tab stop (roving tabindex);
//! arrow keys move between days, Home and End to the week's ends, Page Up
//! and Page Down between months, Enter to the chosen day's events, which
//! are listed under the grid. Events sit on their days in their own zone.

use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use regdesk_core::calendar::{days_with_events, grid, is_weekend, move_day, Move, YearMonth};
use regdesk_core::i18n::Key;
use regdesk_core::Event;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::event_card::EventCard;
use crate::hooks::use_ui;
use crate::platform::intl;
use crate::state::{BrowseAction, Shared};

/// Event names written in a day's cell; the rest are counted.
const NAMES_IN_CELL: usize = 2;

#[derive(Properties, PartialEq)]
pub struct CalendarProps {
    pub events: Shared<Vec<Rc<Event>>>,
    /// The events that match the filters, soonest first.
    pub order: Shared<Vec<usize>>,
    pub month: YearMonth,
    pub day: Option<NaiveDate>,
    pub dispatch: Callback<BrowseAction>,
    pub on_open: Callback<String>,
}

#[component]
pub fn Calendar(props: &CalendarProps) -> Html {
    let ui = use_ui();
    let month = props.month;
    let today = intl::today();
    let grid_ref = use_node_ref();
    let list_ref = use_node_ref();
    // Set by a key press: after the next render, focus follows the chosen day.
    let focus_pending = use_mut_ref(|| false);
    let days = use_memo(
        (props.events.clone(), props.order.clone(), month),
        |(events, order, month)| days_with_events(events, order, *month),
    );
    let weekdays = use_memo(ui.lang, |lang| intl::weekdays(*lang));
    let active = props
        .day
        .filter(|d| YearMonth::of(*d) == month)
        .or_else(|| days.keys().next().copied())
        .or_else(|| (YearMonth::of(today) == month).then_some(today))
        .unwrap_or_else(|| month.first_day());
    {
        let (grid_ref, focus_pending) = (grid_ref.clone(), focus_pending.clone());
        use_effect_with(active, move |active| {
            if std::mem::take(&mut *focus_pending.borrow_mut()) {
                let selector = format!("[data-date=\"{active}\"]");
                if let Some(cell) = grid_ref
                    .cast::<HtmlElement>()
                    .and_then(|g| g.query_selector(&selector).ok().flatten())
                    .and_then(|c| c.dyn_into::<HtmlElement>().ok())
                {
                    let _ = cell.focus();
                }
            }
        });
    }
    let onkeydown = {
        let (dispatch, focus_pending, list_ref) = (
            props.dispatch.clone(),
            focus_pending.clone(),
            list_ref.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                if let Some(first) = list_ref
                    .cast::<HtmlElement>()
                    .and_then(|l| l.query_selector(".card-title button").ok().flatten())
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
                return;
            }
            if let Some(step) = Move::from_key(&e.key(), e.shift_key()) {
                e.prevent_default();
                *focus_pending.borrow_mut() = true;
                dispatch.emit(BrowseAction::Day(move_day(active, step)));
            }
        })
    };
    let go = |m: YearMonth| {
        props
            .dispatch
            .reform(move |_: MouseEvent| BrowseAction::Month(m))
    };
    let to_today = props
        .dispatch
        .reform(move |_: MouseEvent| BrowseAction::Day(today));
    let cells = grid(month);
    let chosen: Vec<usize> = days.get(&active).cloned().unwrap_or_default();
    let title_id = "regdesk-cal-title";
    html! {
        <div class="calendar">
            <div class="cal-head">
                <button type="button" class="button secondary icon" part="button" onclick={go(month.prev())}
                    aria-label={ui.t(Key::PrevMonth)} title={ui.t(Key::PrevMonth)}>{ "‹" }</button>
                <h3 id={title_id} class="cal-title" aria-live="polite">{ intl::month_long(month, ui.lang) }</h3>
                <button type="button" class="button secondary icon" part="button" onclick={go(month.next())}
                    aria-label={ui.t(Key::NextMonth)} title={ui.t(Key::NextMonth)}>{ "›" }</button>
                <button type="button" class="button secondary" part="button" onclick={to_today}>{ ui.t(Key::Today) }</button>
            </div>
            <p id="regdesk-cal-help" class="hint">{ ui.t(Key::CalendarHelp) }</p>
            <table class="cal-grid" role="grid" aria-labelledby={title_id} aria-describedby="regdesk-cal-help"
                ref={grid_ref} {onkeydown}>
                <thead>
                    <tr>
                        { for weekdays.iter().map(|(short, long)| html! {
                            <th scope="col" abbr={long.clone()}><span aria-hidden="true">{ short }</span><span class="visually-hidden">{ long }</span></th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for cells.chunks(7).map(|week| html! {
                        <tr>
                            { for week.iter().map(|&day| {
                                let on_day: Vec<&Rc<Event>> = days.get(&day).map(|list| {
                                    list.iter().filter_map(|&i| props.events.get(i)).collect()
                                }).unwrap_or_default();
                                let is_active = day == active;
                                let onclick = props.dispatch.reform(move |_: MouseEvent| BrowseAction::Day(day));
                                let class = classes!(
                                    "cal-day",
                                    (YearMonth::of(day) != month).then_some("outside"),
                                    is_weekend(day).then_some("weekend"),
                                    (!on_day.is_empty()).then_some("has-events"),
                                    is_active.then_some("active"),
                                );
                                html! {
                                    <td role="gridcell" {class} data-date={day.to_string()}
                                        tabindex={if is_active { "0" } else { "-1" }}
                                        aria-selected={if is_active { "true" } else { "false" }}
                                        aria-current={(day == today).then_some("date")}
                                        {onclick}>
                                        // The name comes from the content (the full date, then the
                                        // count), not aria-label: the cell also shows event names.
                                        <span class="visually-hidden">{ intl::day_long(day, ui.lang) }</span>
                                        <span class="day-number" aria-hidden="true">{ day.day() }</span>
                                        if !on_day.is_empty() {
                                            <span class="visually-hidden">{ ", " }{ ui.tf(Key::DayEvents, &[("count", &on_day.len().to_string())]) }</span>
                                            <span class="day-events" aria-hidden="true">
                                                { for on_day.iter().take(NAMES_IN_CELL).map(|e| html! {
                                                    <span class="day-event">{ ui.pick(&e.name) }</span>
                                                }) }
                                                if on_day.len() > NAMES_IN_CELL {
                                                    <span class="day-more">{ ui.tf(Key::MoreOnDay, &[("count", &(on_day.len() - NAMES_IN_CELL).to_string())]) }</span>
                                                }
                                                <span class="day-dot">{ on_day.len() }</span>
                                            </span>
                                        }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <section class="day-list" ref={list_ref} aria-labelledby="regdesk-day-heading">
                <h3 id="regdesk-day-heading">{ ui.tf(Key::EventsOnDay, &[("date", &intl::day_long(active, ui.lang))]) }</h3>
                if chosen.is_empty() {
                    <p class="empty">{ ui.t(Key::NoEventsOnDay) }</p>
                } else {
                    <ul class="cards" role="list">
                        { for chosen.iter().filter_map(|&i| props.events.get(i)).map(|event| html! {
                            <li key={event.id.clone()}>
                                <EventCard event={event.clone()} on_open={props.on_open.clone()} />
                            </li>
                        }) }
                    </ul>
                }
            </section>
        </div>
    }
}
