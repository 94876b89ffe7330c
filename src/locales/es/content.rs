//! Spanish words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs describe someone else (no subject, as
//! Spanish allows), so the tip form's checklist can use them as they are,
//! in words that fit anyone: no feminine or masculine adjective or pronoun
//! for that person ("le", "su", "en su lugar"; a host test checks);
//! self-check statements speak to the reader ("tú").

/// Headings of the sign groups, keyed by `SignGroup::id`.
pub static SIGN_GROUPS: &[(&str, &str)] = &[
    ("work-and-living", "Condiciones de trabajo y de vida"),
    ("behaviour", "Estado de ánimo y comportamiento"),
    ("health", "Salud física"),
    ("control", "Falta de control"),
    ("other", "Otras señales"),
];

/// Warning signs, keyed by catalog id.
pub static SIGNS: &[(&str, &str)] = &[
    ("not-free-to-leave", "No puede ir y venir con libertad."),
    ("minor-in-commercial-sex", "Es menor de 18 años y le hacen tener sexo a cambio de dinero o de cualquier otra cosa."),
    ("unpaid-or-tips-only", "No le pagan, o solo recibe propinas."),
    ("not-paid-as-promised", "No le pagan lo que le prometieron."),
    ("excessive-hours", "Trabaja muchísimas horas sin descansos ni días libres."),
    ("unpayable-debt", "Tiene una deuda grande que nunca podrá pagar."),
    ("false-promises", "Le mintieron sobre el trabajo o el sueldo."),
    ("pressured-to-stay", "Le meten presión para que siga en un trabajo que quiere dejar."),
    ("pressured-into-sex-work", "Le hicieron vender sexo con presiones o mentiras."),
    ("wants-out-but-cannot", "Quiere dejar de vender sexo pero tiene miedo o no puede."),
    ("heavy-security", "Donde vive o trabaja hay mucha seguridad, como cerraduras, rejas en las ventanas, cámaras o guardias."),
    ("lives-at-work", "Vive donde trabaja."),
    ("moved-by-others", "Otras personas le hacen ir de un lugar a otro."),
    ("dangerous-work", "Hace trabajos peligrosos sin equipo de seguridad."),
    ("overcrowded-employer-housing", "Vive en una vivienda que le da el patrón, con demasiada gente."),
    ("fearful-or-anxious", "Parece tener miedo, nervios o mucha tensión."),
    ("submissive", "Parece obedecer a alguien en todo."),
    ("avoids-eye-contact", "Evita mirar a los ojos."),
    ("fears-police", "Se asusta cuando se habla de la policía."),
    ("lacks-medical-care", "No recibe la atención médica que necesita."),
    ("malnourished", "Parece tener hambre o no comer lo suficiente."),
    ("signs-of-abuse", "Tiene marcas de golpes o de ataduras, u otras señales de maltrato."),
    ("exhausted", "Parece no tener fuerzas en ningún momento."),
    ("few-possessions", "Tiene muy pocas cosas propias."),
    ("no-control-of-money", "No controla su propio dinero."),
    ("id-held-by-others", "Otra persona le guarda el pasaporte o la identificación."),
    ("someone-speaks-for-them", "Otra persona siempre habla o traduce en su lugar."),
    ("constantly-monitored", "Alguien vigila todo lo que hace, en persona o por teléfono."),
    ("isolated", "No tiene contacto con su familia, sus amistades o la comunidad."),
    ("threatened", "Alguien amenaza con hacerle daño o con llamar a inmigración."),
    ("has-pimp-or-manager", "Tiene un proxeneta o un «mánager»."),
    ("controlling-partner", "Una pareja o un «patrocinador» mucho mayor, o que lo controla todo, nunca deja que nadie le hable a solas."),
    ("does-not-know-location", "No sabe dónde está ni cuál es su dirección."),
    ("scripted-story", "Su historia suena ensayada o cambia cada vez."),
    ("lost-sense-of-time", "Perdió la noción del tiempo, como la fecha o cuánto tiempo lleva allí."),
];

