//! The labels' checklist in the tip view: the two fixed lists of
//! `lantern_tip::triage` as groups of words, and which boxes start ticked.
//! Plain Rust, tested on the host.

use lantern_tip::triage::{Changed, LabelKind, LABELS, MAX_LABELS};

use crate::api::Change;
use crate::layout::id_words;

/// One group of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its legend.
    pub legend: &'static str,
    /// Its labels' ids, in the list's order.
    pub ids: Vec<&'static str>,
}

/// The checklist's groups: Polaris's 25 types, then the ILO's 11
/// indicators.
pub fn groups() -> Vec<Group> {
    let of = |kind| {
        LABELS
            .iter()
            .filter(|l| l.kind == kind)
            .map(|l| l.id)
            .collect()
    };
    vec![
        Group {
            legend: "Type of trafficking (Polaris typology)",
            ids: of(LabelKind::PolarisType),
        },
        Group {
            legend: "Signs of forced labour (ILO indicators)",
            ids: of(LabelKind::IloIndicator),
        },
    ]
}

/// A label's words (`debt-bondage` as `debt bondage`).
pub fn words(id: &str) -> String {
    id_words(id)
}

/// The boxes ticked when the tip view opens: the tip's labels; or, while
/// nobody has ever set its labels, the ones its answers suggest, so the
/// analyst checks them and saves (never saved on their own). At most
/// [`MAX_LABELS`].
pub fn prefilled(current: &[String], suggested: &[&str], history: &[Change]) -> Vec<String> {
    let ever_set = history.iter().any(|change| change.what == Changed::Labels);
    let mut ticked: Vec<String> = if ever_set || !current.is_empty() {
        current.to_vec()
    } else {
        suggested.iter().map(|id| (*id).to_owned()).collect()
    };
    ticked.truncate(MAX_LABELS);
    ticked
}

/// The ticked ids in the lists' order, as the API takes them.
pub fn in_order(ticked: &[String]) -> Vec<String> {
    LABELS
        .iter()
        .filter(|label| ticked.iter().any(|id| id == label.id))
        .map(|label| label.id.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(what: Changed) -> Change {
        Change {
            what,
            value: None,
            at: "2026-12-01T10:00:00Z".into(),
            by: "ana".into(),
        }
    }

    #[test]
    fn the_groups_hold_both_whole_lists() {
        let groups = groups();
        assert_eq!(groups[0].ids.len(), 25);
        assert_eq!(groups[1].ids.len(), 11);
        assert_eq!(words("debt-bondage"), "debt bondage");
    }

    #[test]
    fn suggestions_are_ticked_only_while_labels_were_never_set() {
        let suggested = ["domestic-work", "debt-bondage"];
        assert_eq!(prefilled(&[], &suggested, &[]), suggested);
        assert_eq!(
            prefilled(&[], &suggested, &[change(Changed::Status)]),
            suggested
        );
        assert!(
            prefilled(&[], &suggested, &[change(Changed::Labels)]).is_empty(),
            "an analyst cleared them: stay cleared"
        );
        let current = vec!["isolation".to_owned()];
        assert_eq!(prefilled(&current, &suggested, &[]), current);
    }

    #[test]
    fn ticked_labels_are_sent_in_the_lists_order() {
        let ticked = vec!["debt-bondage".to_owned(), "domestic-work".to_owned()];
        assert_eq!(in_order(&ticked), ["domestic-work", "debt-bondage"]);
    }
}
