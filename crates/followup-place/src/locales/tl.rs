//! Ang follow-up (issue 16) sa Tagalog. Draft na may tulong ng makina,
//! naghihintay ng pagsusuri ng katutubong nagsasalita (docs/translations.md).
use crate::i18n::PlaceStrings;

/// Lahat ng salitang Tagalog ng follow-up.
pub static PLACE: PlaceStrings = PlaceStrings {
    making: "Ginagawa ang code mo. Ilang segundo ito.",
    code_label: "Ang reply code mo",
    keep_safe: "Itago lang ang code na ito kung ligtas para sa iyo. Mababasa ng sinumang may hawak nito ang isinusulat ng hotline sa iyo.",
    without_it: "Kung wala ito, walang makakasagot sa iyo. Ngayon lang ito ipapakita.",
    never_asked: "Hindi kailanman hihingin ng hotline ang code na ito sa tawag o text.",
    staff_languages: "Ang mga sagot ng hotline ay Ingles at Espanyol lang.",
    make_failed: "Hindi kami nakagawa ng code. Naipadala pa rin ang tip mo.",
    your_code: "Ang code mo",
    code_hint: "20 numero. Hindi mahalaga ang mga espasyo at gitling.",
    open: "Buksan",
    opening: "Binubuksan. Ilang segundo ito.",
    too_short: "Masyadong maikli ang code na ito. May 20 numero ang code.",
    too_long: "Masyadong mahaba ang code na ito. May 20 numero ang code.",
    not_digits: "Mga numero lang ng code mo ang ilagay.",
    opened_nothing: "Walang nabuksan ang code na ito. Tingnan ang bawat numero at subukan ulit. Hindi na rin gumagana ang code 90 araw matapos itong huling gamitin.",
    rate_limited: "Masyadong maraming subok ngayon. Maghintay ng isang minuto, saka subukan ulit.",
    failed: "May nangyaring mali. Tingnan ang koneksyon mo at subukan ulit.",
    messages: "Mga mensahe mula sa hotline",
    none_yet: "Wala pang mensahe. Tingnan ulit mamaya.",
    answer_label: "Ang sagot mo",
    send_answer: "Ipadala ang sagot",
    detail_label: "Magdagdag ng naaalala mo",
    send_detail: "Idagdag",
    sent: "Naipadala na. Salamat.",
    err_empty: "Sumulat muna ng kahit ano.",
    err_long: "Gawin itong {n} character o mas kaunti.",
    err_character: "May mga nakatagong character dito na hindi namin matatanggap. I-type ito sa halip na i-paste.",
};
