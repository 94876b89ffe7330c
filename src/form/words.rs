//! Small helpers that turn locale templates and numbers into the words a
//! person reads. Kept apart from the components so they can be tested on
//! the host.
use crate::i18n::FormStrings;

/// Fills each `{}` in `template` with the next of `args`, in order. Extra
/// `{}` stay as they are (a translation bug shows, rather than panics);
/// extra args are ignored.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        match args.next() {
            Some(arg) => out.push_str(arg),
            None => out.push_str("{}"),
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `n` with digits grouped in threes the way the language writes numbers
/// ("5,000" in English; "5000" and "10 000" in Spanish).
pub fn number(t: &FormStrings, n: usize) -> String {
    let digits = n.to_string();
    if digits.len() < 4 || (digits.len() == 4 && !t.group_four_digits) {
        return digits;
    }
    group(&digits, t.thousands_sep, 3)
}

/// `digits` split into groups of `size` from the right, joined by `sep`.
fn group(digits: &str, sep: &str, size: usize) -> String {
    let mut out = String::with_capacity(digits.len() + sep.len() * (digits.len() / size));
    let lead = digits.len() % size;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (i + size - lead).is_multiple_of(size) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// "Up to 5,000 characters." for a field capped at `max`.
pub fn cap_hint(t: &FormStrings, max: usize) -> String {
    fill(t.cap_hint, &[&number(t, max)])
}

/// "1,234 of 5,000 characters used".
pub fn counter(t: &FormStrings, used: usize, max: usize) -> String {
    fill(t.counter, &[&number(t, used), &number(t, max)])
}

/// "Step 3 of 10".
pub fn progress(t: &FormStrings, number: usize, count: usize) -> String {
    fill(t.progress, &[&number.to_string(), &count.to_string()])
}

/// The words for venue `id`, falling back to the id itself if a locale
/// lacks it (a test checks that none does).
pub fn venue(t: &FormStrings, id: &str) -> &'static str {
    t.venues
        .iter()
        .find(|(venue, _)| *venue == id)
        .map(|(_, words)| *words)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("Step {} of {}", &["3", "10"]), "Step 3 of 10");
        assert_eq!(fill("{}{}", &["a", "b"]), "ab");
        assert_eq!(fill("no holes", &["x"]), "no holes");
        assert_eq!(fill("{} and {}", &["one"]), "one and {}");
        assert_eq!(fill("", &[]), "");
    }

    #[test]
    fn fill_never_interprets_its_arguments() {
        assert_eq!(fill("{}!", &["{}<b>"]), "{}<b>!");
    }

    #[test]
    fn english_groups_thousands_with_commas() {
        let en = strings(Lang::En).form;
        assert_eq!(number(en, 0), "0");
        assert_eq!(number(en, 999), "999");
        assert_eq!(number(en, 5000), "5,000");
        assert_eq!(number(en, 1_234_567), "1,234,567");
        assert_eq!(cap_hint(en, 5000), "Up to 5,000 characters.");
        assert_eq!(counter(en, 12, 5000), "12 of 5,000 characters used");
    }

    #[test]
    fn spanish_leaves_four_digits_alone() {
        let es = strings(Lang::Es).form;
        assert_eq!(number(es, 5000), "5000");
        assert_eq!(number(es, 12_000), "12\u{a0}000");
        assert_eq!(cap_hint(es, 200), "Hasta 200 caracteres.");
    }

    #[test]
    fn every_venue_has_words_in_every_language() {
        for lang in Lang::ALL {
            let t = strings(lang).form;
            for id in lantern_tip::catalog::VENUES {
                assert!(!venue(t, id).is_empty(), "{lang:?} lacks venue {id}");
            }
            assert_eq!(
                t.venues.len(),
                lantern_tip::catalog::VENUES.len(),
                "{lang:?}"
            );
        }
    }
}
