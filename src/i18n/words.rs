//! One language's words as a file: the format the build writes
//! (`words/<tag>.txt`, from the locale tables, by
//! `src/bin/lantern-static-copy.rs`) and the widget reads, so that a visit
//! downloads its own language's words only (issue 18).
//!
//! The format is serde's data model written positionally, one value a line:
//! the first line is the language's tag, then every string of
//! [`Strings`](super::Strings) in field order; a list (`&[...]`) starts
//! with its length on a line of its own; an array or a pair has none (its
//! length is in the type); `bool` is `1` or `0`. No field names, no quotes,
//! no escapes: the words themselves are the file, so it compresses as well
//! as the text does, and reading it borrows every string from the one
//! buffer. A word that holds a line break (or `<`, which could end the
//! `<script>` block the page carries it in) is refused when the file is
//! written, so the build fails rather than the browser.
//!
//! The same types serialize on the host and deserialize in the widget, so
//! a table that gains a field changes both sides at once; a file that does
//! not match the widget's tables (from another build) fails to read as a
//! whole rather than shifting words into the wrong places, because every
//! line is consumed and counted.

use serde::de::{self, DeserializeSeed, IntoDeserializer, SeqAccess, Visitor};
use serde::ser::{self, Serialize};
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

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Why words could not be read (the widget): a fixed reason, never a
/// formatted message. serde's derive builds an error for every field that
/// could be missing; a message formatted there cost the Wasm about 20 KB
/// of code for words no one reads (a file either is for this widget or is
/// not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadError(pub &'static str);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        ReadError("the words do not fit this widget's tables")
    }
}

/// `value` as a words file, its first line `tag`.
pub fn to_text<T: Serialize>(tag: &str, value: &T) -> Result<String, Error> {
    let mut out = Writer(String::new());
    out.line(tag)?;
    value.serialize(&mut out)?;
    Ok(out.0)
}

/// The tag on the first line of `text`, and the rest read as a `T`.
/// Every string of the result borrows from `text`.
pub fn from_text<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<(&'de str, T), ReadError> {
    let mut reader = Reader {
        rest: text.split('\n'),
    };
    let tag = reader.line()?;
    let value = T::deserialize(&mut reader)?;
    match reader.rest.next() {
        // A file ends with its last value's line break.
        Some("") if reader.rest.next().is_none() => Ok((tag, value)),
        _ => Err(ReadError(
            "words left over: the file is not for this widget",
        )),
    }
}

/// Writes the format (host side: the build and the tests).
struct Writer(String);

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

fn unsupported(what: &str) -> Error {
    Error(format!("a words table cannot hold {what}"))
}

impl ser::Serializer for &mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.line(if v { "1" } else { "0" })
    }
    fn serialize_i8(self, _: i8) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_i16(self, _: i16) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_i32(self, _: i32) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_i64(self, _: i64) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_u8(self, _: u8) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_u16(self, _: u16) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_u32(self, _: u32) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_u64(self, _: u64) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(unsupported("a number"))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.line(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.line(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(unsupported("an Option"))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Error> {
        Err(unsupported("an Option"))
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Error> {
        Err(unsupported("an enum"))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(unsupported("an enum"))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        let len = len.ok_or_else(|| unsupported("a list of unknown length"))?;
        self.line(&len.to_string())?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("an enum"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("a map"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("an enum"))
    }
}

impl ser::SerializeSeq for &mut Writer {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Writer {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Writer {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Writer {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// Reads the format (the widget, and the host tests).
struct Reader<'de> {
    rest: std::str::Split<'de, char>,
}

impl<'de> Reader<'de> {
    fn line(&mut self) -> Result<&'de str, ReadError> {
        self.rest.next().ok_or(ReadError("the words end too soon"))
    }

    fn count(&mut self) -> Result<usize, ReadError> {
        self.line()?
            .parse()
            .map_err(|_| ReadError("a list's length is not a number"))
    }
}

/// Hands out `left` values of a list, an array or a struct, one a call.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ReadError> {
        Err(ReadError("a words file is read by its tables' types only"))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.line()? {
            "1" => visitor.visit_bool(true),
            "0" => visitor.visit_bool(false),
            _ => Err(ReadError("a yes-or-no is not 1 or 0")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_borrowed_str(self.line()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let left = self.count()?;
        visitor.visit_seq(Items { reader: self, left })
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_seq(Items {
            reader: self,
            left: len,
        })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_tuple(fields.len(), visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        // Only unit variants, by name (none of the tables has one today).
        visitor.visit_enum(self.line()?.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 bytes byte_buf option
        unit_struct map identifier ignored_any
    }
}

/// For a table's `&'static [T]` field: reads the list and leaks it, so it
/// lives as long as the words it points into (see [`super::loaded`]).
pub fn leak_slice<'de, D, T>(deserializer: D) -> Result<&'static [T], D::Error>
where
    D: de::Deserializer<'de>,
    T: de::Deserialize<'de>,
{
    let items = <Vec<T> as de::Deserialize>::deserialize(deserializer)?;
    Ok(Box::leak(items.into_boxed_slice()))
}

/// For a `&'static Table` field: reads the table and leaks it.
pub fn leak_box<'de, D, T>(deserializer: D) -> Result<&'static T, D::Error>
where
    D: de::Deserializer<'de>,
    T: de::Deserialize<'de>,
{
    Ok(Box::leak(Box::new(T::deserialize(deserializer)?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Table<'a> {
        title: &'a str,
        on: bool,
        three: [&'a str; 3],
        #[serde(borrow)]
        list: Vec<(&'a str, &'a str)>,
    }

    const TABLE: Table<'static> = Table {
        title: "Get help «now»",
        on: true,
        three: ["a", "", "c"],
        list: Vec::new(),
    };

    #[test]
    fn a_table_is_its_words_one_a_line() {
        let mut table = TABLE;
        table.list = vec![("id-1", "One"), ("id-2", "Two")];
        let text = to_text("es", &table).unwrap();
        assert_eq!(
            text,
            "es\nGet help «now»\n1\na\n\nc\n2\nid-1\nOne\nid-2\nTwo\n"
        );
        assert_eq!(from_text::<Table>(&text).unwrap(), ("es", table));
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
        // A line too many (a table that lost a field) or too few.
        assert!(from_text::<Table>(&format!("{text}extra\n")).is_err());
        let short = text.strip_suffix("0\n").unwrap();
        assert!(from_text::<Table>(short).is_err());
        // A list whose length is not a number.
        assert!(from_text::<Table>(&text.replace("\n0\n", "\nx\n")).is_err());
        assert!(from_text::<Table>(&text.replace("\n1\n", "\nyes\n")).is_err());
    }
}
