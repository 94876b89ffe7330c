//! Help channels and the ids of the shared content. The words live in the
//! locale files; what lives here is what never changes with the language:
//! numbers, link targets, and the warning-sign catalog from `lantern_tip`.

pub use lantern_tip::catalog::{Sign, SignGroup, SignKind, SELF_CHECKS, SIGNS};

/// Emergency services.
pub const TEL_911: &str = "tel:911";
/// The National Human Trafficking Hotline, 1-888-373-7888, 24/7.
pub const HOTLINE_TEL: &str = "tel:18883737888";
/// Text HELP to 233733. `?&body=` is the form both iOS and Android prefill.
pub const HOTLINE_SMS: &str = "sms:233733?&body=HELP";
/// The hotline's live chat, in English and Spanish; opens in a new tab.
pub const HOTLINE_CHAT: &str = "https://humantraffickinghotline.org/chat";
/// TTY users dial the relay service, 711, and ask for the hotline.
pub const TTY_TEL: &str = "tel:711";
/// NCMEC's CyberTipline, 1-800-843-5678, for online child sexual exploitation.
pub const NCMEC_TEL: &str = "tel:18008435678";
/// NCMEC's CyberTipline online report.
pub const NCMEC_REPORT: &str = "https://report.cybertip.org/";
/// `rel` of every link that leaves for another site in a new tab: the other
/// site gets no handle on this page and no referrer.
pub const EXTERNAL_REL: &str = "noopener noreferrer";

/// The signs that show under `filter` (`SignKind::Both` shows every sign),
/// grouped in catalog order.
pub fn signs_by_group(filter: SignKind) -> Vec<(SignGroup, Vec<&'static Sign>)> {
    SignGroup::ALL
        .iter()
        .map(|group| {
            let signs = SIGNS
                .iter()
                .filter(|s| s.group == *group && s.kind.shows_under(filter))
                .collect();
            (*group, signs)
        })
        .filter(|(_, signs): &(SignGroup, Vec<&Sign>)| !signs.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    #[test]
    fn filters_group_every_sign_once() {
        let all: usize = signs_by_group(SignKind::Both)
            .iter()
            .map(|(_, s)| s.len())
            .sum();
        assert_eq!(all, SIGNS.len());
        let labor: Vec<_> = signs_by_group(SignKind::Labor)
            .into_iter()
            .flat_map(|(_, s)| s)
            .collect();
        assert!(labor.iter().all(|s| s.kind != SignKind::Sex));
        assert!(labor.iter().any(|s| s.kind == SignKind::Labor));
        let sex: Vec<_> = signs_by_group(SignKind::Sex)
            .into_iter()
            .flat_map(|(_, s)| s)
            .collect();
        assert!(sex.iter().all(|s| s.kind != SignKind::Labor));
        assert_eq!(
            labor.len() + sex.len(),
            SIGNS.len() + SIGNS.iter().filter(|s| s.kind == SignKind::Both).count()
        );
    }

    /// Every catalog id has words in every language, and no table holds an
    /// id the catalog lacks (a renamed id would leave words orphaned).
    #[test]
    fn every_language_has_words_for_every_id() {
        for lang in Lang::ALL {
            let w = strings(lang).site;
            let check = |kind: &str, table: &[(&str, &str)], ids: &[&str]| {
                for id in ids {
                    let found = table.iter().filter(|(k, _)| k == id).count();
                    assert_eq!(found, 1, "{lang:?} has {found} entries for {kind} {id:?}");
                }
                for (key, words) in table {
                    assert!(
                        ids.contains(key),
                        "{lang:?} {kind} {key:?} is not in the catalog"
                    );
                    assert!(!words.trim().is_empty(), "{lang:?} {kind} {key:?} is blank");
                }
            };
            let sign_ids: Vec<&str> = SIGNS.iter().map(|s| s.id).collect();
            let group_ids: Vec<&str> = SignGroup::ALL.iter().map(|g| g.id()).collect();
            check("sign", w.signs, &sign_ids);
            check("group", w.sign_groups, &group_ids);
            check("self-check", w.self_checks, SELF_CHECKS);
            assert_ne!(w.sign("isolated"), "isolated");
        }
        assert_ne!(
            strings(Lang::En).site.sign("isolated"),
            strings(Lang::Es).site.sign("isolated")
        );
    }

    #[test]
    fn the_text_link_prefills_help() {
        assert!(HOTLINE_SMS.starts_with("sms:233733") && HOTLINE_SMS.ends_with("body=HELP"));
        assert_eq!(HOTLINE_TEL, "tel:18883737888");
    }
}
