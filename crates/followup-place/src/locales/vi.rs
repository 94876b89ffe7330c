//! Phần liên lạc tiếp theo (issue 16) bằng tiếng Việt. Bản nháp có máy hỗ
//! trợ, chờ người bản xứ xem lại (docs/translations.md). Không dùng đại từ
//! có giới tính: "bạn".
use crate::i18n::PlaceStrings;

/// Mọi chữ tiếng Việt của phần liên lạc tiếp theo.
pub static PLACE: PlaceStrings = PlaceStrings {
    check: "Xem có trả lời không",
    making: "Đang tạo mã của bạn. Việc này mất vài giây.",
    code_label: "Mã trả lời của bạn",
    keep_safe: "Chỉ giữ mã này nếu việc đó an toàn với bạn. Ai có mã này đều đọc được những gì đường dây nóng viết cho bạn.",
    without_it: "Không có mã này, không ai trả lời bạn được. Mã chỉ hiện một lần này.",
    never_asked: "Đường dây nóng sẽ không bao giờ hỏi mã này qua điện thoại hay tin nhắn.",
    staff_languages: "Đường dây nóng viết trả lời chỉ tiếng Anh và tiếng Tây Ban Nha.",
    make_failed: "Chúng tôi không tạo được mã. Tin báo của bạn vẫn đã được gửi.",
    your_code: "Mã của bạn",
    code_hint: "20 chữ số. Khoảng trắng và gạch ngang không sao.",
    open: "Mở",
    opening: "Đang mở. Việc này mất vài giây.",
    too_short: "Mã này quá ngắn. Mã có 20 chữ số.",
    too_long: "Mã này quá dài. Mã có 20 chữ số.",
    not_digits: "Chỉ nhập các chữ số của mã.",
    opened_nothing: "Mã này không mở được gì. Hãy kiểm tra từng chữ số rồi thử lại. Mã cũng hết hiệu lực 90 ngày sau lần dùng cuối.",
    rate_limited: "Đã thử quá nhiều lần. Hãy đợi một phút rồi thử lại.",
    failed: "Có lỗi xảy ra. Hãy kiểm tra kết nối rồi thử lại.",
    messages: "Tin nhắn từ đường dây nóng",
    none_yet: "Chưa có tin nhắn. Hãy xem lại sau.",
    answer_label: "Câu trả lời của bạn",
    send_answer: "Gửi câu trả lời",
    detail_label: "Thêm điều bạn nhớ ra",
    send_detail: "Thêm",
    sent: "Đã gửi. Cảm ơn bạn.",
    err_empty: "Hãy viết gì đó trước.",
    err_long: "Hãy viết không quá {n} ký tự.",
    err_character: "Chỗ này có ký tự ẩn mà chúng tôi không nhận được. Hãy gõ thay vì dán.",
    close: "Đóng",
};
