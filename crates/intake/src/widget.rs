//! Serving the built widget: `index.html` at `/` (with the deployment's exit
//! URL written in, held in memory), and every other file from the widget
//! directory with its right type (`application/wasm`) and, when the browser
//! accepts it, the `.br` or `.gz` that scripts/build-widget.sh wrote beside it.

use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lantern_tip::model::Language;

use crate::error::ApiError;

/// Why the widget page could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum WidgetError {
    /// The directory has no `index.html`.
    #[error(
        "{0}: no index.html (build the widget with scripts/build-widget.sh, or pass --widget-dir)"
    )]
    MissingIndex(PathBuf),
    /// `--exit-url` is not an absolute http(s) URL.
    #[error("--exit-url must be an absolute http:// or https:// URL without spaces or quotes")]
    BadExitUrl,
}

/// The page served at `/`, prepared once at start-up, in each language its
/// static copy (hotline and exit, shown before the Wasm runs and with
/// JavaScript off) is written in.
#[derive(Debug, Clone)]
pub struct WidgetPage {
    /// The directory the other files are served from.
    pub dir: PathBuf,
    /// `index.html` with the exit URL rewritten: the English page.
    pub english: Page,
    /// The same with the Spanish static copy, when `index.html` has one.
    pub spanish: Option<Page>,
}

/// One language's page, as sent. Both forms are made once at start-up and
/// are cheap to clone into a response.
#[derive(Debug, Clone)]
pub struct Page {
    /// The HTML.
    pub html: Bytes,
    /// The HTML brotli-compressed at quality 11: the compression layer's
    /// per-request quality is lower, and the page (with its inline style
    /// sheet) is the first thing a slow phone waits for.
    pub br: Bytes,
}

impl Page {
    fn new(html: String) -> Self {
        Self {
            br: Bytes::from(compress(html.as_bytes())),
            html: Bytes::from(html),
        }
    }
}

/// Markers in `index.html` around the English static copy, and the template
/// holding the Spanish one.
const STATIC_START: &str = "<!-- lantern:static -->";
const STATIC_END: &str = "<!-- /lantern:static -->";
const SPANISH_START: &str = "<template id=\"lx-static-es\">";
const TEMPLATE_END: &str = "</template>";

impl WidgetPage {
    /// Reads `dir/index.html` and writes `exit_url` (when given) into it.
    pub fn load(dir: &Path, exit_url: Option<&str>) -> Result<Self, WidgetError> {
        let html = std::fs::read_to_string(dir.join("index.html"))
            .map_err(|_| WidgetError::MissingIndex(dir.to_owned()))?;
        let html = match exit_url {
            Some(url) => rewrite_exit_url(&html, url)?,
            None => html,
        };
        let (english, spanish) = split_languages(&html);
        Ok(Self {
            dir: dir.to_owned(),
            english: Page::new(english),
            spanish: spanish.map(Page::new),
        })
    }

    /// The page for a visit: Spanish when the query's `lang=` (else the
    /// browser's languages) asks for it and the page has a Spanish copy.
    pub fn for_visit(&self, query: Option<&str>, accept_language: Option<&str>) -> &Page {
        match &self.spanish {
            Some(spanish) if wants_spanish(query, accept_language) => spanish,
            _ => &self.english,
        }
    }

    /// Every language's page.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        std::iter::once(&self.english).chain(&self.spanish)
    }
}

/// The page without the Spanish template, and (when it had one) the page
/// with the Spanish copy in place of the English one and `lang="es"`.
fn split_languages(html: &str) -> (String, Option<String>) {
    let template = html.find(SPANISH_START).and_then(|start| {
        let body = start + SPANISH_START.len();
        let end = body + html[body..].find(TEMPLATE_END)?;
        Some((start, body, end))
    });
    let Some((start, body, end)) = template else {
        return (html.to_owned(), None);
    };
    let spanish_copy = html[body..end].trim();
    let mut english = String::with_capacity(html.len());
    english.push_str(&html[..start]);
    english.push_str(&html[end + TEMPLATE_END.len()..]);
    let region = english.find(STATIC_START).and_then(|from| {
        let to = from + english[from..].find(STATIC_END)? + STATIC_END.len();
        Some((from, to))
    });
    let spanish = region.map(|(from, to)| {
        let mut page = String::with_capacity(english.len());
        page.push_str(&english[..from]);
        page.push_str(spanish_copy);
        page.push_str(&english[to..]);
        page.replacen("<html lang=\"en\"", "<html lang=\"es\"", 1)
    });
    (english, spanish)
}

