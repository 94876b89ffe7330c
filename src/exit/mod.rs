//! The quick exit: a "Leave this site" link that is always on screen, a
//! hidden skip link before everything else, and Shift pressed three times.
//!
//! Leaving happens in this order, all within the click or key press that
//! asked for it: hide every piece of content at once behind a plain
//! "Loading." overlay; run the [`on_exit`] hooks (the form drops its state and
//! aborts requests in flight); then `location.replace` the exit URL, so Back
//! does not return here. If the browser restores this page from its
//! back-forward cache anyway, [`install`]'s `pageshow` handler keeps the
//! overlay and leaves again.
//!
//! - [`keys`]: the Shift×3 rules, plain Rust with host tests.
//! - [`bar`]: the sticky bar component that wires them to the page.
//! - [`navigate`]: hiding the page and going away, including from inside a
//!   partner's iframe.

pub mod bar;
pub mod keys;
pub mod navigate;

pub use bar::ExitBar;
pub use navigate::install;

use std::cell::RefCell;

thread_local! {
    /// Work to do on exit. The widget runs on the browser's one thread, so a
    /// thread-local is the whole registry.
    static HOOKS: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
}

/// Registers `f` to run when the person leaves, after every piece of content
/// is hidden and before the browser navigates away. Each hook runs once.
/// The form uses this to clear its signals and abort fetches in flight.
pub fn on_exit(f: impl FnOnce() + 'static) {
    HOOKS.with(|hooks| hooks.borrow_mut().push(Box::new(f)));
}

/// Runs (and forgets) every registered hook, in the order registered. A hook
/// that registers another hook sees it run too.
pub fn run_exit_hooks() {
    loop {
        let batch = HOOKS.with(|hooks| std::mem::take(&mut *hooks.borrow_mut()));
        if batch.is_empty() {
            break;
        }
        for hook in batch {
            hook();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn hooks_run_once_in_order() {
        let log = Rc::new(RefCell::new(Vec::new()));
        for n in 1..=3 {
            let log = Rc::clone(&log);
            on_exit(move || log.borrow_mut().push(n));
        }
        let inner = Rc::clone(&log);
        on_exit(move || {
            let log = Rc::clone(&inner);
            on_exit(move || log.borrow_mut().push(99));
        });
        run_exit_hooks();
        assert_eq!(*log.borrow(), vec![1, 2, 3, 99]);
        run_exit_hooks();
        assert_eq!(*log.borrow(), vec![1, 2, 3, 99], "hooks run only once");
    }
}
