//! Choosing, for one request, between what the service can send: the page's
//! language (the widget's own rule, [`Language::choose`]) and brotli.

use lantern_tip::Language;

/// The language of the page for a visit: `lang=` in the query when it
/// names a language Lantern speaks, else the first of `Accept-Language`'s
/// (by `q`) that it speaks, else the default: the rule the widget follows
/// with `navigator.languages`, so the static copy and the app agree.
pub fn language(query: Option<&str>, accept_language: Option<&str>) -> Language {
    // Decoded as a browser encodes it (`es%2DMX`, `+`), like the widget.
    let asked = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .filter(|(name, _)| name == "lang")
        .map(|(_, value)| value)
        .find(|value| Language::from_tag(value).is_some());
    let preferred = lantern_tip::accept_language(accept_language.unwrap_or(""));
    Language::choose(asked.as_deref(), None, preferred.iter().map(String::as_str))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brotli_is_sent_only_to_browsers_that_take_it() {
        for yes in ["br", "gzip, deflate, br, zstd", "gzip;q=1.0, BR;q=0.5"] {
            assert!(accepts_brotli(yes), "{yes}");
        }
        for no in ["", "gzip", "gzip, br;q=0", "brotli", "gzip, deflate"] {
            assert!(!accepts_brotli(no), "{no}");
        }
    }

    #[test]
    fn the_language_is_chosen_as_the_widget_chooses_it() {
        use Language::{En, Es};
        for (query, accept, chosen) in [
            (Some("lang=es"), None, Es),
            (Some("partner=x&lang=es-MX"), Some("en-US"), Es),
            (Some("lang=en"), Some("es"), En),
            (Some("lang=fr"), Some("es-419,es;q=0.9"), Es),
            (Some("lang=fr&lang=es"), None, Es),
            (Some("lang=es%2DMX"), Some("en"), Es),
            (None, Some("es-ES,es;q=0.9,en;q=0.8"), Es),
            (None, Some("en-US,en;q=0.9,es;q=0.8"), En),
            (None, Some("fr-FR, es;q=0.5, en;q=0.4"), Es),
            (None, Some("en;q=0.4, es;q=0.5"), Es),
            (None, Some("es;q=0, en"), En),
            (None, Some("es;q=zero, en;q=0.1"), En),
            (None, Some("de"), En),
            (None, None, En),
        ] {
            assert_eq!(language(query, accept), chosen, "{query:?} {accept:?}");
        }
    }

    #[test]
    fn accept_language_is_read_best_first_without_refusals() {
        for (header, tags) in [
            ("es-ES,es;q=0.9,en;q=0.8", &["es-ES", "es", "en"][..]),
            ("en;q=0.4, es;q=0.5", &["es", "en"]),
            ("fr-FR, es;q=0.5, en;q=0.4", &["fr-FR", "es", "en"]),
            ("es;q=0, en", &["en"]),
            ("es;q=zero, en;q=0.1", &["en"]),
            ("en, es", &["en", "es"]),
            ("", &[]),
        ] {
            assert_eq!(lantern_tip::accept_language(header), tags, "{header:?}");
        }
    }
}
