//! Search and filters: free text, category, how to attend, country,
//! organiser, language and dates. A filter is offered only when the
//! catalogue has a choice to make (or when it is set, so it can be undone).

use chrono::NaiveDate;
use regdesk_core::filter::{Facets, Filters};
use regdesk_core::i18n::Key;
use regdesk_core::route::parse_mode;
use regdesk_core::AttendanceMode;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::event_card::category_label;
use crate::hooks::{use_ui, Ui};
use crate::platform::intl;
use crate::state::Shared;

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub filters: Filters,
    pub facets: Shared<Facets>,
    pub on_change: Callback<Filters>,
}

/// The value of the input or select an event came from.
fn value_of(e: &Event) -> String {
    let target = e.target();
    if let Some(input) = target
        .clone()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    {
        return input.value();
    }
    target
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn some(value: String) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

/// The label a mode has among the filters (online and in person include hybrid).
pub fn mode_filter_key(mode: AttendanceMode) -> Key {
    match mode {
        AttendanceMode::Online => Key::FilterModeOnline,
        AttendanceMode::Offline => Key::FilterModeOffline,
        AttendanceMode::Mixed => Key::FilterModeMixed,
    }
}

/// One `<select>` with "Any" and `options` (value, label).
fn select(
    ui: &Ui,
    id: &'static str,
    label: Key,
    current: Option<&str>,
    options: Vec<(String, String)>,
    onchange: Callback<Option<String>>,
) -> Html {
    let current_known =
        current.is_none_or(|c| options.iter().any(|(v, _)| v.eq_ignore_ascii_case(c)));
    if options.len() < 2 && current.is_none() {
        return Html::default();
    }
    html! {
        <div class="filter">
            <label for={id}>{ ui.t(label) }</label>
            <select {id} onchange={onchange.reform(|e: Event| some(value_of(&e)))}>
                <option value="" selected={current.is_none()}>{ ui.t(Key::FilterAny) }</option>
                if !current_known {
                    // A preset or link naming something the feed lacks: still shown, so it can be undone.
                    <option value={current.unwrap_or_default().to_string()} selected=true>{ current.unwrap_or_default() }</option>
                }
                { for options.into_iter().map(|(value, text)| {
                    let selected = current.is_some_and(|c| c.eq_ignore_ascii_case(&value));
                    html! { <option value={value} {selected}>{ text }</option> }
                }) }
            </select>
        </div>
    }
}

#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let ui = use_ui();
    let f = &props.filters;
    let facets = &props.facets;
    let change = |apply: fn(&mut Filters, Option<String>)| {
        let (filters, on_change) = (f.clone(), props.on_change.clone());
        Callback::from(move |value: Option<String>| {
            let mut next = filters.clone();
            apply(&mut next, value);
            on_change.emit(next);
        })
    };
    let on_query = {
        let (filters, on_change) = (f.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let mut next = filters.clone();
            next.query = value_of(&e);
            on_change.emit(next);
        })
    };
    let on_date = |apply: fn(&mut Filters, Option<NaiveDate>)| {
        let (filters, on_change) = (f.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let mut next = filters.clone();
            apply(
                &mut next,
                NaiveDate::parse_from_str(&value_of(&e), "%Y-%m-%d").ok(),
            );
            on_change.emit(next);
        })
    };
    let clear = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(Filters::default()))
    };
    let set_beyond_query = f.active_count() - usize::from(!f.query.trim().is_empty());
    let summary = if set_beyond_query > 0 {
        ui.tf(
            Key::FiltersActive,
            &[("count", &set_beyond_query.to_string())],
        )
    } else {
        ui.t(Key::FiltersHeading).to_string()
    };
    let date_value = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    html! {
        <div class="filter-bar" role="search">
            <div class="search">
                <label for="regdesk-q">{ ui.t(Key::SearchLabel) }</label>
                <span class="hint" id="regdesk-q-hint">{ ui.t(Key::SearchHint) }</span>
                <input type="search" id="regdesk-q" aria-describedby="regdesk-q-hint" autocomplete="off"
                    spellcheck="false" value={f.query.clone()} oninput={on_query} />
            </div>
            <details class="filters" open={set_beyond_query > 0}>
                <summary>{ summary }</summary>
                <div class="filter-grid">
                    { select(&ui, "regdesk-cat", Key::FilterCategory, f.category.as_deref(),
                        facets.categories.iter().map(|c| (c.clone(), category_label(&ui, c))).collect(),
                        change(|f, v| f.category = v)) }
                    { select(&ui, "regdesk-mode", Key::FilterMode, f.mode.map(|m| m.as_str()),
                        facets.modes.iter().map(|m| (m.as_str().to_string(), ui.t(mode_filter_key(*m)).to_string())).collect(),
                        change(|f, v| f.mode = v.as_deref().and_then(parse_mode))) }
                    { select(&ui, "regdesk-country", Key::Country, f.country.as_deref(),
                        facets.countries.iter().map(|c| (c.clone(), intl::country_name(c, ui.lang))).collect(),
                        change(|f, v| f.country = v.map(|c| c.to_ascii_uppercase()))) }
                    { select(&ui, "regdesk-org", Key::FilterOrganizer, f.organizer.as_deref(),
                        facets.organizers.iter().map(|(k, name)| (k.clone(), ui.pick(name).to_string())).collect(),
                        change(|f, v| f.organizer = v)) }
                    { select(&ui, "regdesk-lang", Key::FilterLanguage, f.language.as_deref(),
                        facets.languages.iter().map(|l| (l.clone(), intl::language_name(l, ui.lang))).collect(),
                        change(|f, v| f.language = v)) }
                    <div class="filter">
                        <label for="regdesk-from">{ ui.t(Key::FilterFrom) }</label>
                        <input type="date" id="regdesk-from" value={date_value(f.from)} max={f.to.map(|d| d.to_string())} onchange={on_date(|f, d| f.from = d)} />
                    </div>
                    <div class="filter">
                        <label for="regdesk-to">{ ui.t(Key::FilterTo) }</label>
                        <input type="date" id="regdesk-to" value={date_value(f.to)} min={f.from.map(|d| d.to_string())} onchange={on_date(|f, d| f.to = d)} />
                    </div>
                </div>
            </details>
            if !f.is_empty() {
                <button type="button" class="button secondary clear" part="button" onclick={clear}>
                    { ui.t(Key::ClearFilters) }
                </button>
            }
        </div>
    }
}
