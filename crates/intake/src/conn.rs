//! The connections under the router. hyper reads requests off the sockets;
//! this module decides how many sockets may be open and for how long, and
//! fills in what hyper and axum leave out:
//!
//! - At most [`Limits::max_connections`] sockets are open at once. Past that
//!   the listener stops accepting (the kernel's backlog holds the rest), so
//!   the process never runs out of file descriptors: a service that cannot
//!   accept is unreachable for everyone, not just for the flood.
//! - A request's head must arrive within [`Limits::header_timeout`] (hyper's
//!   own timer; for HTTP/1 it also ends a keep-alive connection left idle).
//! - A socket neither read from nor written to for [`Limits::idle_timeout`]
//!   is closed: a body that stalls, a client that stops reading its answer,
//!   an idle HTTP/2 connection. (A tip's whole body also has a deadline of
//!   its own, in [`crate::extract`].)
//! - hyper answers a request it cannot parse (400, 414, 431) by itself, with
//!   no body and none of our headers. On the way out those answers are
//!   replaced by the contract's JSON with the security headers
//!   ([`ParserAnswers`]); hyper has no hook for them (hyperium/hyper#3844).
//! - [`check_request`] applies the rules of HTTP/1.1 that hyper leaves to
//!   the application: one valid `Host`, a request target of bounded length.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderValue, Version};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use lantern_tip::ErrorCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

use crate::error::ApiError;
use crate::headers::HeaderPolicy;

/// The longest request target (path and query) served; longer is 414. The
/// widget's own URLs are far shorter.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// hyper's read buffer: a request line and headers larger than this are 431.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long, after SIGTERM, requests in flight may take to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// How many sockets, for how long.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time for a request's line and headers to arrive.
    pub header_timeout: Duration,
    /// Time a socket may go without a byte read or written.
    pub idle_timeout: Duration,
    /// Sockets open at once.
    pub max_connections: usize,
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes,
/// then lets requests in flight finish (for up to 30 seconds).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    answers: Arc<ParserAnswers>,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEAD_BYTES);
    builder.http2().timer(TokioTimer::new());
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small answers go out at once rather than waiting for more to send.
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(Guarded::new(
            stream,
            limits.idle_timeout,
            Arc::clone(&answers),
        ));
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request.map(Body::new))
        });
        let connection = graceful.watch(builder.serve_connection(io, service).into_owned());
        tokio::spawn(async move {
            // A connection's end (closed, reset, timed out) is not news.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight at shutdown were cut off");
    }
}

