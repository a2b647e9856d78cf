//! Malay (Bahasa Melayu). Formal register as on Malaysian government service
//! sites (PERKESO, KWSP): "anda" in lower case, "e-mel", "dalam talian".

use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        EventsHeading => "Acara",
        LoadingEvents => "Memuatkan acara…",
        FeedFailed => "Senarai acara tidak dapat dimuatkan.",
        Retry => "Cuba lagi",
        SkippedEntries => "{count} acara dalam sumber data tidak dapat dipaparkan.",
        NoEvents => "Tiada acara untuk dipaparkan.",
        BackToEvents => "Kembali ke semua acara",
        EventNotFound => {
            "Acara ini tidak ditemui. Acara ini mungkin telah dikeluarkan daripada kalendar."
        }
        Loading => "Memuatkan…",
        OrganisedBy => "Dianjurkan oleh",
        LanguagesSpoken => "Bahasa",
        YourTime => "{time} waktu anda",
        AllDay => "Sepanjang hari",
        Online => "Dalam talian",
        ModeOffline => "Bersemuka",
        ModeOnline => "Dalam talian",
        ModeMixed => "Hibrid: bersemuka dan dalam talian",
        Capacity => "Baki tempat: {remaining} daripada {max}",
        SeatsLeft => "Baki tempat: {count}",
        AlmostFull => "Hampir penuh: tinggal {count}",
        FullWaitlist => "Penuh: senarai menunggu dibuka",
        Full => "Penuh",
        OpensOn => "Pendaftaran dibuka {date}",
        RegistrationClosed => "Pendaftaran ditutup",
        Cancelled => "Dibatalkan",
        Postponed => "Ditangguhkan",
        MoreInformation => "Maklumat lanjut",
        Register => "Daftar",
        RegisterHeading => "Pendaftaran untuk {event}",
        RequiredHint => "Semua ruangan wajib diisi kecuali yang bertanda tidak wajib.",
        Optional => "(tidak wajib)",
        FullName => "Nama penuh",
        Email => "Alamat e-mel",
        Organisation => "Organisasi",
        JobTitle => "Jawatan",
        Country => "Negara",
        Phone => "Nombor telefon",
        ChooseOne => "Sila pilih",
        ConnectionSite => "Di manakah anda akan hadir?",
        Attendee => "Peserta {n}",
        ConsentHeading => "Data peribadi anda",
        Submit => "Hantar pendaftaran",
        Sending => "Menghantar…",
        ErrorSummaryTitle => "Terdapat masalah",
        ErrRequired => "Sila masukkan {field} anda",
        ErrTooLong => "{field} mestilah tidak melebihi {max} aksara",
        ErrEmail => "Masukkan alamat e-mel dalam format yang betul, contohnya nama@example.org",
        ErrPhone => "Masukkan nombor telefon, contohnya +60 3 1234 5678",
        ErrNotAnOption => "Pilih salah satu pilihan untuk {field}",
        ErrNumber => "{field} mestilah nombor",
        ErrTooSmall => "{field} mestilah {min} atau lebih",
        ErrTooLarge => "{field} mestilah {max} atau kurang",
        ErrDate => "{field} mestilah tarikh yang sah, contohnya 2027-03-10",
        ErrUrl => "{field} mestilah alamat web yang bermula dengan https://",
        ErrPattern => "{field} tidak mengikut format yang ditetapkan",
        ErrConsent => "Tandakan kotak untuk bersetuju: {field}",
        ErrLocation => "Pilih tempat anda akan hadir",
        ErrAttendees => "Daftar antara 1 hingga {max} orang",
        ErrNetwork => {
            "Pendaftaran anda tidak dapat dihantar. Semak sambungan internet anda dan cuba lagi."
        }
        ErrAlreadyRegistered => "Alamat e-mel ini telah didaftarkan untuk acara ini.",
        ErrClosed => "Pendaftaran untuk acara ini telah ditutup.",
        ErrUnknownEvent => "Acara ini tidak lagi wujud.",
        ErrServer => {
            "Berlaku ralat pada pelayan ({status}). Jawapan anda masih disimpan: sila cuba lagi."
        }
        TryAgain => "Cuba lagi",
        ConfirmedTitle => "Anda telah berdaftar",
        WaitlistedTitle => "Anda dalam senarai menunggu",
        PendingTitle => "Pendaftaran diterima",
        YourReference => "Nombor rujukan anda",
        ConfirmedNext => {
            "Simpan nombor rujukan anda. Penganjur akan menghubungi anda untuk memaklumkan butirannya."
        }
        WaitlistedNext => "Acara ini telah penuh. Kami akan memaklumkan anda jika ada tempat kosong.",
        RegisterAnother => "Daftarkan orang lain",
    }
}
