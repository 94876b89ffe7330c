//! Where the parts under test live, and a clear failure when one is missing.
//!
//! The suite never skips: a missing binary or widget build means the tests
//! were started the wrong way, and the message says how to start them.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn from_env_or(var: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(var)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
        .unwrap_or(default)
}

fn missing(what: &str, path: &Path, var: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{what} not found at {} (set {var} to override). \
         The end-to-end tests run against the real build: run `make test`, \
         which builds the widget and the intake service first.",
        path.display()
    )
}

/// The `lantern-intake` binary: `$LANTERN_INTAKE_BIN`, else `target/debug/lantern-intake`.
pub fn intake_bin() -> Result<PathBuf> {
    let path = from_env_or(
        "LANTERN_INTAKE_BIN",
        workspace_root().join("target/debug/lantern-intake"),
    );
    if !path.is_file() {
        return Err(missing("the intake binary", &path, "LANTERN_INTAKE_BIN"));
    }
    Ok(path)
}

/// The built widget: `$LANTERN_DIST`, else `dist/` (made by scripts/build-widget.sh).
pub fn dist_dir() -> Result<PathBuf> {
    let path = from_env_or("LANTERN_DIST", workspace_root().join("dist"));
    if !path.join("index.html").is_file() {
        return Err(missing(
            "the built widget (index.html)",
            &path,
            "LANTERN_DIST",
        ));
    }
    Ok(path)
}

/// Where the built analysts' console is looked for: `$LANTERN_CONSOLE_DIST`,
/// else `dist-console/` (made by scripts/build-console.sh). The intake is
/// always pointed at it; [`console_dir`] checks it is there.
pub fn console_dir_unchecked() -> PathBuf {
    from_env_or(
        "LANTERN_CONSOLE_DIST",
        workspace_root().join("dist-console"),
    )
}

/// The built analysts' console, which must be there.
pub fn console_dir() -> Result<PathBuf> {
    let path = console_dir_unchecked();
    if !path.join("index.html").is_file() {
        return Err(missing(
            "the built console (index.html)",
            &path,
            "LANTERN_CONSOLE_DIST",
        ));
    }
    Ok(path)
}

/// axe-core's `axe.min.js`: `$AXE_JS` (scripts/env.sh sets it).
pub fn axe_js() -> Result<PathBuf> {
    let default = std::env::var_os("LANTERN_TOOLS")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache/lantern-tools"))
        })
        .unwrap_or_default()
        .join("node_modules/axe-core/axe.min.js");
    let path = from_env_or("AXE_JS", default);
    if !path.is_file() {
        return Err(missing("axe-core", &path, "AXE_JS"));
    }
    Ok(path)
}

/// ChromeDriver: `$CHROMEDRIVER`, else Debian's `/usr/bin/chromedriver`.
pub fn chromedriver() -> Result<PathBuf> {
    let path = from_env_or("CHROMEDRIVER", PathBuf::from("/usr/bin/chromedriver"));
    if !path.is_file() {
        bail!(
            "ChromeDriver not found at {} (set CHROMEDRIVER to override). \
             Install Debian's: apt-get install -y chromium chromium-driver, or run `make test`.",
            path.display()
        );
    }
    Ok(path)
}

/// Chromium: `$CHROMIUM`, else Debian's `/usr/bin/chromium`.
pub fn chromium() -> Result<PathBuf> {
    let path = from_env_or("CHROMIUM", PathBuf::from("/usr/bin/chromium"));
    if !path.is_file() {
        bail!(
            "Chromium not found at {} (set CHROMIUM to override). \
             Install Debian's: apt-get install -y chromium chromium-driver, or run `make test`.",
            path.display()
        );
    }
    Ok(path)
}

/// A loopback port nobody is listening on right now.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}
