//! The tip view's triage controls: status, priority, assignee and labels,
//! each a small form of native controls with its own Save button (a
//! `<select>`'s change can fire on every arrow key, so nothing is sent
//! until the analyst saves). Each answer is the tip as the server now has
//! it, which replaces the view's copy; the outcome is announced in words,
//! and an API refusal is shown in its own sentence.
//!
//! Only the hotline's own triage words go to the server: ids from
//! `lantern_tip::triage` and an analyst's name, never the tip's words.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

use super::Console;
use crate::api::{self, priority_words, status_words, Analysts, ApiError, OneTip};
use crate::labels;
use lantern_tip::triage::{Priority, Status, MAX_LABELS};

/// What saving one form gave: a sentence saying it is saved, or why not.
pub(super) type Outcome = RwSignal<Option<Result<String, String>>>;

/// One triage change to send.
pub(super) struct Change {
    /// The route's last part: `status`, `priority`, `assignee`, `labels`,
    /// `case`.
    pub(super) what: &'static str,
    /// Its JSON body.
    pub(super) body: Value,
    /// The sentence for success.
    pub(super) saved: String,
}

/// Sends `change` (`/console/api/tips/{id}/{what}`), puts the answer in
/// `one` and says so in `outcome`; then runs `done`. `console` is taken
/// by the component (event handlers run outside its context).
pub(super) fn save(
    console: Console,
    one: RwSignal<OneTip>,
    change: Change,
    outcome: Outcome,
    done: impl FnOnce() + 'static,
) {
    let Change { what, body, saved } = change;
    let id = one.with_untracked(|one| one.tip.id.clone());
    outcome.set(None);
    spawn_local(async move {
        let path = format!("/console/api/tips/{id}/{what}");
        match api::post::<Value, OneTip>(&path, &body).await {
            Ok(answer) => {
                one.set(answer);
                outcome.set(Some(Ok(saved)));
                done();
            }
            Err(error) => {
                console.on_error(&error);
                outcome.set(Some(Err(error.to_string())));
            }
        }
    });
}

/// The saved sentence (a polite live region, always in the page so screen
/// readers hear it change) and the error, for one form.
#[component]
pub(super) fn Said(
    /// The form's outcome.
    outcome: Outcome,
    /// The `data-testid` prefix (`status` gives `status-saved`, `status-error`).
    testid: &'static str,
) -> impl IntoView {
    view! {
        <p role="status" class="done" data-testid=format!("{testid}-saved")>
            {move || outcome.with(|o| match o { Some(Ok(said)) => said.clone(), _ => String::new() })}
        </p>
        <Show when=move || outcome.with(|o| matches!(o, Some(Err(_))))>
            <p role="alert" class="error" data-testid=format!("{testid}-error")>
                {move || outcome.with(|o| match o { Some(Err(why)) => why.clone(), _ => String::new() })}
            </p>
        </Show>
    }
}

/// Every triage control of one tip.
#[component]
pub fn Triage(
    /// The tip, replaced by each answer.
    one: RwSignal<OneTip>,
    /// The labels the tip's answers suggest (empty while it is sealed).
    #[prop(into)]
    suggested: Signal<Vec<&'static str>>,
) -> impl IntoView {
    view! {
        <section class="tip-section triage" aria-labelledby="triage-title" data-testid="triage">
            <h2 id="triage-title">"Triage"</h2>
            <div class="triage-row">
                <StatusForm one=one />
                <PriorityForm one=one />
                <AssigneeForm one=one />
            </div>
            <LabelsForm one=one suggested=suggested />
        </section>
    }
}

/// The status: new, in review, referred, closed.
#[component]
fn StatusForm(
    /// The tip.
    one: RwSignal<OneTip>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let initial = one.with_untracked(|one| one.tip.status);
    let chosen = RwSignal::new(initial);
    let outcome: Outcome = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let status = chosen.get_untracked();
        let saved = format!("Saved. The status is now {}.", status_words(status));
        let change = Change {
            what: "status",
            body: json!({ "status": status }),
            saved,
        };
        save(console, one, change, outcome, || ());
    };
    view! {
        <form class="triage-form" on:submit=submit data-testid="status-form">
            <label for="triage-status">"Status"</label>
            <select id="triage-status" data-testid="status-select"
                on:change=move |ev| {
                    if let Some(status) = Status::parse(&event_target_value(&ev)) {
                        chosen.set(status);
                    }
                }>
                {Status::ALL.iter().map(|status| view! {
                    <option value=status.id() selected={*status == initial}>{status_words(*status)}</option>
                }).collect_view()}
            </select>
            <button type="submit" data-testid="status-save">"Save status"</button>
            <Said outcome=outcome testid="status" />
        </form>
    }
}

/// The priority, or none.
#[component]
fn PriorityForm(
    /// The tip.
    one: RwSignal<OneTip>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let initial = one.with_untracked(|one| one.tip.priority.clone().unwrap_or_default());
    let chosen = RwSignal::new(initial.clone());
    let outcome: Outcome = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let priority = Priority::parse(&chosen.get_untracked());
        let saved = match priority {
            Some(p) => format!("Saved. The priority is now {}.", priority_words(p.id())),
            None => "Saved. The priority is not set.".to_owned(),
        };
        let body = json!({ "priority": priority.map(Priority::id) });
        let change = Change {
            what: "priority",
            body,
            saved,
        };
        save(console, one, change, outcome, || ());
    };
    view! {
        <form class="triage-form" on:submit=submit data-testid="priority-form">
            <label for="triage-priority">"Priority"</label>
            <select id="triage-priority" data-testid="priority-select"
                on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="" selected={initial.is_empty()}>"Not set"</option>
                {Priority::ALL.iter().map(|p| view! {
                    <option value=p.id() selected={p.id() == initial}>{priority_words(p.id())}</option>
                }).collect_view()}
            </select>
            <button type="submit" data-testid="priority-save">"Save priority"</button>
            <Said outcome=outcome testid="priority" />
        </form>
    }
}

