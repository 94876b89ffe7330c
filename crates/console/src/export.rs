//! Exports from the inbox: which tips are selected, and the file each
//! format makes. Plain Rust, tested on the host; the inbox draws the
//! checkboxes and saves the file (`ui::download`).
//!
//! CSV and JSON Lines are made here, in the browser, from the tips and
//! messages opened with the key in this tab, by the shared rules
//! ([`lantern_tip::export`]) the intake's `export` command uses, so the two
//! files read the same. Sealed files are the server's tar archive of the
//! stored `.age` files, saved as it comes.

use std::collections::BTreeSet;

use lantern_tip::export::{self as shared, Format, OpenedTip, Said};
use serde::{Deserialize, Serialize};

use crate::api::SealedMessage;
use crate::keys::{KeyError, Keys};

/// The tips the analyst ticked, by id. Kept in the app's state (like the
/// filter) so it holds while a tip is open; in memory only.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    ids: BTreeSet<String>,
}

impl Selection {
    /// Whether `id` is ticked.
    pub fn has(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Ticks or unticks one tip.
    pub fn set(&mut self, id: &str, on: bool) {
        if on {
            self.ids.insert(id.to_owned());
        } else {
            self.ids.remove(id);
        }
    }

    /// Whether every one of `shown` is ticked (and there is one at least):
    /// the "select all shown" box's state.
    pub fn has_all<'a>(&self, shown: impl IntoIterator<Item = &'a str>) -> bool {
        let mut any = false;
        for id in shown {
            if !self.has(id) {
                return false;
            }
            any = true;
        }
        any
    }

    /// Ticks (`on`) or unticks every one of `shown`, leaving tips the filter
    /// hides as they were.
    pub fn set_all<'a>(&mut self, shown: impl IntoIterator<Item = &'a str>, on: bool) {
        for id in shown {
            self.set(id, on);
        }
    }

    /// The ticked ones among `shown`, in its order: what an export takes.
    /// A tip the filter now hides is not exported, even if ticked before,
    /// so the analyst exports what they see.
    pub fn among<'a>(&self, shown: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        shown
            .into_iter()
            .filter(|id| self.has(id))
            .map(str::to_owned)
            .collect()
    }
}

/// `POST /console/api/exports`' body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// [`Format::id`].
    pub format: &'static str,
    /// The tips' ids.
    pub tips: Vec<String>,
}

impl Request {
    /// The export of `tips` as `format`.
    pub fn new(format: Format, tips: Vec<String>) -> Self {
        Self {
            format: format.id(),
            tips,
        }
    }
}

/// One tip of the answer to a CSV or JSON Lines export, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SealedExport {
    /// Its id.
    pub id: String,
    /// The age file, base64.
    pub sealed: String,
    /// Its follow-up messages, sealed.
    pub messages: Vec<SealedMessage>,
}

/// The answer to a CSV or JSON Lines export.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Answer {
    /// Each tip, in the order asked.
    pub tips: Vec<SealedExport>,
}

/// Why the file could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// CSV and JSON are made from opened tips: the key must be open.
    #[error("Open the hotline's key first: CSV and JSON are made from the opened tips.")]
    NoKey,
    /// A tip or one of its messages did not open, so the file would miss it.
    #[error("Tip {id} could not be opened, so nothing was saved. {cause}")]
    NotOpened {
        /// The tip.
        id: String,
        /// Why.
        cause: KeyError,
    },
    /// Sealed files are the server's archive, saved as it comes, never made
    /// from opened tips (a bug in the console if asked).
    #[error("Sealed files are saved as the server sends them. Reload the console and try again.")]
    SealedIsNotMadeHere,
}

