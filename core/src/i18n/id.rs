//! Indonesian. Formal register with "Anda", as on BPJS and other government
//! service sites; "daring" for online as in official usage.

use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        EventsHeading => "Kegiatan",
        LoadingEvents => "Memuat kegiatan…",
        FeedFailed => "Daftar kegiatan tidak dapat dimuat.",
        Retry => "Coba lagi",
        SkippedEntries => "{count} kegiatan dalam sumber data tidak dapat ditampilkan.",
        NoEvents => "Tidak ada kegiatan untuk ditampilkan.",
        BackToEvents => "Kembali ke semua kegiatan",
        EventNotFound => {
            "Kegiatan ini tidak ditemukan. Kegiatan ini mungkin telah dihapus dari kalender."
        }
        Loading => "Memuat…",
        OrganisedBy => "Diselenggarakan oleh",
        LanguagesSpoken => "Bahasa",
        YourTime => "{time} waktu Anda",
        AllDay => "Sepanjang hari",
        Online => "Daring",
        ModeOffline => "Tatap muka",
        ModeOnline => "Daring",
        ModeMixed => "Hibrida: tatap muka dan daring",
        Capacity => "Sisa kursi: {remaining} dari {max}",
        SeatsLeft => "Sisa kursi: {count}",
        AlmostFull => "Hampir penuh: sisa {count}",
        FullWaitlist => "Penuh: daftar tunggu dibuka",
        Full => "Penuh",
        OpensOn => "Pendaftaran dibuka {date}",
        RegistrationClosed => "Pendaftaran ditutup",
        Cancelled => "Dibatalkan",
        Postponed => "Ditunda",
        MoreInformation => "Informasi selengkapnya",
        Register => "Daftar",
        RegisterHeading => "Pendaftaran peserta {event}",
        RequiredHint => "Semua isian wajib diisi, kecuali yang bertanda opsional.",
        Optional => "(opsional)",
        FullName => "Nama lengkap",
        Email => "Alamat email",
        Organisation => "Instansi/organisasi",
        JobTitle => "Jabatan",
        Country => "Negara",
        Phone => "Nomor telepon",
        ChooseOne => "Pilih salah satu",
        ConnectionSite => "Di mana Anda akan hadir?",
        Attendee => "Peserta {n}",
        ConsentHeading => "Data pribadi Anda",
        Submit => "Kirim pendaftaran",
        Sending => "Mengirim…",
        ErrorSummaryTitle => "Ada isian yang perlu diperbaiki",
        ErrRequired => "{field} wajib diisi",
        ErrTooLong => "{field} maksimal {max} karakter",
        ErrEmail => "Masukkan alamat email dengan format yang benar, contoh: nama@example.org",
        ErrPhone => "Masukkan nomor telepon, contoh: +62 21 1234 5678",
        ErrNotAnOption => "Pilih salah satu opsi untuk {field}",
        ErrNumber => "{field} harus berupa angka",
        ErrTooSmall => "{field} minimal {min}",
        ErrTooLarge => "{field} maksimal {max}",
        ErrDate => "{field} harus berupa tanggal yang valid, contoh: 2027-03-10",
        ErrUrl => "{field} harus berupa alamat web yang diawali dengan https://",
        ErrPattern => "{field} tidak sesuai dengan format yang ditentukan",
        ErrConsent => "Centang kotak untuk menyetujui: {field}",
        ErrLocation => "Pilih lokasi kehadiran Anda",
        ErrAttendees => "Daftarkan 1 hingga {max} orang",
        ErrNetwork => {
            "Pendaftaran Anda tidak dapat dikirim. Periksa koneksi internet Anda, lalu coba lagi."
        }
        ErrAlreadyRegistered => "Alamat email ini sudah terdaftar untuk kegiatan ini.",
        ErrClosed => "Pendaftaran untuk kegiatan ini sudah ditutup.",
        ErrUnknownEvent => "Kegiatan ini sudah tidak ada.",
        ErrServer => {
            "Terjadi kesalahan pada server ({status}). Jawaban Anda tetap tersimpan: silakan coba lagi."
        }
        TryAgain => "Coba lagi",
        ConfirmedTitle => "Pendaftaran Anda berhasil",
        WaitlistedTitle => "Anda masuk dalam daftar tunggu",
        PendingTitle => "Pendaftaran diterima",
        YourReference => "Kode referensi Anda",
        ConfirmedNext => {
            "Simpan kode referensi Anda. Penyelenggara akan menghubungi Anda untuk menyampaikan detailnya."
        }
        WaitlistedNext => {
            "Kegiatan ini sudah penuh. Kami akan memberi tahu Anda jika ada kursi yang tersedia."
        }
        RegisterAnother => "Daftarkan orang lain",
    }
}
