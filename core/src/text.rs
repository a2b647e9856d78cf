//! Text that may come in several languages: a plain string, a language map
//! `{"en": "...", "vi": "..."}`, or JSON-LD `[{"@value", "@language"}]`.

use serde_json::Value;

/// One text in one or more languages, in the order the feed gave them.
/// A plain string is stored with an empty language tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalizedText {
    entries: Vec<(String, String)>,
}

impl LocalizedText {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            entries: vec![(String::new(), text.into())],
        }
    }

    pub fn from_pairs<I, L, T>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (L, T)>,
        L: Into<String>,
        T: Into<String>,
    {
        Self {
            entries: pairs
                .into_iter()
                .map(|(l, t)| (l.into(), t.into()))
                .collect(),
        }
    }

    /// Reads any of the accepted shapes; `None` when the value holds no text.
    pub fn from_json(value: &Value) -> Option<Self> {
        let mut entries = Vec::new();
        match value {
            Value::String(s) => entries.push((String::new(), s.clone())),
            Value::Object(map) if map.contains_key("@value") => push_jsonld(&mut entries, value),
            Value::Object(map) => {
                for (lang, text) in map {
                    if let Value::String(text) = text {
                        entries.push((lang.clone(), text.clone()));
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::String(s) => entries.push((String::new(), s.clone())),
                        Value::Object(_) => push_jsonld(&mut entries, item),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        entries.retain(|(_, text)| !text.trim().is_empty());
        if entries.is_empty() {
            None
        } else {
            Some(Self { entries })
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Each text cut to at most `max` characters, the cut marked with "…":
    /// a feed's 100,000-character name must not fill the page.
    pub fn truncated(mut self, max: usize) -> Self {
        for (_, text) in &mut self.entries {
            cut(text, max);
        }
        self
    }

    /// The languages this text is available in (empty tag for untagged text).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(l, _)| l.as_str())
    }

    /// The text in `lang`, else in one of `fallbacks`, else English, else
    /// untagged, else the first one given. Returns the language actually used.
    pub fn resolve<'a>(&'a self, lang: &str, fallbacks: &[&str]) -> Option<(&'a str, &'a str)> {
        let find = |wanted: &str| {
            self.entries
                .iter()
                .find(|(l, _)| lang_matches(l, wanted))
                .map(|(l, t)| (l.as_str(), t.as_str()))
        };
        std::iter::once(lang)
            .chain(fallbacks.iter().copied())
            .chain(["en", ""])
            .find_map(find)
            .or_else(|| self.entries.first().map(|(l, t)| (l.as_str(), t.as_str())))
    }

    /// The best text for `lang`, or an empty string when there is none.
    pub fn get(&self, lang: &str) -> &str {
        self.resolve(lang, &[]).map(|(_, t)| t).unwrap_or("")
    }
}

/// Cuts `text` to at most `max` characters (the last one an ellipsis).
pub fn cut(text: &mut String, max: usize) {
    if let Some((at, _)) = text.char_indices().nth(max.saturating_sub(1)) {
        if text.len() > at + text[at..].chars().next().map_or(0, char::len_utf8) {
            text.truncate(at);
            text.push('…');
        }
    }
}

/// `text` in Unicode Normalization Form C, so that "ệ" typed as one
/// character or as "e" and two accents is the same answer of the same length.
/// In the browser this is `String.prototype.normalize("NFC")`; elsewhere the
/// `unicode-normalization` crate: the same rule, without shipping its tables.
pub fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    nfc_impl(text)
}

#[cfg(target_arch = "wasm32")]
fn nfc_impl(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFC").into()
}

#[cfg(not(target_arch = "wasm32"))]
fn nfc_impl(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

/// The code points of zero in the decimal digit sets people in the region
/// type: Arabic-Indic, Devanagari, Bengali, Thai, Lao, Tibetan, Myanmar (and
/// Shan), Khmer, full-width.
const ZEROS: [u32; 11] = [
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0xFF10,
];

/// `text` with the digits of other scripts (๑๒๓, ໑໒໓, ១២៣, ၁၂၃, …) written as
/// ASCII digits, for numbers and dates.
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| {
            let code = c as u32;
            ZEROS
                .iter()
                .find(|&&zero| (zero..zero + 10).contains(&code))
                .and_then(|zero| char::from_digit(code - zero, 10))
                .unwrap_or(c)
        })
        .collect()
}

fn push_jsonld(entries: &mut Vec<(String, String)>, item: &Value) {
    if let Some(text) = item.get("@value").and_then(Value::as_str) {
        let lang = item.get("@language").and_then(Value::as_str).unwrap_or("");
        entries.push((lang.to_string(), text.to_string()));
    }
}

/// `vi-VN` matches `vi`, and `vi` matches `vi-VN`; case is ignored. An empty
/// wanted tag matches only untagged text.
fn lang_matches(have: &str, wanted: &str) -> bool {
    if wanted.is_empty() || have.is_empty() {
        return have.is_empty() && wanted.is_empty();
    }
    // Filipino is tagged `fil` or, in older data, `tl` (Tagalog).
    let primary = |t: &str| match t
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
    {
        tl if tl == "tl" => "fil".to_string(),
        other => other,
    };
    have.eq_ignore_ascii_case(wanted) || primary(have) == primary(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_plain_map_and_jsonld() {
        let plain = LocalizedText::from_json(&json!("Hội nghị")).unwrap();
        assert_eq!(plain.get("vi"), "Hội nghị");

        let map = LocalizedText::from_json(&json!({"en": "Meeting", "vi": "Cuộc họp"})).unwrap();
        assert_eq!(map.get("vi-VN"), "Cuộc họp");
        assert_eq!(map.get("th"), "Meeting", "falls back to English");

        let ld = LocalizedText::from_json(&json!([
            {"@value": "Réunion", "@language": "fr"},
            {"@value": "ການປະຊຸມ", "@language": "lo"}
        ]))
        .unwrap();
        assert_eq!(ld.get("lo"), "ການປະຊຸມ");
        assert_eq!(ld.get("vi"), "Réunion", "no English: the first one given");
    }

    #[test]
    fn filipino_matches_either_tag() {
        let t = LocalizedText::from_pairs([("en", "Seminar"), ("tl", "Seminar sa Maynila")]);
        assert_eq!(t.get("fil"), "Seminar sa Maynila");
        let t = LocalizedText::from_pairs([("en", "Seminar"), ("fil-PH", "Seminar sa Maynila")]);
        assert_eq!(t.get("tl"), "Seminar sa Maynila");
    }

    #[test]
    fn resolve_reports_the_language_used() {
        let t = LocalizedText::from_pairs([("vi", "Xin chào"), ("en", "Hello")]);
        assert_eq!(t.resolve("th", &["vi"]), Some(("vi", "Xin chào")));
        assert_eq!(t.resolve("th", &[]), Some(("en", "Hello")));
    }

    #[test]
    fn cuts_long_text_on_character_boundaries() {
        let t = LocalizedText::from_pairs([("vi", "Hội nghị"), ("en", "Meeting")]).truncated(4);
        assert_eq!(t.get("vi"), "Hội…");
        assert_eq!(t.get("en"), "Mee…");
        let exact = LocalizedText::plain("abcd").truncated(4);
        assert_eq!(exact.get(""), "abcd", "no cut when it fits");
        let mut s = "ສະບາຍດີ".to_string();
        cut(&mut s, 100);
        assert_eq!(s, "ສະບາຍດີ");
    }

    #[test]
    fn nfc_joins_combining_marks() {
        let decomposed = "Nguye\u{302}\u{303}n"; // e + circumflex + tilde
        assert_eq!(nfc(decomposed), "Nguyễn");
        assert_eq!(nfc(decomposed).chars().count(), 6);
        assert_eq!(nfc("ສົມຊາຍ"), "ສົມຊາຍ", "already NFC stays as it is");
        assert_eq!(nfc("plain"), "plain");
    }

    #[test]
    fn digits_of_every_script_become_ascii() {
        assert_eq!(ascii_digits("๒๕๖๙"), "2569", "Thai");
        assert_eq!(ascii_digits("໑໐"), "10", "Lao");
        assert_eq!(ascii_digits("១២៣"), "123", "Khmer");
        assert_eq!(ascii_digits("၄၅"), "45", "Burmese");
        assert_eq!(
            ascii_digits("２０２７-０３-１０"),
            "2027-03-10",
            "full-width"
        );
        assert_eq!(ascii_digits("a1-b"), "a1-b");
    }

    #[test]
    fn empty_and_wrong_types_give_none() {
        for v in [
            json!(null),
            json!(3),
            json!(""),
            json!({"en": 5}),
            json!([]),
            json!("   "),
        ] {
            assert_eq!(LocalizedText::from_json(&v), None, "{v}");
        }
    }
}
