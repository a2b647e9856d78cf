//! Whether an event (or one of its connection sites) takes registrations now,
//! and how many seats are left. The widget shows it; the server enforces it.

use chrono::{DateTime, FixedOffset, Utc};

use crate::event::{Event, EventStatus, Location};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    Cancelled,
    Postponed,
    /// No `registration` in the feed: browse only.
    BrowseOnly,
    NotYetOpen(DateTime<FixedOffset>),
    /// Past `closes`, or the event has started.
    Closed,
    Full {
        waitlist: bool,
    },
    AlmostFull(u32),
    /// Seats left, when the feed says.
    Open(Option<u32>),
}

impl Availability {
    /// Whether a registration is accepted (perhaps onto the waiting list).
    pub fn accepts_registrations(self) -> bool {
        matches!(
            self,
            Self::Open(_) | Self::AlmostFull(_) | Self::Full { waitlist: true }
        )
    }

    /// Whether a registration now would be waitlisted.
    pub fn is_waitlist(self) -> bool {
        matches!(self, Self::Full { waitlist: true })
    }
}

/// "Almost full" when at most this many seats, or a tenth, are left.
const ALMOST_FULL_SEATS: u32 = 5;

fn seats(remaining: Option<u32>, max: Option<u32>, waitlist: bool) -> Availability {
    match remaining {
        Some(0) => Availability::Full { waitlist },
        Some(n) if n <= ALMOST_FULL_SEATS.max(max.unwrap_or(0) / 10) => Availability::AlmostFull(n),
        n => Availability::Open(n),
    }
}

/// The event's registration window and status at `now`, without seats.
fn window(event: &Event, now: DateTime<Utc>) -> Result<bool, Availability> {
    match event.status {
        EventStatus::Cancelled => return Err(Availability::Cancelled),
        EventStatus::Postponed => return Err(Availability::Postponed),
        _ => {}
    }
    let Some(reg) = &event.registration else {
        return Err(Availability::BrowseOnly);
    };
    if let Some(opens) = reg.opens {
        if now < opens {
            return Err(Availability::NotYetOpen(opens));
        }
    }
    let closes = reg
        .closes
        .map(|c| c.with_timezone(&Utc))
        .unwrap_or_else(|| event.starts_at());
    if now >= closes {
        return Err(Availability::Closed);
    }
    Ok(reg.waitlist)
}

/// Seats left in the whole event: its own figure, else the sum of its sites'.
pub fn event_remaining(event: &Event) -> Option<u32> {
    event.remaining_capacity.or_else(|| {
        let sites: Option<Vec<u32>> = event
            .locations
            .iter()
            .map(|l| l.remaining_capacity)
            .collect();
        sites
            .filter(|s| !s.is_empty())
            .map(|s| s.iter().fold(0u32, |a, b| a.saturating_add(*b)))
    })
}

/// The event as a whole.
pub fn of_event(event: &Event, now: DateTime<Utc>) -> Availability {
    match window(event, now) {
        Err(a) => a,
        Ok(waitlist) => seats(event_remaining(event), event.max_capacity, waitlist),
    }
}

/// One connection site: the event's window, the site's seats and the event's.
pub fn of_location(event: &Event, location: &Location, now: DateTime<Utc>) -> Availability {
    match window(event, now) {
        Err(a) => a,
        Ok(waitlist) => {
            let remaining = match (location.remaining_capacity, event.remaining_capacity) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            seats(remaining, location.max_capacity, waitlist)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::parse_event;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    fn event(extra: serde_json::Value) -> Event {
        let mut v = json!({"id": "e", "name": "E", "startDate": "2027-03-10T09:00:00+07:00",
            "registration": {"waitlist": true}});
        if let (Some(o), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
            for (k, x) in extra {
                o.insert(k.clone(), x.clone());
            }
        }
        parse_event(&v).unwrap()
    }

    #[test]
    fn status_window_and_seats() {
        assert_eq!(
            of_event(&event(json!({"eventStatus": "EventCancelled"})), now()),
            Availability::Cancelled
        );
        assert_eq!(
            of_event(&event(json!({"registration": null})), now()),
            Availability::BrowseOnly
        );
        assert_eq!(
            of_event(
                &event(json!({"registration": {"closes": "2026-11-15T00:00:00Z"}})),
                now()
            ),
            Availability::Closed
        );
        assert!(matches!(
            of_event(
                &event(json!({"registration": {"opens": "2027-01-15T00:00:00+07:00"}})),
                now()
            ),
            Availability::NotYetOpen(_)
        ));
        assert_eq!(
            of_event(&event(json!({"startDate": "2026-11-01"})), now()),
            Availability::Closed,
            "started"
        );
        assert_eq!(
            of_event(&event(json!({"remainingAttendeeCapacity": 0})), now()),
            Availability::Full { waitlist: true }
        );
        assert_eq!(
            of_event(
                &event(json!({"remainingAttendeeCapacity": 3, "maximumAttendeeCapacity": 100})),
                now()
            ),
            Availability::AlmostFull(3)
        );
        assert_eq!(
            of_event(
                &event(json!({"remainingAttendeeCapacity": 30, "maximumAttendeeCapacity": 100})),
                now()
            ),
            Availability::Open(Some(30))
        );
        assert_eq!(of_event(&event(json!({})), now()), Availability::Open(None));
        assert!(Availability::Full { waitlist: true }.accepts_registrations());
        assert!(!Availability::Full { waitlist: false }.accepts_registrations());
    }

    #[test]
    fn sites_have_their_own_seats() {
        let e = event(json!({"location": [
            {"id": "hanoi", "name": "Hà Nội", "remainingAttendeeCapacity": 0, "maximumAttendeeCapacity": 40},
            {"id": "online", "@type": "VirtualLocation", "remainingAttendeeCapacity": 150, "maximumAttendeeCapacity": 200}
        ]}));
        assert_eq!(event_remaining(&e), Some(150));
        assert_eq!(
            of_location(&e, &e.locations[0], now()),
            Availability::Full { waitlist: true }
        );
        assert_eq!(
            of_location(&e, &e.locations[1], now()),
            Availability::Open(Some(150))
        );
    }
}
