//! English words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs are about someone else ("they"), so the
//! tip form's checklist can use them as they are; self-check statements
//! speak to the reader ("you").

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "Work and living conditions"),
    ("behaviour", "Mood and behavior"),
    ("health", "Physical health"),
    ("control", "Lack of control"),
    ("other", "Other signs"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "They are not free to come and go."),
    ("minor-in-commercial-sex", "They are under 18 and are used for sex in exchange for money or anything else."),
    ("unpaid-or-tips-only", "They are not paid, or are paid only in tips."),
    ("not-paid-as-promised", "They are not paid what they were promised."),
    ("excessive-hours", "They work very long hours with no breaks or days off."),
    ("unpayable-debt", "They owe a big debt they can never pay off."),
    ("false-promises", "They were lied to about the job or the pay."),
    ("pressured-to-stay", "They are pressured to stay in a job they want to leave."),
    ("pressured-into-sex-work", "They were pressured or tricked into selling sex."),
    ("wants-out-but-cannot", "They want to stop selling sex but are scared or not able to."),
    ("heavy-security", "The place they live or work has heavy security, like locks, bars on windows, cameras or guards."),
    ("lives-at-work", "They live where they work."),
    ("moved-by-others", "Other people move them from place to place."),
    ("dangerous-work", "They do dangerous work without safety gear."),
    ("overcrowded-employer-housing", "They live in crowded housing that the boss provides."),
    ("fearful-or-anxious", "They seem afraid, nervous or very tense."),
    ("submissive", "They seem to obey someone in everything."),
    ("avoids-eye-contact", "They avoid looking people in the eye."),
    ("fears-police", "They get scared when police are mentioned."),
    ("lacks-medical-care", "They do not get the medical care they need."),
    ("malnourished", "They seem hungry or underfed."),
    ("signs-of-abuse", "They have signs of being hurt, tied up or held down."),
    ("exhausted", "They seem worn out all the time."),
    ("few-possessions", "They have very few things of their own."),
    ("no-control-of-money", "They have no control over their own money."),
    ("id-held-by-others", "Someone else keeps their passport or ID."),
    ("someone-speaks-for-them", "Someone else always speaks or translates for them."),
    ("constantly-monitored", "Someone watches them all the time, in person or by phone."),
    ("isolated", "They are cut off from family, friends or the community."),
    ("threatened", "Someone threatens to hurt them, or to report them to immigration."),
    ("has-pimp-or-manager", "They have a pimp or a “manager”."),
    ("controlling-partner", "A much older or controlling partner or “sponsor” never lets them be met alone."),
    ("does-not-know-location", "They do not know where they are or what their address is."),
    ("scripted-story", "Their story sounds rehearsed, or keeps changing."),
    ("lost-sense-of-time", "They have lost track of time, like the date or how long they have been there."),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "You cannot leave when you want to."),
    ("documents-taken", "Someone took your passport or ID and will not give it back."),
    ("unpayable-debt", "You owe a debt that you can never pay off."),
    ("pay-withheld", "You are not paid, or someone else keeps your pay."),
    ("job-not-as-promised", "The job is not what you were promised."),
    ("threatened", "Someone threatens to hurt you or your family, or to call immigration."),
    ("forced-sex", "Someone makes you have sex or sell sex."),
    ("under-18-sex", "You are under 18 and you have sex in exchange for money, food, a place to stay or anything else."),
    ("watched-or-locked-in", "You are watched all the time, or locked in."),
    ("someone-speaks-for-you", "Someone else speaks for you and does not let you talk to people alone."),
    ("no-control-of-money", "Someone else controls your money."),
];
