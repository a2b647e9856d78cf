//! The `form` endpoint format (`data-endpoint-format="form"`): the same data
//! as the JSON body, urlencoded with bracket names, which simple form back
//! ends (PHP, Rails, Express's `qs`) read natively and which needs no CORS
//! preflight:
//!
//! ```text
//! eventId=assa-39&locationId=online&locale=vi&widget=regdesk%2F0.1.0
//! &attendees[0][fullName]=...&attendees[0][topics][]=a&attendees[0][topics][]=b
//! &consent[version]=2026-01&consent[purposes][]=processing&consent[at]=...
//! &antispam[honeypot]=&antispam[elapsedMs]=8123&idempotencyKey=...
//! ```
//!
//! Booleans are `true`/`false`. The widget encodes with [`encode`]; the
//! server decodes with [`decode`].

use serde_json::{Map, Value};

use crate::registration::{FieldError, RegistrationRequest};

/// The longest bracket path accepted, e.g. `attendees[0][topics][]` is 4.
const MAX_DEPTH: usize = 4;
/// The largest list index accepted (a group is at most 50 people).
const MAX_INDEX: usize = 100;

/// The request (and its Idempotency-Key) as `application/x-www-form-urlencoded`.
pub fn encode(request: &RegistrationRequest, idempotency_key: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let mut put = |k: &str, v: &str| {
        out.append_pair(k, v);
    };
    put("eventId", &request.event_id);
    if let Some(l) = &request.location_id {
        put("locationId", l);
    }
    if let Some(l) = &request.locale {
        put("locale", l);
    }
    if let Some(w) = &request.widget {
        put("widget", w);
    }
    for (i, attendee) in request.attendees.iter().enumerate() {
        for (name, value) in attendee {
            let key = format!("attendees[{i}][{name}]");
            match value {
                Value::Array(items) => {
                    for item in items {
                        put(&format!("{key}[]"), &scalar(item));
                    }
                }
                v => put(&key, &scalar(v)),
            }
        }
    }
    if let Some(c) = &request.consent {
        put("consent[version]", &c.version);
        for p in &c.purposes {
            put("consent[purposes][]", p);
        }
        put("consent[at]", &c.at);
    }
    if let Some(a) = &request.antispam {
        put("antispam[honeypot]", &a.honeypot);
        if let Some(ms) = a.elapsed_ms {
            put("antispam[elapsedMs]", &ms.to_string());
        }
    }
    put("idempotencyKey", idempotency_key);
    out.finish()
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Reads a urlencoded registration: the request and the `idempotencyKey`.
pub fn decode(body: &[u8]) -> Result<(RegistrationRequest, Option<String>), FieldError> {
    let mut root = Map::new();
    let mut key = None;
    for (name, value) in form_urlencoded::parse(body) {
        if name == "idempotencyKey" {
            key = Some(value.into_owned());
            continue;
        }
        let path = split_path(&name).ok_or_else(|| FieldError::malformed(&format!("/{name}")))?;
        insert(&mut root, &path, Value::String(value.into_owned()))
            .ok_or_else(|| FieldError::malformed(&format!("/{name}")))?;
    }
    // Consent purposes are always a list, even with one item.
    if let Some(Value::Object(c)) = root.get_mut("consent") {
        if let Some(p @ Value::String(_)) = c.get_mut("purposes") {
            *p = Value::Array(vec![p.take()]);
        }
    }
    let mut value = Value::Object(root);
    if value.get("attendees").is_none() {
        value["attendees"] = Value::Array(Vec::new());
    }
    RegistrationRequest::from_json(value).map(|r| (r, key))
}

/// `a[b][0][]` as `["a", "b", "0", ""]`; `None` when malformed or too deep.
fn split_path(name: &str) -> Option<Vec<&str>> {
    let (head, mut rest) = match name.find('[') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name, ""),
    };
    if head.is_empty() {
        return None;
    }
    let mut path = vec![head];
    while !rest.is_empty() {
        let close = rest.find(']')?;
        if !rest.starts_with('[') {
            return None;
        }
        path.push(&rest[1..close]);
        rest = &rest[close + 1..];
    }
    (path.len() <= MAX_DEPTH).then_some(path)
}

