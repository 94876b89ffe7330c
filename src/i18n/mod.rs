//! Languages and the words a person reads. The words themselves live in
//! `src/locales/<lang>/`; this module only says which table is in force.
//!
//! A plain `match` on static tables: measured at ~29 KB of Wasm for a whole
//! widget, about half of what `leptos_i18n` costs (docs/toolchain.md).
//! To add a language: add a `Lang` variant, a `src/locales/<code>/` folder
//! with the same tables, and its arm in [`strings`]. The compiler lists every
//! string the new language still lacks.

mod form;
mod page;
mod switcher;
mod widget;

pub use form::FormStrings;
pub use page::{page_strings, PageStrings};
pub use switcher::LangSwitch;
pub use widget::WidgetStrings;

use leptos::prelude::*;

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code, as used in `lang` attributes and the tip's `language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Text direction, for the `dir` attribute. Both are left-to-right today;
    /// a right-to-left language only needs its arm here.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En | Lang::Es => "ltr",
        }
    }

    /// Parses a language tag such as `es`, `es-MX` or `EN`; `None` for a
    /// language Lantern does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let language = lantern_tip::model::Language::from_tag(tag)?;
        Lang::ALL
            .into_iter()
            .find(|&l| crate::form::convert::language(l) == language)
    }
}

/// Every string of one language.
pub struct Strings {
    /// The language's own name for itself, for the switcher ("Español").
    pub name: &'static str,
    /// Help, signs, self-check, quick exit, page chrome.
    pub widget: &'static WidgetStrings,
    /// The tip form.
    pub form: &'static FormStrings,
}

/// The strings of `lang`.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &crate::locales::en::STRINGS,
        Lang::Es => &crate::locales::es::STRINGS,
    }
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

    /// Switches language.
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
