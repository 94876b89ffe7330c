//! The form an analyst writes a reply or a note in. What they write never
//! leaves this tab in clear: it becomes the follow-up's message
//! ([`crate::talk::draft`]), is padded and sealed here with the key in this
//! tab ([`crate::keys::Keys::seal`]) to the hotline's recipients (and for a
//! reply to the reporter's), and only the age file is sent. The answer is
//! the tip as the server now has it, which replaces the view's copy.

use lantern_followup::Kind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

use super::triage::{Outcome, Said};
use super::Console;
use crate::api::{self, OneTip};
use crate::talk;

/// A textarea, its hint and its Send button, for one kind of message.
#[component]
pub fn Compose(
    /// The tip, replaced by the answer.
    one: RwSignal<OneTip>,
    /// `Kind::Reply` or `Kind::Note`.
    kind: Kind,
    /// The route's last part: `replies` or `notes`.
    route: &'static str,
    /// The reporter's `age1…` key to seal to as well (a reply); `None` for
    /// a note, sealed to the hotline only.
    #[prop(into)]
    reporter: Signal<Option<String>>,
    /// The field's label.
    label: &'static str,
    /// What happens to what is written, under the label.
    hint: &'static str,
    /// The button's words.
    button: &'static str,
    /// The sentence once it is stored.
    saved: &'static str,
    /// The `data-testid` prefix (`reply` gives `reply-text`, `reply-send`,
    /// `reply-saved`, `reply-error`).
    testid: &'static str,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let text = RwSignal::new(String::new());
    let outcome: Outcome = RwSignal::new(None);
    let sending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(keys) = console.keys.get_untracked() else {
            outcome.set(Some(Err(
                "Open the hotline's key above first: what you write is sealed with it.".into(),
            )));
            return;
        };
        let now = String::from(js_sys::Date::new_0().to_iso_string());
        let sealed = talk::draft(kind, &text.get_untracked(), &now)
            .map_err(|e| e.to_string())
            .and_then(|message| {
                keys.seal(reporter.get_untracked().as_deref(), &message)
                    .map_err(|e| e.to_string())
            });
        let sealed = match sealed {
            Ok(sealed) => sealed,
            Err(why) => {
                outcome.set(Some(Err(why)));
                return;
            }
        };
        let id = one.with_untracked(|one| one.tip.id.clone());
        outcome.set(None);
        sending.set(true);
        spawn_local(async move {
            let path = format!("/console/api/tips/{id}/{route}");
            match api::post::<Value, OneTip>(&path, &json!({ "sealed": sealed })).await {
                Ok(answer) => {
                    one.set(answer);
                    text.set(String::new());
                    outcome.set(Some(Ok(saved.to_owned())));
                }
                Err(error) => {
                    console.on_error(&error);
                    outcome.set(Some(Err(error.to_string())));
                }
            }
            sending.set(false);
        });
    };
    let field = format!("{testid}-text");
    let hint_id = format!("{testid}-hint");
    view! {
        <form class="compose" on:submit=submit data-testid=format!("{testid}-form")>
            <label for=field.clone()>{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <textarea id=field.clone() rows="4" aria-describedby=hint_id data-testid=field
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="submit" data-testid=format!("{testid}-send")
                disabled=move || sending.get()>{button}</button>
            <Said outcome=outcome testid=testid />
        </form>
    }
}
