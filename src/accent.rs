//! The partner's accent colour, checked for contrast before it is used.
//!
//! The accent fills buttons that carry white text, so it must reach WCAG's
//! 4.5:1 contrast against white (success criterion 1.4.3). A colour that
//! fails is darkened, keeping its hue, until it passes: the partner still gets
//! their colour family and nobody gets unreadable buttons.

use std::fmt;

/// The contrast every accent must reach against white text.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour in sRGB, eight bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// White, the colour of text on the accent.
    pub const WHITE: Rgb = Rgb {
        r: 255,
        g: 255,
        b: 255,
    };

    /// Parses `#rrggbb` or `#rgb` (the `#` optional, any case).
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        match hex.len() {
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb {
                    r: pair(0)?,
                    g: pair(2)?,
                    b: pair(4)?,
                })
            }
            // `#abc` is shorthand for `#aabbcc`.
            3 => Some(Rgb {
                r: digit(0)? * 17,
                g: digit(1)? * 17,
                b: digit(2)? * 17,
            }),
            _ => None,
        }
    }

    /// Relative luminance as WCAG 2 defines it (0 for black, 1 for white).
    pub fn luminance(self) -> f64 {
        fn linear(channel: u8) -> f64 {
            let c = f64::from(channel) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                pow_2_4((c + 0.055) / 1.055)
            }
        }
        // x^2.4 for x in (0, 1], as x^2 times the fifth root of x^2 (Newton's
        // method from 1, which approaches the root from above). `powf` would
        // link libm's `pow`, about 2 KB of Wasm, for this one curve.
        fn pow_2_4(x: f64) -> f64 {
            let square = x * x;
            let mut root = 1.0_f64;
            for _ in 0..40 {
                let next = (4.0 * root + square / (root * root * root * root)) / 5.0;
                if next >= root {
                    break;
                }
                root = next;
            }
            square * root
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// The WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// This colour with every channel scaled by `factor` (0 to 1): darker,
    /// same hue.
    fn scaled(self, factor: f64) -> Rgb {
        // The product stays within 0..=255, so the cast cannot truncate.
        let scale = |c: u8| (f64::from(c) * factor).round().clamp(0.0, 255.0) as u8;
        Rgb {
            r: scale(self.r),
            g: scale(self.g),
            b: scale(self.b),
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// What became of a requested accent colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accent {
    /// It passes as given.
    Accepted(Rgb),
    /// It failed against white text; this darker shade of it passes.
    Adjusted {
        /// What was asked for.
        requested: Rgb,
        /// What is used instead.
        used: Rgb,
    },
}

impl Accent {
    /// Checks `requested` against white text and darkens it if it must.
    pub fn for_white_text(requested: Rgb) -> Accent {
        if requested.contrast(Rgb::WHITE) >= MIN_CONTRAST {
            return Accent::Accepted(requested);
        }
        // Darken in 2% steps; black passes (21:1), so this always ends.
        let mut factor: f64 = 1.0;
        loop {
            factor -= 0.02;
            let used = requested.scaled(factor.max(0.0));
            if used.contrast(Rgb::WHITE) >= MIN_CONTRAST {
                return Accent::Adjusted { requested, used };
            }
        }
    }

    /// The colour to paint with.
    pub fn used(self) -> Rgb {
        match self {
            Accent::Accepted(rgb) | Accent::Adjusted { used: rgb, .. } => rgb,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_and_short_hex() {
        assert_eq!(
            Rgb::parse("#0b7285"),
            Some(Rgb {
                r: 11,
                g: 114,
                b: 133
            })
        );
        assert_eq!(
            Rgb::parse("0B7285"),
            Some(Rgb {
                r: 11,
                g: 114,
                b: 133
            })
        );
        assert_eq!(
            Rgb::parse("#fa0"),
            Some(Rgb {
                r: 255,
                g: 170,
                b: 0
            })
        );
        for bad in [
            "", "#", "#12345", "#1234567", "#gggggg", "red", "#+1+2+3", "#é12",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        let black = Rgb { r: 0, g: 0, b: 0 };
        assert!((black.contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb::WHITE.contrast(Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes 4.5:1 on white (4.54).
        let grey = Rgb::parse("#767676").unwrap_or(black);
        assert!((grey.contrast(Rgb::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn luminance_curve_matches_powf() {
        for channel in 0..=255u8 {
            let grey = Rgb {
                r: channel,
                g: channel,
                b: channel,
            };
            let c = f64::from(channel) / 255.0;
            let expected = if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            };
            assert!(
                (grey.luminance() - expected).abs() < 1e-14,
                "{channel}: {} vs {expected}",
                grey.luminance()
            );
        }
    }

    #[test]
    fn dark_enough_colours_are_kept() {
        let teal = Rgb::parse("#0b7285").unwrap_or(Rgb::WHITE);
        assert_eq!(Accent::for_white_text(teal), Accent::Accepted(teal));
    }

    #[test]
    fn light_colours_are_darkened_until_they_pass() {
        for text in ["#ffff00", "#ffffff", "#7fdbff", "#ffa500", "#777777"] {
            let requested = Rgb::parse(text).unwrap_or(Rgb::WHITE);
            let accent = Accent::for_white_text(requested);
            let Accent::Adjusted { used, .. } = accent else {
                panic!("{text} should need adjusting");
            };
            assert!(
                used.contrast(Rgb::WHITE) >= MIN_CONTRAST,
                "{text} -> {used}"
            );
            // Not darker than it needs to be: one step lighter would fail or be the original.
            assert!(
                used.contrast(Rgb::WHITE) < 6.0,
                "{text} -> {used} is darker than needed"
            );
        }
    }

    #[test]
    fn displays_as_lowercase_hex() {
        assert_eq!(
            Rgb {
                r: 11,
                g: 114,
                b: 133
            }
            .to_string(),
            "#0b7285"
        );
    }
}
