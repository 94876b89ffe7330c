//! The words analysts triage tips with in the console (issue 17): a
//! status, labels from two fixed lists, priorities, and the labels a tip's
//! own answers suggest ([`suggested_labels`]). These are the hotline's own words
//! about a tip, never the reporter's: the console stores them in clear
//! beside the sealed tip. They live in this crate (no web or server
//! dependencies) so the intake, which validates them, and the console's
//! Wasm app, which will offer them, share one table, as the form and the
//! awareness pages share `catalog`. Only ids live here; words a person reads
//! belong in the console's locale files, keyed by these ids.
//!
//! Ids are stored: never rename or reuse one.

/// A tip's triage status. Every tip starts [`Status::New`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not looked at yet (every tip starts here).
    New,
    /// An analyst is working on it.
    InReview,
    /// Passed on (to police, a service provider).
    Referred,
    /// Nothing more to do.
    Closed,
}

impl Status {
    /// Every status, in the order a tip usually moves through them.
    pub const ALL: &'static [Status] = &[
        Status::New,
        Status::InReview,
        Status::Referred,
        Status::Closed,
    ];

    /// The stored (and sent) spelling.
    pub const fn id(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InReview => "in_review",
            Status::Referred => "referred",
            Status::Closed => "closed",
        }
    }

    /// The status spelled `id`, if there is one.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.id() == id)
    }
}

/// What one entry of a tip's history records: a triage change, or a note
/// or reply written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Changed {
    /// The status (the change's value: its id).
    Status,
    /// The labels (their ids, space-separated; none when cleared).
    Labels,
    /// The priority (its id; none when cleared).
    Priority,
    /// The assignee (the analyst's name; none for nobody).
    Assignee,
    /// A note was added (no value: its words are sealed, and a history
    /// never carries them).
    Note,
    /// A reply was sent to the reporter (no value, as for a note).
    Reply,
    /// The case it is in (the case's number; none when taken out).
    Case,
    /// The tip was exported (the format's id: `csv`, `jsonl` or `age`).
    Exported,
}

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

/// The Polaris type a tip's venue (`catalog::VENUES`) names. The venue list
/// is the same typology, with two ids spelled shorter; `online` and
/// `other-not-sure` name no type.
fn venue_label(venue: &str) -> Option<&'static str> {
    let id = match venue {
        "agriculture" => "agriculture-animal-husbandry",
        "commercial-cleaning" => "commercial-cleaning-services",
        other => other,
    };
    label(id)
        .filter(|label| label.kind == LabelKind::PolarisType)
        .map(|label| label.id)
}

/// The ILO indicators a warning sign (`catalog::SIGNS`) points to, where it
/// clearly does. Signs about mood or health alone point to none.
fn sign_labels(sign: &str) -> &'static [&'static str] {
    match sign {
        "not-free-to-leave"
        | "heavy-security"
        | "constantly-monitored"
        | "wants-out-but-cannot" => &["restriction-of-movement"],
        "unpaid-or-tips-only" | "no-control-of-money" => &["withholding-of-wages"],
        "not-paid-as-promised" => &["withholding-of-wages", "deception"],
        "false-promises" => &["deception"],
        "excessive-hours" => &["excessive-overtime"],
        "unpayable-debt" => &["debt-bondage"],
        "pressured-to-stay" | "threatened" => &["intimidation-and-threats"],
        "dangerous-work" | "overcrowded-employer-housing" | "lives-at-work" => {
            &["abusive-working-and-living-conditions"]
        }
        "signs-of-abuse" => &["physical-and-sexual-violence"],
        "id-held-by-others" => &["retention-of-identity-documents"],
        "isolated" | "does-not-know-location" => &["isolation"],
        "minor-in-commercial-sex" => &["abuse-of-vulnerability"],
        _ => &[],
    }
}

/// The labels a tip's own answers suggest, in the lists' order, each once:
/// the Polaris type of its venue and the ILO indicators its warning signs
/// point to. Offered to the analyst, never set on their own.
pub fn suggested_labels(tip: &crate::Tip) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = venue_label(&tip.venue).into_iter().collect();
    for sign in &tip.indicators {
        for id in sign_labels(sign) {
            if !ids.contains(id) {
                ids.push(id);
            }
        }
    }
    ids.sort_by_key(|id| LABELS.iter().position(|l| l.id == *id));
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn statuses_are_found_by_id_and_sent_as_their_id() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.id()), Some(*status));
            assert_eq!(
                serde_json::to_string(status).unwrap(),
                format!("\"{}\"", status.id())
            );
        }
        assert_eq!(Status::parse("open"), None);
    }

    #[test]
    fn every_venue_but_online_and_other_maps_to_a_polaris_type() {
        for venue in crate::catalog::VENUES {
            let mapped = venue_label(venue);
            match *venue {
                "online" | "other-not-sure" => assert_eq!(mapped, None, "{venue}"),
                _ => assert!(mapped.is_some(), "{venue} maps to no Polaris type"),
            }
        }
    }

    #[test]
    fn signs_map_only_to_ilo_indicators_and_only_known_signs_map() {
        for sign in crate::catalog::SIGNS {
            for id in sign_labels(sign.id) {
                assert_eq!(
                    label(id).map(|l| l.kind),
                    Some(LabelKind::IloIndicator),
                    "{id}"
                );
            }
        }
        assert!(sign_labels("not-a-sign").is_empty());
    }

    #[test]
    fn a_tips_answers_suggest_labels_in_the_lists_order_once_each() {
        let tip = crate::Tip {
            venue: "agriculture".into(),
            indicators: vec![
                "unpayable-debt".into(),
                "not-paid-as-promised".into(),
                "unpaid-or-tips-only".into(),
                "fearful-or-anxious".into(),
            ],
            ..Default::default()
        };
        assert_eq!(
            suggested_labels(&tip),
            [
                "agriculture-animal-husbandry",
                "deception",
                "withholding-of-wages",
                "debt-bondage"
            ]
        );
        assert!(suggested_labels(&crate::Tip::default()).is_empty());
    }

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
