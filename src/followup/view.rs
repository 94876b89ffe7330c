//! The follow-up's two views: [`KeepCode`] on the receipt, and
//! [`CheckReply`], the "Check for a reply" place in the Report section.
//! Both only show words and pass messages to the worker ([`super::worker`]).

use leptos::html;
use leptos::prelude::*;
use serde_json::{json, Value};

use super::words::{words, FollowupStrings};
use super::worker;
use crate::form::state::use_form;
use crate::i18n::use_i18n;

/// Whether the "Check for a reply" place is open: provided by the Report
/// section, so the receipt can open it.
#[derive(Clone, Copy)]
pub struct CheckOpen(pub RwSignal<bool>);

/// The follow-up's words in the language in force (tracked).
fn use_words() -> impl Fn() -> &'static FollowupStrings + Copy {
    let i18n = use_i18n();
    move || words(i18n.lang())
}

/// Where making a code stands.
#[derive(Clone, PartialEq, Eq)]
enum Making {
    Offer,
    Working,
    Ready(String),
    Failed,
}

/// Makes a code in the worker and registers it for the tip just sent.
async fn make_code(key: String) -> Result<String, String> {
    let code: String =
        serde_json::from_str(&worker::call("new-code", "{}").await?).map_err(|e| e.to_string())?;
    worker::call("open", &json!({ "code": code }).to_string()).await?;
    let registered = worker::call("register", &json!({ "idempotencyKey": key }).to_string()).await;
    // The keys are not needed any more on this page.
    worker::end();
    let registered: Value = serde_json::from_str(&registered?).map_err(|e| e.to_string())?;
    if registered["status"] == 201 {
        Ok(code)
    } else {
        Err(registered["status"].to_string())
    }
}

/// On the receipt: the offer of a reply code, then the code and what to
/// know about keeping it.
#[component]
pub fn KeepCode() -> impl IntoView {
    let state = use_form();
    let w = use_words();
    let (making, set_making) = signal(Making::Offer);
    let check = use_context::<CheckOpen>();
    let make = move |_| {
        let Some(key) = state.sent_key() else {
            set_making.set(Making::Failed);
            return;
        };
        set_making.set(Making::Working);
        leptos::task::spawn_local(async move {
            let made = make_code(key.to_string()).await;
            set_making.set(made.map_or(Making::Failed, Making::Ready));
        });
    };
    let open_check = move |_| {
        if let Some(CheckOpen(open)) = check {
            open.set(true);
        }
    };
    view! {
        <div class="lx-f-followup" data-testid="keep-code">
            {move || match making.get() {
                Making::Offer => view! {
                    <p>{move || w().offer}</p>
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="get-code" on:click=make>
                        {move || w().offer_button}
                    </button></p>
                }.into_any(),
                Making::Working => view! {
                    <p role="status">{move || w().making}</p>
                    <progress data-testid="code-progress"></progress>
                }.into_any(),
                Making::Ready(code) => view! {
                    <p class="lx-f-receipt-label">{move || w().code_label}</p>
                    <p class="lx-f-receipt" data-testid="followup-code">{code}</p>
                    <p>{move || w().keep_safe}</p>
                    <p>{move || w().without_it}</p>
                    <p>{move || w().never_asked}</p>
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply-from-receipt" on:click=open_check>
                        {move || w().check}
                    </button></p>
                }.into_any(),
                Making::Failed => view! { <p role="alert">{move || w().make_failed}</p> }.into_any(),
            }}
        </div>
    }
}

