//! The keyboard shortcut for the quick exit: Shift pressed three times in a
//! row, at most [`WINDOW_MS`] between presses.
//!
//! Plain Rust fed with key events, so every rule has a host test. A press
//! counts when Shift goes down and comes up again with nothing else in
//! between: Shift held for a capital letter, a Ctrl+Shift shortcut or a
//! Shift-click is Shift used as a modifier and never counts. Any other key
//! starts the count again, so typing with the odd stray Shift never leaves.
//! Esc is deliberately not used: it cancels page loads and belongs to
//! dialogs, full screen and assistive technology.

/// How many presses leave.
pub const PRESSES: u8 = 3;

/// The most time allowed between two presses, in milliseconds.
pub const WINDOW_MS: f64 = 5_000.0;

/// What the countdown shows and announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// Nothing under way; nothing to announce.
    Idle,
    /// This many more presses will leave (2 or 1).
    Remaining(u8),
    /// Too long since the last press; the count started again.
    Expired,
    /// The third press: leave now.
    Leave,
}

impl Countdown {
    /// How many of the indicator dots are lit.
    pub fn dots(self) -> u8 {
        match self {
            Countdown::Remaining(left) => PRESSES.saturating_sub(left),
            Countdown::Leave => PRESSES,
            Countdown::Idle | Countdown::Expired => 0,
        }
    }
}

/// Modifier keys held during a key event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Modifiers {
    /// Control.
    pub ctrl: bool,
    /// Alt / Option.
    pub alt: bool,
    /// Meta / Command / Windows.
    pub meta: bool,
}

impl Modifiers {
    fn any(self) -> bool {
        self.ctrl || self.alt || self.meta
    }
}

/// Counts Shift presses. Feed it every `keydown`, `keyup` and `pointerdown`,
/// and call [`ShiftCounter::timeout`] when [`WINDOW_MS`] has passed since the
/// last press. Each method returns the new [`Countdown`] when it changed.
#[derive(Clone, Debug, Default)]
pub struct ShiftCounter {
    presses: u8,
    last_press_ms: f64,
    shift_down: bool,
    /// Something happened while Shift was down: it was a modifier.
    used_as_modifier: bool,
}

impl ShiftCounter {
    /// A new counter with no presses.
    pub fn new() -> ShiftCounter {
        ShiftCounter::default()
    }

    /// A key went down. `key` is `KeyboardEvent.key`; `repeat` is true for
    /// the auto-repeat of a held key.
    pub fn key_down(&mut self, key: &str, mods: Modifiers, repeat: bool) -> Option<Countdown> {
        if key == "Shift" {
            if !repeat {
                self.shift_down = true;
                self.used_as_modifier = mods.any();
            }
            return None;
        }
        // Any other key: Shift, if held, is a modifier, and the run of lone
        // Shift presses is broken.
        if self.shift_down {
            self.used_as_modifier = true;
        }
        self.reset()
    }

    /// A key came up at `now_ms` (any monotonic clock in milliseconds).
    pub fn key_up(&mut self, key: &str, now_ms: f64) -> Option<Countdown> {
        if key != "Shift" || !std::mem::take(&mut self.shift_down) {
            return None;
        }
        if std::mem::take(&mut self.used_as_modifier) {
            return self.reset();
        }
        if self.presses > 0 && now_ms - self.last_press_ms > WINDOW_MS {
            self.presses = 0;
        }
        self.presses += 1;
        self.last_press_ms = now_ms;
        if self.presses >= PRESSES {
            self.presses = 0;
            return Some(Countdown::Leave);
        }
        Some(Countdown::Remaining(PRESSES - self.presses))
    }

    /// A mouse button or finger went down: Shift held now is Shift-click.
    pub fn pointer_down(&mut self) {
        if self.shift_down {
            self.used_as_modifier = true;
        }
    }

    /// The timer set after a press fired at `now_ms`. Returns
    /// [`Countdown::Expired`] if the count was still open and is now too old.
    pub fn timeout(&mut self, now_ms: f64) -> Option<Countdown> {
        if self.presses > 0 && now_ms - self.last_press_ms >= WINDOW_MS {
            self.presses = 0;
            return Some(Countdown::Expired);
        }
        None
    }

    /// The window lost focus: a Shift released elsewhere must not count.
    pub fn blur(&mut self) {
        self.shift_down = false;
        self.used_as_modifier = false;
    }

