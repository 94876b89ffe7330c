//! Korean words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs describe someone else with no subject or
//! as "그 사람" (that person), never 그녀 or 그, so they fit anyone and the
//! tip form's checklist can use them as they are; self-check statements
//! speak to the reader, without a subject, as Korean does.

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "일하고 사는 환경"),
    ("behaviour", "기분과 행동"),
    ("health", "몸의 건강"),
    ("control", "스스로 정하지 못함"),
    ("other", "다른 징후"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "마음대로 오가지 못해요."),
    ("minor-in-commercial-sex", "18세 미만인데 돈이나 다른 무엇인가를 대가로 성적으로 이용당해요."),
    ("unpaid-or-tips-only", "월급을 받지 못하거나 팁만 받아요."),
    ("not-paid-as-promised", "약속받은 만큼 돈을 받지 못해요."),
    ("excessive-hours", "쉬는 시간이나 쉬는 날 없이 아주 오래 일해요."),
    ("unpayable-debt", "절대 다 갚을 수 없는 큰 빚이 있어요."),
    ("false-promises", "일이나 월급에 대해 거짓말을 들었어요."),
    ("pressured-to-stay", "그만두고 싶은 일을 계속하라고 압박을 받아요."),
    ("pressured-into-sex-work", "압박이나 속임수 때문에 성매매를 하게 됐어요."),
    ("wants-out-but-cannot", "성매매를 그만두고 싶지만 무섭거나 그만둘 수 없어요."),
    ("heavy-security", "사는 곳이나 일하는 곳의 감시가 아주 심해요. 예를 들어 자물쇠, 창문의 쇠창살, 카메라, 경비원이 있어요."),
    ("lives-at-work", "일하는 곳에서 살아요."),
    ("moved-by-others", "다른 사람들이 이곳저곳으로 옮겨요."),
    ("dangerous-work", "안전 장비 없이 위험한 일을 해요."),
    ("overcrowded-employer-housing", "고용주가 마련한, 사람이 너무 많은 숙소에서 살아요."),
    ("fearful-or-anxious", "무서워하거나 불안해하거나 아주 긴장해 보여요."),
    ("submissive", "모든 일에서 누군가에게 복종하는 것 같아요."),
    ("avoids-eye-contact", "다른 사람과 눈을 마주치지 않아요."),
    ("fears-police", "경찰 이야기가 나오면 겁을 내요."),
    ("lacks-medical-care", "필요한 치료를 받지 못해요."),
    ("malnourished", "배고파 보이거나 잘 먹지 못한 것 같아요."),
    ("signs-of-abuse", "맞았거나 묶였거나 붙잡혀 있었던 흔적이 있어요."),
    ("exhausted", "늘 지쳐 보여요."),
    ("few-possessions", "자기 물건이 아주 적어요."),
    ("no-control-of-money", "자기 돈을 마음대로 쓰지 못해요."),
    ("id-held-by-others", "다른 사람이 그 사람의 여권이나 신분증을 가지고 있어요."),
    ("someone-speaks-for-them", "늘 다른 사람이 대신 말하거나 통역해요."),
    ("constantly-monitored", "누군가 직접 또는 전화로 늘 지켜봐요."),
    ("isolated", "가족, 친구나 지역 사회와 연락이 끊겼어요."),
    ("threatened", "누군가 해치겠다고, 또는 이민국에 신고하겠다고 위협해요."),
    ("has-pimp-or-manager", "포주나 “매니저”가 있어요."),
    ("controlling-partner", "나이가 훨씬 많거나 통제가 심한 연인 또는 “후원자”가 아무도 그 사람을 혼자 만나지 못하게 해요."),
    ("does-not-know-location", "자기가 어디에 있는지, 주소가 무엇인지 몰라요."),
    ("scripted-story", "하는 이야기가 외운 것 같거나 자꾸 바뀌어요."),
    ("lost-sense-of-time", "날짜나 그곳에 얼마나 있었는지 같은 시간 감각을 잃었어요."),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "원할 때 떠날 수 없어요."),
    ("documents-taken", "누군가 내 여권이나 신분증을 가져가서 돌려주지 않아요."),
    ("unpayable-debt", "절대 다 갚을 수 없는 빚이 있어요."),
    ("pay-withheld", "월급을 받지 못하거나, 다른 사람이 내 월급을 가져가요."),
    ("job-not-as-promised", "일이 약속받은 것과 달라요."),
    ("threatened", "누군가 나나 내 가족을 해치겠다고, 또는 이민국에 연락하겠다고 위협해요."),
    ("forced-sex", "누군가 나에게 성관계나 성매매를 강요해요."),
    ("under-18-sex", "나는 18세 미만이고, 돈, 음식, 잘 곳이나 다른 무엇인가를 받는 대가로 성관계를 해요."),
    ("watched-or-locked-in", "늘 감시당하거나 갇혀 있어요."),
    ("someone-speaks-for-you", "다른 사람이 나 대신 말하고, 내가 다른 사람과 단둘이 이야기하지 못하게 해요."),
    ("no-control-of-money", "다른 사람이 내 돈을 관리해요."),
];
