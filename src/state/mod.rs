//! The widget's state as pure reducers: no browser calls, so they are unit
//! tested natively.

pub mod catalogue;
pub mod form;
pub mod outbox;
pub mod retry;
pub mod submission;

pub use catalogue::{CatalogueAction, CatalogueState, Confirmation, Screen};
pub use form::{FormAction, FormState, Phase};
pub use submission::SubmitProblem;
