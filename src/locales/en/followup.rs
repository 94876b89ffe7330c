//! The follow-up (issue 16) in English: plain words, short sentences.
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// Every English string of the follow-up.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "The hotline may have a question for you. With a reply code, they can write to you here and you can answer. You still do not give your name.",
    offer_button: "Get a reply code",
    check: "Check for a reply",
    loading: "Loading…",
    load_failed: "Something went wrong. Check your connection and try again.",
};
