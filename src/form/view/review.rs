//! "Check and send": the answers to the journey's questions as plain text,
//! the send button, then the optional steps, each with the answers given so
//! far and an "Add" or "Change" button to its step (GOV.UK's "check your
//! answers", with the optional questions offered rather than imposed). The
//! rows are built by [`rows`], plain Rust, so what the page says has host
//! tests.
use super::status::SendArea;
use crate::form::draft::{Draft, YesNoUnsure};
use crate::form::labels::label;
use crate::form::state::use_form;
use crate::form::steps::Step;
use crate::form::words::{long_date, venue};
use crate::i18n::text;
use crate::i18n::{use_i18n, FormStrings, Strings};
use lantern_tip::model::{
    ContactPreference, PeopleCount, Reporter, TimeOfDay, TraffickingKind, Tristate,
};
use lantern_tip::Field;
use leptos::prelude::*;

/// One line of the review: the question, and the answer as text (empty
/// when not answered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The step that asks it.
    pub step: Step,
    /// The question.
    pub question: &'static str,
    /// The answer, exactly as given for free text.
    pub answer: String,
}

/// Words of `value`'s position in `all`, looked up in `labels`.
fn pick<T: PartialEq>(value: Option<T>, all: &[T], labels: &[&'static str]) -> String {
    value
        .and_then(|v| all.iter().position(|x| *x == v))
        .and_then(|i| labels.get(i))
        .map(|s| (*s).to_owned())
        .unwrap_or_default()
}

/// Every row of the review, in form order.
pub fn rows(s: &Strings, d: &Draft) -> Vec<Row> {
    let t = s.form;
    let yes_no = [t.yes, t.no, t.not_sure];
    let with_not_sure = |options: &[&'static str]| {
        let mut all = options.to_vec();
        all.push(t.not_sure);
        all
    };
    let mut rows = Vec::new();
    let mut add = |step, question, answer: String| {
        rows.push(Row {
            step,
            question,
            answer,
        })
    };
    // The free-text answers of a group, in the field model's order.
    let texts = |group: Field| {
        group
            .children()
            .filter(|f| f.is_text_input())
            .map(|f| (label(t, f).unwrap_or_default(), d.text(f).to_owned()))
            .collect::<Vec<_>>()
    };

    add(
        Step::Safety,
        t.danger_question,
        pick(d.danger_now, Tristate::ALL, &yes_no),
    );
    add(
        Step::Who,
        t.reporter_question,
        pick(d.reporter, Reporter::ALL, &t.reporters),
    );
    add(
        Step::WhatWhere,
        t.kind_question,
        pick(d.kind, TraffickingKind::ALL, &with_not_sure(&t.kinds)),
    );
    add(
        Step::WhatWhere,
        t.venue_label,
        venue(t, &d.venue).to_owned(),
    );
    let country = t
        .countries
        .iter()
        .find(|(code, _)| *code == d.country)
        .map_or_else(|| d.country.clone(), |(_, words)| (*words).to_owned());
    add(Step::WhatWhere, t.country_label, country);
    for (question, answer) in texts(Field::Location) {
        add(Step::WhatWhere, question, answer);
    }
    add(Step::When, t.date_label, long_date(t, &d.date));
    add(
        Step::When,
        t.time_question,
        pick(d.time_of_day, TimeOfDay::ALL, &with_not_sure(&t.times)),
    );
    add(
        Step::When,
        t.ongoing_question,
        pick(d.ongoing, YesNoUnsure::ALL, &yes_no),
    );
    add(
        Step::People,
        t.count_question,
        pick(d.count, PeopleCount::ALL, &with_not_sure(&t.counts)),
    );
    add(
        Step::People,
        t.minors_question,
        pick(d.minors, Tristate::ALL, &yes_no),
    );
    for (question, answer) in [texts(Field::People), texts(Field::Controllers)].concat() {
        add(Step::People, question, answer);
    }
    let signs: Vec<&str> = d.indicators.iter().map(|id| s.site.sign(id)).collect();
    add(Step::Signs, t.signs_legend, signs.join("\n"));
    for (question, answer) in texts(Field::Online) {
        add(Step::Online, question, answer);
    }
    add(
        Step::Narrative,
        t.narrative_label,
        d.text(Field::Narrative).to_owned(),
    );
    add(
        Step::Contact,
        t.contact_question,
        pick(Some(d.contact), ContactPreference::ALL, &t.contact_options),
    );
    if d.wants_contact() {
        for (question, answer) in texts(Field::Contact) {
            add(Step::Contact, question, answer);
        }
        let voicemail = if d.voicemail_ok { t.yes } else { t.no };
        add(Step::Contact, t.voicemail_label, voicemail.to_owned());
    }
    rows
}

/// One group of the review: a step's title, its answers, and a button to
/// that step ("Change", or "Add" for an optional step not yet answered).
/// An optional step lists only what was answered, so the page stays short.
fn group(step: Step, rows: &[Row], t: &'static FormStrings) -> impl IntoView {
    let state = use_form();
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| r.step == step && !(step.is_optional() && r.answer.is_empty()))
        .collect();
    let answered = rows.iter().any(|r| !r.answer.is_empty());
    let items = rows
        .into_iter()
        .map(|row| {
            let empty = row.answer.is_empty();
            let answer = if empty {
                t.not_answered.to_owned()
            } else {
                row.answer.clone()
            };
            view! {
                <div class="lx-f-row">
                    <dt class="lx-f-question">{row.question}</dt>
                    // Text only, isolated: a right-to-left override in an
                    // answer cannot reorder the words around it.
                    <dd class="lx-f-answer" class:lx-f-empty=empty dir="auto">{answer}</dd>
                </div>
            }
        })
        .collect_view();
    let title = t.step_titles[step.index()];
    let action = if answered || !step.is_optional() {
        t.change
    } else {
        t.add
    };
    view! {
        <div class="lx-f-review-group" data-testid=format!("review-{}", step.slug())>
            <div class="lx-f-review-head">
                <h4 class="lx-f-h4">{title}</h4>
                <button type="button" class="lx-f-link" on:click=move |_| state.go_to(step)>
                    {action}
                    <span class="lx-sr">" "{title}</span>
                </button>
            </div>
            <dl class="lx-f-list">{items}</dl>
        </div>
    }
}

