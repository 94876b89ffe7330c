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

use crate::i18n::{page_strings, strings, words, Lang, WORDS_ID};
use crate::markup::Markup;

/// Where the default language's copy goes in `index.html`.
pub const MARKER: &str = "<!-- lantern:static -->";

/// `lang`'s words file (`words/<tag>.txt`, `crate::i18n::words`).
pub fn words_file(lang: Lang) -> Result<String, words::Error> {
    words::to_text(lang.as_str(), strings(lang))
}

/// The static copy in `lang`, its exit links leading to `exit_url`.
pub fn static_copy(lang: Lang, exit_url: &str) -> String {
    build(lang, exit_url, None)
}

/// What the page carries in `lang`: the static copy with the language's
/// words file inside it, in a data block (`#lantern-words`) that the app
/// reads before it takes the copy's place, so a visit's first render needs
/// no request for its words.
pub fn page_copy(lang: Lang, exit_url: &str) -> Result<String, words::Error> {
    Ok(build(lang, exit_url, Some(&words_file(lang)?)))
}

fn build(lang: Lang, exit_url: &str, words: Option<&str>) -> String {
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
        .close("main");
    if let Some(words) = words {
        m.data_block(WORDS_ID, words);
    }
    m.close("div");
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
    fn every_language_s_words_file_round_trips_to_its_tables() {
        use crate::i18n::{lang_name, Strings};
        for lang in Lang::ALL {
            let file = words_file(lang).expect("words a file can carry");
            // The widget reads a file it keeps for the page's life.
            let file: &'static str = Box::leak(file.into_boxed_str());
            let (tag, read) = words::from_text::<Strings>(file).unwrap();
            assert_eq!(tag, lang.as_str());
            assert_eq!(&read, strings(lang), "{lang:?}'s words change on the way");
            assert_eq!(lang_name(lang), strings(lang).name);
            // One language's words only.
            for other in Lang::ALL.into_iter().filter(|&o| o != lang) {
                assert!(
                    !file.contains(strings(other).site.hotline_title),
                    "{lang:?}'s file holds {other:?} words"
                );
            }
        }
    }

    #[test]
    fn the_page_copy_carries_its_own_language_s_words_inside_the_copy() {
        for lang in Lang::ALL {
            let copy = page_copy(lang, ExitUrl::DEFAULT).unwrap();
            let block = format!(
                "<script type=\"text/plain\" id=\"{WORDS_ID}\">{}</script></div>",
                words_file(lang).unwrap()
            );
            assert!(copy.ends_with(&block), "{lang:?}: {copy}");
            assert_eq!(copy.matches("<script").count(), 1);
            assert!(copy.starts_with(
                &static_copy(lang, ExitUrl::DEFAULT).replace("</main></div>", "</main>")
            ));
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
