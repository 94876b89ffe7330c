//! Lantern's end-to-end harness: everything a browser test needs to meet
//! the widget the way a person does, against real parts.
//!
//! - [`paths`] finds the built widget, the intake binary and axe-core, and
//!   fails (never skips) with a message to run `make test` when one is missing.
//! - [`driver`] runs ChromeDriver and lends headless Chromium sessions.
//! - [`intake`] runs `lantern-intake serve` on loopback with a throwaway
//!   database and key, and stops, kills and restarts it mid-test.
//! - [`pages`] serves the neutral exit page and partner pages from another
//!   origin.
//! - [`widget`] finds elements by test id, label and role, and waits.
//! - [`axe`] runs axe-core in the page and fails on any violation.
//! - [`privacy`] checks cookies, storage and where the browser sent requests.
//! - [`stage`] starts pages and intake together; [`form`] walks the tip form;
//!   [`followup`] keeps a reply code and checks for a reply, as a reporter.
//! - [`partner`] puts the widget on a partner's page with the one-line
//!   snippet, and finds, enters and measures its frames.
//!
//! Every test runs its async body through [`run`], on one runtime shared by
//! the whole test binary: a WebDriver session is a task on the runtime that
//! created it, so sessions can outlive one test only if the runtime does.

pub mod axe;
pub mod driver;
pub mod followup;
pub mod form;
pub mod intake;
pub mod pages;
pub mod partner;
pub mod paths;
pub mod privacy;
pub mod stage;
pub mod widget;

use std::future::Future;
use std::sync::OnceLock;

pub use anyhow::{bail, ensure, Context, Result};
pub use fantoccini::{elements::Element, Client, Locator};

/// Every language the widget speaks, as its `lang` code (`"en"`,
/// `"zh-Hans"`), in the switcher's order: the tip crate's list, so a
/// language added there is walked by every test that loops over this.
pub fn languages() -> impl Iterator<Item = &'static str> {
    lantern_tip::Language::ALL
        .into_iter()
        .map(|language| language.as_str())
}

/// The test binary's runtime; see the crate docs for why it is shared.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a tokio runtime for the end-to-end tests")
    })
}

/// Runs one test's body and panics with the whole error chain if it fails.
///
/// ```no_run
/// #[test]
/// fn hotline_links() {
///     lantern_e2e::run(async { Ok(()) });
/// }
/// ```
pub fn run<F>(test: F)
where
    F: Future<Output = Result<()>> + Send + 'static,
{
    // Spawned rather than block_on'd directly, so the body runs on the
    // runtime's workers like the WebDriver session tasks it talks to.
    let outcome = runtime().block_on(async { tokio::spawn(test).await });
    match outcome {
        Ok(Ok(())) => {}
        // `{:#}` prints the whole chain of causes on one line, without
        // the backtrace anyhow attaches when RUST_BACKTRACE is set.
        Ok(Err(error)) => panic!("{error:#}"),
        Err(join_error) => std::panic::resume_unwind(join_error.into_panic()),
    }
}
