//! A tiny web server of the harness's own: the neutral page the quick exit
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
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A page the server answers with.
#[derive(Debug, Clone)]
pub struct Page {
    /// The `Content-Type` header.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Extra response headers (a partner's Content-Security-Policy, say).
    pub headers: Vec<(String, String)>,
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
            headers: Vec::new(),
            pause: None,
        }
    }

    /// The same page, sent up to byte `at`, then after `wait` the rest.
    pub fn paused_at(mut self, at: usize, wait: Duration) -> Page {
        self.pause = Some((at.min(self.body.len()), wait));
        self
    }

    /// The same page with one more response header.
    pub fn with_header(mut self, name: &str, value: &str) -> Page {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// The path of the neutral exit page.
pub const EXIT_PATH: &str = "/weather";
/// The path of the page a test visits before the widget.
pub const START_PATH: &str = "/start";

/// Each path's page, and how long to wait before answering it.
type Routes = Arc<Mutex<HashMap<String, (Page, Option<Duration>)>>>;

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
        let routes: Routes = Arc::default();
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
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
        let task = tokio::spawn(serve(listener, routes.clone(), hits.clone()));
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

async fn serve(listener: TcpListener, routes: Routes, hits: Arc<Mutex<Vec<String>>>) {
    while let Ok((mut stream, _)) = listener.accept().await {
        let routes = routes.clone();
        let hits = hits.clone();
        tokio::spawn(async move {
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 65536 {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let request = String::from_utf8_lossy(&request);
            let mut line = request.lines().next().unwrap_or_default().split(' ');
            let method = line.next().unwrap_or_default().to_owned();
            let target = line.next().unwrap_or("/").to_owned();
            if let Ok(mut hits) = hits.lock() {
                hits.push(format!("{method} {target}"));
            }
            let path = target.split('?').next().unwrap_or("/");
            let page = routes
                .lock()
                .ok()
                .and_then(|routes| routes.get(path).cloned());
            let page = match page {
                Some((page, Some(delay))) => {
                    tokio::time::sleep(delay).await;
                    Some(page)
                }
                Some((page, None)) => Some(page),
                None => None,
            };
            let Some(page) = page else {
                let _sent = stream
                    .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found")
                    .await;
                let _closed = stream.shutdown().await;
                return;
            };
            let mut head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
                 Cache-Control: no-store\r\nConnection: close\r\n",
                page.content_type,
                page.body.len()
            );
            for (name, value) in &page.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let (first, wait) = page.pause.unwrap_or((page.body.len(), Duration::ZERO));
            let mut sent = stream.write_all(head.as_bytes()).await;
            if sent.is_ok() {
                sent = stream.write_all(&page.body[..first]).await;
            }
            if sent.is_ok() && first < page.body.len() {
                tokio::time::sleep(wait).await;
                let _sent = stream.write_all(&page.body[first..]).await;
            }
            let _closed = stream.shutdown().await;
        });
    }
}
