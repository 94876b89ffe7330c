//! The form's inputs: free text, radio groups, the type-of-place list, the
//! date and the country. Each one has a real label (a `<label>`, or a
//! `<legend>` for a group), its hint tied to it with `aria-describedby`,
//! and, when the last check found a problem, the message beside it with
//! `aria-invalid`.
//!
//! Every value is bound as a property (`prop:value`), never as markup, so
//! whatever a person types or pastes is only ever text.
use crate::form::draft::{multiline, Draft};
use crate::form::errors::{self, field_id};
use crate::form::labels;
use crate::form::state::{use_form, FormState};
use crate::form::words::chars_left;
use crate::i18n::text;
use crate::i18n::{use_i18n, FormStrings};
use crate::markup::Markup;
use lantern_tip::field::{Input, Kind};
use lantern_tip::Field;
use leptos::prelude::*;
use std::time::Duration;

/// The message for the field at `path` on the current step, if any.
pub fn error_for(state: FormState, path: &'static str) -> Signal<Option<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let t = i18n.t().form;
        let step = state.step.get();
        state.errors.with(|all| {
            all.iter()
                .filter(|e| e.field == path && step.asks_for(path))
                .find_map(|e| errors::message(t, e))
        })
    })
}

/// The message beside a field (GOV.UK's "error message"), with a hidden
/// "Error:" so a screen reader says what it is.
#[component]
pub fn FieldMessage(
    /// The id `aria-describedby` points at.
    id: String,
    /// The message, if there is one.
    message: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Static markup (`crate::markup`): the message is the form's own words.
    move || {
        message.get().map(|m| {
            let mut markup = Markup::new();
            markup
                .open("p", &[("class", "lx-f-error"), ("id", &id)])
                .open("span", &[("class", "lx-sr")])
                .text(i18n.t().form.error_prefix)
                .text(" ")
                .close("span")
                .text(&m)
                .close("p");
            markup.into_view()
        })
    }
}

/// How long typing must pause before the characters left are said.
pub const ANNOUNCE_AFTER: Duration = Duration::from_millis(1_000);

/// `aria-describedby` for a field: its hint, then its error if shown.
fn described_by(hint: &str, error_id: &str, has_error: bool) -> String {
    if has_error {
        format!("{hint} {error_id}")
    } else {
        hint.to_owned()
    }
}

/// A free-text answer: one line or a box, with its hint if it has one and,
/// once it nears its cap, how many characters are left: shown at once and
/// said politely to a screen reader when the typing pauses (GOV.UK's
/// character count). Before that, no limit is mentioned (issue 14).
#[component]
pub fn TextInput(
    /// Which answer (a field with [`Field::is_text_input`]).
    field: Field,
) -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    // Whether the question has a hint does not change with the language.
    let has_hint = untrack(|| labels::hint(t(), field).is_some());
    let id = field_id(field.path());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = error_for(state, field.path());
    let value = move || state.draft.with(|d| d.text(field).to_owned());
    let cap = field.cap().unwrap_or_default();
    // Counted in UTF-16 units, the measure `maxlength` stops at.
    let left = Memo::new(move |_| {
        state
            .draft
            .with(|d| chars_left(t(), d.text(field).encode_utf16().count(), cap))
    });
    let (announced, announce) = signal(None::<String>);
    let pause: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        state.draft.update(|d| d.set_text(field, &typed));
        pause.update_value(|timer| {
            if let Some(old) = timer.take() {
                old.clear();
            }
            *timer = set_timeout_with_handle(
                move || {
                    announce.try_set(left.try_get_untracked().flatten());
                },
                ANNOUNCE_AFTER,
            )
            .ok();
        });
    };
    let describedby = {
        let hint_id = has_hint.then(|| hint_id.clone());
        let error_id = error_id.clone();
        move || {
            let error = error.with(Option::is_some).then_some(error_id.as_str());
            let ids: Vec<&str> = hint_id.as_deref().into_iter().chain(error).collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = if multiline(field) {
        view! {
            <textarea
                id=id.clone()
                class="lx-f-textarea"
                rows=if field == Field::Narrative { 8 } else { 4 }
                maxlength=cap
                autocomplete="off"
                spellcheck="false"
                dir="auto"
                aria-describedby=describedby
                aria-invalid=invalid
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        let (kind, mode) = match field.kind() {
            Kind::Text(Input::Tel) => ("tel", "tel"),
            Kind::Text(Input::Email) => ("email", "email"),
            _ => ("text", "text"),
        };
        view! {
            <input
                id=id.clone()
                class="lx-f-input"
                type=kind
                inputmode=mode
                maxlength=cap
                autocomplete="off"
                spellcheck="false"
                dir="auto"
                aria-describedby=describedby
                aria-invalid=invalid
                prop:value=value
                on:input=on_input
            />
        }
        .into_any()
    };
    view! {
        <div class="lx-f-group" class:lx-f-group-error=move || error.with(Option::is_some)>
            <label class="lx-f-label" for=id>{move || labels::label(t(), field).unwrap_or_default()}</label>
            {has_hint.then(|| view! { <p class="lx-f-hint" id=hint_id>{move || labels::hint(t(), field)}</p> })}
            <FieldMessage id=error_id message=error/>
            {input}
            // Seen at once; heard (below) when the typing pauses.
            <p
                class="lx-f-count"
                aria-hidden="true"
                data-testid="chars-left"
                hidden=move || left.with(Option::is_none)
            >
                {move || left.get().unwrap_or_default()}
            </p>
            <p class="lx-sr" aria-live="polite" data-testid="chars-left-said">
                {move || announced.get()}
            </p>
        </div>
    }
}

/// A radio group: `<fieldset>` and `<legend>`, one radio per option. The
/// first radio carries the field's id, so an error link lands on it.
#[component]
pub fn Choices(
    /// The tip field, for ids, errors and the question's words.
    field: Field,
    /// The options' words, in order.
    labels: fn(&FormStrings) -> Vec<&'static str>,
    /// The option chosen, by position.
    chosen: Signal<Option<usize>>,
    /// Called with the position of the option picked.
    pick: Callback<usize>,
) -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    let id = field_id(field.path());
    let error_id = format!("{id}-error");
    let error = error_for(state, field.path());
    let count = untrack(|| labels(t()).len());
    let radios = (0..count)
        .map(|i| {
            let radio_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
            view! {
                <div class="lx-f-radio">
                    <input
                        type="radio"
                        id=radio_id.clone()
                        name=id.clone()
                        prop:checked=move || chosen.get() == Some(i)
                        on:change=move |_| pick.run(i)
                    />
                    <label for=radio_id>{move || labels(t()).get(i).copied().unwrap_or_default()}</label>
                </div>
            }
        })
        .collect_view();
    let describedby = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <fieldset
            class="lx-f-group lx-f-fieldset"
            class:lx-f-group-error=move || error.with(Option::is_some)
            aria-describedby=describedby
        >
            <legend class="lx-f-legend">{move || labels::label(t(), field)}</legend>
            <FieldMessage id=error_id message=error/>
            <div class="lx-f-radios">{radios}</div>
        </fieldset>
    }
}

