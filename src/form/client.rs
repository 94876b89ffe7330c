//! The browser side of sending: a random idempotency key from the
//! browser's CSPRNG, and one `POST /v1/tips` through `fetch`, abortable.
//!
//! `web-sys` directly rather than `gloo-net` or `reqwest`: one request shape
//! does not justify their bytes in the widget. The request goes to the
//! widget's own origin (a relative URL), sends no credentials and no
//! referrer, and asks caches to keep nothing.
use super::outcome::Body;
use js_sys::{Array, Date as JsDate, Math, Reflect, JSON};
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

/// The parts of the intake's response to a tip that the form looks at.
pub struct IntakeResponse {
    /// HTTP status.
    pub status: u16,
    /// The body, read as JSON (see [`read_body`]).
    pub body: Body,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<String>,
}

/// Sends `json` with `key`, aborted when `signal` fires. `Err` when no
/// answer came (network down, aborted, or a body that never arrived).
pub async fn post_tip(
    json: &str,
    key: &IdempotencyKey,
    signal: &AbortSignal,
) -> Result<IntakeResponse, JsValue> {
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
    Ok(IntakeResponse {
        status: response.status(),
        body: read_body(&body.as_string().unwrap_or_default()),
        retry_after,
    })
}

/// Reads the parts of an answer's body the form looks at with the browser's
/// own `JSON.parse`; whatever is not JSON, or not of [`Body`]'s shape, reads
/// as nothing.
pub fn read_body(text: &str) -> Body {
    let Ok(json) = JSON::parse(text) else {
        return Body::default();
    };
    Body {
        receipt: string_at(&json, "receipt").flatten(),
        errors: errors_at(&json),
    }
}

/// `value[key]`: `None` if `value` is not an object (`Reflect.get` throws
/// then), `Some(None)` if the entry is missing or not a string.
fn string_at(value: &JsValue, key: &str) -> Option<Option<String>> {
    if !value.is_object() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .map(|v| v.as_string())
}

/// `value.errors` as `(field, code)` pairs, if every entry has the shape
/// [`Body::errors`] describes.
fn errors_at(value: &JsValue) -> Option<Vec<(String, String)>> {
    if !value.is_object() {
        return None;
    }
    let list = Reflect::get(value, &JsValue::from_str("errors")).ok()?;
    if !Array::is_array(&list) {
        return None;
    }
    Array::from(&list)
        .iter()
        .map(|entry| {
            let code = string_at(&entry, "code")??;
            let field = Reflect::get(&entry, &JsValue::from_str("field")).ok()?;
            let field = if field.is_undefined() {
                String::new()
            } else {
                field.as_string()?
            };
            Some((field, code))
        })
        .collect()
}