/// Puts `value` at `path`; numeric segments index lists, `[]` appends.
fn insert(map: &mut Map<String, Value>, path: &[&str], value: Value) -> Option<()> {
    let (first, rest) = path.split_first()?;
    if rest.is_empty() {
        map.insert((*first).to_string(), value);
        return Some(());
    }
    let child = map
        .entry((*first).to_string())
        .or_insert_with(|| container_for(rest[0]));
    insert_value(child, rest, value)
}

fn container_for(segment: &str) -> Value {
    if segment.is_empty() || segment.parse::<usize>().is_ok() {
        Value::Array(Vec::new())
    } else {
        Value::Object(Map::new())
    }
}

fn insert_value(node: &mut Value, path: &[&str], value: Value) -> Option<()> {
    let (seg, rest) = path.split_first()?;
    match node {
        Value::Object(map) => insert(map, path, value),
        Value::Array(items) => {
            let index = if seg.is_empty() {
                items.len()
            } else {
                seg.parse::<usize>().ok()?
            };
            if index > MAX_INDEX {
                return None;
            }
            while items.len() <= index {
                items.push(match rest.first() {
                    Some(next) => container_for(next),
                    None => Value::Null,
                });
            }
            if rest.is_empty() {
                items[index] = value;
                Some(())
            } else {
                if items[index].is_null() {
                    items[index] = container_for(rest[0]);
                }
                insert_value(&mut items[index], rest, value)
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registration::ConsentRecord;
    use serde_json::json;

    fn request() -> RegistrationRequest {
        RegistrationRequest {
            event_id: "assa-39".into(),
            location_id: Some("luang-prabang".into()),
            locale: Some("lo".into()),
            attendees: vec![
                [
                    ("fullName".to_string(), json!("ສົມພອນ & Co = 100%")),
                    ("topics".to_string(), json!(["a", "b"])),
                    ("news".to_string(), json!(true)),
                ]
                .into_iter()
                .collect(),
                [("fullName".to_string(), json!("Second"))]
                    .into_iter()
                    .collect(),
            ],
            consent: Some(ConsentRecord {
                version: "2026-01".into(),
                purposes: vec!["processing".into()],
                at: "2026-11-22T10:00:00Z".into(),
            }),
            widget: Some("regdesk/0.1.0".into()),
            antispam: Some(crate::registration::Antispam {
                honeypot: String::new(),
                elapsed_ms: Some(8123),
            }),
        }
    }

    #[test]
    fn round_trips_through_form_encoding() {
        let body = encode(&request(), "k-1");
        assert!(
            body.contains("attendees%5B0%5D%5Btopics%5D%5B%5D=a"),
            "{body}"
        );
        let (back, key) = decode(body.as_bytes()).unwrap();
        assert_eq!(key.as_deref(), Some("k-1"));
        assert_eq!(back.attendees[0]["fullName"], "ສົມພອນ & Co = 100%");
        assert_eq!(back.attendees[0]["topics"], json!(["a", "b"]));
        assert_eq!(back.attendees[0]["news"], "true", "booleans travel as text");
        assert_eq!(back.attendees[1]["fullName"], "Second");
        assert_eq!(back.consent, request().consent);
        assert_eq!(
            back.antispam,
            request().antispam,
            "elapsedMs read from text"
        );
        assert_eq!(
            (back.event_id, back.location_id),
            ("assa-39".to_string(), Some("luang-prabang".to_string()))
        );
    }

    #[test]
    fn rejects_malformed_names_without_panicking() {
        for body in [
            "attendees[0=x",
            "[x]=1",
            "attendees[999999][a]=1",
            "a[b][c][d][e]=1",
            "eventId[x]=1&eventId=2",
            "attendees=1&attendees[0][a]=1",
            "%ZZ=%",
        ] {
            let _ = decode(body.as_bytes());
        }
        assert!(decode(b"attendees[0=x").is_err());
        assert!(decode(b"eventId=e&attendees[101][fullName]=x").is_err());
        let (empty, _) = decode(b"eventId=e").unwrap();
        assert!(
            empty.attendees.is_empty(),
            "no attendees is for validation to report, not malformed"
        );
    }
}
