//! The send button and how sending stands, said politely: "Sending…", or
//! what went wrong, that the answers are still here, a live countdown to
//! the next automatic try, and the hotline for what cannot wait. The one
//! button reads "Try again now" while a retry waits (issue 14).
use crate::content::{HOTLINE_SMS, HOTLINE_TEL};
use crate::form::outcome::wait_minutes;
use crate::form::state::{use_form, Problem, Sending, STATUS_ID};
use crate::form::words::fill;
use crate::i18n::{use_i18n, FormStrings};
use crate::markup::Markup;
use leptos::prelude::*;

/// The sentences for a failed attempt, said once when it fails (the live
/// countdown is apart, in [`countdown_words`], so that a screen reader is
/// not told the time every second). `retrying`: an automatic retry is
/// scheduled or under way.
pub fn failure_words(t: &FormStrings, problem: Problem, retrying: bool) -> Vec<String> {
    let mut words = Vec::new();
    match problem {
        Problem::Offline => words.push(t.send_offline.to_owned()),
        Problem::Server => words.push(t.send_server_error.to_owned()),
        Problem::Busy(wait) => match wait.map(wait_minutes) {
            Some(minutes) if minutes > 0 => {
                words.push(fill(t.send_busy_minutes, &[&minutes.to_string()]));
            }
            _ => words.push(t.send_busy_soon.to_owned()),
        },
        Problem::Rejected => words.push(t.send_rejected.to_owned()),
    }
    words.push(t.send_kept.to_owned());
    if retrying {
        words.push(t.send_auto.to_owned());
    }
    words
}

/// The countdown line: "Next try in 5 seconds.", in minutes from two
/// minutes on, or "Trying again now…" while the retry is in flight
/// (`None`).
pub fn countdown_words(t: &FormStrings, seconds: Option<u32>) -> String {
    match seconds {
        None | Some(0) => t.send_trying.to_owned(),
        Some(1) => t.send_next_in_one.to_owned(),
        Some(s) if s < 120 => fill(t.send_next_in, &[&s.to_string()]),
        Some(s) => fill(
            t.send_next_minutes,
            &[&wait_minutes(u64::from(s)).to_string()],
        ),
    }
}

/// The send button, and under it how sending stands. After a failure the
/// same button reads "Try again now": one action, never two side by side.
#[component]
pub fn SendArea() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let again = Memo::new(move |_| {
        state
            .sending
            .with(|s| s.retry_pending() || matches!(s, Sending::Retrying(_)))
    });
    view! {
        <div class="lx-f-actions">
            <button
                type="submit"
                class="lx-btn"
                data-testid="form-submit"
                disabled=move || state.sending.with(Sending::is_sending)
            >
                {move || if again.get() { i18n.t().form.retry_now } else { i18n.t().form.submit }}
            </button>
        </div>
        <SendStatus/>
    }
}

/// How sending stands: "Sending…", or what went wrong, that the answers are
/// still here, the countdown to the next try, and the hotline for what
/// cannot wait. The box takes focus when a send starts (see
/// `state::keep_focus_on_status`).
#[component]
pub fn SendStatus() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    // What the live region says; it changes only when the problem does, so
    // it is announced once, not on every tick of the countdown.
    let said = Memo::new(move |_| match state.sending.get() {
        Sending::InFlight => Some(None),
        Sending::Failed(problem, retry) => Some(Some((problem, retry.is_some()))),
        Sending::Retrying(problem) => Some(Some((problem, true))),
        _ => None,
    });
    let failed = Memo::new(move |_| said.get().flatten().is_some());
    let countdown = Memo::new(move |_| match state.sending.get() {
        Sending::Failed(_, Some(seconds)) => Some(Some(seconds)),
        Sending::Retrying(_) => Some(None),
        _ => None,
    });
    view! {
        <div
            id=STATUS_ID
            class="lx-f-status"
            class:lx-callout=failed
            class:lx-callout-warn=failed
            tabindex="-1"
            data-testid="form-status"
        >
            // Static markup (`crate::markup`): the form's own words.
            <div role="status">
                {move || {
                    let mut m = Markup::new();
                    match said.get()? {
                        None => m.el("p", "", t().sending),
                        Some((problem, retrying)) => {
                            m.open("div", &[("class", "lx-f-failed")]);
                            for line in failure_words(t(), problem, retrying) {
                                m.el("p", "", &line);
                            }
                            m.close("div")
                        }
                    };
                    Some(m.into_view())
                }}
            </div>
            {move || {
                countdown
                    .get()
                    .map(|seconds| {
                        view! {
                            <p class="lx-f-countdown" data-testid="form-countdown">
                                {move || countdown_words(t(), seconds)}
                            </p>
                        }
                    })
            }}
            {move || {
                failed
                    .get()
                    .then(|| {
                        let s = i18n.t();
                        let mut m = Markup::new();
                        m.open("div", &[("class", "lx-f-call")])
                            .el("p", "", s.form.send_call_instead)
                            .open("ul", &[("class", "lx-points")]);
                        for (href, words, id) in [
                            (HOTLINE_TEL, s.site.hotline_call, "status-call"),
                            (HOTLINE_SMS, s.site.hotline_text, "status-text"),
                        ] {
                            m.open("li", &[])
                                .open("a", &[("href", href), ("data-testid", id)])
                                .text(words)
                                .close("a")
                                .close("li");
                        }
                        m.close("ul").close("div");
                        m.into_view()
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    #[test]
    fn offline_says_what_and_that_it_keeps_trying() {
        let t = strings(Lang::En).form;
        assert_eq!(
            failure_words(t, Problem::Offline, true),
            [t.send_offline, t.send_kept, t.send_auto]
        );
    }

    #[test]
    fn busy_says_when_in_minutes() {
        let t = strings(Lang::En).form;
        assert_eq!(
            failure_words(t, Problem::Busy(Some(150)), true),
            [
                "Many tips are arriving right now. Please try again in about 3 minutes.",
                t.send_kept,
                t.send_auto
            ]
        );
        assert_eq!(
            failure_words(t, Problem::Busy(Some(20)), true)[0],
            t.send_busy_soon
        );
        assert_eq!(
            failure_words(t, Problem::Busy(None), true)[0],
            t.send_busy_soon
        );
    }

    #[test]
    fn refusals_are_not_retried_by_themselves() {
        let t = strings(Lang::Es).form;
        assert_eq!(
            failure_words(t, Problem::Rejected, false),
            [t.send_rejected, t.send_kept]
        );
    }

    #[test]
    fn the_countdown_says_seconds_then_minutes_in_each_language() {
        let en = strings(Lang::En).form;
        assert_eq!(countdown_words(en, Some(5)), "Next try in 5 seconds.");
        assert_eq!(countdown_words(en, Some(1)), "Next try in 1 second.");
        assert_eq!(countdown_words(en, Some(119)), "Next try in 119 seconds.");
        assert_eq!(
            countdown_words(en, Some(150)),
            "Next try in about 3 minutes."
        );
        assert_eq!(countdown_words(en, None), en.send_trying);
        assert_eq!(countdown_words(en, Some(0)), en.send_trying);
        let es = strings(Lang::Es).form;
        assert_eq!(
            countdown_words(es, Some(5)),
            "Próximo intento en 5 segundos."
        );
        assert_eq!(
            countdown_words(es, Some(1)),
            "Próximo intento en 1 segundo."
        );
    }
}