    fn reset(&mut self) -> Option<Countdown> {
        if self.presses == 0 {
            return None;
        }
        self.presses = 0;
        Some(Countdown::Idle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: Modifiers = Modifiers {
        ctrl: false,
        alt: false,
        meta: false,
    };

    /// A lone Shift tap at `t`.
    fn tap(c: &mut ShiftCounter, t: f64) -> Option<Countdown> {
        assert_eq!(c.key_down("Shift", NONE, false), None);
        c.key_up("Shift", t)
    }

    #[test]
    fn three_taps_within_the_window_leave() {
        let mut c = ShiftCounter::new();
        assert_eq!(tap(&mut c, 0.0), Some(Countdown::Remaining(2)));
        assert_eq!(tap(&mut c, 4_000.0), Some(Countdown::Remaining(1)));
        assert_eq!(tap(&mut c, 8_999.0), Some(Countdown::Leave));
        // After leaving the count starts over.
        assert_eq!(tap(&mut c, 9_000.0), Some(Countdown::Remaining(2)));
    }

    #[test]
    fn more_than_five_seconds_between_presses_starts_again() {
        let mut c = ShiftCounter::new();
        tap(&mut c, 0.0);
        tap(&mut c, 1_000.0);
        assert_eq!(tap(&mut c, 6_001.0), Some(Countdown::Remaining(2)));
        assert_eq!(tap(&mut c, 7_000.0), Some(Countdown::Remaining(1)));
        assert_eq!(tap(&mut c, 8_000.0), Some(Countdown::Leave));
    }

    #[test]
    fn the_timer_reports_expiry_once() {
        let mut c = ShiftCounter::new();
        assert_eq!(c.timeout(10_000.0), None, "nothing to expire");
        tap(&mut c, 0.0);
        assert_eq!(c.timeout(4_999.0), None, "too early");
        assert_eq!(c.timeout(5_000.0), Some(Countdown::Expired));
        assert_eq!(c.timeout(6_000.0), None);
        assert_eq!(tap(&mut c, 6_500.0), Some(Countdown::Remaining(2)));
    }

    #[test]
    fn shift_as_a_modifier_never_counts() {
        let mut c = ShiftCounter::new();
        // Typing capitals: Shift down, A down, A up, Shift up, three times.
        for t in [0.0, 100.0, 200.0] {
            c.key_down("Shift", NONE, false);
            c.key_down("A", NONE, false);
            assert_eq!(c.key_up("A", t), None);
            assert_eq!(c.key_up("Shift", t), None);
        }
        // Ctrl held while pressing Shift.
        let ctrl = Modifiers { ctrl: true, ..NONE };
        c.key_down("Shift", ctrl, false);
        assert_eq!(c.key_up("Shift", 300.0), None);
        // Shift-click.
        c.key_down("Shift", NONE, false);
        c.pointer_down();
        assert_eq!(c.key_up("Shift", 400.0), None);
        // A lone tap still counts from one afterwards.
        assert_eq!(tap(&mut c, 500.0), Some(Countdown::Remaining(2)));
    }

    #[test]
    fn a_modified_shift_breaks_a_run() {
        let mut c = ShiftCounter::new();
        tap(&mut c, 0.0);
        tap(&mut c, 100.0);
        c.key_down("Shift", NONE, false);
        assert_eq!(c.key_down("Z", NONE, false), Some(Countdown::Idle));
        assert_eq!(c.key_up("Shift", 200.0), None);
        assert_eq!(tap(&mut c, 300.0), Some(Countdown::Remaining(2)));
    }

    #[test]
    fn another_key_between_taps_starts_again() {
        let mut c = ShiftCounter::new();
        tap(&mut c, 0.0);
        tap(&mut c, 100.0);
        assert_eq!(c.key_down("h", NONE, false), Some(Countdown::Idle));
        assert_eq!(c.key_down("i", NONE, false), None, "already idle");
        assert_eq!(tap(&mut c, 300.0), Some(Countdown::Remaining(2)));
    }

    #[test]
    fn auto_repeat_and_stray_key_ups_do_not_count() {
        let mut c = ShiftCounter::new();
        c.key_down("Shift", NONE, false);
        for _ in 0..10 {
            assert_eq!(c.key_down("Shift", NONE, true), None);
        }
        assert_eq!(
            c.key_up("Shift", 0.0),
            Some(Countdown::Remaining(2)),
            "one long press is one press"
        );
        assert_eq!(c.key_up("Shift", 10.0), None, "key up without key down");
        c.key_down("Shift", NONE, false);
        c.blur();
        assert_eq!(
            c.key_up("Shift", 20.0),
            None,
            "released after the window lost focus"
        );
    }

    #[test]
    fn dots_follow_the_count() {
        assert_eq!(Countdown::Idle.dots(), 0);
        assert_eq!(Countdown::Remaining(2).dots(), 1);
        assert_eq!(Countdown::Remaining(1).dots(), 2);
        assert_eq!(Countdown::Leave.dots(), 3);
        assert_eq!(Countdown::Expired.dots(), 0);
    }
}
