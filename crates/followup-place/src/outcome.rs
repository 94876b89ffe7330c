//! What the worker's answers mean for the screen: plain functions of the
//! JSON it posts back (`public/followup/worker.js`), so each outcome has its
//! own words and a host test.
//!
//! The service answers a lookup with 200 and the same shape for every
//! well-formed token, found or not; only the worker, trying to open the
//! `opened` message with the code's identity, learns whether the code found
//! a conversation. So the widget cannot tell a wrong code from an expired
//! one, and its words for "nothing opened" cover both.

use super::code_input::Words;

/// One message the worker opened: `{direction, kind, text}` of
/// docs/api.md's sealed message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// `hotline` or `reporter`.
    pub direction: String,
    /// `reply`, `answer`, `detail` or `opened`.
    pub kind: String,
    /// The words.
    pub text: String,
}

/// What the worker answered to a request (`public/followup/worker.js`):
/// the HTTP status it saw, whether the code opened its conversation, the
/// messages it opened, and the first error code of an error body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// The service's status; 0 when there was none.
    pub status: u16,
    /// Whether the code's identity opened the `opened` message.
    pub opened: bool,
    /// The hotline's messages, opened, oldest first.
    pub messages: Vec<Message>,
    /// `errors[0].code` of an error body.
    pub error: Option<String>,
}

/// The words for a worker that failed, or a status the widget does not expect.
const FAILED: Words = |s| s.failed;
/// The words for 429.
const RATE_LIMITED: Words = |s| s.rate_limited;

/// A lookup's outcome: the hotline's messages, oldest first (none yet is
/// an empty list), or the words that say why nothing opened.
pub fn of_check(answer: Result<Reply, ()>) -> Result<Vec<String>, Words> {
    let answer = answer.map_err(|()| FAILED)?;
    match answer.status {
        200 if answer.opened => Ok(answer
            .messages
            .into_iter()
            .filter(|m| m.direction == "hotline" && m.kind == "reply")
            .map(|m| m.text)
            .collect()),
        200 => Err(|s| s.opened_nothing),
        429 => Err(RATE_LIMITED),
        _ => Err(FAILED),
    }
}

/// An answer's or a detail's outcome: stored, or the words that say why not.
pub fn of_answer(answer: Result<Reply, ()>) -> Result<(), Words> {
    let answer = answer.map_err(|()| FAILED)?;
    match (answer.status, answer.error.as_deref()) {
        (201, _) => Ok(()),
        // The conversation is gone (expired since it opened).
        (404, _) => Err(|s| s.opened_nothing),
        (429, _) => Err(RATE_LIMITED),
        (422, Some("required")) => Err(|s| s.err_empty),
        (422, Some("invalid_character")) => Err(|s| s.err_character),
        _ => Err(FAILED),
    }
}

/// Whether the code was registered for the tip just sent.
pub fn registered(answer: Result<Reply, ()>) -> bool {
    answer.is_ok_and(|a| a.status == 201)
}

/// What is wrong with an answer before it is sent, by the intake's own rule
/// (`crates/intake/src/followup/body.rs`): something visible, at most
/// [`lantern_followup::MAX_TEXT_CHARS`], no control character but tab and
/// line breaks. `None` when it may go. A too-long text's words need the
/// limit filled in: [`Problem::TooLong`].
pub fn answer_problem(text: &str) -> Option<Problem> {
    use lantern_tip::ErrorCode;
    if !text.chars().any(lantern_tip::validate::is_visible) {
        return Some(Problem::Words(|s| s.err_empty));
    }
    match lantern_tip::validate::text(text, lantern_followup::MAX_TEXT_CHARS) {
        Ok(()) => None,
        Err(ErrorCode::TooLong) => Some(Problem::TooLong),
        Err(_) => Some(Problem::Words(|s| s.err_character)),
    }
}

/// Why an answer cannot go, for [`answer_problem`].
#[derive(Clone, Copy, Debug)]
pub enum Problem {
    /// Fixed words.
    Words(Words),
    /// Over the limit: [`crate::i18n::PlaceStrings::long`].
    TooLong,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{strings, Lang};

