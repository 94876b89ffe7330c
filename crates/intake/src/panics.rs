//! What a panic may say: where it happened, never its payload, which could
//! quote a request or a tip. A handler that panics answers a plain 500; the
//! process and every other request go on (the `server` profile unwinds).

use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The answer to a request whose handler panicked. The payload is dropped
/// unread: it could quote the request.
pub fn panic_response(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal("a request handler panicked".into()).into_response()
}

/// Replaces the default panic hook (which prints the payload) with one that
/// logs only where the panic happened.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(%location, "panic (payload withheld)");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::extract::Request;
    use axum::routing::get;
    use axum::Router;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_500_without_its_payload() {
        let router = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("payload quoting a tip: PANICMARK");
                    }
                }),
            )
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                panic_response,
            ));
        let response = router
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            axum::http::StatusCode::INTERNAL_SERVER_ERROR
        );
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(&body[..], br#"{"errors":[{"field":"","code":"internal"}]}"#);
    }
}
