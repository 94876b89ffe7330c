//! Opened tips as the hotline's case system takes them: CSV (one row per
//! tip, one column per field of the contract) and JSON Lines (one object
//! per tip: exactly what was sealed, and its conversation). Written once,
//! here, for both places that export: the intake's `export` command, which
//! opens tips with the identity file on the hotline's machine, and the
//! analysts' console, which opens them in the analyst's browser. So a file
//! from either reads the same.
//!
//! Behind the `export` feature: the widget never links `csv`.

use lantern_followup::{Direction, Kind};
use serde::Serialize;
use serde_json::Value;

use crate::SealedTip;

/// The columns before the tip's own: paths into the sealed payload itself.
pub const PAYLOAD_COLUMNS: [&str; 2] = ["receipt", "received_at"];

/// The last column: the tip's follow-up conversation (issue 16), one
/// message per line, oldest first. Exports put it beside the sealed
/// payload under this name, in CSV and JSON Lines alike.
pub const CONVERSATION_COLUMN: &str = "conversation";

/// Every column, in order: [`PAYLOAD_COLUMNS`], then one per field of the
/// tip that holds a value, headed by its path, in form order (the field
/// model's [`crate::Field::columns`]; `tip.` is implied), then
/// [`CONVERSATION_COLUMN`].
pub fn columns() -> impl Iterator<Item = &'static str> {
    PAYLOAD_COLUMNS
        .into_iter()
        .chain(crate::Field::columns())
        .chain([CONVERSATION_COLUMN])
}

/// The two files of opened tips. (The third export, the sealed `.age`
/// files, is not opened at all: see [`Format::Sealed`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A table for a spreadsheet: [`CsvWriter`].
    Csv,
    /// One JSON object per line: [`OpenedTip::json_line`].
    Jsonl,
    /// The sealed files exactly as stored, for an archive; opened by
    /// nobody on the way, so the stock `age` tool opens them later.
    Sealed,
}

impl Format {
    /// Every format, in the order the console offers them.
    pub const ALL: [Format; 3] = [Format::Csv, Format::Jsonl, Format::Sealed];

    /// The spelling on the wire and in the audit log (`--format` of the
    /// `export` command spells the first two the same).
    pub fn id(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Sealed => "age",
        }
    }

    /// Reads [`Format::id`]'s spelling.
    pub fn parse(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.id() == id)
    }

    /// Whether the tips are opened to make it (CSV and JSON Lines are; the
    /// sealed files never are).
    pub fn is_opened(self) -> bool {
        self != Format::Sealed
    }

    /// The file's name ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Sealed => "tar",
        }
    }

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Jsonl => "application/jsonl;charset=utf-8",
            Format::Sealed => "application/x-tar",
        }
    }
}

/// One message of a tip's follow-up conversation, opened, as exports
/// write it (and `lantern-intake reply` prints it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Said {
    /// `hotline` or `reporter`.
    pub direction: Direction,
    /// `reply`, `answer` or `detail`.
    pub kind: Kind,
    /// The words.
    pub text: String,
    /// When it was written (from inside the seal).
    pub written_at: String,
    /// The hour it was stored in (the clear column, RFC 3339).
    pub hour: String,
}

impl Said {
    /// Puts `messages` in the order they were written: by the hour stored,
    /// then by the time sealed inside (within an hour the store keeps no
    /// order).
    pub fn sort_as_written(messages: &mut [Said]) {
        messages.sort_by(|a, b| (&a.hour, &a.written_at).cmp(&(&b.hour, &b.written_at)));
    }
}

/// One opened tip with its conversation: what a line of JSON Lines holds
/// and a row of CSV shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenedTip {
    /// What was sealed, as it was.
    #[serde(flatten)]
    pub sealed: SealedTip,
    /// Its conversation, oldest first; absent (not empty) when it has none.
    #[serde(rename = "conversation", skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Vec<Said>>,
}

impl OpenedTip {
    /// The tip and its messages, put in the order they were written
    /// ([`Said::sort_as_written`]).
    pub fn new(sealed: SealedTip, mut messages: Vec<Said>) -> Self {
        Said::sort_as_written(&mut messages);
        Self {
            sealed,
            conversation: (!messages.is_empty()).then_some(messages),
        }
    }

