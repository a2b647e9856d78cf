//! When to try sending again: exponential backoff with full jitter, honouring
//! the endpoint's `Retry-After`. Pure functions of their inputs (the random
//! number included), so the schedule is tested natively.

use chrono::{DateTime, Utc};

/// How a submission is retried.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// The first backoff ceiling; it doubles with each try.
    pub base_ms: u64,
    /// The largest backoff ceiling.
    pub cap_ms: u64,
    /// Tries in all, the first included, before the registration is queued.
    pub max_tries: u32,
    /// A `Retry-After` longer than this is not waited for on the page: the
    /// registration goes to the outbox, not to be sent before then.
    pub max_wait_ms: u64,
    /// Each try is given up after this long (the request is aborted).
    pub timeout_ms: u64,
}

impl RetryPolicy {
    /// While the visitor watches: four tries within about ten seconds.
    pub const FORM: RetryPolicy = RetryPolicy {
        base_ms: 1000,
        cap_ms: 8000,
        max_tries: 4,
        max_wait_ms: 30_000,
        timeout_ms: 20_000,
    };

    /// The policy with a test's shorter delays (`data-retry-base-ms`,
    /// `data-timeout-ms`), keeping the proportions.
    pub fn scaled(self, base_ms: Option<u32>, timeout_ms: Option<u32>) -> Self {
        let mut p = self;
        if let Some(base) = base_ms {
            let base = u64::from(base.max(1));
            p.cap_ms = self.cap_ms / self.base_ms.max(1) * base;
            p.max_wait_ms = self.max_wait_ms / self.base_ms.max(1) * base;
            p.base_ms = base;
        }
        if let Some(t) = timeout_ms {
            p.timeout_ms = u64::from(t.max(1));
        }
        p
    }

    /// The outbox's slower schedule for the same widget: ten times the
    /// delays, up to five minutes, two tries a round.
    pub fn outbox(self) -> Self {
        RetryPolicy {
            base_ms: self.base_ms * 10,
            cap_ms: (self.cap_ms * 40).min(300_000),
            max_tries: 2,
            max_wait_ms: self.max_wait_ms,
            timeout_ms: self.timeout_ms,
        }
    }

    /// The backoff ceiling after `failed` failed tries (1 or more).
    fn ceiling(&self, failed: u32) -> u64 {
        let exp = failed.saturating_sub(1).min(30);
        self.base_ms.saturating_mul(1u64 << exp).min(self.cap_ms)
    }

    /// What to do after try number `failed` failed with a transient error.
    /// `random` is uniform in [0, 1).
    pub fn next(&self, failed: u32, retry_after_ms: Option<u64>, random: f64) -> Next {
        if retry_after_ms.is_some_and(|r| r > self.max_wait_ms) || failed >= self.max_tries {
            return Next::Queue {
                not_before_ms: retry_after_ms.unwrap_or(0),
            };
        }
        Next::RetryIn(self.delay(failed, retry_after_ms, random))
    }

    /// Full jitter (a random wait between zero and the ceiling), but never
    /// less than the endpoint's `Retry-After`.
    pub fn delay(&self, failed: u32, retry_after_ms: Option<u64>, random: f64) -> u64 {
        let jitter = (random.clamp(0.0, 1.0) * self.ceiling(failed) as f64) as u64;
        jitter.max(retry_after_ms.unwrap_or(0))
    }
}

/// After a transient failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Try again after this many milliseconds.
    RetryIn(u64),
    /// Stop trying on the page: put the registration in the outbox, not to be
    /// sent again for `not_before_ms` milliseconds.
    Queue { not_before_ms: u64 },
}

/// A `Retry-After` header in milliseconds from `now`: delay-seconds, or an
/// HTTP date. `None` when absent or unreadable.
pub fn parse_retry_after(value: Option<&str>, now: DateTime<Utc>) -> Option<u64> {
    let value = value?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs.saturating_mul(1000));
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    let ms = (at.with_timezone(&Utc) - now).num_milliseconds();
    Some(ms.max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_with_full_jitter() {
        let p = RetryPolicy::FORM;
        assert_eq!(
            (1..=5)
                .map(|n| p.delay(n, None, 0.999_999))
                .collect::<Vec<_>>(),
            [999, 1999, 3999, 7999, 7999],
            "the ceiling doubles, then stays at the cap"
        );
        assert_eq!(p.delay(3, None, 0.0), 0, "full jitter starts at zero");
        assert_eq!(p.delay(3, None, 0.5), 2000);
        assert_eq!(p.delay(40, None, 1.5), 8000, "no overflow, random clamped");
    }

    #[test]
    fn gives_up_after_the_last_try() {
        let p = RetryPolicy::FORM;
        assert_eq!(p.next(1, None, 0.5), Next::RetryIn(500));
        assert_eq!(p.next(3, None, 0.5), Next::RetryIn(2000));
        assert_eq!(p.next(4, None, 0.5), Next::Queue { not_before_ms: 0 });
    }

    #[test]
    fn honours_retry_after() {
        let p = RetryPolicy::FORM;
        assert_eq!(
            p.next(1, Some(5000), 0.1),
            Next::RetryIn(5000),
            "waits at least that"
        );
        assert_eq!(
            p.next(3, Some(100), 0.9),
            Next::RetryIn(3600),
            "or the backoff if longer"
        );
        assert_eq!(
            p.next(1, Some(120_000), 0.1),
            Next::Queue {
                not_before_ms: 120_000
            },
            "too long to wait on the page: queued until then"
        );
        let now: DateTime<Utc> = "2026-11-22T10:00:00Z".parse().expect("a time");
        assert_eq!(parse_retry_after(Some("7"), now), Some(7000));
        assert_eq!(
            parse_retry_after(Some("Sun, 22 Nov 2026 10:00:30 GMT"), now),
            Some(30_000)
        );
        assert_eq!(
            parse_retry_after(Some("Sun, 22 Nov 2026 09:00:00 GMT"), now),
            Some(0)
        );
        assert_eq!(parse_retry_after(Some("soon"), now), None);
        assert_eq!(parse_retry_after(None, now), None);
    }

    #[test]
    fn tests_scale_the_delays_not_the_shape() {
        let p = RetryPolicy::FORM.scaled(Some(20), Some(500));
        assert_eq!(
            (
                p.base_ms,
                p.cap_ms,
                p.max_wait_ms,
                p.timeout_ms,
                p.max_tries
            ),
            (20, 160, 600, 500, 4)
        );
        assert_eq!(RetryPolicy::FORM.scaled(None, None), RetryPolicy::FORM);
        let o = RetryPolicy::FORM.outbox();
        assert_eq!((o.base_ms, o.cap_ms, o.max_tries), (10_000, 300_000, 2));
    }
}
