//! The words analysts triage tips with in the console (issue 17): labels
//! from two fixed lists, and priorities. These are the hotline's own words
//! about a tip, never the reporter's: the console stores them in clear
//! beside the sealed tip. They live in this crate (no web or server
//! dependencies) so the intake, which validates them, and the console's
//! Wasm app, which will offer them, share one table, as the form and the
//! awareness pages share `catalog`. Only ids live here; words a person reads
//! belong in the console's locale files, keyed by these ids.
//!
//! Ids are stored: never rename or reuse one.

/// Which list a label comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// One of the 25 types of the Polaris Project's typology of modern
    /// slavery in the United States (2017).
    PolarisType,
    /// One of the ILO's 11 indicators of forced labour (2012).
    IloIndicator,
}

/// A triage label: its stable kebab-case id and its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// Stable kebab-case id (stored, and sent by the console).
    pub id: &'static str,
    /// The list it comes from.
    pub kind: LabelKind,
}

const fn polaris(id: &'static str) -> Label {
    Label {
        id,
        kind: LabelKind::PolarisType,
    }
}

const fn ilo(id: &'static str) -> Label {
    Label {
        id,
        kind: LabelKind::IloIndicator,
    }
}

/// Every label: the Polaris typology's 25 types in its order, then the
/// ILO's 11 indicators in theirs.
pub const LABELS: &[Label] = &[
    polaris("escort-services"),
    polaris("illicit-massage-health-beauty"),
    polaris("outdoor-solicitation"),
    polaris("residential"),
    polaris("domestic-work"),
    polaris("bars-strip-clubs-cantinas"),
    polaris("pornography"),
    polaris("traveling-sales-crews"),
    polaris("restaurants-food-service"),
    polaris("peddling-begging"),
    polaris("agriculture-animal-husbandry"),
    polaris("personal-sexual-servitude"),
    polaris("health-beauty-services"),
    polaris("construction"),
    polaris("hotels-hospitality"),
    polaris("landscaping"),
    polaris("illicit-activities"),
    polaris("arts-entertainment"),
    polaris("commercial-cleaning-services"),
    polaris("factories-manufacturing"),
    polaris("remote-interactive-sexual-acts"),
    polaris("carnivals"),
    polaris("forestry-logging"),
    polaris("health-care"),
    polaris("recreational-facilities"),
    ilo("abuse-of-vulnerability"),
    ilo("deception"),
    ilo("restriction-of-movement"),
    ilo("isolation"),
    ilo("physical-and-sexual-violence"),
    ilo("intimidation-and-threats"),
    ilo("retention-of-identity-documents"),
    ilo("withholding-of-wages"),
    ilo("debt-bondage"),
    ilo("abusive-working-and-living-conditions"),
    ilo("excessive-overtime"),
];

/// The label with this id, if there is one.
pub fn label(id: &str) -> Option<&'static Label> {
    LABELS.iter().find(|label| label.id == id)
}

/// How many labels one tip may carry (the lists hold 36).
pub const MAX_LABELS: usize = 12;

/// A tip's priority, as an analyst set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Priority {
    /// Can wait.
    Low,
    /// The default.
    Normal,
    /// Before the normal ones.
    High,
    /// Someone may be in danger now.
    Urgent,
}

impl Priority {
    /// Every priority, lowest first.
    pub const ALL: &'static [Priority] = &[
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    /// The stored spelling.
    pub const fn id(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// The priority spelled `id`, if there is one.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_lists_are_complete_and_ids_unique_and_kebab_case() {
        let count = |kind| LABELS.iter().filter(|l| l.kind == kind).count();
        assert_eq!(count(LabelKind::PolarisType), 25);
        assert_eq!(count(LabelKind::IloIndicator), 11);
        let ids: HashSet<&str> = LABELS.iter().map(|l| l.id).collect();
        assert_eq!(ids.len(), LABELS.len());
        for id in ids {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !id.starts_with('-')
                    && !id.ends_with('-')
                    && !id.contains("--"),
                "{id}"
            );
        }
    }

    #[test]
    fn labels_and_priorities_are_found_by_id_only() {
        assert_eq!(label("debt-bondage").unwrap().kind, LabelKind::IloIndicator);
        assert_eq!(label("domestic-work").unwrap().kind, LabelKind::PolarisType);
        assert!(label("Debt-Bondage").is_none());
        assert!(label("").is_none());
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.id()), Some(*p));
        }
        assert_eq!(Priority::parse("critical"), None);
    }
}
