//! Phần liên lạc tiếp theo (issue 16) bằng tiếng Việt. Bản nháp có máy hỗ
//! trợ, chờ người bản xứ xem lại (docs/translations.md). Không dùng đại từ
//! có giới tính: "bạn".
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// Mọi chữ tiếng Việt của phần liên lạc tiếp theo.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "Đường dây nóng có thể có câu hỏi cho bạn. Với mã trả lời, họ có thể viết cho bạn ở đây và bạn có thể trả lời. Bạn vẫn không cần cho biết tên.",
    offer_button: "Lấy mã trả lời",
    check: "Xem có trả lời không",
    loading: "Đang tải…",
    load_failed: "Có lỗi xảy ra. Hãy kiểm tra kết nối rồi thử lại.",
};
