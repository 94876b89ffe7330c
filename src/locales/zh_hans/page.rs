//! Chinese (Simplified) words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every Chinese (Simplified) page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "在网上提交线索需要 JavaScript，但这个浏览器关闭了它。您现在仍然可以用上面的按钮打电话或发短信给热线。",
    frame_title: "帮助资源",
};
