//! Words that live outside the app: in the static copy (the note for a
//! browser with JavaScript off, `crate::static_copy`) and in
//! `embed/embed.js` (what the loader puts in the partner's page). The app
//! never shows them; the test below holds the loader to these tables.

#[cfg(feature = "builtin-words")]
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
#[cfg(feature = "builtin-words")]
pub fn page_strings(lang: Lang) -> &'static PageStrings {
    crate::locales::of(lang).1
}

#[cfg(all(test, feature = "builtin-words"))]
mod tests {
    use super::*;
    use crate::i18n::strings;

    const EMBED_JS: &str = include_str!("../../embed/embed.js");

    #[test]
    fn the_loader_speaks_these_words() {
        for lang in Lang::ALL {
            for words in [page_strings(lang).frame_title, strings(lang).site.exit_link] {
                assert!(
                    EMBED_JS.contains(&format!("'{words}'")),
                    "embed/embed.js lacks the {lang:?} words {words:?}"
                );
            }
        }
    }
}
