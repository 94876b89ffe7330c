//! The quick exit's destination: `--exit-url` for the intake, `?exit=` for
//! the widget, `data-exit` for `public/embed.js`. One rule for all three,
//! held to the cases in `tests/vectors/rules.json`, and one default.

/// An exit URL that may be written into a page and navigated to: an
/// absolute `http://` or `https://` URL (lowercase scheme) with a host and
/// no user name in it, at most [`ExitUrl::MAX_LEN`] characters, every one
/// printable ASCII other than `"`, `'`, `<`, `>`, `` ` `` and `\`. Spaces
/// around it are trimmed. Anything else (`javascript:`, `data:`, a
/// relative path, `https://user@host` dressed as another site) could run
/// code, show a page of its own, or lead somewhere else than it seems.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExitUrl(String);

impl ExitUrl {
    /// Where the exit goes when nobody set one: a neutral, non-personalised
    /// page. The one place this address is spelled (the JavaScript test of
    /// `embed.js` holds the loader to it).
    pub const DEFAULT: &'static str = "https://www.bbc.com/weather";

    /// The longest exit URL accepted; longer ones are more likely mistakes
    /// (or attempts to smuggle data) than real destinations.
    pub const MAX_LEN: usize = 2048;

    /// `text` as an exit URL, or `None` (see [`ExitUrl`]).
    pub fn parse(text: &str) -> Option<ExitUrl> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let ok = text.len() <= ExitUrl::MAX_LEN
            && !host.is_empty()
            && !host.contains('@')
            && text
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'));
        ok.then(|| ExitUrl(text.to_owned()))
    }

    /// The URL as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Default for ExitUrl {
    fn default() -> ExitUrl {
        ExitUrl(ExitUrl::DEFAULT.to_owned())
    }
}

impl std::fmt::Display for ExitUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
