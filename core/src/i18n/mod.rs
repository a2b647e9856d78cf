//! Interface text. Every string the widget shows goes through [`text`], in
//! the visitor's language; each language is one file with one exhaustive
//! `match`, so a key missing from a language does not compile.
//!
//! Placeholders are written `{name}` and filled by [`fill`].

mod en;
mod vi;

/// A language the interface is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Vi => "Tiếng Việt",
        }
    }

    /// The interface language for a BCP 47 tag (`vi-VN` gives Vietnamese);
    /// `None` when there is no interface in that language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The first supported language among `tags`, in order, else English.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }
}

macro_rules! keys {
    ($($(#[$doc:meta])* $key:ident,)*) => {
        /// Every piece of interface text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($(#[$doc])* $key,)*
        }

        impl Key {
            /// Every key, for completeness tests.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }
    };
}

keys! {
    // Catalogue
    EventsHeading,
    LoadingEvents,
    FeedFailed,
    Retry,
    SkippedEntries,
    NoEvents,
    BackToEvents,
    EventNotFound,
    Loading,
    OrganisedBy,
    LanguagesSpoken,
    YourTime,
    AllDay,
    Online,
    ModeOffline,
    ModeOnline,
    ModeMixed,
    Capacity,
    // Availability
    SeatsLeft,
    AlmostFull,
    FullWaitlist,
    Full,
    OpensOn,
    RegistrationClosed,
    Cancelled,
    Postponed,
    MoreInformation,
    Register,
    // Form
    RegisterHeading,
    RequiredHint,
    Optional,
    FullName,
    Email,
    Organisation,
    JobTitle,
    Country,
    Phone,
    ChooseOne,
    ConnectionSite,
    Attendee,
    ConsentHeading,
    Submit,
    Sending,
    ErrorSummaryTitle,
    // Form: issue 4 (registration)
    AddAttendee,
    GroupHint,
    RemoveAttendee,
    SameAsFirst,
    WaitlistNotice,
    GroupOverSeats,
    JoinWaitlist,
    HoneypotLabel,
    ErrorPrefix,
    // Validation
    ErrRequired,
    ErrTooLong,
    ErrEmail,
    ErrPhone,
    ErrNotAnOption,
    ErrNumber,
    ErrTooSmall,
    ErrTooLarge,
    ErrDate,
    ErrUrl,
    ErrPattern,
    ErrConsent,
    ErrLocation,
    ErrAttendees,
    // Validation: issue 4 (registration)
    ErrDuplicateEmail,
    ErrHoneypot,
    ErrTooFast,
    // Submission
    ErrNetwork,
    ErrAlreadyRegistered,
    ErrClosed,
    ErrUnknownEvent,
    ErrServer,
    TryAgain,
    // Submission: issue 4 (registration)
    Retrying,
    QueuedTitle,
    QueuedBody,
    SendNow,
    ErrFull,
    OutboxSent,
    OutboxFailed,
    Dismiss,
    // Confirmation
    ConfirmedTitle,
    WaitlistedTitle,
    PendingTitle,
    YourReference,
    ConfirmedNext,
    WaitlistedNext,
    RegisterAnother,
    // Confirmation: issue 4 (registration)
    PendingNext,
    YourPlace,
    AddToCalendar,
    DownloadIcs,
    GoogleCalendar,
    OutlookCalendar,
}

/// The text of `key` in `lang`.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::En => en::text(key),
        Lang::Vi => vi::text(key),
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_primary_tag() {
        assert_eq!(Lang::negotiate(["fr", "vi-VN", "en"]), Lang::Vi);
        assert_eq!(Lang::negotiate(["fr"]), Lang::En);
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("{count} of {max}", &[("count", "3"), ("max", "10")]),
            "3 of 10"
        );
    }

    #[test]
    fn placeholders_agree_across_languages() {
        fn names(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split('}').next())
                .collect();
            v.sort_unstable();
            v
        }
        for &key in Key::ALL {
            let en = names(text(Lang::En, key));
            for lang in Lang::ALL {
                assert_eq!(names(text(lang, key)), en, "{key:?} in {lang:?}");
                assert!(!text(lang, key).trim().is_empty(), "{key:?} in {lang:?}");
            }
        }
    }
}
