//! Spanish words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every Spanish page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "Para enviar un aviso en línea hace falta JavaScript, y está desactivado en este navegador. Puedes llamar o enviar un texto a la línea de ayuda ahora mismo, con los botones de arriba.",
    frame_title: "Recursos de ayuda",
};
