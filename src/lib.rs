//! Lantern's widget: help, warning signs, a discreet self-check, the tip form
//! and the quick exit, as a Leptos client-side-rendered app.
//!
//! Where things live: [`boot`] starts it on the page, [`app`] lays it out,
//! [`exit`] is the quick exit, [`sections`] the four sections, [`form`] the
//! tip form, [`followup`] the anonymous follow-up, [`i18n`] and [`locales`] every word, [`content`] the help
//! channels and shared ids, [`config`] and [`accent`] what partners can set,
//! [`embed`] life inside a partner's iframe, [`markup`] static content as
//! HTML text, [`reveal`] bringing what just appeared into view and focus.
pub mod accent;
pub mod app;
pub mod boot;
pub mod config;
pub mod content;
pub mod embed;
pub mod exit;
pub mod followup;
pub mod form;
pub mod i18n;
pub mod locales;
pub mod markup;
pub mod reveal;
pub mod sections;
#[cfg(feature = "builtin-words")]
pub mod static_copy;