/// Where checking stands.
#[derive(Clone)]
enum Phase {
    Entering,
    Working,
    Problem(fn(&FollowupStrings) -> &'static str),
    Opened(Vec<String>),
}

/// Opens `code` in the worker and reads the hotline's messages.
async fn open_code(code: String) -> Phase {
    let args = json!({ "code": code }).to_string();
    match worker::call("code-problem", &args).await.as_deref() {
        Ok("\"too_short\"") => return Phase::Problem(|w| w.too_short),
        Ok("\"too_long\"") => return Phase::Problem(|w| w.too_long),
        Ok("\"not_digits\"") => return Phase::Problem(|w| w.not_digits),
        Ok(_) => {}
        Err(_) => return Phase::Problem(|w| w.failed),
    }
    let checked = match worker::call("open", &args).await {
        Ok(_) => worker::call("check", "{}").await,
        Err(error) => Err(error),
    };
    let Some(checked) = checked
        .ok()
        .and_then(|c| serde_json::from_str::<Value>(&c).ok())
    else {
        return Phase::Problem(|w| w.failed);
    };
    if checked["opened"] == true {
        let texts = checked["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["text"].as_str().map(str::to_owned))
            .collect();
        Phase::Opened(texts)
    } else if checked["status"] == 200 {
        worker::end();
        Phase::Problem(|w| w.opened_nothing)
    } else {
        Phase::Problem(|w| w.failed)
    }
}

/// The "Check for a reply" place: a button until it is opened, then the
/// code field, and once a code opened something, the hotline's messages
/// and the answer and detail fields.
#[component]
pub fn CheckReply() -> impl IntoView {
    let w = use_words();
    let open = use_context::<CheckOpen>().map_or_else(|| RwSignal::new(false), |c| c.0);
    let (phase, set_phase) = signal(Phase::Entering);
    let (sent, set_sent) = signal(false);
    let code_input = NodeRef::<html::Input>::new();
    let answer_input = NodeRef::<html::Textarea>::new();
    let detail_input = NodeRef::<html::Textarea>::new();
    let try_code = move |_| {
        let code = code_input.get().map(|i| i.value()).unwrap_or_default();
        set_phase.set(Phase::Working);
        set_sent.set(false);
        leptos::task::spawn_local(async move { set_phase.set(open_code(code).await) });
    };
    let send = move |kind: &'static str, field: NodeRef<html::Textarea>| {
        let text = field.get().map(|t| t.value()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let args = json!({ "kind": kind, "text": text }).to_string();
            let stored = worker::call("answer", &args)
                .await
                .ok()
                .and_then(|a| serde_json::from_str::<Value>(&a).ok())
                .is_some_and(|a| a["status"] == 201);
            if stored {
                if let Some(field) = field.get() {
                    field.set_value("");
                }
            }
            set_sent.set(stored);
        });
    };
    let close = move |_| {
        worker::end();
        set_phase.set(Phase::Entering);
        open.set(false);
    };
    view! {
        <div class="lx-f-check" data-testid="check-reply-place">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply" on:click=move |_| open.set(true)>
                        {move || w().check}
                    </button></p>
                }
            >
                <h3 class="lx-h3">{move || w().check}</h3>
                <label class="lx-f-label" for="lx-followup-code">{move || w().your_code}</label>
                <p class="lx-f-hint" id="lx-followup-code-hint">{move || w().code_hint}</p>
                <input id="lx-followup-code" class="lx-f-input" type="text" inputmode="numeric"
                    autocomplete="off" spellcheck="false" aria-describedby="lx-followup-code-hint"
                    data-testid="followup-code-input" node_ref=code_input/>
                <p><button type="button" class="lx-btn" data-testid="followup-open" on:click=try_code>
                    {move || w().open}
                </button></p>
                {move || match phase.get() {
                    Phase::Entering => ().into_any(),
                    Phase::Working => view! {
                        <p role="status">{move || w().opening}</p>
                        <progress data-testid="followup-progress"></progress>
                    }.into_any(),
                    Phase::Problem(pick) => view! {
                        <p role="alert" data-testid="followup-problem">{move || pick(w())}</p>
                    }.into_any(),
                    Phase::Opened(texts) => view! {
                        <h4 class="lx-f-h4">{move || w().messages}</h4>
                        {if texts.is_empty() {
                            view! { <p data-testid="followup-none">{move || w().none_yet}</p> }.into_any()
                        } else {
                            texts.into_iter().map(|text| view! {
                                <p class="lx-f-message" data-testid="followup-message">{text}</p>
                            }).collect_view().into_any()
                        }}
                        <label class="lx-f-label" for="lx-followup-answer">{move || w().answer_label}</label>
                        <textarea id="lx-followup-answer" class="lx-f-input" data-testid="followup-answer" node_ref=answer_input></textarea>
                        <p><button type="button" class="lx-btn" data-testid="followup-send-answer"
                            on:click=move |_| send("answer", answer_input)>{move || w().send_answer}</button></p>
                        <label class="lx-f-label" for="lx-followup-detail">{move || w().detail_label}</label>
                        <textarea id="lx-followup-detail" class="lx-f-input" data-testid="followup-detail" node_ref=detail_input></textarea>
                        <p><button type="button" class="lx-btn" data-testid="followup-send-detail"
                            on:click=move |_| send("detail", detail_input)>{move || w().send_detail}</button></p>
                        <Show when=move || sent.get()>
                            <p role="status" data-testid="followup-sent">{move || w().sent}</p>
                        </Show>
                    }.into_any(),
                }}
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-close" on:click=close>
                    {move || w().close}
                </button></p>
            </Show>
        </div>
    }
}
