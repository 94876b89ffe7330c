//! The CSV form of `export`: one row per tip, one column per field of the
//! contract, for analysts who work in a spreadsheet. (`jsonl`, the default,
//! prints exactly what was sealed.)

use serde_json::Value;

/// The columns before the tip's own: paths into the sealed payload itself.
pub const PAYLOAD_COLUMNS: [&str; 2] = ["receipt", "received_at"];

/// The last column: the tip's follow-up conversation (issue 16), one
/// message per line, oldest first. Export puts it beside the sealed payload
/// under this name, in CSV and JSON Lines alike.
pub const CONVERSATION_COLUMN: &str = "conversation";

/// Every column, in order: [`PAYLOAD_COLUMNS`], then one per field of the
/// tip that holds a value, headed by its path, in form order (the field
/// model's [`lantern_tip::Field::columns`]; `tip.` is implied), then
/// [`CONVERSATION_COLUMN`].
pub fn columns() -> impl Iterator<Item = &'static str> {
    PAYLOAD_COLUMNS
        .into_iter()
        .chain(lantern_tip::Field::columns())
        .chain([CONVERSATION_COLUMN])
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

    /// Adds the row of one opened payload (`{receipt, received_at, tip}`,
    /// and `conversation` when the tip has one).
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
    lantern_tip::validate::is_refused_control(c)
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
        let mut csv = CsvWriter::new();
        csv.row(&serde_json::json!({
            "receipt": "1234 5678 9012 3456",
            "received_at": "2026-11-22T04:00:00Z",
            "tip": {
                "version": 1,
                "when": {"date": "2026-11-01", "ongoing": true},
                "indicators": ["no-id", "debt"],
                "narrative": "=HYPERLINK(\"x\") and \"quotes\", commas"
            }
        }));
        let text = String::from_utf8(csv.finish()).unwrap();
        let mut lines = text.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("receipt,received_at,version,language"));
        let row = lines.next().unwrap();
        assert!(
            row.starts_with("1234 5678 9012 3456,2026-11-22T04:00:00Z,1,,,,,,2026-11-01,,true,")
        );
        assert!(row.contains(",no-id; debt,"));
        assert!(row.contains("\"'=HYPERLINK(\"\"x\"\") and \"\"quotes\"\", commas\""));
    }
}
