//! Fuzz target: `check_idempotency_key` in fuzz/checks.rs on arbitrary bytes.
#![no_main]
#![allow(dead_code, reason = "checks.rs holds the checks of every target")]

include!("../checks.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| check_idempotency_key(data));
