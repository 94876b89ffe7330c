//! The partner id: which partner site the widget was embedded in
//! (`data-partner` in `public/embed.js`, `?partner=` in the widget, the
//! tip's `partner`). One rule for all three, held to the cases in
//! `tests/vectors/rules.json`.

use crate::{limits, ErrorCode};

/// A well-formed partner id: 1 to [`limits::PARTNER`] characters of `a-z`,
/// `0-9` and `-`, neither starting nor ending with `-` (`city-of-x`,
/// `shelter42`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartnerId(String);

impl PartnerId {
    /// `text` as a partner id, or why it is not one: [`ErrorCode::TooLong`]
    /// past [`limits::PARTNER`] characters, else
    /// [`ErrorCode::InvalidPartner`] (empty included).
    pub fn parse(text: &str) -> Result<PartnerId, ErrorCode> {
        if text.chars().count() > limits::PARTNER {
            return Err(ErrorCode::TooLong);
        }
        let allowed = text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if allowed && !text.is_empty() && !text.starts_with('-') && !text.ends_with('-') {
            Ok(PartnerId(text.to_owned()))
        } else {
            Err(ErrorCode::InvalidPartner)
        }
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PartnerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
