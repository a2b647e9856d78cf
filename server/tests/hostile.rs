//! A corpus of bad and hostile input. Whatever arrives, the server answers
//! with a 2xx or a 4xx problem (never a 500), stores text exactly as sent,
//! and stays healthy.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::Method;
use serde_json::{json, Value};

const EVENT: &str = "hostile";
const SQL: &[&str] = &[
    "'; DROP TABLE registrations; --",
    "\" OR \"1\"=\"1",
    "%' OR 1=1 --",
    "x'); DELETE FROM attendees; --",
    "\\'; SELECT sqlite_version(); --",
];

/// Names in many scripts, and text that trips naive code.
const NAMES: &[&str] = &[
    "Nguyễn Thị Hương",
    "สมชาย ใจดี",
    "ສົມພອນ ແກ້ວມະນີ",
    "សុខ ចាន់ណា",
    "အောင်ကျော်မိုး",
    "Siti Nurhaliza binti Tarudin",
    "Maria Dela Cruz-Ñiño",
    "João Gonçalves",
    "王小明",
    "山田 太郎",
    "김민준",
    "محمد عبد الله",
    "דוד לוי",
    "अमित कुमार",
    "முருகன்",
    "Αλέξανδρος",
    "Дмитрий Иванов",
    "გიორგი",
    "አበበ ቢቂላ",
    "👩🏽‍💻 Dev 🙂",
    "e\u{301}le\u{300}ve",
    "a\u{200d}b\u{200b}c",
    "\u{202e}gnp.exe",
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "=cmd|' /C calc'!A0",
];

