//! Free-text search over events. Text is *folded* before it is compared:
//! lower case, Latin diacritics removed (so "hoi nghi" finds "Hội nghị" and
//! "da nang" finds "Đà Nẵng"), every other script kept as it is (Thai, Lao,
//! Khmer and Burmese have no case, and their vowel and tone marks carry
//! meaning, so they are compared exactly). No Unicode tables ship for this
//! beyond what `char::to_lowercase` already brings.

use crate::event::Event;
use crate::text::LocalizedText;

/// The base letters of U+00C0..=U+00FF; `.` leaves the character to
/// [`fold_char`]'s other rules.
const LATIN_1: &[u8; 64] = b"aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
/// The base letters of Latin Extended-A, U+0100..=U+017F.
const LATIN_EXT_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
/// The base letters of the Vietnamese part of Latin Extended Additional,
/// U+1EA0..=U+1EF9 (Ạ ạ Ả ả ... Ỹ ỹ).
const VIETNAMESE: &[u8; 90] =
    b"aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy";

/// Combining marks that decorate Latin, Greek and Cyrillic letters (text in
/// decomposed form, NFD): dropped.
fn is_latin_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

fn table(c: char) -> Option<u8> {
    let code = c as u32;
    let b = match code {
        0xC0..=0xFF => LATIN_1.get((code - 0xC0) as usize),
        0x100..=0x17F => LATIN_EXT_A.get((code - 0x100) as usize),
        0x1EA0..=0x1EF9 => VIETNAMESE.get((code - 0x1EA0) as usize),
        _ => None,
    }?;
    (*b != b'.').then_some(*b)
}

/// Appends the folded form of one character.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Lower case first: some capitals lower to a letter with a diacritic
    // (the Angstrom sign to å), which is then folded like any other.
    for lower in c.to_lowercase() {
        fold_lower(lower, out);
    }
}

fn fold_lower(c: char, out: &mut String) {
    if is_latin_mark(c) {
        return;
    }
    if let Some(base) = table(c) {
        out.push(char::from(base));
        return;
    }
    {
        match c {
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'ĳ' => out.push_str("ij"),
            // Vietnamese horned vowels sit in Latin Extended-B.
            'ơ' => out.push('o'),
            'ư' => out.push('u'),
            'ș' => out.push('s'),
            'ț' => out.push('t'),
            _ => out.push(c),
        }
    }
}

/// Appends the folded form of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    out.reserve(text.len());
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// `text` folded for comparison: lower case, without Latin diacritics.
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// A search: the folded words of what the visitor typed. An event matches
/// when every word occurs in its text, in any order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        let mut terms: Vec<String> = fold(text)
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '"'))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        // A word inside another adds nothing: keep the longer one.
        terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut kept: Vec<String> = Vec::new();
        for t in terms {
            if !kept.iter().any(|k| k.contains(t.as_str())) {
                kept.push(t);
            }
        }
        Self { terms: kept }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every word occurs in `haystack` (text already folded).
    pub fn matches(&self, haystack: &str) -> bool {
        self.terms.iter().all(|t| haystack.contains(t.as_str()))
    }
}

/// At most this many bytes of each description are searched: enough for
/// what a visitor remembers of an event, and a bound on the index's size.
const DESCRIPTION_BYTES: usize = 4000;

fn push_all(text: &LocalizedText, limit: usize, out: &mut String) {
    for lang in text.languages().collect::<Vec<_>>() {
        if let Some((_, t)) = text.resolve(lang, &[]) {
            let mut end = t.len().min(limit);
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            out.push('\n');
            fold_into(&t[..end], out);
        }
    }
}

