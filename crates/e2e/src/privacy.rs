//! What a visit may leave behind in the browser (nothing) and where the
//! browser may send requests (the widget's own origin only).

use anyhow::{bail, Context, Result};
use fantoccini::Client;
use serde_json::Value;

use crate::driver::Request;

/// Fails if the browser holds any cookie for the current page, through
/// WebDriver or `document.cookie`.
pub async fn assert_no_cookies(client: &Client) -> Result<()> {
    let cookies = client.get_all_cookies().await?;
    let script_cookies = client.execute("return document.cookie;", vec![]).await?;
    if !cookies.is_empty() || script_cookies.as_str().is_some_and(|c| !c.is_empty()) {
        bail!(
            "cookies found: {:?}; document.cookie = {script_cookies}",
            cookies
                .iter()
                .map(|cookie| cookie.name().to_owned())
                .collect::<Vec<_>>()
        );
    }
    Ok(())
}

/// Fails if the current page's origin holds anything in localStorage,
/// sessionStorage, IndexedDB, Cache Storage, or a service worker.
pub async fn assert_no_storage(client: &Client) -> Result<()> {
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
               const found = {};
               if (localStorage.length) found.localStorage = Object.keys(localStorage);
               if (sessionStorage.length) found.sessionStorage = Object.keys(sessionStorage);
               const dbs = await indexedDB.databases();
               if (dbs.length) found.indexedDB = dbs.map((d) => d.name);
               if (navigator.serviceWorker) {
                 const regs = await navigator.serviceWorker.getRegistrations();
                 if (regs.length) found.serviceWorkers = regs.map((r) => r.scope);
               }
               if (window.caches) {
                 const keys = await caches.keys();
                 if (keys.length) found.cacheStorage = keys;
               }
               return found;
             })().then((f) => done(JSON.stringify(f)), (e) => done(JSON.stringify({ error: String(e) })));",
            vec![],
        )
        .await
        .context("reading the page's storage")?;
    let found: Value = serde_json::from_str(found.as_str().unwrap_or("{}"))?;
    if found.as_object().is_some_and(|map| !map.is_empty()) {
        bail!("the widget's origin holds storage: {found}");
    }
    Ok(())
}

/// The origin (`scheme://host:port`) of a URL, or the URL itself for
/// `data:`, `blob:` and the like.
pub fn origin_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) if parsed.has_host() => parsed.origin().ascii_serialization(),
        _ => url.split(':').next().unwrap_or_default().to_owned() + ":",
    }
}

/// The requests in `requests` that went to an origin not in `allowed`
/// (`data:` URLs and Chromium's own `about:`/`chrome:` pages never leave
/// the browser and are ignored).
pub fn requests_elsewhere<'a>(requests: &'a [Request], allowed: &[&str]) -> Vec<&'a Request> {
    requests
        .iter()
        .filter(|request| {
            let origin = origin_of(&request.url);
            let local = ["data:", "about:", "chrome:", "blob:"].contains(&origin.as_str());
            !local && !allowed.contains(&origin.as_str())
        })
        .collect()
}

/// Every URL the current page has loaded or fetched, from the Resource and
/// Navigation Timing entries (the page's own view, without the network log).
pub async fn page_request_urls(client: &Client) -> Result<Vec<String>> {
    let urls = client
        .execute(
            "return performance.getEntriesByType('navigation')
               .concat(performance.getEntriesByType('resource'))
               .map((e) => e.name);",
            vec![],
        )
        .await?;
    Ok(urls
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|url| url.as_str().map(str::to_owned))
        .collect())
}
