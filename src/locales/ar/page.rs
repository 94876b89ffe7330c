//! Arabic words for the page and the loader (`crate::i18n::page`).
use crate::i18n::PageStrings;

/// Every Arabic page string.
pub static PAGE: PageStrings = PageStrings {
    no_script: "إرسال بلاغ عبر الإنترنت يحتاج إلى JavaScript، وهو متوقف في هذا المتصفح. يمكنك الآن الاتصال بالخط الساخن أو مراسلته نصيًا، بالأزرار في الأعلى.",
    frame_title: "مصادر المساعدة",
};
