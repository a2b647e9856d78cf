//! Loads the catalogue: from `data-feed`, or else from the host page's
//! schema.org JSON-LD. Loads again whenever `generation` changes (Retry).
//! Entries that could not be read are counted on screen and explained in
//! the console.

use regdesk_core::{parse_feed, parse_jsonld_blocks, Feed, FeedError};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform::http::{fetch_text, LoadError};
use crate::platform::{intl, mark};
use crate::state::catalogue::FeedProblem;
use crate::state::{CatalogueAction, CatalogueState};

/// Reasons written to the console one by one; the rest are summed up.
const REASONS_LOGGED: usize = 20;

async fn load(feed_url: Option<String>) -> Result<Feed, (FeedProblem, String)> {
    let mut feed = match feed_url {
        Some(url) => {
            let text = fetch_text(&url).await.map_err(|e| match e {
                LoadError::Status(code) => (FeedProblem::Status(code), format!("HTTP {code}")),
                LoadError::Network(why) => (FeedProblem::Network, why),
            })?;
            mark("regdesk:feed-loaded");
            parse_feed(&text).map_err(|e: FeedError| (FeedProblem::Format, e.to_string()))?
        }
        None => parse_jsonld_blocks(host_page_jsonld().iter().map(String::as_str)),
    };
    intl::settle_zones(&mut feed.events);
    mark("regdesk:feed-parsed");
    report_skipped(&feed);
    Ok(feed)
}

fn report_skipped(feed: &Feed) {
    if feed.skipped.is_empty() {
        return;
    }
    gloo::console::warn!(format!(
        "regdesk: {} feed entr{} could not be shown; {} shown.",
        feed.skipped.len(),
        if feed.skipped.len() == 1 { "y" } else { "ies" },
        feed.events.len()
    ));
    for s in feed.skipped.iter().take(REASONS_LOGGED) {
        let id =
            s.id.as_deref()
                .map(|id| format!(" (id {id:?})"))
                .unwrap_or_default();
        gloo::console::warn!(format!(
            "regdesk: feed entry {}{id} skipped: {}",
            s.index, s.reason
        ));
    }
    if feed.skipped.len() > REASONS_LOGGED {
        gloo::console::warn!(format!(
            "regdesk: and {} more entries skipped.",
            feed.skipped.len() - REASONS_LOGGED
        ));
    }
}

/// The text of each `<script type="application/ld+json">` in the document.
fn host_page_jsonld() -> Vec<String> {
    let document = gloo::utils::document();
    // Not the blocks widgets wrote themselves (`data-seo`).
    let selector = format!(
        r#"script[type="application/ld+json"]:not([{}])"#,
        crate::platform::seo::MARK
    );
    let Ok(nodes) = document.query_selector_all(&selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| {
            nodes
                .item(i)?
                .dyn_into::<web_sys::Element>()
                .ok()?
                .text_content()
        })
        .collect()
}

#[hook]
pub fn use_feed(
    feed_url: Option<String>,
    generation: u32,
    dispatcher: UseReducerDispatcher<CatalogueState>,
) {
    use_effect_with((feed_url, generation), move |(feed_url, _)| {
        let feed_url = feed_url.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match load(feed_url).await {
                Ok(feed) => dispatcher.dispatch(CatalogueAction::Loaded(feed)),
                Err((problem, why)) => {
                    gloo::console::error!(format!("regdesk: the feed could not be loaded: {why}"));
                    dispatcher.dispatch(CatalogueAction::Failed(problem));
                }
            }
        });
    });
}
