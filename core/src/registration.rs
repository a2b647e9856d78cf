//! A registration as the widget sends it (contract section 3), and the rules
//! it must meet. The widget checks them before sending; the server checks
//! them again with this same code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::event::Event;
use crate::form::{FieldType, FormField};
use crate::i18n::{self, Key, Lang};
use crate::pattern::Pattern;
use crate::text::{ascii_digits, nfc, LocalizedText};

/// One attendee's answers, by field name.
pub type Attendee = BTreeMap<String, Value>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationRequest {
    pub event_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    pub attendees: Vec<Attendee>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widget: Option<String>,
    /// The widget's spam signals; other clients may leave them out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antispam: Option<Antispam>,
}

/// Spam signals the widget sends and the server checks (contract section 3):
/// a honeypot field that people never see, and how long the form took to
/// fill. The widget never sends before [`MIN_FILL_MS`] has passed (it waits
/// the rest, showing "Sending…"), so neither ever stops a real person; a
/// honeypot that a browser's autofill filled in is shown to the visitor with
/// the message to clear it.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Antispam {
    /// The honeypot's content: empty for people.
    #[serde(default)]
    pub honeypot: String,
    /// Milliseconds from the form being shown to it being sent. A number, or
    /// its decimal text (the `form` endpoint format sends text).
    #[serde(
        default,
        deserialize_with = "lenient_millis",
        skip_serializing_if = "Option::is_none"
    )]
    pub elapsed_ms: Option<u64>,
}

/// A form is not filled by a person faster than this.
pub const MIN_FILL_MS: u64 = 3000;

fn lenient_millis<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    })
}

/// What the visitor agreed to, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub version: String,
    pub purposes: Vec<String>,
    /// RFC 3339 time of the agreement.
    pub at: String,
}

/// What is wrong with one part of a registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValidationCode {
    Required,
    TooLong,
    Email,
    Phone,
    NotAnOption,
    Number,
    TooSmall,
    TooLarge,
    Date,
    Url,
    Consent,
    Location,
    Attendees,
    /// Not what the field's `pattern` asks.
    Pattern,
    /// The same email address for two attendees of one group.
    Duplicate,
    /// The honeypot was filled in.
    Spam,
    /// Sent faster than a person fills a form.
    TooFast,
    /// The body is not a registration at all.
    Malformed,
}

/// One problem, placed by a JSON Pointer into the request body.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// e.g. `/attendees/0/email`
    pub pointer: String,
    pub code: ValidationCode,
    /// The field's label (or the purpose's text), for the message.
    pub field: LocalizedText,
    /// The bound broken, for `TooLong`, `TooSmall`, `TooLarge`, `Attendees`.
    pub limit: Option<String>,
}

impl FieldError {
    fn new(pointer: String, code: ValidationCode, field: &LocalizedText) -> Self {
        Self {
            pointer,
            code,
            field: field.clone(),
            limit: None,
        }
    }

    /// A body that is not a registration, wrong at `pointer`.
    pub fn malformed(pointer: &str) -> Self {
        Self::new(
            pointer.to_string(),
            ValidationCode::Malformed,
            &LocalizedText::default(),
        )
    }

