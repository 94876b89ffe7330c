//! Arabic (`ar`, right to left) strings. A machine-assisted draft by the
//! engineering team, waiting for a native speaker's review
//! (docs/translations.md).
#[cfg(feature = "builtin-words")]
mod content;
#[cfg(feature = "builtin-words")]
mod followup;
#[cfg(feature = "builtin-words")]
mod form;
#[cfg(feature = "builtin-words")]
mod page;
#[cfg(feature = "builtin-words")]
mod site;

#[cfg(feature = "builtin-words")]
pub use page::PAGE;

/// The language's name for itself, in the switcher (which the widget's
/// Wasm keeps for every language).
pub const NAME: &str = "العربية";

#[cfg(feature = "builtin-words")]
use crate::i18n::Strings;

/// Every Arabic string.
#[cfg(feature = "builtin-words")]
pub static STRINGS: Strings = Strings {
    name: NAME,
    site: &site::SITE,
    form: &form::FORM,
    followup: &followup::FOLLOWUP,
};