/// The review page: what will be sent, the send button right after it,
/// then the optional detail a person may add first.
#[component]
pub fn Review() -> impl IntoView {
    let state = use_form();
    let i18n = use_i18n();
    let groups = move |optional: bool| {
        let s = i18n.t();
        let all = state.draft.with(|d| rows(s, d));
        Step::ALL
            .iter()
            .filter(|step| **step != Step::Review && step.is_optional() == optional)
            .map(|&step| group(step, &all, s.form))
            .collect_view()
    };
    view! {
        <p>{text(|s| s.form.review_intro)}</p>
        {move || groups(false)}
        <SendArea/>
        <h4 class="lx-f-h4 lx-f-more">{text(|s| s.form.more_title)}</h4>
        <p class="lx-f-hint">{text(|s| s.form.more_intro)}</p>
        {move || groups(true)}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    fn answer_to(rows: &[Row], question: &str) -> String {
        rows.iter()
            .find(|r| r.question == question)
            .map(|r| r.answer.clone())
            .unwrap_or_else(|| "<no such row>".into())
    }

    #[test]
    fn every_step_but_review_has_rows_and_empty_answers_are_empty() {
        let s = strings(Lang::En);
        let rows = rows(s, &Draft::default());
        for step in Step::ALL {
            assert_eq!(
                rows.iter().any(|r| r.step == step),
                step != Step::Review,
                "{step:?}"
            );
        }
        assert_eq!(answer_to(&rows, s.form.narrative_label), "");
        assert_eq!(
            answer_to(&rows, s.form.contact_question),
            "Do not contact me"
        );
        assert_eq!(answer_to(&rows, s.form.phone_label), "<no such row>");
    }

    #[test]
    fn choices_read_as_words_in_the_language_in_force() {
        let mut d = Draft::default();
        d.danger_now = Some(Tristate::Unsure);
        d.count = Some(PeopleCount::TwoToFive);
        d.venue = "agriculture".into();
        d.country = "MX".into();
        d.ongoing = Some(YesNoUnsure::No);
        d.set_indicator("isolated", true);
        d.date = "2026-11-28".into();
        let en = strings(Lang::En);
        let rows_en = rows(en, &d);
        assert_eq!(answer_to(&rows_en, en.form.date_label), "28 November 2026");
        assert_eq!(answer_to(&rows_en, en.form.danger_question), "Not sure");
        assert_eq!(answer_to(&rows_en, en.form.count_question), "2 to 5 people");
        assert_eq!(answer_to(&rows_en, en.form.venue_label), "Farm or ranch");
        assert_eq!(answer_to(&rows_en, en.form.country_label), "Mexico");
        assert_eq!(answer_to(&rows_en, en.form.ongoing_question), "No");
        assert_eq!(
            answer_to(&rows_en, en.form.signs_legend),
            en.site.sign("isolated")
        );
        let es = strings(Lang::Es);
        let rows_es = rows(es, &d);
        assert_eq!(answer_to(&rows_es, es.form.danger_question), "No sé");
        assert_eq!(answer_to(&rows_es, es.form.country_label), "México");
        assert_eq!(
            answer_to(&rows_es, es.form.date_label),
            "28 de noviembre de 2026"
        );
    }

    #[test]
    fn free_text_is_shown_exactly_as_typed() {
        let hostile = "<img src=x onerror=alert(1)>\u{202e}\u{200b}\u{0}🙂";
        let mut d = Draft::default();
        d.set_text(Field::Narrative, hostile);
        let en = strings(Lang::En);
        assert_eq!(answer_to(&rows(en, &d), en.form.narrative_label), hostile);
    }

    #[test]
    fn contact_rows_appear_only_with_a_contact_option() {
        let mut d = Draft::default();
        d.set_text(Field::ContactEmail, "me@example.org");
        let en = strings(Lang::En);
        assert_eq!(
            answer_to(&rows(en, &d), en.form.email_label),
            "<no such row>"
        );
        d.contact = ContactPreference::Share;
        d.voicemail_ok = true;
        let r = rows(en, &d);
        assert_eq!(answer_to(&r, en.form.email_label), "me@example.org");
        assert_eq!(answer_to(&r, en.form.voicemail_label), "Yes");
    }
}
