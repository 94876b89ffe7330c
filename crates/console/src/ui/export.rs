//! The inbox's export bar: "select all shown", how many are selected, the
//! format, and the button that exports them. The server writes the audit
//! entries before it answers; only then is the file made (CSV and JSON
//! Lines here, from the opened tips) or taken (the sealed archive) and
//! saved ([`super::download::save`]).

use lantern_tip::export::Format;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::download;
use super::Console;
use crate::api::{self, ApiError};
use crate::export::{self, Answer, Request};

/// Where an export stands, for the line under the button.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Progress {
    Idle,
    Working,
    Saved(String),
    Failed(String),
}

/// The export controls above the inbox's list.
#[component]
pub fn ExportBar(
    /// The ids of the tips the filter shows, in the inbox's order.
    #[prop(into)]
    shown: Signal<Vec<String>>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let selection = console.selection;
    let format = RwSignal::new(Format::Csv);
    let progress = RwSignal::new(Progress::Idle);
    let chosen =
        move || shown.with(|ids| selection.with(|s| s.among(ids.iter().map(String::as_str))));
    let all_shown =
        move || shown.with(|ids| selection.with(|s| s.has_all(ids.iter().map(String::as_str))));
    let count_words = move || match chosen().len() {
        0 => "No tips selected".to_owned(),
        1 => "1 tip selected".to_owned(),
        n => format!("{n} tips selected"),
    };
    let run = move |_| {
        let tips = chosen();
        let format = format.get_untracked();
        if tips.is_empty() {
            progress.set(Progress::Failed(
                "Select at least one tip to export.".into(),
            ));
            return;
        }
        let keys = console.keys.get_untracked();
        if format.is_opened() && keys.is_none() {
            progress.set(Progress::Failed(export::ExportError::NoKey.to_string()));
            return;
        }
        progress.set(Progress::Working);
        let count = tips.len();
        let request = Request::new(format, tips);
        spawn_local(async move {
            let name =
                export::file_name(format, &String::from(js_sys::Date::new_0().to_iso_string()));
            // The audit entries are written before the server answers: no
            // answer, no file.
            let bytes = if format.is_opened() {
                match api::post::<_, Answer>("/console/api/exports", &request).await {
                    Ok(answer) => match keys.as_deref() {
                        Some(keys) => {
                            export::file(keys, format, &answer).map_err(|e| e.to_string())
                        }
                        None => Err(export::ExportError::NoKey.to_string()),
                    },
                    Err(error) => Err(api_failure(console, &error)),
                }
            } else {
                api::post_for_bytes("/console/api/exports", &request)
                    .await
                    .map_err(|error| api_failure(console, &error))
            };
            let done = bytes.and_then(|bytes| {
                download::save(&bytes, format.media_type(), &name)
                    .map_err(|_| "This browser would not save the file. Try again.".to_owned())
            });
            progress.set(match done {
                Ok(()) => Progress::Saved(export::saved_words(format, count, &name)),
                Err(words) => Progress::Failed(words),
            });
        });
    };
    view! {
        <form class="export" aria-labelledby="export-title" data-testid="export"
            on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run(()); }>
            <h2 id="export-title">"Export"</h2>
            <div class="export-controls">
                <label class="check">
                    <input type="checkbox" data-testid="select-all-shown"
                        prop:checked=all_shown
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            shown.with_untracked(|ids| {
                                selection.update(|s| s.set_all(ids.iter().map(String::as_str), on));
                            });
                        } />
                    " Select all shown"
                </label>
                <p data-testid="selected-count" aria-live="polite">{count_words}</p>
                <div>
                    <label for="export-format">"Format"</label>
                    <select id="export-format" data-testid="export-format"
                        on:change=move |ev| {
                            if let Some(chosen) = Format::parse(&event_target_value(&ev)) {
                                format.set(chosen);
                            }
                        }>
                        {Format::ALL.iter().map(|f| view! {
                            <option value=f.id() selected={*f == Format::Csv}>{export::format_words(*f)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" data-testid="export-button"
                    disabled=move || progress.get() == Progress::Working>
                    "Export selected"
                </button>
            </div>
            <p class="hint">
                {move || if format.get().is_opened() {
                    "The file is made here from the opened tips, and holds their words in clear. Keep it as safe as the key."
                } else {
                    "The sealed files, unchanged, in one .tar file. Only the hotline's key opens them (for example with age --decrypt)."
                }}
            </p>
            {move || match progress.get() {
                Progress::Idle => ().into_any(),
                Progress::Working => view! { <p role="status">"Exporting…"</p> }.into_any(),
                Progress::Saved(words) => view! { <p role="status" data-testid="export-saved">{words}</p> }.into_any(),
                Progress::Failed(words) => view! { <p role="alert" class="error" data-testid="export-error">{words}</p> }.into_any(),
            }}
        </form>
    }
}

/// The words for an API error, signing out on a lost session.
fn api_failure(console: Console, error: &ApiError) -> String {
    console.on_error(error);
    error.to_string()
}
