//! The tip view's case: which case the tip is in and the other tips of it,
//! linked; a link that shows the case in the inbox; taking the tip out;
//! and a list to put it in a case with another tip, or in a new case
//! ([`crate::cases`] says what each shows and sends). Only ids go to the
//! server, never a tip's words: the excerpts in the list are opened here.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::triage::{save, Change, Outcome, Said};
use super::Console;
use crate::api::OneTip;
use crate::cases::{self, Choice};
use crate::filter::CaseFilter;
use crate::layout::hour_words;
use crate::nav;

/// The tip's case, and the controls that change it.
#[component]
pub fn CaseSection(
    /// The tip, replaced by each answer.
    one: RwSignal<OneTip>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let this = one.with_untracked(|one| one.tip.id.clone());
    // The other tips to choose from: the inbox's list as last fetched
    // (fetched now only when the tip was opened from a link), and fetched
    // again after each move so the cases it names stay right.
    let rows = console.rows;
    if rows.with_untracked(Option::is_none) {
        console.refresh_rows();
    }
    let fetch = move || console.refresh_rows();
    // Each listed tip's excerpt, so tips can be told apart in the choices
    // and the case's links: opened once per identity (crate::opened), so
    // mostly already opened by the inbox.
    let excerpts = Memo::new(move |_| -> HashMap<String, String> {
        let keys = console.keys.get();
        rows.with(|rows| match (keys, rows) {
            (Some(keys), Some(Ok(rows))) => console
                .opened
                .try_update_value(|opened| {
                    rows.iter()
                        .filter_map(|row| {
                            let opening = opened.open(&keys, row);
                            let (summary, _) = opening.as_ref().as_ref().ok()?;
                            Some((row.id.clone(), summary.excerpt.clone()))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            _ => HashMap::new(),
        })
    });
    // With thousands of tips the list of every other one takes longer to
    // build than the whole tip: the tip is drawn first, the list just
    // after (a task after the next frame), so opening a tip stays quick.
    let drawn = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || drawn.set(true), Duration::ZERO));
    let offered = Memo::new(move |_| {
        if !drawn.get() {
            return None;
        }
        rows.with(|rows| match rows {
            Some(Ok(rows)) => Some(Ok(excerpts.with(|excerpts| {
                cases::offered(rows, &this, |row| excerpts.get(&row.id).cloned())
            }))),
            Some(Err(error)) => Some(Err(error.to_string())),
            None => None,
        })
    });
    let chosen = RwSignal::new(String::new());
    let outcome: Outcome = RwSignal::new(None);
    // After a move: say where the tip is now, and refresh the list (its
    // choice cleared: the tip is there now).
    let moved = move || {
        let case = one.with_untracked(|one| one.tip.case);
        outcome.set(Some(Ok(cases::saved_words(case))));
        chosen.set(String::new());
        fetch();
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(choice) = Choice::from_value(&chosen.get_untracked()) else {
            outcome.set(Some(Err(
                "Choose a tip from the list, or a new case, then save.".into(),
            )));
            return;
        };
        let change = Change {
            what: "case",
            body: choice.body(),
            saved: String::new(),
        };
        save(console, one, change, outcome, moved);
    };
    let take_out = move |_| {
        let change = Change {
            what: "case",
            body: cases::out_body(),
            saved: String::new(),
        };
        save(console, one, change, outcome, moved);
    };
    let case = move || one.with(|one| one.tip.case);
    view! {
        <section class="tip-section" aria-labelledby="case-title" data-testid="case">
            <h2 id="case-title">"Case"</h2>
            {move || match case() {
                None => view! {
                    <p data-testid="case-now">"This tip is in no case."</p>
                }.into_any(),
                Some(number) => view! {
                    <p data-testid="case-now">{format!("This tip is in case {number}.")}</p>
                    {move || one.with(|one| if one.case_tips.is_empty() {
                        view! { <p>{format!("No other tip is in case {number} yet.")}</p> }.into_any()
                    } else {
                        view! {
                            <p id="case-tips-title">{format!("Other tips in case {number}:")}</p>
                            <ul aria-labelledby="case-tips-title" data-testid="case-tips">
                                {one.case_tips.iter().map(|tip| view! {
                                    <li>
                                        <a href=format!("/console/{}", nav::tip_hash(&tip.id)) data-testid="case-tip-link">
                                            {format!("Tip {} · received {}", tip.id, hour_words(&tip.received_hour))}
                                        </a>
                                        {excerpts.with(|e| e.get(&tip.id).cloned()).map(|excerpt| view! {
                                            " · "<span class="excerpt" data-testid="case-tip-excerpt">{excerpt}</span>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    })}
                    <p>
                        // The inbox starts at the filter kept in the app's
                        // state: set it, and the link goes there.
                        <a href="/console/#" data-testid="case-show"
                            on:click=move |_| console.filter.update(|f| f.case = CaseFilter::Is(number))>
                            {format!("Show case {number} in the inbox")}
                        </a>
                    </p>
                    <button type="button" class="secondary" data-testid="case-leave" on:click=take_out>
                        {format!("Take this tip out of case {number}")}
                    </button>
                }.into_any(),
            }}
            <form class="triage-form" on:submit=submit data-testid="case-form">
                <label for="case-with">"Put this tip in a case with"</label>
                <p class="hint" id="case-with-hint">
                    "Choose another tip: this tip joins its case, or they start a new case together."
                </p>
                {move || match offered.get() {
                    None => view! { <p role="status">"Loading the tips…"</p> }.into_any(),
                    Some(Err(error)) => view! { <p role="alert" class="error">{error}</p> }.into_any(),
                    Some(Ok(list)) => {
                        let now = chosen.get_untracked();
                        view! {
                            // The value follows `chosen` (cleared after a move):
                            // once the analyst has picked, an option's
                            // `selected` no longer moves the choice.
                            <select id="case-with" data-testid="case-select" aria-describedby="case-with-hint"
                                prop:value=move || chosen.get()
                                on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="" selected={now.is_empty()}>"Choose a tip"</option>
                                {list.into_iter().map(|offer| {
                                    let selected = offer.value == now;
                                    view! { <option value=offer.value selected=selected>{offer.words}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any()
                    }
                }}
                <button type="submit" data-testid="case-save">"Save case"</button>
                <Said outcome=outcome testid="case" />
            </form>
        </section>
    }
}
