//! The hotline's notes on a tip: each sealed in the writer's browser to the
//! hotline's recipients only, listed with its author and when it was
//! written (from inside the seal), opened with the key in this tab; and
//! the form that adds one ([`super::compose`]).

use lantern_followup::Kind;
use leptos::prelude::*;

use super::compose::Compose;
use super::Console;
use crate::api::OneTip;
use crate::talk;

/// The notes, and adding one.
#[component]
pub fn Notes(
    /// The tip, replaced by each answer.
    one: RwSignal<OneTip>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let lines = Memo::new(move |_| {
        let keys = console.keys.get()?;
        Some(one.with(|one| talk::notes(&keys, &one.notes)))
    });
    let count = move || one.with(|one| one.notes.len());
    view! {
        <section class="tip-section" aria-labelledby="notes-title" data-testid="notes">
            <h2 id="notes-title">"Notes"</h2>
            {move || match (count(), lines.get()) {
                (0, _) => view! { <p>"No notes yet."</p> }.into_any(),
                (n, None) => view! {
                    <p class="sealed">{format!("{n} sealed. Open the hotline's key above to read them.")}</p>
                }.into_any(),
                (_, Some(lines)) => view! {
                    <ol class="messages">
                        {lines.into_iter().map(|line| match line {
                            Err(error) => view! { <li class="message error">{error.to_string()}</li> }.into_any(),
                            Ok(line) => view! {
                                <li class="message" data-testid="note">
                                    <p class="message-meta"><span class="what">{line.author}</span>{format!(" · {}", line.when)}</p>
                                    <p class="message-text" data-testid="note-words">{line.text}</p>
                                </li>
                            }.into_any(),
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            <Compose one=one kind=Kind::Note route="notes"
                reporter=Signal::derive(|| None::<String>)
                label="Add a note"
                hint="For the hotline only: sealed here in this browser to the hotline's key, so it is as safe at rest as the tip. The reporter never sees it."
                button="Save note"
                saved="Saved. The note is sealed and stored."
                testid="note" />
        </section>
    }
}
