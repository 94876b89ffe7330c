//! The words, one folder per language. Each folder fills the same tables
//! (`crate::i18n::{SiteStrings, FormStrings, PageStrings}`), so a missing
//! string is a compile error, not a blank on screen.
//!
//! The folders are the tip crate's list of languages
//! ([`lantern_tip::for_each_language!`]): a language on that list without
//! its folder here does not compile, and so neither does a folder that is
//! not on it.
//!
//! Every language but English and Spanish is a machine-assisted draft until
//! a native speaker has reviewed it (docs/translations.md).
//!
//! The tables are built in with the `builtin-words` feature (the default:
//! the host tools, `cargo test`, the browser tests). The widget's release
//! Wasm is built without it and keeps only each language's [`name`]: the
//! build writes every language's words to `words/<tag>.txt` from these
//! tables (`crate::i18n::words`), and a visit loads its own.

use crate::i18n::Lang;
#[cfg(feature = "builtin-words")]
use crate::i18n::{PageStrings, Strings};

macro_rules! locales {
    ($($variant:ident = $tag:literal, $dir:literal, $module:ident;)+) => {
        $(pub mod $module;)+

        /// The tables of `lang`: its app strings and its page strings.
        #[cfg(feature = "builtin-words")]
        pub fn of(lang: Lang) -> (&'static Strings, &'static PageStrings) {
            match lang {
                $(Lang::$variant => (&$module::STRINGS, &$module::PAGE),)+
            }
        }

        /// The language's own name for itself, for the switcher.
        pub fn name(lang: Lang) -> &'static str {
            match lang {
                $(Lang::$variant => $module::NAME,)+
            }
        }
    };
}

lantern_tip::for_each_language!(locales);

// Host only: the follow-up screens' words come from a host dev-dependency.
#[cfg(all(test, feature = "builtin-words", not(target_arch = "wasm32")))]
mod checks;