    /// Its line of JSON Lines, without the line break.
    pub fn json_line(&self) -> String {
        // Serialising plain strings and numbers to a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The file of `tips` in `format`: [`csv`] or [`jsonl`]; `None` for
/// [`Format::Sealed`], which is never made from opened tips.
pub fn write(format: Format, tips: &[OpenedTip]) -> Option<Vec<u8>> {
    match format {
        Format::Csv => Some(csv(tips)),
        Format::Jsonl => Some(jsonl(tips).into_bytes()),
        Format::Sealed => None,
    }
}

/// The JSON Lines file of `tips`: a line each, each ended by a line break.
pub fn jsonl<'a>(tips: impl IntoIterator<Item = &'a OpenedTip>) -> String {
    let mut out = String::new();
    for tip in tips {
        out.push_str(&tip.json_line());
        out.push('\n');
    }
    out
}

/// The CSV file of `tips`, its header row first.
pub fn csv<'a>(tips: impl IntoIterator<Item = &'a OpenedTip>) -> Vec<u8> {
    let mut writer = CsvWriter::new();
    for tip in tips {
        writer.tip(tip);
    }
    writer.finish()
}

/// Builds the CSV text in memory.
#[derive(Debug)]
pub struct CsvWriter {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    /// A writer that has written the header row.
    pub fn new() -> Self {
        let mut writer = csv::Writer::from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(columns());
        Self { writer }
    }

    /// Adds the row of one opened tip.
    pub fn tip(&mut self, tip: &OpenedTip) {
        self.row(&serde_json::to_value(tip).unwrap_or_default());
    }

    /// Adds the row of one opened payload as JSON (`{receipt, received_at,
    /// tip}`, and `conversation` when the tip has one): [`OpenedTip`]'s
    /// shape, or a payload sealed before it that no longer reads as one.
    pub fn row(&mut self, payload: &Value) {
        let cells = columns().map(|column| {
            if column == CONVERSATION_COLUMN {
                return payload
                    .get(column)
                    .and_then(Value::as_array)
                    .map(|messages| conversation_cell(messages))
                    .unwrap_or_default();
            }
            let value = if PAYLOAD_COLUMNS.contains(&column) {
                payload.get(column)
            } else {
                column.split('.').fold(payload.get("tip"), |value, key| {
                    value.and_then(|value| value.get(key))
                })
            };
            value.map(cell).unwrap_or_default()
        });
        let _ = self.writer.write_record(cells);
    }

    /// The CSV bytes.
    pub fn finish(self) -> Vec<u8> {
        self.writer.into_inner().unwrap_or_default()
    }
}

