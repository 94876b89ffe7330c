//! Lantern's analysts' console (issue 17): a Leptos app the intake serves
//! under `/console/`. Analysts enrol and sign in with a passkey, open the
//! hotline's age identity from a file they hold, and read the sealed inbox,
//! each tip opened here in the browser: the server never holds the key and
//! never sends a tip in clear.
//!
//! - [`keys`]: the identity file (plain or `age -p`) and opening tips;
//! - [`layout`]: how an opened tip reads (the inbox line, its sections);
//! - [`api`]: the console API's answers, and (in the browser) its calls;
//! - [`audit`]: the audit log's page as plain words, and the chain's verdict;
//! - [`filter`]: the inbox's filters and its search inside opened tips;
//! - [`export`]: the inbox's selection, and the CSV and JSON Lines files
//!   made here from opened tips (the intake's `export` format);
//! - [`labels`]: the triage labels' checklist and its suggestions;
//! - [`cases`]: grouping tips into cases, as words and choices;
//! - [`opened`]: each tip opened once per identity, for the inbox and the
//!   tip view alike;
//! - [`talk`]: the conversation with the reporter and the notes, opened,
//!   and what the analyst writes, to seal;
//! - `passkey` and `ui` (Wasm only): WebAuthn through `navigator.credentials`,
//!   and the components.

pub mod api;
pub mod audit;
pub mod cases;
pub mod export;
pub mod filter;
pub mod keys;
pub mod labels;
pub mod layout;
pub mod nav;
pub mod opened;
pub mod talk;

#[cfg(target_arch = "wasm32")]
pub mod passkey;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use ui::App;
