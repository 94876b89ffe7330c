//! The audit log's page, as words: what each entry says in plain words (for
//! a reading age of about 12), who made it, its detail, and the chain's
//! verdict at the top. Plain Rust, tested on the host; the page
//! (`ui::audit`) only lays the rows out.

use lantern_tip::export::Format;
use lantern_tip::triage::Status;

use crate::api::{priority_words, status_words, AuditEntry, AuditLog};
use crate::layout;

/// What an action means. An action this console does not know yet (the
/// list only grows) is shown as it is stored.
pub fn action_words(action: &str) -> String {
    match action {
        "analyst_added" => "Added a person to the console",
        "enrolment_link_made" => "Made a new sign-up link",
        "analyst_removed" => "Removed a person from the console",
        "passkey_enrolled" => "Set up their passkey",
        "signed_in" => "Signed in",
        "signed_out" => "Signed out",
        "tips_listed" => "Looked at the list of tips",
        "tip_opened" => "Opened a tip",
        "status_changed" => "Changed a tip's status",
        "labels_changed" => "Changed a tip's labels",
        "priority_changed" => "Changed a tip's priority",
        "assignee_changed" => "Gave a tip to someone",
        "note" => "Added a note",
        "reply" => "Sent the reporter a reply",
        "tip_deleted" => "Deleted a closed tip for good",
        "case_changed" => "Changed a tip's case",
        "tip_exported" => "Exported a tip",
        other => return other.to_owned(),
    }
    .to_owned()
}

/// Who made the entry: an analyst's name, or words for the two actors
/// that are not people signed in.
pub fn actor_words(actor: &str) -> String {
    match actor {
        "(administrator)" => "An administrator, on the server".into(),
        "(retention)" => "Automatic clean-up".into(),
        name => name.to_owned(),
    }
}

