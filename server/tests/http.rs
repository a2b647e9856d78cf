//! The server over real HTTP on loopback, with the sample catalogue moved so
//! that its events are in the future whatever today's date.

use std::net::SocketAddr;

use regdesk_core::feed::{shift_dates, SAMPLE_AS_OF};
use serde_json::{json, Value};

struct Running {
    base: String,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn days_since_sample() -> i64 {
    let written = chrono::NaiveDate::parse_from_str(SAMPLE_AS_OF, "%Y-%m-%d").expect("a date");
    (chrono::Utc::now().date_naive() - written)
        .num_days()
        .max(0)
}

async fn start() -> Running {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut feed: Value =
        serde_json::from_str(include_str!("../../demo/catalogue.json")).expect("sample catalogue");
    shift_dates(&mut feed, days_since_sample());
    let catalogue = dir.path().join("catalogue.json");
    std::fs::write(&catalogue, feed.to_string()).expect("write catalogue");
    let db = dir.path().join("data/regdesk.sqlite");
    let config = regdesk_server::Config {
        catalogue,
        db: db.clone(),
        allow_origins: vec!["https://member.example.org".into()],
    };
    let app = regdesk_server::App::open(&config).expect("server starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr: SocketAddr = listener.local_addr().expect("address");
    tokio::spawn(app.serve(listener, std::future::pending()));
    Running {
        base: format!("http://{addr}"),
        db,
        _dir: dir,
    }
}

fn attendee(email: &str) -> Value {
    json!({"fullName": "Nguyễn Thị Hương", "email": email, "organisation": "Viet Nam Social Security",
           "jobTitle": "Deputy Director", "country": "VN", "phone": "+84 24 3936 3636"})
}

fn registration(event: &str, location: Option<&str>, email: &str) -> Value {
    json!({"eventId": event, "locationId": location, "locale": "vi", "attendees": [attendee(email)],
           "consent": {"version": "2026-01", "purposes": ["processing"], "at": "2026-11-22T10:00:00Z"},
           "widget": "regdesk/test"})
}

async fn post(base: &str, body: &Value, key: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{base}/api/registrations"))
        .header("Idempotency-Key", format!("\"{key}\""))
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn serves_the_catalogue_with_live_seats() {
    let s = start().await;
    let feed: Value = reqwest::get(format!("{}/api/events", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let events = feed["events"].as_array().expect("events");
    assert!(events.len() >= 12);
    let yangon = |feed: &Value| {
        feed["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "workshop-governance-yangon-2027")
            .cloned()
            .unwrap()
    };
    let before = yangon(&feed)["remainingAttendeeCapacity"].as_u64().unwrap();
    let (status, _) = post(
        &s.base,
        &registration("workshop-governance-yangon-2027", None, "a@vss.gov.vn"),
        "k-live",
    )
    .await;
    assert_eq!(status, 201);
    let feed: Value = reqwest::get(format!("{}/api/events", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        yangon(&feed)["remainingAttendeeCapacity"].as_u64().unwrap(),
        before - 1
    );
    let one = reqwest::get(format!("{}/api/events/assa-board-2026-12", s.base))
        .await
        .unwrap();
    assert_eq!(one.status(), 200);
    let missing = reqwest::get(format!("{}/api/events/nope", s.base))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn stores_a_registration_and_replays_its_key() {
    let s = start().await;
    let body = registration(
        "assa-board-2026-12",
        Some("vientiane"),
        "somphone@sso.gov.la",
    );
    let (status, first) = post(&s.base, &body, "3f1c7a52-1111-4a6e-9d2b-5b3c1e0f9a01").await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["status"], "confirmed");
    let reference = first["reference"].as_str().expect("reference").to_string();
    assert!(reference.starts_with("RD-"));

    let (status, again) = post(&s.base, &body, "3f1c7a52-1111-4a6e-9d2b-5b3c1e0f9a01").await;
    assert_eq!(
        (status, again["reference"].as_str()),
        (200, Some(reference.as_str()))
    );

    let mut changed = body.clone();
    changed["attendees"][0]["jobTitle"] = json!("Director");
    let (status, problem) = post(&s.base, &changed, "3f1c7a52-1111-4a6e-9d2b-5b3c1e0f9a01").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (422, Some("idempotency-key-reused"))
    );

    let (status, problem) = post(&s.base, &body, "another-key").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("already-registered"))
    );

    let conn = rusqlite::Connection::open(&s.db).expect("db");
    let (location, status): (String, String) = conn
        .query_row(
            "SELECT location_id, status FROM registrations WHERE reference = ?1",
            [&reference],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("stored");
    assert_eq!(
        (location.as_str(), status.as_str()),
        ("vientiane", "confirmed")
    );
    let (name, answers): (String, String) = conn
        .query_row("SELECT full_name, answers FROM attendees", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(name, "Nguyễn Thị Hương");
    assert_eq!(
        serde_json::from_str::<Value>(&answers).unwrap()["country"],
        "VN"
    );
}

#[tokio::test]
async fn answers_problems_for_bad_and_impossible_registrations() {
    let s = start().await;
    let mut bad = registration("workshop-governance-yangon-2027", None, "not-an-email");
    bad["attendees"][0]["fullName"] = json!("");
    bad["consent"]["purposes"] = json!([]);
    let res = reqwest::Client::new()
        .post(format!("{}/api/registrations", s.base))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["pointer"].as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/attendees/0/fullName",
            "/attendees/0/email",
            "/consent/purposes/processing"
        ]
    );
    assert_eq!(
        problem["errors"][0]["detail"], "Vui lòng nhập họ và tên",
        "in the visitor's language"
    );

    let cases = [
        ("training-digital-services-2026-12", 410),
        ("forum-social-welfare-2027", 410),
        ("no-such-event", 404),
    ];
    for (event, expected) in cases {
        let (status, problem) =
            post(&s.base, &registration(event, None, "x@example.org"), event).await;
        assert_eq!(status, expected, "{event}: {problem}");
        assert_eq!(problem["status"], expected);
    }
    let (status, body) = post(
        &s.base,
        &registration("seminar-sustainable-financing-2027", None, "y@example.org"),
        "full",
    )
    .await;
    assert_eq!((status, body["status"].as_str()), (201, Some("waitlisted")));

    let res = reqwest::Client::new()
        .post(format!("{}/api/registrations", s.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn accepts_the_form_format_with_the_key_in_the_body() {
    let s = start().await;
    let request: regdesk_core::RegistrationRequest = serde_json::from_value(registration(
        "assa-board-2026-12",
        Some("online"),
        "form@example.org",
    ))
    .unwrap();
    let body = regdesk_core::urlencoded::encode(&request, "form-key-1");
    let send = || {
        reqwest::Client::new()
            .post(format!("{}/api/registrations", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = send().await.unwrap();
    assert_eq!(again.status(), 200, "the key in the body makes a replay");
    assert_eq!(
        again.json::<Value>().await.unwrap()["reference"],
        first["reference"]
    );
}

#[tokio::test]
async fn allows_only_configured_origins() {
    let s = start().await;
    let preflight = |origin: &'static str| {
        reqwest::Client::new()
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/registrations", s.base),
            )
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "content-type,idempotency-key",
            )
            .send()
    };
    let ok = preflight("https://member.example.org").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://member.example.org"
    );
    let allowed = ok.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key") && allowed.contains("content-type"));
    let other = preflight("https://evil.example.com").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}
