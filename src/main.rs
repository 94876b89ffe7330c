//! Starts the widget on its page (see `lantern::boot`).
fn main() {
    // In a task of its own: the one that runs `main` has just finished
    // compiling and instantiating the module, which on a slow phone already
    // takes tens of milliseconds (issue 7: no task over 50 ms).
    leptos::prelude::set_timeout(lantern::boot::start, std::time::Duration::ZERO);
}
