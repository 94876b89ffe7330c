//! The tip's anonymous follow-up: the reporter's later answers and details
//! and the hotline's replies, opened with the key in this tab, oldest
//! first, the reporter's newest marked; then the reply form while the
//! reporter's code is live ([`super::compose`]), or why they cannot be
//! asked.

use lantern_followup::Kind;
use leptos::prelude::*;

use super::compose::Compose;
use super::Console;
use crate::api::{Code, OneTip};
use crate::talk;

/// The conversation with the reporter.
#[component]
pub fn Conversation(
    /// The tip, replaced by each answer.
    one: RwSignal<OneTip>,
    /// How many of the reporter's messages were new when the tip was
    /// opened (kept while it stays open, though the opening marked them
    /// seen).
    unread: u32,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let lines = Memo::new(move |_| {
        let keys = console.keys.get()?;
        Some(one.with(|one| talk::conversation(&keys, &one.followup.messages, unread)))
    });
    let count = move || one.with(|one| one.followup.messages.len());
    let code = move || one.with(|one| one.followup.code);
    let can_ask = move || match code() {
        Code::Live => "The reporter kept a reply code: they can be asked.",
        Code::None => "The reporter kept no reply code: they cannot be asked.",
        Code::Expired => "The reporter's reply code has expired: they can no longer read replies.",
    };
    view! {
        <section class="tip-section" aria-labelledby="conversation-title" data-testid="conversation">
            <h2 id="conversation-title">"The reporter's later additions and the conversation"</h2>
            <p class="clear-line" data-testid="can-ask">{can_ask}</p>
            {move || match (count(), lines.get()) {
                (0, _) => view! { <p>"No messages yet."</p> }.into_any(),
                (n, None) => view! {
                    <p class="sealed">{format!("{n} sealed. Open the hotline's key above to read them.")}</p>
                }.into_any(),
                (_, Some(lines)) => view! {
                    <ol class="messages">
                        {lines.into_iter().map(|line| match line {
                            Err(error) => view! { <li class="message error">{error.to_string()}</li> }.into_any(),
                            Ok(line) => view! {
                                <li class=if line.from_reporter { "message from-reporter" } else { "message" } data-testid="message">
                                    <p class="message-meta">
                                        {line.new.map(|mark| view! { <strong class="flag new" data-testid="message-new">{mark}</strong> })}
                                        <span class="what">{line.who}</span>
                                        {format!(" · {} · {}", line.what, line.when)}
                                    </p>
                                    <p class="message-text" data-testid="message-text">{line.text}</p>
                                </li>
                            }.into_any(),
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            <Show when=move || code() == Code::Live>
                <Compose one=one kind=Kind::Reply route="replies"
                    reporter=Signal::derive(move || one.with(|one| one.followup.recipient.clone()))
                    label="Reply to the reporter"
                    hint="Sealed here in this browser to the reporter's reply code and the hotline's key: the server cannot read it. The reporter sees it the next time they check for a reply with their code. Write nothing that would put them at risk if someone else read their screen."
                    button="Send reply"
                    saved="Sent. The reporter sees it the next time they check with their code."
                    testid="reply" />
            </Show>
        </section>
    }
}
