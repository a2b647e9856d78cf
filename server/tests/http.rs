//! The server over real HTTP on loopback: the feed (live seats, ETags,
//! reloads), registrations in both formats, problems, CORS and limits.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn serves_the_catalogue_with_live_seats() {
    let s = start_sample().await;
    let feed: Value = get_json(format!("{}/api/events", s.base)).await;
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
    let feed: Value = get_json(format!("{}/api/events", s.base)).await;
    assert_eq!(
        yangon(&feed)["remainingAttendeeCapacity"].as_u64().unwrap(),
        before - 1
    );
    let one = get(format!("{}/api/events/assa-board-2026-12", s.base)).await;
    assert_eq!(one.status(), 200);
    let missing = get(format!("{}/api/events/nope", s.base)).await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn stores_a_registration_and_replays_its_key() {
    let s = start_sample().await;
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
    let s = start_sample().await;
    let mut bad = registration("workshop-governance-yangon-2027", None, "not-an-email");
    bad["attendees"][0]["fullName"] = json!("");
    bad["consent"]["purposes"] = json!([]);
    let res = client()
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

    let res = client()
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
    let s = start_sample().await;
    let request: regdesk_core::RegistrationRequest = serde_json::from_value(registration(
        "assa-board-2026-12",
        Some("online"),
        "form@example.org",
    ))
    .unwrap();
    let body = regdesk_core::urlencoded::encode(&request, "form-key-1");
    let send = || {
        client()
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
    let s = start_sample().await;
    let preflight = |origin: &'static str| {
        client()
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

#[tokio::test]
async fn the_feed_has_an_etag_that_changes_with_the_seats() {
    let s = start(&feed(vec![event("etag", &[("hall", 5)], None, false, 1)])).await;
    let feed_if = |tag: Option<String>| {
        let mut r = client().get(s.url("/api/events"));
        if let Some(t) = tag {
            r = r.header("If-None-Match", t);
        }
        r.send()
    };
    let first = feed_if(None).await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let tag = first.headers()["etag"].to_str().unwrap().to_string();
    let again = feed_if(Some(tag.clone())).await.unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], tag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());

    let one = get(s.url("/api/events/etag")).await;
    let one_tag = one.headers()["etag"].to_str().unwrap().to_string();
    let (status, _) = post(
        &s.base,
        &registration("etag", None, "e@example.org"),
        "etag-1",
    )
    .await;
    assert_eq!(status, 201);
    let changed = feed_if(Some(tag.clone())).await.unwrap();
    assert_eq!(
        changed.status(),
        200,
        "a registration changes the seats, so the tag"
    );
    assert_ne!(changed.headers()["etag"], tag.as_str());
    let feed: Value = changed.json().await.unwrap();
    assert_eq!(feed["events"][0]["remainingAttendeeCapacity"], 4);
    assert_eq!(
        feed["events"][0]["location"][0]["remainingAttendeeCapacity"],
        4
    );
    let one = client()
        .get(s.url("/api/events/etag"))
        .header("If-None-Match", one_tag)
        .send()
        .await
        .unwrap();
    assert_eq!(one.status(), 200);
}

