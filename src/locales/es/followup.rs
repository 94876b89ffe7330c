//! El seguimiento (issue 16) en español: palabras sencillas, frases cortas,
//! sin dar género a quien lee.
//!
//! The widget's own few words of it: the offers that load the follow-up's
//! screens (`crates/followup-place`), which hold the rest.
use crate::i18n::FollowupStrings;

/// Todos los textos del seguimiento en español.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "La línea de ayuda puede tener una pregunta para usted. Con un código de respuesta, pueden escribirle aquí y usted puede contestar. Sigue sin dar su nombre.",
    offer_button: "Obtener un código de respuesta",
    check: "Ver si hay respuesta",
    loading: "Cargando…",
    load_failed: "Algo salió mal. Revise su conexión e intente otra vez.",
};
