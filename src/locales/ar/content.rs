//! Arabic words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Arabic marks gender on verbs and adjectives, so
//! the signs are noun phrases built on verbal nouns ("عدم الحصول على أجر",
//! "not being paid"), which describe anyone, and the tip form's checklist
//! can use them as they are. Self-check statements speak to the reader only
//! with forms that read the same for anyone when written without vowel
//! marks ("يمكنك", "أجرك"), or in the passive.

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "ظروف العمل والسكن"),
    ("behaviour", "المزاج والسلوك"),
    ("health", "الصحة الجسدية"),
    ("control", "غياب السيطرة على الحياة"),
    ("other", "علامات أخرى"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "عدم حرية الذهاب والمجيء."),
    ("minor-in-commercial-sex", "العمر دون 18 سنة، مع الاستغلال الجنسي مقابل المال أو أي شيء آخر."),
    ("unpaid-or-tips-only", "عدم الحصول على أجر، أو الحصول على البقشيش فقط."),
    ("not-paid-as-promised", "الحصول على أجر أقل من الأجر الموعود."),
    ("excessive-hours", "العمل ساعات طويلة جدًا، بلا استراحات ولا أيام عطلة."),
    ("unpayable-debt", "دين كبير لا يمكن سداده أبدًا."),
    ("false-promises", "الكذب بشأن العمل أو الأجر عند التوظيف."),
    ("pressured-to-stay", "الضغط للبقاء في عمل يريد الشخص تركه."),
    ("pressured-into-sex-work", "الدفع إلى بيع الجنس بالضغط أو الخداع."),
    ("wants-out-but-cannot", "الرغبة في التوقف عن بيع الجنس، مع الخوف أو العجز عن ذلك."),
    ("heavy-security", "حراسة مشددة في مكان السكن أو العمل، مثل الأقفال أو القضبان على النوافذ أو الكاميرات أو الحراس."),
    ("lives-at-work", "السكن في مكان العمل."),
    ("moved-by-others", "النقل من مكان إلى آخر على يد أشخاص آخرين."),
    ("dangerous-work", "القيام بعمل خطير بلا معدات سلامة."),
    ("overcrowded-employer-housing", "السكن في مكان مزدحم يوفره صاحب العمل."),
    ("fearful-or-anxious", "ظهور الخوف أو القلق أو التوتر الشديد."),
    ("submissive", "طاعة شخص ما في كل شيء، على ما يبدو."),
    ("avoids-eye-contact", "تجنب النظر في عيون الناس."),
    ("fears-police", "الخوف عند ذكر الشرطة."),
    ("lacks-medical-care", "عدم الحصول على الرعاية الطبية اللازمة."),
    ("malnourished", "علامات الجوع أو نقص الطعام."),
    ("signs-of-abuse", "علامات ضرب أو ربط أو تقييد بالقوة."),
    ("exhausted", "التعب الشديد طوال الوقت، على ما يبدو."),
    ("few-possessions", "القليل جدًا من الأغراض الشخصية."),
    ("no-control-of-money", "عدم السيطرة على المال الخاص."),
    ("id-held-by-others", "احتفاظ شخص آخر بجواز السفر أو بطاقة الهوية."),
    ("someone-speaks-for-them", "شخص آخر يتكلم أو يترجم بالنيابة عن الشخص دائمًا."),
    ("constantly-monitored", "مراقبة مستمرة، وجهًا لوجه أو عبر الهاتف."),
    ("isolated", "الانقطاع عن العائلة أو الأصدقاء أو المجتمع."),
    ("threatened", "تهديد بالأذى، أو بالإبلاغ إلى دائرة الهجرة."),
    ("has-pimp-or-manager", "وجود قوّاد أو «مدير»."),
    ("controlling-partner", "شريك أكبر سنًا بكثير أو متسلط، أو «كفيل»، لا يسمح أبدًا بلقاء الشخص على انفراد."),
    ("does-not-know-location", "عدم معرفة المكان أو العنوان."),
    ("scripted-story", "قصة تبدو محفوظة، أو تتغير باستمرار."),
    ("lost-sense-of-time", "فقدان الإحساس بالوقت، مثل التاريخ أو مدة البقاء في المكان."),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "لا يمكنك المغادرة متى أردت."),
    ("documents-taken", "أخذ أحدهم جواز سفرك أو بطاقة هويتك ولا يعيدها إليك."),
    ("unpayable-debt", "عليك دين لا يمكنك سداده أبدًا."),
    ("pay-withheld", "لا أجر لك، أو يأخذ شخص آخر أجرك."),
    ("job-not-as-promised", "العمل ليس كما وُعدت به."),
    ("threatened", "يهددك أحدهم بإيذائك أو إيذاء عائلتك، أو بالاتصال بدائرة الهجرة."),
    ("forced-sex", "يجبرك أحدهم على ممارسة الجنس أو بيع الجنس."),
    ("under-18-sex", "عمرك أقل من 18 سنة، ويُطلب منك الجنس مقابل المال أو الطعام أو مكان للإقامة أو أي شيء آخر."),
    ("watched-or-locked-in", "هناك من يراقبك طوال الوقت، أو يحبسك."),
    ("someone-speaks-for-you", "شخص آخر يتكلم بالنيابة عنك، ولا يسمح لك بالحديث مع الناس على انفراد."),
    ("no-control-of-money", "شخص آخر يتحكم في أموالك."),
];
