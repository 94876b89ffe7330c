//! A partner's page embedding the widget (issue 6): the partner's web
//! server and the intake side by side, the one-line snippet, and the
//! widget's frames on the partner page, found, entered and measured.
//!
//! The origins, all on loopback:
//! - the intake service (widget, API, `embed.js`): `http://127.0.0.1:I`;
//! - the partner: the harness's page server reached as `http://localhost:P`,
//!   another site, and the only origin on the service's allow-list;
//! - the same page server as `http://127.0.0.1:P`: another origin that is
//!   *not* on the allow-list, and the "forger" that posts look-alike messages.
//!
//! Every partner page loads `/spy.js` first: the partner's own script doing
//! its worst (recording keystrokes, input events, every message, console
//! warnings), so the tests can show what it could and could not learn.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::intake::{Config, Intake};
use crate::pages::{Page, Pages};
use crate::widget::{self, eventually, PATIENCE};

/// The partner's own script: it records everything a host page can see.
const SPY_JS: &str = r#"window.__spy = { warnings: [], messages: [], keys: [] };
const realWarn = console.warn.bind(console);
console.warn = (...args) => { window.__spy.warnings.push(args.join(' ')); realWarn(...args); };
addEventListener('message', (e) => {
  window.__spy.messages.push({ origin: e.origin, data: JSON.stringify(e.data) });
}, true);
for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'paste', 'focusin']) {
  addEventListener(type, (e) => {
    window.__spy.keys.push(type + ':' + (e.key || e.data || (e.target && e.target.tagName) || ''));
  }, true);
}
// What the page looks like as it is left: sent to the partner's own server.
addEventListener('pagehide', () => {
  navigator.sendBeacon('/record?display=' + getComputedStyle(document.documentElement).display
    + '&frames=' + document.querySelectorAll('iframe').length);
});
"#;

/// A page of the "forger" origin, framed by a partner page: it runs whatever
/// the test injects, from an origin other than the widget's.
pub const FORGER_PATH: &str = "/forger";

/// The loader's smallest frame height, CSS px.
pub const MIN_FRAME: f64 = 200.0;
/// The loader's largest frame height, CSS px.
pub const MAX_FRAME: f64 = 4000.0;
/// The step the loader (and the widget) round a height up to, CSS px.
pub const STEP: f64 = 32.0;

/// The service and a partner's web server, with the partner on the allow-list.
pub struct Embed {
    /// The partner's web server (and the stranger's, as `127.0.0.1`).
    pub pages: Pages,
    /// The intake service: widget, API and `embed.js`.
    pub intake: Intake,
}

impl Embed {
    /// Starts both; the quick exit's default leads to the page server's
    /// neutral page.
    pub async fn start() -> Result<Embed> {
        let pages = Pages::start().await?;
        let intake = Intake::start(Config {
            exit_url: pages.exit_url(),
            allow_origins: vec![pages.other_site_origin()],
            partners: vec!["city-x".to_owned()],
            ..Config::default()
        })
        .await?;
        pages.add(
            "/spy.js",
            Page::bytes("text/javascript; charset=utf-8", SPY_JS.into()),
        );
        pages.add(
            FORGER_PATH,
            Page::html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ad</title></head><body><p>An advert.</p></body></html>"),
        );
        pages.add(
            "/news",
            Page::html("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>News</title></head><body><h1 id=\"news\">Local news</h1></body></html>"),
        );
        Ok(Embed { pages, intake })
    }

    /// The widget's origin.
    pub fn widget_origin(&self) -> String {
        self.intake.origin()
    }

    /// `path` on the allow-listed partner origin.
    pub fn partner_url(&self, path: &str) -> String {
        format!("{}{path}", self.pages.other_site_origin())
    }

    /// `path` on the origin that is not allowed to embed.
    pub fn stranger_url(&self, path: &str) -> String {
        self.pages.url(path)
    }

    /// The `<script>` snippet a partner copies, with extra attributes.
    pub fn snippet(&self, attributes: &str) -> String {
        format!(
            "<script src=\"{}/embed.js\" async {attributes}></script>",
            self.widget_origin()
        )
    }

    /// Serves a partner page at `path` whose body is `body`: a strict
    /// Content-Security-Policy allowing just what the embed needs (plus the
    /// partner's own script and the forger's frame), `<html lang=lang>`.
    pub fn add_partner_page(&self, path: &str, lang: &str, body: &str) {
        let widget = self.widget_origin();
        let forger = self.pages.origin();
        let html = format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             script-src 'self' {widget}; frame-src {widget} {forger}; style-src 'self'; \
             connect-src 'self'; base-uri 'none'; form-action 'none'\">\
             <title>Partner</title><script src=\"/spy.js\"></script></head>\
             <body><h1>A partner's page</h1>{body}<p>Footer.</p></body></html>"
        );
        self.pages.add(path, Page::html(html));
    }
}

