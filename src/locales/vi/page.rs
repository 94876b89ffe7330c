//! Vietnamese words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every Vietnamese page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "Muốn gửi tin báo trên mạng thì cần JavaScript, nhưng trình duyệt này đang tắt nó. Bạn vẫn có thể gọi hoặc nhắn tin cho đường dây nóng ngay bây giờ, bằng các nút ở trên.",
    frame_title: "Thông tin trợ giúp",
};
