//! The page served at `/`: the built widget's `index.html`, prepared once at
//! start-up in each language Lantern speaks, with the deployment's exit URL
//! written in. Each language's page carries that language's static copy
//! (hotline and exit, shown before the Wasm runs and with JavaScript off),
//! which the build wrote to `static/<tag>.html` from the locale tables
//! (`src/static_copy.rs`), and the matching `lang` and `dir`. So a visit
//! downloads its own language's words only. Which page a visit gets is
//! [`crate::negotiate`]'s to say.
//!
//! The HTML is rewritten with `lol_html`, a streaming HTML rewriter, by
//! element and attribute, never by searching the text.

use std::path::{Path, PathBuf};

use axum::body::Bytes;
use lantern_tip::{ExitUrl, Language};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::assets::compress;

/// Why the widget page could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum WidgetError {
    /// The directory has no `index.html`.
    #[error(
        "{0}: no index.html (build the widget with scripts/build-widget.sh, or pass --widget-dir)"
    )]
    MissingIndex(PathBuf),
    /// `--exit-url` is not one ([`ExitUrl`]).
    #[error("--exit-url must be an absolute http:// or https:// URL with a host, of printable ASCII without quotes, <, >, ` or \\")]
    BadExitUrl,
    /// `index.html` or a static copy could not be rewritten.
    #[error("{0}: {1}")]
    Rewrite(PathBuf, String),
}

/// The page served at `/`, in every language the widget directory has a
/// static copy for (at least the one `index.html` is written in).
#[derive(Debug, Clone)]
pub struct WidgetPage {
    /// The directory the other files are served from.
    pub dir: PathBuf,
    /// One page per language, in [`Language::ALL`] order.
    pages: Vec<(Language, Page)>,
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

impl WidgetPage {
    /// Reads `dir/index.html` and each `dir/static/<tag>.html`, and writes
    /// `exit_url` (else [`ExitUrl::DEFAULT`]) into every page.
    pub fn load(dir: &Path, exit_url: Option<&str>) -> Result<Self, WidgetError> {
        let exit_url = match exit_url {
            Some(url) => ExitUrl::parse(url).ok_or(WidgetError::BadExitUrl)?,
            None => ExitUrl::default(),
        };
        let index = dir.join("index.html");
        let html = std::fs::read_to_string(&index)
            .map_err(|_| WidgetError::MissingIndex(dir.to_owned()))?;
        let failed = |path: &Path| {
            let path = path.to_owned();
            move |e: lol_html::errors::RewritingError| WidgetError::Rewrite(path, e.to_string())
        };
        let mut pages = Vec::new();
        for language in Language::ALL {
            let path = dir
                .join("static")
                .join(format!("{}.html", language.as_str()));
            let page = match std::fs::read_to_string(&path) {
                Ok(copy) => in_language(&html, language, &copy).map_err(failed(&path))?,
                // A page built without static copies (a bare index.html) is
                // served as it is, in its own language.
                Err(_) if language == Language::DEFAULT => html.clone(),
                Err(_) => continue,
            };
            let page = with_exit_url(&page, &exit_url).map_err(failed(&index))?;
            pages.push((language, Page::new(page)));
        }
        Ok(Self {
            dir: dir.to_owned(),
            pages,
        })
    }

    /// The page in `language`, else in the default language.
    pub fn page(&self, language: Language) -> &Page {
        let find = |wanted: Language| {
            self.pages
                .iter()
                .find(|(l, _)| *l == wanted)
                .map(|(_, page)| page)
        };
        find(language)
            .or_else(|| find(Language::DEFAULT))
            .unwrap_or(&self.pages[0].1)
    }

    /// The page for a visit: in the language [`crate::negotiate::language`]
    /// chooses from its `?lang=` and `Accept-Language`.
    pub fn for_visit(&self, query: Option<&str>, accept_language: Option<&str>) -> &Page {
        self.page(crate::negotiate::language(query, accept_language))
    }

    /// The languages there is a page in.
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.pages.iter().map(|(language, _)| *language)
    }

    /// Every language's page.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter().map(|(_, page)| page)
    }
}

/// `html` with `copy` in place of its static copy (`.lx-static`, whatever
/// language it is in) and `lang` and `dir` set for `language`.
fn in_language(
    html: &str,
    language: Language,
    copy: &str,
) -> Result<String, lol_html::errors::RewritingError> {
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("html", |el| {
                el.set_attribute("lang", language.as_str())?;
                el.set_attribute("dir", language.dir())?;
                Ok(())
            }))
            .append_element_content_handler(element!(".lx-static", |el| {
                el.replace(copy, ContentType::Html);
                Ok(())
            })),
    )
}

