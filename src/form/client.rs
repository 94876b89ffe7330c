//! The browser side of sending: a random idempotency key from the
//! browser's CSPRNG, and one `POST /v1/tips` through `fetch`, abortable.
//!
//! `web-sys` directly rather than `gloo-net` or `reqwest`: one request shape
//! does not justify their bytes in the widget. The request goes to the
//! widget's own origin (a relative URL), sends no credentials and no
//! referrer, and asks caches to keep nothing.
use js_sys::{Date as JsDate, Math};
use lantern_tip::{Date, IdempotencyKey};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

/// Where tips go: the intake that served the widget.
pub const TIPS_URL: &str = "/v1/tips";

/// A fresh idempotency key: 128 bits from `crypto.getRandomValues`. `None`
/// if the browser has no CSPRNG; the form then cannot send safely, and says
/// so rather than fall back to a guessable key.
pub fn new_key() -> Option<IdempotencyKey> {
    let mut bytes = [0u8; 16];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(IdempotencyKey::from_bytes(bytes))
}

/// A number in `0.0..1.0` for spreading retries apart; not a secret.
pub fn jitter() -> f64 {
    Math::random()
}

/// Seconds since the Unix epoch, by the browser's clock.
pub fn now_unix() -> i64 {
    (JsDate::now() / 1_000.0) as i64
}

/// Today's date where the person is: the date input and the "not in the
/// future" rule both go by the local calendar.
pub fn today() -> Date {
    let now = JsDate::new_0();
    let year = u16::try_from(now.get_full_year()).unwrap_or(9999);
    let month = u8::try_from(now.get_month() + 1).unwrap_or(12);
    let day = u8::try_from(now.get_date()).unwrap_or(31);
    Date::new(year, month, day).unwrap_or(Date::MAX)
}

/// The parts of an answer the form looks at.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body, as text (may be anything).
    pub body: String,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
}

/// Sends `json` with `key`, aborted when `signal` fires. `Err` when no
/// answer came (network down, aborted, or a body that never arrived).
pub async fn post_tip(
    json: &str,
    key: &IdempotencyKey,
    signal: &AbortSignal,
) -> Result<Answer, JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    headers.set("Idempotency-Key", &key.to_string())?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(json));
    init.set_signal(Some(signal));
    // Same origin only; no cookies exist, and none should be sent anyway.
    js_sys::Reflect::set(&init, &"credentials".into(), &"omit".into())?;
    js_sys::Reflect::set(&init, &"cache".into(), &"no-store".into())?;
    js_sys::Reflect::set(&init, &"referrerPolicy".into(), &"no-referrer".into())?;
    let request = Request::new_with_str_and_init(TIPS_URL, &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let body = JsFuture::from(response.text()?).await?;
    Ok(Answer {
        status: response.status(),
        body: body.as_string().unwrap_or_default(),
        retry_after,
    })
}
