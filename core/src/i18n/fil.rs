//! Filipino. Formal, respectful register as on SSS and GSIS pages: "kayo",
//! "inyong", "ninyo"; English loanwords where Filipinos use them ("event",
//! "email address", "online", "waiting list", "reference number").

use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        EventsHeading => "Mga event",
        LoadingEvents => "Nilo-load ang mga event…",
        FeedFailed => "Hindi ma-load ang mga event.",
        Retry => "Subukang muli",
        SkippedEntries => "{count} event sa feed ang hindi maipakita.",
        NoEvents => "Walang event na maipapakita.",
        BackToEvents => "Bumalik sa lahat ng event",
        EventNotFound => "Hindi makita ang event na ito. Maaaring inalis na ito sa kalendaryo.",
        Loading => "Nilo-load…",
        OrganisedBy => "Tagapag-organisa",
        LanguagesSpoken => "Mga wika",
        YourTime => "{time} sa inyong oras",
        AllDay => "Buong araw",
        Online => "Online",
        ModeOffline => "Personal na pagdalo",
        ModeOnline => "Online",
        ModeMixed => "Hybrid: personal at online",
        Capacity => "Natitirang upuan: {remaining} sa {max}",
        SeatsLeft => "Natitirang upuan: {count}",
        AlmostFull => "Halos puno na: {count} na lang ang natitira",
        FullWaitlist => "Puno na: bukas ang waiting list",
        Full => "Puno na",
        OpensOn => "Magbubukas ang rehistrasyon sa {date}",
        RegistrationClosed => "Sarado na ang rehistrasyon",
        Cancelled => "Kinansela",
        Postponed => "Ipinagpaliban",
        MoreInformation => "Karagdagang impormasyon",
        Register => "Magparehistro",
        RegisterHeading => "Magparehistro para sa {event}",
        RequiredHint => {
            "Kailangang sagutan ang lahat ng field maliban sa mga may markang opsyonal."
        }
        Optional => "(opsyonal)",
        FullName => "Buong pangalan",
        Email => "Email address",
        Organisation => "Organisasyon",
        JobTitle => "Posisyon",
        Country => "Bansa",
        Phone => "Numero ng telepono",
        ChooseOne => "Pumili ng isa",
        ConnectionSite => "Saan kayo dadalo?",
        Attendee => "Kalahok {n}",
        ConsentHeading => "Ang inyong personal na datos",
        Submit => "Ipadala ang rehistrasyon",
        Sending => "Ipinapadala…",
        ErrorSummaryTitle => "May problema",
        ErrRequired => "Ilagay ang inyong {field}",
        ErrTooLong => "Hanggang {max} character lamang ang maaaring ilagay sa {field}",
        ErrEmail => {
            "Ilagay ang email address sa tamang format, halimbawa: pangalan@example.org"
        }
        ErrPhone => "Ilagay ang numero ng telepono, halimbawa: +63 2 8123 4567",
        ErrNotAnOption => "Pumili ng isa sa mga opsyon para sa {field}",
        ErrNumber => "Dapat ay numero ang {field}",
        ErrTooSmall => "Dapat ay {min} o higit pa ang {field}",
        ErrTooLarge => "Dapat ay {max} o mas mababa ang {field}",
        ErrDate => "Dapat ay tamang petsa ang {field}, halimbawa: 2027-03-10",
        ErrUrl => "Dapat ay web address na nagsisimula sa https:// ang {field}",
        ErrPattern => "Hindi tama ang format ng {field}",
        ErrConsent => "Lagyan ng tsek ang kahon upang sumang-ayon: {field}",
        ErrLocation => "Piliin kung saan kayo dadalo",
        ErrAttendees => "Magparehistro ng 1 hanggang {max} katao",
        ErrNetwork => {
            "Hindi naipadala ang inyong rehistrasyon. Tingnan ang inyong koneksyon at subukang muli."
        }
        ErrAlreadyRegistered => "Nakarehistro na ang email address na ito para sa event na ito.",
        ErrClosed => "Sarado na ang rehistrasyon para sa event na ito.",
        ErrUnknownEvent => "Wala na ang event na ito.",
        ErrServer => {
            "Nagkaproblema sa server ({status}). Naka-save pa rin ang inyong mga sagot: subukang muli."
        }
        TryAgain => "Subukang muli",
        ConfirmedTitle => "Rehistrado na kayo",
        WaitlistedTitle => "Kasama na kayo sa waiting list",
        PendingTitle => "Natanggap ang rehistrasyon",
        YourReference => "Ang inyong reference number",
        ConfirmedNext => {
            "Itago ang inyong reference number. Makikipag-ugnayan sa inyo ang tagapag-organisa para sa mga detalye."
        }
        WaitlistedNext => "Puno na ang event. Aabisuhan namin kayo kapag may nabakanteng upuan.",
        RegisterAnother => "Magparehistro ng iba",
    }
}