    fn reply(
        status: u16,
        opened: bool,
        messages: &[(&str, &str, &str)],
        error: Option<&str>,
    ) -> Reply {
        Reply {
            status,
            opened,
            messages: messages
                .iter()
                .map(|&(direction, kind, text)| Message {
                    direction: direction.into(),
                    kind: kind.into(),
                    text: text.into(),
                })
                .collect(),
            error: error.map(str::to_owned),
        }
    }

    fn status(status: u16) -> Result<Reply, ()> {
        Ok(reply(status, false, &[], None))
    }

    fn en(words: Words) -> &'static str {
        words(strings(Lang::En))
    }

    #[test]
    fn an_opened_code_shows_the_hotlines_replies_only() {
        let answer = reply(
            200,
            true,
            &[
                ("hotline", "reply", "Is anyone under 18?"),
                ("hotline", "opened", ""),
                ("reporter", "answer", "Mine."),
                ("hotline", "reply", "Thank you."),
            ],
            None,
        );
        assert_eq!(
            of_check(Ok(answer)),
            Ok(vec![
                "Is anyone under 18?".to_owned(),
                "Thank you.".to_owned()
            ])
        );
        assert_eq!(of_check(Ok(reply(200, true, &[], None))), Ok(vec![]));
    }

    #[test]
    fn a_wrong_or_expired_code_a_burst_and_a_failure_each_have_their_words() {
        let f = strings(Lang::En);
        let wrong = of_check(status(200));
        assert_eq!(wrong.map_err(en), Err(f.opened_nothing));
        let burst = of_check(status(429));
        assert_eq!(burst.map_err(en), Err(f.rate_limited));
        assert_eq!(of_check(Err(())).map_err(en), Err(f.failed));
        let odd = of_check(status(503));
        assert_eq!(odd.map_err(en), Err(f.failed));
        // Four different sets of words, none of them blank.
        let all = [f.opened_nothing, f.rate_limited, f.failed, f.none_yet];
        assert!(all.iter().all(|w| !w.is_empty()));
        assert_eq!(
            all.iter().collect::<std::collections::HashSet<_>>().len(),
            4
        );
    }

    #[test]
    fn an_answers_outcome() {
        let f = strings(Lang::En);
        assert_eq!(of_answer(status(201)), Ok(()));
        let gone = reply(404, false, &[], Some("not_found"));
        assert_eq!(of_answer(Ok(gone)).map_err(en), Err(f.opened_nothing));
        let empty = reply(422, false, &[], Some("required"));
        assert_eq!(of_answer(Ok(empty)).map_err(en), Err(f.err_empty));
        let hidden = reply(422, false, &[], Some("invalid_character"));
        assert_eq!(of_answer(Ok(hidden)).map_err(en), Err(f.err_character));
        assert_eq!(of_answer(status(429)).map_err(en), Err(f.rate_limited));
        assert_eq!(of_answer(Err(())).map_err(en), Err(f.failed));
        assert!(registered(status(201)));
        assert!(!registered(status(404)));
        assert!(!registered(Err(())));
    }

    #[test]
    fn an_answer_is_checked_by_the_intakes_rule_before_it_goes() {
        let f = strings(Lang::En);
        let said = |text: &str| {
            answer_problem(text).map(|p| match p {
                Problem::Words(w) => en(w),
                Problem::TooLong => "too long",
            })
        };
        assert_eq!(said("Two of them."), None);
        assert_eq!(said("line one\nline two\tend"), None);
        for blank in ["", "   ", "\n\t", "\u{200b}"] {
            assert_eq!(said(blank), Some(f.err_empty), "{blank:?}");
        }
        let max = lantern_followup::MAX_TEXT_CHARS;
        assert_eq!(said(&"x".repeat(max)), None);
        assert_eq!(said(&"x".repeat(max + 1)), Some("too long"));
        assert_eq!(f.long(max), "Make it 3000 characters or fewer.");
        assert_eq!(said("a\u{7}b"), Some(f.err_character));
    }
}
