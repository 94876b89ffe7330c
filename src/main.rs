//! Mounts the widget.
fn main() {}
