//! Spanish strings.
mod content;
mod form;
mod page;
mod widget;

pub use page::PAGE;

use crate::i18n::Strings;

/// Every Spanish string.
pub static STRINGS: Strings = Strings {
    name: "Español",
    widget: &widget::WIDGET,
    form: &form::FORM,
};