/// "Is this happening to me?" statements, keyed by catalog id.
pub static SELF_CHECKS: &[(&str, &str)] = &[
    ("cannot-leave", "No puedes irte cuando quieres."),
    ("documents-taken", "Alguien te quitó el pasaporte o la identificación y no te lo devuelve."),
    ("unpayable-debt", "Tienes una deuda que nunca vas a poder pagar."),
    ("pay-withheld", "No te pagan, o alguien se queda con tu sueldo."),
    ("job-not-as-promised", "El trabajo no es lo que te prometieron."),
    ("threatened", "Alguien amenaza con hacerte daño a ti o a tu familia, o con llamar a inmigración."),
    ("forced-sex", "Alguien te obliga a tener sexo o a vender sexo."),
    ("under-18-sex", "Tienes menos de 18 años y tienes sexo a cambio de dinero, comida, un lugar donde quedarte o cualquier otra cosa."),
    ("watched-or-locked-in", "Te vigilan todo el tiempo, o te encierran."),
    ("someone-speaks-for-you", "Otra persona habla por ti y no te deja hablar a solas con nadie."),
    ("no-control-of-money", "Otra persona controla tu dinero."),
];

/// Words that give the person described a gender: a feminine or masculine
/// adjective or participle, or a pronoun ("la vigila", "por ella"). Whole
/// words, lower case. Issue 14 found the signs written for a woman
/// throughout.
#[cfg(test)]
pub(crate) fn gendered_words(text: &str) -> Vec<String> {
    const STEMS: &[&str] = &[
        "aislad",
        "agotad",
        "cansad",
        "nervios",
        "asustad",
        "alimentad",
        "atad",
        "sujetad",
        "amontonad",
        "obligad",
        "engañad",
        "retenid",
        "encerrad",
        "vigilad",
        "amenazad",
        "preocupad",
        "sord",
        "segur",
        "controlad",
        "explotad",
    ];
    const PHRASES: &[&str] = &[
        "por ella",
        "por él",
        "denunciarla",
        "denunciarlo",
        "la usan",
        "lo usan",
        "la presionan",
        "lo presionan",
        "la presionaron",
        "lo presionaron",
        "la llevan",
        "lo llevan",
        "la vigila",
        "lo vigila",
        "la vean",
        "lo vean",
    ];
    let lower = text.to_lowercase();
    let mut found: Vec<String> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| {
            STEMS.iter().any(|stem| {
                word.strip_prefix(stem)
                    .is_some_and(|end| matches!(end, "a" | "o" | "as" | "os"))
            })
        })
        .map(str::to_owned)
        .collect();
    found.extend(
        PHRASES
            .iter()
            .filter(|p| lower.contains(*p))
            .map(|p| (*p).to_owned()),
    );
    found
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_check_finds_what_issue_14_found() {
        assert_eq!(
            gendered_words("Parece agotada todo el tiempo."),
            ["agotada"]
        );
        assert_eq!(
            gendered_words("Otra persona siempre habla o traduce por ella."),
            ["por ella"]
        );
        assert_eq!(gendered_words("Está aislado de su familia."), ["aislado"]);
        assert!(gendered_words("Parece tener miedo, nervios o mucha tensión.").is_empty());
    }

    #[test]
    fn the_signs_fit_anyone() {
        for (id, words) in SIGNS {
            assert_eq!(gendered_words(words), Vec::<String>::new(), "{id}: {words}");
        }
    }

    #[test]
    fn the_forms_choices_fit_anyone() {
        let t = crate::i18n::strings(crate::i18n::Lang::Es).form;
        let mut all: Vec<&str> = t.kinds.to_vec();
        all.extend(t.reporters);
        all.extend(t.venues.iter().map(|(_, words)| *words));
        for words in all {
            assert_eq!(gendered_words(words), Vec::<String>::new(), "{words}");
        }
    }

    /// The follow-up's words (issue 16) address the reader as "usted" and
    /// never give them a gender ("anónimo", "seguro").
    #[test]
    fn the_followups_words_fit_anyone() {
        let f = crate::i18n::strings(crate::i18n::Lang::Es).followup;
        // The screens' words are in their own module (crates/followup-place).
        let p = lantern_followup_place::i18n::strings(crate::i18n::Lang::Es);
        for words in [
            f.offer, f.load_failed, p.making, p.keep_safe, p.without_it, p.never_asked,
            p.make_failed, p.opened_nothing, p.rate_limited, p.failed, p.none_yet, p.sent,
            p.err_empty,
        ] {
            assert_eq!(gendered_words(words), Vec::<String>::new(), "{words}");
        }
        assert_eq!(gendered_words("Sigue siendo anónimo y seguro."), ["seguro"]);
    }
}
