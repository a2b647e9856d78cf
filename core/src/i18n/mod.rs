//! Interface text. Every string the widget shows goes through [`text`], in
//! the visitor's language; each language is one file with one exhaustive
//! `match`, so a key missing from a language does not compile.
//!
//! Placeholders are written `{name}` and filled by [`fill`]. How to add a
//! key or a language: docs/i18n.md.

mod en;
mod fil;
mod id;
mod km;
mod lo;
mod ms;
mod my;
mod pt;
mod th;
mod vi;

/// A language the interface is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Vi,
    Th,
    Id,
    Ms,
    Fil,
    Lo,
    Km,
    My,
    /// Portuguese as written in Timor-Leste (European norm).
    Pt,
}

impl Lang {
    /// Every interface language, in the order the language switch lists them.
    pub const ALL: [Lang; 10] = [
        Lang::En,
        Lang::Vi,
        Lang::Th,
        Lang::Id,
        Lang::Ms,
        Lang::Fil,
        Lang::Lo,
        Lang::Km,
        Lang::My,
        Lang::Pt,
    ];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
            Lang::Th => "th",
            Lang::Id => "id",
            Lang::Ms => "ms",
            Lang::Fil => "fil",
            Lang::Lo => "lo",
            Lang::Km => "km",
            Lang::My => "my",
            Lang::Pt => "pt",
        }
    }

    /// The language's own name, in its own script, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Vi => "Tiếng Việt",
            Lang::Th => "ไทย",
            Lang::Id => "Bahasa Indonesia",
            Lang::Ms => "Bahasa Melayu",
            Lang::Fil => "Filipino",
            Lang::Lo => "ລາວ",
            Lang::Km => "ខ្មែរ",
            Lang::My => "မြန်မာ",
            Lang::Pt => "Português",
        }
    }

    /// The interface language for a BCP 47 tag, by its primary subtag
    /// (`vi-VN` gives Vietnamese, `pt-BR` Portuguese); `tl` (Tagalog) gives
    /// Filipino. `None` when there is no interface in that language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        let primary = match primary.as_str() {
            "tl" => "fil",
            other => other,
        };
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
    // Browsing (issue 3): search, filters, calendar, detail
    SearchLabel,
    SearchHint,
    FiltersHeading,
    FiltersActive,
    FilterCategory,
    FilterMode,
    FilterOrganizer,
    FilterLanguage,
    FilterFrom,
    FilterTo,
    FilterAny,
    FilterModeOnline,
    FilterModeOffline,
    FilterModeMixed,
    ClearFilters,
    RemoveFilter,
    SearchFor,
    ResultsUpcoming,
    ResultsPast,
    ShowUpcoming,
    ShowPast,
    Period,
    NoMatches,
    NoMatchesHint,
    PastMatch,
    UpcomingMatch,
    NoUpcoming,
    NoPast,
    ShowMore,
    ViewSwitch,
    ViewList,
    ViewCalendar,
    PrevMonth,
    NextMonth,
    Today,
    CalendarHelp,
    EventsOnDay,
    NoEventsOnDay,
    DayEvents,
    MoreOnDay,
    ZoneTime,
    CategoryConference,
    CategoryMeeting,
    CategorySeminar,
    CategoryWorkshop,
    CategoryTraining,
    CategoryForum,
    Rescheduled,
    MovedOnline,
    WhenLabel,
    WhereLabel,
    RegistrationLabel,
    RegistrationOpens,
    RegistrationCloses,
    AboutEvent,
    OnlineAccess,
    OnlinePage,
    OpensInNewTab,
    AddToCalendar,
    DownloadIcs,
    GoogleCalendar,
    OutlookCalendar,
    FeedFailedNetwork,
    FeedFailedStatus,
    FeedFailedFormat,
    SkippedDetails,
    // Languages and time zones: issue 7
    LanguageSwitch,
    ContentLanguage,
    ZoneSwitch,
    ZoneOfEvent,
    ZoneOfVisitor,
    SkippedEntriesOne,
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
}

