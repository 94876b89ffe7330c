//! El seguimiento (issue 16) en español: palabras sencillas, frases cortas.
use crate::followup::words::FollowupStrings;

/// Todos los textos del seguimiento en español.
pub static FOLLOWUP: FollowupStrings = FollowupStrings {
    offer: "La línea de ayuda puede tener preguntas. Con un código de respuesta, pueden escribirle aquí y usted puede contestar. Sigue siendo anónimo.",
    offer_button: "Obtener un código de respuesta",
    making: "Creando su código. Tarda unos segundos.",
    code_label: "Su código de respuesta",
    keep_safe: "Guarde este código solo si es seguro para usted. Quien lo tenga puede leer los mensajes que le envía la línea de ayuda.",
    without_it: "Sin él, nadie puede responderle. No podemos enviarlo de nuevo.",
    never_asked: "La línea de ayuda nunca le pedirá este código por teléfono ni por mensaje.",
    make_failed: "No pudimos crear un código. Su aviso sí se envió.",
    check: "Ver si hay respuesta",
    your_code: "Su código",
    code_hint: "20 números. Los espacios no importan.",
    open: "Abrir",
    opening: "Abriendo. Tarda unos segundos.",
    too_short: "Este código es muy corto. Tiene 20 números.",
    too_long: "Este código es muy largo. Tiene 20 números.",
    not_digits: "Use solo los números de su código.",
    opened_nothing: "Este código no abrió nada. Revise los números e intente otra vez.",
    failed: "Algo salió mal. Intente de nuevo en un momento.",
    messages: "Mensajes de la línea de ayuda",
    none_yet: "Todavía no hay mensajes. Vuelva a mirar más tarde.",
    answer_label: "Su respuesta",
    send_answer: "Enviar respuesta",
    detail_label: "Agregar algo que recuerde",
    send_detail: "Agregar",
    sent: "Enviado. Gracias.",
    close: "Cerrar",
};
