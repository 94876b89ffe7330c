//! The shape of the site's strings: everything a person reads outside the tip
//! form (help, signs, self-check, quick exit, page chrome).
//! Values: `src/locales/<lang>/site.rs` and `src/locales/<lang>/content.rs`.
//!
//! Content words (warning signs, their groups, the self-check statements) are
//! tables keyed by the stable ids in `lantern_tip::catalog`, so the awareness
//! pages and the form's checklist read the same words. A host test checks
//! that every id has words in every language.

use lantern_tip::catalog::SignKind;

crate::words_table! {
    /// Strings for everything but the tip form.
    #[derive(Debug, PartialEq)]
    pub struct SiteStrings {
        /// The page title, neutral on purpose ("Resources").
        pub page_title: &'static str,
        /// Accessible name of the language switcher.
        pub lang_label: &'static str,
        /// Under the switcher when a language's words could not be fetched
        /// (in the language still in force).
        pub lang_failed: &'static str,
        /// Accessible name of the section navigation.
        pub nav_label: &'static str,
        /// Navigation: "Get help now".
        pub nav_help: &'static str,
        /// Navigation: "Signs of trafficking".
        pub nav_signs: &'static str,
        /// Navigation: "Is this happening to me?".
        pub nav_me: &'static str,
        /// Navigation: "Report a tip".
        pub nav_report: &'static str,
        /// Read after a link that opens a new tab.
        pub new_tab: &'static str,

        /// The visually hidden skip link, first thing a keyboard reaches.
        pub exit_skip: &'static str,
        /// The red exit button.
        pub exit_link: &'static str,
        /// Next to the exit button on wider screens: the keyboard shortcut.
        pub exit_hint: &'static str,
        /// Announced after the first Shift press.
        pub exit_two_more: &'static str,
        /// Announced after the second Shift press.
        pub exit_one_more: &'static str,
        /// Announced when the presses were too far apart.
        pub exit_expired: &'static str,
        /// The plain overlay shown while leaving.
        pub exit_loading: &'static str,

        /// Heading of the hotline block at the top of every view.
        pub hotline_title: &'static str,
        /// Before the 911 button.
        pub danger_lead: &'static str,
        /// The 911 button.
        pub call_911: &'static str,
        /// The call button (with the number).
        pub hotline_call: &'static str,
        /// The text button (keyword and short code).
        pub hotline_text: &'static str,
        /// The live chat button.
        pub hotline_chat: &'static str,
        /// The TTY button.
        pub hotline_tty: &'static str,
        /// Under the buttons: free, private, always open, relay for TTY.
        pub hotline_note: &'static str,

        /// "Get help now" heading.
        pub help_title: &'static str,
        /// Heading of what happens when you call.
        pub help_what_title: &'static str,
        /// What happens when you call, one point each.
        pub help_what: &'static [&'static str],
        /// Mandated reporting, said honestly before anyone shares anything.
        pub help_mandated: &'static str,
        /// Urgent or recent: call or text, not the online form.
        pub help_urgent: &'static str,
        /// Heading of the texting and chat safety tips.
        pub text_tips_title: &'static str,
        /// Texting and chat safety tips.
        pub text_tips: &'static [&'static str],
        /// Heading of the child exploitation part.
        pub ncmec_title: &'static str,
        /// What the CyberTipline is for.
        pub ncmec_body: &'static str,
        /// The CyberTipline call button.
        pub ncmec_call: &'static str,
        /// The CyberTipline online report link.
        pub ncmec_link: &'static str,
        /// Heading of the staying safe online note.
        pub safe_title: &'static str,
        /// Staying safe online, honestly.
        pub safe_points: &'static [&'static str],

        /// "Signs of trafficking" heading.
        pub signs_title: &'static str,
        /// What trafficking is, in a sentence or two.
        pub signs_intro: &'static str,
        /// Context and closeness, never appearance.
        pub signs_caution: &'static str,
        /// Never confront.
        pub signs_never_confront: &'static str,
        /// Anyone under 18 in commercial sex.
        pub signs_minor: &'static str,
        /// Accessible name of the filter buttons.
        pub filter_label: &'static str,
        /// Filter: every sign.
        pub filter_all: &'static str,
        /// Filter: labor trafficking.
        pub filter_labor: &'static str,
        /// Filter: sex trafficking.
        pub filter_sex: &'static str,
        /// Announced after filtering; `{shown}` and `{total}` are replaced.
        pub signs_showing: &'static str,
        /// Tag on a labor sign.
        pub kind_labor: &'static str,
        /// Tag on a sex sign.
        pub kind_sex: &'static str,
        /// Tag on a sign of both.
        pub kind_both: &'static str,
        /// After the list: noticed something?
        pub signs_next: &'static str,
        /// Button to the tip form.
        pub signs_report: &'static str,
        /// Heading of the group, keyed by `SignGroup::id`.
        pub sign_groups: &'static [(&'static str, &'static str)],
        /// Each warning sign, keyed by its catalog id.
        pub signs: &'static [(&'static str, &'static str)],

        /// "Is this happening to me?" heading.
        pub me_title: &'static str,
        /// Before the statements.
        pub me_intro: &'static str,
        /// Each statement, keyed by its catalog id.
        pub self_checks: &'static [(&'static str, &'static str)],
        /// Heading of the rights.
        pub me_rights_title: &'static str,
        /// Rights, plainly.
        pub me_rights: &'static [&'static str],
        /// Heading of the help beside the statements.
        pub me_reach_title: &'static str,
        /// Someone will listen.
        pub me_reach_body: &'static str,
    }
}

/// The words for `id` in `table`, or the id itself if a table lacks it
/// (a host test makes sure none does).
fn lookup<'a>(table: &'static [(&'static str, &'static str)], id: &'a str) -> &'a str {
    table
        .iter()
        .find(|(key, _)| *key == id)
        .map_or(id, |(_, words)| words)
}

impl SiteStrings {
    /// The words of the warning sign `id` (from `catalog::SIGNS`).
    pub fn sign<'a>(&self, id: &'a str) -> &'a str {
        lookup(self.signs, id)
    }

    /// The heading of the sign group `id` (`SignGroup::id`).
    pub fn sign_group<'a>(&self, id: &'a str) -> &'a str {
        lookup(self.sign_groups, id)
    }

    /// The self-check statement `id` (from `catalog::SELF_CHECKS`).
    pub fn self_check<'a>(&self, id: &'a str) -> &'a str {
        lookup(self.self_checks, id)
    }

    /// The tag shown on a sign of `kind`.
    pub fn kind(&self, kind: SignKind) -> &'static str {
        match kind {
            SignKind::Labor => self.kind_labor,
            SignKind::Sex => self.kind_sex,
            SignKind::Both => self.kind_both,
        }
    }

    /// "Showing 12 of 35 signs", for the filter's live region.
    pub fn showing(&self, shown: usize, total: usize) -> String {
        self.signs_showing
            .replace("{shown}", &shown.to_string())
            .replace("{total}", &total.to_string())
    }
}
