//! The security headers every response carries, whatever route produced it:
//! a strict Content-Security-Policy (Wasm needs only `'wasm-unsafe-eval'`),
//! framing only by allow-listed partner origins, no referrer, no caching of
//! pages or API answers, no sniffing, and every powerful feature denied.
//! The analysts' console under `/console/` gets a policy of its own
//! ([`CONSOLE_CSP`]): never framed by anyone, and passkeys allowed.

use std::cell::RefCell;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use lol_html::html_content::TextChunk;
use lol_html::{rewrite_str, text, RewriteStrSettings};
use sha2::{Digest, Sha256};

/// Features the widget never uses, denied to it and to anything it embeds.
/// Only names Chromium recognises: an unknown one is a console warning, which
/// the end-to-end visit test fails on (Chromium 156 no longer knows
/// `bluetooth`).
const PERMISSIONS_POLICY: &str = "accelerometer=(), browsing-topics=(), camera=(), \
display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), local-fonts=(), \
magnetometer=(), microphone=(), midi=(), otp-credentials=(), payment=(), \
publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

/// The console's features: the widget's list, except passkeys
/// (`publickey-credentials-get`), which the console signs in with on its
/// own origin. Derived from [`PERMISSIONS_POLICY`], so the lists cannot drift.
fn console_permissions_policy() -> &'static HeaderValue {
    static POLICY: std::sync::OnceLock<HeaderValue> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let text = PERMISSIONS_POLICY.replace(
            "publickey-credentials-get=()",
            "publickey-credentials-get=(self)",
        );
        HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(PERMISSIONS_POLICY))
    })
}

/// The console's Content-Security-Policy: its own scripts and Wasm, its own
/// style sheet, requests to its own origin only, nothing inline, no forms
/// sent by the browser itself (the app sends them), and no page may frame
/// it (a framed console could be clickjacked into an action).
pub const CONSOLE_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; \
frame-ancestors 'none'";

/// Whether `path` is the console's (its pages, assets and API).
pub fn is_console_path(path: &str) -> bool {
    path == "/console" || path.starts_with("/console/")
}

/// Hashed build outputs (`lantern-0123456789abcdef.js`) never change under the
/// same name, so browsers may keep them; everything else is revalidated.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The fixed headers, computed once at start-up.
#[derive(Debug, Clone)]
pub struct HeaderPolicy {
    csp: HeaderValue,
    frame_denied: bool,
}

/// Why the policy could not be built from the configuration.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// An `--allow-origin` value is not a bare `scheme://host[:port]` origin.
    #[error("--allow-origin {0:?} is not an origin like https://partner.example")]
    BadOrigin(String),
}

impl HeaderPolicy {
    /// The policy for a page whose inline scripts and style sheets hash to
    /// `inline` and that partner `origins` may frame.
    pub fn new(origins: &[String], inline: &InlineHashes) -> Result<Self, PolicyError> {
        for origin in origins {
            if !is_origin(origin) {
                return Err(PolicyError::BadOrigin(origin.clone()));
            }
        }
        let frame_ancestors = if origins.is_empty() {
            "'none'".to_owned()
        } else {
            origins.join(" ")
        };
        let sources = |first: &str, hashes: &[String]| {
            let mut list = String::from(first);
            for hash in hashes {
                list.push_str(" '");
                list.push_str(hash);
                list.push('\'');
            }
            list
        };
        let script_src = sources("'self' 'wasm-unsafe-eval'", &inline.scripts);
        let style_src = sources("'self'", &inline.styles);
        let csp = format!(
            "default-src 'none'; script-src {script_src}; style-src {style_src}; img-src 'self'; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; \
             frame-ancestors {frame_ancestors}"
        );
        Ok(Self {
            csp: HeaderValue::from_str(&csp)
                .map_err(|_| PolicyError::BadOrigin(origins.join(" ")))?,
            frame_denied: origins.is_empty(),
        })
    }

    /// The Content-Security-Policy value.
    pub fn csp(&self) -> &HeaderValue {
        &self.csp
    }

