//! The follow-up screens' words, one file per language, for the tip crate's
//! list ([`lantern_tip::for_each_language!`]): a language on that list
//! without its file here does not compile, nor does a file missing a
//! string. Every language but English and Spanish is a machine-assisted
//! draft until a native speaker has reviewed it (docs/translations.md).

use crate::i18n::{Lang, PlaceStrings};

macro_rules! locales {
    ($($variant:ident = $tag:literal, $dir:literal, $module:ident;)+) => {
        $(pub mod $module;)+

        /// The table of `lang`.
        pub fn of(lang: Lang) -> &'static PlaceStrings {
            match lang {
                $(Lang::$variant => &$module::PLACE,)+
            }
        }
    };
}

lantern_tip::for_each_language!(locales);
