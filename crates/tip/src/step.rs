//! The tip form's steps as plain ids: the short journey through them, which
//! are optional, and their stable names. The widget draws each step; the
//! field model ([`crate::Field`]) says which step asks for each field; the
//! end-to-end harness walks the same list. No web dependencies, so all
//! three read one model.
//!
//! The journey is three steps: the safety question, what happened (the one
//! answer a tip needs), and "check and send". Everything else is optional
//! detail, offered on the check-and-send page: each optional step is
//! reached from there and leads back there.

use crate::Field;

/// One page of the form. The receipt that follows a successful send is not
/// a step (there is no going back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Is someone in danger right now?
    Safety,
    /// The narrative: the one required answer.
    Narrative,
    /// Who is sending the tip.
    Who,
    /// What kind of situation, what kind of place, and where.
    WhatWhere,
    /// When it happened, and whether it is still going on.
    When,
    /// The people who may need help, and the people who may control them.
    People,
    /// Warning signs noticed.
    Signs,
    /// Websites, apps, usernames and phone numbers.
    Online,
    /// Whether and how the hotline may get in touch.
    Contact,
    /// Every answer, with a way back to change it, the send button, and
    /// the optional steps offered.
    Review,
}

impl Step {
    /// Every step, in the order the review lists them.
    pub const ALL: [Step; 10] = [
        Step::Safety,
        Step::Narrative,
        Step::Who,
        Step::WhatWhere,
        Step::When,
        Step::People,
        Step::Signs,
        Step::Online,
        Step::Contact,
        Step::Review,
    ];

    /// The numbered journey: the steps every tip goes through.
    pub const JOURNEY: [Step; 3] = [Step::Safety, Step::Narrative, Step::Review];

    /// The first step.
    pub const FIRST: Step = Step::Safety;

    /// Position in [`Step::ALL`] from 0 (the index of its title).
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Position in the journey from 1, as the progress indicator shows it
    /// ("Step 2 of 3"); `None` for an optional step.
    pub fn number(self) -> Option<usize> {
        Step::JOURNEY.iter().position(|s| *s == self).map(|i| i + 1)
    }

    /// How many steps the journey has.
    pub fn count() -> usize {
        Step::JOURNEY.len()
    }

    /// Whether this step is optional detail, offered from the review.
    pub fn is_optional(self) -> bool {
        self.number().is_none()
    }

    /// The optional steps, in the order the review offers them.
    pub fn optional() -> impl Iterator<Item = Step> {
        Step::ALL.into_iter().filter(|s| s.is_optional())
    }

    /// The step after this one the first time through: the next step of
    /// the journey, or the review after an optional step; `None` on the
    /// review page.
    pub fn next(self) -> Option<Step> {
        match self.number() {
            Some(n) => Step::JOURNEY.get(n).copied(),
            None => Some(Step::Review),
        }
    }

    /// The step before this one the first time through: the journey's
    /// previous step, or the review for an optional step (where it was
    /// opened from); `None` on the first step and on the review.
    pub fn back(self) -> Option<Step> {
        match self.number() {
            Some(n) if self != Step::Review => n.checked_sub(2).map(|i| Step::JOURNEY[i]),
            Some(_) => None,
            None => Some(Step::Review),
        }
    }

    /// A stable short name, used in element ids and `data-step`.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Safety => "safety",
            Step::Who => "who",
            Step::WhatWhere => "what-where",
            Step::When => "when",
            Step::People => "people",
            Step::Signs => "signs",
            Step::Online => "online",
            Step::Narrative => "narrative",
            Step::Contact => "contact",
            Step::Review => "review",
        }
    }

    /// The step that asks for the tip field at `path` (a path as the
    /// validator and the server report it: `"narrative"`, `"when.date"`,
    /// `"indicators[2]"`), from the field model: the step of the field, or
    /// of its closest listed parent. `None` for fields no person fills in
    /// (`version`, `language`, `partner`) and paths the tip does not have.
    pub fn for_field(path: &str) -> Option<Step> {
        Field::nearest(path)?.step()
    }

    /// Whether the field at `path` is asked on this step.
    pub fn asks_for(self, path: &str) -> bool {
        Step::for_field(path) == Some(self)
    }

    /// The fields this step asks for, in form order.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(move |f| f.step() == Some(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journey_is_safety_then_what_happened_then_send() {
        let mut seen = vec![Step::FIRST];
        let mut step = Step::FIRST;
        while let Some(next) = step.next() {
            seen.push(next);
            step = next;
        }
        assert_eq!(seen, Step::JOURNEY);
        assert_eq!(seen, [Step::Safety, Step::Narrative, Step::Review]);
    }

    #[test]
    fn optional_steps_open_from_the_review_and_lead_back_to_it() {
        let optional: Vec<Step> = Step::optional().collect();
        assert_eq!(
            optional,
            [
                Step::Who,
                Step::WhatWhere,
                Step::When,
                Step::People,
                Step::Signs,
                Step::Online,
                Step::Contact
            ]
        );
        for step in optional {
            assert_eq!(step.next(), Some(Step::Review), "{step:?}");
            assert_eq!(step.back(), Some(Step::Review), "{step:?}");
            assert_eq!(step.number(), None);
        }
    }

    #[test]
    fn back_undoes_next_along_the_journey() {
        assert_eq!(Step::Narrative.back(), Some(Step::Safety));
        assert_eq!(Step::FIRST.back(), None);
        assert_eq!(Step::Review.back(), None);
        assert_eq!(Step::Review.next(), None);
    }

    #[test]
    fn numbers_count_from_one_along_the_journey() {
        assert_eq!(Step::Safety.number(), Some(1));
        assert_eq!(Step::Narrative.number(), Some(2));
        assert_eq!(Step::Review.number(), Some(Step::count()));
        assert_eq!(Step::count(), 3);
    }

    #[test]
    fn the_review_lists_steps_in_this_order() {
        let order: Vec<&str> = Step::ALL.iter().map(|s| s.slug()).collect();
        assert_eq!(
            order,
            [
                "safety",
                "narrative",
                "who",
                "what-where",
                "when",
                "people",
                "signs",
                "online",
                "contact",
                "review"
            ]
        );
    }

    #[test]
    fn fields_map_to_the_step_that_asks_for_them() {
        let cases = [
            ("danger_now", Step::Safety),
            ("reporter", Step::Who),
            ("kind", Step::WhatWhere),
            ("venue", Step::WhatWhere),
            ("location.city", Step::WhatWhere),
            ("location.somewhere", Step::WhatWhere),
            ("when.date", Step::When),
            ("when", Step::When),
            ("people.description", Step::People),
            ("controllers.vehicles", Step::People),
            ("indicators[2]", Step::Signs),
            ("indicators", Step::Signs),
            ("online.handles", Step::Online),
            ("narrative", Step::Narrative),
            ("contact.email", Step::Contact),
            ("contact", Step::Contact),
        ];
        for (path, step) in cases {
            assert_eq!(Step::for_field(path), Some(step), "{path}");
            assert!(step.asks_for(path));
        }
        for path in ["version", "language", "partner", "", "narrativeX"] {
            assert_eq!(Step::for_field(path), None, "{path}");
        }
        assert!(!Step::Review.asks_for("narrative"));
    }

    #[test]
    fn every_step_but_the_review_asks_for_something() {
        for step in Step::ALL {
            assert_eq!(
                step.fields().next().is_some(),
                step != Step::Review,
                "{step:?}"
            );
        }
    }
}
