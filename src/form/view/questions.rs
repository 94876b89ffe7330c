//! The questions of each step, one small component per step. Which draft
//! field each input reads and writes is all they decide; the inputs
//! themselves are in [`super::fields`].
use super::fields::{choice, Checkbox, DateInput, Select, TextInput};
use crate::content::{signs_by_group, SignKind, TEL_911};
use crate::form::draft::YesNoUnsure;
use crate::form::errors::sign_id;
use crate::form::labels;
use crate::form::state::use_form;
use crate::form::steps::Step;
use crate::i18n::text;
use crate::i18n::{use_i18n, FormStrings};
use crate::markup::Markup;
use crate::sections::hotline::channels;
use lantern_tip::model::{
    ContactPreference, PeopleCount, Reporter, TimeOfDay, TraffickingKind, Tristate,
};
use lantern_tip::Field;
use leptos::prelude::*;

/// An input for each free-text question of `group`, in the field model's
/// order: a new text field of the tip shows up here by itself. Type-erased
/// (`AnyView`), so the list's rendering code is in the Wasm once, not once
/// per step.
fn texts(group: Field) -> AnyView {
    group
        .children()
        .filter(|f| f.is_text_input())
        .map(|field| view! { <TextInput field/> })
        .collect_view()
        .into_any()
}

/// Labels for yes / no / not sure.
fn yes_no_unsure(t: &FormStrings) -> Vec<&'static str> {
    vec![t.yes, t.no, t.not_sure]
}

/// `options` followed by "not sure".
fn with_not_sure(t: &FormStrings, options: &[&'static str]) -> Vec<&'static str> {
    let mut all = options.to_vec();
    all.push(t.not_sure);
    all
}

/// The questions of `step` (the review page has its own component).
pub fn questions(step: Step) -> AnyView {
    match step {
        Step::Safety => view! { <SafetyStep/> }.into_any(),
        Step::Who => choice(
            Field::Reporter,
            |t| t.reporters.to_vec(),
            Reporter::ALL,
            |d| d.reporter,
            |d, v| d.reporter = Some(v),
        )
        .into_any(),
        Step::WhatWhere => view! { <WhatWhereStep/> }.into_any(),
        Step::When => view! { <WhenStep/> }.into_any(),
        Step::People => view! { <PeopleStep/> }.into_any(),
        Step::Signs => view! { <SignsStep/> }.into_any(),
        Step::Online => view! { <OnlineStep/> }.into_any(),
        Step::Narrative => view! {
            <TextInput field=Field::Narrative/>
        }
        .into_any(),
        Step::Contact => view! { <ContactStep/> }.into_any(),
        Step::Review => view! { <super::review::Review/> }.into_any(),
    }
}

/// Is someone in danger now? "Yes" puts 911 and the hotline first; the
/// form stays open below.
#[component]
fn SafetyStep() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    // A memo, so the box is built once when "yes" is picked, not on every
    // change to the draft.
    let danger = Memo::new(move |_| state.draft.with(|d| d.danger_now == Some(Tristate::Yes)));
    // Picking "yes" (a tap, a click, Space) brings the box into view and
    // focus: on a phone it opens below the fold (issue 14). Arrowing
    // through the answers selects each in turn, so then focus stays in the
    // group and the live region announces the box.
    let arrowed = StoredValue::new(false);
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        arrowed.set_value(e.key().starts_with("Arrow"))
    });
    let taps = window_event_listener(leptos::ev::pointerdown, move |_| arrowed.set_value(false));
    on_cleanup(move || {
        keys.remove();
        taps.remove();
    });
    let live = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |was: Option<bool>| {
        let now = danger.get();
        if now && was == Some(false) && !arrowed.get_value() {
            request_animation_frame(move || {
                if let Some(panel) = live.get_untracked().and_then(|l| l.first_element_child()) {
                    crate::reveal::reveal(&panel);
                }
            });
        }
        now
    });
    view! {
        {choice(
            Field::DangerNow,
            yes_no_unsure,
            Tristate::ALL,
            |d| d.danger_now,
            |d, v| d.danger_now = Some(v),
        )}
        // A polite live region, so choosing "yes" is announced. The box is
        // static markup (`crate::markup`), in the language in force.
        <div aria-live="polite" node_ref=live>
            {move || {
                danger.get().then(|| {
                    let s = i18n.t();
                    let mut m = Markup::new();
                    m.open(
                        "div",
                        &[
                            ("class", "lx-callout lx-callout-warn lx-f-danger"),
                            ("tabindex", "-1"),
                            ("data-testid", "form-danger"),
                        ],
                    )
                        .el("h4", "lx-f-h4", s.form.danger_title)
                        .open("p", &[])
                        .open("a", &[("class", "lx-btn lx-btn-danger"), ("href", TEL_911)])
                        .text(s.site.call_911)
                        .close("a")
                        .close("p");
                    channels(&mut m, s.site, false);
                    m.el("p", "", s.form.danger_keep_going).close("div");
                    m.into_view()
                })
            }}
        </div>
        <p class="lx-note">{text(|s| s.form.urgent_note)}</p>
    }
}

