//! English strings.
mod content;
mod form;
mod page;
mod widget;

pub use page::PAGE;

use crate::i18n::Strings;

/// Every English string.
pub static STRINGS: Strings = Strings {
    name: "English",
    widget: &widget::WIDGET,
    form: &form::FORM,
};
