//! Spanish strings.
mod content;
mod form;
mod widget;

use crate::i18n::Strings;

/// Every Spanish string.
pub static STRINGS: Strings = Strings {
    name: "Español",
    widget: &widget::WIDGET,
    form: &form::FORM,
};