/// The widget's own rule (`config::choose_lang`): `lang=` in the query when
/// it names a language the widget speaks, else the first of the browser's
/// languages that it speaks, else English.
fn wants_spanish(query: Option<&str>, accept_language: Option<&str>) -> bool {
    // Some(true) for Spanish, Some(false) for English, None for neither.
    let speaks = |tag: &str| Language::from_tag(tag).map(|l| l == Language::Es);
    let asked = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| {
            let value = pair.strip_prefix("lang=")?;
            speaks(value)
        });
    if let Some(spanish) = asked {
        return spanish;
    }
    // Accept-Language in preference order: by q, ties in the order given.
    let mut ranges: Vec<(f32, usize, &str)> = accept_language
        .unwrap_or("")
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (q > 0.0 && !tag.is_empty()).then_some((q, i, tag))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .iter()
        .find_map(|(_, _, tag)| speaks(tag))
        .unwrap_or(false)
}

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
fn compress(bytes: &[u8]) -> Vec<u8> {
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

/// Whether an `Accept-Encoding` value accepts brotli (`br`, not `br;q=0`).
pub fn accepts_brotli(accept_encoding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts
            .next()
            .is_some_and(|name| name.eq_ignore_ascii_case("br"))
            && parts.all(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_none_or(|q| q > 0.0)
            })
    })
}

/// Whether `url` may be written into the page as the quick-exit target.
fn is_exit_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            !rest.is_empty()
                && !rest.starts_with('/')
                && url.chars().all(|c| {
                    c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
                })
        }
        None => false,
    }
}

/// The static links that lead out: the red button and the hidden skip link.
const EXIT_LINKS: [&str; 2] = ["data-testid=\"exit-link\"", "data-testid=\"exit-skip\""];

/// The page with `url` in the `lantern-exit-url` meta tag's `content` and in
/// the `href` of the static exit links (see [`EXIT_LINKS`]).
pub fn rewrite_exit_url(html: &str, url: &str) -> Result<String, WidgetError> {
    if !is_exit_url(url) {
        return Err(WidgetError::BadExitUrl);
    }
    // `&` is the one character left that needs escaping in an attribute.
    let escaped = url.replace('&', "&amp;");
    let mut html = rewrite_attribute(html, "name=\"lantern-exit-url\"", "content", &escaped);
    for link in EXIT_LINKS {
        html = rewrite_attribute(&html, link, "href", &escaped);
    }
    Ok(html)
}

