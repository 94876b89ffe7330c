//! Reading the intake's answers with the browser's own JSON parser
//! (`lantern::form::client::read_body`), in headless Chromium: the bodies
//! the form must understand, and the ones it must treat as unreadable.
//!
//! Run: `. scripts/env.sh && CHROMEDRIVER=/usr/bin/chromedriver
//! wasm_cargo test -p lantern --test answers`
#![cfg(target_arch = "wasm32")]

use lantern::form::client::read_body;
use lantern::form::outcome::{classify, Body, Outcome};
use lantern_tip::{ErrorCode, FieldError, Receipt};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_795_321_800;

fn receipt() -> Receipt {
    Receipt::from_random(1_234_567_890_123_456)
}

#[wasm_bindgen_test]
fn created_gives_the_receipt() {
    let body = format!(r#"{{"receipt":"{}","extra":[1,2]}}"#, receipt());
    assert_eq!(
        classify(201, read_body(&body), None, NOW),
        Outcome::Sent(receipt())
    );
}

#[wasm_bindgen_test]
fn created_with_garbage_is_a_server_problem_not_a_success() {
    for body in [
        "",
        "{",
        "<html>oops</html>",
        r#"{"receipt":"abc"}"#,
        r#"{"receipt":5}"#,
        r#"{"receipt":null}"#,
        "null",
        "5",
        r#""receipt""#,
        "[]",
    ] {
        assert_eq!(
            classify(201, read_body(body), None, NOW),
            Outcome::ServerError(None),
            "{body}"
        );
    }
}

#[wasm_bindgen_test]
fn refusals_keep_every_entry_as_sent() {
    let body = r#"{"errors":[
        {"field":"narrative","code":"too_short"},
        {"field":"contact.email","code":"invalid_email"},
        {"field":"when.date","code":"from_a_newer_server"},
        {"code":"also_new"}
    ]}"#;
    let read = read_body(body);
    assert_eq!(
        read.errors.as_deref(),
        Some(
            &[
                ("narrative".to_owned(), "too_short".to_owned()),
                ("contact.email".to_owned(), "invalid_email".to_owned()),
                ("when.date".to_owned(), "from_a_newer_server".to_owned()),
                (String::new(), "also_new".to_owned()),
            ][..]
        )
    );
    assert_eq!(
        classify(422, read, None, NOW),
        Outcome::Invalid(vec![
            FieldError::new("narrative", ErrorCode::TooShort),
            FieldError::new("contact.email", ErrorCode::InvalidEmail),
        ])
    );
}

#[wasm_bindgen_test]
fn a_malformed_entry_makes_the_refusal_unreadable() {
    for body in [
        "nope",
        "",
        r#"{"errors":"too_short"}"#,
        r#"{"errors":[{"field":"narrative"}]}"#,
        r#"{"errors":[{"field":"narrative","code":7}]}"#,
        r#"{"errors":[{"field":null,"code":"too_short"}]}"#,
        r#"{"errors":[{"field":"narrative","code":"too_short"},"x"]}"#,
        r#"{"errors":[null]}"#,
    ] {
        assert_eq!(read_body(body).errors, None, "{body}");
        assert_eq!(
            classify(422, read_body(body), None, NOW),
            Outcome::Invalid(vec![]),
            "{body}"
        );
    }
    assert_eq!(read_body(r#"{"errors":[]}"#).errors, Some(vec![]));
    assert_eq!(read_body("{}"), Body::default());
}