    fn with_limit(mut self, limit: impl ToString) -> Self {
        self.limit = Some(limit.to_string());
        self
    }

    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key = match self.code {
            ValidationCode::Required => Key::ErrRequired,
            ValidationCode::TooLong => Key::ErrTooLong,
            ValidationCode::Email => Key::ErrEmail,
            ValidationCode::Phone => Key::ErrPhone,
            ValidationCode::NotAnOption => Key::ErrNotAnOption,
            ValidationCode::Number => Key::ErrNumber,
            ValidationCode::TooSmall => Key::ErrTooSmall,
            ValidationCode::TooLarge => Key::ErrTooLarge,
            ValidationCode::Date => Key::ErrDate,
            ValidationCode::Url => Key::ErrUrl,
            ValidationCode::Consent => Key::ErrConsent,
            ValidationCode::Location => Key::ErrLocation,
            ValidationCode::Attendees => Key::ErrAttendees,
            ValidationCode::Pattern => Key::ErrPattern,
            ValidationCode::Duplicate => Key::ErrDuplicateEmail,
            ValidationCode::Spam => Key::ErrHoneypot,
            ValidationCode::TooFast => Key::ErrTooFast,
            ValidationCode::Malformed => Key::ErrServer,
        };
        let limit = self.limit.as_deref().unwrap_or("");
        let label = self.field.get(lang.tag());
        // "Enter your full name": a label inside a sentence is lower case.
        let field = if self.code == ValidationCode::Required {
            label.to_lowercase()
        } else {
            label.to_string()
        };
        let text = i18n::fill(
            i18n::text(lang, key),
            &[
                ("field", &field),
                ("max", limit),
                ("min", limit),
                ("status", "422"),
            ],
        );
        capitalise(&text)
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl RegistrationRequest {
    /// Reads a request body already parsed as JSON. Wrong shapes give one
    /// error at the pointer of the part that is wrong.
    pub fn from_json(value: Value) -> Result<Self, FieldError> {
        let malformed = |pointer: &str, what: &str| {
            FieldError::new(
                pointer.to_string(),
                ValidationCode::Malformed,
                &LocalizedText::plain(what),
            )
        };
        let Value::Object(map) = &value else {
            return Err(malformed("", "registration"));
        };
        for (key, expected) in [("eventId", "string"), ("attendees", "array")] {
            let ok = matches!(
                (map.get(key), expected),
                (Some(Value::String(_)), "string") | (Some(Value::Array(_)), "array")
            );
            if !ok {
                return Err(malformed(&format!("/{key}"), key));
            }
        }
        serde_json::from_value(value).map_err(|e| malformed("", &e.to_string()))
    }

    /// The visitor's language for messages.
    pub fn lang(&self) -> Lang {
        Lang::negotiate(self.locale.as_deref())
    }
}

/// The text of an answer: strings trimmed and NFC-normalised, numbers as
/// text, booleans as `"true"`/`"false"`; lists (multiselect) as their items.
fn answer_items(value: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(nfc(s.trim())),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(one)
            .filter(|s| !s.is_empty())
            .collect(),
        Some(v) => one(v).filter(|s| !s.is_empty()).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Whether a field is shown for this attendee (its `showIf` holds).
pub fn is_visible(field: &FormField, attendee: &Attendee) -> bool {
    match &field.show_if {
        None => true,
        Some(cond) => answer_items(attendee.get(&cond.field)).contains(&cond.equals),
    }
}

/// A lenient check: something@something.something, no spaces.
pub fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.chars().count() <= 64
        && s.chars().count() <= 254
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
}

/// A lenient check: digits (any script) with spaces, dots, dashes and
/// brackets, an optional leading `+`, and 5 to 20 digits.
pub fn is_plausible_phone(s: &str) -> bool {
    let digits = s.chars().filter(|c| c.is_numeric()).count();
    let body = s.strip_prefix('+').unwrap_or(s);
    (5..=20).contains(&digits) && body.chars().all(|c| c.is_numeric() || " .-()/".contains(c))
}

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(&ascii_digits(s), "%Y-%m-%d").is_ok()
}

/// A number typed in any script's digits, with `.` or `,` as the decimal mark.
fn number(s: &str) -> Option<f64> {
    ascii_digits(s)
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// Whether `answer` meets the field's `pattern` (when it has one that reads).
fn meets_pattern(field: &FormField, answer: &str) -> bool {
    match field.pattern.as_deref().map(Pattern::new) {
        Some(Ok(p)) => p.is_match(answer),
        _ => true,
    }
}

fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && s.len() > 8
        && !s.chars().any(char::is_whitespace)
}

