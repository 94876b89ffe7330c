//! A small web server of the harness's own (axum): the neutral page the quick exit
//! leads to, a page to come from (so a test can see where Back goes), and
//! partner pages for the embed tests.
//!
//! It listens on its own loopback port, so it is another origin than the
//! intake service. Reached as `localhost` rather than `127.0.0.1` it is also
//! another site, the way a real partner's page is.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Result};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A page the server answers with.
#[derive(Debug, Clone)]
pub struct Page {
    /// The `Content-Type` header.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Send the body up to this byte, then wait this long before the rest:
    /// a page still streaming in on a slow network.
    pub pause: Option<(usize, Duration)>,
}

impl Page {
    /// An HTML page.
    pub fn html(body: impl Into<String>) -> Page {
        Page::bytes("text/html; charset=utf-8", body.into().into_bytes())
    }

    /// Any body, of the given `Content-Type`.
    pub fn bytes(content_type: &str, body: Vec<u8>) -> Page {
        Page {
            content_type: content_type.into(),
            body,
            pause: None,
        }
    }

    /// The same page, sent up to byte `at`, then after `wait` the rest.
    pub fn paused_at(mut self, at: usize, wait: Duration) -> Page {
        self.pause = Some((at.min(self.body.len()), wait));
        self
    }
}

/// The path of the neutral exit page.
pub const EXIT_PATH: &str = "/weather";
/// The path of the page a test visits before the widget.
pub const START_PATH: &str = "/start";

/// Each path's page, and how long to wait before answering it.
type Routes = Arc<Mutex<HashMap<String, (Page, Option<Duration>)>>>;

/// What the request handler shares with [`Pages`].
#[derive(Clone, Default)]
struct Server {
    routes: Routes,
    hits: Arc<Mutex<Vec<String>>>,
}

/// The running server; it stops when dropped.
pub struct Pages {
    port: u16,
    routes: Routes,
    hits: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl Pages {
    /// Starts the server with the exit page and the start page.
    pub async fn start() -> Result<Pages> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        let server = Server::default();
        let (routes, hits) = (server.routes.clone(), server.hits.clone());
        {
            let mut table = routes.lock().map_err(|_| anyhow!("routes poisoned"))?;
            table.insert(
                EXIT_PATH.into(),
                (
                    Page::html(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                     <title>Weather</title></head><body><main><h1>Weather forecast</h1>\
                     <p id=\"neutral\">Sunny, light winds.</p></main></body></html>",
                    ),
                    None,
                ),
            );
            table.insert(
                START_PATH.into(),
                (Page::html(
                    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                     <title>Start</title></head><body><main><p id=\"start\">Before the widget.</p></main>\
                     </body></html>",
                ), None),
            );
        }
        let app = axum::Router::new().fallback(answer).with_state(server);
        let task = tokio::spawn(async move {
            let _stopped = axum::serve(listener, app).await;
        });
        Ok(Pages {
            port,
            routes,
            hits,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `http://localhost:PORT`: the same server as another site.
    pub fn other_site_origin(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// The full URL of `path` on [`Pages::origin`].
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    /// The neutral exit page's URL.
    pub fn exit_url(&self) -> String {
        self.url(EXIT_PATH)
    }

    /// The start page's URL.
    pub fn start_url(&self) -> String {
        self.url(START_PATH)
    }

    /// Serves `page` at `path` from now on.
    pub fn add(&self, path: &str, page: Page) {
        if let Ok(mut routes) = self.routes.lock() {
            routes.insert(path.into(), (page, None));
        }
    }

    /// Serves `page` at `path`, answering only after `delay`: a slow exit
    /// page lets a test see what the widget shows while the browser leaves.
    pub fn add_slow(&self, path: &str, page: Page, delay: Duration) {
        if let Ok(mut routes) = self.routes.lock() {
            routes.insert(path.into(), (page, Some(delay)));
        }
    }

    /// Every request line received so far (`GET /path?query`).
    pub fn hits(&self) -> Vec<String> {
        self.hits
            .lock()
            .map(|hits| hits.clone())
            .unwrap_or_default()
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Every request, whatever its path: recorded, then answered from the
/// routes table (or 404).
async fn answer(State(server): State<Server>, method: Method, uri: Uri) -> Response {
    let target = uri.path_and_query().map_or_else(
        || uri.path().to_owned(),
        |target| target.as_str().to_owned(),
    );
    if let Ok(mut hits) = server.hits.lock() {
        hits.push(format!("{method} {target}"));
    }
    let page = server
        .routes
        .lock()
        .ok()
        .and_then(|routes| routes.get(uri.path()).cloned());
    // `Connection: close` on every answer: a browser's kept-alive connection
    // must not reach a server a later test started on a reused port.
    let Some((page, delay)) = page else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONNECTION, "close")],
            "not found",
        )
            .into_response();
    };
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let length = page.body.len();
    let (first, wait) = page.pause.unwrap_or((length, Duration::ZERO));
    let mut body = page.body;
    let rest = Bytes::from(body.split_off(first));
    // The body in two chunks, the second after `wait`; Content-Length is
    // set, so the browser knows the page is not complete until then.
    let chunks = futures_util::stream::iter([(Bytes::from(body), Duration::ZERO), (rest, wait)])
        .then(|(chunk, wait)| async move {
            tokio::time::sleep(wait).await;
            Ok::<_, std::convert::Infallible>(chunk)
        });
    (
        [
            (header::CONTENT_TYPE, page.content_type),
            (header::CONTENT_LENGTH, length.to_string()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::CONNECTION, "close".to_owned()),
        ],
        Body::from_stream(chunks),
    )
        .into_response()
}
