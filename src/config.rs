//! The widget's configuration, read once from the page's query string
//! (`?lang=es&sections=help,report&accent=%230b7285&compact=1`), which is
//! also what `embed.js` puts in the iframe's URL. Parsing is plain Rust so
//! every rule has a host test; `crate::boot` feeds it `location.search`.
//!
//! Bad values never stop the widget: each is dropped (or, for the accent,
//! corrected) and reported as a [`Warning`] for the console, so a partner
//! sees their mistake and a visitor still gets help.

use crate::accent::{Accent, Rgb};
use crate::i18n::Lang;
use crate::sections::Section;
use lantern_tip::{ExitUrl, PartnerId};
use std::fmt;

/// Everything a partner can set. `Default` is the widget on its own page.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Language asked for (`lang=`); `None` means "from the browser".
    pub lang: Option<Lang>,
    /// Where the quick exit goes (`exit=`); `None` means the page's default.
    pub exit_url: Option<ExitUrl>,
    /// Which sections show, in this order (`sections=`). Default: all four.
    pub sections: Vec<Section>,
    /// Accent colour (`accent=`), already checked for contrast.
    pub accent: Option<Accent>,
    /// The partner's id (`partner=`), by the tip's own rule, so a tip
    /// carries every id the widget accepts.
    pub partner: Option<PartnerId>,
    /// Just the help block and the exit (`compact=1`), for a sidebar.
    pub compact: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            lang: None,
            exit_url: None,
            sections: Section::ALL.to_vec(),
            accent: None,
            partner: None,
            compact: false,
        }
    }
}

/// A configuration value that was ignored or changed, for the console.
#[derive(Clone, Debug, PartialEq)]
pub enum Warning {
    /// `lang=` named a language the widget does not speak.
    UnknownLang(String),
    /// `exit=` was not an absolute http(s) URL.
    BadExitUrl(String),
    /// `sections=` named something that is not a section.
    UnknownSection(String),
    /// `sections=` named no known section, so all are shown.
    NoSections,
    /// `accent=` was not a `#rrggbb` colour.
    BadAccent(String),
    /// `accent=` had too little contrast with white text and was darkened.
    AccentAdjusted {
        /// What was asked for.
        requested: Rgb,
        /// What is used.
        used: Rgb,
    },
    /// `partner=` was not a partner id ([`PartnerId`]).
    BadPartner(String),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::UnknownLang(v) => {
                write!(f, "lang={v:?} is not supported (")?;
                for (i, lang) in Lang::ALL.into_iter().enumerate() {
                    write!(f, "{}{}", if i > 0 { ", " } else { "" }, lang.as_str())?;
                }
                write!(f, "); using the browser's language")
            },
            Warning::BadExitUrl(v) => write!(f, "exit={v:?} is not an absolute http(s) URL; using the default exit"),
            Warning::UnknownSection(v) => write!(f, "sections: {v:?} is not a section (help, signs, me, report); ignored"),
            Warning::NoSections => write!(f, "sections= named no known section; showing all"),
            Warning::BadAccent(v) => write!(f, "accent={v:?} is not a #rrggbb colour; ignored"),
            Warning::AccentAdjusted { requested, used } => write!(
                f,
                "accent {requested} has less than 4.5:1 contrast with white text (WCAG 1.4.3); using {used} instead"
            ),
            Warning::BadPartner(v) => write!(f, "partner={v:?} must be 1 to {} of a-z, 0-9 and -, not starting or ending with -; ignored", lantern_tip::limits::PARTNER),
        }
    }
}

impl Config {
    /// Reads a query string, with or without its leading `?`. Unknown keys
    /// are ignored (the embed loader may add more in later versions).
    pub fn from_query(query: &str) -> (Config, Vec<Warning>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match key {
                "lang" => match Lang::from_tag(&value) {
                    Some(lang) => config.lang = Some(lang),
                    None => warnings.push(Warning::UnknownLang(value)),
                },
                "exit" => match ExitUrl::parse(&value) {
                    Some(url) => config.exit_url = Some(url),
                    None => warnings.push(Warning::BadExitUrl(value)),
                },
                "sections" => config.sections = sections(&value, &mut warnings),
                "accent" => match Rgb::parse(&value) {
                    Some(rgb) => {
                        let accent = Accent::for_white_text(rgb);
                        if let Accent::Adjusted { requested, used } = accent {
                            warnings.push(Warning::AccentAdjusted { requested, used });
                        }
                        config.accent = Some(accent);
                    }
                    None => warnings.push(Warning::BadAccent(value)),
                },
                "partner" => match PartnerId::parse(&value).ok() {
                    Some(id) => config.partner = Some(id),
                    None => warnings.push(Warning::BadPartner(value)),
                },
                "compact" => config.compact = matches!(value.as_str(), "1" | "true" | "yes"),
                _ => {}
            }
        }
        (config, warnings)
    }
}