/// Sets `attribute="value"` in every tag containing `marker`.
fn rewrite_attribute(html: &str, marker: &str, attribute: &str, value: &str) -> String {
    let mut out = String::with_capacity(html.len() + value.len());
    let mut rest = html;
    while let Some(at) = rest.find(marker) {
        let Some(tag_start) = rest[..at].rfind('<') else {
            break;
        };
        let Some(tag_len) = rest[at..].find('>') else {
            break;
        };
        let tag_end = at + tag_len;
        out.push_str(&rest[..tag_start]);
        out.push_str(&set_attribute(&rest[tag_start..tag_end], attribute, value));
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

/// One tag's text (without its closing `>`) with `attribute` set to `value`.
fn set_attribute(tag: &str, attribute: &str, value: &str) -> String {
    let needle = format!(" {attribute}=\"");
    if let Some(start) = tag.find(&needle) {
        let value_start = start + needle.len();
        if let Some(len) = tag[value_start..].find('"') {
            return format!(
                "{}{}{}",
                &tag[..value_start],
                value,
                &tag[value_start + len..]
            );
        }
    }
    let self_closing = tag.ends_with('/');
    let body = tag.trim_end_matches('/').trim_end();
    format!(
        "{body} {attribute}=\"{value}\"{}",
        if self_closing { " /" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        "<head><meta name=\"lantern-exit-url\" content=\"https://www.bbc.co.uk/weather\">\
        </head><body><a href=\"https://www.bbc.co.uk/weather\" data-testid=\"exit-skip\">Skip</a>\
        <a class=\"exit\" data-testid=\"exit-link\" href=\"https://www.bbc.co.uk/weather\" \
        rel=\"noreferrer\">Leave this site</a></body>";

    #[test]
    fn the_exit_url_reaches_the_meta_tag_and_the_static_link() {
        let html = rewrite_exit_url(PAGE, "https://weather.example/?q=1&x=2").unwrap();
        assert!(html.contains(
            "<meta name=\"lantern-exit-url\" content=\"https://weather.example/?q=1&amp;x=2\">"
        ));
        assert!(html.contains(
            "data-testid=\"exit-link\" href=\"https://weather.example/?q=1&amp;x=2\" rel=\"noreferrer\">"
        ));
        assert!(html.contains(
            "<a href=\"https://weather.example/?q=1&amp;x=2\" data-testid=\"exit-skip\">"
        ));
        assert!(!html.contains("bbc"));
    }

    #[test]
    fn a_missing_attribute_is_added() {
        let html = rewrite_exit_url(
            "<meta name=\"lantern-exit-url\"/><a data-testid=\"exit-link\">x</a>",
            "https://a.example",
        )
        .unwrap();
        assert_eq!(
            html,
            "<meta name=\"lantern-exit-url\" content=\"https://a.example\" /><a data-testid=\"exit-link\" href=\"https://a.example\">x</a>"
        );
    }

    #[test]
    fn only_plain_http_urls_are_accepted() {
        for bad in [
            "javascript:alert(1)",
            "https://a.example/\"><script>",
            "//a.example",
            "https:///path",
            "https://a example",
            "data:text/html,x",
        ] {
            assert!(rewrite_exit_url(PAGE, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_page_is_kept_brotli_compressed_and_opens_to_itself() {
        let dir = std::env::temp_dir().join(format!("lantern-widget-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), PAGE.repeat(20)).unwrap();
        let page = WidgetPage::load(&dir, Some("https://example.org/")).unwrap();
        let page = &page.english;
        let mut opened = Vec::new();
        brotli::BrotliDecompress(&mut page.br.as_ref(), &mut opened).unwrap();
        assert_eq!(opened, page.html);
        assert!(page.br.len() < page.html.len() / 4);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn brotli_is_sent_only_to_browsers_that_take_it() {
        for yes in ["br", "gzip, deflate, br, zstd", "gzip;q=1.0, BR;q=0.5"] {
            assert!(accepts_brotli(yes), "{yes}");
        }
        for no in ["", "gzip", "gzip, br;q=0", "brotli", "gzip, deflate"] {
            assert!(!accepts_brotli(no), "{no}");
        }
    }

    const TWO_LANGUAGES: &str = "<html lang=\"en\"><body><div id=\"lantern\">\
        <!-- lantern:static --><p data-testid=\"exit-link\" href=\"https://x.example/\">Leave</p>\
        <!-- /lantern:static --></div><template id=\"lx-static-es\">\
        <p data-testid=\"exit-link\" href=\"https://x.example/\">Salir</p></template></body>";

    #[test]
    fn the_spanish_copy_replaces_the_english_one_and_the_template_goes() {
        let (english, spanish) = split_languages(TWO_LANGUAGES);
        assert!(english.contains(">Leave<") && !english.contains("Salir"));
        assert!(!english.contains("<template"));
        let spanish = spanish.unwrap();
        assert!(spanish.starts_with("<html lang=\"es\">"));
        assert!(spanish.contains(">Salir<") && !spanish.contains("Leave"));
        assert!(!spanish.contains("<template") && !spanish.contains("lantern:static"));
        // A page without a template is served as it is.
        assert_eq!(split_languages(PAGE), (PAGE.to_owned(), None));
    }

    #[test]
    fn the_exit_url_reaches_both_copies() {
        let rewritten = rewrite_exit_url(TWO_LANGUAGES, "https://example.org/news").unwrap();
        let (english, spanish) = split_languages(&rewritten);
        assert!(english.contains("href=\"https://example.org/news\""));
        assert!(spanish
            .unwrap()
            .contains("href=\"https://example.org/news\""));
    }

    #[test]
    fn spanish_is_chosen_as_the_widget_chooses_it() {
        for (query, accept, spanish) in [
            (Some("lang=es"), None, true),
            (Some("partner=x&lang=es-MX"), Some("en-US"), true),
            (Some("lang=en"), Some("es"), false),
            (Some("lang=fr"), Some("es-419,es;q=0.9"), true),
            (None, Some("es-ES,es;q=0.9,en;q=0.8"), true),
            (None, Some("en-US,en;q=0.9,es;q=0.8"), false),
            (None, Some("fr-FR, es;q=0.5, en;q=0.4"), true),
            (None, Some("en;q=0.4, es;q=0.5"), true),
            (None, Some("es;q=0, en"), false),
            (None, Some("de"), false),
            (None, None, false),
        ] {
            assert_eq!(
                wants_spanish(query, accept),
                spanish,
                "{query:?} {accept:?}"
            );
        }
    }
}
