//! 후속 연락(issue 16), 한국어. 기계 도움 초안으로, 원어민 검토를 기다립니다
//! (docs/translations.md).
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// 후속 연락의 모든 한국어 문구.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "핫라인이 물어볼 것이 있을 수 있어요. 답장 코드가 있으면 핫라인이 여기에 글을 남기고, 답할 수 있어요. 이름은 여전히 밝히지 않아요.",
    offer_button: "답장 코드 받기",
    check: "답장 확인",
    loading: "불러오는 중이에요…",
    load_failed: "문제가 생겼어요. 연결을 확인하고 다시 해 보세요.",
};