/// An `accept` that failed. A peer that gave up first is nothing; anything
/// else (out of file descriptors or memory) is logged and waited out.
async fn accept_failed(error: &io::Error) {
    if matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "accept failed; pausing for a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// The answers that replace hyper's own to requests it cannot parse: the
/// contract's error body and the security headers, prepared at start-up.
#[derive(Debug)]
pub struct ParserAnswers {
    bad_request: Canned,
    uri_too_long: Canned,
    headers_too_large: Canned,
}

/// One prepared answer: the head up to where hyper's `date` goes, and the rest.
#[derive(Debug)]
struct Canned {
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl Canned {
    fn new(error: ApiError, policy: &HeaderPolicy) -> Self {
        let body = serde_json::to_vec(&lantern_tip::ErrorBody {
            errors: error.problems(),
        })
        .unwrap_or_default();
        let mut response = error.into_response();
        policy.apply("", response.headers_mut());
        let status = response.status();
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            status.as_str(),
            status.canonical_reason().unwrap_or("")
        )
        .into_bytes();
        for (name, value) in response.headers() {
            if name == header::CONTENT_LENGTH || name == header::CONNECTION {
                continue;
            }
            head.extend_from_slice(name.as_str().as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
        let mut tail = format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        tail.extend_from_slice(&body);
        Self { head, tail }
    }
}

impl ParserAnswers {
    /// The answers, with `policy`'s headers.
    pub fn new(policy: &HeaderPolicy) -> Self {
        Self {
            bad_request: Canned::new(ApiError::MalformedRequest, policy),
            uri_too_long: Canned::new(ApiError::UriTooLong, policy),
            headers_too_large: Canned::new(ApiError::HeadersTooLarge, policy),
        }
    }

    /// Our answer in place of `written`, when `written` is exactly an answer
    /// hyper made up itself: a 400, 414 or 431 head with no body and no
    /// header but `content-length: 0`, `date` and `connection`. Every answer
    /// the router makes carries the security headers, so it never matches.
    pub fn replacement(&self, written: &[u8]) -> Option<Vec<u8>> {
        let head = written.strip_suffix(b"\r\n\r\n")?;
        let text = std::str::from_utf8(head).ok()?;
        let mut lines = text.split("\r\n");
        let status = lines.next()?.strip_prefix("HTTP/1.1 ")?;
        let canned = match status.get(..4)? {
            "400 " => &self.bad_request,
            "414 " => &self.uri_too_long,
            "431 " => &self.headers_too_large,
            _ => return None,
        };
        let mut date = None;
        for line in lines {
            let (name, value) = line.split_once(':')?;
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" if value == "0" => {}
                "connection" if value.eq_ignore_ascii_case("close") => {}
                "date" => date = Some(line),
                _ => return None,
            }
        }
        let mut answer = Vec::with_capacity(canned.head.len() + canned.tail.len() + 40);
        answer.extend_from_slice(&canned.head);
        if let Some(date) = date {
            answer.extend_from_slice(date.as_bytes());
            answer.extend_from_slice(b"\r\n");
        }
        answer.extend_from_slice(&canned.tail);
        Some(answer)
    }
}

/// A socket with an idle timer, that swaps hyper's own error answers for
/// ours ([`ParserAnswers`]).
struct Guarded {
    stream: TcpStream,
    idle: Duration,
    last_active: Instant,
    timer: Pin<Box<Sleep>>,
    answers: Arc<ParserAnswers>,
    /// Our answer being written in place of hyper's, and how much of it is out.
    replacing: Option<(Vec<u8>, usize)>,
}

fn idle_error() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "connection idle for too long")
}

impl Guarded {
    fn new(stream: TcpStream, idle: Duration, answers: Arc<ParserAnswers>) -> Self {
        let now = Instant::now();
        Self {
            stream,
            idle,
            last_active: now,
            timer: Box::pin(tokio::time::sleep_until(now + idle)),
            answers,
            replacing: None,
        }
    }

    fn active(&mut self) {
        self.last_active = Instant::now();
    }

    /// After the socket said "not ready": whether it has now been idle too
    /// long (else the timer will wake the task when it might be).
    fn idle_expired(&mut self, cx: &mut Context<'_>) -> bool {
        loop {
            if self.timer.as_mut().poll(cx).is_pending() {
                return false;
            }
            let deadline = self.last_active + self.idle;
            if deadline <= Instant::now() {
                return true;
            }
            // Activity since the timer was set: wait for the new deadline.
            self.timer.as_mut().reset(deadline);
        }
    }

