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

use crate::i18n::{Lang, PageStrings, Strings};

macro_rules! locales {
    ($($variant:ident = $tag:literal, $dir:literal, $module:ident;)+) => {
        $(pub mod $module;)+

        /// The tables of `lang`: its app strings and its page strings.
        pub fn of(lang: Lang) -> (&'static Strings, &'static PageStrings) {
            match lang {
                $(Lang::$variant => (&$module::STRINGS, &$module::PAGE),)+
            }
        }
    };
}

lantern_tip::for_each_language!(locales);

#[cfg(test)]
mod checks;