/// The text of `key` in `lang`.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::En => en::text(key),
        Lang::Vi => vi::text(key),
        Lang::Th => th::text(key),
        Lang::Id => id::text(key),
        Lang::Ms => ms::text(key),
        Lang::Fil => fil::text(key),
        Lang::Lo => lo::text(key),
        Lang::Km => km::text(key),
        Lang::My => my::text(key),
        Lang::Pt => pt::text(key),
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
    use crate::registration::{validate, RegistrationRequest};
    use serde_json::json;

    #[test]
    fn negotiates_by_primary_tag() {
        assert_eq!(Lang::negotiate(["fr", "vi-VN", "en"]), Lang::Vi);
        assert_eq!(Lang::negotiate(["fr"]), Lang::En);
        assert_eq!(Lang::negotiate([]), Lang::En);
        assert_eq!(Lang::negotiate(["", "zh-CN", "km-KH", "th"]), Lang::Km);
        assert_eq!(Lang::negotiate(["de", "tl-PH", "en"]), Lang::Fil);
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
    }

    #[test]
    fn every_tag_and_alias_is_recognised() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang), "{lang:?}");
            assert_eq!(Lang::negotiate(["xx", lang.tag()]), lang, "{lang:?}");
        }
        for (tag, lang) in [
            ("th-TH", Lang::Th),
            ("id-ID", Lang::Id),
            ("ms-MY", Lang::Ms),
            ("ms_BN", Lang::Ms),
            ("fil-PH", Lang::Fil),
            ("tl", Lang::Fil),
            ("TL-ph", Lang::Fil),
            ("lo-LA", Lang::Lo),
            ("km-KH", Lang::Km),
            ("my-MM", Lang::My),
            (" pt ", Lang::Pt),
            ("pt-TL", Lang::Pt),
            ("pt-PT", Lang::Pt),
            ("pt-BR", Lang::Pt),
            ("vi-VN", Lang::Vi),
        ] {
            assert_eq!(Lang::from_tag(tag), Some(lang), "{tag}");
        }
        for unknown in ["", "-", "fr", "zh-Hant", "t", "ta", "filipino", "por"] {
            assert_eq!(Lang::from_tag(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn native_names_are_in_each_language_own_script() {
        let names: Vec<_> = Lang::ALL
            .iter()
            .map(|l| (l.tag(), l.native_name()))
            .collect();
        assert_eq!(
            names,
            [
                ("en", "English"),
                ("vi", "Tiếng Việt"),
                ("th", "ไทย"),
                ("id", "Bahasa Indonesia"),
                ("ms", "Bahasa Melayu"),
                ("fil", "Filipino"),
                ("lo", "ລາວ"),
                ("km", "ខ្មែរ"),
                ("my", "မြန်မာ"),
                ("pt", "Português"),
            ]
        );
        for lang in Lang::ALL {
            if let Some(script) = script(lang) {
                assert!(script.is_all(lang.native_name()), "{lang:?}");
            }
        }
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("{count} of {max}", &[("count", "3"), ("max", "10")]),
            "3 of 10"
        );
    }

    #[test]
    fn every_language_has_text_for_every_key() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                let t = text(lang, key);
                assert!(!t.trim().is_empty(), "{key:?} in {lang:?}");
                assert_eq!(t, t.trim(), "{key:?} in {lang:?}: stray spaces");
                assert!(!t.contains("  "), "{key:?} in {lang:?}: double space");
            }
        }
    }

    fn placeholders(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn placeholders_agree_across_languages() {
        for &key in Key::ALL {
            let en = placeholders(text(Lang::En, key));
            for lang in Lang::ALL {
                let t = text(lang, key);
                assert_eq!(placeholders(t), en, "{key:?} in {lang:?}");
                assert_eq!(
                    t.matches('{').count(),
                    t.matches('}').count(),
                    "{key:?} in {lang:?}: unbalanced braces"
                );
                assert_eq!(
                    t.ends_with('…'),
                    text(Lang::En, key).ends_with('…'),
                    "{key:?} in {lang:?}: a progress message ends with an ellipsis"
                );
            }
        }
    }

    /// Texts the same as English are mistakes, except these, which are what
    /// Filipino, Indonesian, Malay and Timorese Portuguese readers use.
    #[test]
    fn only_justified_texts_equal_english() {
        let allowed = [
            // "Seminar" and "Forum" are the Indonesian and Malay words too.
            (Lang::Id, Key::CategorySeminar),
            (Lang::Id, Key::CategoryForum),
            (Lang::Ms, Key::CategorySeminar),
            (Lang::Ms, Key::CategoryForum),
            (Lang::Fil, Key::Online),
            (Lang::Fil, Key::ModeOnline),
            // "Seminar" is the Filipino word (no native one is in use).
            (Lang::Fil, Key::CategorySeminar),
            // Google names its calendar "Google Calendar" in Filipino and in
            // European Portuguese ("Google Agenda" is Brazilian).
            (Lang::Fil, Key::GoogleCalendar),
            (Lang::Fil, Key::Email),
            (Lang::Pt, Key::Online),
            (Lang::Pt, Key::ModeOnline),
            // "workshop" is the usual word in Portugal and Timor-Leste.
            (Lang::Pt, Key::CategoryWorkshop),
            (Lang::Pt, Key::GoogleCalendar),
        ];
        let mut same = Vec::new();
        for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::En) {
            // A service's name, written the same in every language.
            for &key in Key::ALL.iter().filter(|&&k| k != Key::OutlookCalendar) {
                if text(lang, key) == text(Lang::En, key) {
                    same.push((lang, key));
                }
            }
        }
        assert_eq!(same, allowed);
    }

    /// A Unicode block a language's text is written in.
    struct Script(std::ops::RangeInclusive<char>);

    impl Script {
        fn is_all(&self, s: &str) -> bool {
            s.chars().all(|c| self.0.contains(&c) || c == ' ')
        }
        fn count(&self, s: &str) -> usize {
            s.chars().filter(|c| self.0.contains(c)).count()
        }
    }

    fn script(lang: Lang) -> Option<Script> {
        match lang {
            Lang::Th => Some(Script('\u{0E00}'..='\u{0E7F}')),
            Lang::Lo => Some(Script('\u{0E80}'..='\u{0EFF}')),
            Lang::Km => Some(Script('\u{1780}'..='\u{17FF}')),
            Lang::My => Some(Script('\u{1000}'..='\u{109F}')),
            _ => None,
        }
    }

    /// Thai, Lao, Khmer and Burmese text is mostly in its own script (what
    /// is not: placeholders, examples, "https://", digits, punctuation).
    /// Placeholder names are not counted as letters. Service names
    /// ("Google ปฏิทิน", "Outlook.com") are rightly in Latin letters.
    #[test]
    fn non_latin_languages_are_written_in_their_script() {
        let services = [Key::GoogleCalendar, Key::OutlookCalendar];
        for lang in Lang::ALL {
            let Some(script) = script(lang) else { continue };
            for &key in Key::ALL.iter().filter(|k| !services.contains(k)) {
                let t = text(lang, key);
                let mut unfilled = t.to_string();
                for name in placeholders(t) {
                    unfilled = unfilled.replace(&format!("{{{name}}}"), "");
                }
                let letters = unfilled.chars().filter(|c| c.is_alphabetic()).count();
                assert!(
                    script.count(t) * 2 > letters,
                    "{key:?} in {lang:?} is not mostly in its script: {t}"
                );
            }
        }
    }

    /// Zawgyi puts the vowel sign E and the medial RA before the consonant
    /// and uses code points Unicode gives to other Myanmar-script languages.
    /// In Unicode Burmese both signs follow a consonant (or another sign).
    #[test]
    fn burmese_is_unicode_not_zawgyi() {
        let consonant = |c: char| ('\u{1000}'..='\u{1021}').contains(&c);
        let sign = |c: char| ('\u{102B}'..='\u{103E}').contains(&c);
        for &key in Key::ALL {
            let t = text(Lang::My, key);
            let mut previous: Option<char> = None;
            for c in t.chars() {
                assert!(
                    !('\u{1050}'..='\u{109F}').contains(&c)
                        && !['\u{1033}', '\u{1034}'].contains(&c),
                    "{key:?}: {c:?} is not used in Burmese"
                );
                if c == '\u{1031}' || c == '\u{103C}' {
                    assert!(
                        previous.is_some_and(|p| consonant(p) || sign(p)),
                        "{key:?}: {c:?} does not follow a consonant: {t}"
                    );
                }
                previous = Some(c);
            }
        }
    }

    /// "Enter your {field}" with the field's label: how each language says it,
    /// through the real validation (which lower-cases the label).
    #[test]
    fn required_message_reads_naturally_in_every_language() {
        let event = crate::feed::parse_event(&json!({
            "id": "w", "name": "Workshop", "startDate": "2027-03-10T09:00:00+07:00",
            "registration": {"maxAttendees": 1}
        }))
        .unwrap();
        let request = RegistrationRequest::from_json(json!({
            "eventId": "w",
            "attendees": [{"fullName": " ", "email": "huong@vss.gov.vn", "organisation": "VSS", "country": "VN"}]
        }))
        .unwrap();
        let errors = validate(&event, &request).unwrap_err();
        let [error] = errors.as_slice() else {
            panic!("one error expected: {errors:?}")
        };
        let got: Vec<_> = Lang::ALL.iter().map(|&l| error.message(l)).collect();
        assert_eq!(
            got,
            [
                "Enter your full name",
                "Vui lòng nhập họ và tên",
                "กรุณาระบุ ชื่อ-นามสกุล",
                "Nama lengkap wajib diisi",
                "Sila masukkan nama penuh anda",
                "Ilagay ang inyong buong pangalan",
                "ກະລຸນາລະບຸ ຊື່ ແລະ ນາມສະກຸນ",
                "សូមបញ្ចូល ឈ្មោះពេញ",
                "အမည်အပြည့်အစုံ ကို ဖြည့်သွင်းပါ",
                "Preencha o campo «nome completo»",
            ]
        );
    }
}