    /// Writes our answer in place of hyper's `claimed` bytes.
    fn poll_replace(&mut self, cx: &mut Context<'_>, claimed: usize) -> Poll<io::Result<usize>> {
        let Some((answer, mut sent)) = self.replacing.take() else {
            return Poll::Ready(Ok(claimed));
        };
        while sent < answer.len() {
            match Pin::new(&mut self.stream).poll_write(cx, &answer[sent..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => {
                    sent += n;
                    self.active();
                }
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => {
                    self.replacing = Some((answer, sent));
                    return if self.idle_expired(cx) {
                        Poll::Ready(Err(idle_error()))
                    } else {
                        Poll::Pending
                    };
                }
            }
        }
        // hyper is told its own bytes went out.
        Poll::Ready(Ok(claimed))
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                this.active();
                Poll::Ready(result)
            }
            Poll::Pending if this.idle_expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacing.is_none() {
            if let Some(answer) = this.answers.replacement(buf) {
                this.replacing = Some((answer, 0));
            }
        }
        if this.replacing.is_some() {
            return this.poll_replace(cx, buf.len());
        }
        match Pin::new(&mut this.stream).poll_write(cx, buf) {
            Poll::Ready(result) => {
                this.active();
                Poll::Ready(result)
            }
            Poll::Pending if this.idle_expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        // hyper's own answers are one buffer (a head, no body).
        let mut filled = bufs.iter().filter(|b| !b.is_empty());
        if let (Some(only), None) = (filled.next(), filled.next()) {
            return self.poll_write(cx, only);
        }
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_write_vectored(cx, bufs) {
            Poll::Ready(result) => {
                this.active();
                Poll::Ready(result)
            }
            Poll::Pending if this.idle_expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// Middleware: what HTTP/1.1 requires of a request and hyper lets through.
///
/// - Exactly one `Host`, and a valid one (RFC 9112, 3.2: else 400).
/// - A request target of at most [`MAX_URI_BYTES`] (else 414).
pub async fn check_request(request: Request, next: Next) -> Response {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > MAX_URI_BYTES {
        return ApiError::UriTooLong.into_response();
    }
    if request.version() == Version::HTTP_11 {
        let mut hosts = request.headers().get_all(header::HOST).iter();
        let problem = match (hosts.next(), hosts.next()) {
            (None, _) => Some(ErrorCode::Required),
            (Some(_), Some(_)) => Some(ErrorCode::Duplicate),
            (Some(host), None) => (!is_host(host)).then_some(ErrorCode::InvalidValue),
        };
        if let Some(code) = problem {
            return ApiError::BadHost(code).into_response();
        }
    }
    next.run(request).await
}

/// `host[:port]`, as a URI's authority, without user information, with a
/// port (when there is one) that is a number.
fn is_host(value: &HeaderValue) -> bool {
    let Some(text) = value
        .to_str()
        .ok()
        .filter(|t| !t.is_empty() && !t.contains('@'))
    else {
        return false;
    };
    let Ok(authority) = text.parse::<axum::http::uri::Authority>() else {
        return false;
    };
    match authority.port_u16() {
        Some(port) => text == format!("{}:{port}", authority.host()),
        None => text == authority.host(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::InlineHashes;
    use axum::body::Bytes;
    use axum::http::StatusCode;

    fn answers() -> ParserAnswers {
        ParserAnswers::new(&HeaderPolicy::new(&[], &InlineHashes::default()).unwrap())
    }

    /// The status of a prepared answer.
    fn status_of(answer: &[u8]) -> Option<StatusCode> {
        let line = answer.split(|b| *b == b'\r').next()?;
        let code = std::str::from_utf8(line).ok()?.split(' ').nth(1)?;
        code.parse().ok()
    }

    /// The body of a prepared answer.
    fn body_of(answer: &[u8]) -> Option<Bytes> {
        let at = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
        Some(Bytes::copy_from_slice(&answer[at + 4..]))
    }

    #[test]
    fn hypers_own_answers_are_replaced_with_the_contracts() {
        let answers = answers();
        for (hyper, status, code) in [
            (
                "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: Sat, 01 Aug 2026 10:00:00 GMT\r\n\r\n",
                400,
                "malformed_request",
            ),
            (
                "HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n",
                431,
                "too_large",
            ),
            (
                "HTTP/1.1 414 URI Too Long\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
                414,
                "too_large",
            ),
        ] {
            let ours = answers.replacement(hyper.as_bytes()).expect(hyper);
            assert_eq!(status_of(&ours).map(|s| s.as_u16()), Some(status));
            let text = String::from_utf8(ours.clone()).unwrap();
            assert!(text.contains("content-security-policy: default-src 'none'"), "{text}");
            assert!(text.contains("content-type: application/json\r\n"), "{text}");
            assert!(text.contains("connection: close\r\n"), "{text}");
            if hyper.contains("date:") {
                assert!(text.contains("date: Sat, 01 Aug 2026 10:00:00 GMT\r\n"), "{text}");
            }
            let body: serde_json::Value = serde_json::from_slice(&body_of(&ours).unwrap()).unwrap();
            assert_eq!(body["errors"][0]["code"], code);
            let length = format!("content-length: {}\r\n", body_of(&ours).unwrap().len());
            assert!(text.contains(&length), "{text}");
        }
    }

    #[test]
    fn answers_the_router_made_are_left_alone() {
        let answers = answers();
        for written in [
            // Ours: it has our headers.
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n",
            // A body follows the head.
            "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{}",
            // Other statuses.
            "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            // Not a head at all: bytes of a body.
            "some file contents",
        ] {
            assert!(answers.replacement(written.as_bytes()).is_none(), "{written}");
        }
    }
}
