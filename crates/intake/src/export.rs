//! The CSV form of `export`: one row per tip, one column per field of the
//! contract, for analysts who work in a spreadsheet. (`jsonl`, the default,
//! prints exactly what was sealed.)

use serde_json::Value;

/// Columns, as paths into the sealed payload (`tip.` is implied for all but
/// the first two).
pub const COLUMNS: &[&str] = &[
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
        let _ = writer.write_record(COLUMNS);
        Self { writer }
    }

    /// Adds the row of one opened payload (`{receipt, received_at, tip}`).
    pub fn row(&mut self, payload: &Value) {
        let cells = COLUMNS.iter().map(|column| {
            let value = match *column {
                "receipt" | "received_at" => payload.get(*column),
                path => path.split('.').fold(payload.get("tip"), |value, key| {
                    value.and_then(|value| value.get(key))
                }),
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

/// One value as cell text. Text a spreadsheet would run as a formula gets a
/// leading `'` (tips are written by anyone, opened by analysts).
fn cell(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    };
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
