//! Chinese (Simplified) words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs describe someone else without a subject
//! (no 他 or 她), so they fit anyone and the tip form's checklist can use
//! them as they are; self-check statements speak to the reader ("您").

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "工作和生活条件"),
    ("behaviour", "情绪和行为"),
    ("health", "身体健康"),
    ("control", "失去自主"),
    ("other", "其他迹象"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "不能自由地进出。"),
    ("minor-in-commercial-sex", "未满 18 岁，被利用进行性交易来换取钱或任何其他东西。"),
    ("unpaid-or-tips-only", "没有工资，或者只能拿到小费。"),
    ("not-paid-as-promised", "拿到的工资不是当初答应的数目。"),
    ("excessive-hours", "工作时间非常长，没有休息，也没有休息日。"),
    ("unpayable-debt", "欠了一大笔永远还不清的债。"),
    ("false-promises", "在工作或工资上被骗了。"),
    ("pressured-to-stay", "想离开一份工作，却被施压留下。"),
    ("pressured-into-sex-work", "被施压或被骗去卖淫。"),
    ("wants-out-but-cannot", "想停止卖淫，但是害怕或做不到。"),
    ("heavy-security", "住的地方或工作的地方看守很严，比如有锁、窗户装了铁栏、摄像头或看守人员。"),
    ("lives-at-work", "住在工作的地方。"),
    ("moved-by-others", "被别人从一个地方带到另一个地方。"),
    ("dangerous-work", "做危险的工作，却没有安全装备。"),
    ("overcrowded-employer-housing", "住在老板提供的、非常拥挤的住处。"),
    ("fearful-or-anxious", "看起来害怕、紧张或非常不安。"),
    ("submissive", "好像什么事都要听某个人的。"),
    ("avoids-eye-contact", "不敢和人对视。"),
    ("fears-police", "一提到警察就害怕。"),
    ("lacks-medical-care", "得不到需要的医疗照顾。"),
    ("malnourished", "看起来很饿或吃不饱。"),
    ("signs-of-abuse", "身上有被打伤、被捆绑或被按住的痕迹。"),
    ("exhausted", "看起来总是非常疲惫。"),
    ("few-possessions", "自己的东西很少。"),
    ("no-control-of-money", "不能支配自己的钱。"),
    ("id-held-by-others", "护照或身份证件被别人拿着。"),
    ("someone-speaks-for-them", "总是由别人替这个人说话或翻译。"),
    ("constantly-monitored", "一直被人看着，当面或通过电话。"),
    ("isolated", "和家人、朋友或社区断了联系。"),
    ("threatened", "有人威胁要伤害这个人，或者要向移民局举报。"),
    ("has-pimp-or-manager", "有一个皮条客或“经理”。"),
    ("controlling-partner", "有一个年纪大很多或控制欲很强的伴侣或“担保人”，从来不让别人单独见这个人。"),
    ("does-not-know-location", "不知道自己在哪里，也不知道住址。"),
    ("scripted-story", "说的经历像是背好的，或者一直在变。"),
    ("lost-sense-of-time", "搞不清时间了，比如不知道日期，或者不知道自己在那里多久了。"),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "您想走的时候不能走。"),
    ("documents-taken", "有人拿走了您的护照或身份证件，不肯还给您。"),
    ("unpayable-debt", "您欠了一笔永远还不清的债。"),
    ("pay-withheld", "您没有工资，或者您的工资被别人拿走。"),
    ("job-not-as-promised", "这份工作和当初答应您的不一样。"),
    ("threatened", "有人威胁要伤害您或您的家人，或者要打电话给移民局。"),
    ("forced-sex", "有人逼您发生性行为或卖淫。"),
    ("under-18-sex", "您未满 18 岁，并且用性来换取钱、食物、住的地方或任何其他东西。"),
    ("watched-or-locked-in", "您一直被人看着，或者被锁在里面。"),
    ("someone-speaks-for-you", "总是别人替您说话，不让您单独和别人说话。"),
    ("no-control-of-money", "您的钱由别人控制。"),
];
