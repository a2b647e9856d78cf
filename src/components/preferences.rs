//! The visitor's choices (issue 7): the interface language, listed by each
//! language's own name, and the zone times are shown in first.

use regdesk_core::i18n::Key;
use regdesk_core::Lang;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_ui;
use crate::platform::intl;

#[derive(Properties, PartialEq)]
pub struct PreferencesProps {
    pub on_lang: Callback<Lang>,
    /// `true`: the visitor's own zone first.
    pub on_zone: Callback<bool>,
}

fn selected(e: Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

#[component]
pub fn Preferences(props: &PreferencesProps) -> Html {
    let ui = use_ui();
    let on_lang = props
        .on_lang
        .reform(|e: Event| Lang::from_tag(&selected(e)).unwrap_or_default());
    let on_zone = props.on_zone.reform(|e: Event| selected(e) == "visitor");
    let visitor_zone = intl::visitor_zone();
    html! {
        <div class="preferences">
            <div class="pref">
                <label for="regdesk-ui-lang">{ ui.t(Key::LanguageSwitch) }</label>
                <select id="regdesk-ui-lang" onchange={on_lang}>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.tag()} lang={l.tag()} selected={*l == ui.lang}>{ l.native_name() }</option>
                    }) }
                </select>
            </div>
            if let Some(zone) = visitor_zone {
                <div class="pref">
                    <label for="regdesk-ui-zone">{ ui.t(Key::ZoneSwitch) }</label>
                    <select id="regdesk-ui-zone" onchange={on_zone}>
                        <option value="event" selected={!ui.visitor_first}>{ ui.t(Key::ZoneOfEvent) }</option>
                        <option value="visitor" selected={ui.visitor_first}>
                            { ui.tf(Key::ZoneOfVisitor, &[("zone", &intl::zone_label(&zone))]) }
                        </option>
                    </select>
                </div>
            }
        </div>
    }
}