/// The entry's detail: the new value of a change, the person an account
/// entry was about. Empty when there is nothing more to say (a note's or
/// reply's words are sealed, and the log never had them).
pub fn detail_words(entry: &AuditEntry) -> String {
    let detail = entry.detail.as_deref();
    let subject = entry.subject.as_deref();
    match entry.action.as_str() {
        "analyst_added" => {
            let role = match detail {
                Some("admin") => "as an administrator",
                _ => "as an analyst",
            };
            format!("{} {role}", subject.unwrap_or("someone"))
        }
        "enrolment_link_made" | "analyst_removed" => subject.unwrap_or_default().to_owned(),
        "status_changed" => format!(
            "Now: {}",
            detail
                .and_then(Status::parse)
                .map(status_words)
                .unwrap_or("unknown")
        ),
        "labels_changed" => match detail {
            None | Some("none") | Some("") => "Now: no labels".into(),
            Some(ids) => format!(
                "Now: {}",
                ids.split(' ')
                    .map(layout::id_words)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        "priority_changed" => match detail {
            None | Some("none") => "Now: no priority".into(),
            Some(id) => format!("Now: {}", priority_words(id)),
        },
        "assignee_changed" => format!("Now given to: {}", subject.unwrap_or("nobody")),
        "tip_deleted" => "It was closed for longer than the hotline keeps tips".into(),
        "case_changed" => match detail {
            None | Some("none") => "Now in no case".into(),
            Some(number) => format!("Now in case {number}"),
        },
        "tip_exported" => match detail.and_then(Format::parse) {
            Some(format) => format!("As {}", crate::export::format_words(format)),
            None => "In a format this console does not know".into(),
        },
        _ => [subject, detail]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// One row of the page's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The entry's number in the chain.
    pub seq: i64,
    /// When, to the minute (`2026-12-01 10:05 UTC`).
    pub when: String,
    /// Who ([`actor_words`]).
    pub who: String,
    /// What ([`action_words`]).
    pub what: String,
    /// Its detail ([`detail_words`]).
    pub detail: String,
    /// The tip it was about, if any: its id.
    pub tip: Option<String>,
}

/// The log's rows, newest first: what an administrator looks for is
/// usually recent.
pub fn rows(log: &AuditLog) -> Vec<Row> {
    log.entries
        .iter()
        .rev()
        .map(|entry| Row {
            seq: entry.seq,
            when: layout::hour_words(&entry.at),
            who: actor_words(&entry.actor),
            what: action_words(&entry.action),
            detail: detail_words(entry),
            tip: entry.tip_id.clone(),
        })
        .collect()
}

/// The chain's verdict, said at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Whether the chain holds.
    pub whole: bool,
    /// The sentence.
    pub words: String,
}

/// The verdict on `log`: whole, with how many entries, or where it breaks
/// and what that means.
pub fn verdict(log: &AuditLog) -> Verdict {
    if let Some(broken) = &log.broken {
        let why = match broken.problem.as_str() {
            "missing" => "entries before it are missing",
            "prev_hash_mismatch" => "it does not follow on from the entry before it, so an entry before it was changed or removed",
            "hash_mismatch" => "it was changed after it was written",
            _ => "it does not check out",
        };
        return Verdict {
            whole: false,
            words: format!(
                "The log is broken at entry {}: {why}. Entries from {} on cannot be trusted. Tell the person who runs the server.",
                broken.seq, broken.seq
            ),
        };
    }
    match &log.head {
        Some(head) => Verdict {
            whole: true,
            words: match head.entries {
                1 => "The log is whole: 1 entry, checked.".to_owned(),
                n => format!("The log is whole: {n} entries, checked."),
            },
        },
        None => Verdict {
            whole: false,
            words: "The log could not be checked.".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{AuditBreak, AuditHead};

    fn entry(seq: i64, actor: &str, action: &str, detail: Option<&str>) -> AuditEntry {
        AuditEntry {
            seq,
            at: "2026-12-01T10:05:09Z".into(),
            actor: actor.into(),
            action: action.into(),
            detail: detail.map(str::to_owned),
            subject: None,
            tip_id: Some("7".into()),
        }
    }

    fn log(entries: Vec<AuditEntry>) -> AuditLog {
        AuditLog {
            head: Some(AuditHead {
                entries: entries.len() as i64,
                hash: "ab".into(),
            }),
            entries,
            broken: None,
        }
    }

    #[test]
    fn every_action_the_intake_writes_has_plain_words() {
        // The intake's `Action` list (crates/intake/src/console/audit.rs).
        for action in [
            "analyst_added",
            "enrolment_link_made",
            "analyst_removed",
            "passkey_enrolled",
            "signed_in",
            "signed_out",
            "tips_listed",
            "tip_opened",
            "status_changed",
            "labels_changed",
            "priority_changed",
            "assignee_changed",
            "note",
            "reply",
            "tip_deleted",
            "case_changed",
            "tip_exported",
        ] {
            let words = action_words(action);
            assert!(
                words.starts_with(char::is_uppercase) && !words.contains('_'),
                "{action}: {words}"
            );
        }
        assert_eq!(action_words("something_new"), "something_new");
    }

    #[test]
    fn rows_read_newest_first_in_plain_words() {
        let mut added = entry(1, "(administrator)", "analyst_added", Some("admin"));
        added.subject = Some("ana".into());
        added.tip_id = None;
        let mut given = entry(4, "ana", "assignee_changed", None);
        given.subject = Some("ben".into());
        let shown = rows(&log(vec![
            added,
            entry(2, "ana", "status_changed", Some("in_review")),
            entry(3, "ana", "labels_changed", Some("debt-bondage isolation")),
            given,
            entry(5, "ana", "note", None),
            entry(6, "(retention)", "tip_deleted", None),
        ]));
        let lines: Vec<(i64, &str, &str, &str)> = shown
            .iter()
            .map(|r| (r.seq, r.who.as_str(), r.what.as_str(), r.detail.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    6,
                    "Automatic clean-up",
                    "Deleted a closed tip for good",
                    "It was closed for longer than the hotline keeps tips"
                ),
                (5, "ana", "Added a note", ""),
                (4, "ana", "Gave a tip to someone", "Now given to: ben"),
                (
                    3,
                    "ana",
                    "Changed a tip's labels",
                    "Now: debt bondage, isolation"
                ),
                (2, "ana", "Changed a tip's status", "Now: In review"),
                (
                    1,
                    "An administrator, on the server",
                    "Added a person to the console",
                    "ana as an administrator"
                ),
            ]
        );
        assert_eq!(shown[0].when, "2026-12-01 10:05 UTC");
        assert_eq!(shown[0].tip.as_deref(), Some("7"));
        assert_eq!(shown[5].tip, None);
    }

    #[test]
    fn an_export_says_its_format() {
        let said = |format: &str| detail_words(&entry(1, "ana", "tip_exported", Some(format)));
        assert_eq!(said("csv"), "As CSV (a spreadsheet)");
        assert_eq!(said("jsonl"), "As JSON Lines");
        assert_eq!(said("age"), "As sealed .age files");
        assert_eq!(said("xlsx"), "In a format this console does not know");
    }

    #[test]
    fn cleared_values_say_so() {
        let mut unassigned = entry(1, "ana", "assignee_changed", Some("unassigned"));
        unassigned.subject = None;
        assert_eq!(detail_words(&unassigned), "Now given to: nobody");
        assert_eq!(
            detail_words(&entry(1, "ana", "labels_changed", Some("none"))),
            "Now: no labels"
        );
        assert_eq!(
            detail_words(&entry(1, "ana", "priority_changed", Some("urgent"))),
            "Now: Urgent"
        );
        assert_eq!(
            detail_words(&entry(1, "ana", "priority_changed", Some("none"))),
            "Now: no priority"
        );
        assert_eq!(
            detail_words(&entry(1, "ana", "case_changed", Some("3"))),
            "Now in case 3"
        );
        assert_eq!(
            detail_words(&entry(1, "ana", "case_changed", Some("none"))),
            "Now in no case"
        );
    }

    #[test]
    fn the_verdict_says_whole_or_where_it_breaks() {
        let whole = verdict(&log(vec![
            entry(1, "ana", "signed_in", None),
            entry(2, "ana", "signed_out", None),
        ]));
        assert_eq!(
            whole,
            Verdict {
                whole: true,
                words: "The log is whole: 2 entries, checked.".into()
            }
        );
        assert_eq!(
            verdict(&log(vec![entry(1, "ana", "signed_in", None)])).words,
            "The log is whole: 1 entry, checked."
        );
        let broken = verdict(&AuditLog {
            entries: vec![entry(1, "ana", "signed_in", None)],
            head: None,
            broken: Some(AuditBreak {
                seq: 3,
                problem: "hash_mismatch".into(),
            }),
        });
        assert!(!broken.whole);
        assert!(
            broken
                .words
                .starts_with("The log is broken at entry 3: it was changed after it was written."),
            "{}",
            broken.words
        );
    }

    #[test]
    fn the_apis_answer_reads() {
        let json = r#"{"entries":[{"seq":1,"at":"2026-12-01T10:00:00Z","actor":"(administrator)",
            "action":"analyst_added","detail":"analyst","subject":"ana","tip_id":null}],
            "head":{"entries":1,"hash":"00ff"},"broken":null}"#;
        let log: AuditLog = serde_json::from_str(json).unwrap();
        assert_eq!(log.entries[0].subject.as_deref(), Some("ana"));
        assert_eq!(verdict(&log).words, "The log is whole: 1 entry, checked.");
        let json = r#"{"entries":[],"head":null,"broken":{"seq":2,"problem":"missing"}}"#;
        let log: AuditLog = serde_json::from_str(json).unwrap();
        assert!(verdict(&log)
            .words
            .contains("broken at entry 2: entries before it are missing"));
    }
}
