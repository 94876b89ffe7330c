//! Korean words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every Korean page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "온라인으로 제보를 보내려면 JavaScript가 필요한데, 이 브라우저에서는 꺼져 있어요. 지금도 위의 버튼으로 핫라인에 전화하거나 문자를 보낼 수 있어요.",
    frame_title: "도움 정보",
};