/// Checks one answer against its field; `None` when it is fine.
fn check_field(field: &FormField, value: Option<&Value>, pointer: String) -> Option<FieldError> {
    let label = &field.label;
    let items = answer_items(value);
    let err = |code| Some(FieldError::new(pointer.clone(), code, label));
    if field.field_type == FieldType::Checkbox {
        let ticked = items
            .first()
            .is_some_and(|v| v == "true" || v == "on" || v == "yes");
        return if field.required && !ticked {
            err(ValidationCode::Required)
        } else {
            None
        };
    }
    let Some(first) = items.first() else {
        return if field.required {
            err(ValidationCode::Required)
        } else {
            None
        };
    };
    if items
        .iter()
        .any(|i| i.chars().count() > field.effective_max_length())
    {
        return err(ValidationCode::TooLong).map(|e| e.with_limit(field.effective_max_length()));
    }
    let free_text = !field.field_type.has_options() && field.field_type != FieldType::Country;
    match field.field_type {
        FieldType::Email if !is_plausible_email(first) => err(ValidationCode::Email),
        FieldType::Tel if !is_plausible_phone(first) => err(ValidationCode::Phone),
        FieldType::Url if !is_web_url(first) => err(ValidationCode::Url),
        FieldType::Date if !is_date(first) => err(ValidationCode::Date),
        FieldType::Country if !crate::country::is_known(&first.to_ascii_uppercase()) => {
            err(ValidationCode::NotAnOption)
        }
        FieldType::Select | FieldType::Radio | FieldType::Multiselect
            if items
                .iter()
                .any(|i| !field.options.iter().any(|o| o.value == *i))
                || (field.field_type != FieldType::Multiselect && items.len() > 1) =>
        {
            err(ValidationCode::NotAnOption)
        }
        FieldType::Number => {
            match number(first) {
                None => err(ValidationCode::Number),
                Some(n) if field.min.is_some_and(|m| n < m) => err(ValidationCode::TooSmall)
                    .map(|e| e.with_limit(field.min.unwrap_or_default())),
                Some(n) if field.max.is_some_and(|m| n > m) => err(ValidationCode::TooLarge)
                    .map(|e| e.with_limit(field.max.unwrap_or_default())),
                Some(_) if !meets_pattern(field, first) => err(ValidationCode::Pattern),
                Some(_) => None,
            }
        }
        _ if free_text && !meets_pattern(field, first) => err(ValidationCode::Pattern),
        _ => None,
    }
}

/// Checks a registration for `event` and returns it cleaned: answers trimmed,
/// country codes upper-cased, hidden and unknown fields dropped. Every
/// problem is returned, not just the first.
pub fn validate(
    event: &Event,
    request: &RegistrationRequest,
) -> Result<RegistrationRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let none = LocalizedText::default();
    let Some(settings) = &event.registration else {
        return Err(vec![FieldError::new(
            "/eventId".into(),
            ValidationCode::Malformed,
            &none,
        )]);
    };
    let max = settings.max_attendees as usize;
    if request.attendees.is_empty() || request.attendees.len() > max {
        errors.push(
            FieldError::new("/attendees".into(), ValidationCode::Attendees, &none).with_limit(max),
        );
    }
    let location_id = match (&request.location_id, event.locations.len()) {
        (Some(id), _) if event.location(id).is_some() => Some(id.clone()),
        (None, 0 | 1) => event.locations.first().and_then(|l| l.id.clone()),
        _ => {
            errors.push(FieldError::new(
                "/locationId".into(),
                ValidationCode::Location,
                &none,
            ));
            None
        }
    };
    let mut attendees = Vec::with_capacity(request.attendees.len());
    for (i, attendee) in request.attendees.iter().take(max).enumerate() {
        let mut clean = Attendee::new();
        for field in settings.fields.iter().filter(|f| is_visible(f, attendee)) {
            let value = attendee.get(&field.name);
            let pointer = format!("/attendees/{i}/{}", escape_pointer(&field.name));
            if let Some(e) = check_field(field, value, pointer) {
                errors.push(e);
                continue;
            }
            if let Some(v) = clean_value(field, value) {
                clean.insert(field.name.clone(), v);
            }
        }
        attendees.push(clean);
    }
    // One email address is one person: two attendees of a group cannot share it.
    for field in settings
        .fields
        .iter()
        .filter(|f| f.field_type == FieldType::Email)
    {
        let mut seen: Vec<String> = Vec::new();
        for (i, a) in attendees.iter().enumerate() {
            let Some(email) = a.get(&field.name).and_then(Value::as_str) else {
                continue;
            };
            let email = email.to_lowercase();
            if seen.contains(&email) {
                errors.push(FieldError::new(
                    format!("/attendees/{i}/{}", escape_pointer(&field.name)),
                    ValidationCode::Duplicate,
                    &field.label,
                ));
            } else {
                seen.push(email);
            }
        }
    }
    if let Some(signals) = &request.antispam {
        if !signals.honeypot.trim().is_empty() {
            errors.push(FieldError::new(
                "/antispam/honeypot".into(),
                ValidationCode::Spam,
                &none,
            ));
        }
        if signals.elapsed_ms.is_some_and(|ms| ms < MIN_FILL_MS) {
            errors.push(FieldError::new(
                "/antispam/elapsedMs".into(),
                ValidationCode::TooFast,
                &none,
            ));
        }
    }
    let mut consent = request.consent.clone();
    if let Some(required) = &settings.consent {
        let agreed = request
            .consent
            .as_ref()
            .map(|c| c.purposes.as_slice())
            .unwrap_or(&[]);
        for purpose in required.purposes.iter().filter(|p| p.required) {
            if !agreed.contains(&purpose.id) {
                errors.push(FieldError::new(
                    format!("/consent/purposes/{}", escape_pointer(&purpose.id)),
                    ValidationCode::Consent,
                    &purpose.text,
                ));
            }
        }
        if let Some(c) = consent.as_mut() {
            c.purposes
                .retain(|p| required.purposes.iter().any(|known| known.id == *p));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RegistrationRequest {
        event_id: request.event_id.clone(),
        location_id,
        locale: request.locale.clone().filter(|l| l.len() <= 35),
        attendees,
        consent,
        widget: request.widget.clone().map(|w| w.chars().take(64).collect()),
        antispam: request.antispam.clone(),
    })
}