/// `html` with `url` in the `lantern-exit-url` meta tag's `content` and in
/// the `href` of the static exit links (the red button and the skip link).
pub fn with_exit_url(
    html: &str,
    url: &ExitUrl,
) -> Result<String, lol_html::errors::RewritingError> {
    // An exit URL holds no `"`, `<` or `>`; `&` is the one character left
    // that needs escaping in an attribute, and lol_html leaves it as it is.
    let escaped = url.as_str().replace('&', "&amp;");
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("meta[name=lantern-exit-url]", |el| {
                el.set_attribute("content", &escaped)?;
                Ok(())
            }))
            .append_element_content_handler(element!(
                "a[data-testid=exit-link], a[data-testid=exit-skip]",
                |el| {
                    el.set_attribute("href", &escaped)?;
                    Ok(())
                }
            )),
    );
    rewritten
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        "<html lang=\"en\" dir=\"ltr\"><head><meta name=\"lantern-exit-url\" content=\"\">\
        </head><body><div id=\"lantern\"><div class=\"lx-app lx-static\">\
        <a href=\"https://old.example/\" data-testid=\"exit-skip\">Skip</a>\
        <a class=\"exit\" data-testid=\"exit-link\" href=\"https://old.example/\" \
        rel=\"noreferrer\">Leave this site</a></div></div></body></html>";

    fn url(text: &str) -> ExitUrl {
        ExitUrl::parse(text).unwrap()
    }

    /// A widget directory with `index` and the static copies given.
    fn widget_dir(index: &str, statics: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), index).unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        for (tag, copy) in statics {
            std::fs::write(dir.path().join("static").join(format!("{tag}.html")), copy).unwrap();
        }
        dir
    }

    #[test]
    fn the_exit_url_reaches_the_meta_tag_and_the_static_links() {
        let html = with_exit_url(PAGE, &url("https://weather.example/?q=1&x=2")).unwrap();
        assert!(html.contains(
            "<meta name=\"lantern-exit-url\" content=\"https://weather.example/?q=1&amp;x=2\">"
        ));
        assert!(html.contains(
            "data-testid=\"exit-link\" href=\"https://weather.example/?q=1&amp;x=2\" rel=\"noreferrer\">"
        ));
        assert!(html.contains(
            "<a href=\"https://weather.example/?q=1&amp;x=2\" data-testid=\"exit-skip\">"
        ));
        assert!(!html.contains("old.example"));
    }

    #[test]
    fn a_missing_attribute_is_added() {
        let html = with_exit_url(
            "<meta name=\"lantern-exit-url\"/><a data-testid=\"exit-link\">x</a>",
            &url("https://a.example"),
        )
        .unwrap();
        assert!(
            html.contains("<meta name=\"lantern-exit-url\" content=\"https://a.example\" />"),
            "{html}"
        );
        assert!(
            html.contains("<a data-testid=\"exit-link\" href=\"https://a.example\">x</a>"),
            "{html}"
        );
    }

    #[test]
    fn a_bad_exit_url_stops_the_start() {
        let dir = widget_dir(PAGE, &[]);
        for bad in [
            "javascript:alert(1)",
            "https://a.example/\"><script>",
            "//a.example",
        ] {
            assert!(matches!(
                WidgetPage::load(dir.path(), Some(bad)),
                Err(WidgetError::BadExitUrl)
            ));
        }
    }

    #[test]
    fn without_an_exit_url_the_default_is_written_in() {
        let dir = widget_dir(PAGE, &[]);
        let page = WidgetPage::load(dir.path(), None).unwrap();
        let html = String::from_utf8(page.page(Language::DEFAULT).html.to_vec()).unwrap();
        assert_eq!(
            html.matches(&format!("\"{}\"", ExitUrl::DEFAULT)).count(),
            3,
            "{html}"
        );
    }

    #[test]
    fn the_page_is_kept_brotli_compressed_and_opens_to_itself() {
        let dir = widget_dir(&PAGE.repeat(20), &[]);
        let page = WidgetPage::load(dir.path(), Some("https://example.org/")).unwrap();
        let page = page.page(Language::DEFAULT);
        let mut opened = Vec::new();
        brotli::BrotliDecompress(&mut page.br.as_ref(), &mut opened).unwrap();
        assert_eq!(opened, page.html);
        assert!(page.br.len() < page.html.len() / 4);
    }

    #[test]
    fn each_language_gets_its_own_static_copy_lang_and_dir_and_the_exit_url() {
        let copies: Vec<(Language, String)> = Language::ALL
            .into_iter()
            .map(|l| {
                let copy = format!(
                    "<div class=\"lx-app lx-static\"><a data-testid=\"exit-link\" \
                     href=\"https://old.example/\">words-{}</a></div>",
                    l.as_str()
                );
                (l, copy)
            })
            .collect();
        let statics: Vec<(&str, &str)> = copies
            .iter()
            .map(|(l, c)| (l.as_str(), c.as_str()))
            .collect();
        let dir = widget_dir(PAGE, &statics);
        let pages = WidgetPage::load(dir.path(), Some("https://example.org/news")).unwrap();
        assert_eq!(
            pages.languages().collect::<Vec<_>>(),
            Language::ALL.to_vec()
        );
        for language in Language::ALL {
            let html = String::from_utf8(pages.page(language).html.to_vec()).unwrap();
            assert!(html.starts_with(&format!(
                "<html lang=\"{}\" dir=\"{}\">",
                language.as_str(),
                language.dir()
            )));
            for other in Language::ALL {
                let words = format!(">words-{}<", other.as_str());
                assert_eq!(
                    html.contains(&words),
                    other == language,
                    "{language:?}: {html}"
                );
            }
            assert!(
                !html.contains("Leave this site"),
                "the old copy stays: {html}"
            );
            assert!(html.contains("href=\"https://example.org/news\""));
            assert!(!html.contains("old.example"));
        }
    }

    #[test]
    fn a_page_without_static_copies_is_served_in_its_own_language() {
        let dir = widget_dir(PAGE, &[]);
        let pages = WidgetPage::load(dir.path(), None).unwrap();
        assert_eq!(
            pages.languages().collect::<Vec<_>>(),
            vec![Language::DEFAULT]
        );
        for language in Language::ALL {
            assert_eq!(
                pages.page(language).html,
                pages.page(Language::DEFAULT).html
            );
        }
    }
}
