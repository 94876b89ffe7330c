//! The follow-up's two views: [`KeepCode`] on the receipt, and
//! [`CheckReply`], the "Check for a reply" place in the Report section.
//! Both only show words and pass messages to the worker ([`super::worker`]);
//! what its answers mean is [`super::outcome`].
//!
//! Neither changes the URL or the history, and neither keeps anything
//! beyond the view: the code is in a text field and in the worker's memory
//! until the place closes, the view goes, or the person leaves.

use leptos::html;
use leptos::prelude::*;

use super::code_input::{self, Words};
use super::outcome::{self, Problem};
use super::worker::{self, Slot};
use crate::form::state::use_form;
use crate::i18n::{text, use_i18n};

/// Whether the "Check for a reply" place is open: provided by the Report
/// section, so the receipt's link can open it.
#[derive(Clone, Copy)]
pub struct CheckOpen(pub RwSignal<bool>);

/// Where making a code stands.
#[derive(Clone, PartialEq, Eq)]
enum Making {
    Offer,
    Working,
    Ready(String),
    Failed,
}

/// Makes a code in the worker, works out its keys and registers them for
/// the tip just sent (`key` is that tip's Idempotency-Key, the proof that
/// this browser sent it). The worker ends either way: the page keeps only
/// the code's text, to show it.
async fn make_code(key: String) -> Option<String> {
    let made = async {
        let code = worker::call(Slot::Making, "new-code", &[]).await.ok()?;
        let code = code.as_string()?;
        worker::call(Slot::Making, "open", &[("code", &code)])
            .await
            .ok()?;
        let answer = worker::call(Slot::Making, "register", &[("idempotencyKey", &key)]).await;
        outcome::registered(answer.map(|a| worker::reply_of(&a))).then_some(code)
    }
    .await;
    worker::end(Slot::Making);
    made
}

/// On the receipt: the offer of a reply code, then the code and what to
/// know about keeping it, and the way to "Check for a reply".
#[component]
pub fn KeepCode() -> impl IntoView {
    let state = use_form();
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
            set_making.try_set(made.map_or(Making::Failed, Making::Ready));
        });
    };
    // The keys of a code still being made go with the receipt.
    on_cleanup(|| worker::end(Slot::Making));
    let open_check = move |_| {
        if let Some(CheckOpen(open)) = check {
            open.set(true);
        }
    };
    // One live region for the whole offer, present from the start, so
    // screen readers announce what it says next.
    let status = move || match making.get() {
        Making::Working => text(|s| s.followup.making)(),
        Making::Ready(_) => text(|s| s.followup.code_label)(),
        _ => "",
    };
    view! {
        <div class="lx-fu" data-testid="keep-code">
            <p class="lx-f-hint" role="status">{status}</p>
            {move || match making.get() {
                Making::Offer => view! {
                    <p>{text(|s| s.followup.offer)}</p>
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="get-code" on:click=make>
                        {text(|s| s.followup.offer_button)}
                    </button></p>
                }.into_any(),
                Making::Working => view! {
                    <progress class="lx-fu-progress" aria-label=text(|s| s.followup.making)></progress>
                }.into_any(),
                Making::Ready(code) => view! {
                    <p class="lx-f-receipt" data-testid="followup-code"><bdi dir="ltr">{code}</bdi></p>
                    <p>{text(|s| s.followup.keep_safe)}</p>
                    <p>{text(|s| s.followup.without_it)}</p>
                    <p>{text(|s| s.followup.never_asked)}</p>
                    <p>{text(|s| s.followup.staff_languages)}</p>
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply-from-receipt" on:click=open_check>
                        {text(|s| s.followup.check)}
                    </button></p>
                }.into_any(),
                Making::Failed => view! {
                    <p class="lx-f-error" role="alert" data-testid="code-failed">{text(|s| s.followup.make_failed)}</p>
                }.into_any(),
            }}
        </div>
    }
}

/// Where checking stands.
#[derive(Clone)]
enum Phase {
    /// Nothing tried yet, or the place was just opened.
    Entering,
    /// The worker is working out the code's keys, then looking it up.
    Working,
    /// What the person typed is not a code, or the code opened nothing.
    Problem(Words),
    /// The code opened its conversation: the hotline's messages.
    Opened(Vec<String>),
}