fn clean_value(field: &FormField, value: Option<&Value>) -> Option<Value> {
    let items = answer_items(value);
    match field.field_type {
        FieldType::Multiselect => Some(Value::from(items)),
        FieldType::Checkbox => Some(Value::Bool(
            items
                .first()
                .is_some_and(|v| v == "true" || v == "on" || v == "yes"),
        )),
        FieldType::Country => items
            .into_iter()
            .next()
            .map(|c| Value::from(c.to_ascii_uppercase())),
        FieldType::Date => items.first().map(|d| Value::from(ascii_digits(d))),
        FieldType::Number => items
            .first()
            .map(|n| Value::from(ascii_digits(n).replace(',', "."))),
        _ => items.into_iter().next().map(Value::from),
    }
}

/// RFC 6901: `~` as `~0`, `/` as `~1`.
pub fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_event;
    use serde_json::json;

    fn event() -> Event {
        parse_event(&json!({
            "id": "w", "name": "Workshop", "startDate": "2027-03-10T09:00:00+06:30",
            "location": [{"id": "yangon", "name": "Yangon"}, {"id": "online", "@type": "VirtualLocation"}],
            "registration": {"maxAttendees": 2, "consent": {"version": "1", "purposes": [
                {"id": "processing", "text": {"en": "Processing of my data"}, "required": true},
                {"id": "news", "text": "Newsletter", "required": false}]}}
        }))
        .unwrap()
    }

    fn request(attendee: Value) -> RegistrationRequest {
        RegistrationRequest::from_json(json!({
            "eventId": "w", "locationId": "yangon", "locale": "en",
            "attendees": [attendee],
            "consent": {"version": "1", "purposes": ["processing", "bogus"], "at": "2026-11-22T10:00:00Z"}
        }))
        .unwrap()
    }

    fn good() -> Value {
        json!({"fullName": "  Nguyễn Thị Hương ", "email": "huong@vss.gov.vn", "organisation": "VSS",
               "country": "vn", "phone": "+84 24 3936 3636", "extra": "dropped"})
    }

    #[test]
    fn accepts_and_cleans_a_good_registration() {
        let clean = validate(&event(), &request(good())).unwrap();
        let a = &clean.attendees[0];
        assert_eq!(a["fullName"], "Nguyễn Thị Hương");
        assert_eq!(a["country"], "VN");
        assert!(!a.contains_key("extra"));
        assert_eq!(clean.consent.unwrap().purposes, ["processing"]);
    }

    #[test]
    fn reports_every_problem_with_pointers() {
        let mut r = request(
            json!({"fullName": "", "email": "not-an-email", "country": "XX", "phone": "call me"}),
        );
        r.location_id = Some("mars".into());
        r.consent = None;
        let errors = validate(&event(), &r).unwrap_err();
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.pointer.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("/locationId", ValidationCode::Location),
                ("/attendees/0/fullName", ValidationCode::Required),
                ("/attendees/0/email", ValidationCode::Email),
                ("/attendees/0/organisation", ValidationCode::Required),
                ("/attendees/0/country", ValidationCode::NotAnOption),
                ("/attendees/0/phone", ValidationCode::Phone),
                ("/consent/purposes/processing", ValidationCode::Consent),
            ]
        );
        assert_eq!(errors[1].message(Lang::En), "Enter your full name");
        assert_eq!(errors[1].message(Lang::Vi), "Vui lòng nhập họ và tên");
    }

    #[test]
    fn names_in_every_script_are_accepted() {
        for name in [
            "Somchai Jaidee",
            "สมชาย ใจดี",
            "ສົມຊາຍ",
            "សុខ ចាន់",
            "အောင်ကျော်",
            "Nguyễn Văn A",
            "María-José O'Neil",
        ] {
            let mut a = good();
            a["fullName"] = json!(name);
            assert!(validate(&event(), &request(a)).is_ok(), "{name}");
        }
    }

    #[test]
    fn group_size_is_bounded() {
        let mut r = request(good());
        r.attendees = vec![];
        assert_eq!(
            validate(&event(), &r).unwrap_err()[0].code,
            ValidationCode::Attendees
        );
        r.attendees = vec![Attendee::new(); 3];
        let errors = validate(&event(), &r).unwrap_err();
        assert_eq!(
            (errors[0].pointer.as_str(), errors[0].limit.as_deref()),
            ("/attendees", Some("2"))
        );
    }

    #[test]
    fn email_and_phone_are_lenient_but_not_blind() {
        for ok in [
            "a@b.co",
            "nguyễn@bhxh.việtnam",
            "first.last+tag@sub.example.org",
        ] {
            assert!(is_plausible_email(ok), "{ok}");
        }
        for bad in [
            "", "a@b", "@b.co", "a b@c.de", "a@.co", "a@b..co", "a@b.co.",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
        for ok in ["+84 24 3936 3636", "(02) 123-4567", "๐๘๑๒๓๔๕๖๗๘"] {
            assert!(is_plausible_phone(ok), "{ok}");
        }
        for bad in ["123", "phone", "+84 24 +3936", "1".repeat(21).as_str()] {
            assert!(!is_plausible_phone(bad), "{bad}");
        }
    }

    /// An event that asks every field type, for the rule-by-rule tests.
    fn every_type() -> Event {
        parse_event(&json!({
            "id": "t", "name": "Training", "startDate": "2027-04-06T09:00:00+07:00",
            "location": {"id": "online", "@type": "VirtualLocation"},
            "registration": {"maxAttendees": 3, "fields": [
                {"name": "fullName", "type": "text", "label": {"en": "Full name", "th": "ชื่อ-นามสกุล"}, "required": true, "maxLength": 10},
                {"name": "email", "type": "email", "label": "Email", "required": true},
                {"name": "phone", "type": "tel", "label": "Phone"},
                {"name": "memberId", "type": "text", "label": "Member number", "pattern": "[A-Z]{2}-\\d{4}"},
                {"name": "thaiName", "type": "text", "label": "Name in Thai", "pattern": "[\\u0E00-\\u0E7F ]+"},
                {"name": "role", "type": "select", "label": "Role", "required": true,
                 "options": [{"value": "actuary"}, {"value": "other"}]},
                {"name": "roleOther", "type": "text", "label": "Your role", "required": true,
                 "showIf": {"field": "role", "equals": "other"}},
                {"name": "track", "type": "radio", "label": "Track", "options": ["a", "b"]},
                {"name": "topics", "type": "multiselect", "label": "Topics", "options": ["x", "y", "z"]},
                {"name": "years", "type": "number", "label": "Years", "min": 0, "max": 40},
                {"name": "born", "type": "date", "label": "Date of birth"},
                {"name": "site", "type": "url", "label": "Website"},
                {"name": "country", "type": "country", "label": "Country"},
                {"name": "notes", "type": "textarea", "label": "Notes", "maxLength": 20},
                {"name": "photo", "type": "checkbox", "label": "Photos are fine", "required": true}
            ]}
        }))
        .unwrap()
    }

    fn base() -> Attendee {
        serde_json::from_value(json!({"fullName": "Somchai", "email": "s@sso.go.th", "role": "actuary", "photo": true}))
            .unwrap()
    }

    fn typed(a: Attendee) -> RegistrationRequest {
        RegistrationRequest {
            event_id: "t".into(),
            location_id: None,
            locale: Some("en".into()),
            attendees: vec![a],
            consent: None,
            widget: None,
            antispam: None,
        }
    }

    /// The error codes for one attendee's answers (over `base()`).
    fn codes(answers: Value) -> Vec<(String, ValidationCode)> {
        let mut a = base();
        if let Value::Object(map) = answers {
            for (k, v) in map {
                a.insert(k, v);
            }
        }
        match validate(&every_type(), &typed(a)) {
            Ok(_) => vec![],
            Err(errors) => errors
                .into_iter()
                .map(|e| {
                    (
                        e.pointer.trim_start_matches("/attendees/0/").to_string(),
                        e.code,
                    )
                })
                .collect(),
        }
    }

    fn one(field: &str, code: ValidationCode) -> Vec<(String, ValidationCode)> {
        vec![(field.to_string(), code)]
    }

    /// Each answer alone (over `base()`) passes (`None`) or fails with `code`
    /// at its own field.
    fn expect(cases: &[(&str, Value, Option<ValidationCode>)]) {
        for (field, value, code) in cases {
            let mut answers = serde_json::Map::new();
            answers.insert(field.to_string(), value.clone());
            let want = code.map(|c| one(field, c)).unwrap_or_default();
            assert_eq!(codes(Value::Object(answers)), want, "{field} = {value}");
        }
    }

    use ValidationCode::*;

    #[test]
    fn required_answers_are_not_blank_in_any_script() {
        assert_eq!(codes(json!({})), vec![]);
        expect(&[
            ("fullName", json!(""), Some(Required)),
            ("fullName", json!("   "), Some(Required)),
            ("fullName", json!("\u{3000}"), Some(Required)),
            ("fullName", json!("\u{00A0}\t"), Some(Required)),
            ("fullName", json!("အောင်"), None),
            // A required checkbox must be ticked.
            ("photo", json!(false), Some(Required)),
            // A hidden conditional field is not checked, a shown one is.
            ("roleOther", json!(""), None),
        ]);
        assert_eq!(codes(json!({"role": "other"})), one("roleOther", Required));
    }

    #[test]
    fn lengths_count_characters_after_nfc() {
        // 10 characters once composed, 13 code points as typed (decomposed).
        let decomposed = "Nguye\u{302}\u{303}n Va\u{306}n";
        assert_eq!(decomposed.chars().count(), 13);
        expect(&[
            ("fullName", json!(decomposed), None),
            ("fullName", json!("สมชาย ใจดี"), None),
            ("fullName", json!("ສົມຊາຍ ໃຈດີຫລາຍ"), Some(TooLong)),
            ("notes", json!("အောင်ကျော်".repeat(3)), Some(TooLong)),
        ]);
        let mut a = base();
        a.insert("fullName".into(), json!(decomposed));
        let clean = validate(&every_type(), &typed(a));
        assert_eq!(
            clean.map(|c| c.attendees[0]["fullName"].clone()).ok(),
            Some(json!("Nguyễn Văn")),
            "stored composed"
        );
    }

    #[test]
    fn email_phone_url_and_date_in_several_scripts() {
        expect(&[
            ("email", json!("สมชาย@ตัวอย่าง.ไทย"), None),
            ("email", json!("huong@bhxh.việtnam"), None),
            ("email", json!("ສົມຊາຍ at sso.la"), Some(Email)),
            ("phone", json!("+856 21 ໒໑໒ ໓໔໕"), None),
            ("phone", json!("(០២៣) ៤៥៦ ៧៨៩"), None),
            ("phone", json!("+95 ၉ ၁၂၃ ၄၅၆"), None),
            ("phone", json!("๐๒-๑๒๓-๔๕๖๗"), None),
            ("phone", json!("โทร 123"), Some(Phone)),
            ("site", json!("https://sso.go.th/หน้าแรก"), None),
            ("site", json!("sso.go.th"), Some(Url)),
            ("born", json!("១៩៨៥-០៣-១០"), None),
            ("born", json!("1985-02-30"), Some(Date)),
            ("born", json!("10/03/1985"), Some(Date)),
        ]);
    }

    #[test]
    fn numbers_in_any_digits_within_bounds() {
        expect(&[
            ("years", json!("๑๒"), None),
            ("years", json!("၇,၅"), None),
            ("years", json!(12), None),
            ("years", json!("ສິບ"), Some(Number)),
            ("years", json!("-1"), Some(TooSmall)),
            ("years", json!("໔໑"), Some(TooLarge)),
        ]);
        let mut a = base();
        a.insert("years".into(), json!("໔໑"));
        let e = validate(&every_type(), &typed(a)).unwrap_err();
        assert_eq!(e[0].message(Lang::Vi), "Years không được lớn hơn 40");
    }

    #[test]
    fn options_must_be_offered_ones() {
        expect(&[
            ("role", json!("ນັກຄະນິດສາດ"), Some(NotAnOption)),
            ("track", json!("b"), None),
            ("track", json!(["a", "b"]), Some(NotAnOption)),
            ("topics", json!(["x", "z"]), None),
            ("topics", json!(["x", "w"]), Some(NotAnOption)),
            ("country", json!("kh"), None),
            ("country", json!("Kampuchea"), Some(NotAnOption)),
        ]);
    }

    #[test]
    fn patterns_apply_to_the_composed_text() {
        expect(&[
            ("memberId", json!("LA-2027"), None),
            ("memberId", json!(" LA-2027 "), None),
            ("memberId", json!("la-2027"), Some(Pattern)),
            ("thaiName", json!("สมชาย ใจดี"), None),
            ("thaiName", json!("Somchai"), Some(Pattern)),
        ]);
        let e = FieldError::new(
            "/attendees/0/memberId".into(),
            Pattern,
            &LocalizedText::plain("Member number"),
        );
        assert_eq!(
            e.message(Lang::En),
            "Member number is not in the expected format"
        );
    }

    #[test]
    fn a_group_cannot_share_an_email_address() {
        let mut r = request(good());
        let mut second = good();
        second["email"] = json!("HUONG@vss.gov.vn");
        second["fullName"] = json!("Trần Văn Bình");
        r.attendees.push(serde_json::from_value(second).unwrap());
        let errors = validate(&event(), &r).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.pointer.as_str(), e.code))
                .collect::<Vec<_>>(),
            [("/attendees/1/email", ValidationCode::Duplicate)]
        );
    }

    #[test]
    fn spam_signals_are_checked_when_sent() {
        let mut r = request(good());
        r.antispam = Some(Antispam {
            honeypot: String::new(),
            elapsed_ms: Some(MIN_FILL_MS),
        });
        assert!(validate(&event(), &r).is_ok());
        r.antispam = Some(Antispam {
            honeypot: "https://spam.example".into(),
            elapsed_ms: Some(800),
        });
        let errors = validate(&event(), &r).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.pointer.as_str(), e.code))
                .collect::<Vec<_>>(),
            [
                ("/antispam/honeypot", ValidationCode::Spam),
                ("/antispam/elapsedMs", ValidationCode::TooFast)
            ]
        );
        assert!(errors[0].message(Lang::Vi).starts_with("Vui lòng để trống"));
        r.antispam = None;
        assert!(
            validate(&event(), &r).is_ok(),
            "other clients may leave them out"
        );
        let read = RegistrationRequest::from_json(json!({"eventId": "w", "attendees": [],
            "antispam": {"honeypot": "", "elapsedMs": "4500"}}))
        .unwrap();
        assert_eq!(read.antispam.and_then(|a| a.elapsed_ms), Some(4500));
    }

    #[test]
    fn malformed_bodies_point_at_the_wrong_part() {
        assert_eq!(
            RegistrationRequest::from_json(json!([]))
                .unwrap_err()
                .pointer,
            ""
        );
        assert_eq!(
            RegistrationRequest::from_json(json!({"eventId": 3, "attendees": []}))
                .unwrap_err()
                .pointer,
            "/eventId"
        );
        assert_eq!(
            RegistrationRequest::from_json(json!({"eventId": "w"}))
                .unwrap_err()
                .pointer,
            "/attendees"
        );
        assert_eq!(
            RegistrationRequest::from_json(json!({"eventId": "w", "attendees": [1]}))
                .unwrap_err()
                .code,
            ValidationCode::Malformed
        );
    }
}
