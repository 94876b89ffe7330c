//! The content the form and the awareness pages share: warning signs,
//! "is this happening to me?" statements and types of place, each with a
//! stable kebab-case id. Only ids live here; the words a person reads live in
//! the widget's locale files, keyed by these ids, so a tip stores the same id
//! whatever language it was written in.
//!
//! Ids are part of the wire format (`indicators`, `venue`): never rename or
//! reuse one; retire an id by leaving it here and hiding it in the widget.

/// The heading a warning sign is shown under, following the groups the
/// National Human Trafficking Hotline uses for the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignGroup {
    /// Work and living conditions.
    WorkAndLiving,
    /// Mental health and behaviour.
    Behaviour,
    /// Physical health.
    Health,
    /// Lack of control over one's own life.
    Control,
    /// Other signs (disorientation, a story that does not hold together).
    Other,
}

impl SignGroup {
    /// Every group, in the order the awareness page shows them.
    pub const ALL: &'static [SignGroup] = &[
        SignGroup::WorkAndLiving,
        SignGroup::Behaviour,
        SignGroup::Health,
        SignGroup::Control,
        SignGroup::Other,
    ];

    /// A stable id for the group, usable as a locale key or a test id.
    pub const fn id(self) -> &'static str {
        match self {
            SignGroup::WorkAndLiving => "work-and-living",
            SignGroup::Behaviour => "behaviour",
            SignGroup::Health => "health",
            SignGroup::Control => "control",
            SignGroup::Other => "other",
        }
    }
}

/// Which form of trafficking a sign points to; drives the all / labor / sex filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignKind {
    /// Mostly seen in labor trafficking.
    Labor,
    /// Mostly seen in sex trafficking.
    Sex,
    /// Seen in both.
    Both,
}

impl SignKind {
    /// Whether a sign of this kind shows under `filter`
    /// (`Both` as the filter means "show everything").
    pub const fn shows_under(self, filter: SignKind) -> bool {
        matches!(
            (filter, self),
            (SignKind::Both, _)
                | (_, SignKind::Both)
                | (SignKind::Labor, SignKind::Labor)
                | (SignKind::Sex, SignKind::Sex)
        )
    }
}

/// One warning sign: its id (also the value of a tip's `indicators`), the
/// heading it sits under, and which kind of trafficking it points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sign {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// The heading it is shown under.
    pub group: SignGroup,
    /// The kind of trafficking it points to.
    pub kind: SignKind,
}

const fn sign(id: &'static str, group: SignGroup, kind: SignKind) -> Sign {
    Sign { id, group, kind }
}

use SignGroup::{Behaviour, Control, Health, Other, WorkAndLiving};
use SignKind::{Both, Labor, Sex};

/// Every warning sign, grouped and in the order the awareness page and the
/// form's checklist show them. The labor- and sex-specific signs sit in the
/// group they belong to, tagged with their kind, so one list serves every filter.
pub const SIGNS: &[Sign] = &[
    // Work and living conditions.
    sign("not-free-to-leave", WorkAndLiving, Both),
    sign("minor-in-commercial-sex", WorkAndLiving, Sex),
    sign("unpaid-or-tips-only", WorkAndLiving, Labor),
    sign("not-paid-as-promised", WorkAndLiving, Labor),
    sign("excessive-hours", WorkAndLiving, Labor),
    sign("unpayable-debt", WorkAndLiving, Both),
    sign("false-promises", WorkAndLiving, Both),
    sign("pressured-to-stay", WorkAndLiving, Labor),
    sign("pressured-into-sex-work", WorkAndLiving, Sex),
    sign("wants-out-but-cannot", WorkAndLiving, Sex),
    sign("heavy-security", WorkAndLiving, Both),
    sign("lives-at-work", WorkAndLiving, Both),
    sign("moved-by-others", WorkAndLiving, Sex),
    sign("dangerous-work", WorkAndLiving, Labor),
    sign("overcrowded-employer-housing", WorkAndLiving, Labor),
    // Mental health and behaviour.
    sign("fearful-or-anxious", Behaviour, Both),
    sign("submissive", Behaviour, Both),
    sign("avoids-eye-contact", Behaviour, Both),
    sign("fears-police", Behaviour, Both),
    // Physical health.
    sign("lacks-medical-care", Health, Both),
    sign("malnourished", Health, Both),
    sign("signs-of-abuse", Health, Both),
    sign("exhausted", Health, Both),
    // Lack of control.
    sign("few-possessions", Control, Both),
    sign("no-control-of-money", Control, Both),
    sign("id-held-by-others", Control, Both),
    sign("someone-speaks-for-them", Control, Both),
    sign("constantly-monitored", Control, Both),
    sign("isolated", Control, Both),
    sign("threatened", Control, Both),
    sign("has-pimp-or-manager", Control, Sex),
    sign("controlling-partner", Control, Sex),
    // Other.
    sign("does-not-know-location", Other, Both),
    sign("scripted-story", Other, Both),
    sign("lost-sense-of-time", Other, Both),
];

