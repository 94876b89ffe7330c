//! 후속 연락(issue 16), 한국어. 기계 도움 초안으로, 원어민 검토를 기다립니다
//! (docs/translations.md).
use crate::i18n::PlaceStrings;

/// 후속 연락의 모든 한국어 문구.
pub static PLACE: PlaceStrings = PlaceStrings {
    check: "답장 확인",
    making: "코드를 만들고 있어요. 몇 초 걸려요.",
    code_label: "내 답장 코드",
    keep_safe: "안전할 때만 이 코드를 간직하세요. 코드를 가진 사람은 누구나 핫라인이 보낸 글을 읽을 수 있어요.",
    without_it: "코드가 없으면 아무도 답장할 수 없어요. 코드는 이번 한 번만 보여요.",
    never_asked: "핫라인은 전화나 문자로 이 코드를 절대 묻지 않아요.",
    staff_languages: "핫라인의 답장은 영어와 스페인어만 돼요.",
    make_failed: "코드를 만들지 못했어요. 제보는 보내졌어요.",
    your_code: "내 코드",
    code_hint: "숫자 20자리. 띄어쓰기와 줄표는 상관없어요.",
    open: "열기",
    opening: "여는 중이에요. 몇 초 걸려요.",
    too_short: "코드가 너무 짧아요. 코드는 숫자 20자리예요.",
    too_long: "코드가 너무 길어요. 코드는 숫자 20자리예요.",
    not_digits: "코드의 숫자만 입력하세요.",
    opened_nothing: "이 코드로 열린 것이 없어요. 숫자를 하나씩 확인하고 다시 해 보세요. 코드는 마지막으로 쓴 뒤 90일이 지나도 쓸 수 없어요.",
    rate_limited: "지금은 시도가 너무 많아요. 1분 기다린 뒤 다시 해 보세요.",
    failed: "문제가 생겼어요. 연결을 확인하고 다시 해 보세요.",
    messages: "핫라인의 메시지",
    none_yet: "아직 메시지가 없어요. 나중에 다시 확인하세요.",
    answer_label: "내 답",
    send_answer: "답 보내기",
    detail_label: "기억난 것 더하기",
    send_detail: "더하기",
    sent: "보냈어요. 고마워요.",
    err_empty: "먼저 내용을 써 주세요.",
    err_long: "{n}자 이하로 써 주세요.",
    err_character: "받을 수 없는 숨은 문자가 있어요. 붙여 넣지 말고 직접 입력하세요.",
    close: "닫기",
};
