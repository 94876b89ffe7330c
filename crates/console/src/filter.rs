//! The inbox's filters: by status, priority, label and case (the clear
//! columns; the case filter shows the tips of one case together),
//! and a search inside the tips opened in this browser. Plain Rust, tested
//! on the host; the inbox's components hold a [`Filter`] and ask it which
//! rows to show. The filter lives in the app's state, so it still holds
//! when the analyst opens a tip and comes back.
//!
//! The search never leaves the browser: it reads the words of tips already
//! opened here ([`search_text`]), so a sealed tip (no key open, or not
//! sealed to this key) matches no search.

use lantern_tip::triage::{Priority, Status};
use lantern_tip::SealedTip;

use crate::api::SealedRow;
use crate::layout;

/// Which priority the inbox shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PriorityFilter {
    /// Every tip (the default).
    #[default]
    Any,
    /// Tips with no priority set.
    NotSet,
    /// Tips with this priority.
    Is(Priority),
}

impl PriorityFilter {
    /// The filter a `<select>`'s value names: `""` any, `none` not set, or
    /// a priority's id.
    pub fn from_value(value: &str) -> Self {
        match value {
            "none" => PriorityFilter::NotSet,
            other => Priority::parse(other).map_or(PriorityFilter::Any, PriorityFilter::Is),
        }
    }

    /// The `<select>` value naming this filter ([`Self::from_value`]'s
    /// inverse).
    pub fn value(self) -> &'static str {
        match self {
            PriorityFilter::Any => "",
            PriorityFilter::NotSet => "none",
            PriorityFilter::Is(priority) => priority.id(),
        }
    }
}

/// Which case the inbox shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseFilter {
    /// Every tip (the default).
    #[default]
    Any,
    /// Tips in no case.
    NoCase,
    /// The tips of this case, together.
    Is(u64),
}

impl CaseFilter {
    /// The filter a `<select>`'s value names: `""` any, `none` in no
    /// case, or a case's number.
    pub fn from_value(value: &str) -> Self {
        match value {
            "none" => CaseFilter::NoCase,
            other => other.parse().map_or(CaseFilter::Any, CaseFilter::Is),
        }
    }

    /// The `<select>` value naming this filter ([`Self::from_value`]'s
    /// inverse).
    pub fn value(self) -> String {
        match self {
            CaseFilter::Any => String::new(),
            CaseFilter::NoCase => "none".into(),
            CaseFilter::Is(number) => number.to_string(),
        }
    }
}

/// What the inbox shows. The default shows every tip.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Only tips with this status (`None`: every status).
    pub status: Option<Status>,
    /// Which priority.
    pub priority: PriorityFilter,
    /// Only tips carrying this label id (`None`: any).
    pub label: Option<String>,
    /// Which case.
    pub case: CaseFilter,
    /// Words to find inside the opened tips (case and spacing ignored);
    /// empty for no search.
    pub search: String,
}

impl Filter {
    /// Whether any filter or search is set.
    pub fn is_set(&self) -> bool {
        *self != Filter::default()
    }

    /// Whether `row` is shown. `opened` is the tip's [`search_text`] once
    /// it was opened here, `None` while sealed.
    pub fn shows(&self, row: &SealedRow, opened: Option<&str>) -> bool {
        if self.status.is_some_and(|status| status != row.status) {
            return false;
        }
        let priority = row.priority.as_deref().and_then(Priority::parse);
        let priority_ok = match self.priority {
            PriorityFilter::Any => true,
            PriorityFilter::NotSet => row.priority.is_none(),
            PriorityFilter::Is(wanted) => priority == Some(wanted),
        };
        if !priority_ok {
            return false;
        }
        if let Some(label) = &self.label {
            if !row.labels.contains(label) {
                return false;
            }
        }
        let case_ok = match self.case {
            CaseFilter::Any => true,
            CaseFilter::NoCase => row.case.is_none(),
            CaseFilter::Is(number) => row.case == Some(number),
        };
        if !case_ok {
            return false;
        }
        let words = normalise(&self.search);
        if words.is_empty() {
            return true;
        }
        opened.is_some_and(|text| words.split(' ').all(|word| text.contains(word)))
    }
}