/// A conversation as one cell: a line per message, `when, who (kind): words`,
/// e.g. `2026-11-22T05:10:00Z hotline (reply): Is anyone under 18?`. The
/// words are made safe as every other cell's are.
fn conversation_cell(messages: &[Value]) -> String {
    let field = |m: &Value, name: &str| {
        m.get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let lines: Vec<String> = messages
        .iter()
        .map(|m| {
            format!(
                "{} {} ({}): {}",
                field(m, "written_at"),
                field(m, "direction"),
                field(m, "kind"),
                field(m, "text")
            )
        })
        .collect();
    cell(&Value::String(lines.join("\n")))
}

/// One value as cell text, safe to open in a spreadsheet. Tips are written
/// by anyone and opened by analysts, so:
///
/// - characters that act rather than show ([`acts_on_the_reader`]) are
///   written as a visible `[U+XXXX]`;
/// - text a spreadsheet would run as a formula (starting with `=`, `+`,
///   `-`, `@`, tab or carriage return) gets a leading `'`.
fn cell(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::String(text) => neutralised(text),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    };
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// Whether `c` does something to whoever reads the export instead of
/// showing: a control character other than tab, line feed and carriage
/// return (a terminal or spreadsheet acts on it, NUL cuts text short), or a
/// bidirectional embedding, override or isolate (`U+202A` to `U+202E`,
/// `U+2066` to `U+2069`), which reorders the text after it, in some
/// programs into the next cells. The tip rules refuse control characters
/// now; tips stored before that may still hold them.
pub fn acts_on_the_reader(c: char) -> bool {
    crate::validate::is_refused_control(c)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character that [`acts_on_the_reader`] written as
/// `[U+XXXX]`, so the analyst sees it was there and what it was.
fn neutralised(text: &str) -> String {
    if !text.chars().any(acts_on_the_reader) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts_on_the_reader(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Receipt, Tip};

    fn said(hour: &str, written_at: &str, direction: Direction, kind: Kind, text: &str) -> Said {
        Said {
            direction,
            kind,
            text: text.into(),
            written_at: written_at.into(),
            hour: hour.into(),
        }
    }

    fn opened(narrative: &str, messages: Vec<Said>) -> OpenedTip {
        let tip: Tip = serde_json::from_value(serde_json::json!({
            "version": 1,
            "when": {"date": "2026-11-01", "ongoing": true},
            "indicators": ["no-id", "debt"],
            "narrative": narrative,
        }))
        .unwrap();
        OpenedTip::new(
            SealedTip::new(
                Receipt::from_random(1_234_567_890_123_456),
                "2026-11-22T04:00:00Z".into(),
                tip,
            ),
            messages,
        )
    }

    #[test]
    fn formats_read_back_from_their_ids_and_only_two_are_opened() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.id()), Some(format));
        }
        assert_eq!(Format::parse("json"), None);
        assert_eq!(Format::parse("CSV"), None);
        let opened: Vec<Format> = Format::ALL.into_iter().filter(|f| f.is_opened()).collect();
        assert_eq!(opened, [Format::Csv, Format::Jsonl]);
        assert_eq!(Format::Sealed.extension(), "tar");
    }

    #[test]
    fn a_json_line_is_the_sealed_payload_and_its_conversation_in_order() {
        let tip = opened(
            "They keep our passports.",
            vec![
                said(
                    "2026-11-22T06:00:00Z",
                    "2026-11-22T06:10:00Z",
                    Direction::Reporter,
                    Kind::Answer,
                    "Two.",
                ),
                said(
                    "2026-11-22T05:00:00Z",
                    "2026-11-22T05:10:00Z",
                    Direction::Hotline,
                    Kind::Reply,
                    "How many?",
                ),
            ],
        );
        let line = tip.json_line();
        assert!(!line.contains('\n'));
        let value: Value = serde_json::from_str(&line).unwrap();
        // Exactly the sealed payload's fields, and the conversation beside them.
        let mut expected = serde_json::to_value(&tip.sealed).unwrap();
        let conversation = value["conversation"].clone();
        expected["conversation"] = conversation.clone();
        assert_eq!(value, expected);
        assert_eq!(conversation[0]["text"], "How many?");
        assert_eq!(conversation[0]["direction"], "hotline");
        assert_eq!(conversation[1]["kind"], "answer");
        assert_eq!(conversation[1]["hour"], "2026-11-22T06:00:00Z");
        // A tip without one has no `conversation` at all.
        let quiet = opened("Nothing said since.", Vec::new());
        assert!(!quiet.json_line().contains(CONVERSATION_COLUMN));
        assert_eq!(
            jsonl([&tip, &quiet]),
            format!("{}\n{}\n", tip.json_line(), quiet.json_line())
        );
        let both = [tip.clone(), quiet.clone()];
        assert_eq!(write(Format::Jsonl, &both), Some(jsonl(&both).into_bytes()));
        assert_eq!(write(Format::Csv, &both), Some(csv(&both)));
        assert_eq!(write(Format::Sealed, &both), None);
    }

    #[test]
    fn the_csv_of_opened_tips_is_the_csv_of_their_json() {
        let tips = [
            opened("=HYPERLINK(\"x\") and \"quotes\", commas", Vec::new()),
            opened(
                "Second",
                vec![said(
                    "2026-11-22T05:00:00Z",
                    "2026-11-22T05:10:00Z",
                    Direction::Hotline,
                    Kind::Reply,
                    "Is anyone under 18?",
                )],
            ),
        ];
        let mut by_value = CsvWriter::new();
        for tip in &tips {
            by_value.row(&serde_json::from_str(&tip.json_line()).unwrap());
        }
        let text = csv(&tips);
        assert_eq!(text, by_value.finish());
        let text = String::from_utf8(text).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "1234 5678 9012 3456");
        assert_eq!(
            rows[1].iter().next_back(),
            Some("2026-11-22T05:10:00Z hotline (reply): Is anyone under 18?")
        );
    }

    #[test]
    fn control_and_bidi_characters_are_written_visibly() {
        let text =
            "a\u{0}b\u{1b}[2Jc\u{7f}\u{85}\u{9b}d\u{202e}e\u{2066}f\u{2069}g\u{202a}\u{202c}";
        assert_eq!(
            cell(&Value::String(text.into())),
            "a[U+0000]b[U+001B][2Jc[U+007F][U+0085][U+009B]d[U+202E]e[U+2066]f[U+2069]g[U+202A][U+202C]"
        );
        // Text, line breaks, tabs, joiners and direction marks are left as they are.
        for kept in [
            "line\r\nnext\ttab",
            "👩\u{200d}👩\u{200d}👧",
            "\u{5d0}\u{200f}\u{5d1}",
            "ñandú 🙂",
        ] {
            assert_eq!(cell(&Value::String(kept.into())), kept);
        }
        // A formula hidden behind an override is defused by the escape itself.
        assert_eq!(cell(&Value::String("\u{202e}=1+1".into())), "[U+202E]=1+1");
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(cell(&Value::String(formula.into())), format!("'{formula}"));
        }
    }

    #[test]
    fn the_columns_analysts_rely_on_keep_their_headings_and_order() {
        // Spelled out once more on purpose: spreadsheets and scripts read
        // these headings, so a change to the field model that renames,
        // drops or reorders one must be seen here. A new field may add a
        // column anywhere.
        const PUBLISHED: &[&str] = &[
            "receipt",
            "received_at",
            "version",
            "language",
            "partner",
            "danger_now",
            "reporter",
            "kind",
            "when.date",
            "when.time_of_day",
            "when.ongoing",
            "location.country",
            "location.region",
            "location.city",
            "location.place",
            "location.details",
            "venue",
            "people.count",
            "people.minors",
            "people.description",
            "people.languages",
            "controllers.description",
            "controllers.names",
            "controllers.vehicles",
            "indicators",
            "online.sites",
            "online.handles",
            "online.phones",
            "narrative",
            "contact.preference",
            "contact.phone",
            "contact.email",
            "contact.safe_times",
            "contact.voicemail_ok",
        ];
        let header = String::from_utf8(CsvWriter::new().finish()).unwrap_or_default();
        let header: Vec<&str> = header.trim_end().split(',').collect();
        let kept: Vec<&str> = header
            .iter()
            .copied()
            .filter(|h| PUBLISHED.contains(h))
            .collect();
        assert_eq!(kept, PUBLISHED);
        assert_eq!(header[..2], PAYLOAD_COLUMNS);
        assert_eq!(header.last(), Some(&CONVERSATION_COLUMN));
    }

    #[test]
    fn a_conversation_is_one_cell_a_line_per_message_made_safe() {
        let mut csv = CsvWriter::new();
        csv.row(&serde_json::json!({
            "receipt": "1234 5678 9012 3456",
            "tip": {"version": 1},
            "conversation": [
                {"written_at": "2026-11-22T05:10:00Z", "direction": "hotline", "kind": "reply", "text": "How many?"},
                {"written_at": "2026-11-22T06:00:00Z", "direction": "reporter", "kind": "answer", "text": "Two\u{202E}"}
            ]
        }));
        let text = String::from_utf8(csv.finish()).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            rows.headers().unwrap().iter().next_back(),
            Some(CONVERSATION_COLUMN)
        );
        let row = rows.records().next().unwrap().unwrap();
        assert_eq!(
            row.iter().next_back().unwrap(),
            "2026-11-22T05:10:00Z hotline (reply): How many?\n\
             2026-11-22T06:00:00Z reporter (answer): Two[U+202E]"
        );
        // A tip without one has an empty cell.
        let mut csv = CsvWriter::new();
        csv.row(&serde_json::json!({"receipt": "1", "tip": {}}));
        let text = String::from_utf8(csv.finish()).unwrap();
        assert!(text.lines().nth(1).unwrap().ends_with(','));
    }

    #[test]
    fn nested_fields_become_columns_and_formulas_are_defused() {
        let text = String::from_utf8(csv([&opened(
            "=HYPERLINK(\"x\") and \"quotes\", commas",
            Vec::new(),
        )]))
        .unwrap();
        let mut lines = text.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("receipt,received_at,version,language"));
        let row = lines.next().unwrap();
        assert!(
            row.starts_with("1234 5678 9012 3456,2026-11-22T04:00:00Z,1,,,,,,2026-11-01,,true,"),
            "{row}"
        );
        assert!(row.contains(",no-id; debt,"));
        assert!(row.contains("\"'=HYPERLINK(\"\"x\"\") and \"\"quotes\"\", commas\""));
    }
}
