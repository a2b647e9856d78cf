//! The events the server offers, read from the feed file at start and again
//! on SIGHUP or when the file changes. Each event keeps its original JSON, so
//! the feed served back holds every property the file had, with live seat
//! counts written over the file's. Registrations are stored by event id, so
//! they outlive any reload.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use regdesk_core::feed::{event_list, parse_event};
use regdesk_core::{Event, SkippedEntry};
use serde_json::Value;

use crate::error::StartError;
use crate::store::SeatsTaken;

pub struct CatalogueEntry {
    pub raw: Value,
    pub event: Event,
}

pub struct Catalogue {
    entries: Vec<CatalogueEntry>,
    by_id: HashMap<String, usize>,
    pub skipped: Vec<SkippedEntry>,
}

impl Catalogue {
    pub fn load(path: &Path) -> Result<Self, StartError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| StartError::CatalogueRead {
            path: shown.clone(),
            source,
        })?;
        Self::from_text(&text).map_err(|source| StartError::CatalogueParse {
            path: shown,
            source,
        })
    }

    pub fn from_text(text: &str) -> Result<Self, regdesk_core::FeedError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| regdesk_core::FeedError::NotJson(e.to_string()))?;
        let list = event_list(&value).ok_or(regdesk_core::FeedError::NoEventList)?;
        // The same reading as the widget's, keeping the raw entries beside.
        let feed = regdesk_core::parse_feed_value(&value)?;
        let mut entries = Vec::with_capacity(feed.events.len());
        let mut by_id = HashMap::new();
        for raw in list {
            let raw = match raw.get("item") {
                Some(item) if item.is_object() => item,
                _ => raw,
            };
            if let Ok(event) = parse_event(raw) {
                if by_id.contains_key(&event.id) {
                    continue;
                }
                by_id.insert(event.id.clone(), entries.len());
                entries.push(CatalogueEntry {
                    raw: raw.clone(),
                    event,
                });
            }
        }
        Ok(Self {
            entries,
            by_id,
            skipped: feed.skipped,
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&CatalogueEntry> {
        self.by_id.get(id).and_then(|&i| self.entries.get(i))
    }

    pub fn entries(&self) -> &[CatalogueEntry] {
        &self.entries
    }
}

/// The catalogue now in force, replaced whole on reload.
#[derive(Clone)]
pub struct SharedCatalogue(Arc<RwLock<Arc<Catalogue>>>);

impl SharedCatalogue {
    pub fn new(catalogue: Catalogue) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(catalogue))))
    }

    /// The catalogue now; stays the same for the holder even if replaced.
    pub fn get(&self) -> Arc<Catalogue> {
        match self.0.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn replace(&self, catalogue: Catalogue) {
        let new = Arc::new(catalogue);
        match self.0.write() {
            Ok(mut c) => *c = new,
            Err(poisoned) => *poisoned.into_inner() = new,
        }
    }
}

/// What identifies a version of the feed file on disk: its modification
/// time and length. A change of either means "read it again".
pub fn file_stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Seats left when the catalogue was published: its remaining figure, else
/// its maximum; `None` when unlimited.
pub fn published_seats(remaining: Option<u32>, max: Option<u32>) -> Option<u32> {
    remaining.or(max)
}

impl CatalogueEntry {
    /// Seats left now for the whole event.
    pub fn event_seats_left(&self, taken: &SeatsTaken) -> Option<u32> {
        let e = &self.event;
        match published_seats(e.remaining_capacity, e.max_capacity) {
            Some(n) => Some(n.saturating_sub(taken.event)),
            // No event-wide figure: the sum over sites, if every site has one.
            None => {
                let sites: Option<Vec<u32>> = e
                    .locations
                    .iter()
                    .map(|l| self.location_seats_left(l.id.as_deref()?, taken))
                    .collect();
                sites
                    .filter(|s| !s.is_empty())
                    .map(|s| s.into_iter().fold(0u32, u32::saturating_add))
            }
        }
    }

    /// Seats left now at one site, not counting the event-wide limit.
    pub fn location_seats_left(&self, location_id: &str, taken: &SeatsTaken) -> Option<u32> {
        let l = self.event.location(location_id)?;
        let used = taken.by_location.get(location_id).copied().unwrap_or(0);
        published_seats(l.remaining_capacity, l.max_capacity).map(|n| n.saturating_sub(used))
    }

    /// The feed entry with live `remainingAttendeeCapacity` written in.
    pub fn live(&self, taken: &SeatsTaken) -> Value {
        let mut raw = self.raw.clone();
        if let Some(n) = self.event_seats_left(taken) {
            raw["remainingAttendeeCapacity"] = n.into();
        }
        let patch = |loc: &mut Value| {
            let id = regdesk_core::feed::entry_id(loc);
            if let Some(n) = id.and_then(|id| self.location_seats_left(&id, taken)) {
                loc["remainingAttendeeCapacity"] = n.into();
            }
        };
        match raw.get_mut("location") {
            Some(Value::Array(locs)) => locs.iter_mut().filter(|l| l.is_object()).for_each(patch),
            Some(loc @ Value::Object(_)) => patch(loc),
            _ => {}
        }
        raw
    }
}
