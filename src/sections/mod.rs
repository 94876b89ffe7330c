//! The widget's sections and the navigation between them. Moving between
//! sections never touches the URL or history: a Back press leaves the
//! widget rather than revealing where a person has been inside it.
//!
//! Every section stays mounted and only the current one shows, so a half
//! written tip survives a look at the warning signs.

pub mod help;
pub mod hotline;
pub mod me;
pub mod nav;
pub mod report;
pub mod signs;

pub use nav::Nav;

use crate::i18n::SiteStrings;

/// One section of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// Get help now.
    Help,
    /// Signs of trafficking.
    Signs,
    /// Is this happening to me?
    Me,
    /// Report a tip.
    Report,
}

impl Section {
    /// Every section, in the default order.
    pub const ALL: [Section; 4] = [Section::Help, Section::Signs, Section::Me, Section::Report];

    /// The id used in `sections=` and in test ids (`nav-help`, `section-help`).
    pub fn id(self) -> &'static str {
        match self {
            Section::Help => "help",
            Section::Signs => "signs",
            Section::Me => "me",
            Section::Report => "report",
        }
    }

    /// The section with this id.
    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Its name in the navigation.
    pub fn label(self, w: &SiteStrings) -> &'static str {
        match self {
            Section::Help => w.nav_help,
            Section::Signs => w.nav_signs,
            Section::Me => w.nav_me,
            Section::Report => w.nav_report,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for s in Section::ALL {
            assert_eq!(Section::from_id(s.id()), Some(s));
        }
        assert_eq!(Section::from_id("Help"), None);
        assert_eq!(Section::from_id(""), None);
    }
}
