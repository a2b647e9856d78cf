//! Shared by the server's integration tests: catalogues made for a test
//! (dates relative to now) or the sample one moved to today, and a server on
//! a loopback port.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{Duration, Utc};
use regdesk_core::feed::{shift_dates, SAMPLE_AS_OF};
use serde_json::{json, Value};

pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

pub struct Running {
    pub base: String,
    pub db: PathBuf,
    pub catalogue: PathBuf,
    pub app: regdesk_server::App,
    pub dir: tempfile::TempDir,
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open the database")
    }

    /// `(status, count)` of registrations for an event, by status.
    pub fn count(&self, event: &str, status: &str) -> i64 {
        self.db()
            .query_row(
                "SELECT COUNT(*) FROM registrations WHERE event_id = ?1 AND status = ?2",
                [event, status],
                |r| r.get(0),
            )
            .expect("count")
    }

    pub fn admin(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        client()
            .request(method, self.url(path))
            .bearer_auth(ADMIN_TOKEN)
    }
}

/// The seat counts the server keeps agree with a count of the registrations.
pub fn assert_seat_counts_agree(conn: &rusqlite::Connection) {
    let differ: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (
                SELECT event_id, COALESCE(location_id, '') AS l, SUM(seats) AS n FROM registrations
                WHERE status = 'confirmed' GROUP BY 1, 2
                EXCEPT SELECT event_id, location_id, seats FROM seat_counts WHERE seats > 0)",
            [],
            |r| r.get(0),
        )
        .expect("compare seat counts");
    let extra: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM seat_counts s WHERE seats != (SELECT COALESCE(SUM(seats), 0)
                FROM registrations r WHERE r.status = 'confirmed' AND r.event_id = s.event_id
                AND COALESCE(r.location_id, '') = s.location_id)",
            [],
            |r| r.get(0),
        )
        .expect("compare seat counts");
    assert_eq!(
        (differ, extra),
        (0, 0),
        "seat counts differ from the registrations"
    );
}

pub fn days_since_sample() -> i64 {
    let written = chrono::NaiveDate::parse_from_str(SAMPLE_AS_OF, "%Y-%m-%d").expect("a date");
    (Utc::now().date_naive() - written).num_days().max(0)
}

/// The sample catalogue, its dates moved so that its events are upcoming.
pub fn sample_feed() -> Value {
    let mut feed: Value =
        serde_json::from_str(include_str!("../../../demo/catalogue.json")).expect("sample");
    shift_dates(&mut feed, days_since_sample());
    feed
}

/// An event open for registration now, starting in 40 days, with these
/// sites and their capacities, an optional event-wide capacity, and groups
/// of up to `group` people.
pub fn event(
    id: &str,
    sites: &[(&str, u32)],
    total: Option<u32>,
    waitlist: bool,
    group: u32,
) -> Value {
    let now = Utc::now();
    let mut e = json!({
        "id": id,
        "name": {"en": format!("Event {id}"), "vi": format!("Sự kiện {id}")},
        "startDate": (now + Duration::days(40)).to_rfc3339(),
        "endDate": (now + Duration::days(41)).to_rfc3339(),
        "eventAttendanceMode": "OfflineEventAttendanceMode",
        "eventStatus": "EventScheduled",
        "location": sites.iter().map(|(site, cap)| json!({
            "@type": "Place", "id": site, "name": {"en": site}, "maximumAttendeeCapacity": cap,
        })).collect::<Vec<_>>(),
        "registration": {
            "opens": (now - Duration::days(1)).to_rfc3339(),
            "closes": (now + Duration::days(30)).to_rfc3339(),
            "waitlist": waitlist,
            "maxAttendees": group,
        },
    });
    if let Some(total) = total {
        e["maximumAttendeeCapacity"] = total.into();
    }
    e
}

pub fn feed(events: Vec<Value>) -> Value {
    json!({ "events": events })
}

