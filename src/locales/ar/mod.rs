//! Arabic (`ar`, right to left) strings. A machine-assisted draft by the
//! engineering team, waiting for a native speaker's review
//! (docs/translations.md).
mod content;
mod followup;
mod form;
mod page;
mod site;

pub use page::PAGE;

use crate::i18n::Strings;

/// Every Arabic string.
pub static STRINGS: Strings = Strings {
    name: "العربية",
    site: &site::SITE,
    form: &form::FORM,
    followup: &followup::FOLLOWUP,
};
