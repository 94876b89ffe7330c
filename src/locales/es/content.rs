//! Spanish words for the shared content, keyed by the ids in
//! `lantern_tip::catalog`. Signs describe someone else (no subject, as
//! Spanish allows), so the tip form's checklist can use them as they are;
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
    ("minor-in-commercial-sex", "Es menor de 18 años y la usan para sexo a cambio de dinero o de cualquier otra cosa."),
    ("unpaid-or-tips-only", "No le pagan, o solo recibe propinas."),
    ("not-paid-as-promised", "No le pagan lo que le prometieron."),
    ("excessive-hours", "Trabaja muchísimas horas sin descansos ni días libres."),
    ("unpayable-debt", "Tiene una deuda grande que nunca podrá pagar."),
    ("false-promises", "Le mintieron sobre el trabajo o el sueldo."),
    ("pressured-to-stay", "La presionan para quedarse en un trabajo que quiere dejar."),
    ("pressured-into-sex-work", "La presionaron o engañaron para vender sexo."),
    ("wants-out-but-cannot", "Quiere dejar de vender sexo pero tiene miedo o no puede."),
    ("heavy-security", "Donde vive o trabaja hay mucha seguridad, como cerraduras, rejas en las ventanas, cámaras o guardias."),
    ("lives-at-work", "Vive donde trabaja."),
    ("moved-by-others", "Otras personas la llevan de un lugar a otro."),
    ("dangerous-work", "Hace trabajos peligrosos sin equipo de seguridad."),
    ("overcrowded-employer-housing", "Vive amontonada en una vivienda que le da el patrón."),
    ("fearful-or-anxious", "Parece tener miedo, estar nerviosa o muy tensa."),
    ("submissive", "Parece obedecer a alguien en todo."),
    ("avoids-eye-contact", "Evita mirar a los ojos."),
    ("fears-police", "Se asusta cuando se habla de la policía."),
    ("lacks-medical-care", "No recibe la atención médica que necesita."),
    ("malnourished", "Parece tener hambre o estar mal alimentada."),
    ("signs-of-abuse", "Tiene señales de golpes, de haber estado atada o sujetada."),
    ("exhausted", "Parece agotada todo el tiempo."),
    ("few-possessions", "Tiene muy pocas cosas propias."),
    ("no-control-of-money", "No controla su propio dinero."),
    ("id-held-by-others", "Otra persona le guarda el pasaporte o la identificación."),
    ("someone-speaks-for-them", "Otra persona siempre habla o traduce por ella."),
    ("constantly-monitored", "Alguien la vigila todo el tiempo, en persona o por teléfono."),
    ("isolated", "Está aislada de su familia, sus amistades o la comunidad."),
    ("threatened", "Alguien amenaza con hacerle daño o con denunciarla a inmigración."),
    ("has-pimp-or-manager", "Tiene un proxeneta o un «mánager»."),
    ("controlling-partner", "Una pareja o «patrocinador» mucho mayor o controlador nunca deja que la vean a solas."),
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