/// Starts a server in this process on `feed`, with the test defaults
/// (an admin token, a generous rate limit) changed by `tweak`.
pub async fn start_with(feed: &Value, tweak: impl FnOnce(&mut regdesk_server::Config)) -> Running {
    let dir = tempfile::tempdir().expect("temp dir");
    let catalogue = dir.path().join("catalogue.json");
    std::fs::write(&catalogue, feed.to_string()).expect("write catalogue");
    let db = dir.path().join("data/regdesk.sqlite");
    let mut config = regdesk_server::Config::new(&catalogue, &db);
    config.allow_origins = vec!["https://member.example.org".into()];
    config.admin_token = Some(ADMIN_TOKEN.into());
    config.rate_limit = 100_000;
    tweak(&mut config);
    let app = regdesk_server::App::open(&config).expect("server starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr: SocketAddr = listener.local_addr().expect("address");
    tokio::spawn(app.clone().serve(listener, std::future::pending()));
    Running {
        base: format!("http://{addr}"),
        db,
        catalogue,
        app,
        dir,
    }
}

pub async fn start(feed: &Value) -> Running {
    start_with(feed, |_| {}).await
}

pub async fn start_sample() -> Running {
    start(&sample_feed()).await
}

pub fn client() -> reqwest::Client {
    reqwest::Client::new()
}

pub fn attendee(email: &str) -> Value {
    json!({"fullName": "Nguyễn Thị Hương", "email": email, "organisation": "Viet Nam Social Security",
           "jobTitle": "Deputy Director", "country": "VN", "phone": "+84 24 3936 3636"})
}

pub fn registration(event: &str, location: Option<&str>, email: &str) -> Value {
    json!({"eventId": event, "locationId": location, "locale": "vi", "attendees": [attendee(email)],
           "consent": {"version": "2026-01", "purposes": ["processing"], "at": "2026-11-22T10:00:00Z"},
           "widget": "regdesk/test"})
}

/// A group registration: one attendee per e-mail address.
pub fn group(event: &str, location: Option<&str>, emails: &[String]) -> Value {
    let mut r = registration(event, location, "x@example.org");
    r["attendees"] = emails.iter().map(|e| attendee(e)).collect();
    r
}

pub async fn post(base: &str, body: &Value, key: &str) -> (u16, Value) {
    let res = client()
        .post(format!("{base}/api/registrations"))
        .header("Idempotency-Key", format!("\"{key}\""))
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

pub async fn get(url: impl reqwest::IntoUrl) -> reqwest::Response {
    client().get(url).send().await.expect("GET")
}

pub async fn get_json(url: impl reqwest::IntoUrl) -> Value {
    get(url).await.json().await.expect("a JSON answer")
}

/// A raw HTTP/1.1 connection, for requests sent in pieces or with framing
/// that an HTTP client would not produce. Blocking: call it off the runtime
/// thread when the server runs in the test's process.
pub struct Raw(std::net::TcpStream);

impl Raw {
    pub fn connect(base: &str) -> Raw {
        let tcp =
            std::net::TcpStream::connect(base.trim_start_matches("http://")).expect("connect");
        tcp.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        Raw(tcp)
    }

    /// Sends the head of a `POST /api/registrations` with a JSON body of
    /// `length` bytes and any `extra` header lines.
    pub fn post_head(&mut self, length: usize, extra: &str) {
        let head = format!(
            "POST /api/registrations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}Content-Length: {length}\r\n\r\n"
        );
        self.send(head.as_bytes()).expect("send the head");
    }

    pub fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        self.0.write_all(bytes)
    }

    /// Reads one answer: its head, and its body by `Content-Length`.
    pub fn answer(&mut self) -> String {
        use std::io::Read;
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let text = String::from_utf8_lossy(&got).to_string();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .filter_map(|l| l.split_once(':'))
                    .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                if body.len() >= length {
                    return text;
                }
            }
            match self.0.read(&mut buf) {
                Ok(0) | Err(_) => return String::from_utf8_lossy(&got).to_string(),
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    }
}