/// Opens `typed` (a code, as the person typed it) in the checking worker
/// and reads the hotline's messages.
async fn open_code(typed: String) -> Phase {
    let opened = worker::call(Slot::Checking, "open", &[("code", &typed)]).await;
    let checked = match opened {
        Ok(_) => worker::call(Slot::Checking, "check", &[]).await,
        Err(()) => Err(()),
    };
    let checked = checked.map(|c| worker::reply_of(&c));
    match outcome::of_check(checked) {
        Ok(texts) => Phase::Opened(texts),
        Err(words) => {
            // Keys that opened nothing are of no use; drop them.
            worker::end(Slot::Checking);
            Phase::Problem(words)
        }
    }
}

/// What the answer and detail fields last said.
#[derive(Clone, PartialEq)]
enum Feedback {
    None,
    Sending,
    Sent,
    Problem(String),
}

/// The "Check for a reply" place: a button until it is opened, then the
/// code field, and once a code opened something, the hotline's messages
/// and the answer and detail fields.
#[component]
pub fn CheckReply() -> impl IntoView {
    let i18n = use_i18n();
    let open = use_context::<CheckOpen>().map_or_else(|| RwSignal::new(false), |c| c.0);
    let (phase, set_phase) = signal(Phase::Entering);
    let (feedback, set_feedback) = signal(Feedback::None);
    let heading = NodeRef::<html::H3>::new();
    let code_input = NodeRef::<html::Input>::new();
    // Opening the place (from its button or the receipt's) brings it into
    // view and moves focus to its heading.
    Effect::new(move |_| {
        if open.get() {
            if let Some(heading) = heading.get() {
                crate::reveal::reveal(&heading);
            }
        }
    });
    on_cleanup(|| worker::end(Slot::Checking));
    let try_code = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(phase.get_untracked(), Phase::Working) {
            return;
        }
        let typed = code_input.get().map(|i| i.value()).unwrap_or_default();
        set_feedback.set(Feedback::None);
        match code_input::read(&typed) {
            Err(words) => set_phase.set(Phase::Problem(words)),
            Ok(()) => {
                set_phase.set(Phase::Working);
                leptos::task::spawn_local(async move {
                    set_phase.try_set(open_code(typed).await);
                });
            }
        }
    };
    let send = move |kind: &'static str, field: NodeRef<html::Textarea>| {
        if feedback.get_untracked() == Feedback::Sending {
            return;
        }
        let Some(field) = field.get() else { return };
        let words = text_now(i18n);
        let typed = field.value();
        match outcome::answer_problem(&typed) {
            Some(Problem::Words(pick)) => set_feedback.set(Feedback::Problem(pick(words).into())),
            Some(Problem::TooLong) => set_feedback.set(Feedback::Problem(
                words.followup.long(lantern_followup::MAX_TEXT_CHARS),
            )),
            None => {
                set_feedback.set(Feedback::Sending);
                leptos::task::spawn_local(async move {
                    let args = [("kind", kind), ("text", typed.as_str())];
                    let answer = worker::call(Slot::Checking, "answer", &args).await;
                    let stored = outcome::of_answer(answer.map(|a| worker::reply_of(&a)));
                    if stored.is_ok() {
                        field.set_value("");
                    }
                    set_feedback.try_set(match stored {
                        Ok(()) => Feedback::Sent,
                        Err(pick) => Feedback::Problem(pick(text_now(i18n)).into()),
                    });
                });
            }
        }
    };
    let close = move |_| {
        worker::end(Slot::Checking);
        set_phase.set(Phase::Entering);
        set_feedback.set(Feedback::None);
        open.set(false);
    };
    let problem = move || match phase.get() {
        Phase::Problem(pick) => Some(pick),
        _ => None,
    };
    view! {
        <div class="lx-fu" data-testid="check-reply-place">
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <p><button type="button" class="lx-btn lx-f-secondary" data-testid="check-reply" on:click=move |_| open.set(true)>
                        {text(|s| s.followup.check)}
                    </button></p>
                }
            >
                <h3 class="lx-h3" tabindex="-1" node_ref=heading>{text(|s| s.followup.check)}</h3>
                <form class="lx-fu-form" novalidate on:submit=try_code>
                    <div class="lx-f-group" class:lx-f-group-error=move || problem().is_some()>
                        <label class="lx-f-label" for="lx-fu-code">{text(|s| s.followup.your_code)}</label>
                        <p class="lx-f-hint" id="lx-fu-code-hint">{text(|s| s.followup.code_hint)}</p>
                        {move || problem().map(|pick| view! {
                            <p class="lx-f-error" id="lx-fu-code-error" role="alert" data-testid="followup-problem">
                                {move || pick(i18n.t())}
                            </p>
                        })}
                        <input id="lx-fu-code" class="lx-f-input lx-fu-code" type="text" inputmode="numeric"
                            dir="ltr" autocomplete="off" autocapitalize="off" spellcheck="false"
                            aria-describedby=move || if problem().is_some() { "lx-fu-code-hint lx-fu-code-error" } else { "lx-fu-code-hint" }
                            aria-invalid=move || problem().is_some().then_some("true")
                            data-testid="followup-code-input" node_ref=code_input/>
                    </div>
                    <p><button type="submit" class="lx-btn" data-testid="followup-open">
                        {text(|s| s.followup.open)}
                    </button></p>
                </form>
                <p class="lx-f-hint" role="status" id="lx-fu-status" data-testid="followup-status">
                    {move || if matches!(phase.get(), Phase::Working) { text(|s| s.followup.opening)() } else { "" }}
                </p>
                {move || match phase.get() {
                    Phase::Working => view! {
                        <progress class="lx-fu-progress" aria-labelledby="lx-fu-status"></progress>
                    }.into_any(),
                    Phase::Opened(texts) => opened(texts, feedback, send).into_any(),
                    _ => ().into_any(),
                }}
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-close" on:click=close>
                    {text(|s| s.followup.close)}
                </button></p>
            </Show>
        </div>
    }
}

