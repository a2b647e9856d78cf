//! What every component of one widget shares: its language and host element.

use std::rc::Rc;

use regdesk_core::i18n::{self, Key};
use regdesk_core::Lang;
use web_sys::Element;
use yew::prelude::*;

use crate::platform::mount::WidgetConfig;

#[derive(Clone, PartialEq)]
pub struct Ui {
    pub lang: Lang,
    /// Times in the visitor's zone first (issue 7); else the event's.
    pub visitor_first: bool,
    pub host: Element,
    pub config: Rc<WidgetConfig>,
}

impl Ui {
    /// Interface text in the widget's language.
    pub fn t(&self, key: Key) -> &'static str {
        i18n::text(self.lang, key)
    }

    /// Interface text with its `{placeholders}` filled.
    pub fn tf(&self, key: Key, args: &[(&str, &str)]) -> String {
        i18n::fill(self.t(key), args)
    }

    /// Feed text (a language map) in the widget's language.
    pub fn pick<'a>(&self, text: &'a regdesk_core::LocalizedText) -> &'a str {
        text.get(self.lang.tag())
    }

    /// An event's text in the widget's language, else in the event's own
    /// language(s) (`inLanguage`), else English, else any; with the tag of
    /// the language used when it is not the interface's (issue 7).
    pub fn pick_own<'a>(
        &self,
        text: &'a regdesk_core::LocalizedText,
        own: &[String],
    ) -> (&'a str, Option<&'a str>) {
        let own: Vec<&str> = own.iter().map(String::as_str).collect();
        match text.resolve(self.lang.tag(), &own) {
            Some((tag, t)) => {
                let other = !tag.is_empty() && Lang::from_tag(tag) != Some(self.lang);
                (t, other.then_some(tag))
            }
            None => ("", None),
        }
    }
}

/// The widget's [`Ui`]; components are always rendered under its provider.
#[hook]
pub fn use_ui() -> Ui {
    use_context::<Ui>().unwrap_or_else(|| Ui {
        lang: Lang::default(),
        visitor_first: false,
        host: gloo::utils::document()
            .create_element("div")
            .unwrap_or_else(|_| gloo::utils::body().into()),
        config: Rc::default(),
    })
}
