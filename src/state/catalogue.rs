//! What the widget shows: the loaded catalogue and which screen is open.

use std::rc::Rc;

use regdesk_core::filter::{facets, Facets};
use regdesk_core::search::haystack;
use regdesk_core::{Event, Feed};
use yew::Reducible;

use super::Shared;

/// The answer the endpoint gave to a registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    pub event_id: String,
    pub reference: String,
    /// `confirmed`, `waitlisted` or `pending`.
    pub status: String,
    /// The connection site registered for, if the event has any.
    pub location_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    List,
    Event(String),
    Register(String),
    Confirmed(Confirmation),
}

/// Why the feed could not be read, in the visitor's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedProblem {
    /// No answer: offline, DNS, CORS.
    Network,
    /// The server answered with this status.
    Status(u16),
    /// Not JSON, or JSON with no list of events.
    Format,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Loading {
    Pending,
    Failed(FeedProblem),
    Loaded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogueState {
    pub loading: Loading,
    /// Sorted by start.
    pub events: Shared<Vec<Rc<Event>>>,
    /// Each event's folded text for search, in the same order.
    pub haystacks: Shared<Vec<String>>,
    /// The choices the filters offer.
    pub facets: Shared<Facets>,
    /// Feed entries that could not be shown.
    pub skipped: usize,
    pub screen: Screen,
    /// Counts loads asked for; a change loads the feed again.
    pub generation: u32,
}

pub enum CatalogueAction {
    Reload,
    Loaded(Feed),
    Failed(FeedProblem),
    Open(String),
    /// The open event as the URL hash has it (Back, a pasted link).
    Restore(Option<String>),
    Register(String),
    Confirmed(Confirmation),
    Back,
}

impl CatalogueState {
    /// The start screen: `data-event` opens one event directly.
    pub fn new(event: Option<String>) -> Self {
        Self {
            loading: Loading::Pending,
            events: Shared::default(),
            haystacks: Shared::default(),
            facets: Shared::default(),
            skipped: 0,
            screen: event.map(Screen::Event).unwrap_or(Screen::List),
            generation: 0,
        }
    }

    pub fn event(&self, id: &str) -> Option<Rc<Event>> {
        self.events.iter().find(|e| e.id == id).cloned()
    }
}

impl Reducible for CatalogueState {
    type Action = CatalogueAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CatalogueAction::Reload => {
                next.loading = Loading::Pending;
                next.generation += 1;
            }
            CatalogueAction::Loaded(feed) => {
                let mut events: Vec<Rc<Event>> = feed.events.into_iter().map(Rc::new).collect();
                events.sort_by_key(|e| e.starts_at());
                next.haystacks = Shared::new(events.iter().map(|e| haystack(e)).collect());
                next.facets = Shared::new(facets(&events));
                next.events = Shared::new(events);
                next.skipped = feed.skipped.len();
                next.loading = Loading::Loaded;
            }
            CatalogueAction::Failed(why) => next.loading = Loading::Failed(why),
            CatalogueAction::Open(id) => next.screen = Screen::Event(id),
            CatalogueAction::Restore(event) => {
                next.screen = match (event, &self.screen) {
                    // Registering for that event, or just registered: stay.
                    (Some(id), Screen::Register(on)) if *on == id => self.screen.clone(),
                    (Some(id), Screen::Confirmed(c)) if c.event_id == id => self.screen.clone(),
                    (Some(id), _) => Screen::Event(id),
                    (None, _) => Screen::List,
                }
            }
            CatalogueAction::Register(id) => next.screen = Screen::Register(id),
            CatalogueAction::Confirmed(c) => next.screen = Screen::Confirmed(c),
            CatalogueAction::Back => {
                next.screen = match &self.screen {
                    Screen::Register(id) => Screen::Event(id.clone()),
                    _ => Screen::List,
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regdesk_core::parse_feed;

    fn feed() -> Feed {
        parse_feed(
            r#"[{"id": "b", "name": "B", "startDate": "2027-02-01"},
                       {"id": "a", "name": "A", "startDate": "2027-01-01"}, {"id": 1}]"#,
        )
        .expect("a feed")
    }

    #[test]
    fn loading_sorts_and_counts_skipped() {
        let s = Rc::new(CatalogueState::new(None)).reduce(CatalogueAction::Loaded(feed()));
        assert_eq!(
            s.events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!((s.skipped, &s.loading), (1, &Loading::Loaded));
        assert_eq!(s.haystacks.as_slice(), ["\na", "\nb"]);
    }

    #[test]
    fn the_hash_opens_and_closes_events() {
        let s = Rc::new(CatalogueState::new(None));
        let s = s.reduce(CatalogueAction::Restore(Some("a".into())));
        assert_eq!(s.screen, Screen::Event("a".into()));
        let s = s.reduce(CatalogueAction::Register("a".into()));
        let s = s.reduce(CatalogueAction::Restore(Some("a".into())));
        assert_eq!(
            s.screen,
            Screen::Register("a".into()),
            "the form stays open"
        );
        assert_eq!(
            s.reduce(CatalogueAction::Restore(None)).screen,
            Screen::List
        );
    }

    #[test]
    fn back_goes_up_one_screen() {
        let s = Rc::new(CatalogueState::new(None));
        let s = s
            .reduce(CatalogueAction::Open("a".into()))
            .reduce(CatalogueAction::Register("a".into()));
        assert_eq!(s.screen, Screen::Register("a".into()));
        let s = s.reduce(CatalogueAction::Back);
        assert_eq!(s.screen, Screen::Event("a".into()));
        assert_eq!(s.reduce(CatalogueAction::Back).screen, Screen::List);
    }
}
