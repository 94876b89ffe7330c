//! The form's state and what its buttons do: move between steps, check a
//! step with the tip's own rules, send with retries, and forget everything
//! on quick exit or after a receipt.
//!
//! Signals hold what the view shows (the draft, the step, the errors, how
//! sending stands); the plumbing of sending (the idempotency key, the
//! request in flight, the retry timer) sits in a local `StoredValue`, since
//! browser handles are neither `Send` nor worth re-rendering for.
use super::backoff::seconds_left;
use super::client;
use super::draft::Draft;
use super::errors;
use super::outcome::{classify, whole_seconds, Outcome};
use super::steps::Step;
use crate::config::Config;
use crate::i18n::{use_i18n, I18n};
use lantern_tip::{FieldError, IdempotencyKey, Receipt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use web_sys::AbortController;

/// How long one attempt may take before it counts as "no answer".
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

/// Id of the error summary, which takes focus when errors appear.
pub const SUMMARY_ID: &str = "lx-f-errors";

/// Id of each step's heading, which takes focus when the step changes.
pub const HEADING_ID: &str = "lx-f-step-title";

/// Id of the sending status on the review, which holds focus while a tip
/// is on its way (the send button is disabled meanwhile, and focus on a
/// disabled button falls to the page's body).
pub const STATUS_ID: &str = "lx-f-status";

/// Why the last attempt to send failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No answer (network down, or too slow).
    Offline,
    /// The server failed or said something unreadable.
    Server,
    /// Too many tips: try again after this many seconds, if known.
    Busy(Option<u64>),
    /// Refused for reasons the person cannot fix from the form.
    Rejected,
}

/// Where sending stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sending {
    /// Not sending.
    Idle,
    /// The first attempt is in flight.
    InFlight,
    /// The last attempt failed; the next automatic one is this many whole
    /// seconds away (counted down live), unless `None`.
    Failed(Problem, Option<u32>),
    /// Trying again after a failure (by itself, on coming back online, or
    /// because the person asked): the failure stays said meanwhile.
    Retrying(Problem),
    /// Stored: the receipt, and whether the person allowed contact.
    Sent(Receipt, bool),
}

impl Sending {
    /// Whether a request is in flight (the send button waits meanwhile).
    pub fn is_sending(&self) -> bool {
        matches!(self, Sending::InFlight | Sending::Retrying(_))
    }

    /// Whether the form is waiting to try again by itself.
    pub fn retry_pending(&self) -> bool {
        matches!(self, Sending::Failed(_, Some(_)))
    }

    /// Whether the browser coming back online should send at once: a retry
    /// is waiting, and not because the server asked us to wait.
    pub fn resumes_when_online(&self) -> bool {
        matches!(
            self,
            Sending::Failed(Problem::Offline | Problem::Server, Some(_))
        )
    }
}

/// What happens when the person presses "Continue" on a step, given every
/// problem `Tip::validate` found in the whole draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transition {
    /// Show this step.
    To(Step),
    /// Stay, and show these problems of this step.
    Stay(Vec<FieldError>),
    /// Send the tip (from the review page, with nothing wrong).
    Send,
}

/// The rule behind "Continue": only the current step's problems hold the
/// person back; on the review page every problem does, and the form jumps
/// to the step of the first one. Once the person has seen the review
/// (`reviewed`), every step leads straight back to it, GOV.UK's "check
/// your answers" pattern: "Change" is one step there and one back.
pub fn on_continue(step: Step, problems: &[FieldError], reviewed: bool) -> Transition {
    if step == Step::Review {
        return match errors::first_step(problems) {
            Some(first) => match on_continue(first, problems, reviewed) {
                Transition::Stay(own) => Transition::Stay(own),
                _ => Transition::To(first),
            },
            None => Transition::Send,
        };
    }
    let own: Vec<FieldError> = problems
        .iter()
        .filter(|e| step.asks_for(&e.field))
        .cloned()
        .collect();
    if !own.is_empty() {
        return Transition::Stay(own);
    }
    if reviewed {
        return Transition::To(Step::Review);
    }
    step.next().map_or(Transition::Send, Transition::To)
}

