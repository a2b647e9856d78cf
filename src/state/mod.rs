//! The widget's state as pure reducers: no browser calls, so they are unit
//! tested natively.

pub mod browse;
pub mod catalogue;
pub mod form;
pub mod outbox;
pub mod retry;
pub mod submission;

pub use browse::{BrowseAction, BrowseState};
pub use catalogue::{CatalogueAction, CatalogueState, Confirmation, Screen};
pub use form::{FormAction, FormState, Phase};
pub use submission::SubmitProblem;

use std::ops::Deref;
use std::rc::Rc;

/// Data shared between renders and compared by identity, never by content:
/// a catalogue of 5,000 events is not compared field by field each time a
/// component asks whether its properties changed.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