/// The file of `answer`'s tips as `format` (CSV or JSON Lines), each tip
/// and message opened with `keys`. All or nothing: one that does not open
/// stops the export, rather than leave a tip out of the file unseen.
pub fn file(keys: &Keys, format: Format, answer: &Answer) -> Result<Vec<u8>, ExportError> {
    let mut tips = Vec::with_capacity(answer.tips.len());
    for tip in &answer.tips {
        let failed = |cause| ExportError::NotOpened {
            id: tip.id.clone(),
            cause,
        };
        let sealed = keys.open_tip(&tip.sealed).map_err(failed)?;
        let mut messages = Vec::with_capacity(tip.messages.len());
        for message in &tip.messages {
            let opened = keys.open_message(&message.sealed).map_err(failed)?;
            messages.push(Said {
                direction: opened.direction,
                kind: opened.kind,
                text: opened.text,
                written_at: opened.written_at,
                hour: message.hour.clone(),
            });
        }
        tips.push(OpenedTip::new(sealed, messages));
    }
    shared::write(format, &tips).ok_or(ExportError::SealedIsNotMadeHere)
}

/// A format in words, for the format's choice and the audit log.
pub fn format_words(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV (a spreadsheet)",
        Format::Jsonl => "JSON Lines",
        Format::Sealed => "sealed .age files",
    }
}

/// The saved file's name: `lantern-tips-2026-12-02T0530.csv`, from `now`
/// (RFC 3339, the browser's clock).
pub fn file_name(format: Format, now: &str) -> String {
    let stamp: String = now
        .chars()
        .take(16)
        .filter(|c| c.is_ascii_digit() || matches!(c, '-' | 'T'))
        .collect();
    let what = if format.is_opened() {
        "tips"
    } else {
        "sealed-tips"
    };
    format!("lantern-{what}-{stamp}.{}", format.extension())
}

