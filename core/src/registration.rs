//! A registration as the widget sends it (contract section 3), and the rules
//! it must meet. The widget checks them before sending; the server checks
//! them again with this same code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::event::Event;
use crate::form::{FieldType, FormField};
use crate::i18n::{self, Key, Lang};
use crate::text::LocalizedText;

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
            let ok = match (map.get(key), expected) {
                (Some(Value::String(_)), "string") | (Some(Value::Array(_)), "array") => true,
                _ => false,
            };
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

/// The text of an answer: trimmed strings, numbers as text, booleans as
/// `"true"`/`"false"`; lists (multiselect) as their items.
fn answer_items(value: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
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
        Some(cond) => answer_items(attendee.get(&cond.field))
            .iter()
            .any(|a| *a == cond.equals),
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
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
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
    let number = |s: &str| {
        s.replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
    };
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
                Some(_) => None,
            }
        }
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
