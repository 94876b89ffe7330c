//! The follow-up worker's Wasm (issue 16): everything that needs the code,
//! in a module of its own that the widget loads into a dedicated Web Worker
//! only when a person asks for it, so the first visit carries none of it
//! and Argon2id never blocks the page's main thread.
//!
//! The JavaScript side (`public/followup-worker.js`) holds one [`Session`]
//! per opened code, talks to the intake itself (same origin) and posts back
//! only what a person reads. The keys never leave this module.

use base64::Engine;
use lantern_followup::{Code, Keys};
use wasm_bindgen::prelude::*;

/// A new follow-up code, from the browser's CSPRNG, as shown to a person
/// (`4821 0937 5562 1049 7730`).
#[wasm_bindgen(js_name = newCode)]
pub fn new_code() -> Result<String, JsError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(Code::from_random(bytes).to_string())
}

/// Why a code was not taken, for the widget's words: `too_short`,
/// `too_long`, `not_digits`; or `None` when it is a code.
#[wasm_bindgen(js_name = codeProblem)]
pub fn code_problem(text: &str) -> Option<String> {
    text.parse::<Code>().err().map(|e| {
        match e {
            lantern_followup::CodeError::TooShort => "too_short",
            lantern_followup::CodeError::TooLong => "too_long",
            lantern_followup::CodeError::NotDigits => "not_digits",
        }
        .to_owned()
    })
}

/// The keys of one code.
#[wasm_bindgen]
pub struct Session {
    keys: Keys,
}

#[wasm_bindgen]
impl Session {
    /// Derives the keys of `code` (Argon2id: the slow part, seconds).
    #[wasm_bindgen(constructor)]
    pub fn new(code: &str) -> Result<Session, JsError> {
        let code: Code = code
            .parse()
            .map_err(|e: lantern_followup::CodeError| JsError::new(&e.to_string()))?;
        Ok(Session {
            keys: lantern_followup::derive(code),
        })
    }

    /// The lookup token, as the API takes it.
    #[wasm_bindgen(js_name = lookupToken)]
    pub fn lookup_token(&self) -> String {
        self.keys.lookup.to_hex()
    }

    /// The reporter's public recipient, for registering the code.
    pub fn recipient(&self) -> String {
        self.keys.recipient().to_string()
    }

    /// Opens one base64 age message: its JSON (`{direction, kind, text,
    /// written_at}`), or an error when this code's identity does not open it.
    pub fn open(&self, sealed_base64: &str) -> Result<String, JsError> {
        let sealed = base64::engine::general_purpose::STANDARD
            .decode(sealed_base64)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let message = lantern_followup::open(&self.keys.identity, &sealed)
            .map_err(|e| JsError::new(&e.to_string()))?;
        serde_json::to_string(&message).map_err(|e| JsError::new(&e.to_string()))
    }
}
