//! "Check for a reply", once the widget has loaded it: the heading (which
//! takes focus), the code field, and once a code opened something, the
//! hotline's messages and the answer and detail fields; then "Close". The
//! widget keeps only the button that opens the place
//! (`src/followup/mod.rs`, `src/followup_offer.js`); "Close" tells it, and it unmounts this
//! screen, which ends the worker and forgets the code.
//! It only shows words and passes messages to the worker ([`crate::worker`]);
//! what its answers mean is [`crate::outcome`].
//!
//! It never changes the URL or the history, and keeps nothing beyond the
//! view: the code is in a text field and in the worker's memory until the
//! place closes or the person leaves.

use leptos::html;
use leptos::prelude::*;

use crate::code_input::{self, Words};
use crate::i18n::{text, use_i18n};
use crate::outcome::{self, Problem};
use crate::worker::{self, Slot};

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

/// The screen of "Check for a reply": the code field, and once a code
/// opened something, the hotline's messages and the answer and detail
/// fields.
#[component]
pub fn CheckReply(
    /// Called by "Close": the widget unmounts the screen.
    on_close: Box<dyn Fn() + Send + Sync>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H3>::new();
    // Opened: bring the place into view and its heading into focus, so a
    // screen reader says where the person is.
    heading.on_load(|heading| {
        request_animation_frame(move || reveal(&heading));
    });
    let (phase, set_phase) = signal(Phase::Entering);
    let (feedback, set_feedback) = signal(Feedback::None);
    let code_input = NodeRef::<html::Input>::new();
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
        let words = i18n.now();
        let typed = field.value();
        match outcome::answer_problem(&typed) {
            Some(Problem::Words(pick)) => set_feedback.set(Feedback::Problem(pick(words).into())),
            Some(Problem::TooLong) => set_feedback.set(Feedback::Problem(
                words.long(lantern_followup::MAX_TEXT_CHARS),
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
                        Err(pick) => Feedback::Problem(pick(i18n.now()).into()),
                    });
                });
            }
        }
    };
    let problem = move || match phase.get() {
        Phase::Problem(pick) => Some(pick),
        _ => None,
    };
    view! {
                <h3 class="lx-h3" tabindex="-1" node_ref=heading>{text(|s| s.check)}</h3>
                <form class="lx-fu-form" novalidate on:submit=try_code>
                    <div class="lx-f-group" class:lx-f-group-error=move || problem().is_some()>
                        <label class="lx-f-label" for="lx-fu-code">{text(|s| s.your_code)}</label>
                        <p class="lx-f-hint" id="lx-fu-code-hint">{text(|s| s.code_hint)}</p>
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
                        {text(|s| s.open)}
                    </button></p>
                </form>
                <p class="lx-f-hint" role="status" id="lx-fu-status" data-testid="followup-status">
                    {move || if matches!(phase.get(), Phase::Working) { text(|s| s.opening)() } else { "" }}
                </p>
                {move || match phase.get() {
                    Phase::Working => view! {
                        <progress class="lx-fu-progress" aria-labelledby="lx-fu-status"></progress>
                    }.into_any(),
                    Phase::Opened(texts) => opened(texts, feedback, send).into_any(),
                    _ => ().into_any(),
                }}
                <p><button type="button" class="lx-btn lx-f-secondary" data-testid="followup-close" on:click=move |_| on_close()>
                    {text(|s| s.close)}
                </button></p>
    }
}

/// Focuses `heading` without the browser's own jump, and scrolls it to the
/// top of the screen (below the exit bar, by the page's
/// `scroll-padding-top`), as the widget's own `reveal` does.
fn reveal(heading: &web_sys::HtmlElement) {
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = heading.focus_with_options(&focus);
    let scroll = web_sys::ScrollIntoViewOptions::new();
    scroll.set_block(web_sys::ScrollLogicalPosition::Start);
    heading.scroll_into_view_with_scroll_into_view_options(&scroll);
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
        <h4 class="lx-f-h4">{text(|s| s.messages)}</h4>
        <Show when=move || none>
            <p data-testid="followup-none">{text(|s| s.none_yet)}</p>
        </Show>
        {texts.into_iter().map(|text| view! {
            <p class="lx-fu-message" dir="auto" data-testid="followup-message">{text}</p>
        }).collect_view()}
        <p class="lx-f-hint">{text(|s| s.staff_languages)}</p>
        <label class="lx-f-label" for="lx-fu-answer">{text(|s| s.answer_label)}</label>
        <textarea id="lx-fu-answer" class="lx-f-textarea" rows="4" dir="auto" data-testid="followup-answer" node_ref=answer></textarea>
        <p><button type="button" class="lx-btn" data-testid="followup-send-answer"
            on:click=move |_| send("answer", answer)>{text(|s| s.send_answer)}</button></p>
        <label class="lx-f-label" for="lx-fu-detail">{text(|s| s.detail_label)}</label>
        <textarea id="lx-fu-detail" class="lx-f-textarea" rows="4" dir="auto" data-testid="followup-detail" node_ref=detail></textarea>
        <p><button type="button" class="lx-btn" data-testid="followup-send-detail"
            on:click=move |_| send("detail", detail)>{text(|s| s.send_detail)}</button></p>
        <p role="status" data-testid="followup-sent">
            {move || (feedback.get() == Feedback::Sent).then(text(|s| s.sent))}
        </p>
        {move || match feedback.get() {
            Feedback::Problem(words) => Some(view! {
                <p class="lx-f-error" role="alert" data-testid="followup-answer-problem">{words}</p>
            }),
            _ => None,
        }}
    }
}
