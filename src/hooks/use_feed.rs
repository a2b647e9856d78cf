//! Loads the catalogue: from `data-feed`, or else from the host page's
//! schema.org JSON-LD. Loads again whenever `generation` changes (Retry).

use regdesk_core::{parse_feed, parse_jsonld_blocks, Feed};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::platform::http::{fetch_text, LoadError};
use crate::state::{CatalogueAction, CatalogueState};

async fn load(feed_url: Option<String>) -> Result<Feed, String> {
    let feed = match feed_url {
        Some(url) => {
            let text = fetch_text(&url).await.map_err(|e| match e {
                LoadError::Status(code) => format!("HTTP {code}"),
                LoadError::Network(why) => why,
            })?;
            parse_feed(&text).map_err(|e| e.to_string())?
        }
        None => parse_jsonld_blocks(host_page_jsonld().iter().map(String::as_str)),
    };
    for s in &feed.skipped {
        gloo::console::warn!(format!(
            "regdesk: feed entry {} ({:?}) skipped: {}",
            s.index, s.id, s.reason
        ));
    }
    Ok(feed)
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
                Err(why) => {
                    gloo::console::error!(format!("regdesk: the feed could not be loaded: {why}"));
                    dispatcher.dispatch(CatalogueAction::Failed(why));
                }
            }
        });
    });
}
