//! The languages Lantern speaks, and the one rule for choosing one for a
//! visit. The widget (from `navigator.languages`) and the intake (from
//! `Accept-Language`, for the page it serves before the Wasm runs) both
//! choose with [`Language::choose`]; `public/embed.js`, which cannot link
//! Rust, is held to the same cases by `tests/vectors/rules.json`.

use serde::{Deserialize, Serialize};

/// The list of languages: calls the macro `$then` with one line per
/// language, `Variant = "bcp-47-tag", "ltr" | "rtl", locale_module;`, in
/// the order the widget's switcher shows them (the first is the default).
///
/// Adding a language is one line here plus its locale folder in the
/// widget (`src/locales/<locale_module>/`, filling the same tables): the
/// tip's [`Language`], the widget's locale table and the intake's pages
/// all expand from this list, and the compiler names whatever the new
/// language still lacks.
#[macro_export]
macro_rules! for_each_language {
    ($then:ident) => {
        $then! {
            En = "en", "ltr", en;
            Es = "es", "ltr", es;
            ZhHans = "zh-Hans", "ltr", zh_hans;
            Vi = "vi", "ltr", vi;
            Ko = "ko", "ltr", ko;
            Tl = "tl", "ltr", tl;
            Ar = "ar", "rtl", ar;
        }
    };
}

macro_rules! language_enum {
    ($($variant:ident = $tag:literal, $dir:literal, $module:ident;)+) => {
        /// A language Lantern speaks: the widget's words, the page the
        /// intake serves, and the tip's `language` (the language it was
        /// written in).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Language {
            $(
                #[doc = concat!("`", $tag, "`")]
                #[serde(rename = $tag)]
                $variant,
            )+
        }

        impl Language {
            /// Every language, in the order the switcher shows them.
            pub const ALL: [Language; [$($tag),+].len()] = [$(Language::$variant),+];

            /// The BCP 47 tag: the wire value, the `lang` attribute, `?lang=`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Language::$variant => $tag,)+
                }
            }

            /// Text direction, for the `dir` attribute: `"ltr"` or `"rtl"`.
            pub const fn dir(self) -> &'static str {
                match self {
                    $(Language::$variant => $dir,)+
                }
            }
        }
    };
}

for_each_language!(language_enum);

impl Language {
    /// The language when nothing else chooses one.
    pub const DEFAULT: Language = Language::ALL[0];

    /// The language a tag such as `es`, `es-MX`, `EN` or `en_US` names by
    /// its primary subtag (what comes before the first `-` or `_`, in any
    /// case), compared with the primary subtag of each language's own tag;
    /// `None` for one Lantern does not speak.
    ///
    /// So every Chinese tag (`zh`, `zh-CN`, `zh-Hans`, but also `zh-TW` and
    /// `zh-Hant`) gets Simplified Chinese, the one Chinese Lantern writes:
    /// closer to a Traditional reader than English is. And `fil`, Filipino,
    /// the standard form of Tagalog and what phones in the Philippines are
    /// set to, gets Tagalog (`tl`). `public/embed.js` picks the same way.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?;
        let primary = if primary.eq_ignore_ascii_case("fil") {
            "tl"
        } else {
            primary
        };
        Language::ALL.into_iter().find(|l| {
            let own = l.as_str().split('-').next().unwrap_or_default();
            !primary.is_empty() && own.eq_ignore_ascii_case(primary)
        })
    }

    /// The language for a visit, in this order: `asked` (the widget's
    /// `?lang=`), else `partner` (the partner's `data-lang`, when it is not
    /// already in `?lang=`), else the first of the person's `preferred`
    /// languages (best first: `navigator.languages`, or
    /// [`accept_language`]) that Lantern speaks, else [`Language::DEFAULT`].
    /// A tag Lantern does not speak is passed over, never an error.
    pub fn choose<'a>(
        asked: Option<&str>,
        partner: Option<&str>,
        preferred: impl IntoIterator<Item = &'a str>,
    ) -> Language {
        asked
            .and_then(Language::from_tag)
            .or_else(|| partner.and_then(Language::from_tag))
            .or_else(|| preferred.into_iter().find_map(Language::from_tag))
            .unwrap_or(Language::DEFAULT)
    }
}

/// The languages an `Accept-Language` value asks for, best first: by `q`,
/// ties in the order given, without those at `q=0` (or with a `q` that is
/// not a number). Parsed by the `accept-language` crate; for the intake
/// only (feature `accept-language`), since a browser hands the widget its
/// list ready-made.
#[cfg(feature = "accept-language")]
pub fn accept_language(header: &str) -> Vec<String> {
    accept_language::parse_with_quality(header)
        .into_iter()
        .filter(|(_, q)| *q > 0.0)
        .map(|(tag, _)| tag)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_wire_enum() {
        for language in Language::ALL {
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.as_str()));
            assert_eq!(Language::from_tag(language.as_str()), Some(language));
            assert!(matches!(language.dir(), "ltr" | "rtl"));
        }
        assert_eq!(Language::DEFAULT, Language::En);
    }

    #[test]
    fn tags_name_languages_by_their_primary_subtag() {
        for (tag, language) in [
            ("vi", Some(Language::Vi)),
            ("vi-VN", Some(Language::Vi)),
            ("zh", Some(Language::ZhHans)),
            ("zh-Hans", Some(Language::ZhHans)),
            ("zh-CN", Some(Language::ZhHans)),
            ("zh_TW", Some(Language::ZhHans)),
            ("ZH-hant-HK", Some(Language::ZhHans)),
            ("ko-KR", Some(Language::Ko)),
            ("tl", Some(Language::Tl)),
            ("fil-PH", Some(Language::Tl)),
            ("ar-EG", Some(Language::Ar)),
            ("hans", None),
            ("fr", None),
            ("", None),
            ("-", None),
        ] {
            assert_eq!(Language::from_tag(tag), language, "{tag:?}");
        }
        assert_eq!(Language::Ar.dir(), "rtl");
        assert_eq!(
            Language::choose(None, None, ["fr-FR", "vi", "en"]),
            Language::Vi
        );
        assert_eq!(
            Language::choose(Some("ko"), Some("ar"), ["vi"]),
            Language::Ko
        );
        assert_eq!(Language::choose(None, Some("ar"), ["vi"]), Language::Ar);
    }
}
