//! Writes the static copy (`lantern::static_copy`) into a built widget
//! directory: the default language's into `index.html` in place of its
//! `<!-- lantern:static -->` marker, and every language's into
//! `static/<tag>.html`, from which lantern-intake serves each visit the
//! page in its own language. Run by scripts/build-widget.sh and by Trunk's
//! post-build hook (Trunk.toml):
//!
//! ```sh
//! cargo run -p lantern --bin lantern-static-copy -- dist
//! ```

use lantern::i18n::Lang;
use lantern::static_copy::{static_copy, MARKER};
use lantern_tip::ExitUrl;
use std::path::Path;
use std::process::ExitCode;

#[expect(clippy::print_stderr, reason = "a build step's error message")]
fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: lantern-static-copy DIST_DIR");
        return ExitCode::from(2);
    };
    match write(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lantern-static-copy: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path) -> Result<(), String> {
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    if html.matches(MARKER).count() != 1 {
        return Err(format!("{} must hold {MARKER} once", index.display()));
    }
    let html = html.replacen(MARKER, &static_copy(Lang::DEFAULT, ExitUrl::DEFAULT), 1);
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))?;
    let statics = dir.join("static");
    std::fs::create_dir_all(&statics).map_err(|e| format!("{}: {e}", statics.display()))?;
    for lang in Lang::ALL {
        let path = statics.join(format!("{}.html", lang.as_str()));
        std::fs::write(&path, static_copy(lang, ExitUrl::DEFAULT))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
