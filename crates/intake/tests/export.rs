//! `keygen` and `export` through the real binary, and the standard `age` tool
//! opening a blob exactly as stored.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::{full_tip, new_key, Server};

const BIN: &str = env!("CARGO_BIN_EXE_lantern-intake");

fn keygen(path: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(["keygen", "--output"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn keygen_writes_a_private_identity_and_prints_its_recipient() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("identity.txt");
    let output = keygen(&path);
    assert!(output.status.success());
    let recipient = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert!(
        recipient.starts_with("age1") && recipient.len() == 62,
        "{recipient}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("# public key: {recipient}")));
    assert!(text.lines().any(|l| l.starts_with("AGE-SECRET-KEY-1")));
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // Never over an existing key: that would lose every tip sealed to it.
    let again = keygen(&path);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

async fn submit(url: &str, tip: &serde_json::Value) -> String {
    let response = reqwest::Client::new()
        .post(format!("{url}/v1/tips"))
        .header("idempotency-key", new_key())
        .json(tip)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let body: serde_json::Value = response.json().await.unwrap();
    body["receipt"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn export_round_trips_what_was_submitted_and_age_opens_the_sealed_files() {
    let dir = tempfile::tempdir().unwrap();
    let identity = dir.path().join("identity.txt");
    let keygen = keygen(&identity);
    let recipient = String::from_utf8(keygen.stdout).unwrap().trim().to_owned();
    let widget = common::widget_dir(dir.path());
    let database = common::sqlite_url(dir.path());
    let mut server = Server::start(&database, &recipient, &widget, &[]);

    let minimal =
        serde_json::json!({"version": 1, "narrative": "Only the narrative, ñandú 🙂 \"quoted\"."});
    let tips = [full_tip("First"), minimal, full_tip("Third")];
    let mut receipts = Vec::new();
    for tip in &tips {
        receipts.push(submit(&server.url(), tip).await);
    }
    server.stop();

    let jsonl = common::export(&database, &identity, &[]);
    let exported: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported.len(), 3);
    // Within an hour the export is in no particular order (row ids are
    // random so that nothing orders tips), so each is found by receipt.
    for (tip, receipt) in tips.iter().zip(&receipts) {
        let value = exported
            .iter()
            .find(|v| &v["receipt"] == receipt)
            .unwrap_or_else(|| panic!("receipt {receipt} not exported"));
        assert_eq!(value["tip"], common::canonical(tip));
        let received_at = value["received_at"].as_str().unwrap();
        assert!(
            received_at.ends_with('Z') && received_at.len() == 20,
            "{received_at}"
        );
    }
    assert_eq!(
        jsonl,
        common::export(&database, &identity, &["--format", "jsonl"])
    );

    let csv = common::export(&database, &identity, &["--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("receipt,received_at,version,"));
    assert_eq!(lines.clone().count(), 3);
    assert_eq!(lines.filter(|l| l.contains("First-narrative")).count(), 1);

    let today = &exported[0]["received_at"].as_str().unwrap()[..10];
    assert_eq!(
        common::export(&database, &identity, &["--since", today])
            .lines()
            .count(),
        3
    );
    assert_eq!(
        common::export(&database, &identity, &["--since", "2999-01-01"]),
        ""
    );

    // A wrong key opens nothing.
    let other = dir.path().join("other.txt");
    assert!(self::keygen(&other).status.success());
    let refused = Command::new(BIN)
        .args(["export", "--database", &database, "--identity"])
        .arg(&other)
        .output()
        .unwrap();
    assert!(!refused.status.success());

    // The stock age path of docs/operations.md: `sealed` writes each tip as
    // an .age file (no key needed), and Debian's `age` opens every one.
    let out = dir.path().join("sealed");
    let sealed = Command::new(BIN)
        .args(["sealed", "--database", &database, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        sealed.status.success(),
        "{}",
        String::from_utf8_lossy(&sealed.stderr)
    );
    assert!(String::from_utf8_lossy(&sealed.stdout).starts_with("3 sealed tips written"));
    let mut opened_by_age = Vec::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(path.extension().unwrap(), "age");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", path.display());
        }
        let age = Command::new("age")
            .args(["--decrypt", "--identity"])
            .arg(&identity)
            .arg(&path)
            .output()
            .unwrap_or_else(|e| {
                panic!("the `age` command is needed ({e}): apt-get install age (scripts/toolchain.sh test does)")
            });
        assert!(
            age.status.success(),
            "{}",
            String::from_utf8_lossy(&age.stderr)
        );
        opened_by_age.push(serde_json::from_slice::<serde_json::Value>(&age.stdout).unwrap());
    }
    let key = |v: &serde_json::Value| v["receipt"].as_str().unwrap().to_owned();
    opened_by_age.sort_by_key(key);
    let mut expected = exported.clone();
    expected.sort_by_key(key);
    assert_eq!(opened_by_age, expected);
    // Again: nothing new, nothing overwritten.
    let again = Command::new(BIN)
        .args(["sealed", "--database", &database, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 sealed tips written"));
}

#[test]
fn export_refuses_a_database_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let identity = dir.path().join("identity.txt");
    assert!(keygen(&identity).status.success());
    let output = Command::new(BIN)
        .args(["export", "--database"])
        .arg(format!("sqlite://{}/missing.db", dir.path().display()))
        .arg("--identity")
        .arg(&identity)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(!dir.path().join("missing.db").exists());
}

/// The cells of `csv` (header row first), as a spreadsheet would read them.
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn csv_export_shows_direction_overrides_and_defuses_formulas_in_submitted_tips() {
    let dir = tempfile::tempdir().unwrap();
    let identity = dir.path().join("identity.txt");
    let recipient = String::from_utf8(keygen(&identity).stdout)
        .unwrap()
        .trim()
        .to_owned();
    let widget = common::widget_dir(dir.path());
    let database = common::sqlite_url(dir.path());
    let mut server = Server::start(&database, &recipient, &widget, &[]);
    // Direction overrides and isolates are accepted (right-to-left text needs
    // them); in a spreadsheet they would reorder what the analyst reads.
    let narrative =
        "=HYPERLINK(\"http://x\") \u{202E}gnp.exe\u{202C} and \u{2067}isolated\u{2069} text";
    let mut tip = full_tip("Csv");
    tip["narrative"] = narrative.into();
    tip["location"]["city"] = "@SUM(1+1)".into();
    tip["people"]["description"] = "\u{202D}-2+3".into();
    submit(&server.url(), &tip).await;
    server.stop();

    // The sealed tip is exactly what was sent...
    let jsonl = common::export(&database, &identity, &[]);
    let exported: serde_json::Value = serde_json::from_str(jsonl.trim()).unwrap();
    assert_eq!(exported["tip"]["narrative"], narrative);

    // ...and the CSV shows every override as text and runs no formula.
    let csv = common::export(&database, &identity, &["--format", "csv"]);
    let rows = cells(&csv);
    assert_eq!(rows.len(), 2);
    let column = |name: &str| {
        let at = rows[0].iter().position(|c| c == name).unwrap();
        rows[1][at].clone()
    };
    assert_eq!(
        column("narrative"),
        "'=HYPERLINK(\"http://x\") [U+202E]gnp.exe[U+202C] and [U+2067]isolated[U+2069] text"
    );
    assert_eq!(column("location.city"), "'@SUM(1+1)");
    assert_eq!(column("people.description"), "[U+202D]-2+3");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.chars().any(lantern_intake::export::acts_on_the_reader),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn csv_export_writes_control_characters_visibly() {
    // Tips stored before control characters were refused may hold them.
    let mut writer = lantern_intake::export::CsvWriter::new();
    writer.row(&serde_json::json!({
        "receipt": "1234 5678 9012 3456",
        "received_at": "2026-11-22T04:00:00Z",
        "tip": {
            "version": 1,
            "narrative": "\u{0}\u{0}\u{0}\u{1b}[31mred\u{7}\u{9b}\u{7f} and a\ttab\r\nline",
            "online": {"handles": "-\u{0}1"}
        }
    }));
    let csv = String::from_utf8(writer.finish()).unwrap();
    let rows = cells(&csv);
    let column = |name: &str| {
        let at = rows[0].iter().position(|c| c == name).unwrap();
        rows[1][at].clone()
    };
    assert_eq!(
        column("narrative"),
        "[U+0000][U+0000][U+0000][U+001B][31mred[U+0007][U+009B][U+007F] and a\ttab\r\nline"
    );
    assert_eq!(column("online.handles"), "'-[U+0000]1");
    assert!(!csv.contains('\0') && !csv.contains('\u{1b}'));
}