    /// Sets every header of the policy on an answer for `path`.
    pub fn apply(&self, path: &str, headers: &mut HeaderMap) {
        let console = is_console_path(path);
        let csp = if console {
            HeaderValue::from_static(CONSOLE_CSP)
        } else {
            self.csp.clone()
        };
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        if self.frame_denied || console {
            // For browsers too old for frame-ancestors.
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            HeaderName::from_static("permissions-policy"),
            if console {
                console_permissions_policy().clone()
            } else {
                HeaderValue::from_static(PERMISSIONS_POLICY)
            },
        );
        headers.insert(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
        // The loader is the one file partner pages include from another origin.
        let resource_policy = if path == "/embed.js" {
            "cross-origin"
        } else {
            "same-origin"
        };
        headers.insert(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static(resource_policy),
        );
        headers.insert(
            HeaderName::from_static("x-permitted-cross-domain-policies"),
            HeaderValue::from_static("none"),
        );
        let cache = if is_hashed_asset(path) {
            IMMUTABLE
        } else {
            "no-store"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
}

/// Middleware: adds the policy's headers to every response.
pub async fn security_headers(
    State(policy): State<std::sync::Arc<HeaderPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    policy.apply(&path, response.headers_mut());
    response
}

/// `scheme://host[:port]` with nothing after it, as CSP expects.
fn is_origin(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '*'))
}

/// Whether the last path segment carries a 16-hex-digit content hash, as
/// scripts/build-widget.sh names its outputs.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// CSP source expressions (`sha256-…`) for a page's inline elements, so
/// that it runs without `'unsafe-inline'`: the build inlines the style sheet
/// (one round trip fewer before the hotline paints), and Trunk's page starts
/// the app with an inline module script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineHashes {
    /// One per inline `<script>` (those with `src=` are not inline).
    pub scripts: Vec<String>,
    /// One per `<style>` element.
    pub styles: Vec<String>,
}

impl InlineHashes {
    /// The hashes of every inline script and style element in every page
    /// the service sends (one per language), each hash once. The pages are
    /// read with `lol_html`'s HTML tokenizer, as a browser reads them, so
    /// the text hashed is the text the browser checks against the policy.
    pub fn of_pages<'a>(pages: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut all = Self::default();
        for page in pages {
            let (scripts, styles) = inline_texts(&String::from_utf8_lossy(page));
            for (list, texts) in [(&mut all.scripts, scripts), (&mut all.styles, styles)] {
                for text in texts.iter().filter(|text| !text.is_empty()) {
                    let digest = Sha256::digest(text.as_bytes());
                    let hash = format!(
                        "sha256-{}",
                        base64::engine::general_purpose::STANDARD.encode(digest)
                    );
                    if !list.contains(&hash) {
                        list.push(hash);
                    }
                }
            }
        }
        all
    }
}

