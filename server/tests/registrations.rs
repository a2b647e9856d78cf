//! Registrations under pressure: capacity under concurrency, idempotency
//! (replays, conflicts, keys in flight, expiry), and the admin API
//! (listing, CSV, cancelling and promoting the waiting list).

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_at_once_for_ten_seats_confirms_exactly_ten() {
    let s = start(&feed(vec![event(
        "crowd",
        &[("hall", 10), ("online", 1000)],
        None,
        true,
        1,
    )]))
    .await;
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let base = s.base.clone();
            tokio::spawn(async move {
                let body = registration("crowd", Some("hall"), &format!("p{i}@example.org"));
                post(&base, &body, &format!("crowd-{i}")).await
            })
        })
        .collect();
    let mut references = HashSet::new();
    let mut confirmed = 0;
    let mut waitlisted = 0;
    for t in tasks {
        let (status, body) = t.await.unwrap();
        assert_eq!(status, 201, "{body}");
        assert!(references.insert(body["reference"].as_str().unwrap().to_string()));
        match body["status"].as_str() {
            Some("confirmed") => confirmed += 1,
            Some("waitlisted") => waitlisted += 1,
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert_eq!((confirmed, waitlisted), (10, 90));
    assert_eq!(
        (
            s.count("crowd", "confirmed"),
            s.count("crowd", "waitlisted")
        ),
        (10, 90)
    );
    let stored: HashSet<String> = s
        .db()
        .prepare("SELECT reference FROM registrations")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored, references, "none lost, none duplicated");
    assert_seat_counts_agree(&s.db());
    let emails: i64 = s
        .db()
        .query_row("SELECT COUNT(DISTINCT email) FROM attendees", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(emails, 100);
    let crowd: Value = get_json(s.url("/api/events/crowd")).await;
    assert_eq!(crowd["location"][0]["remainingAttendeeCapacity"], 0);
    assert_eq!(crowd["location"][1]["remainingAttendeeCapacity"], 1000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_event_limit_holds_across_sites_and_groups() {
    // 10 seats in all, 8 at each of two sites, groups of 1 to 3, no waiting list.
    let s = start(&feed(vec![event(
        "tight",
        &[("a", 8), ("b", 8)],
        Some(10),
        false,
        3,
    )]))
    .await;
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let base = s.base.clone();
            tokio::spawn(async move {
                let size = 1 + i % 3;
                let site = if i % 2 == 0 { "a" } else { "b" };
                let emails: Vec<String> =
                    (0..size).map(|j| format!("g{i}-{j}@example.org")).collect();
                let (status, body) = post(
                    &base,
                    &group("tight", Some(site), &emails),
                    &format!("tight-{i}"),
                )
                .await;
                (site, size, status, body)
            })
        })
        .collect();
    let mut refused = Vec::new();
    for t in tasks {
        let (site, size, status, body) = t.await.unwrap();
        match status {
            201 => assert_eq!(body["status"], "confirmed"),
            409 => {
                assert_eq!(body["code"], "full");
                refused.push((site, size));
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    let seats = |site: Option<&str>| -> u32 {
        let conn = s.db();
        let sql = "SELECT COALESCE(SUM(seats), 0) FROM registrations WHERE status = 'confirmed' AND (?1 IS NULL OR location_id = ?1)";
        conn.query_row(sql, [site], |r| r.get(0)).unwrap()
    };
    let (all, a, b) = (seats(None), seats(Some("a")), seats(Some("b")));
    assert!(all <= 10 && a <= 8 && b <= 8, "{all} {a} {b}");
    assert!(!refused.is_empty());
    // Seats only fill up, so whoever was refused did not fit at the end either.
    for (site, size) in refused {
        let site_left = 8 - if site == "a" { a } else { b };
        assert!(
            size > (10 - all).min(site_left),
            "a group of {size} at {site} was refused with room"
        );
    }
}

#[tokio::test]
async fn cancelling_promotes_the_first_waitlisted_people_who_fit() {
    let s = start(&feed(vec![event("small", &[("room", 3)], None, true, 3)])).await;
    let reg = |n: usize, tag: &str| {
        let emails: Vec<String> = (0..n).map(|j| format!("{tag}{j}@example.org")).collect();
        group("small", None, &emails)
    };
    let mut refs = std::collections::HashMap::new();
    for (tag, n, expected) in [
        ("a", 2, "confirmed"),
        ("b", 1, "confirmed"),
        ("w1", 2, "waitlisted"),
        ("w2", 1, "waitlisted"),
        ("w3", 1, "waitlisted"),
    ] {
        let (status, body) = post(&s.base, &reg(n, tag), tag).await;
        assert_eq!(
            (status, body["status"].as_str()),
            (201, Some(expected)),
            "{tag}"
        );
        refs.insert(tag, body["reference"].as_str().unwrap().to_string());
    }
    let cancel = |tag: &str| {
        s.admin(
            Method::POST,
            &format!("/api/admin/registrations/{}/cancel", refs[tag]),
        )
        .send()
    };
    // One seat frees: the group of two waits on, the next single is promoted.
    let done: Value = cancel("b").await.unwrap().json().await.unwrap();
    assert_eq!(done["status"], "cancelled");
    assert_eq!(done["previousStatus"], "confirmed");
    assert_eq!(
        done["promoted"],
        json!([{"reference": refs["w2"], "locationId": "room", "status": "confirmed"}])
    );
    // Two seats free: now the group of two fits, and it was first.
    let done: Value = cancel("a").await.unwrap().json().await.unwrap();
    let promoted: Vec<&str> = done["promoted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reference"].as_str().unwrap())
        .collect();
    assert_eq!(promoted, [refs["w1"].as_str()]);
    let status_of = |tag: &str| -> String {
        s.db()
            .query_row(
                "SELECT status FROM registrations WHERE reference = ?1",
                [&refs[tag]],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(status_of("w3"), "waitlisted");
    assert_eq!(s.count("small", "confirmed"), 2);
    // Cancelling again changes nothing; an unknown reference is a 404.
    let again = cancel("a").await.unwrap();
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(
        (
            again["previousStatus"].as_str(),
            again["promoted"].as_array().map(Vec::len)
        ),
        (Some("cancelled"), Some(0))
    );
    let missing = s
        .admin(Method::POST, "/api/admin/registrations/RD-0000-0000/cancel")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.json::<Value>().await.unwrap()["code"],
        "unknown-registration"
    );
    assert_seat_counts_agree(&s.db());
    // A cancelled person may register again.
    let (status, body) = post(&s.base, &reg(1, "b"), "b-again").await;
    assert_eq!((status, body["status"].as_str()), (201, Some("waitlisted")));
}

#[tokio::test]
async fn the_admin_api_lists_registrations_as_json_and_csv() {
    let s = start(&feed(vec![event("list", &[("hall", 50)], None, false, 3)])).await;
    let mut thai = registration("list", None, "somchai@sso.go.th");
    thai["attendees"][0]["fullName"] = json!("สมชาย ใจดี");
    thai["attendees"][0]["organisation"] = json!("=1+1");
    let (status, first) = post(&s.base, &thai, "l1").await;
    assert_eq!(status, 201);
    let emails = ["huong@vss.gov.vn".to_string(), "lan@vss.gov.vn".to_string()];
    let (status, _) = post(&s.base, &group("list", None, &emails), "l2").await;
    assert_eq!(status, 201);

    let listed = s
        .admin(Method::GET, "/api/admin/events/list/registrations")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    let listed: Value = listed.json().await.unwrap();
    assert_eq!(
        listed["seats"],
        json!({"confirmed": 3, "waitlisted": 0, "cancelled": 0})
    );
    let regs = listed["registrations"].as_array().unwrap();
    assert_eq!(regs.len(), 2);
    assert_eq!(regs[0]["reference"], first["reference"]);
    assert_eq!(regs[0]["attendees"][0]["fullName"], "สมชาย ใจดี");
    assert_eq!(regs[0]["consent"]["purposes"], json!(["processing"]));
    assert_eq!(regs[1]["attendees"].as_array().unwrap().len(), 2);

    let one = s
        .admin(
            Method::GET,
            &format!(
                "/api/admin/registrations/{}",
                first["reference"].as_str().unwrap()
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        one.json::<Value>().await.unwrap()["attendees"][0]["email"],
        "somchai@sso.go.th"
    );

    let csv = s
        .admin(Method::GET, "/api/admin/events/list/registrations.csv")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        csv.headers()["content-disposition"],
        "attachment; filename=\"list-registrations.csv\""
    );
    let bytes = csv.bytes().await.unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a BOM for spreadsheet programs"
    );
    let text = std::str::from_utf8(&bytes).unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4, "a header and one line per attendee: {text}");
    assert!(lines[0].contains("reference,status,location") && lines[0].contains("fullName"));
    assert!(lines[1].contains("สมชาย ใจดี") && lines[1].contains("'=1+1"));
    assert!(lines[3].contains("Nguyễn Thị Hương") && lines[3].contains(",2,"));

    let unknown = s
        .admin(Method::GET, "/api/admin/events/nope/registrations")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    for auth in [
        None,
        Some("Bearer wrong-token-wrong-token"),
        Some("Basic dGVzdDp0ZXN0"),
    ] {
        let mut r = client().get(s.url("/api/admin/events/list/registrations"));
        if let Some(a) = auth {
            r = r.header("Authorization", a);
        }
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), 401, "{auth:?}");
        assert!(r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer"));
    }
}

#[tokio::test]
async fn without_a_token_there_is_no_admin_api() {
    let s = start_with(&sample_feed(), |c| c.admin_token = None).await;
    let r = client()
        .get(s.url("/api/admin/events/assa-board-2026-12/registrations"))
        .bearer_auth("anything-anything-anything")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_repeat_while_the_first_is_in_flight_gets_409_then_the_stored_answer() {
    let s = start(&feed(vec![event("keys", &[("hall", 10)], None, false, 1)])).await;
    let body = registration("keys", None, "slow@example.org").to_string();
    // The first request sends its headers and half its body, then waits.
    let (half, rest) = body.as_bytes().split_at(body.len() / 2);
    let (half, rest) = (half.to_vec(), rest.to_vec());
    let (go_on, wait) = std::sync::mpsc::channel::<()>();
    let base = s.base.clone();
    let first = std::thread::spawn(move || {
        let mut raw = Raw::connect(&base);
        raw.post_head(half.len() + rest.len(), "Idempotency-Key: \"slow-key\"\r\n");
        raw.send(&half).unwrap();
        wait.recv().unwrap();
        raw.send(&rest).unwrap();
        raw.answer()
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let repeat = client()
        .post(s.url("/api/registrations"))
        .header("Idempotency-Key", "\"slow-key\"")
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(repeat.status(), 409);
    assert_eq!(repeat.headers()["retry-after"], "1");
    assert_eq!(repeat.json::<Value>().await.unwrap()["code"], "in-flight");
    go_on.send(()).unwrap();
    let answer = tokio::task::spawn_blocking(move || first.join().unwrap())
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let created: Value = serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    let (status, replay) = post(&s.base, &serde_json::from_str(&body).unwrap(), "slow-key").await;
    assert_eq!((status, &replay), (200, &created));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_key_sent_many_times_at_once_registers_once() {
    let s = start(&feed(vec![event("burst", &[("hall", 10)], None, false, 1)])).await;
    let body = registration("burst", None, "burst@example.org");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (base, body) = (s.base.clone(), body.clone());
            tokio::spawn(async move { post(&base, &body, "one-key").await })
        })
        .collect();
    let mut created = 0;
    let mut references = HashSet::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        match status {
            201 => created += 1,
            200 => {}
            409 => {
                assert_eq!(body["code"], "in-flight");
                continue;
            }
            other => panic!("{other}: {body}"),
        }
        references.insert(body["reference"].as_str().unwrap().to_string());
    }
    assert_eq!(created, 1);
    assert_eq!(references.len(), 1);
    assert_eq!(s.count("burst", "confirmed"), 1);
}

#[tokio::test]
async fn a_stored_answer_outlives_a_closed_event_but_not_the_key_expiry() {
    let s = start_with(
        &feed(vec![event("expiry", &[("hall", 10)], None, false, 1)]),
        |c| c.idempotency_key_expiry = Duration::from_millis(1500),
    )
    .await;
    let body = registration("expiry", None, "late@example.org");
    let (status, first) = post(&s.base, &body, "k-exp").await;
    assert_eq!(status, 201);

    // Registration closes: a replay still gets its answer, a new request 410.
    let mut closed = event("expiry", &[("hall", 10)], None, false, 1);
    closed["registration"]["closes"] =
        json!((chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339());
    std::fs::write(&s.catalogue, feed(vec![closed]).to_string()).unwrap();
    s.app.reload_catalogue().await.unwrap();
    let (status, replay) = post(&s.base, &body, "k-exp").await;
    assert_eq!((status, &replay), (200, &first));
    let (status, _) = post(
        &s.base,
        &registration("expiry", None, "other@example.org"),
        "k-new",
    )
    .await;
    assert_eq!(status, 410);

    // Open again, and past the key's expiry: the same key is a new request.
    std::fs::write(
        &s.catalogue,
        feed(vec![event("expiry", &[("hall", 10)], None, false, 1)]).to_string(),
    )
    .unwrap();
    s.app.reload_catalogue().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1700)).await;
    let (status, problem) = post(&s.base, &body, "k-exp").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("already-registered"))
    );
    let mut changed = body.clone();
    changed["attendees"][0]["email"] = json!("fresh@example.org");
    let (status, _) = post(&s.base, &changed, "k-exp").await;
    assert_eq!(
        status, 201,
        "an expired key may be used again, even for other data"
    );
}
