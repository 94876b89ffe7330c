//! One tip, opened: fetched again (the server writes the opening to the
//! audit log), opened with the key in this tab, and laid out by
//! [`crate::layout::sections`]; then the conversation with the reporter
//! ([`super::conversation`]), its triage controls ([`super::triage`]), its
//! case ([`super::case`]), its notes ([`super::notes`]) and its dated
//! history. Esc goes back to the
//! inbox.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::case::CaseSection;
use super::conversation::Conversation;
use super::notes::Notes;
use super::triage::Triage;
use super::Console;
use crate::api::{self, change_words, status_words, ApiError, OneTip as OneTipAnswer};
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
    // Set once, when the tip arrives: the tip itself then lives in the
    // inner signal, which each triage answer replaces, so saving redraws
    // only what changed and the focus stays on the control used.
    let answer = RwSignal::new(None::<Result<RwSignal<OneTipAnswer>, ApiError>>);
    let path = format!("/console/api/tips/{id}");
    spawn_local(async move {
        let got = api::get::<OneTipAnswer>(&path).await;
        if let Err(error) = &got {
            console.on_error(error);
        }
        answer.set(Some(got.map(RwSignal::new)));
    });
    // Not from inside a reply or a note being written: Esc there would
    // leave the tip and lose the words.
    let esc = window_event_listener(ev::keydown, move |event| {
        let writing = document()
            .active_element()
            .is_some_and(|el| el.tag_name() == "TEXTAREA");
        if event.key() == "Escape" && !writing {
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

/// The opened tip's sections, triage and history.
#[component]
fn Opened(
    /// The tip, replaced by each triage answer.
    one: RwSignal<OneTipAnswer>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    // The sealed bytes never change; only the clear columns do.
    let sealed = one.with_untracked(|one| one.tip.sealed.clone());
    let status_line = move || {
        one.with(|one| match &one.tip.status_changed_at {
            Some(at) => format!(
                "Status: {} (since {})",
                status_words(one.tip.status),
                layout::hour_words(at)
            ),
            None => format!("Status: {}", status_words(one.tip.status)),
        })
    };
    // Counted by the server before this opening marked them seen: kept for
    // as long as the tip stays open, whatever later answers say.
    let unread = one.with_untracked(|one| one.followup.unread);
    // Opened once per key, shared by the sections and the label suggestions.
    let opened = Memo::new(move |_| console.keys.get().map(|keys| keys.open_tip(&sealed)));
    view! {
        <p class="clear-line" data-testid="tip-status">{status_line}</p>
        {move || match opened.get() {
            None => view! { <p class="sealed">"Sealed. Open the hotline's key above to read it."</p> }.into_any(),
            Some(Err(error)) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
            Some(Ok(opened)) => layout::sections(&opened).into_iter().map(|section| view! {
                <section class="tip-section" class:alert=section.alert data-testid="tip-section">
                    <h2>{section.title}</h2>
                    <dl>
                        {section.rows.into_iter().map(|(label, value)| view! {
                            <div><dt>{label}</dt><dd>{value}</dd></div>
                        }).collect_view()}
                    </dl>
                </section>
            }).collect_view().into_any(),
        }}
        <Conversation one=one unread=unread />
        <Triage one=one suggested=Signal::derive(move || {
            opened.with(|opened| match opened {
                Some(Ok(sealed)) => lantern_tip::triage::suggested_labels(&sealed.tip),
                _ => Vec::new(),
            })
        }) />
        <CaseSection one=one />
        <Notes one=one />
        <section class="tip-section" aria-labelledby="history-title" data-testid="tip-history">
            <h2 id="history-title">"History"</h2>
            {move || one.with(|one| if one.history.is_empty() {
                view! { <p>"No changes yet."</p> }.into_any()
            } else {
                view! {
                    <ol>
                        {one.history.iter().map(|change| view! {
                            <li data-testid="history-entry">{format!("{} · {} · by {}", layout::hour_words(&change.at), change_words(change), change.by)}</li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            })}
        </section>
    }
}