/// The text inside each `<script>` without `src=`, and inside each
/// `<style>`, in page order. A data block (`type="text/plain"`: the words
/// each page carries, `src/i18n/loaded.rs`) never runs, so the policy needs
/// no hash of it.
fn inline_texts(html: &str) -> (Vec<String>, Vec<String>) {
    let scripts = RefCell::new(vec![String::new()]);
    let styles = RefCell::new(vec![String::new()]);
    let collect = |texts: &RefCell<Vec<String>>, chunk: &TextChunk<'_>| {
        let mut texts = texts.borrow_mut();
        if let Some(text) = texts.last_mut() {
            text.push_str(chunk.as_str());
        }
        if chunk.last_in_text_node() {
            texts.push(String::new());
        }
    };
    // Only reads: what the rewriter writes is dropped. A page it cannot
    // tokenize gets no hashes, and then the policy allows no inline code.
    let _ = rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(text!(
                "script:not([src]):not([type=\"text/plain\"])",
                |chunk| {
                    collect(&scripts, chunk);
                    Ok(())
                }
            ))
            .append_element_content_handler(text!("style", |chunk| {
                collect(&styles, chunk);
                Ok(())
            })),
    );
    (scripts.into_inner(), styles.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_partners_nobody_may_frame() {
        let policy = HeaderPolicy::new(&[], &InlineHashes::default()).unwrap();
        let csp = policy.csp().to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("'unsafe-eval'"));
    }

    #[test]
    fn partner_origins_are_listed_and_checked() {
        let origins = [
            "https://city.example".to_owned(),
            "http://127.0.0.1:9000".to_owned(),
        ];
        let policy = HeaderPolicy::new(&origins, &InlineHashes::default()).unwrap();
        assert!(policy
            .csp()
            .to_str()
            .unwrap()
            .ends_with("frame-ancestors https://city.example http://127.0.0.1:9000"));
        for bad in [
            "city.example",
            "https://x.example/path",
            "https://a; script-src *",
            "javascript://x",
        ] {
            assert!(
                HeaderPolicy::new(&[bad.to_owned()], &InlineHashes::default()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn inline_scripts_and_styles_are_hashed_and_external_ones_are_not() {
        let html = "<head><script type=\"module\">import init from './a.js';init();</script>\
                    <script src=\"x.js\"></script><style>.a{color:red}</style>\
                    <script type=\"text/plain\" id=\"lantern-words\">en\nWords</script>\
                    <link rel=\"stylesheet\" href=\"x.css\"></head>";
        let hashes = InlineHashes::of_pages([html.as_bytes()]);
        let hash = |text: &[u8]| {
            format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text))
            )
        };
        assert_eq!(hashes.scripts, [hash(b"import init from './a.js';init();")]);
        assert_eq!(hashes.styles, [hash(b".a{color:red}")]);
        let policy = HeaderPolicy::new(&[], &hashes).unwrap();
        let csp = policy.csp().to_str().unwrap();
        assert!(csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' '{}';",
            hashes.scripts[0]
        )));
        assert!(csp.contains(&format!("style-src 'self' '{}';", hashes.styles[0])));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn the_page_is_read_as_a_browser_reads_it() {
        let html = "<!-- <script>commented()</script> --><SCRIPT>upper()</SCRIPT>\
                    <scripting>no</scripting><styles>no</styles>\
                    <script data-src=\"x\">a(\"<b>\")</script><style media=\"all\">.b{}</style>";
        let hashes = InlineHashes::of_pages([html.as_bytes()]);
        let hash = |text: &[u8]| {
            format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text))
            )
        };
        assert_eq!(hashes.scripts, [hash(b"upper()"), hash(b"a(\"<b>\")")]);
        assert_eq!(hashes.styles, [hash(b".b{}")]);
    }

    #[test]
    fn the_console_has_its_own_policy_and_the_widget_keeps_its_own() {
        let policy = HeaderPolicy::new(
            &["https://partner.example".into()],
            &InlineHashes::default(),
        )
        .unwrap();
        let mut console = HeaderMap::new();
        policy.apply("/console/enrol", &mut console);
        assert_eq!(console[header::CONTENT_SECURITY_POLICY], CONSOLE_CSP);
        assert_eq!(console[header::X_FRAME_OPTIONS], "DENY");
        let features = console["permissions-policy"].to_str().unwrap();
        assert!(features.contains("publickey-credentials-get=(self)"));
        assert!(CONSOLE_CSP.contains("frame-ancestors 'none'"));
        assert!(!CONSOLE_CSP.contains("unsafe-inline"));
        let mut widget = HeaderMap::new();
        policy.apply("/", &mut widget);
        let csp = widget[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors https://partner.example"),
            "{csp}"
        );
        assert!(widget["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("publickey-credentials-get=()"));
        assert!(!is_console_path("/consoles"));
        assert!(is_console_path("/console"));
    }

    #[test]
    fn only_content_hashed_names_are_immutable() {
        assert!(is_hashed_asset("/lantern-0123456789abcdef.js"));
        assert!(is_hashed_asset("/lantern-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/boot-0123456789abcdef.js"));
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/embed.js"));
        assert!(!is_hashed_asset("/v1/tips"));
    }
}