/// The "is this happening to me?" statements, written in the second person
/// in the locale files, in the order the self-check shows them.
pub const SELF_CHECKS: &[&str] = &[
    "cannot-leave",
    "documents-taken",
    "unpayable-debt",
    "pay-withheld",
    "job-not-as-promised",
    "threatened",
    "forced-sex",
    "under-18-sex",
    "watched-or-locked-in",
    "someone-speaks-for-you",
    "no-control-of-money",
];

/// Types of place (the hotline's typology of 25 venue and industry types),
/// then `online` and `other-not-sure`; the values a tip's `venue` may take.
pub const VENUES: &[&str] = &[
    "escort-services",
    "illicit-massage-health-beauty",
    "outdoor-solicitation",
    "residential",
    "domestic-work",
    "bars-strip-clubs-cantinas",
    "pornography",
    "traveling-sales-crews",
    "restaurants-food-service",
    "peddling-begging",
    "agriculture",
    "personal-sexual-servitude",
    "health-beauty-services",
    "construction",
    "hotels-hospitality",
    "landscaping",
    "illicit-activities",
    "arts-entertainment",
    "commercial-cleaning",
    "factories-manufacturing",
    "remote-interactive-sexual-acts",
    "carnivals",
    "forestry-logging",
    "health-care",
    "recreational-facilities",
    "online",
    "other-not-sure",
];

/// The sign with this id, if there is one.
pub fn sign_by_id(id: &str) -> Option<&'static Sign> {
    SIGNS.iter().find(|sign| sign.id == id)
}

/// Whether `id` is a known venue id.
pub fn is_venue(id: &str) -> bool {
    VENUES.contains(&id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_kebab(id: &str) -> bool {
        !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && !id.contains("--")
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    fn assert_unique_kebab(ids: &[&str]) {
        for (i, id) in ids.iter().enumerate() {
            assert!(is_kebab(id), "{id:?} is not kebab-case");
            assert!(!ids[..i].contains(id), "{id:?} appears twice");
        }
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        assert_unique_kebab(&SIGNS.iter().map(|s| s.id).collect::<Vec<_>>());
        assert_unique_kebab(SELF_CHECKS);
        assert_unique_kebab(VENUES);
        assert_unique_kebab(&SignGroup::ALL.iter().map(|g| g.id()).collect::<Vec<_>>());
    }

    #[test]
    fn catalog_has_the_expected_size() {
        assert!((25..=35).contains(&SIGNS.len()), "{} signs", SIGNS.len());
        assert!((8..=12).contains(&SELF_CHECKS.len()));
        // The hotline's 25 types, plus online and other / not sure.
        assert_eq!(VENUES.len(), 27);
        assert_eq!(VENUES[25..], ["online", "other-not-sure"]);
    }

    #[test]
    fn every_group_and_kind_has_signs_and_groups_are_contiguous() {
        for group in SignGroup::ALL {
            assert!(
                SIGNS.iter().any(|s| s.group == *group),
                "{group:?} is empty"
            );
        }
        for kind in [Labor, Sex, Both] {
            assert!(SIGNS.iter().any(|s| s.kind == kind), "no {kind:?} sign");
        }
        // Signs of one group are listed together, in SignGroup::ALL order.
        let order: Vec<usize> = SIGNS
            .iter()
            .map(|s| {
                SignGroup::ALL
                    .iter()
                    .position(|g| *g == s.group)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "groups are interleaved: {order:?}"
        );
    }

    #[test]
    fn filters_show_the_right_signs() {
        assert!(Labor.shows_under(Both) && Sex.shows_under(Both) && Both.shows_under(Both));
        assert!(Labor.shows_under(Labor) && Both.shows_under(Labor) && !Sex.shows_under(Labor));
        assert!(Sex.shows_under(Sex) && Both.shows_under(Sex) && !Labor.shows_under(Sex));
    }

    #[test]
    fn lookups_find_known_ids_only() {
        assert_eq!(sign_by_id("isolated").map(|s| s.group), Some(Control));
        assert_eq!(sign_by_id("Isolated"), None);
        assert_eq!(sign_by_id(""), None);
        assert!(is_venue("agriculture") && is_venue("other-not-sure"));
        assert!(!is_venue("Agriculture") && !is_venue("mars"));
    }
}
