//! The follow-up (issue 16) in English: plain words, short sentences.
use crate::followup::words::FollowupStrings;

/// Every English string of the follow-up.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "The hotline may have questions. With a reply code, they can write to you here and you can answer. You stay anonymous.",
    offer_button: "Get a reply code",
    making: "Making your code. This takes a few seconds.",
    code_label: "Your reply code",
    keep_safe: "Keep this code only if it is safe for you. Anyone who has it can read the hotline's messages to you.",
    without_it: "Without it, nobody can reply to you. We cannot send it again.",
    never_asked: "The hotline will never ask you for this code by phone or text.",
    make_failed: "We could not make a code. Your tip was still sent.",
    check: "Check for a reply",
    your_code: "Your code",
    code_hint: "20 digits. Spaces do not matter.",
    open: "Open",
    opening: "Opening. This takes a few seconds.",
    too_short: "This code is too short. It has 20 digits.",
    too_long: "This code is too long. It has 20 digits.",
    not_digits: "Use only the digits of your code.",
    opened_nothing: "This code did not open anything. Check the digits and try again.",
    failed: "Something went wrong. Try again in a moment.",
    messages: "Messages from the hotline",
    none_yet: "No message yet. Check again later.",
    answer_label: "Your answer",
    send_answer: "Send answer",
    detail_label: "Add something you remember",
    send_detail: "Add",
    sent: "Sent. Thank you.",
    close: "Close",
};
