// What must hold for any input, whatever the bytes. Shared by the fuzz
// targets (fuzz/fuzz_targets/*.rs) and by the regression test that replays
// every saved input (crates/tip/tests/fuzz_regressions.rs), through
// `include!`, so a crash found once is checked on every `cargo test`.

/// Decoding and validating a tip: never panics; an error is one entry in the
/// contract's shape; "malformed" means exactly "not JSON"; a decoded tip
/// validates with every error in a known field, once per field, in form
/// order, and survives a round trip through JSON unchanged.
pub fn check_tip(data: &[u8]) {
    use lantern_tip::validate::{field_rank, FIELD_ORDER};
    let is_json = serde_json::from_slice::<serde_json::Value>(data).is_ok();
    match lantern_tip::decode(data) {
        Err(error) => {
            assert_eq!(error.errors().len(), 1);
            assert_eq!(error.is_malformed(), !is_json, "malformed iff not JSON");
        }
        Ok(tip) => {
            assert!(is_json);
            let today = lantern_tip::Date::new(2026, 11, 22).expect("date");
            if let Err(errors) = tip.validate(today) {
                assert!(!errors.is_empty());
                let ranks: Vec<usize> = errors.iter().map(|e| field_rank(&e.field)).collect();
                assert!(ranks.iter().all(|r| *r < FIELD_ORDER.len()), "{errors:?}");
                assert!(
                    ranks.windows(2).all(|w| w[0] <= w[1]),
                    "form order: {errors:?}"
                );
                for (i, e) in errors.iter().enumerate() {
                    assert!(
                        !errors[..i].iter().any(|f| f.field == e.field),
                        "twice: {e}"
                    );
                }
            }
            let json = serde_json::to_vec(&tip).expect("a decoded tip serialises");
            let again = lantern_tip::decode(&json).expect("a serialised tip decodes");
            assert_eq!(again, tip);
            assert_eq!(again.validate(today), tip.validate(today));
        }
    }
}

/// `Date`: what parses prints back to the same text, and its day count
/// converts back to the same date.
pub fn check_date(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(date) = text.parse::<lantern_tip::Date>() {
        assert_eq!(date.to_string(), text);
        assert_eq!(
            lantern_tip::Date::from_days_since_epoch(date.days_since_epoch()),
            date
        );
    }
    if data.len() >= 8 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&data[..8]);
        let date = lantern_tip::Date::from_days_since_epoch(i64::from_le_bytes(bytes));
        assert_eq!(date.to_string().parse::<lantern_tip::Date>(), Ok(date));
    }
}

/// `Receipt`: what parses has 16 digits and prints to text that parses back.
pub fn check_receipt(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(receipt) = text.parse::<lantern_tip::Receipt>() {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(receipt.digits(), digits);
        assert_eq!(
            receipt.to_string().parse::<lantern_tip::Receipt>(),
            Ok(receipt)
        );
    }
    if data.len() >= 8 {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&data[..8]);
        let receipt = lantern_tip::Receipt::from_random(u64::from_le_bytes(bytes));
        assert_eq!(
            receipt.to_string().parse::<lantern_tip::Receipt>(),
            Ok(receipt)
        );
    }
}

/// `IdempotencyKey`: exactly the 32-lowercase-hex texts parse, and print back.
pub fn check_idempotency_key(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let shaped = text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    match text.parse::<lantern_tip::IdempotencyKey>() {
        Ok(key) => {
            assert!(shaped);
            assert_eq!(key.to_string(), text);
        }
        Err(_) => assert!(!shaped),
    }
}