/// A radio group over one of the tip's closed sets of values: `all` in the
/// order offered, `get`/`set` the draft's field.
pub fn choice<T>(
    field: Field,
    labels: fn(&FormStrings) -> Vec<&'static str>,
    all: &'static [T],
    get: fn(&Draft) -> Option<T>,
    set: fn(&mut Draft, T),
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let state = use_form();
    let chosen = Signal::derive(move || {
        let value = state.draft.with(get)?;
        all.iter().position(|v| *v == value)
    });
    let pick = Callback::new(move |i: usize| {
        if let Some(value) = all.get(i) {
            state.draft.update(|d| set(d, *value));
        }
    });
    view! { <Choices field labels chosen pick/> }
}

/// One checkbox with its label; `id` is the input's id.
#[component]
pub fn Checkbox(
    /// The input's id.
    id: String,
    /// The words.
    label: Signal<&'static str>,
    /// Ticked?
    checked: Signal<bool>,
    /// Called with the new state.
    toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="lx-f-check">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=checked
                on:change=move |ev| toggle.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// A `<select>` of `options` (value, words) with an empty first entry;
/// bound to a `String` of the draft.
#[component]
pub fn Select(
    /// The tip field, for ids, errors and the label's words.
    field: Field,
    /// Words of the empty first entry.
    none: fn(&FormStrings) -> &'static str,
    /// The values and their words.
    options: fn(&FormStrings) -> Vec<(&'static str, &'static str)>,
    /// Reads the draft's value.
    get: fn(&Draft) -> &str,
    /// Writes the draft's value.
    set: fn(&mut Draft, String),
) -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let t = move || i18n.t().form;
    let id = field_id(field.path());
    let error_id = format!("{id}-error");
    let error = error_for(state, field.path());
    view! {
        <div class="lx-f-group" class:lx-f-group-error=move || error.with(Option::is_some)>
            <label class="lx-f-label" for=id.clone()>{move || labels::label(t(), field)}</label>
            <FieldMessage id=error_id.clone() message=error/>
            <select
                id=id
                class="lx-f-select"
                aria-describedby=move || error.with(Option::is_some).then(|| error_id.clone())
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    state.draft.update(|d| set(d, value));
                }
            >
                // Rebuilt only when the language changes; each option
                // follows the draft by itself.
                {move || {
                    let none = none(t());
                    let options = options(t());
                    view! {
                        <option value="" selected=move || state.draft.with(|d| get(d).is_empty())>
                            {none}
                        </option>
                        {options
                            .into_iter()
                            .map(|(value, words)| {
                                view! {
                                    <option
                                        value=value
                                        selected=move || state.draft.with(|d| get(d) == value)
                                    >
                                        {words}
                                    </option>
                                }
                            })
                            .collect_view()}
                    }
                }}
            </select>
        </div>
    }
}

/// The date, with today as the latest day the picker offers.
#[component]
pub fn DateInput() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let field = Field::WhenDate;
    let id = field_id(field.path());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = error_for(state, field.path());
    let today = crate::form::client::today().to_string();
    let describedby = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || described_by(&hint_id, &error_id, error.with(Option::is_some))
    };
    view! {
        <div class="lx-f-group" class:lx-f-group-error=move || error.with(Option::is_some)>
            <label class="lx-f-label" for=id.clone()>{move || labels::label(i18n.t().form, field)}</label>
            <p class="lx-f-hint" id=hint_id>{text(|s| s.form.date_hint)}</p>
            <FieldMessage id=error_id message=error/>
            <input
                id=id
                class="lx-f-input lx-f-date"
                type="date"
                max=today
                autocomplete="off"
                aria-describedby=describedby
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || state.draft.with(|d| d.date.clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.draft.update(|d| d.date = value);
                }
            />
        </div>
    }
}