/// What the inbox says once the file is saved.
pub fn saved_words(format: Format, count: usize, name: &str) -> String {
    let tips = if count == 1 {
        "1 tip".to_owned()
    } else {
        format!("{count} tips")
    };
    format!("Saved {tips} as {} in {name}.", format_words(format))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use age::secrecy::ExposeSecret;
    use base64::Engine;
    use lantern_followup::{Direction, Kind, Message};

    use super::*;
    use crate::keys::open_identity;

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    fn sealed_tip(to: &age::x25519::Recipient, narrative: &str) -> String {
        let tip = lantern_tip::Tip {
            narrative: narrative.into(),
            ..Default::default()
        };
        let payload = lantern_tip::SealedTip::new(
            "1234 5678 9012 3456".parse().unwrap(),
            "2026-12-01T10:11:12Z".into(),
            tip,
        );
        let encryptor = age::Encryptor::with_recipients(std::iter::once(to as _)).unwrap();
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out).unwrap();
        writer
            .write_all(&serde_json::to_vec(&payload).unwrap())
            .unwrap();
        writer.finish().unwrap();
        b64(&out)
    }

    fn message(to: &age::x25519::Recipient, text: &str, at: &str) -> SealedMessage {
        let (bytes, _) = lantern_followup::seal(
            &[to],
            &Message {
                direction: Direction::Reporter,
                kind: Kind::Answer,
                text: text.into(),
                written_at: at.into(),
            },
        )
        .unwrap();
        SealedMessage {
            direction: Direction::Reporter,
            hour: format!("{}:00:00Z", &at[..13]),
            sealed: b64(&bytes),
        }
    }

    fn keys() -> (Keys, age::x25519::Recipient) {
        let identity = age::x25519::Identity::generate();
        let text = format!("{}\n", identity.to_string().expose_secret());
        (
            open_identity(text.as_bytes(), None).unwrap(),
            identity.to_public(),
        )
    }

    #[test]
    fn select_all_shown_ticks_only_what_the_filter_shows() {
        let mut selection = Selection::default();
        assert!(!selection.has_all([]), "nothing shown: the box is clear");
        selection.set("1", true);
        assert!(selection.has_all(["1"]));
        assert!(!selection.has_all(["1", "2"]));
        selection.set_all(["2", "3"], true);
        assert_eq!(selection.among(["3", "1", "4", "2"]), ["3", "1", "2"]);
        // Unticking all shown leaves a hidden tip's tick alone...
        selection.set_all(["2", "3"], false);
        assert!(selection.has("1"));
        // ...but an export takes only the ticked tips shown.
        assert_eq!(selection.among(["2", "3"]), Vec::<String>::new());
        selection.set("1", false);
        assert_eq!(selection, Selection::default());
    }

    #[test]
    fn the_file_is_the_shared_format_of_the_opened_tips() {
        let (keys, me) = keys();
        let answer = Answer {
            tips: vec![
                SealedExport {
                    id: "7".into(),
                    sealed: sealed_tip(&me, "They keep our passports at the farm."),
                    messages: vec![message(&me, "Two of them.", "2026-12-02T10:20:00Z")],
                },
                SealedExport {
                    id: "9".into(),
                    sealed: sealed_tip(&me, "A second tip's words."),
                    messages: Vec::new(),
                },
            ],
        };
        let csv = String::from_utf8(file(&keys, Format::Csv, &answer).unwrap()).unwrap();
        let header = shared::columns().collect::<Vec<_>>().join(",");
        assert!(csv.starts_with(&format!("{header}\n")), "{csv}");
        assert!(csv.contains("They keep our passports at the farm."));
        assert!(csv.contains("2026-12-02T10:20:00Z reporter (answer): Two of them."));
        assert_eq!(csv.lines().count(), 3);

        let jsonl = String::from_utf8(file(&keys, Format::Jsonl, &answer).unwrap()).unwrap();
        let lines: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0]["tip"]["narrative"],
            "They keep our passports at the farm."
        );
        assert_eq!(lines[0]["receipt"], "1234 5678 9012 3456");
        assert_eq!(lines[0]["conversation"][0]["text"], "Two of them.");
        assert_eq!(lines[0]["conversation"][0]["hour"], "2026-12-02T10:00:00Z");
        assert!(lines[1].get("conversation").is_none());
    }

    #[test]
    fn a_tip_that_does_not_open_stops_the_export() {
        let (keys, me) = keys();
        let (_, stranger) = self::keys();
        let answer = Answer {
            tips: vec![
                SealedExport {
                    id: "7".into(),
                    sealed: sealed_tip(&me, "Opens."),
                    messages: Vec::new(),
                },
                SealedExport {
                    id: "8".into(),
                    sealed: sealed_tip(&stranger, "Does not."),
                    messages: Vec::new(),
                },
            ],
        };
        let error = file(&keys, Format::Csv, &answer).unwrap_err();
        assert_eq!(
            error,
            ExportError::NotOpened {
                id: "8".into(),
                cause: KeyError::NotForThisKey
            }
        );
        assert!(error.to_string().starts_with("Tip 8 could not be opened"));
        assert_eq!(
            file(&keys, Format::Sealed, &Answer { tips: Vec::new() }),
            Err(ExportError::SealedIsNotMadeHere)
        );
    }

    #[test]
    fn names_and_words_say_what_was_saved() {
        let now = "2026-12-02T05:30:12.345Z";
        assert_eq!(
            file_name(Format::Csv, now),
            "lantern-tips-2026-12-02T0530.csv"
        );
        assert_eq!(
            file_name(Format::Jsonl, now),
            "lantern-tips-2026-12-02T0530.jsonl"
        );
        assert_eq!(
            file_name(Format::Sealed, now),
            "lantern-sealed-tips-2026-12-02T0530.tar"
        );
        assert_eq!(
            saved_words(Format::Csv, 2, "x.csv"),
            "Saved 2 tips as CSV (a spreadsheet) in x.csv."
        );
        assert_eq!(
            saved_words(Format::Sealed, 1, "x.tar"),
            "Saved 1 tip as sealed .age files in x.tar."
        );
    }
}
