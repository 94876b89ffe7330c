//! المتابعة (issue 16) بالعربية. مسودة بمساعدة الآلة تنتظر مراجعة متحدث
//! أصلي (docs/translations.md). لا أفعال أمر ولا صفات تحدد جنس القارئ:
//! «يُرجى» مع المصدر، والمبني للمجهول.
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// كل نصوص المتابعة بالعربية.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "قد يكون لدى الخط الساخن سؤال لك. برمز الرد يمكنهم الكتابة إليك هنا ويمكنك الإجابة. ولا حاجة إلى ذكر اسمك.",
    offer_button: "الحصول على رمز رد",
    check: "التحقق من وجود رد",
    loading: "جارٍ التحميل…",
    load_failed: "حدث خطأ. يُرجى التحقق من الاتصال والمحاولة مرة أخرى.",
};
