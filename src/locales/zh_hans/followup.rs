//! 后续联系（issue 16），简体中文。机器辅助草稿，等待母语者审阅
//! (docs/translations.md)。
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// 后续联系的全部中文文字。
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "热线可能有问题想问您。有了回复码，他们可以在这里给您写信，您也可以回答。您仍然不用留下名字。",
    offer_button: "获取回复码",
    check: "查看回复",
    loading: "正在加载…",
    load_failed: "出了问题。请检查网络连接后再试。",
};