/// Where "Back" goes from `step`: after the review has been seen, back to
/// it (where the person came from); before, the journey's step before.
/// `None` where there is no Back button.
pub fn on_back(step: Step, reviewed: bool) -> Option<Step> {
    match step {
        Step::Review => None,
        _ if reviewed => Some(Step::Review),
        _ => step.back(),
    }
}

/// The sending plumbing; see the module docs.
#[derive(Default)]
struct Sender {
    /// One key per tip, made on the first attempt and reused by every retry.
    key: Option<IdempotencyKey>,
    /// The key of the tip just sent, kept in memory only until the next
    /// tip or quick exit: it proves to the intake that this browser sent the
    /// tip a follow-up code is registered for (issue 16).
    sent_key: Option<IdempotencyKey>,
    /// Automatic retries so far, for the backoff schedule.
    attempt: u32,
    /// Bumped whenever an answer must be ignored (exit, reset, new attempt).
    generation: u32,
    /// Aborts the request in flight.
    controller: Option<AbortController>,
    /// The pending automatic retry.
    retry: Option<TimeoutHandle>,
    /// The countdown to it, ticking.
    tick: Option<IntervalHandle>,
}

impl Sender {
    /// Stops the pending automatic retry and its countdown.
    fn stop_retry(&mut self) {
        if let Some(retry) = self.retry.take() {
            retry.clear();
        }
        if let Some(tick) = self.tick.take() {
            tick.clear();
        }
    }

    fn cancel(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if let Some(controller) = self.controller.take() {
            controller.abort();
        }
        self.stop_retry();
    }
}

/// Everything the form's components share, through context.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The answers.
    pub draft: RwSignal<Draft>,
    /// The step shown.
    pub step: RwSignal<Step>,
    /// Problems found by the last "Continue" or send, for the step they
    /// belong to; the view shows those of the current step.
    pub errors: RwSignal<Vec<FieldError>>,
    /// How sending stands.
    pub sending: RwSignal<Sending>,
    /// Whether the review has been shown: from then on, Continue and Back
    /// lead back to it (see [`on_continue`]).
    pub reviewed: RwSignal<bool>,
    i18n: I18n,
    partner: StoredValue<Option<lantern_tip::PartnerId>>,
    sender: StoredValue<Sender, LocalStorage>,
}

/// Moves focus to the element `id` once the browser has drawn the change
/// that created it.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let element = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// Moves focus to the sending status if it would otherwise be lost: it is
/// on the send button (about to be disabled) or nowhere. Focus the person
/// put elsewhere, on a hotline link say, stays there.
fn keep_focus_on_status() {
    let lost = document().active_element().is_none_or(|e| {
        e.tag_name().eq_ignore_ascii_case("body")
            || e.get_attribute("data-testid").as_deref() == Some("form-submit")
    });
    if lost {
        focus_field(STATUS_ID);
    }
}

