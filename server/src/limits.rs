//! Per-client rate limits and the request timeout.
//!
//! A client is its IP address (an IPv6 address counts by its /64, which one
//! household or office is usually given). Behind a reverse proxy, listed
//! with `--trusted-proxy`, the client is the right-most address in
//! `X-Forwarded-For` that is not itself a trusted proxy.
//!
//! Each client has two token buckets: one for writes (registrations and
//! failed admin logins), refilled at `--rate-limit` per minute with that many
//! as the burst, and one for reads (the feed), ten times larger.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::App;

/// Buckets kept before idle ones are forgotten.
const MAX_CLIENTS: usize = 50_000;
/// The time an empty bucket takes to fill.
const REFILL: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Read,
    Write,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct Limiter {
    /// Writes per minute per client; 0: no limit.
    per_minute: u32,
    trusted_proxies: Vec<IpAddr>,
    buckets: Mutex<HashMap<(Class, IpAddr), Bucket>>,
}

impl Limiter {
    pub fn new(per_minute: u32, trusted_proxies: Vec<IpAddr>) -> Self {
        Self {
            per_minute,
            trusted_proxies,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn capacity(&self, class: Class) -> f64 {
        let n = f64::from(self.per_minute);
        match class {
            Class::Write => n,
            Class::Read => n * 10.0,
        }
    }

    /// Takes one token from the client's bucket, or says how many seconds
    /// until there is one.
    pub fn check(&self, class: Class, client: IpAddr) -> Result<(), ApiError> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = self.capacity(class);
        let per_sec = capacity / REFILL.as_secs_f64();
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() >= MAX_CLIENTS {
            // Forget clients whose bucket has filled up again (every bucket
            // refills in a minute): they lose nothing.
            buckets.retain(|_, b| now.duration_since(b.at) < REFILL);
        }
        let bucket = buckets.entry((class, client)).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_sec).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - bucket.tokens) / per_sec).ceil().max(1.0);
            Err(ApiError::RateLimited {
                retry_after: wait as u64,
            })
        }
    }

    /// The client a request comes from (see the module's documentation).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusted_proxies.contains(&peer) {
            return bucket_key(peer);
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let client = forwarded
            .iter()
            .rev()
            .map(|a| a.parse::<IpAddr>().ok().map(canonical))
            .take_while(Option::is_some)
            .flatten()
            .find(|ip| !self.trusted_proxies.contains(ip))
            .unwrap_or(peer);
        bucket_key(client)
    }
}

/// An IPv4 address seen through an IPv6 socket, as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// IPv6 clients count by their /64.
fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// The client address of a request, through trusted proxies.
pub fn client_of(app: &App, request: &Request) -> Option<IpAddr> {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())?;
    Some(app.limiter().client(peer, request.headers()))
}

/// The route template of a request (`/api/events/{id}`), never its actual
/// path, which may hold ids or references: what the logs may show.
pub fn route_of(request: &Request) -> &str {
    request
        .extensions()
        .get::<MatchedPath>()
        .map_or("-", |p| p.as_str())
}

/// Middleware: the public API's rate limit. Reads and writes count apart;
/// the admin API and `/healthz` are not limited here.
pub async fn rate_limit(State(app): State<App>, request: Request, next: Next) -> Response {
    let class = match *request.method() {
        Method::GET | Method::HEAD => Class::Read,
        _ => Class::Write,
    };
    if let Some(client) = client_of(&app, &request) {
        if let Err(e) = app.limiter().check(class, client) {
            tracing::warn!(?class, route = route_of(&request), "rate limited");
            tracing::debug!(%client, "rate limited client");
            return e.into_response();
        }
    }
    next.run(request).await
}

/// Middleware: a request not answered within the configured time gets 503
/// `timeout` (and may be retried with the same Idempotency-Key: a
/// registration already handed to the database still completes).
pub async fn timeout(State(app): State<App>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(app.request_timeout(), next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request timed out");
            ApiError::Timeout.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_burst_and_says_when_to_retry() {
        let limiter = Limiter::new(3, vec![]);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        for _ in 0..3 {
            assert!(limiter.check(Class::Write, ip).is_ok());
        }
        match limiter.check(Class::Write, ip) {
            Err(ApiError::RateLimited { retry_after }) => assert!((1..=20).contains(&retry_after)),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limiter.check(Class::Read, ip).is_ok(), "reads count apart");
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        assert!(limiter.check(Class::Write, other).is_ok(), "per client");
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = Limiter::new(0, vec![]);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        assert!((0..1000).all(|_| limiter.check(Class::Write, ip).is_ok()));
    }

    #[test]
    fn trusts_forwarded_for_only_from_listed_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let limiter = Limiter::new(3, vec![proxy]);
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "198.51.100.9, 10.0.0.1".parse().unwrap());
        assert_eq!(
            limiter.client(proxy, &headers),
            "198.51.100.9".parse::<IpAddr>().unwrap()
        );
        let stranger: IpAddr = "203.0.113.5".parse().unwrap();
        assert_eq!(limiter.client(stranger, &headers), stranger);
        headers.insert("x-forwarded-for", "not-an-ip".parse().unwrap());
        assert_eq!(limiter.client(proxy, &headers), proxy);
    }

    #[test]
    fn ipv6_counts_by_its_64() {
        let limiter = Limiter::new(3, vec![]);
        let a: IpAddr = "2001:db8:1:2::10".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::1".parse().unwrap();
        let headers = HeaderMap::new();
        assert_eq!(limiter.client(a, &headers), limiter.client(b, &headers));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(
            limiter.client(mapped, &headers),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }
}
