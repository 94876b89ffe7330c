//! Replays every saved fuzz input (`fuzz/seeds/<target>/` and
//! `fuzz/regressions/<target>/`) through the same checks the fuzz targets
//! run, on stable Rust, so a crash found once by `scripts/fuzz.sh` stays
//! fixed. The checks live in `fuzz/checks.rs`, shared with the targets.

use std::path::Path;

include!("../../../fuzz/checks.rs");

/// Runs `check` on every file saved for `target`; returns how many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                let data =
                    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let outcome = std::panic::catch_unwind(|| check(&data));
                assert!(outcome.is_ok(), "{} fails its check", path.display());
                count += 1;
            }
        }
    }
    count
}

#[test]
fn saved_tip_inputs_pass() {
    assert!(replay("tip", check_tip) >= 2, "the seeds are missing");
}

#[test]
fn saved_date_inputs_pass() {
    assert!(replay("date", check_date) >= 1);
}

#[test]
fn saved_receipt_inputs_pass() {
    assert!(replay("receipt", check_receipt) >= 1);
}

#[test]
fn saved_idempotency_key_inputs_pass() {
    assert!(replay("idempotency_key", check_idempotency_key) >= 1);
}

#[test]
fn checks_hold_for_hand_picked_hostile_inputs() {
    // What a fuzzer tends to find first, checked here without one.
    let inputs: &[&[u8]] = &[
        b"",
        b"{}",
        b"[]",
        b"null",
        b"{\"version\":1,\"narrative\":\"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\"}",
        b"{\"version\":1,\"narrative\":\"abcdefghijk\",\"indicators\":[\"isolated\",\"isolated\",\"x\"]}",
        b"{\"version\":1,\"narrative\":\"abcdefghijk\",\"contact\":{\"preference\":\"none\",\"phone\":\"1\"}}",
        b"{\"version\":1,\"narrative\":\"abcdefghijk\",\"when\":{\"date\":\"9999-99-99\"}}",
        b"{\"version\":1,\"narrative\":\"abcdefghijk\",\"kind\":7}",
        b"\xff\xfe",
    ];
    for input in inputs {
        check_tip(input);
        check_date(input);
        check_receipt(input);
        check_idempotency_key(input);
    }
}