struct Case {
    label: String,
    method: Method,
    path: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

fn json_case(label: &str, body: impl Into<Vec<u8>>) -> Case {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    Case {
        label: label.into(),
        method: Method::POST,
        path: "/api/registrations".into(),
        headers,
        body: body.into(),
    }
}

fn form_case(label: &str, body: impl Into<Vec<u8>>) -> Case {
    let mut c = json_case(label, body);
    c.headers.insert(
        "content-type",
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    c
}

fn get_case(label: &str, path: &str) -> Case {
    Case {
        label: label.into(),
        method: Method::GET,
        path: path.into(),
        headers: HeaderMap::new(),
        body: Vec::new(),
    }
}

/// A valid registration, each with its own e-mail address so that odd but
/// acceptable bodies go all the way to the database.
fn valid() -> Value {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    registration(EVENT, None, &format!("valid{n}@example.org"))
}

fn with(path: &[&str], value: Value) -> Value {
    let mut body = valid();
    let mut at = &mut body;
    for step in path {
        at = match step.parse::<usize>() {
            Ok(n) => &mut at[n],
            Err(_) => &mut at[*step],
        };
    }
    *at = value;
    body
}

fn corpus() -> Vec<Case> {
    let mut cases = Vec::new();
    // Not JSON, or not the right JSON.
    for (label, body) in [
        ("empty", ""),
        ("space", " "),
        ("null", "null"),
        ("true", "true"),
        ("number", "1"),
        ("string", "\"registration\""),
        ("array", "[]"),
        ("object", "{}"),
        ("unclosed", "{not json"),
        ("cut", "{\"eventId\":"),
        ("trailing", "{} x"),
        ("NaN", "{\"eventId\": NaN}"),
        ("huge number", "{\"eventId\": 1e999999}"),
        (
            "dup keys",
            "{\"eventId\":\"a\",\"eventId\":\"hostile\",\"attendees\":[]}",
        ),
        (
            "lone surrogate",
            "{\"eventId\":\"\\ud800\",\"attendees\":[]}",
        ),
        ("bom", "\u{feff}{\"eventId\":\"hostile\",\"attendees\":[]}"),
    ] {
        cases.push(json_case(label, body));
    }
    // Wrong types at every member.
    let wrong = [
        json!(null),
        json!(1),
        json!(true),
        json!([]),
        json!({}),
        json!("x"),
        json!([1, [2]]),
    ];
    for member in [
        &["eventId"][..],
        &["locationId"],
        &["locale"],
        &["attendees"],
        &["attendees", "0"],
        &["attendees", "0", "fullName"],
        &["attendees", "0", "email"],
        &["attendees", "0", "country"],
        &["consent"],
        &["consent", "version"],
        &["consent", "purposes"],
        &["consent", "at"],
        &["widget"],
    ] {
        for v in &wrong {
            cases.push(json_case(
                &format!("{member:?} = {v}"),
                with(member, v.clone()).to_string(),
            ));
        }
    }
    cases.push(json_case(
        "1000 attendees",
        with(&["attendees"], json!(vec![json!({}); 1000])).to_string(),
    ));
    cases.push(json_case(
        "long locale",
        with(&["locale"], json!("x".repeat(5000))).to_string(),
    ));
    // Deep nesting, within and over the size limit.
    cases.push(json_case("deep array", "[".repeat(60_000)));
    cases.push(json_case("deep object", "{\"a\":".repeat(12_000)));
    let deep_answer = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    cases.push(json_case(
        "deep answer",
        with(&["attendees", "0", "fullName"], json!(null))
            .to_string()
            .replace("\"fullName\":null", &format!("\"fullName\":{deep_answer}")),
    ));
    // Too large.
    cases.push(json_case("64 KiB + 1", vec![b' '; 64 * 1024 + 1]));
    cases.push(json_case("1 MiB", vec![b'['; 1024 * 1024]));
    // SQL metacharacters everywhere.
    for (i, sql) in SQL.iter().enumerate() {
        for member in [
            &["eventId"][..],
            &["locationId"],
            &["locale"],
            &["widget"],
            &["consent", "version"],
        ] {
            cases.push(json_case(
                &format!("sql {member:?}"),
                with(member, json!(sql)).to_string(),
            ));
        }
        let mut body = with(&["attendees", "0", "organisation"], json!(sql));
        body["attendees"][0]["email"] = json!(format!("sql{i}@example.org"));
        body["attendees"][0]["jobTitle"] = json!(sql);
        body["attendees"][0][*sql] = json!(sql);
        let mut c = json_case(&format!("sql answers {i}"), body.to_string());
        c.headers.insert(
            "idempotency-key",
            HeaderValue::from_str(&format!("\"{}\"", sql.replace(['"', ' ', '\\'], "_"))).unwrap(),
        );
        cases.push(c);
        cases.push(get_case(
            "sql path",
            &format!("/api/events/{}", urlencode(sql)),
        ));
    }
    // Invalid UTF-8.
    cases.push(json_case(
        "invalid utf-8",
        b"{\"eventId\":\"\xff\xfe\",\"attendees\":[]}".to_vec(),
    ));
    cases.push(json_case(
        "invalid utf-8 bare",
        b"\xc3\x28\xa0\xa1".to_vec(),
    ));
    cases.push(form_case(
        "form invalid utf-8",
        b"eventId=%FF%FE&attendees[0][fullName]=\xff\xfe".to_vec(),
    ));
    cases.push(get_case("path invalid utf-8", "/api/events/%FF%FE"));
    cases.push(get_case("path nul", "/api/events/%00"));
    cases.push(get_case(
        "path traversal",
        "/api/events/..%2F..%2Fetc%2Fpasswd",
    ));
    cases.push(get_case(
        "long path",
        &format!("/api/events/{}", "a".repeat(6000)),
    ));
    // The form format, broken.
    for (label, body) in [
        ("form empty", ""),
        ("form junk", "=&=&&%&a=%ZZ"),
        (
            "form too deep",
            "eventId=hostile&attendees[0][a][b][c][d][e]=1",
        ),
        (
            "form huge index",
            "eventId=hostile&attendees[99999999999][email]=x",
        ),
        ("form list root", "eventId[]=x&attendees[]=y"),
        (
            "form sql",
            "eventId=%27%3B+DROP+TABLE+registrations%3B+--&attendees[0][email]=x",
        ),
    ] {
        cases.push(form_case(label, body));
    }
    let many: String = (0..6000).map(|i| format!("k{i}=v&")).collect();
    cases.push(form_case("form many fields", many));
    // Headers.
    for ct in [
        "application/json; charset=utf-16",
        "APPLICATION/JSON",
        "application/ld+json",
        "multipart/form-data; boundary=x",
        "text/plain",
        ";;;",
    ] {
        let mut c = json_case(&format!("content-type {ct}"), valid().to_string());
        c.headers
            .insert("content-type", HeaderValue::from_str(ct).unwrap());
        cases.push(c);
    }
    let mut no_type = json_case("no content-type", valid().to_string());
    no_type.headers.remove("content-type");
    cases.push(no_type);
    for key in [
        &b""[..],
        b"\"\"",
        b"\xe9t\xe9",
        &[b'k'; 300][..],
        b"a b",
        b"\"unterminated",
    ] {
        let mut c = json_case("odd key", valid().to_string());
        c.headers
            .insert("idempotency-key", HeaderValue::from_bytes(key).unwrap());
        cases.push(c);
    }
    let mut two = json_case("two keys", valid().to_string());
    two.headers
        .append("idempotency-key", HeaderValue::from_static("a"));
    two.headers
        .append("idempotency-key", HeaderValue::from_static("b"));
    cases.push(two);
    // Methods and admin paths.
    for method in [Method::PUT, Method::PATCH, Method::DELETE] {
        let mut c = json_case("method", valid().to_string());
        c.method = method;
        cases.push(c);
    }
    for path in [
        "/api/admin/registrations/%FF/cancel",
        "/api/admin/registrations/'%20OR%201=1--/cancel",
        "/api/admin/events/%00/registrations.csv",
        "/api/admin/events/'%3B%20DROP%20TABLE%20attendees%3B--/registrations",
    ] {
        let mut c = get_case("admin path", path);
        c.headers.insert(
            "authorization",
            HeaderValue::from_str(&format!("Bearer {ADMIN_TOKEN}")).unwrap(),
        );
        if path.ends_with("/cancel") {
            c.method = Method::POST;
        }
        cases.push(c);
    }
    let mut bad_auth = get_case(
        "admin auth bytes",
        "/api/admin/events/hostile/registrations",
    );
    bad_auth.headers.insert(
        "authorization",
        HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
    );
    cases.push(bad_auth);
    cases
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_input_gets_a_500() {
    let s = start(&feed(vec![event(EVENT, &[("hall", 500)], None, false, 3)])).await;
    let cases = corpus();
    let total = cases.len();
    let mut created = 0;
    for case in cases {
        let res = client()
            .request(case.method.clone(), s.url(&case.path))
            .headers(case.headers.clone())
            .body(case.body.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", case.label));
        let status = res.status().as_u16();
        assert!(status < 500, "{}: {status}", case.label);
        if status >= 400 {
            assert_eq!(
                res.headers()
                    .get("content-type")
                    .map(|v| v.to_str().unwrap()),
                Some("application/problem+json"),
                "{}",
                case.label
            );
            let problem: Value = res.json().await.unwrap();
            assert!(problem["code"].is_string(), "{}: {problem}", case.label);
        } else {
            created += 1;
        }
    }
    assert!(total > 150, "{total} cases");
    assert!(created >= 30, "odd but valid bodies were stored: {created}");
    // Nothing was dropped or damaged.
    let conn = s.db();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    for table in ["registrations", "attendees", "idempotency_keys"] {
        let n: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert!(n >= 1, "{table}");
    }
    let stored: String = conn
        .query_row(
            "SELECT answers FROM attendees WHERE email = 'sql0@example.org'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(stored["jobTitle"], SQL[0], "stored as text, never run");
    assert_eq!(get(s.url("/healthz")).await.status(), 200);
}

#[tokio::test]
async fn names_in_every_script_are_stored_and_read_back_in_nfc() {
    let s = start(&feed(vec![event(EVENT, &[("hall", 500)], None, false, 3)])).await;
    for (i, name) in NAMES.iter().enumerate() {
        let mut body = registration(EVENT, None, &format!("script{i}@example.org"));
        body["attendees"][0]["fullName"] = json!(name);
        body["attendees"][0]["organisation"] = json!(name);
        let (status, created) = post(&s.base, &body, &format!("script-{i}")).await;
        assert_eq!(status, 201, "{name}: {created}");
        let one: Value = s
            .admin(
                Method::GET,
                &format!(
                    "/api/admin/registrations/{}",
                    created["reference"].as_str().unwrap()
                ),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        // Answers are stored in Unicode NFC (the shared validation normalises
        // them), so "e" + a combining accent comes back as one "é".
        let expected = regdesk_core::text::nfc(name);
        assert_eq!(one["attendees"][0]["fullName"], *expected);
        assert_eq!(one["attendees"][0]["organisation"], *expected);
    }
    let csv = s
        .admin(
            Method::GET,
            &format!("/api/admin/events/{EVENT}/registrations.csv"),
        )
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for name in NAMES.iter().filter(|n| !n.starts_with('=')) {
        assert!(
            csv.contains(&regdesk_core::text::nfc(name)),
            "{name} in the CSV"
        );
    }
    assert!(csv.contains("'=cmd|"), "a formula is defused in the CSV");
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_gets_413() {
    let s = start_sample().await;
    let base = s.base.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let mut raw = Raw::connect(&base);
        raw.send(b"POST /api/registrations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            .unwrap();
        let chunk = vec![b' '; 16 * 1024];
        for _ in 0..8 {
            let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
            framed.extend_from_slice(&chunk);
            framed.extend_from_slice(b"\r\n");
            if raw.send(&framed).is_err() {
                break;
            }
        }
        raw.answer()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"code\":\"too-large\""), "{answer}");
}
