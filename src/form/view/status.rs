//! How sending stands, said politely: "Sending…", or what went wrong, that
//! the answers are still here, when we will try again, and a button to try
//! now.
use crate::form::outcome::{wait_minutes, whole_seconds};
use crate::form::state::{use_form, Problem, Sending};
use crate::form::words::fill;
use crate::i18n::text;
use crate::i18n::{use_i18n, FormStrings};
use crate::markup::Markup;
use leptos::prelude::*;

/// The sentences for a failed attempt.
pub fn failure_words(t: &FormStrings, problem: Problem, retry_in_ms: Option<u32>) -> Vec<String> {
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
    // A busy server's own wait was said above in minutes.
    if let (Some(ms), false) = (retry_in_ms, matches!(problem, Problem::Busy(Some(_)))) {
        words.push(fill(t.send_retry_in, &[&whole_seconds(ms).to_string()]));
    }
    words
}

/// The send button, and under it how sending stands.
#[component]
pub fn SendArea() -> impl IntoView {
    let state = use_form();
    view! {
        <div class="lx-f-actions">
            <button
                type="submit"
                class="lx-btn"
                data-testid="form-submit"
                disabled=move || state.sending.get() == Sending::InFlight
            >
                {text(|s| s.form.submit)}
            </button>
        </div>
        <SendStatus/>
    }
}

/// The status line under the send button, and the retry button.
#[component]
pub fn SendStatus() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    let failed = Memo::new(move |_| match state.sending.get() {
        Sending::Failed(problem, retry) => Some((problem, retry)),
        _ => None,
    });
    view! {
        // "Sending…" and the failure are never shown together: one block of
        // static markup (`crate::markup`) in the live region, or nothing.
        <div role="status" class="lx-f-status">
            {move || {
                let mut m = Markup::new();
                if state.sending.get() == Sending::InFlight {
                    m.el("p", "", t().sending);
                } else if let Some((problem, retry)) = failed.get() {
                    m.open("div", &[("class", "lx-callout lx-callout-warn lx-f-failed")]);
                    for line in failure_words(t(), problem, retry) {
                        m.el("p", "", &line);
                    }
                    m.close("div");
                } else {
                    return None;
                }
                Some(m.into_view())
            }}
        </div>
        {move || {
            failed
                .get()
                .map(|_| {
                    view! {
                        <button
                            type="button"
                            class="lx-btn lx-f-retry"
                            data-testid="form-retry"
                            on:click=move |_| state.send()
                        >
                            {text(|s| s.form.retry_now)}
                        </button>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    #[test]
    fn offline_says_what_and_when() {
        let t = strings(Lang::En).form;
        assert_eq!(
            failure_words(t, Problem::Offline, Some(4_200)),
            [
                t.send_offline,
                t.send_kept,
                "We will try again in 5 seconds."
            ]
        );
    }

    #[test]
    fn busy_says_when_in_minutes() {
        let t = strings(Lang::En).form;
        assert_eq!(
            failure_words(t, Problem::Busy(Some(150)), Some(150_000)),
            [
                "Many tips are arriving right now. Please try again in about 3 minutes.",
                t.send_kept
            ]
        );
        assert_eq!(
            failure_words(t, Problem::Busy(Some(20)), Some(20_000))[0],
            t.send_busy_soon
        );
        assert_eq!(
            failure_words(t, Problem::Busy(None), Some(8_000))[0],
            t.send_busy_soon
        );
    }

    #[test]
    fn refusals_are_not_retried_by_themselves() {
        let t = strings(Lang::Es).form;
        assert_eq!(
            failure_words(t, Problem::Rejected, None),
            [t.send_rejected, t.send_kept]
        );
    }
}
