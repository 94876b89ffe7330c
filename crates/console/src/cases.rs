//! Grouping tips into cases, as words and choices: what the tip view says
//! of a tip's case, the choices of its "put this tip in a case with" list,
//! what it sends, and the cases the inbox's filter offers. Plain Rust,
//! tested on the host; the components (`ui::case`, `ui::inbox`) only draw
//! it.
//!
//! A case is a number the server gives (`crates/intake`, migration 0008):
//! grouping a tip with one in no case starts a new case for both, a case
//! stays a case with one tip in it, and numbers are never reused.

use serde_json::{json, Value};

use crate::api::SealedRow;
use crate::layout::hour_words;

/// A tip's case in words: `Case 3`, or `No case`.
pub fn case_words(case: Option<u64>) -> String {
    match case {
        Some(number) => format!("Case {number}"),
        None => "No case".into(),
    }
}

/// Where the analyst chose to put the tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// In the case of the tip with this id (a new case for both when it is
    /// in none).
    With(String),
    /// In a new case of its own.
    New,
}

impl Choice {
    /// The choice a `<select>`'s value names: `new`, or a tip's id; `None`
    /// for nothing chosen yet (`""`).
    pub fn from_value(value: &str) -> Option<Self> {
        match value {
            "new" => Some(Choice::New),
            id if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
                Some(Choice::With(id.to_owned()))
            }
            _ => None,
        }
    }

    /// The body of `POST /console/api/tips/{id}/case`.
    pub fn body(&self) -> Value {
        match self {
            Choice::With(tip) => json!({ "case": "with", "tip": tip }),
            Choice::New => json!({ "case": "new" }),
        }
    }
}

/// The body that takes a tip out of its case.
pub fn out_body() -> Value {
    json!({ "case": "none" })
}

/// One choice of the list: its `<select>` value and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offered {
    /// `new`, or the other tip's id.
    pub value: String,
    /// What the analyst reads.
    pub words: String,
}

/// The list's choices: a new case, then every tip but `this`, in the
/// inbox's order, each with the hour it came in, its case, and the start
/// of its words once opened here (`excerpt`), so the analyst can tell them
/// apart.
pub fn offered(
    rows: &[SealedRow],
    this: &str,
    excerpt: impl Fn(&SealedRow) -> Option<String>,
) -> Vec<Offered> {
    let mut out = vec![Offered {
        value: "new".into(),
        words: "A new case, on its own".into(),
    }];
    out.extend(rows.iter().filter(|row| row.id != this).map(|row| {
        let mut words = format!(
            "Tip {} · received {} · {}",
            row.id,
            hour_words(&row.received_hour),
            case_words(row.case)
        );
        if let Some(excerpt) = excerpt(row) {
            words.push_str(" · ");
            words.push_str(&excerpt);
        }
        Offered {
            value: row.id.clone(),
            words,
        }
    }));
    out
}

/// The cases the inbox's filter offers: each case a listed tip is in,
/// once, lowest number first.
pub fn cases_in(rows: &[SealedRow]) -> Vec<u64> {
    let mut cases: Vec<u64> = rows.iter().filter_map(|row| row.case).collect();
    cases.sort_unstable();
    cases.dedup();
    cases
}

/// What the tip view says once a move is saved.
pub fn saved_words(case: Option<u64>) -> String {
    match case {
        Some(number) => format!("Saved. The tip is in case {number}."),
        None => "Saved. The tip is in no case now.".into(),
    }
}

#[cfg(test)]
mod tests {
    use lantern_tip::triage::Status;

    use super::*;

    fn row(id: &str, case: Option<u64>) -> SealedRow {
        SealedRow {
            id: id.into(),
            received_hour: "2026-12-01T10:00:00Z".into(),
            partner: None,
            status: Status::New,
            status_changed_at: None,
            can_ask: false,
            sealed: String::new(),
            labels: Vec::new(),
            priority: None,
            assignee: None,
            unread: 0,
            case,
        }
    }

    #[test]
    fn the_list_offers_a_new_case_and_every_other_tip_with_its_case() {
        let rows = [row("1", Some(3)), row("2", None), row("3", None)];
        let excerpt = |row: &SealedRow| (row.id == "3").then(|| "The van…".to_owned());
        let offered = offered(&rows, "2", excerpt);
        let values: Vec<&str> = offered.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(values, ["new", "1", "3"], "never the tip itself");
        assert_eq!(offered[0].words, "A new case, on its own");
        assert_eq!(
            offered[1].words,
            "Tip 1 · received 2026-12-01 10:00 UTC · Case 3"
        );
        assert_eq!(
            offered[2].words,
            "Tip 3 · received 2026-12-01 10:00 UTC · No case · The van…"
        );
    }

    #[test]
    fn a_choice_is_sent_as_the_api_takes_it() {
        assert_eq!(Choice::from_value(""), None);
        assert_eq!(Choice::from_value("x1"), None);
        assert_eq!(
            Choice::from_value("new").map(|c| c.body()),
            Some(json!({"case": "new"}))
        );
        assert_eq!(
            Choice::from_value("9007199254740993").map(|c| c.body()),
            Some(json!({"case": "with", "tip": "9007199254740993"}))
        );
        assert_eq!(out_body(), json!({"case": "none"}));
    }

    #[test]
    fn the_filter_offers_each_case_once_and_words_are_plain() {
        let rows = [
            row("1", Some(4)),
            row("2", None),
            row("3", Some(2)),
            row("4", Some(4)),
        ];
        assert_eq!(cases_in(&rows), [2, 4]);
        assert_eq!(case_words(Some(4)), "Case 4");
        assert_eq!(case_words(None), "No case");
        assert_eq!(saved_words(Some(4)), "Saved. The tip is in case 4.");
        assert_eq!(saved_words(None), "Saved. The tip is in no case now.");
    }
}