#[tokio::test]
async fn reloads_the_catalogue_when_the_file_changes_and_keeps_registrations() {
    let s = start_with(
        &feed(vec![event("stays", &[("hall", 1)], None, true, 1)]),
        |c| c.watch_interval = Some(Duration::from_millis(100)),
    )
    .await;
    let (status, first) = post(&s.base, &registration("stays", None, "a@example.org"), "r1").await;
    assert_eq!((status, first["status"].as_str()), (201, Some("confirmed")));
    let (_, second) = post(&s.base, &registration("stays", None, "b@example.org"), "r2").await;
    assert_eq!(second["status"], "waitlisted");

    // The organiser adds a seat and a new event.
    let grown = feed(vec![
        event("stays", &[("hall", 2)], None, true, 1),
        event("new", &[("room", 3)], None, false, 1),
    ]);
    std::fs::write(&s.catalogue, grown.to_string()).unwrap();
    let mut seen = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let r = get(s.url("/api/events/new")).await;
        if r.status() == 200 {
            seen = true;
            break;
        }
    }
    assert!(seen, "the new event is served after the file changed");
    let stays: Value = get_json(s.url("/api/events/stays")).await;
    assert_eq!(
        stays["remainingAttendeeCapacity"], 0,
        "the registration was kept"
    );
    assert_eq!(
        s.count("stays", "confirmed"),
        2,
        "the waiting list got the new seat"
    );

    // A broken file leaves the catalogue as it was.
    std::fs::write(&s.catalogue, "{ not a feed").unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let r = get(s.url("/api/events/new")).await;
    assert_eq!(r.status(), 200);
    let health: Value = get_json(s.url("/healthz")).await;
    assert_eq!(health, json!({"status": "ok", "events": 2}));
}

#[tokio::test]
async fn every_error_is_problem_json_with_a_code() {
    let s = start_sample().await;
    let cases = [
        (client().get(s.url("/nowhere")), 404, "not-found"),
        (
            client().delete(s.url("/api/events")),
            405,
            "method-not-allowed",
        ),
        (
            client()
                .post(s.url("/api/registrations"))
                .header("content-type", "text/plain")
                .body("hello"),
            415,
            "unsupported-media-type",
        ),
        (
            client()
                .post(s.url("/api/registrations"))
                .header("content-type", "application/json")
                .body(vec![b' '; 70 * 1024]),
            413,
            "too-large",
        ),
        (
            client()
                .post(s.url("/api/registrations"))
                .header("Idempotency-Key", "has space")
                .json(&json!({})),
            400,
            "bad-idempotency-key",
        ),
        (
            client().get(s.url("/api/admin/registrations/RD-X")),
            401,
            "unauthorized",
        ),
    ];
    for (request, status, code) in cases {
        let res = request.send().await.unwrap();
        assert_eq!(res.status(), status, "{code}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{code}"
        );
        let problem: Value = res.json().await.unwrap();
        assert_eq!(
            (problem["status"].as_u64(), problem["code"].as_str()),
            (Some(status as u64), Some(code))
        );
        assert!(problem["type"].as_str().unwrap().ends_with(code));
    }
}

#[tokio::test]
async fn limits_each_client_and_says_when_to_retry() {
    let s = start_with(&sample_feed(), |c| c.rate_limit = 3).await;
    let send = |n: u32| {
        client()
            .post(s.url("/api/registrations"))
            .header("Origin", "https://member.example.org")
            .json(&registration(
                "workshop-governance-yangon-2027",
                None,
                &format!("r{n}@example.org"),
            ))
            .send()
    };
    for n in 0..3 {
        assert_eq!(send(n).await.unwrap().status(), 201);
    }
    let limited = send(3).await.unwrap();
    assert_eq!(limited.status(), 429);
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    assert_eq!(
        limited.headers()["access-control-allow-origin"],
        "https://member.example.org"
    );
    let exposed = limited.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        exposed.contains("retry-after"),
        "the widget can read Retry-After"
    );
    let problem: Value = limited.json().await.unwrap();
    assert_eq!(problem["code"], "rate-limited");
    // Reads have their own, larger allowance.
    assert_eq!(get(s.url("/api/events")).await.status(), 200);
    assert_eq!(get(s.url("/healthz")).await.status(), 200);
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_503_timeout() {
    let s = start_with(&sample_feed(), |c| {
        c.request_timeout = Duration::from_millis(500)
    })
    .await;
    let base = s.base.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let mut raw = Raw::connect(&base);
        // Promises 100 bytes of body and sends 10.
        raw.post_head(100, "");
        raw.send(b"{\"eventId\"").unwrap();
        raw.answer()
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("\"code\":\"timeout\""), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
}
