//! The order of the form's steps and which tip fields each one asks for.
//! Plain data, so the component only has to render the step in force.

/// One page of the form. The review page is the last step; the receipt
/// that follows a successful send is not a step (there is no going back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Is someone in danger right now?
    Safety,
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
    /// The narrative: the one required answer.
    Narrative,
    /// Whether and how the hotline may get in touch.
    Contact,
    /// Every answer, with links back to change it, and the send button.
    Review,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 10] = [
        Step::Safety,
        Step::Who,
        Step::WhatWhere,
        Step::When,
        Step::People,
        Step::Signs,
        Step::Online,
        Step::Narrative,
        Step::Contact,
        Step::Review,
    ];

    /// The first step.
    pub const FIRST: Step = Step::Safety;

    /// Position from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Position from 1, as the progress indicator shows it ("Step 3 of 10").
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// How many steps there are.
    pub fn count() -> usize {
        Step::ALL.len()
    }

    /// The step after this one; `None` on the review page.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one; `None` on the first.
    pub fn back(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }

    /// A stable short name, used in element ids.
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
    /// `"indicators[2]"`). `None` for fields no person fills in (`version`,
    /// `language`, `partner`).
    pub fn for_field(path: &str) -> Option<Step> {
        let top = path.split(['.', '[']).next().unwrap_or(path);
        Some(match top {
            "danger_now" => Step::Safety,
            "reporter" => Step::Who,
            "kind" | "venue" | "location" => Step::WhatWhere,
            "when" => Step::When,
            "people" | "controllers" => Step::People,
            "indicators" => Step::Signs,
            "online" => Step::Online,
            "narrative" => Step::Narrative,
            "contact" => Step::Contact,
            _ => return None,
        })
    }

    /// Whether the field at `path` is asked on this step.
    pub fn asks_for(self, path: &str) -> bool {
        Step::for_field(path) == Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_visits_every_step_once_in_order() {
        let mut seen = vec![Step::FIRST];
        let mut step = Step::FIRST;
        while let Some(next) = step.next() {
            seen.push(next);
            step = next;
        }
        assert_eq!(seen, Step::ALL);
        assert_eq!(step, Step::Review);
    }

    #[test]
    fn back_undoes_next() {
        for step in Step::ALL {
            if let Some(next) = step.next() {
                assert_eq!(next.back(), Some(step));
            }
        }
        assert_eq!(Step::FIRST.back(), None);
        assert_eq!(Step::Review.next(), None);
    }

    #[test]
    fn numbers_count_from_one() {
        assert_eq!(Step::Safety.number(), 1);
        assert_eq!(Step::Review.number(), Step::count());
        assert_eq!(Step::count(), 10);
    }

    #[test]
    fn the_order_is_the_one_the_issue_asks_for() {
        let order: Vec<&str> = Step::ALL.iter().map(|s| s.slug()).collect();
        assert_eq!(
            order,
            [
                "safety",
                "who",
                "what-where",
                "when",
                "people",
                "signs",
                "online",
                "narrative",
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
}