/// Who the tip is assigned to: a present analyst, or nobody.
#[component]
fn AssigneeForm(
    /// The tip.
    one: RwSignal<OneTip>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let initial = one.with_untracked(|one| one.tip.assignee.clone().unwrap_or_default());
    let chosen = RwSignal::new(initial.clone());
    let outcome: Outcome = RwSignal::new(None);
    let names = RwSignal::new(None::<Result<Vec<String>, ApiError>>);
    spawn_local(async move {
        let got = api::get::<Analysts>("/console/api/analysts").await;
        if let Err(error) = &got {
            console.on_error(error);
        }
        names.set(Some(
            got.map(|list| list.analysts.into_iter().map(|a| a.name).collect()),
        ));
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = chosen.get_untracked();
        let saved = if name.is_empty() {
            "Saved. The tip is assigned to nobody.".to_owned()
        } else {
            format!("Saved. The tip is assigned to {name}.")
        };
        let assignee = (!name.is_empty()).then_some(name);
        let change = Change {
            what: "assignee",
            body: json!({ "assignee": assignee }),
            saved,
        };
        save(console, one, change, outcome, || ());
    };
    view! {
        <form class="triage-form" on:submit=submit data-testid="assignee-form">
            <label for="triage-assignee">"Assigned to"</label>
            {move || match names.get() {
                None => view! { <p role="status">"Loading the analysts…"</p> }.into_any(),
                Some(Err(error)) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                Some(Ok(mut list)) => {
                    // Someone removed since keeps showing until changed.
                    let current = chosen.get_untracked();
                    if !current.is_empty() && !list.contains(&current) {
                        list.push(current.clone());
                    }
                    view! {
                        <select id="triage-assignee" data-testid="assignee-select"
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="" selected={current.is_empty()}>"Nobody"</option>
                            {list.into_iter().map(|name| {
                                let selected = name == current;
                                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <button type="submit" data-testid="assignee-save">"Save assignee"</button>
                    }.into_any()
                }
            }}
            <Said outcome=outcome testid="assignee" />
        </form>
    }
}

/// The labels: Polaris's 25 types and the ILO's 11 indicators, as
/// checkboxes; while nobody has set them, the ones the tip's answers
/// suggest start ticked (and are marked), to be checked and saved.
#[component]
fn LabelsForm(
    /// The tip.
    one: RwSignal<OneTip>,
    /// The suggested labels.
    suggested: Signal<Vec<&'static str>>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    // `None` until the analyst ticks or unticks a box: until then the
    // boxes follow the tip and the suggestions (derived, not copied), so a
    // key opened later still pre-fills them.
    let chosen = RwSignal::new(None::<Vec<String>>);
    let ticked = Memo::new(move |_| {
        chosen.get().unwrap_or_else(|| {
            one.with(|one| labels::prefilled(&one.tip.labels, &suggested.get(), &one.history))
        })
    });
    let outcome: Outcome = RwSignal::new(None);
    let toggle = move |id: &'static str, on: bool| {
        let mut now = ticked.get_untracked();
        now.retain(|t| t != id);
        if on {
            now.push(id.to_owned());
        }
        chosen.set(Some(now));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids = labels::in_order(&ticked.get_untracked());
        if ids.len() > MAX_LABELS {
            outcome.set(Some(Err(format!(
                "A tip can carry at most {MAX_LABELS} labels. Untick some and save again."
            ))));
            return;
        }
        let saved = match ids.len() {
            0 => "Saved. The tip has no labels.".to_owned(),
            1 => "Saved. The tip has 1 label.".to_owned(),
            n => format!("Saved. The tip has {n} labels."),
        };
        let change = Change {
            what: "labels",
            body: json!({ "labels": ids }),
            saved,
        };
        // Saved, the boxes follow the tip again.
        save(console, one, change, outcome, move || chosen.set(None));
    };
    let suggestion_note = move || {
        let list = suggested.get();
        (!list.is_empty()).then(|| {
            let words: Vec<String> = list.iter().map(|id| labels::words(id)).collect();
            format!(
                "Suggested from the reporter's answers: {}.",
                words.join(", ")
            )
        })
    };
    view! {
        <form class="triage-form labels" on:submit=submit data-testid="labels-form">
            <h3>"Labels"</h3>
            <p class="hint" data-testid="labels-suggested">{suggestion_note}</p>
            {labels::groups().into_iter().map(|group| view! {
                <fieldset class="checks">
                    <legend>{group.legend}</legend>
                    {group.ids.into_iter().map(|id| {
                        let input_id = format!("label-{id}");
                        let is_suggested = move || suggested.with(|s| s.contains(&id));
                        view! {
                            <div class="check">
                                <input type="checkbox" id=input_id.clone() value=id
                                    data-testid="label-check"
                                    prop:checked=move || ticked.with(|t| t.iter().any(|t| t == id))
                                    on:change=move |ev| toggle(id, event_target_checked(&ev)) />
                                <label for=input_id>
                                    {labels::words(id)}
                                    <Show when=is_suggested>
                                        <span class="suggested">" (suggested)"</span>
                                    </Show>
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            <button type="submit" data-testid="labels-save">"Save labels"</button>
            <Said outcome=outcome testid="labels" />
        </form>
    }
}
