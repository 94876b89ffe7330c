//! Vietnamese words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs describe someone else as "người đó" (that
//! person) or with no subject, never with a pronoun that carries a gender
//! or an age, so they fit anyone and the tip form's checklist can use them
//! as they are; self-check statements speak to the reader ("bạn").

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "Điều kiện làm việc và sinh sống"),
    ("behaviour", "Tâm trạng và hành vi"),
    ("health", "Sức khỏe thể chất"),
    ("control", "Không được tự quyết"),
    ("other", "Các dấu hiệu khác"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "Người đó không được tự do đi lại."),
    ("minor-in-commercial-sex", "Người đó dưới 18 tuổi và bị dùng cho tình dục để đổi lấy tiền hoặc bất cứ thứ gì khác."),
    ("unpaid-or-tips-only", "Người đó không được trả lương, hoặc chỉ được tiền boa."),
    ("not-paid-as-promised", "Người đó không được trả đúng số tiền đã hứa."),
    ("excessive-hours", "Người đó làm việc rất nhiều giờ, không được nghỉ giải lao hay ngày nghỉ."),
    ("unpayable-debt", "Người đó nợ một món nợ lớn không bao giờ trả hết."),
    ("false-promises", "Người đó bị lừa về công việc hoặc tiền lương."),
    ("pressured-to-stay", "Người đó bị ép ở lại một công việc mà họ muốn bỏ."),
    ("pressured-into-sex-work", "Người đó bị ép hoặc bị lừa đi bán dâm."),
    ("wants-out-but-cannot", "Người đó muốn thôi bán dâm nhưng sợ hoặc không thể."),
    ("heavy-security", "Nơi người đó sống hoặc làm việc được canh giữ chặt, như có khóa, song sắt ở cửa sổ, máy quay hoặc người canh gác."),
    ("lives-at-work", "Người đó sống ngay nơi làm việc."),
    ("moved-by-others", "Người khác đưa người đó đi từ nơi này sang nơi khác."),
    ("dangerous-work", "Người đó làm việc nguy hiểm mà không có đồ bảo hộ."),
    ("overcrowded-employer-housing", "Người đó sống trong chỗ ở chật chội do chủ cung cấp."),
    ("fearful-or-anxious", "Người đó có vẻ sợ hãi, lo lắng hoặc rất căng thẳng."),
    ("submissive", "Người đó có vẻ phải nghe theo một ai đó trong mọi việc."),
    ("avoids-eye-contact", "Người đó tránh nhìn vào mắt người khác."),
    ("fears-police", "Người đó sợ hãi khi có ai nhắc đến cảnh sát."),
    ("lacks-medical-care", "Người đó không được chăm sóc y tế khi cần."),
    ("malnourished", "Người đó có vẻ đói hoặc thiếu ăn."),
    ("signs-of-abuse", "Người đó có dấu hiệu bị đánh, bị trói hoặc bị giữ chặt."),
    ("exhausted", "Người đó lúc nào cũng có vẻ kiệt sức."),
    ("few-possessions", "Người đó có rất ít đồ của riêng mình."),
    ("no-control-of-money", "Người đó không được tự quản lý tiền của mình."),
    ("id-held-by-others", "Người khác giữ hộ chiếu hoặc giấy tờ tùy thân của người đó."),
    ("someone-speaks-for-them", "Lúc nào cũng có người khác nói hoặc thông dịch thay cho người đó."),
    ("constantly-monitored", "Có người theo dõi người đó mọi lúc, trực tiếp hoặc qua điện thoại."),
    ("isolated", "Người đó bị cắt đứt liên lạc với gia đình, bạn bè hoặc cộng đồng."),
    ("threatened", "Có người dọa làm hại người đó, hoặc dọa báo cho sở di trú."),
    ("has-pimp-or-manager", "Người đó có một kẻ dắt mối hoặc một “quản lý”."),
    ("controlling-partner", "Một người bạn đời lớn tuổi hơn nhiều hoặc hay kiểm soát, hay một “người bảo trợ”, không bao giờ để ai gặp riêng người đó."),
    ("does-not-know-location", "Người đó không biết mình đang ở đâu hay địa chỉ của mình."),
    ("scripted-story", "Câu chuyện của người đó nghe như học thuộc, hoặc cứ thay đổi."),
    ("lost-sense-of-time", "Người đó không còn biết thời gian, như ngày tháng hay đã ở đó bao lâu."),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "Bạn không thể rời đi khi bạn muốn."),
    ("documents-taken", "Có người lấy hộ chiếu hoặc giấy tờ tùy thân của bạn và không trả lại."),
    ("unpayable-debt", "Bạn nợ một món nợ mà bạn không bao giờ trả hết."),
    ("pay-withheld", "Bạn không được trả lương, hoặc người khác giữ tiền lương của bạn."),
    ("job-not-as-promised", "Công việc không giống như người ta đã hứa với bạn."),
    ("threatened", "Có người dọa làm hại bạn hoặc gia đình bạn, hoặc dọa gọi sở di trú."),
    ("forced-sex", "Có người bắt bạn quan hệ tình dục hoặc bán dâm."),
    ("under-18-sex", "Bạn dưới 18 tuổi và bạn quan hệ tình dục để đổi lấy tiền, thức ăn, chỗ ở hoặc bất cứ thứ gì khác."),
    ("watched-or-locked-in", "Bạn bị theo dõi mọi lúc, hoặc bị nhốt."),
    ("someone-speaks-for-you", "Người khác nói thay bạn và không để bạn nói chuyện riêng với ai."),
    ("no-control-of-money", "Người khác kiểm soát tiền của bạn."),
];
