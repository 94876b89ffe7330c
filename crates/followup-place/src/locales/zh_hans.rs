//! 后续联系（issue 16），简体中文。机器辅助草稿，等待母语者审阅
//! (docs/translations.md)。
use crate::i18n::PlaceStrings;

/// 后续联系的全部中文文字。
pub static PLACE: PlaceStrings = PlaceStrings {
    check: "查看回复",
    making: "正在生成您的回复码，需要几秒钟。",
    code_label: "您的回复码",
    keep_safe: "只有在安全的情况下才保留这个回复码。任何拿到它的人都能读到热线写给您的内容。",
    without_it: "没有它，就没有人能回复您。它只显示这一次。",
    never_asked: "热线绝不会通过电话或短信向您要这个回复码。",
    staff_languages: "热线的回复只有英语和西班牙语。",
    make_failed: "无法生成回复码。您的线索已经发送。",
    your_code: "您的回复码",
    code_hint: "20 位数字。空格和横线没有关系。",
    open: "打开",
    opening: "正在打开，需要几秒钟。",
    too_short: "这个回复码太短。回复码有 20 位数字。",
    too_long: "这个回复码太长。回复码有 20 位数字。",
    not_digits: "请只输入回复码中的数字。",
    opened_nothing: "这个回复码没有打开任何内容。请逐位检查后再试。回复码在最后一次使用 90 天后也会失效。",
    rate_limited: "现在尝试次数太多。请等一分钟再试。",
    failed: "出了问题。请检查网络连接后再试。",
    messages: "热线的消息",
    none_yet: "还没有消息。请以后再来看。",
    answer_label: "您的回答",
    send_answer: "发送回答",
    detail_label: "补充您想起的事情",
    send_detail: "补充",
    sent: "已发送。谢谢。",
    err_empty: "请先写点内容。",
    err_long: "请不要超过 {n} 个字符。",
    err_character: "这里有我们不能接受的隐藏字符。请直接输入，不要粘贴。",
    close: "关闭",
};
