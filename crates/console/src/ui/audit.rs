//! The audit log's page (`#audit`), for administrators: the chain's
//! verdict first, then every entry, newest first, in plain words
//! ([`crate::audit`]). The server decides who may read it: to anyone else
//! it answers `403 admin_only`, and the page says so.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Console;
use crate::api::{self, ApiError, AuditLog};
use crate::audit::{self, Row};
use crate::nav;

/// The audit log's page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let answer = RwSignal::new(None::<Result<AuditLog, ApiError>>);
    spawn_local(async move {
        let got = api::get::<AuditLog>("/console/api/audit").await;
        if let Err(error) = &got {
            console.on_error(error);
        }
        answer.set(Some(got));
    });
    let heading = NodeRef::<leptos::html::H1>::new();
    // As a tip does: a screen reader starts at the page's heading.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <section aria-labelledby="audit-title" data-testid="audit-page">
            <p><a href="/console/#">"Back to the inbox"</a></p>
            <h1 id="audit-title" tabindex="-1" node_ref=heading>"Audit log"</h1>
            <p class="hint">
                "Everything done in the console and by the server's administrators, in order. \
                 No one can change or remove an entry without it showing here."
            </p>
            {move || answer.with(|answer| match answer {
                None => view! { <p role="status">"Loading the audit log…"</p> }.into_any(),
                Some(Err(ApiError::Refused { code, .. })) if code == "admin_only" => view! {
                    <p class="error" data-testid="audit-refused">
                        "Only administrators can see the audit log. \
                         Ask one of them if you need something from it."
                    </p>
                }.into_any(),
                Some(Err(error)) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                Some(Ok(log)) => view! { <Log log=log.clone() /> }.into_any(),
            })}
        </section>
    }
}

/// The verdict, the last entry's hash, and the table.
#[component]
fn Log(
    /// The log as the API sent it.
    log: AuditLog,
) -> impl IntoView {
    let verdict = audit::verdict(&log);
    let rows = audit::rows(&log);
    let hash = log.head.map(|head| head.hash);
    view! {
        {if verdict.whole {
            view! { <p role="status" class="verdict done" data-testid="audit-verdict">{verdict.words}</p> }.into_any()
        } else {
            view! { <p role="alert" class="verdict error" data-testid="audit-verdict">{verdict.words}</p> }.into_any()
        }}
        {hash.map(|hash| view! {
            <p class="hint">
                "The last entry's fingerprint is " <code class="hash" data-testid="audit-hash">{hash}</code>
                ". Write it down somewhere else now and then: if entries were ever cut off the end, it would no longer match."
            </p>
        })}
        {if rows.is_empty() {
            view! { <p>"No entries yet."</p> }.into_any()
        } else {
            view! {
                <table class="audit" data-testid="audit-table">
                    <caption>"Every entry, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="seq">"No."</th>
                            <th scope="col">"When"</th>
                            <th scope="col">"Who"</th>
                            <th scope="col">"What"</th>
                            <th scope="col">"Detail"</th>
                            <th scope="col">"Tip"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! { <Entry row=row /> }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// One entry's row.
#[component]
fn Entry(
    /// The entry, in words.
    row: Row,
) -> impl IntoView {
    let tip = row.tip.map(|id| {
        let href = format!("/console/{}", nav::tip_hash(&id));
        view! { <a class="tip-ref" href=href>{format!("Tip {id}")}</a> }
    });
    // The date and the time each kept whole, so a narrow column breaks
    // between them and not at the date's hyphens.
    let (date, time) = match row.when.split_once(' ') {
        Some((date, time)) => (date.to_owned(), time.to_owned()),
        None => (row.when, String::new()),
    };
    view! {
        <tr data-testid="audit-entry" data-seq=row.seq>
            <td class="seq">{row.seq}</td>
            <td><span class="whole">{date}</span>" "<span class="whole">{time}</span></td>
            <td>{row.who}</td>
            <td>{row.what}</td>
            <td>{row.detail}</td>
            <td>{tip}</td>
        </tr>
    }
}
