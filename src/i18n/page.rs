//! Words that live outside the app: in `index.html` (the note for a browser
//! with JavaScript off) and in `public/embed.js` (what the loader puts in the
//! partner's page). The app never shows them, so they cost the Wasm nothing;
//! the tests below hold the page and the loader to these tables, the way
//! `tests/static_page.rs` holds the static copy to the app.

use super::Lang;

/// One language's words for the page and the loader.
pub struct PageStrings {
    /// Shown with JavaScript off, under the hotline block: why there is
    /// nothing more, and that calling or texting works now.
    pub no_script: &'static str,
    /// The embedded frame's accessible name (`title`), deliberately plain.
    pub frame_title: &'static str,
}

/// The page words of `lang`.
pub fn page_strings(lang: Lang) -> &'static PageStrings {
    match lang {
        Lang::En => &crate::locales::en::PAGE,
        Lang::Es => &crate::locales::es::PAGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::strings;

    const INDEX_HTML: &str = include_str!("../../index.html");
    const EMBED_JS: &str = include_str!("../../public/embed.js");

    /// The English page, and the Spanish template the service swaps in.
    fn static_copy(lang: Lang) -> &'static str {
        let (english, spanish) = INDEX_HTML
            .split_once("<template id=\"lx-static-es\">")
            .expect("index.html has a Spanish template");
        match lang {
            Lang::En => english,
            Lang::Es => spanish,
        }
    }

    #[test]
    fn the_page_says_why_there_is_only_the_hotline_without_javascript() {
        for lang in Lang::ALL {
            let copy = static_copy(lang);
            let note = copy
                .split_once("<noscript>")
                .and_then(|(_, rest)| rest.split_once("</noscript>"))
                .map(|(inside, _)| inside)
                .unwrap_or_else(|| panic!("no <noscript> in the {lang:?} static copy"));
            let words = page_strings(lang).no_script;
            assert!(
                note.contains(&format!(">{words}<")),
                "the {lang:?} <noscript> note is not {words:?}: {note}"
            );
            // Inside the static copy the app replaces, after the hotline.
            let hotline = copy.find("lx-hotline-title").expect("a hotline block");
            let at = copy.find("<noscript>").unwrap_or(0);
            assert!(at > hotline, "{lang:?}: the note comes before the hotline");
        }
    }

    #[test]
    fn the_loader_speaks_these_words() {
        for lang in Lang::ALL {
            for words in [
                page_strings(lang).frame_title,
                strings(lang).widget.exit_link,
            ] {
                assert!(
                    EMBED_JS.contains(&format!("'{words}'")),
                    "public/embed.js lacks the {lang:?} words {words:?}"
                );
            }
        }
    }
}