/// Kind of situation, type of place, and where.
#[component]
fn WhatWhereStep() -> impl IntoView {
    view! {
        {choice(
            Field::Kind,
            |t| with_not_sure(t, &t.kinds),
            TraffickingKind::ALL,
            |d| d.kind,
            |d, v| d.kind = Some(v),
        )}
        <Select
            field=Field::Venue
            none=|t| t.venue_none
            options=|t| t.venues.to_vec()
            get=|d| &d.venue
            set=|d, v| d.venue = v
        />
        <h4 class="lx-f-h4">{text(|s| s.form.where_legend)}</h4>
        <Select
            field=Field::LocationCountry
            none=|t| t.country_none
            options=|t| t.countries.to_vec()
            get=|d| &d.country
            set=|d, v| d.country = v
        />
        {texts(Field::Location)}
    }
}

/// The date, the time of day, and whether it is still happening.
#[component]
fn WhenStep() -> impl IntoView {
    view! {
        <DateInput/>
        {choice(
            Field::WhenTimeOfDay,
            |t| with_not_sure(t, &t.times),
            TimeOfDay::ALL,
            |d| d.time_of_day,
            |d, v| d.time_of_day = Some(v),
        )}
        {choice(
            Field::WhenOngoing,
            yes_no_unsure,
            YesNoUnsure::ALL,
            |d| d.ongoing,
            |d, v| d.ongoing = Some(v),
        )}
    }
}

/// The people who may need help, and the people who may control them.
#[component]
fn PeopleStep() -> impl IntoView {
    view! {
        <h4 class="lx-f-h4">{text(|s| s.form.people_legend)}</h4>
        {choice(
            Field::PeopleCount,
            |t| with_not_sure(t, &t.counts),
            PeopleCount::ALL,
            |d| d.count,
            |d, v| d.count = Some(v),
        )}
        {choice(
            Field::PeopleMinors,
            yes_no_unsure,
            Tristate::ALL,
            |d| d.minors,
            |d, v| d.minors = Some(v),
        )}
        {texts(Field::People)}
        <h4 class="lx-f-h4">{text(|s| s.form.controllers_legend)}</h4>
        {texts(Field::Controllers)}
    }
}

/// The warning-sign checklist: the same signs, in the same groups and words,
/// as the "Signs of trafficking" section.
#[component]
fn SignsStep() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let groups = signs_by_group(SignKind::Both)
        .into_iter()
        .map(|(group, signs)| {
            let boxes = signs
                .into_iter()
                .map(|sign| {
                    let id = sign.id;
                    view! {
                        <Checkbox
                            id=sign_id(id)
                            label=Signal::derive(move || i18n.t().site.sign(id))
                            checked=Signal::derive(move || state.draft.with(|d| d.has_indicator(id)))
                            toggle=Callback::new(move |on| state.draft.update(|d| d.set_indicator(id, on)))
                        />
                    }
                })
                .collect_view();
            view! {
                <fieldset class="lx-f-group lx-f-fieldset">
                    <legend class="lx-f-legend lx-f-legend-small">
                        {move || i18n.t().site.sign_group(group.id())}
                    </legend>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <fieldset class="lx-f-group lx-f-fieldset" aria-describedby="lx-f-signs-hint">
            <legend class="lx-f-legend">{text(|s| s.form.signs_legend)}</legend>
            <p class="lx-f-hint" id="lx-f-signs-hint">{text(|s| s.form.signs_hint)}</p>
            {groups}
        </fieldset>
    }
}

/// Sites, usernames and phone numbers: stored as text, never opened.
#[component]
fn OnlineStep() -> impl IntoView {
    view! {
        <p class="lx-f-hint">{text(|s| s.form.online_hint)}</p>
        {texts(Field::Online)}
    }
}

/// The mandated-reporting notice first, then the choice, then (only for a
/// contact option) the contact fields.
#[component]
fn ContactStep() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    // A memo: the fields below must not be rebuilt (losing focus) on every
    // key typed into them, only when the choice itself changes.
    let wants = Memo::new(move |_| state.draft.with(|d| d.wants_contact()));
    view! {
        <div class="lx-callout lx-f-notice">
            <h4 class="lx-f-h4">{text(|s| s.form.notice_title)}</h4>
            <p>{text(|s| s.form.notice_body)}</p>
        </div>
        {choice(
            Field::ContactPreference,
            |t| t.contact_options.to_vec(),
            ContactPreference::ALL,
            |d| Some(d.contact),
            |d, v| d.contact = v,
        )}
        {move || {
            wants.get()
                .then(|| {
                    view! {
                        <div class="lx-f-reveal">
                            <p class="lx-f-hint">{text(|s| s.form.contact_safe_hint)}</p>
                            {texts(Field::Contact)}
                            <Checkbox
                                id=crate::form::errors::field_id(Field::ContactVoicemailOk.path())
                                label=Signal::derive(move || labels::label(i18n.t().form, Field::ContactVoicemailOk).unwrap_or_default())
                                checked=Signal::derive(move || state.draft.with(|d| d.voicemail_ok))
                                toggle=Callback::new(move |on| state.draft.update(|d| d.voicemail_ok = on))
                            />
                        </div>
                    }
                })
        }}
    }
}
