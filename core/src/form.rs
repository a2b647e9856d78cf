//! The registration form's schema: the fields an event asks for, read from the
//! feed's `registration.fields`, or the default set.

use serde_json::Value;

use crate::i18n::{self, Key, Lang};
use crate::pattern::Pattern;
use crate::text::LocalizedText;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Email,
    Tel,
    Textarea,
    Select,
    Multiselect,
    Radio,
    Checkbox,
    Country,
    Date,
    Number,
    Url,
}

impl FieldType {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "text" => Self::Text,
            "email" => Self::Email,
            "tel" => Self::Tel,
            "textarea" => Self::Textarea,
            "select" => Self::Select,
            "multiselect" => Self::Multiselect,
            "radio" => Self::Radio,
            "checkbox" => Self::Checkbox,
            "country" => Self::Country,
            "date" => Self::Date,
            "number" => Self::Number,
            "url" => Self::Url,
            _ => return None,
        })
    }

    /// Whether the answer is one of the field's `options`.
    pub fn has_options(self) -> bool {
        matches!(self, Self::Select | Self::Multiselect | Self::Radio)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldOption {
    pub value: String,
    pub label: LocalizedText,
}

/// Show a field only when another field's answer equals a value.
#[derive(Clone, Debug, PartialEq)]
pub struct ShowIf {
    pub field: String,
    pub equals: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    /// The key of the answer in each attendee object.
    pub name: String,
    pub field_type: FieldType,
    pub label: LocalizedText,
    pub help: Option<LocalizedText>,
    pub required: bool,
    pub options: Vec<FieldOption>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub max_length: Option<usize>,
    pub pattern: Option<String>,
    /// An HTML `autocomplete` token, e.g. `email`.
    pub autocomplete: Option<String>,
    pub show_if: Option<ShowIf>,
    /// `shared` in the feed: whether a group's later attendees may take this
    /// answer from attendee 1 ("same as attendee 1"). `None`: decided by
    /// [`FormField::is_shared`] from the `autocomplete` token.
    pub shared: Option<bool>,
}

/// `autocomplete` tokens of answers a group usually has in common.
const SHARED_TOKENS: [&str; 11] = [
    "organization",
    "country",
    "country-name",
    "street-address",
    "address-line1",
    "address-line2",
    "address-line3",
    "address-level1",
    "address-level2",
    "address-level3",
    "postal-code",
];

/// Longest answer accepted for a text field that sets no `maxLength`.
pub const DEFAULT_MAX_LENGTH: usize = 500;
/// Longest answer accepted for a textarea that sets no `maxLength`.
pub const DEFAULT_TEXTAREA_MAX_LENGTH: usize = 5000;

impl FormField {
    fn new(
        name: &str,
        field_type: FieldType,
        label: Key,
        required: bool,
        autocomplete: &str,
    ) -> Self {
        Self {
            name: name.to_string(),
            field_type,
            label: interface_text(label),
            help: None,
            required,
            options: Vec::new(),
            min: None,
            max: None,
            max_length: None,
            pattern: None,
            autocomplete: Some(autocomplete.to_string()),
            show_if: None,
            shared: None,
        }
    }

    /// Reads one field of `registration.fields`; `None` when it has no usable
    /// `name` or an unknown `type`.
    pub fn from_json(value: &Value) -> Option<Self> {
        let name = value.get("name")?.as_str()?.trim();
        if name.is_empty() || name.len() > 100 {
            return None;
        }
        let field_type =
            FieldType::from_name(value.get("type").and_then(Value::as_str).unwrap_or("text"))?;
        let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
        let number = |k: &str| {
            value
                .get(k)
                .and_then(Value::as_f64)
                .filter(|n| n.is_finite())
        };
        let options = value
            .get("options")
            .and_then(Value::as_array)
            .map(|opts| opts.iter().filter_map(option_from_json).collect())
            .unwrap_or_default();
        let show_if = value.get("showIf").and_then(|s| {
            Some(ShowIf {
                field: s.get("field")?.as_str()?.to_string(),
                equals: scalar_text(s.get("equals")?)?,
            })
        });
        Some(Self {
            name: name.to_string(),
            field_type,
            label: value
                .get("label")
                .and_then(LocalizedText::from_json)
                .unwrap_or_else(|| LocalizedText::plain(name)),
            help: value.get("help").and_then(LocalizedText::from_json),
            required: value
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            options,
            min: number("min"),
            max: number("max"),
            max_length: value
                .get("maxLength")
                .and_then(Value::as_u64)
                .map(|n| n.min(100_000) as usize),
            // A pattern this engine cannot read is dropped here, so the widget
            // and the server agree that the field has none.
            pattern: text("pattern").filter(|p| Pattern::new(p).is_ok()),
            autocomplete: text("autocomplete"),
            show_if,
            shared: value.get("shared").and_then(Value::as_bool),
        })
    }

    /// Whether later attendees of a group may share attendee 1's answer: the
    /// feed's `shared`, else true for the organisation and for address parts
    /// (by `autocomplete` token), never for a name, email or phone.
    pub fn is_shared(&self) -> bool {
        self.shared.unwrap_or_else(|| {
            let token = self
                .autocomplete
                .as_deref()
                .and_then(|a| a.split_whitespace().last())
                .unwrap_or("");
            SHARED_TOKENS.contains(&token)
        })
    }

    /// The longest answer accepted.
    pub fn effective_max_length(&self) -> usize {
        self.max_length.unwrap_or(match self.field_type {
            FieldType::Textarea => DEFAULT_TEXTAREA_MAX_LENGTH,
            _ => DEFAULT_MAX_LENGTH,
        })
    }
}

fn option_from_json(value: &Value) -> Option<FieldOption> {
    match value {
        Value::String(s) => Some(FieldOption {
            value: s.clone(),
            label: LocalizedText::plain(s.clone()),
        }),
        Value::Object(_) => {
            let v = scalar_text(value.get("value")?)?;
            let label = value
                .get("label")
                .and_then(LocalizedText::from_json)
                .unwrap_or_else(|| LocalizedText::plain(v.clone()));
            Some(FieldOption { value: v, label })
        }
        _ => None,
    }
}

/// A string, number or boolean as text.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An interface string in every interface language.
fn interface_text(key: Key) -> LocalizedText {
    LocalizedText::from_pairs(Lang::ALL.iter().map(|l| (l.tag(), i18n::text(*l, key))))
}

/// The fields asked when the feed gives none: full name, email, organisation,
/// job title, country, phone.
pub fn default_fields() -> Vec<FormField> {
    let mut full_name = FormField::new("fullName", FieldType::Text, Key::FullName, true, "name");
    full_name.max_length = Some(200);
    let mut email = FormField::new("email", FieldType::Email, Key::Email, true, "email");
    email.max_length = Some(254);
    vec![
        full_name,
        email,
        FormField::new(
            "organisation",
            FieldType::Text,
            Key::Organisation,
            true,
            "organization",
        ),
        FormField::new(
            "jobTitle",
            FieldType::Text,
            Key::JobTitle,
            false,
            "organization-title",
        ),
        FormField::new("country", FieldType::Country, Key::Country, true, "country"),
        FormField::new("phone", FieldType::Tel, Key::Phone, false, "tel"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_select_with_show_if() {
        let f = FormField::from_json(&json!({
            "name": "role", "type": "select", "required": true,
            "label": {"en": "Role", "vi": "Vai trò"},
            "options": [{"value": "a", "label": {"en": "A"}}, "b", {"value": 3}],
            "showIf": {"field": "kind", "equals": true}
        }))
        .unwrap();
        assert_eq!(f.field_type, FieldType::Select);
        assert_eq!(
            f.options
                .iter()
                .map(|o| o.value.as_str())
                .collect::<Vec<_>>(),
            ["a", "b", "3"]
        );
        assert_eq!(
            f.show_if,
            Some(ShowIf {
                field: "kind".into(),
                equals: "true".into()
            })
        );
        assert_eq!(f.label.get("vi"), "Vai trò");
    }

    #[test]
    fn patterns_it_cannot_read_are_dropped_and_sharing_follows_autocomplete() {
        let f = FormField::from_json(&json!({"name": "id", "pattern": "[A-Z]{2}-\\d+"})).unwrap();
        assert_eq!(f.pattern.as_deref(), Some("[A-Z]{2}-\\d+"));
        let f = FormField::from_json(&json!({"name": "id", "pattern": "(?=x)\\1"})).unwrap();
        assert_eq!(f.pattern, None);
        let shared: Vec<_> = default_fields()
            .into_iter()
            .filter(FormField::is_shared)
            .map(|f| f.name)
            .collect();
        assert_eq!(shared, ["organisation", "country"]);
        let f = FormField::from_json(&json!({"name": "unit", "shared": true})).unwrap();
        assert!(f.is_shared());
        let f = FormField::from_json(
            &json!({"name": "org", "autocomplete": "section-x organization", "shared": false}),
        )
        .unwrap();
        assert!(!f.is_shared(), "the feed decides");
    }

    #[test]
    fn rejects_nameless_and_unknown_types() {
        assert!(FormField::from_json(&json!({"type": "text"})).is_none());
        assert!(FormField::from_json(&json!({"name": "x", "type": "hologram"})).is_none());
        assert!(FormField::from_json(&json!("name")).is_none());
    }

    #[test]
    fn default_set_is_labelled_in_every_language() {
        let fields = default_fields();
        assert_eq!(
            fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            [
                "fullName",
                "email",
                "organisation",
                "jobTitle",
                "country",
                "phone"
            ]
        );
        assert_eq!(fields[0].label.get("vi"), "Họ và tên");
    }
}
