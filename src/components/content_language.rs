//! The note that an event's text is in another language than the interface
//! (issue 7), e.g. "Written in English" on a Thai interface.

use regdesk_core::i18n::Key;
use yew::prelude::*;

use crate::hooks::use_ui;
use crate::platform::intl;

#[derive(Properties, PartialEq)]
pub struct ContentLanguageProps {
    /// The BCP 47 tag of the language the text is in.
    pub tag: AttrValue,
}

#[component]
pub fn ContentLanguage(props: &ContentLanguageProps) -> Html {
    let ui = use_ui();
    let name = intl::language_name(&props.tag, ui.lang);
    html! {
        <p class="content-lang">{ ui.tf(Key::ContentLanguage, &[("language", &name)]) }</p>
    }
}
