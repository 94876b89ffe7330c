//! Languages and the words a person reads. The words themselves live in
//! `src/locales/<lang>/`; this module only says which table is in force.
//!
//! Plain tables: a `match` on statics measured at ~29 KB of Wasm for a
//! whole widget, about half of what `leptos_i18n` costs (docs/toolchain.md).
//! The widget's release Wasm holds none of them (built without the
//! `builtin-words` feature): the build writes each language's tables to a
//! words file ([`words`]), and the page loads its own (`loaded.rs`).
//! To add a language: one line in the tip crate's list
//! (`crates/tip/src/language.rs`, [`lantern_tip::for_each_language!`]) and a
//! `src/locales/<module>/` folder filling the same tables. The compiler lists
//! every string the new language still lacks.

mod followup;
mod form;
mod loaded;
mod page;
mod site;
mod switcher;
pub mod words;

pub use followup::FollowupStrings;
pub use form::FormStrings;
pub use loaded::{adopt, adopt_inline, fetch_words, first_loaded, is_loaded, LoadError, WORDS_ID};
#[cfg(feature = "builtin-words")]
pub use page::page_strings;
pub use page::PageStrings;
pub use site::SiteStrings;
pub use switcher::LangSwitch;

use leptos::prelude::*;

/// A language the widget speaks: the tip crate's list
/// ([`lantern_tip::for_each_language!`]), so the widget, the tip's
/// `language` and the intake's pages can never disagree on it.
pub use lantern_tip::Language as Lang;

crate::words_table! {
    /// Every string of one language: what a words file holds ([`words`]).
    ///
    /// The tables are written on the host (the build writes each language's
    /// file) and read in the widget from a buffer that lives as long as the
    /// page (`loaded.rs`); a `&'static` list or table inside is read into a
    /// leaked `Box` ([`words::Word`]).
    #[derive(Debug, PartialEq)]
    pub struct Strings {
        /// The language's own name for itself, for the switcher ("Español").
        pub name: &'static str,
        /// Help, signs, self-check, quick exit, page chrome.
        pub site: &'static SiteStrings,
        /// The tip form.
        pub form: &'static FormStrings,
        /// The anonymous follow-up's few words in the widget itself: the
        /// offers that load its screens (`crates/followup-place` holds the
        /// rest).
        pub followup: &'static FollowupStrings,
    }
}

/// The strings of `lang`: its folder in `src/locales/` where the words are
/// built in (the host, the tests), else its loaded words file. The widget
/// mounts only once its language is loaded and switches only to a loaded
/// one ([`LangSwitch`]), so the fallback (the first language loaded)
/// is for a caller asking about a language it has not loaded.
pub fn strings(lang: Lang) -> &'static Strings {
    #[cfg(feature = "builtin-words")]
    {
        crate::locales::of(lang).0
    }
    #[cfg(not(feature = "builtin-words"))]
    {
        loaded::get(lang)
            .or_else(|| first_loaded().and_then(loaded::get))
            .expect("the widget mounts only after a language's words are loaded")
    }
}

/// The language's own name for itself, for the switcher, which names every
/// language while only one language's words are loaded. The same words as
/// each table's `name` (`src/locales/<lang>/mod.rs`, a test holds them
/// together).
pub fn lang_name(lang: Lang) -> &'static str {
    crate::locales::name(lang)
}

/// The language in force, shared through Leptos context. Switching it
/// re-renders every string without a reload.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Puts an `I18n` starting in `lang` into context and returns it.
    pub fn provide(lang: Lang) -> I18n {
        let i18n = I18n {
            lang: RwSignal::new(lang),
        };
        provide_context(i18n);
        i18n
    }

    /// The language in force (tracked: reading it subscribes).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The language in force, read without subscribing.
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// Switches to `lang`, whose words must be loaded ([`is_loaded`]);
    /// [`switcher::LangSwitch`] loads them first.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// The strings in force (tracked).
    pub fn t(&self) -> &'static Strings {
        strings(self.lang.get())
    }
}

/// Words that follow the language in force, for a view (`{text(|s|
/// s.form.next)}`) or an attribute. Every such text in the widget shares
/// this one closure type, so each costs a function pointer instead of its
/// own copy of Leptos's reactive view code (about half a kilobyte of Wasm
/// per closure type). Reads the [`I18n`] from context, like [`use_i18n`].
pub fn text(
    pick: fn(&'static Strings) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || pick(i18n.t())
}

/// The `I18n` from context. Panics if [`I18n::provide`] was not called above,
/// which is a programming error, not something input can cause.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
