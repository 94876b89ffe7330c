//! Ang follow-up (issue 16) sa Tagalog. Draft na may tulong ng makina,
//! naghihintay ng pagsusuri ng katutubong nagsasalita (docs/translations.md).
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// Lahat ng salitang Tagalog ng follow-up.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "Baka may tanong ang hotline para sa iyo. Kapag may reply code ka, puwede silang sumulat sa iyo dito at puwede kang sumagot. Hindi mo pa rin kailangang ibigay ang pangalan mo.",
    offer_button: "Kumuha ng reply code",
    check: "Tingnan kung may sagot",
    loading: "Naglo-load…",
    load_failed: "May nangyaring mali. Tingnan ang koneksyon mo at subukan ulit.",
};
