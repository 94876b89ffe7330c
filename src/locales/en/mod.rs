//! English strings.
mod content;
mod form;
mod widget;

use crate::i18n::Strings;

/// Every English string.
pub static STRINGS: Strings = Strings {
    name: "English",
    widget: &widget::WIDGET,
    form: &form::FORM,
};
