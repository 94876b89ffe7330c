//! The static copy: the exit bar and the hotline block as plain HTML, shown
//! before the Wasm runs and with JavaScript off, which the app then takes
//! over in place (`crate::boot` removes `.lx-static`).
//!
//! It is written here, from the locale tables and with the app's own
//! markup code ([`crate::sections::hotline::hotline`]), not by hand in
//! `index.html`: the build (`src/bin/lantern-static-copy.rs`, run by
//! scripts/build-widget.sh and Trunk's post-build hook) puts the default
//! language's copy into `index.html` and writes every language's to
//! `static/<tag>.html`, from which lantern-intake serves each visit its own
//! language's page. So a visit downloads one language's words, and a new
//! language's static copy is its locale folder, nothing more.

use crate::i18n::{page_strings, strings, Lang};
use crate::markup::Markup;

/// Where the default language's copy goes in `index.html`.
pub const MARKER: &str = "<!-- lantern:static -->";

/// The static copy in `lang`, its exit links leading to `exit_url`.
pub fn static_copy(lang: Lang, exit_url: &str) -> String {
    let w = strings(lang).site;
    let mut m = Markup::new();
    m.open("div", &[("class", "lx-app lx-static")])
        .open("header", &[("class", "lx-bar")])
        .open(
            "a",
            &[
                ("class", "lx-skip"),
                ("href", exit_url),
                ("data-testid", "exit-skip"),
            ],
        )
        .text(w.exit_skip)
        .close("a")
        .open("div", &[("class", "lx-bar-row")])
        .open(
            "a",
            &[
                ("class", "lx-exit"),
                ("href", exit_url),
                ("data-testid", "exit-link"),
            ],
        )
        .el("span", "lx-exit-text", w.exit_link)
        .open("span", &[("class", "lx-dots"), ("aria-hidden", "true")]);
    for _ in 0..3 {
        m.el("span", "lx-dot", "");
    }
    m.close("span")
        .close("a")
        .close("div")
        .close("header")
        .open("main", &[("class", "lx-main")]);
    crate::sections::hotline::hotline(&mut m, w);
    // Why there is nothing more with JavaScript off: inside the copy, so
    // the app removes it with the rest.
    m.open("noscript", &[])
        .open(
            "p",
            &[
                ("class", "lx-callout lx-noscript"),
                ("data-testid", "no-script"),
            ],
        )
        .text(page_strings(lang).no_script)
        .close("p")
        .close("noscript")
        .close("main")
        .close("div");
    m.as_str().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lantern_tip::ExitUrl;

    #[test]
    fn each_language_has_its_own_words_and_the_note_after_the_hotline() {
        for lang in Lang::ALL {
            let copy = static_copy(lang, ExitUrl::DEFAULT);
            let w = strings(lang).site;
            for words in [w.exit_link, w.exit_skip, w.hotline_title, w.danger_lead] {
                assert!(copy.contains(words), "{lang:?} lacks {words:?}");
            }
            let note = format!(">{}<", page_strings(lang).no_script);
            let at = copy.find(&note).expect("the <noscript> note");
            assert!(copy[..at].ends_with(
                "<noscript><p class=\"lx-callout lx-noscript\" data-testid=\"no-script\""
            ));
            assert!(at > copy.find("lx-hotline-title").unwrap());
            for other in Lang::ALL.into_iter().filter(|&o| o != lang) {
                assert!(
                    !copy.contains(strings(other).site.hotline_title),
                    "{lang:?}'s copy holds {other:?} words"
                );
            }
        }
    }

    #[test]
    fn the_exit_links_lead_to_the_exit_url_escaped() {
        let copy = static_copy(Lang::En, "https://a.example/?x=1&y=2");
        assert_eq!(
            copy.matches("href=\"https://a.example/?x=1&amp;y=2\"")
                .count(),
            2
        );
    }

    #[test]
    fn the_page_has_a_place_for_the_copy_and_no_copy_of_its_own() {
        let index = include_str!("../index.html");
        assert_eq!(index.matches(MARKER).count(), 1);
        assert!(
            !index.contains("lx-hotline"),
            "index.html holds a hand-written copy"
        );
        assert!(!index.contains("<template"));
    }
}
