//! The inbox: every tip, new ones first, newest first within each group
//! (the server's order). Before the key is open a tip shows only its clear
//! columns; once it is open, each is opened here and shows its place, kind,
//! danger flag and an excerpt. Each row names its case. Filters by status,
//! priority, label and case (one case's tips together), and a
//! search inside the opened tips, all in this browser ([`crate::filter`]).
//! j and k move between the tips shown, Enter opens one. Each tip has a
//! checkbox, and the export bar ([`ExportBar`]) exports the ticked ones.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::export::ExportBar;
use super::Console;
use crate::api::{priority_words, status_words, SealedRow};
use crate::cases;
use crate::filter::{CaseFilter, Filter, PriorityFilter};
use crate::keys::KeyError;
use crate::labels;
use crate::layout::{hour_words, Summary};
use crate::nav;
use crate::opened::Opening;
use crate::talk;
use lantern_tip::triage::{Priority, Status};

/// How many more tips each "Show more" lays out.
const PAGE: usize = 100;

/// The inbox list.
#[component]
pub fn Inbox() -> impl IntoView {
    let console = expect_context::<Console>();
    // Fetched afresh each time the inbox shows (its clear columns change
    // as colleagues triage), kept for the tip view too.
    let rows = console.rows;
    rows.set(None);
    console.refresh_rows();
    // Each tip is opened once per identity, not per render, filter or
    // return to the inbox (crate::opened): its summary and the words the
    // search reads.
    let opened = Memo::new(move |_| {
        let keys = console.keys.get()?;
        rows.with(|rows| match rows {
            Some(Ok(rows)) => Some(console.opened.try_update_value(|opened| {
                rows.iter()
                    .map(|row| opened.open(&keys, row))
                    .collect::<Vec<Opening>>()
            })?),
            _ => None,
        })
    });
    // Laid out a page at a time: 10,000 rows at once take seconds to draw
    // and to take down again. Filters and search still run over all.
    let listed = RwSignal::new(PAGE);
    let filter = console.filter;
    // The positions of the rows the filter shows.
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        rows.with(|rows| match rows {
            Some(Ok(rows)) => opened.with(|opened| {
                rows.iter()
                    .enumerate()
                    .filter(|(at, row)| {
                        let text = opened
                            .as_ref()
                            .and_then(|all| all.get(*at))
                            .and_then(|one| one.as_ref().as_ref().ok())
                            .map(|(_, text)| text.as_str());
                        filter.shows(row, text)
                    })
                    .map(|(at, _)| at)
                    .collect::<Vec<usize>>()
            }),
            _ => Vec::new(),
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
                    let total = list.len();
                    let ids: Vec<String> = list.iter().map(|row| row.id.clone()).collect();
                    let shown_ids = Signal::derive(move || {
                        shown.with(|at| at.iter().filter_map(|at| ids.get(*at).cloned()).collect::<Vec<_>>())
                    });
                    let count = move || {
                        let showing = shown.with(Vec::len);
                        match (showing, total) {
                            (1, 1) => "1 tip".to_owned(),
                            (n, t) if n == t => format!("{t} tips"),
                            (n, t) => format!("Showing {n} of {t} tips"),
                        }
                    };
                    let case_numbers = cases::cases_in(&list);
                    view! {
                        <Filters filter=filter case_numbers=case_numbers />
                        <p role="status" data-testid="inbox-count">{count}</p>
                        <ExportBar shown=shown_ids />
                        <ol class="tips" data-testid="inbox">
                            <For each=move || shown.with(|at| at.iter().take(listed.get()).copied().collect::<Vec<_>>()) key=|at| *at children=move |at| view! {
                                <TipRow row=list[at].clone() summary=Signal::derive(move || {
                                    opened.with(|opened| {
                                        let one = opened.as_ref()?.get(at)?;
                                        Some(one.as_ref().clone().map(|(summary, _)| summary))
                                    })
                                }) />
                            } />
                        </ol>
                        {move || {
                            let matching = shown.with(Vec::len);
                            let now = listed.get().min(matching);
                            (matching > now).then(|| view! {
                                <p class="more">
                                    <span data-testid="inbox-listed">{format!("Listed {now} of {matching}.")}</span>" "
                                    <button type="button" data-testid="inbox-more"
                                        on:click=move |_| listed.update(|n| *n += PAGE)>
                                        {format!("Show {} more", (matching - now).min(PAGE))}
                                    </button>
                                </p>
                            })
                        }}
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
    let selection = expect_context::<Console>().selection;
    let href = format!("/console/{}", nav::tip_hash(&row.id));
    let labels = row
        .labels
        .iter()
        .map(|l| labels::words(l))
        .collect::<Vec<_>>()
        .join(", ");
    let heading = format!(
        "Tip {} · received {}",
        row.id,
        hour_words(&row.received_hour)
    );
    view! {
        <li class="tip" data-testid="tip-row" data-tip-id=row.id.clone()>
            <div class="tip-head">
                <h2 class="tip-title"><a href=href data-testid="tip-link">{heading}</a></h2>
                <label class="check select">
                    <input type="checkbox" data-testid="tip-select"
                        prop:checked={
                            let id = row.id.clone();
                            move || selection.with(|s| s.has(&id))
                        }
                        on:change={
                            let id = row.id.clone();
                            move |ev| {
                                let on = event_target_checked(&ev);
                                selection.update(|s| s.set(&id, on));
                            }
                        } />
                    " Select"<span class="visually-hidden">{format!(" tip {}", row.id)}</span>
                </label>
            </div>
            {talk::unread_words(row.unread).map(|words| view! {
                <p class="flag new" data-testid="tip-row-unread">{words}</p>
            })}
            <dl class="clear">
                <div><dt>"Status"</dt><dd data-testid="tip-row-status">{status_words(row.status)}</dd></div>
                <div><dt>"Partner"</dt><dd>{row.partner.clone().unwrap_or_else(|| "None".into())}</dd></div>
                <div><dt>"Priority"</dt><dd data-testid="tip-row-priority">{row.priority.as_deref().map_or_else(|| "Not set".into(), priority_words)}</dd></div>
                <div><dt>"Assigned to"</dt><dd data-testid="tip-row-assignee">{row.assignee.clone().unwrap_or_else(|| "Nobody".into())}</dd></div>
                <div><dt>"Case"</dt><dd data-testid="tip-row-case">{row.case.map_or_else(|| "None".to_owned(), |n| n.to_string())}</dd></div>
                <div><dt>"Labels"</dt><dd data-testid="tip-row-labels">{if labels.is_empty() { "None".to_owned() } else { labels }}</dd></div>
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

/// The inbox's filters: native selects and a search box, each labelled.
/// They narrow the list as they change (nothing is sent anywhere); the
/// count above the list says how many are shown.
#[component]
fn Filters(
    /// What the inbox shows.
    filter: RwSignal<Filter>,
    /// The cases the listed tips are in, lowest first.
    case_numbers: Vec<u64>,
) -> impl IntoView {
    let groups = labels::groups();
    // The controls start at the filter kept in the app's state.
    let now = filter.get_untracked();
    // A case chosen in the tip view stays on offer even when no tip is in
    // it any more, so the list says what the filter is.
    let mut case_numbers = case_numbers;
    if let CaseFilter::Is(number) = now.case {
        if !case_numbers.contains(&number) {
            case_numbers.push(number);
            case_numbers.sort_unstable();
        }
    }
    view! {
        <form class="filters" role="search" aria-label="Filter the tips"
            on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
            <div>
                <label for="filter-status">"Status"</label>
                <select id="filter-status" data-testid="filter-status"
                    on:change=move |ev| {
                        let status = Status::parse(&event_target_value(&ev));
                        filter.update(|f| f.status = status);
                    }>
                    <option value="" selected={now.status.is_none()}>"Any status"</option>
                    {Status::ALL.iter().map(|s| view! {
                        <option value=s.id() selected={now.status == Some(*s)}>{status_words(*s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-priority">"Priority"</label>
                <select id="filter-priority" data-testid="filter-priority"
                    on:change=move |ev| {
                        let priority = PriorityFilter::from_value(&event_target_value(&ev));
                        filter.update(|f| f.priority = priority);
                    }>
                    <option value="" selected={now.priority == PriorityFilter::Any}>"Any priority"</option>
                    <option value="none" selected={now.priority == PriorityFilter::NotSet}>"Not set"</option>
                    {Priority::ALL.iter().map(|p| view! {
                        <option value=p.id() selected={now.priority.value() == p.id()}>{priority_words(p.id())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-label">"Label"</label>
                <select id="filter-label" data-testid="filter-label"
                    on:change=move |ev| {
                        let label = Some(event_target_value(&ev)).filter(|l| !l.is_empty());
                        filter.update(|f| f.label = label);
                    }>
                    <option value="" selected={now.label.is_none()}>"Any label"</option>
                    {groups.into_iter().map(|group| view! {
                        <optgroup label=group.legend>
                            {group.ids.into_iter().map(|id| view! {
                                <option value=id selected={now.label.as_deref() == Some(id)}>{labels::words(id)}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="filter-case">"Case"</label>
                <select id="filter-case" data-testid="filter-case"
                    on:change=move |ev| {
                        let case = CaseFilter::from_value(&event_target_value(&ev));
                        filter.update(|f| f.case = case);
                    }>
                    <option value="" selected={now.case == CaseFilter::Any}>"Any case"</option>
                    <option value="none" selected={now.case == CaseFilter::NoCase}>"In no case"</option>
                    {case_numbers.into_iter().map(|number| view! {
                        <option value=number.to_string() selected={now.case == CaseFilter::Is(number)}>{cases::case_words(Some(number))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="search">
                <label for="filter-search">"Search inside the opened tips"</label>
                <input id="filter-search" type="search" data-testid="filter-search"
                    aria-describedby="filter-search-hint" value=now.search.clone()
                    on:input=move |ev| {
                        let words = event_target_value(&ev);
                        filter.update(|f| f.search = words);
                    } />
                <p class="hint" id="filter-search-hint">"Searched here in this browser, only in tips opened with the key."</p>
            </div>
        </form>
    }
}
