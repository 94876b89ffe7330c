//! Spanish strings.
mod content;
mod followup;
mod form;
mod page;
mod site;

pub use page::PAGE;

use crate::i18n::Strings;

/// Every Spanish string.
pub static STRINGS: Strings = Strings {
    name: "Español",
    site: &site::SITE,
    form: &form::FORM,
    followup: &followup::FOLLOWUP,
};
