//! Serving the built widget's other files (the Wasm, the scripts, the
//! loader, the demo pages) from its directory, with their right type
//! (`application/wasm`) and, when the browser accepts it, the `.br` or
//! `.gz` that scripts/build-widget.sh wrote beside each; and the brotli
//! the page at `/` is kept in ([`crate::page`]).

use axum::extract::Request;
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Middleware around the widget directory's files:
///
/// - `Vary: Accept-Encoding` on every answer, since the same URL gives the
///   `.br`, the `.gz` or the plain file by what the browser accepts; without
///   it a shared cache could hand brotli to a browser that did not ask.
/// - A path starting with `//` is not found. The directory service would
///   redirect `//demo` to `//demo/`, which a browser reads as the host `demo`.
/// - A redirect (a directory asked for without its slash) names the path
///   alone, never a scheme or host copied from an absolute-form request.
pub async fn static_files(request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("//") {
        return ApiError::NotFound.into_response();
    }
    let mut response = next.run(request).await;
    if response.status().is_redirection() {
        let relative = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<Uri>().ok())
            .and_then(|uri| uri.path_and_query().cloned())
            .and_then(|path| HeaderValue::from_str(path.as_str()).ok());
        match relative {
            Some(location) if !location.as_bytes().starts_with(b"//") => {
                response.headers_mut().insert(header::LOCATION, location);
            }
            _ => return ApiError::NotFound.into_response(),
        }
    }
    let varies = response
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"));
    if !varies {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Brotli at its best quality and a 4 MiB window (the page is far smaller).
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    // Writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}