/// The folded text search looks in: the event's name and description in
/// every language given, its category, places and organisers. Fields are
/// separated by line breaks, so no word matches across two of them.
pub fn haystack(event: &Event) -> String {
    let mut out = String::new();
    push_all(&event.name, usize::MAX, &mut out);
    push_all(&event.description, DESCRIPTION_BYTES, &mut out);
    if let Some(category) = &event.category {
        out.push('\n');
        fold_into(category, &mut out);
    }
    for location in &event.locations {
        push_all(&location.name, usize::MAX, &mut out);
        if let Some(address) = &location.address {
            out.push('\n');
            fold_into(&address.one_line(), &mut out);
        }
    }
    for organizer in &event.organizers {
        push_all(&organizer.name, usize::MAX, &mut out);
        if let Some(id) = &organizer.id {
            out.push('\n');
            fold_into(id, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_event;
    use serde_json::json;

    #[test]
    fn folds_vietnamese_to_plain_letters() {
        assert_eq!(fold("Hội nghị"), "hoi nghi");
        assert_eq!(fold("ĐÀ NẴNG"), "da nang");
        assert_eq!(fold("Bảo hiểm xã hội Việt Nam"), "bao hiem xa hoi viet nam");
        assert_eq!(fold("Ước tính, Ở đâu, Ỹ"), "uoc tinh, o dau, y");
        // Decomposed (NFD) text folds the same as composed text.
        assert_eq!(fold("Ho\u{0302}\u{0323}i nghi\u{0323}"), "hoi nghi");
    }

    #[test]
    fn every_vietnamese_letter_folds_to_ascii() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let upper: String = letters.chars().flat_map(char::to_uppercase).collect();
        for text in [letters, upper.as_str()] {
            let folded = fold(text);
            assert!(folded.is_ascii(), "{text} -> {folded}");
            assert_eq!(folded.chars().count(), letters.chars().count());
        }
    }

    #[test]
    fn other_latin_languages() {
        assert_eq!(fold("Formação em Díli"), "formacao em dili");
        assert_eq!(fold("Pagsasanay sa Parañaque"), "pagsasanay sa paranaque");
        assert_eq!(fold("Straße, Œuvre, ÆON"), "strasse, oeuvre, aeon");
    }

    #[test]
    fn other_scripts_are_kept_and_compared_exactly() {
        let thai = "การประชุมคณะกรรมการ";
        assert_eq!(fold(thai), thai);
        assert!(Query::new("ประชุม").matches(&fold(thai)));
        assert!(
            !Query::new("ประชม").matches(&fold(thai)),
            "a vowel mark matters"
        );
        let lao = "ກອງປະຊຸມ";
        assert_eq!(fold(lao), lao);
        assert_eq!(fold("ΑΘΗΝΑ Москва"), "αθηνα москва");
    }

    #[test]
    fn every_word_must_occur_in_any_order() {
        let hay = fold("Hội nghị về an sinh xã hội\nHà Nội");
        assert!(Query::new("hoi nghi").matches(&hay));
        assert!(Query::new("HA NOI  hội").matches(&hay));
        assert!(!Query::new("hoi nghi bangkok").matches(&hay));
        assert!(Query::new("   ").is_empty());
        assert!(Query::new("").matches(""));
    }

    #[test]
    fn the_haystack_holds_every_language_and_place() {
        let e = parse_event(&json!({
            "id": "x", "name": {"en": "Board meeting", "vi": "Họp Ban Chấp hành"},
            "description": "Bàn về **ngân sách**", "category": "meeting", "startDate": "2027-01-01",
            "location": {"name": "Lao Plaza", "address": {"addressLocality": "Viêng Chăn", "addressCountry": "LA"}},
            "organizer": {"id": "lao-sso", "name": "ສປສ"}
        }))
        .unwrap();
        let hay = haystack(&e);
        for q in [
            "board",
            "hop ban",
            "ngan sach",
            "meeting",
            "lao plaza",
            "vieng chan",
            "lao-sso",
            "ສປສ",
        ] {
            assert!(Query::new(q).matches(&hay), "{q} in {hay}");
        }
    }
}
