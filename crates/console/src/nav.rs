//! Where the console is, read from the page's address: the enrolment page
//! (`/console/enrol#TOKEN`), one tip (`#tip-ID`), the audit log
//! (`#audit`, for administrators), or the inbox. Plain Rust,
//! tested on the host; the app reads `location` and hands it here.

/// What the address asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Enrolment, with the link's one-time token (from the fragment, which
    /// the browser never sends to the server).
    Enrol(String),
    /// One tip, by id.
    Tip(String),
    /// The audit log (administrators only; the API says so to others).
    Audit,
    /// The inbox.
    Inbox,
}

/// The fragment of the audit log's page.
pub const AUDIT: &str = "audit";

/// The place for a `pathname` and `hash` (with its `#`).
pub fn place(pathname: &str, hash: &str) -> Place {
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    if pathname.trim_end_matches('/').ends_with("/console/enrol") && !fragment.is_empty() {
        return Place::Enrol(fragment.to_owned());
    }
    if fragment == AUDIT {
        return Place::Audit;
    }
    match fragment.strip_prefix("tip-") {
        Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            Place::Tip(id.to_owned())
        }
        _ => Place::Inbox,
    }
}

/// The fragment that opens tip `id`.
pub fn tip_hash(id: &str) -> String {
    format!("#tip-{id}")
}

/// Which row the j and k keys move to, from `current` among `count` rows.
pub fn step(current: Option<usize>, count: usize, down: bool) -> Option<usize> {
    if count == 0 {
        return None;
    }
    Some(match (current, down) {
        (None, _) => 0,
        (Some(at), true) => (at + 1).min(count - 1),
        (Some(at), false) => at.saturating_sub(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_says_where_we_are() {
        assert_eq!(
            place("/console/enrol", "#abc_-1"),
            Place::Enrol("abc_-1".into())
        );
        assert_eq!(place("/console/enrol", ""), Place::Inbox);
        assert_eq!(place("/console/", "#tip-42"), Place::Tip("42".into()));
        assert_eq!(place("/console/", "#tip-4x"), Place::Inbox);
        assert_eq!(place("/console/", ""), Place::Inbox);
        assert_eq!(place("/console/", "#audit"), Place::Audit);
        assert_eq!(place("/console/", "#audit-x"), Place::Inbox);
        assert_eq!(tip_hash("7"), "#tip-7");
    }

    #[test]
    fn j_and_k_stay_inside_the_list() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(Some(0), 3, true), Some(1));
        assert_eq!(step(Some(2), 3, true), Some(2));
        assert_eq!(step(Some(0), 3, false), Some(0));
        assert_eq!(step(Some(2), 3, false), Some(1));
        assert_eq!(step(None, 0, true), None);
    }
}