/// The strings in force, read without subscribing (for words that go
/// into a signal).
fn text_now(i18n: crate::i18n::I18n) -> &'static crate::i18n::Strings {
    untrack(|| i18n.t())
}

/// What an opened code shows: the hotline's messages (or that there are
/// none yet), then the answer and detail fields.
fn opened(
    texts: Vec<String>,
    feedback: ReadSignal<Feedback>,
    send: impl Fn(&'static str, NodeRef<html::Textarea>) + Copy + 'static,
) -> impl IntoView {
    let answer = NodeRef::<html::Textarea>::new();
    let detail = NodeRef::<html::Textarea>::new();
    let none = texts.is_empty();
    view! {
        <h4 class="lx-f-h4">{text(|s| s.followup.messages)}</h4>
        <Show when=move || none>
            <p data-testid="followup-none">{text(|s| s.followup.none_yet)}</p>
        </Show>
        {texts.into_iter().map(|text| view! {
            <p class="lx-fu-message" dir="auto" data-testid="followup-message">{text}</p>
        }).collect_view()}
        <p class="lx-f-hint">{text(|s| s.followup.staff_languages)}</p>
        <label class="lx-f-label" for="lx-fu-answer">{text(|s| s.followup.answer_label)}</label>
        <textarea id="lx-fu-answer" class="lx-f-textarea" rows="4" dir="auto" data-testid="followup-answer" node_ref=answer></textarea>
        <p><button type="button" class="lx-btn" data-testid="followup-send-answer"
            on:click=move |_| send("answer", answer)>{text(|s| s.followup.send_answer)}</button></p>
        <label class="lx-f-label" for="lx-fu-detail">{text(|s| s.followup.detail_label)}</label>
        <textarea id="lx-fu-detail" class="lx-f-textarea" rows="4" dir="auto" data-testid="followup-detail" node_ref=detail></textarea>
        <p><button type="button" class="lx-btn" data-testid="followup-send-detail"
            on:click=move |_| send("detail", detail)>{text(|s| s.followup.send_detail)}</button></p>
        <p role="status" data-testid="followup-sent">
            {move || (feedback.get() == Feedback::Sent).then(text(|s| s.followup.sent))}
        </p>
        {move || match feedback.get() {
            Feedback::Problem(words) => Some(view! {
                <p class="lx-f-error" role="alert" data-testid="followup-answer-problem">{words}</p>
            }),
            _ => None,
        }}
    }
}
