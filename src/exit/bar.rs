//! The sticky exit bar: the skip link (first thing a keyboard reaches), the
//! red "Leave this site" link with its three Shift dots, and the polite live
//! region that announces the Shift countdown.
//!
//! The same markup is in `index.html`, so the exit works before the Wasm
//! arrives and with JavaScript off; this component takes it over in place.

use super::keys::{Countdown, Modifiers, ShiftCounter, WINDOW_MS};
use crate::i18n::text;
use crate::i18n::{use_i18n, SiteStrings};
use leptos::ev;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The words announced for a countdown state (empty when there is nothing to say).
pub fn countdown_text(w: &SiteStrings, countdown: Countdown) -> &'static str {
    match countdown {
        Countdown::Remaining(2) => w.exit_two_more,
        Countdown::Remaining(_) => w.exit_one_more,
        Countdown::Expired => w.exit_expired,
        Countdown::Idle | Countdown::Leave => "",
    }
}

/// The quick exit bar.
#[component]
pub fn ExitBar(
    /// Where leaving goes: the configured exit URL.
    url: String,
    /// What leaving does after content is hidden and hooks have run.
    /// Default: `location.replace(url)` (or the top page's, when framed).
    /// Tests pass their own so the test page stays put.
    #[prop(optional_no_strip)]
    navigate: Option<Callback<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (countdown, set_countdown) = signal(Countdown::Idle);
    let url = StoredValue::new(url);

    let leave = move || {
        super::navigate::hide_everything(i18n.t().site.exit_loading);
        super::run_exit_hooks();
        let url = url.get_value();
        match navigate {
            Some(navigate) => navigate.run(url),
            None => super::navigate::go_to(&url),
        }
    };
    let on_click = move |ev: ev::MouseEvent| {
        // The link's own navigation would leave this page in history.
        ev.prevent_default();
        leave();
    };

    watch_shift(set_countdown, leave);

    let dot = move |n: u8| {
        view! { <span class="lx-dot" class:lx-dot-on={move || countdown.get().dots() >= n}></span> }
    };
    view! {
        <header class="lx-bar">
            <a class="lx-skip" href=url.get_value() data-testid="exit-skip" on:click=on_click>
                {text(|s| s.site.exit_skip)}
            </a>
            <div class="lx-bar-row">
                <a
                    class="lx-exit"
                    class:lx-counting={move || countdown.get().dots() > 0}
                    href=url.get_value()
                    data-testid="exit-link"
                    on:click=on_click
                >
                    <span class="lx-exit-text">{text(|s| s.site.exit_link)}</span>
                    <span class="lx-dots" aria-hidden="true">{dot(1)}{dot(2)}{dot(3)}</span>
                </a>
                <span class="lx-exit-hint">{text(|s| s.site.exit_hint)}</span>
            </div>
            <p class="lx-sr" role="status" data-testid="exit-countdown">
                {move || countdown_text(i18n.t().site, countdown.get())}
            </p>
        </header>
    }
}

/// Listens for Shift×3 on the whole window for as long as the calling
/// component lives; shows the countdown through `set_countdown` and calls
/// `leave` on the third press.
fn watch_shift(set_countdown: WriteSignal<Countdown>, leave: impl Fn() + Clone + 'static) {
    let counter = Rc::new(RefCell::new(ShiftCounter::new()));
    let timer: Rc<RefCell<Option<TimeoutHandle>>> = Rc::default();

    let keydown = {
        let counter = Rc::clone(&counter);
        window_event_listener(ev::keydown, move |e| {
            let mods = Modifiers {
                ctrl: e.ctrl_key(),
                alt: e.alt_key(),
                meta: e.meta_key(),
            };
            let change = counter.borrow_mut().key_down(&e.key(), mods, e.repeat());
            if let Some(countdown) = change {
                set_countdown.set(countdown);
            }
        })
    };
    let keyup = {
        let counter = Rc::clone(&counter);
        let timer = Rc::clone(&timer);
        window_event_listener(ev::keyup, move |e| {
            let change = counter.borrow_mut().key_up(&e.key(), js_sys::Date::now());
            let Some(countdown) = change else { return };
            set_countdown.set(countdown);
            if let Some(old) = timer.borrow_mut().take() {
                old.clear();
            }
            match countdown {
                Countdown::Leave => leave(),
                Countdown::Remaining(_) => {
                    let counter = Rc::clone(&counter);
                    let expire = move || {
                        if let Some(expired) = counter.borrow_mut().timeout(js_sys::Date::now()) {
                            set_countdown.set(expired);
                        }
                    };
                    // A little past the window, so the check never runs early.
                    let wait = Duration::from_millis(WINDOW_MS as u64 + 50);
                    *timer.borrow_mut() = set_timeout_with_handle(expire, wait).ok();
                }
                Countdown::Idle | Countdown::Expired => {}
            }
        })
    };
    let pointerdown = {
        let counter = Rc::clone(&counter);
        window_event_listener(ev::pointerdown, move |_| {
            counter.borrow_mut().pointer_down()
        })
    };
    let blur = window_event_listener(ev::blur, move |_| counter.borrow_mut().blur());

    on_cleanup(move || {
        keydown.remove();
        keyup.remove();
        pointerdown.remove();
        blur.remove();
    });
    // The timer is not Send, so it cannot ride in on_cleanup: an expiry after
    // unmount only writes to a disposed signal, which is ignored.
    drop(timer);
}
