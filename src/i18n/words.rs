//! One language's words as a file: the format the build writes
//! (`words/<tag>.txt`, from the locale tables, by
//! `src/bin/lantern-static-copy.rs`) and the widget reads, so that a visit
//! downloads its own language's words only (issue 18).
//!
//! The format is the tables written positionally, one value a line: the
//! first line is the language's tag, then every string of
//! [`Strings`](super::Strings) in field order; a list (`&[...]`) starts
//! with its length on a line of its own; an array or a pair has none (its
//! length is in the type); `bool` is `1` or `0`. No field names, no quotes,
//! no escapes: the words themselves are the file, so it compresses as well
//! as the text does, and reading it borrows every string from the one
//! buffer. A word that holds a line break (or `<`, which could end the
//! `<script>` block the page carries it in) is refused when the file is
//! written, so the build fails rather than the browser.
//!
//! A table is declared through [`table!`](crate::words_table), which writes
//! its struct as given and, from the same list of fields, how it is written
//! (the host: the build and the tests) and read (the widget). So a table
//! that gains a field changes both sides at once, and a file that does not
//! match the widget's tables (from another build) fails to read as a whole
//! rather than shifting words into the wrong places, because every line is
//! consumed and counted.
//!
//! Not serde: its derive read the ~300 fields one by one, each with its own
//! "missing field" error path, and that cost the first visit 2,651 bytes
//! brotli of code (docs/benchmarks.md, "The words reader without serde"). Here reading a
//! field cannot fail: past the end a line reads as empty and the reader
//! remembers it, and the file is refused as a whole once read.

use std::fmt;

/// Why words could not be written (the build).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Why words could not be read (the widget): a fixed reason, never a
/// formatted message (a file either is for this widget or is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadError(pub &'static str);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ReadError {}

/// A value a words file holds: a string, a yes-or-no, an array, a pair, a
/// list, or a table ([`crate::words_table`]).
pub trait Word: Sized {
    /// Writes the value's lines.
    fn write(&self, out: &mut Writer) -> Result<(), Error>;
    /// Reads the value's lines. Never fails: a reader out of lines or
    /// given a bad one gives an empty value and remembers why
    /// ([`from_text`] then refuses the file).
    fn read(from: &mut Reader) -> Self;
}

/// `value` as a words file, its first line `tag`.
pub fn to_text<T: Word>(tag: &str, value: &T) -> Result<String, Error> {
    let mut out = Writer(String::new());
    out.line(tag)?;
    value.write(&mut out)?;
    Ok(out.0)
}

/// The tag on the first line of `text`, and the rest read as a `T`.
/// Every string of the result borrows from `text`, which is why it must
/// live as long as the page (`loaded.rs` leaks it).
pub fn from_text<T: Word>(text: &'static str) -> Result<(&'static str, T), ReadError> {
    let mut reader = Reader {
        rest: text.split('\n'),
        wrong: None,
    };
    let tag = reader.line();
    let value = T::read(&mut reader);
    if let Some(why) = reader.wrong {
        return Err(ReadError(why));
    }
    // A file ends with its last value's line break: one empty piece left.
    match (reader.rest.next(), reader.rest.next()) {
        (Some(""), None) => Ok((tag, value)),
        // The last value read that empty piece: a line is missing.
        (None, _) => Err(ReadError("the words end too soon")),
        _ => Err(ReadError(
            "words left over: the file is not for this widget",
        )),
    }
}

/// Writes the format (host side: the build and the tests).
pub struct Writer(String);

impl Writer {
    fn line(&mut self, words: &str) -> Result<(), Error> {
        if words.contains(['\n', '\r', '<']) {
            return Err(Error(format!(
                "{words:?} holds a line break or `<`, which a words file cannot carry"
            )));
        }
        self.0.push_str(words);
        self.0.push('\n');
        Ok(())
    }
}

/// Reads the format (the widget, and the host tests).
pub struct Reader {
    rest: std::str::Split<'static, char>,
    /// The first thing found wrong, if any.
    wrong: Option<&'static str>,
}

impl Reader {
    // Not inlined: each of the ~300 fields is one call to it.
    #[inline(never)]
    fn line(&mut self) -> &'static str {
        self.rest.next().unwrap_or_else(|| {
            self.wrong.get_or_insert("the words end too soon");
            ""
        })
    }

    fn count(&mut self) -> usize {
        self.line().parse().unwrap_or_else(|_| {
            self.wrong.get_or_insert("a list's length is not a number");
            0
        })
    }
}

impl Word for &'static str {
    fn write(&self, out: &mut Writer) -> Result<(), Error> {
        out.line(self)
    }
    fn read(from: &mut Reader) -> Self {
        from.line()
    }
}

