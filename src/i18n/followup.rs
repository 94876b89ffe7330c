//! The widget's own words of the anonymous follow-up (issue 16): only what
//! shows before a person asks for it, the receipt's offer and the "Check
//! for a reply" button, and what the widget says while the
//! follow-up's screens load or when they could not. Every other word of
//! the follow-up is in those screens' own module
//! (`crates/followup-place/src/locales/`), loaded only when asked for, so a
//! first visit downloads none of them. One table per language, in
//! `src/locales/<lang>/followup.rs`, reachable from [`super::Strings`], so a
//! language without one does not compile.
//!
//! Until a code has opened something, the words on screen speak only of "a
//! reply" and "a code": a person looking over a shoulder learns nothing more.

crate::words_table! {
    /// The follow-up's words that the widget itself shows, in one language.
    #[derive(Debug, PartialEq)]
    pub struct FollowupStrings {
        /// On the receipt: what a reply code is for.
        pub offer: &'static str,
        /// Its button.
        pub offer_button: &'static str,
        /// The button that opens "Check for a reply" (the place's heading,
        /// in the follow-up's module, says the same).
        pub check: &'static str,
        /// While the follow-up's screens load (a live-region status).
        pub loading: &'static str,
        /// The follow-up's screens could not load (the network failed); the
        /// button that asked for them stays, to try again.
        pub load_failed: &'static str,
    }
}