/// The sections listed in `text`, in order, without repeats.
fn sections(text: &str, warnings: &mut Vec<Warning>) -> Vec<Section> {
    let mut list = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match Section::from_id(name) {
            Some(section) if !list.contains(&section) => list.push(section),
            Some(_) => {}
            None => warnings.push(Warning::UnknownSection(name.to_owned())),
        }
    }
    if list.is_empty() {
        warnings.push(Warning::NoSections);
        return Section::ALL.to_vec();
    }
    list
}

/// Decodes `application/x-www-form-urlencoded` text: `+` is a space, `%XX`
/// a byte; a malformed escape is kept as written; invalid UTF-8 becomes U+FFFD.
/// (Not the `form_urlencoded` crate, though it is in the tree through `url`:
/// parsing the query with it measured 645 B brotli more in the release Wasm,
/// 156,125 against 155,480, on 2026-12-01, for the same decoding; the
/// intake, where bytes cost nothing, uses it.)
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(hi, lo)| hi * 16 + lo),
            _ => None,
        };
        match (escaped, bytes[i]) {
            // Two hex digits make at most 255, so the byte cannot overflow.
            (Some(byte), _) => {
                out.push(u8::try_from(byte).unwrap_or(b'?'));
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The language to use: the configured one (`?lang=`, which is where
/// `embed.js` puts the partner's `data-lang`), else the first of the
/// browser's preferred languages that the widget speaks, else English: the
/// tip crate's one rule ([`Lang::choose`]), which the intake's page follows.
pub fn choose_lang(configured: Option<Lang>, browser: &[String]) -> Lang {
    configured.unwrap_or_else(|| Lang::choose(None, None, browser.iter().map(String::as_str)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_query_is_the_default() {
        assert_eq!(Config::from_query(""), (Config::default(), vec![]));
        assert_eq!(Config::from_query("?"), (Config::default(), vec![]));
    }

    #[test]
    fn reads_every_option() {
        let (config, warnings) = Config::from_query(
            "?lang=es-MX&exit=https%3A%2F%2Fexample.org%2Fnews%3Fa%3D1&sections=report,help&accent=%230b7285&partner=city-of-x&compact=1&future=ignored",
        );
        assert_eq!(warnings, vec![]);
        assert_eq!(config.lang, Some(Lang::Es));
        assert_eq!(
            config.exit_url.as_ref().map(ExitUrl::as_str),
            Some("https://example.org/news?a=1")
        );
        assert_eq!(config.sections, vec![Section::Report, Section::Help]);
        assert_eq!(
            config
                .accent
                .map(Accent::used)
                .map(|c| c.to_string())
                .as_deref(),
            Some("#0b7285")
        );
        assert_eq!(
            config.partner.as_ref().map(PartnerId::as_str),
            Some("city-of-x")
        );
        assert!(config.compact);
    }

    #[test]
    fn bad_values_are_dropped_with_a_warning() {
        let (config, warnings) = Config::from_query(
            "lang=fr&exit=javascript:alert(1)&sections=help,nope,help&accent=blue&partner=City%20X",
        );
        assert_eq!(config.lang, None);
        assert_eq!(config.exit_url, None);
        assert_eq!(config.sections, vec![Section::Help]);
        assert_eq!(config.accent, None);
        assert_eq!(config.partner, None);
        assert_eq!(
            warnings,
            vec![
                Warning::UnknownLang("fr".into()),
                Warning::BadExitUrl("javascript:alert(1)".into()),
                Warning::UnknownSection("nope".into()),
                Warning::BadAccent("blue".into()),
                Warning::BadPartner("City X".into()),
            ]
        );
        for w in &warnings {
            assert!(!w.to_string().is_empty());
        }
    }

    #[test]
    fn no_known_section_shows_all() {
        let (config, warnings) = Config::from_query("sections=,zzz");
        assert_eq!(config.sections, Section::ALL.to_vec());
        assert_eq!(
            warnings,
            vec![Warning::UnknownSection("zzz".into()), Warning::NoSections]
        );
    }

    #[test]
    fn a_pale_accent_is_darkened_and_reported() {
        let (config, warnings) = Config::from_query("accent=%23ffff00");
        let used = config.accent.map(Accent::used);
        assert!(used.is_some_and(|c| c.contrast(Rgb::WHITE) >= 4.5));
        assert!(matches!(
            warnings.as_slice(),
            [Warning::AccentAdjusted { .. }]
        ));
        assert!(warnings[0].to_string().contains("#ffff00"));
    }

    #[test]
    fn compact_only_for_true_values() {
        assert!(!Config::from_query("compact=0").0.compact);
        assert!(!Config::from_query("compact").0.compact);
        assert!(Config::from_query("compact=true").0.compact);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("%230b7285"), "#0b7285");
        assert_eq!(percent_decode("a+b%20c"), "a b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("espa%C3%B1ol"), "español");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn language_comes_from_config_then_browser_then_english() {
        let browser = vec!["fr-FR".to_owned(), "es-419".to_owned(), "en".to_owned()];
        assert_eq!(choose_lang(Some(Lang::En), &browser), Lang::En);
        assert_eq!(choose_lang(None, &browser), Lang::Es);
        assert_eq!(choose_lang(None, &["de".to_owned()]), Lang::En);
        assert_eq!(choose_lang(None, &[]), Lang::En);
    }

    /// The cases the tip crate and `embed.js` run too, through the widget's
    /// own reading of its query: what the loader passes on, the widget
    /// takes, and what the widget takes, a tip carries.
    #[test]
    fn the_shared_cases_hold_for_the_query() {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../crates/tip/tests/vectors/rules.json")).unwrap();
        let cases = |name: &str| v[name].as_array().cloned().unwrap_or_default();
        let input = |case: &serde_json::Value| match case["input"].as_str() {
            Some(text) => text.to_owned(),
            None => {
                let p = case["input_repeat"].as_array().unwrap();
                let times = usize::try_from(p[2].as_u64().unwrap()).unwrap();
                format!(
                    "{}{}",
                    p[0].as_str().unwrap(),
                    p[1].as_str().unwrap().repeat(times)
                )
            }
        };
        let encoded = |text: &str| -> String {
            text.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() {
                        char::from(b).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect()
        };
        for case in cases("partner_id") {
            let text = input(&case);
            let (config, _) = Config::from_query(&format!("partner={}", encoded(&text)));
            let valid = case["valid"].as_bool().unwrap();
            assert_eq!(config.partner.is_some(), valid, "partner {text:?}");
            if let Some(partner) = config.partner {
                assert!(lantern_tip::validate::partner_id(partner.as_str()).is_ok());
            }
        }
        for case in cases("exit_url") {
            let text = input(&case);
            let (config, _) = Config::from_query(&format!("exit={}", encoded(&text)));
            let valid = case["valid"].as_bool().unwrap();
            assert_eq!(config.exit_url.is_some(), valid, "exit {text:?}");
        }
        for case in cases("language_tag") {
            let text = input(&case);
            let (config, _) = Config::from_query(&format!("lang={}", encoded(&text)));
            assert_eq!(
                config.lang.map(Lang::as_str),
                case["language"].as_str(),
                "lang {text:?}"
            );
        }
        // The widget's own steps: ?lang= (where the loader puts the
        // partner's data-lang), then the browser's languages.
        for case in cases("language_choice") {
            let configured = [&case["asked"], &case["partner"]]
                .into_iter()
                .filter_map(|tag| tag.as_str())
                .find_map(|tag| Config::from_query(&format!("lang={tag}")).0.lang);
            let browser: Vec<String> = case["preferred"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            assert_eq!(
                Some(choose_lang(configured, &browser).as_str()),
                case["chosen"].as_str(),
                "{case}"
            );
        }
    }
}