impl Word for bool {
    fn write(&self, out: &mut Writer) -> Result<(), Error> {
        out.line(if *self { "1" } else { "0" })
    }
    fn read(from: &mut Reader) -> Self {
        match from.line() {
            "1" => true,
            "0" => false,
            _ => {
                from.wrong.get_or_insert("a yes-or-no is not 1 or 0");
                false
            }
        }
    }
}

impl<T: Word, const N: usize> Word for [T; N] {
    fn write(&self, out: &mut Writer) -> Result<(), Error> {
        self.iter().try_for_each(|item| item.write(out))
    }
    fn read(from: &mut Reader) -> Self {
        std::array::from_fn(|_| T::read(from))
    }
}

impl<A: Word, B: Word> Word for (A, B) {
    fn write(&self, out: &mut Writer) -> Result<(), Error> {
        self.0.write(out)?;
        self.1.write(out)
    }
    fn read(from: &mut Reader) -> Self {
        let a = A::read(from);
        (a, B::read(from))
    }
}

/// A table's `&'static [T]` field: its length, then its items. Read into a
/// leaked `Box`, so it lives as long as the words it points into (see
/// [`super::loaded`]).
impl<T: Word> Word for &'static [T] {
    fn write(&self, out: &mut Writer) -> Result<(), Error> {
        out.line(&self.len().to_string())?;
        self.iter().try_for_each(|item| item.write(out))
    }
    fn read(from: &mut Reader) -> Self {
        let len = from.count();
        let items: Vec<T> = (0..len).map(|_| T::read(from)).collect();
        Box::leak(items.into_boxed_slice())
    }
}

/// Declares a words table: the struct exactly as written (every field a
/// [`Word`], in the order the file holds them), and its [`Word`] impls, as
/// itself and as a `&'static` table inside another (read into a leaked
/// `Box`, like a list).
#[macro_export]
macro_rules! words_table {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl $crate::i18n::words::Word for $name {
            fn write(
                &self,
                out: &mut $crate::i18n::words::Writer,
            ) -> Result<(), $crate::i18n::words::Error> {
                $( $crate::i18n::words::Word::write(&self.$field, out)?; )*
                Ok(())
            }
            fn read(from: &mut $crate::i18n::words::Reader) -> Self {
                // A struct expression evaluates its fields in the order
                // written: the file's order.
                $name { $( $field: $crate::i18n::words::Word::read(from), )* }
            }
        }

        impl $crate::i18n::words::Word for &'static $name {
            fn write(
                &self,
                out: &mut $crate::i18n::words::Writer,
            ) -> Result<(), $crate::i18n::words::Error> {
                (**self).write(out)
            }
            fn read(from: &mut $crate::i18n::words::Reader) -> Self {
                Box::leak(Box::new(<$name as $crate::i18n::words::Word>::read(from)))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::words_table! {
        #[derive(Debug, PartialEq)]
        pub struct Inner {
            pub name: &'static str,
        }
    }

    crate::words_table! {
        #[derive(Debug, PartialEq)]
        pub struct Table {
            pub title: &'static str,
            pub on: bool,
            pub three: [&'static str; 3],
            pub list: &'static [(&'static str, &'static str)],
            pub inner: &'static Inner,
        }
    }

    const TABLE: Table = Table {
        title: "Get help «now»",
        on: true,
        three: ["a", "", "c"],
        list: &[],
        inner: &Inner { name: "x" },
    };

    fn leak(text: String) -> &'static str {
        Box::leak(text.into_boxed_str())
    }

    #[test]
    fn a_table_is_its_words_one_a_line() {
        let table = Table {
            list: &[("id-1", "One"), ("id-2", "Two")],
            ..TABLE
        };
        let text = to_text("es", &table).unwrap();
        assert_eq!(
            text,
            "es\nGet help «now»\n1\na\n\nc\n2\nid-1\nOne\nid-2\nTwo\nx\n"
        );
        assert_eq!(from_text::<Table>(leak(text)).unwrap(), ("es", table));
    }

    #[test]
    fn a_line_break_or_a_tag_opener_cannot_be_written() {
        for bad in ["two\nlines", "a\rb", "</script>"] {
            let table = Table {
                title: bad,
                ..TABLE
            };
            assert!(to_text("en", &table).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_file_from_other_tables_is_refused_whole() {
        let text = to_text("en", &TABLE).unwrap();
        let refused = |text: String| from_text::<Table>(leak(text)).unwrap_err();
        // A line too many (a table that lost a field) or too few.
        assert_eq!(
            refused(format!("{text}extra\n")).0,
            "words left over: the file is not for this widget"
        );
        let short = text.strip_suffix("x\n").unwrap().to_owned();
        assert_eq!(refused(short).0, "the words end too soon");
        // A list whose length is not a number; a yes-or-no that is neither.
        assert_eq!(
            refused(text.replace("\n0\n", "\nzero\n")).0,
            "a list's length is not a number"
        );
        assert_eq!(
            refused(text.replace("\n1\n", "\nyes\n")).0,
            "a yes-or-no is not 1 or 0"
        );
    }
}
