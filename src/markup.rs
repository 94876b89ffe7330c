//! Static markup written as HTML text, for content that changes only with
//! the language or a state the form decides: the help page, the hotline
//! block and channel links, the self-check statements, the warning signs,
//! and in the form the error summary, the messages beside fields, the
//! sending status and the danger box. Such a block becomes one
//! [`InertElement`], which the browser parses from a `<template>`, instead
//! of a tree of Leptos view types, each of which would bring its own build,
//! mount and unmount code into the Wasm. A block cannot carry event
//! handlers: a click on one is handled by a Leptos element around it (see
//! `crate::form::view::summary::follow_link`).
//!
//! Every text and attribute value is escaped here, so a word in a locale
//! table (or anything else) can only ever be text. Nothing a person types
//! goes through this module: the form's answers stay Leptos text nodes and
//! properties.

use leptos::tachys::html::InertElement;

/// HTML being written. A block must have exactly one root element (what
/// [`InertElement`] keeps).
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// Empty markup.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// Opens `<tag attr="value" ...>`.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape_into(&mut self.0, value);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    /// Closes `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Adds `text`, escaped, with every phone number in it ("1-888-373-7888")
    /// in a `<span class="lx-num" dir="ltr">`, which the style sheet keeps on
    /// one line (a number split at a hyphen, "1-888-373-" / "7888", reads as
    /// two) and which reads left to right, isolated, inside right-to-left
    /// text. Text with a number is wrapped in one more `<span>`, so that in a
    /// flex container (a button link) the words and the number are one
    /// flex item and keep the space between them.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        let whole = split_number(text).is_some();
        if whole {
            self.0.push_str("<span>");
        }
        let mut rest = text;
        while let Some((before, number, after)) = split_number(rest) {
            escape_into(&mut self.0, before);
            self.0.push_str("<span class=\"lx-num\" dir=\"ltr\">");
            self.0.push_str(number);
            self.0.push_str("</span>");
            rest = after;
        }
        escape_into(&mut self.0, rest);
        if whole {
            self.0.push_str("</span>");
        }
        self
    }

    /// `<script type="text/plain" id="id">text</script>`: a data block,
    /// which a browser never runs. `text` goes in as it is (a script's
    /// text has no character references), so it must not hold `<`, which
    /// could end the block early: it is left out, whole, if it does.
    pub fn data_block(&mut self, id: &str, text: &str) -> &mut Markup {
        if text.contains('<') {
            return self;
        }
        self.open("script", &[("type", "text/plain"), ("id", id)]);
        self.0.push_str(text);
        self.close("script")
    }

    /// `<tag class="class">text</tag>`; no class attribute when `class` is
    /// empty.
    pub fn el(&mut self, tag: &str, class: &str, text: &str) -> &mut Markup {
        if class.is_empty() {
            self.open(tag, &[]);
        } else {
            self.open(tag, &[("class", class)]);
        }
        self.text(text).close(tag)
    }

    /// A list of plain sentences: `<ul class="lx-points"><li>…</li>…</ul>`.
    pub fn points(&mut self, points: &[&str]) -> &mut Markup {
        self.open("ul", &[("class", "lx-points")]);
        for point in points {
            self.el("li", "", point);
        }
        self.close("ul")
    }

    /// The HTML written so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The finished block, as a view.
    pub fn into_view(self) -> InertElement {
        InertElement::new(self.0)
    }
}

/// The first phone number in `text`, with what comes before and after: a
/// run of digits and hyphens that starts and ends with a digit and has at
/// least two hyphens (so "2-5" or a lone "233733" is not one).
fn split_number(text: &str) -> Option<(&str, &str, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'-') {
            end += 1;
        }
        // A trailing hyphen is not part of the number.
        while bytes[end - 1] == b'-' {
            end -= 1;
        }
        let run = &text[start..end];
        if run.bytes().filter(|b| *b == b'-').count() >= 2 {
            return Some((&text[..start], run, &text[end..]));
        }
        start = end;
    }
    None
}

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe as element
/// text and inside a double-quoted attribute.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::new();
        m.open("p", &[("title", "\"><script>x</script>")])
            .text("Missing & Exploited <b>'children'</b>")
            .close("p");
        assert_eq!(
            m.as_str(),
            "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">\
             Missing &amp; Exploited &lt;b&gt;&#39;children&#39;&lt;/b&gt;</p>"
        );
    }

    #[test]
    fn phone_numbers_are_kept_whole() {
        let mut m = Markup::new();
        m.text("Call 1-888-373-7888, or 1-800-843-5678.");
        assert_eq!(
            m.as_str(),
            "<span>Call <span class=\"lx-num\" dir=\"ltr\">1-888-373-7888</span>, or \
             <span class=\"lx-num\" dir=\"ltr\">1-800-843-5678</span>.</span>"
        );
        for plain in [
            "Text HELP to 233733",
            "2-5 people",
            "Dial 711",
            "-1-2-",
            "",
            "a-b-c",
            "9-",
        ] {
            let mut m = Markup::new();
            m.text(plain);
            assert_eq!(m.as_str(), plain, "{plain:?}");
        }
        let mut m = Markup::new();
        m.text("7-7-7- <b>");
        assert_eq!(
            m.as_str(),
            "<span><span class=\"lx-num\" dir=\"ltr\">7-7-7</span>- &lt;b&gt;</span>"
        );
    }

    #[test]
    fn elements_and_points() {
        let mut m = Markup::new();
        m.open("div", &[])
            .el("h2", "lx-h2", "Title")
            .el("p", "", "Plain")
            .points(&["one", "two"])
            .close("div");
        assert_eq!(
            m.as_str(),
            "<div><h2 class=\"lx-h2\">Title</h2><p>Plain</p>\
             <ul class=\"lx-points\"><li>one</li><li>two</li></ul></div>"
        );
    }
}