/// Focuses the input of the field at `path`, as an error summary link does.
pub fn focus_field(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

impl FormState {
    /// New, empty form state, provided as context. Registers the quick exit
    /// hook that forgets it all.
    pub fn provide() -> FormState {
        let state = FormState {
            draft: RwSignal::new(Draft::default()),
            step: RwSignal::new(Step::FIRST),
            errors: RwSignal::new(Vec::new()),
            sending: RwSignal::new(Sending::Idle),
            reviewed: RwSignal::new(false),
            i18n: use_i18n(),
            partner: StoredValue::new(use_context::<Config>().and_then(|c| c.partner)),
            sender: StoredValue::new_local(Sender::default()),
        };
        provide_context(state);
        crate::exit::on_exit(move || state.forget());
        // Back online: send now rather than at the end of the countdown.
        let online = window_event_listener(leptos::ev::online, move |_| state.back_online());
        on_cleanup(move || online.remove());
        state
    }

    /// The browser says the network is back: a tip waiting to be retried
    /// goes at once, with the backoff started afresh.
    pub fn back_online(self) {
        let waiting = self
            .sending
            .try_with_untracked(Sending::resumes_when_online);
        if waiting == Some(true) && self.step.get_untracked() == Step::Review {
            self.sender.update_value(|s| s.attempt = 0);
            self.attempt();
        }
    }

    /// Drops every answer and aborts anything in flight: on quick exit, and
    /// for "start a new tip".
    pub fn forget(self) {
        self.sender.try_update_value(|s| {
            s.cancel();
            *s = Sender {
                generation: s.generation,
                ..Sender::default()
            };
        });
        self.draft.try_set(Draft::default());
        self.errors.try_set(Vec::new());
        self.sending.try_set(Sending::Idle);
        self.reviewed.try_set(false);
        self.step.try_set(Step::FIRST);
    }

    /// Shows `step`, keeping every answer, and moves focus to its heading.
    /// Leaving the review page stops any automatic retry: the person is
    /// changing something and will send again.
    pub fn go_to(self, step: Step) {
        self.sender.update_value(Sender::stop_retry);
        if matches!(self.sending.get_untracked(), Sending::Failed(..)) {
            self.sending.set(Sending::Idle);
        }
        self.errors.set(Vec::new());
        if step == Step::Review {
            self.reviewed.set(true);
        }
        self.step.set(step);
        focus_later(HEADING_ID);
    }

    /// "Back": the step before (or the review, once seen), answers kept.
    pub fn back(self) {
        if let Some(previous) = on_back(self.step.get_untracked(), self.reviewed.get_untracked()) {
            self.go_to(previous);
        }
    }

    fn tip(self) -> lantern_tip::Tip {
        let lang = untrack(|| self.i18n.lang());
        let partner = self.partner.get_value();
        self.draft
            .with_untracked(|d| d.to_tip(lang, partner.as_ref()))
    }

    /// "Continue" (and "Send" on the review page): checks the draft with
    /// the tip's own rules and moves on, stays with errors, or sends.
    pub fn next(self) {
        let problems = self
            .tip()
            .validate(client::today())
            .err()
            .unwrap_or_default();
        match on_continue(
            self.step.get_untracked(),
            &problems,
            self.reviewed.get_untracked(),
        ) {
            Transition::To(step) => self.go_to(step),
            Transition::Stay(own) => self.show_errors(own),
            Transition::Send => self.send(),
        }
    }

    /// Shows `problems` on the step of the first one, with the summary
    /// focused.
    fn show_errors(self, problems: Vec<FieldError>) {
        if let Some(step) = errors::first_step(&problems) {
            self.step.set(step);
        }
        self.errors.set(problems);
        focus_later(SUMMARY_ID);
    }

    /// Sends the tip because the person asked (the send button, which
    /// reads "Try again now" after a failure): focus moves to the status,
    /// where what happens next is said.
    pub fn send(self) {
        focus_field(STATUS_ID);
        self.attempt();
    }

    /// One attempt to send: the person's, the automatic retry's, or on
    /// coming back online.
    fn attempt(self) {
        let before = self.sending.get_untracked();
        if before.is_sending() {
            return;
        }
        let tip = self.tip();
        if let Err(problems) = tip.validate(client::today()) {
            self.show_errors(problems);
            return;
        }
        let Ok(json) = serde_json::to_string(&tip) else {
            self.sending.set(Sending::Failed(Problem::Rejected, None));
            return;
        };
        let Some(controller) = AbortController::new().ok() else {
            self.settle(Outcome::Offline);
            return;
        };
        let started = self.sender.try_update_value(|s| {
            s.cancel();
            if s.key.is_none() {
                s.key = client::new_key();
            }
            s.controller = Some(controller.clone());
            s.key.map(|key| (key, s.generation))
        });
        let Some(Some((key, generation))) = started else {
            self.settle(Outcome::Offline);
            return;
        };
        keep_focus_on_status();
        self.sending.set(match before {
            Sending::Failed(problem, _) => Sending::Retrying(problem),
            _ => Sending::InFlight,
        });
        let signal = controller.signal();
        // Too slow counts as no answer: abort, and the retry schedule takes over.
        let timeout = set_timeout_with_handle(move || controller.abort(), ATTEMPT_TIMEOUT).ok();
        spawn_local(async move {
            let answer = client::post_tip(&json, &key, &signal).await;
            if let Some(timeout) = timeout {
                timeout.clear();
            }
            let current = self.sender.try_with_value(|s| s.generation == generation);
            if current != Some(true) {
                return; // Exit, reset or a newer attempt: this answer is stale.
            }
            let outcome = match answer {
                Ok(a) => classify(
                    a.status,
                    a.body,
                    a.retry_after.as_deref(),
                    client::now_unix(),
                ),
                Err(_) => Outcome::Offline,
            };
            self.settle(outcome);
        });
    }

    /// Acts on what came of an attempt.
    fn settle(self, outcome: Outcome) {
        self.sender.update_value(|s| {
            s.controller = None;
            s.stop_retry();
        });
        match outcome {
            Outcome::Sent(receipt) => {
                let contact = self.draft.with_untracked(|d| d.wants_contact());
                // The answers leave memory now; only the receipt stays.
                self.sender.update_value(|s| {
                    s.sent_key = s.key.take();
                    s.attempt = 0;
                });
                self.draft.set(Draft::default());
                self.errors.set(Vec::new());
                self.sending.set(Sending::Sent(receipt, contact));
                focus_later(HEADING_ID);
            }
            Outcome::Invalid(problems) => {
                self.sender.update_value(|s| s.attempt = 0);
                if errors::first_step(&problems).is_some() {
                    self.sending.set(Sending::Idle);
                    self.show_errors(problems);
                } else {
                    self.sending.set(Sending::Failed(Problem::Rejected, None));
                    keep_focus_on_status();
                }
            }
            failure => {
                let problem = match failure {
                    Outcome::Busy(wait) => Problem::Busy(wait),
                    Outcome::Offline => Problem::Offline,
                    _ => Problem::Server,
                };
                let attempt = self.sender.with_value(|s| s.attempt);
                let delay = failure.retry_in_ms(attempt, client::jitter());
                if let Some(ms) = delay {
                    let timer = set_timeout_with_handle(
                        move || {
                            // Only while the person is still on the review page.
                            if self.step.try_get_untracked() == Some(Step::Review) {
                                self.attempt();
                            }
                        },
                        Duration::from_millis(u64::from(ms)),
                    )
                    .ok();
                    // The countdown, a few times a second so that it never
                    // skips a number.
                    let cap = whole_seconds(ms);
                    let due = js_sys::Date::now() + f64::from(ms);
                    let tick = set_interval_with_handle(
                        move || {
                            let left = seconds_left(due, js_sys::Date::now(), cap);
                            self.sending.try_maybe_update(|s| match s {
                                Sending::Failed(_, Some(shown)) if *shown != left => {
                                    *shown = left;
                                    (true, ())
                                }
                                _ => (false, ()),
                            });
                        },
                        Duration::from_millis(250),
                    )
                    .ok();
                    self.sender.update_value(|s| {
                        s.stop_retry();
                        s.attempt = s.attempt.saturating_add(1);
                        s.retry = timer;
                        s.tick = tick;
                    });
                }
                self.sending
                    .set(Sending::Failed(problem, delay.map(whole_seconds)));
                keep_focus_on_status();
            }
        }
    }

    /// The Idempotency-Key of the tip just sent, while its receipt shows.
    pub fn sent_key(self) -> Option<IdempotencyKey> {
        self.sender.with_value(|s| s.sent_key)
    }

    /// "Start a new tip" after a receipt.
    pub fn start_over(self) {
        self.forget();
        focus_later(HEADING_ID);
    }
}

/// The form state from context.
pub fn use_form() -> FormState {
    expect_context::<FormState>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lantern_tip::ErrorCode;

    fn err(field: &str, code: ErrorCode) -> FieldError {
        FieldError::new(field, code)
    }

    #[test]
    fn continue_moves_on_when_the_step_is_fine() {
        // The narrative is missing, but that is not the safety step's business.
        let problems = [err("narrative", ErrorCode::Required)];
        assert_eq!(
            on_continue(Step::Safety, &problems, false),
            Transition::To(Step::Narrative)
        );
        assert_eq!(
            on_continue(Step::Contact, &[], false),
            Transition::To(Step::Review)
        );
    }

    #[test]
    fn what_happened_is_asked_second_and_then_the_tip_can_be_sent() {
        // Nothing is wrong once the narrative is there: two Continues reach
        // the page with the send button, and it sends.
        let mut step = Step::FIRST;
        let mut continues = 0;
        while let Transition::To(next) = on_continue(step, &[], false) {
            step = next;
            continues += 1;
        }
        assert_eq!(continues, 2);
        assert_eq!(step, Step::Review);
        assert_eq!(on_continue(step, &[], true), Transition::Send);
    }

    #[test]
    fn an_optional_step_leads_back_to_the_review() {
        for step in Step::ALL.into_iter().filter(|s| s.is_optional()) {
            assert_eq!(
                on_continue(step, &[], false),
                Transition::To(Step::Review),
                "{step:?}"
            );
        }
    }

    /// Issue 14, item 3: "Change" on the review went to that step and then
    /// on through every later one.
    #[test]
    fn after_the_review_a_change_is_one_continue_back_to_it() {
        for step in Step::ALL.into_iter().filter(|s| *s != Step::Review) {
            assert_eq!(
                on_continue(step, &[], true),
                Transition::To(Step::Review),
                "{step:?}"
            );
            assert_eq!(on_back(step, true), Some(Step::Review), "{step:?}");
        }
        // Before the review, the journey goes on as usual...
        assert_eq!(
            on_continue(Step::Safety, &[], false),
            Transition::To(Step::Narrative)
        );
        assert_eq!(on_back(Step::Narrative, false), Some(Step::Safety));
        assert_eq!(on_back(Step::Safety, false), None);
        assert_eq!(on_back(Step::Review, true), None);
        // ...and a problem on the changed step still holds the person there.
        let problems = [err("narrative", ErrorCode::TooShort)];
        assert_eq!(
            on_continue(Step::Narrative, &problems, true),
            Transition::Stay(problems.to_vec())
        );
    }

    #[test]
    fn coming_back_online_resumes_only_a_retry_that_waits_on_the_network() {
        let waiting = |p| Sending::Failed(p, Some(12));
        assert!(waiting(Problem::Offline).resumes_when_online());
        assert!(waiting(Problem::Server).resumes_when_online());
        // The server asked us to wait: being online changes nothing.
        assert!(!waiting(Problem::Busy(Some(30))).resumes_when_online());
        assert!(!waiting(Problem::Busy(None)).resumes_when_online());
        // Nothing scheduled, or already on its way.
        assert!(!Sending::Failed(Problem::Rejected, None).resumes_when_online());
        assert!(!Sending::Failed(Problem::Offline, None).resumes_when_online());
        assert!(!Sending::Retrying(Problem::Offline).resumes_when_online());
        assert!(!Sending::InFlight.resumes_when_online());
        assert!(!Sending::Idle.resumes_when_online());
    }

    #[test]
    fn the_send_button_waits_only_while_a_request_is_in_flight() {
        assert!(Sending::InFlight.is_sending());
        assert!(Sending::Retrying(Problem::Offline).is_sending());
        assert!(!Sending::Failed(Problem::Offline, Some(3)).is_sending());
        assert!(!Sending::Idle.is_sending());
        assert!(Sending::Failed(Problem::Server, Some(3)).retry_pending());
        assert!(!Sending::Failed(Problem::Rejected, None).retry_pending());
    }

    #[test]
    fn continue_stays_with_the_steps_own_problems() {
        let problems = [
            err("when.date", ErrorCode::FutureDate),
            err("narrative", ErrorCode::Required),
        ];
        assert_eq!(
            on_continue(Step::Narrative, &problems, false),
            Transition::Stay(vec![err("narrative", ErrorCode::Required)])
        );
        assert_eq!(
            on_continue(Step::When, &problems, true),
            Transition::Stay(vec![err("when.date", ErrorCode::FutureDate)])
        );
    }

    #[test]
    fn review_sends_only_when_nothing_is_wrong() {
        assert_eq!(on_continue(Step::Review, &[], true), Transition::Send);
        let problems = [
            err("contact.email", ErrorCode::InvalidEmail),
            err("narrative", ErrorCode::TooShort),
        ];
        // Jumps to the first problem's step (the narrative comes first in
        // the form), with that step's problems shown.
        assert_eq!(
            on_continue(
                Step::Review,
                &[problems[1].clone(), problems[0].clone()],
                true
            ),
            Transition::Stay(vec![err("narrative", ErrorCode::TooShort)])
        );
    }

    #[test]
    fn problems_nobody_can_fix_do_not_block_a_step() {
        let problems = [err("partner", ErrorCode::InvalidPartner)];
        assert_eq!(
            on_continue(Step::Narrative, &problems, false),
            Transition::To(Step::Review)
        );
        assert_eq!(on_continue(Step::Review, &problems, true), Transition::Send);
    }
}
