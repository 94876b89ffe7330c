//! Writes the static copy (`lantern::static_copy`) and the words files into
//! a built widget directory: the default language's copy into `index.html`
//! in place of its `<!-- lantern:static -->` marker, every language's into
//! `static/<tag>.html`, from which lantern-intake serves each visit the
//! page in its own language, and each language's words, which the widget's
//! Wasm does not hold, into `words/<tag>.txt` (`lantern::i18n::words`),
//! which the language switcher fetches. Each copy carries its language's
//! words inline, so a visit's first render fetches none. Run by
//! scripts/build-widget.sh and by Trunk's post-build hook (Trunk.toml):
//!
//! ```sh
//! cargo run -p lantern --bin lantern-static-copy -- dist
//! ```

use lantern::i18n::Lang;
use lantern::static_copy::{page_copy, words_file, MARKER};
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
    let copy =
        |lang: Lang| page_copy(lang, ExitUrl::DEFAULT).map_err(|e| format!("{lang:?} words: {e}"));
    let html = html.replacen(MARKER, &copy(Lang::DEFAULT)?, 1);
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))?;
    let statics = dir.join("static");
    let words = dir.join("words");
    for made in [&statics, &words] {
        std::fs::create_dir_all(made).map_err(|e| format!("{}: {e}", made.display()))?;
    }
    for lang in Lang::ALL {
        let path = statics.join(format!("{}.html", lang.as_str()));
        std::fs::write(&path, copy(lang)?).map_err(|e| format!("{}: {e}", path.display()))?;
        let path = words.join(format!("{}.txt", lang.as_str()));
        let file = words_file(lang).map_err(|e| format!("{lang:?} words: {e}"))?;
        std::fs::write(&path, file).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
