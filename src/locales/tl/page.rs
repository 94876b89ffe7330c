//! Tagalog words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every Tagalog page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "Kailangan ng JavaScript para magpadala ng tip online, at naka-off ito sa browser na ito. Puwede ka pa ring tumawag o mag-text sa hotline ngayon, gamit ang mga button sa itaas.",
    frame_title: "Mga mapagkukunan ng tulong",
};
