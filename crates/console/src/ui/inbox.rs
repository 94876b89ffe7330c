//! The inbox: every tip, new ones first, newest first within each group
//! (the server's order). Before the key is open a tip shows only its clear
//! columns; once it is open, each is opened here and shows its place, kind,
//! danger flag and an excerpt. j and k move between tips, Enter opens one.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::Console;
use crate::api::{self, status_words, ApiError, Inbox as InboxAnswer, SealedRow};
use crate::keys::KeyError;
use crate::layout::{self, hour_words, id_words, Summary};
use crate::nav;

/// The inbox list.
#[component]
pub fn Inbox() -> impl IntoView {
    let console = expect_context::<Console>();
    let rows = RwSignal::new(None::<Result<Vec<SealedRow>, ApiError>>);
    spawn_local(async move {
        let answer = api::get::<InboxAnswer>("/console/api/tips").await;
        if let Err(error) = &answer {
            console.on_error(error);
        }
        rows.set(Some(answer.map(|inbox| inbox.tips)));
    });
    // Opened once per key and list, not per render.
    let opened = Memo::new(move |_| {
        let keys = console.keys.get()?;
        rows.with(|rows| match rows {
            Some(Ok(rows)) => Some(
                rows.iter()
                    .map(|row| {
                        keys.open_tip(&row.sealed)
                            .map(|sealed| layout::summary(&sealed.tip))
                    })
                    .collect::<Vec<Result<Summary, KeyError>>>(),
            ),
            _ => None,
        })
    });
    // j / k: move focus between the tips' links (not while typing).
    let keys_listener = window_event_listener(ev::keydown, move |event| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let down = match event.key().as_str() {
            "j" => true,
            "k" => false,
            _ => return,
        };
        let document = document();
        let typing = document
            .active_element()
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if typing {
            return;
        }
        let Ok(links) = document.query_selector_all("[data-testid=tip-link]") else {
            return;
        };
        let active = document.active_element();
        let current = (0..links.length()).position(|i| {
            links
                .get(i)
                .map(|node| node.unchecked_into::<web_sys::Element>())
                == active
        });
        if let Some(next) = nav::step(current, links.length() as usize, down) {
            if let Some(link) = links.get(next as u32) {
                let _ = link.unchecked_into::<web_sys::HtmlElement>().focus();
                event.prevent_default();
            }
        }
    });
    on_cleanup(move || keys_listener.remove());
    view! {
        <section aria-labelledby="inbox-title">
            <h1 id="inbox-title">"Inbox"</h1>
            <p class="hint">"New tips come first. Keys: j and k move between tips, Enter opens one, Esc comes back."</p>
            {move || match rows.get() {
                None => view! { <p role="status">"Loading the tips…"</p> }.into_any(),
                Some(Err(error)) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p data-testid="inbox-empty">"No tips yet."</p> }.into_any(),
                Some(Ok(list)) => {
                    let count = list.len();
                    view! {
                        <p data-testid="inbox-count">{if count == 1 { "1 tip".to_owned() } else { format!("{count} tips") }}</p>
                        <ol class="tips" data-testid="inbox">
                            {list.into_iter().enumerate().map(|(at, row)| view! {
                                <TipRow row=row summary=Signal::derive(move || {
                                    opened.with(|opened| opened.as_ref().and_then(|all| all.get(at).cloned()))
                                }) />
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// One tip in the inbox.
#[component]
fn TipRow(
    /// Its clear columns and sealed bytes.
    row: SealedRow,
    /// What opening it gave, once the key is open.
    #[prop(into)]
    summary: Signal<Option<Result<Summary, KeyError>>>,
) -> impl IntoView {
    let href = format!("/console/{}", nav::tip_hash(&row.id));
    let labels = row
        .labels
        .iter()
        .map(|l| id_words(l))
        .collect::<Vec<_>>()
        .join(", ");
    let heading = format!(
        "Tip {} · received {}",
        row.id,
        hour_words(&row.received_hour)
    );
    view! {
        <li class="tip" data-testid="tip-row" data-tip-id=row.id.clone()>
            <h2 class="tip-title"><a href=href data-testid="tip-link">{heading}</a></h2>
            <dl class="clear">
                <div><dt>"Status"</dt><dd>{status_words(&row.status)}</dd></div>
                <div><dt>"Partner"</dt><dd>{row.partner.clone().unwrap_or_else(|| "None".into())}</dd></div>
                <div><dt>"Priority"</dt><dd>{row.priority.clone().unwrap_or_else(|| "Not set".into())}</dd></div>
                <div><dt>"Assigned to"</dt><dd>{row.assignee.clone().unwrap_or_else(|| "Nobody".into())}</dd></div>
                <div><dt>"Labels"</dt><dd>{if labels.is_empty() { "None".to_owned() } else { labels }}</dd></div>
                <div><dt>"Reporter can be asked"</dt><dd>{if row.can_ask { "Yes" } else { "No" }}</dd></div>
            </dl>
            {move || match summary.get() {
                None => view! { <p class="sealed">"Sealed. Open the hotline's key to read it."</p> }.into_any(),
                Some(Err(error)) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                Some(Ok(summary)) => view! {
                    <div class="opened" data-testid="tip-summary">
                        {summary.danger.then(|| view! { <p class="flag danger">"Danger now"</p> })}
                        {summary.minors.then(|| view! { <p class="flag danger">"Under 18 involved"</p> })}
                        <p><span class="what">{summary.kind}</span>" · "<span>{summary.place}</span></p>
                        <p class="excerpt" data-testid="tip-excerpt">{summary.excerpt}</p>
                    </div>
                }.into_any(),
            }}
        </li>
    }
}
