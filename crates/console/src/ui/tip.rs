//! One tip, opened: fetched again (the server writes the opening to the
//! audit log), opened with the key in this tab, and laid out by
//! [`crate::layout::sections`]; then its dated status history. Esc goes
//! back to the inbox.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Console;
use crate::api::{self, status_words, ApiError, OneTip as OneTipAnswer};
use crate::layout;

fn back_to_inbox() {
    let _ = window().location().set_hash("");
}

/// The tip with id `id`.
#[component]
pub fn OneTip(
    /// The tip's id.
    id: String,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let answer = RwSignal::new(None::<Result<OneTipAnswer, ApiError>>);
    let path = format!("/console/api/tips/{id}");
    spawn_local(async move {
        let got = api::get::<OneTipAnswer>(&path).await;
        if let Err(error) = &got {
            console.on_error(error);
        }
        answer.set(Some(got));
    });
    let esc = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" {
            back_to_inbox();
        }
    });
    on_cleanup(move || esc.remove());
    let heading = NodeRef::<leptos::html::H1>::new();
    // Focus moves to the tip's heading when it opens, so a screen reader
    // starts there and Tab continues inside it.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let title = format!("Tip {id}");
    view! {
        <article class="one-tip" aria-labelledby="tip-title" data-testid="tip-view">
            <p><a href="/console/#" data-testid="back">"Back to the inbox"</a></p>
            <h1 id="tip-title" tabindex="-1" node_ref=heading>{title}</h1>
            {move || match answer.get() {
                None => view! { <p role="status">"Loading the tip…"</p> }.into_any(),
                Some(Err(error)) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                Some(Ok(one)) => view! { <Opened one=one /> }.into_any(),
            }}
        </article>
    }
}

/// The opened tip's sections and history.
#[component]
fn Opened(
    /// The API's answer.
    one: OneTipAnswer,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let history = one.history.clone();
    let status = status_words(&one.tip.status);
    let sealed = one.tip.sealed.clone();
    view! {
        <p class="clear-line">"Status: " {status}</p>
        {move || match console.keys.get() {
            None => view! { <p class="sealed">"Sealed. Open the hotline's key above to read it."</p> }.into_any(),
            Some(keys) => match keys.open_tip(&sealed) {
                Err(error) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                Ok(opened) => layout::sections(&opened).into_iter().map(|section| view! {
                    <section class="tip-section" class:alert=section.alert data-testid="tip-section">
                        <h2>{section.title}</h2>
                        <dl>
                            {section.rows.into_iter().map(|(label, value)| view! {
                                <div><dt>{label}</dt><dd>{value}</dd></div>
                            }).collect_view()}
                        </dl>
                    </section>
                }).collect_view().into_any(),
            },
        }}
        <section class="tip-section" data-testid="tip-history">
            <h2>"History"</h2>
            {if history.is_empty() {
                view! { <p>"No status changes yet."</p> }.into_any()
            } else {
                view! {
                    <ol>
                        {history.into_iter().map(|change| view! {
                            <li>{format!("{} · {} · {}", layout::hour_words(&change.at), status_words(&change.status), change.by)}</li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}
