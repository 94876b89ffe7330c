//! Starts the widget on its page (see `lantern::boot`).
fn main() {
    lantern::boot::start();
}