/// The widget frames on the current page (those whose `src` is on the
/// widget's origin), waiting until there are `count`.
pub async fn widget_frames(client: &Client, origin: &str, count: usize) -> Result<Vec<Element>> {
    let selector = format!("iframe[src^=\"{origin}/\"]");
    eventually(&format!("{count} widget frame(s)"), PATIENCE, || async {
        let found = client.find_all(Locator::Css(&selector)).await?;
        Ok((found.len() == count).then_some(found))
    })
    .await
}

/// Moves WebDriver into `frame` and waits for the widget there to mount.
pub async fn enter_widget(client: &Client, frame: &Element) -> Result<()> {
    frame
        .enter_frame()
        .await
        .context("entering the widget frame")?;
    widget::wait_ready(client).await
}

/// Back to the partner page's own document.
pub async fn to_top(client: &Client) -> Result<()> {
    // Switching to the current window resets WebDriver to its top-level
    // document, even when the frame it was in has gone.
    let window = client.window().await?;
    client.switch_to_window(window).await?;
    Ok(())
}

/// The used heights (CSS px) of the widget frames on the page, in order.
pub async fn frame_heights(client: &Client, origin: &str) -> Result<Vec<f64>> {
    let value = client
        .execute(
            "return [...document.querySelectorAll('iframe')]
               .filter((f) => f.src.startsWith(arguments[0] + '/'))
               .map((f) => f.getBoundingClientRect().height);",
            vec![json!(origin)],
        )
        .await?;
    Ok(value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect())
}

/// The content height the widget in the current frame reports, turned into
/// the frame height the loader should set: the widget rounds up to 32 px
/// within 160..=8192, the loader keeps it within 200..=4000.
pub async fn expected_height(client: &Client) -> Result<f64> {
    let content = client
        .execute(
            "return document.getElementById('lantern').scrollHeight;",
            vec![],
        )
        .await?
        .as_f64()
        .context("no #lantern height")?;
    let posted = ((content / STEP).ceil() * STEP).clamp(160.0, 8192.0);
    Ok(((posted / STEP).ceil() * STEP).clamp(MIN_FRAME, MAX_FRAME))
}

/// Waits until frame `index` is `want` px tall.
pub async fn wait_frame_height(
    client: &Client,
    origin: &str,
    index: usize,
    want: f64,
) -> Result<()> {
    eventually(
        &format!("widget frame {index} to be {want} px tall"),
        PATIENCE,
        || async {
            let heights = frame_heights(client, origin).await?;
            Ok(heights
                .get(index)
                .is_some_and(|h| (h - want).abs() < 0.5)
                .then_some(()))
        },
    )
    .await
}

/// Enters frame `index`, waits for its widget, and makes sure the frame has
/// the height the widget's content asks for; returns that height.
pub async fn settled_height(client: &Client, origin: &str, index: usize) -> Result<f64> {
    let frames = widget_frames_any(client, origin).await?;
    let frame = frames.get(index).context("no such frame")?;
    enter_widget(client, frame).await?;
    let mut want = expected_height(client).await?;
    to_top(client).await?;
    // The content may still be settling (fonts, layout): re-measure until
    // frame and content agree.
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let heights = frame_heights(client, origin).await?;
        if heights.get(index).is_some_and(|h| (h - want).abs() < 0.5) {
            return Ok(want);
        }
        if tokio::time::Instant::now() > deadline {
            bail!("frame {index} is {heights:?} px tall, its content asks for {want}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        let frames = widget_frames_any(client, origin).await?;
        frames
            .get(index)
            .context("frame gone")?
            .enter_frame()
            .await?;
        want = expected_height(client).await?;
        to_top(client).await?;
    }
}

/// The widget frames now, however many.
pub async fn widget_frames_any(client: &Client, origin: &str) -> Result<Vec<Element>> {
    Ok(client
        .find_all(Locator::Css(&format!("iframe[src^=\"{origin}/\"]")))
        .await?)
}

/// Runs `script` in the current frame (a message from a page the test controls).
pub async fn run_js(client: &Client, script: &str) -> Result<Value> {
    Ok(client.execute(script, vec![]).await?)
}

/// Clicks the widget's exit link (in the current frame). The click takes
/// the whole tab away, sometimes before ChromeDriver has answered, which it
/// then reports as the frame having detached: that is the exit working, and
/// the caller checks where the tab went.
pub async fn click_exit_link(client: &Client) -> Result<()> {
    let link = widget::by_testid(client, "exit-link").await?;
    match link.click().await {
        Ok(()) => Ok(()),
        Err(error) if error.to_string().contains("frame detached") => Ok(()),
        Err(error) => Err(error).context("clicking the exit link"),
    }
}

/// What the partner's spy recorded.
pub async fn spy(client: &Client) -> Result<Value> {
    Ok(client.execute("return window.__spy;", vec![]).await?)
}

/// Lets messages already posted be delivered before looking for their effect.
pub async fn settle() {
    tokio::time::sleep(Duration::from_millis(600)).await;
}