/// Lower case, runs of spaces and line breaks as one space.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything an opened tip says, as the search reads it: every value of
/// every section the tip view shows ([`layout::sections`]), normalised.
pub fn search_text(sealed: &SealedTip) -> String {
    let all: Vec<String> = layout::sections(sealed)
        .into_iter()
        .flat_map(|section| section.rows.into_iter().map(|(_, value)| value))
        .collect();
    normalise(&all.join(" "))
}

#[cfg(test)]
mod tests {
    use lantern_tip::model::Location;
    use lantern_tip::Tip;

    use super::*;

    fn row(status: Status, priority: Option<&str>, labels: &[&str]) -> SealedRow {
        SealedRow {
            id: "1".into(),
            received_hour: "2026-12-01T10:00:00Z".into(),
            partner: None,
            status,
            status_changed_at: None,
            can_ask: false,
            sealed: String::new(),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            priority: priority.map(str::to_owned),
            assignee: None,
            unread: 0,
            case: None,
        }
    }

    #[test]
    fn the_default_filter_shows_everything_even_sealed() {
        let filter = Filter::default();
        assert!(!filter.is_set());
        assert!(filter.shows(&row(Status::Closed, None, &[]), None));
    }

    #[test]
    fn status_priority_and_label_narrow_the_list() {
        let urgent = row(Status::InReview, Some("urgent"), &["debt-bondage"]);
        let plain = row(Status::New, None, &[]);
        let by_status = Filter {
            status: Some(Status::InReview),
            ..Filter::default()
        };
        assert!(by_status.shows(&urgent, None) && !by_status.shows(&plain, None));
        let by_priority = Filter {
            priority: PriorityFilter::from_value("urgent"),
            ..Filter::default()
        };
        assert!(by_priority.shows(&urgent, None) && !by_priority.shows(&plain, None));
        let not_set = Filter {
            priority: PriorityFilter::from_value("none"),
            ..Filter::default()
        };
        assert!(!not_set.shows(&urgent, None) && not_set.shows(&plain, None));
        assert_eq!(PriorityFilter::from_value(""), PriorityFilter::Any);
        for value in ["", "none", "low", "urgent"] {
            assert_eq!(PriorityFilter::from_value(value).value(), value);
        }
        let by_label = Filter {
            label: Some("debt-bondage".into()),
            ..Filter::default()
        };
        assert!(by_label.shows(&urgent, None) && !by_label.shows(&plain, None));
    }

    #[test]
    fn the_case_filter_shows_one_case_together_or_the_tips_in_none() {
        let mut in_three = row(Status::New, None, &[]);
        in_three.case = Some(3);
        let mut in_four = row(Status::Closed, None, &[]);
        in_four.case = Some(4);
        let loose = row(Status::New, None, &[]);
        let by = |value: &str| Filter {
            case: CaseFilter::from_value(value),
            ..Filter::default()
        };
        let shown = |filter: Filter| {
            [&in_three, &in_four, &loose]
                .iter()
                .map(|row| filter.shows(row, None))
                .collect::<Vec<_>>()
        };
        assert_eq!(shown(by("")), [true, true, true]);
        assert_eq!(shown(by("3")), [true, false, false]);
        assert_eq!(shown(by("none")), [false, false, true]);
        for value in ["", "none", "3"] {
            assert_eq!(CaseFilter::from_value(value).value(), value);
        }
        assert_eq!(CaseFilter::from_value("x"), CaseFilter::Any);
    }

    #[test]
    fn the_search_reads_only_opened_tips_and_finds_every_word() {
        let sealed = SealedTip::new(
            "1234 5678 9012 3456".parse().unwrap(),
            "2026-12-01T10:11:12Z".into(),
            Tip {
                location: Some(Location {
                    city: "Fresno".into(),
                    ..Default::default()
                }),
                narrative: "The foreman keeps\nthe PASSPORTS in a van.".into(),
                ..Default::default()
            },
        );
        let text = search_text(&sealed);
        let row = row(Status::New, None, &[]);
        let search = |words: &str| Filter {
            search: words.into(),
            ..Filter::default()
        };
        assert!(search("passports  van").shows(&row, Some(&text)));
        assert!(search("fresno").shows(&row, Some(&text)));
        assert!(!search("passports truck").shows(&row, Some(&text)));
        assert!(!search("passports").shows(&row, None), "sealed: no match");
        assert!(search("   ").shows(&row, None), "blank is no search");
    }
}
