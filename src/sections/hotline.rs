//! The hotline block at the top of every view: 911 first, then call, text,
//! chat and TTY. `index.html` holds the same markup as static HTML, so the
//! numbers show before the Wasm loads and with JavaScript off; keep the two
//! in step (the `static_page` browser test compares them).

use crate::content::{EXTERNAL_REL, HOTLINE_CHAT, HOTLINE_SMS, HOTLINE_TEL, TEL_911, TTY_TEL};
use crate::i18n::text;
use leptos::prelude::*;

/// Call, text, chat and TTY links. `test_ids` marks the main copy (the one
/// at the top) for the end-to-end tests; other copies go without.
#[component]
pub fn Channels(
    /// Whether to add the `hotline-*` test ids.
    #[prop(optional)]
    test_ids: bool,
) -> impl IntoView {
    let id = move |name: &'static str| test_ids.then_some(name);
    view! {
        <ul class="lx-channels">
            <li>
                <a class="lx-btn" href=HOTLINE_TEL data-testid=id("hotline-call")>
                    {text(|s| s.widget.hotline_call)}
                </a>
            </li>
            <li>
                <a class="lx-btn" href=HOTLINE_SMS data-testid=id("hotline-text")>
                    {text(|s| s.widget.hotline_text)}
                </a>
            </li>
            <li>
                <a
                    class="lx-btn"
                    href=HOTLINE_CHAT
                    target="_blank"
                    rel=EXTERNAL_REL
                    data-testid=id("hotline-chat")
                >
                    {text(|s| s.widget.hotline_chat)}
                    <span class="lx-sr">{text(|s| s.widget.new_tab)}</span>
                </a>
            </li>
            <li>
                <a class="lx-btn" href=TTY_TEL data-testid=id("hotline-tty")>
                    {text(|s| s.widget.hotline_tty)}
                </a>
            </li>
        </ul>
    }
}

/// The hotline block.
#[component]
pub fn HotlineBlock() -> impl IntoView {
    view! {
        <section class="lx-hotline" aria-labelledby="lx-hotline-title">
            <h1 id="lx-hotline-title" class="lx-hotline-title">{text(|s| s.widget.hotline_title)}</h1>
            <p class="lx-danger">
                <span class="lx-danger-lead">{text(|s| s.widget.danger_lead)}</span>
                <a class="lx-btn lx-btn-danger" href=TEL_911 data-testid="call-911">
                    {text(|s| s.widget.call_911)}
                </a>
            </p>
            <Channels test_ids=true/>
            <p class="lx-note">{text(|s| s.widget.hotline_note)}</p>
        </section>
    }
}
