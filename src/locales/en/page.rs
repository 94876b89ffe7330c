//! English words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every English page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "Sending a tip online needs JavaScript, and it is turned off in this browser. You can still call or text the hotline now, with the buttons above.",
    frame_title: "Help resources",
};
