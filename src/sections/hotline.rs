//! The hotline block at the top of every view: 911 first, then call, text,
//! chat and TTY. The static copy (`crate::static_copy`) writes the same
//! markup with the same code, so the numbers show before the Wasm loads and
//! with JavaScript off (the `static_page` browser test compares them).

use crate::content::{EXTERNAL_REL, HOTLINE_CHAT, HOTLINE_SMS, HOTLINE_TEL, TEL_911, TTY_TEL};
use crate::i18n::{use_i18n, SiteStrings};
use crate::markup::Markup;
use leptos::prelude::*;

/// Call, text, chat and TTY links. `test_ids` marks the main copy (the one
/// at the top) for the end-to-end tests; other copies go without.
#[component]
pub fn Channels(
    /// Whether to add the `hotline-*` test ids.
    #[prop(optional)]
    test_ids: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let mut m = Markup::new();
        channels(&mut m, i18n.t().site, test_ids);
        m.into_view()
    }
}

/// Writes the channel links in the words of `w` (see [`Channels`]).
pub fn channels(m: &mut Markup, w: &SiteStrings, test_ids: bool) {
    m.open("ul", &[("class", "lx-channels")]);
    for (href, words, id) in [
        (HOTLINE_TEL, w.hotline_call, "hotline-call"),
        (HOTLINE_SMS, w.hotline_text, "hotline-text"),
        (HOTLINE_CHAT, w.hotline_chat, "hotline-chat"),
        (TTY_TEL, w.hotline_tty, "hotline-tty"),
    ] {
        let external = href == HOTLINE_CHAT;
        let mut attrs = vec![("class", "lx-btn"), ("href", href)];
        if external {
            attrs.extend([("target", "_blank"), ("rel", EXTERNAL_REL)]);
        }
        if test_ids {
            attrs.push(("data-testid", id));
        }
        m.open("li", &[]).open("a", &attrs).text(words);
        if external {
            m.el("span", "lx-sr", w.new_tab);
        }
        m.close("a").close("li");
    }
    m.close("ul");
}

/// The hotline block, redrawn whole on a language switch from static
/// markup (`crate::markup`).
#[component]
pub fn HotlineBlock() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let mut m = Markup::new();
        hotline(&mut m, i18n.t().site);
        m.into_view()
    }
}

/// Writes the hotline block in the words of `w`: the app's, and the static
/// copy's before the Wasm runs (`crate::static_copy`).
pub fn hotline(m: &mut Markup, w: &SiteStrings) {
    m.open(
        "section",
        &[
            ("class", "lx-hotline"),
            ("aria-labelledby", "lx-hotline-title"),
        ],
    )
    .open(
        "h1",
        &[("id", "lx-hotline-title"), ("class", "lx-hotline-title")],
    )
    .text(w.hotline_title)
    .close("h1")
    .open("p", &[("class", "lx-danger")])
    .el("span", "lx-danger-lead", w.danger_lead)
    .open(
        "a",
        &[
            ("class", "lx-btn lx-btn-danger"),
            ("href", TEL_911),
            ("data-testid", "call-911"),
        ],
    )
    .text(w.call_911)
    .close("a")
    .close("p");
    channels(m, w, true);
    m.el("p", "lx-note", w.hotline_note).close("section");
}
