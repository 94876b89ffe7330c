//! The follow-up (issue 16) in English: plain words, short sentences.
use crate::i18n::PlaceStrings;

/// Every English string of the follow-up's screens.
pub static PLACE: PlaceStrings = PlaceStrings {
    making: "Making your code. This takes a few seconds.",
    code_label: "Your reply code",
    keep_safe: "Keep this code only if it is safe for you. Anyone who has it can read what the hotline writes to you.",
    without_it: "Without it, nobody can reply to you. It is shown only this once.",
    never_asked: "The hotline will never ask you for this code by phone or text.",
    staff_languages: "The hotline writes in English or Spanish.",
    make_failed: "We could not make a code. Your tip was still sent.",
    your_code: "Your code",
    code_hint: "20 digits. Spaces and dashes do not matter.",
    open: "Open",
    opening: "Opening. This takes a few seconds.",
    too_short: "This code is too short. A code has 20 digits.",
    too_long: "This code is too long. A code has 20 digits.",
    not_digits: "Use only the digits of your code.",
    opened_nothing: "Nothing opened with this code. Check each digit and try again. A code also stops working 90 days after it was last used.",
    rate_limited: "Too many tries for now. Wait a minute, then try again.",
    failed: "Something went wrong. Check your connection and try again.",
    messages: "Messages from the hotline",
    none_yet: "No message yet. Check again later.",
    answer_label: "Your answer",
    send_answer: "Send answer",
    detail_label: "Add something you remember",
    send_detail: "Add",
    sent: "Sent. Thank you.",
    err_empty: "Write something first.",
    err_long: "Make it {n} characters or fewer.",
    err_character: "This has hidden characters we cannot take. Type it instead of pasting it.",
};
