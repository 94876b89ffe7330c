//! Mounts the console; everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(lantern_console::App);
}

#[cfg(not(target_arch = "wasm32"))]
#[expect(
    clippy::print_stderr,
    reason = "the host build exists for tests; run by mistake, it says what to do"
)]
fn main() {
    eprintln!("lantern-console is a browser app: scripts/build-console.sh builds it for wasm32");
}
